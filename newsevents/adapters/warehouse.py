"""The warehouse tables in the lakehouse: schema from the contracts, and a night as one transaction.

Grain of storage: every table is partitioned by `partition_date` (the night that produced the row), and a
night only ever replaces whole partitions: it deletes every row of a partition and inserts the partition's
new rows as one Arrow table (one Parquet file per table and partition). DuckLake then drops the old file
and adds the new one; no delete files are ever written, so the Parquet files a snapshot lists are exactly
its rows. A partition whose new rows equal its current rows is left alone, so a rerun that changes
nothing writes nothing (and commits no new DuckLake snapshot).

`load_night` replaces, in one transaction:

- the night's partition of every table (`actors` aside), and of `staging.stg_actors` (the night's codings);
- later partitions holding articles this night reclaims (an article belongs to the earliest night that saw
  it: a backfill of an earlier night takes them back, and those later partitions are rewritten without them);
- the partitions of `actors` whose rows change. `actors` holds one row per actor across nights: the most
  confident coding in `stg_actors`, then the latest night's; the row sits in the partition of the earliest
  night that produced that same coding. Only actors coded tonight (or losing codings to a reclaim) are
  recomputed, and only partitions holding a row that appears, disappears or changes are rewritten, so a night
  costs its own actors, not the whole table, and an actor coded as before costs nothing.

Concurrent writers (a PostgreSQL catalog shared by several machines) are serialised by DuckLake itself: every
night that changes anything also rewrites the one-row `staging.night_guard`, so two nights in flight always
delete from the same file and the later commit is refused as a conflict; `load_night` then rolls back and
redoes the night on the new state.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from newsevents import __version__
from newsevents.adapters.code_tables import code_tables
from newsevents.adapters.lakehouse import (
    ALIAS,
    MAIN,
    STAGING,
    CatalogMissingError,
    connect,
    current_version,
    is_conflict,
    last_committed_version,
)
from newsevents.config import Settings
from newsevents.core.contracts import ALL_TABLES, CODE_TABLES, DUPLICATE_ARTICLES, STG_ACTORS, TableContract
from newsevents.core.render import duckdb_type
from newsevents.extract.ids import duplicate_id_for

#: Analyst views, shipped with the package (one or more CREATE OR REPLACE VIEW per file, run in name order).
VIEWS_DIR = Path(__file__).resolve().parent / "views"
#: Tables keyed by article: an article reclaimed by an earlier night leaves their later partitions.
ARTICLE_TABLES = tuple(c for c in ALL_TABLES if "article_id" in c.columns)
#: The tables a night replaces its own partition of (`actors` is derived from stg_actors instead).
NIGHT_TABLES = tuple((MAIN, c) for c in ALL_TABLES if c.name != "actors") + ((STAGING, STG_ACTORS),)
GUARD_TABLE = "night_guard"
GUARD_DDL = (f"CREATE TABLE {ALIAS}.{STAGING}.{GUARD_TABLE} "
             "(logical_date DATE NOT NULL, code_version VARCHAR NOT NULL, changes VARCHAR NOT NULL)")
#: Conflicting commits (several writers on one PostgreSQL catalog) are redone this many times.
CONFLICT_RETRIES = 6
_VIEW_NAME = re.compile(r"CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)", re.IGNORECASE)
log = logging.getLogger("newsevents")

_CODING = [f.name for f in STG_ACTORS.schema if f.name not in ("actor_id", "partition_date")]
#: The winning coding of each touched actor: the most confident, then the latest night's (as `actors` promises).
#: Its row sits in the partition of the EARLIEST night that produced that same coding: a night that codes an
#: actor exactly as before leaves its row (and that row's partition) alone, so `actors` only changes where a
#: coding does.
WINNERS_SQL = f"""
WITH codings AS (
    SELECT * FROM {ALIAS}.{STAGING}.{STG_ACTORS.name} WHERE actor_id IN (SELECT actor_id FROM touched_ids)
), best AS (
    SELECT * EXCLUDE (rn) FROM (
        SELECT *, row_number() OVER (
            PARTITION BY actor_id
            ORDER BY coding_confidence DESC, partition_date DESC, cameo_code NULLS LAST, name
        ) AS rn
        FROM codings
    ) WHERE rn = 1
), first_night AS (
    SELECT c.actor_id, min(c.partition_date) AS partition_date
    FROM codings c JOIN best b ON c.actor_id = b.actor_id
        AND {" AND ".join(f"c.{col} IS NOT DISTINCT FROM b.{col}" for col in _CODING)}
    GROUP BY c.actor_id
)
SELECT b.* REPLACE (f.partition_date AS partition_date) FROM best b JOIN first_night f USING (actor_id)
"""


def qualified(schema: str, contract: TableContract) -> str:
    return f"{ALIAS}.{schema}.{contract.name}"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --------------------------------------------------------------------------- schema
def create_table_sql(schema: str, contract: TableContract) -> str:
    """CREATE TABLE for the lakehouse (DuckLake has no primary keys: the gate checks keys, partitions keep
    them unique)."""
    columns = ",\n".join(f"    {f.name} {duckdb_type(f.type)}{'' if f.nullable else ' NOT NULL'}"
                         for f in contract.schema)
    return f"CREATE TABLE {qualified(schema, contract)} (\n{columns}\n)"


def _comment_sql(schema: str, contract: TableContract) -> list[str]:
    """Table and column descriptions from the contract, so analysts see them in duckdb_columns()."""
    target = qualified(schema, contract)
    out = [f"COMMENT ON TABLE {target} IS {_quote(contract.description)}"]
    for fld in contract.schema:
        description = (fld.metadata or {}).get(b"description", b"").decode()
        if description:
            out.append(f"COMMENT ON COLUMN {target}.{fld.name} IS {_quote(description)}")
    return out


def _existing_columns(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], set[str]]:
    rows = con.execute("SELECT schema_name, table_name, column_name FROM duckdb_columns() "
                       "WHERE database_name = ?", [ALIAS]).fetchall()
    out: dict[tuple[str, str], set[str]] = {}
    for schema, table, column in rows:
        out.setdefault((schema, table), set()).add(column)
    return out


def _ensure_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create missing tables (partitioned by night, described) and add columns a newer contract declares."""
    existing = _existing_columns(con)
    done = []
    if not existing:  # a new lakehouse: no inlining, ever, whoever writes (see lakehouse.py)
        con.execute(f"CALL {ALIAS}.set_option('data_inlining_row_limit', 0)")
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {ALIAS}.{STAGING}")
    for schema, contract in [(MAIN, c) for c in ALL_TABLES] + [(STAGING, STG_ACTORS)]:
        columns = existing.get((schema, contract.name))
        if columns is None:
            con.execute(create_table_sql(schema, contract))
            con.execute(f"ALTER TABLE {qualified(schema, contract)} SET PARTITIONED BY (partition_date)")
            for statement in _comment_sql(schema, contract):
                con.execute(statement)
            done.append(f"created {schema}.{contract.name}")
            continue
        for fld in contract.schema:
            if fld.name not in columns:  # schema evolution: new columns are nullable for the old rows
                con.execute(f"ALTER TABLE {qualified(schema, contract)} ADD COLUMN {fld.name} "
                            f"{duckdb_type(fld.type)}")
                done.append(f"added {schema}.{contract.name}.{fld.name}")
    if (STAGING, GUARD_TABLE) not in existing:
        # one row from the start: every night deletes it, so even the first two nights conflict
        con.execute(GUARD_DDL)
        con.execute(f"INSERT INTO {ALIAS}.{STAGING}.{GUARD_TABLE} VALUES (DATE '1970-01-01', ?, '{{}}')",
                    [__version__])
    return done


def views_fingerprint() -> str:
    """SHA-256 over the shipped view SQL; stored as each view's comment to know when to recreate them."""
    digest = hashlib.sha256()
    for sql_file in sorted(VIEWS_DIR.glob("*.sql")):
        digest.update(sql_file.name.encode() + b"\0" + sql_file.read_bytes())
    return f"newsevents views sha256:{digest.hexdigest()[:16]}"


def _ensure_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create the analyst views in the catalog when they are missing or the shipped SQL changed."""
    wanted = views_fingerprint()
    files = sorted(VIEWS_DIR.glob("*.sql"))
    names = [name for f in files for name in _VIEW_NAME.findall(f.read_text(encoding="utf-8"))]
    comments = dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE database_name = ? "
                                "AND schema_name = ?", [ALIAS, MAIN]).fetchall())
    if names and all(comments.get(n) == wanted for n in names):
        return []
    for sql_file in files:  # the connection USEs the catalog, so the views land in newsevents.main
        con.execute(sql_file.read_text(encoding="utf-8"))
    for name in names:
        con.execute(f"COMMENT ON VIEW {ALIAS}.{MAIN}.{name} IS {_quote(wanted)}")
    return [f"views {', '.join(names)}"]


def refresh_code_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The code tables (CAMEO, roles, PLOVER, reject reasons, enumerations) as the package derives them:
    created when missing, replaced whole when their rows differ, left alone (nothing written) otherwise."""
    existing = _existing_columns(con)
    done = []
    for contract in CODE_TABLES:
        wanted = code_tables()[contract.name]
        target = qualified(MAIN, contract)
        if (MAIN, contract.name) not in existing:
            con.execute(create_table_sql(MAIN, contract))
            for statement in _comment_sql(MAIN, contract):
                con.execute(statement)
        else:
            order = ", ".join(contract.key)
            current = con.execute(f"SELECT {', '.join(contract.columns)} FROM {target} ORDER BY {order}")
            if current.to_arrow_table().cast(contract.schema).equals(wanted):
                continue
            con.execute(f"DELETE FROM {target}")
        con.register("code_rows", wanted)
        con.execute(f"INSERT INTO {target} SELECT * FROM code_rows")
        con.unregister("code_rows")
        done.append(f"code table {contract.name}")
    return done


def ensure_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables, code tables and views as the contracts and views/ declare them; what had to change (empty:
    nothing)."""
    return _ensure_tables(con) + refresh_code_tables(con) + _ensure_views(con)


# --------------------------------------------------------------------------- partitions
def canonical(table: pa.Table, contract: TableContract) -> pa.Table:
    """The contract's columns and types, sorted by key: the one form rows are compared and written in."""
    table = table.select(contract.schema.names).cast(contract.schema)
    order = list(contract.key) + ([] if "partition_date" in contract.key else ["partition_date"])
    return table.sort_by([(k, "ascending") for k in order]) if table.num_rows else table


def read_partition(con: duckdb.DuckDBPyConnection, schema: str, contract: TableContract, night: date,
                   where: str = "", params: tuple = ()) -> pa.Table:
    """One partition (optionally filtered) of a table, in canonical form."""
    cols = ", ".join(contract.schema.names)
    extra = f" AND {where}" if where else ""
    table = con.execute(f"SELECT {cols} FROM {qualified(schema, contract)} WHERE partition_date = ?{extra}",
                        [night, *params]).to_arrow_table()
    return canonical(table, contract)


def replace_partition(con: duckdb.DuckDBPyConnection, schema: str, contract: TableContract, night: date,
                      rows: pa.Table, changes: dict[str, list[str]]) -> bool:
    """Make partition `night` hold exactly `rows`: delete it whole and insert them as one Arrow table (never
    row by row: each insert is a file). Untouched when it already holds them. Records what it rewrote."""
    new = canonical(rows, contract)
    if read_partition(con, schema, contract, night).equals(new):
        return False
    target = qualified(schema, contract)
    con.execute(f"DELETE FROM {target} WHERE partition_date = ?", [night])
    if new.num_rows:
        con.register("partition_rows", new)
        cols = ", ".join(contract.schema.names)
        con.execute(f"INSERT INTO {target} ({cols}) SELECT {cols} FROM partition_rows")
        con.unregister("partition_rows")
    changes.setdefault(f"{schema}.{contract.name}", []).append(night.isoformat())
    return True


# --------------------------------------------------------------------------- the night's pieces
def _ids(table: pa.Table, column: str) -> set[str]:
    return set(table.column(column).to_pylist()) if table.num_rows else set()


class StaleNightError(RuntimeError):
    """The night's candidate holds articles an earlier night committed after this night's extract ran (two
    nights in flight at once): loading it would put one article in two partitions. Rerun the night."""


def _refuse_articles_of_earlier_nights(con: duckdb.DuckDBPyConnection, night: date) -> None:
    rows = con.execute(f"SELECT partition_date, count(*) FROM {ALIAS}.{MAIN}.articles WHERE partition_date < ? "
                       "AND article_id IN (SELECT article_id FROM incoming_ids) GROUP BY 1 ORDER BY 1",
                       [night]).fetchall()
    if rows:
        held = ", ".join(f"{n} on {d}" for d, n in rows)
        raise StaleNightError(f"night {night}: {held} of its articles were loaded by earlier nights after its "
                              "extract ran (nights run at once?); rerun the night from extract")


def _later_nights_holding(con: duckdb.DuckDBPyConnection, night: date) -> list[date]:
    """Later nights whose articles partition holds an article of `incoming_ids`."""
    rows = con.execute(f"SELECT DISTINCT partition_date FROM {ALIAS}.{MAIN}.articles WHERE partition_date > ? "
                       "AND article_id IN (SELECT article_id FROM incoming_ids) ORDER BY 1", [night]).fetchall()
    return [r[0] for r in rows]


def _later_nights_referring(con: duckdb.DuckDBPyConnection, night: date) -> list[date]:
    """Later nights that hold an article of `incoming_ids` or a duplicate of one first seen after `night`."""
    rows = con.execute(
        f"SELECT partition_date FROM {ALIAS}.{MAIN}.articles WHERE partition_date > ? "
        "AND article_id IN (SELECT article_id FROM incoming_ids) "
        f"UNION SELECT partition_date FROM {ALIAS}.{MAIN}.{DUPLICATE_ARTICLES.name} WHERE partition_date > ? "
        "AND first_seen_date > ? AND duplicate_of IN (SELECT article_id FROM incoming_ids) ORDER BY 1",
        [night, night, night]).fetchall()
    return [r[0] for r in rows]


def _reclaimed_duplicates(con: duckdb.DuckDBPyConnection, later: date, night: date) -> pa.Table:
    """A later night's `duplicate_articles` as if the nights had run in order: its records of the articles
    tonight reclaims become duplicates first seen tonight, and its duplicates of them now point at tonight."""
    incoming = {r[0] for r in con.execute("SELECT article_id FROM incoming_ids").fetchall()}
    rows = read_partition(con, MAIN, DUPLICATE_ARTICLES, later).to_pylist()
    for row in rows:
        if row["duplicate_of"] in incoming and row["first_seen_date"] > night:
            row["first_seen_date"] = night
    moved = con.execute(f"SELECT article_id, input_ref FROM {ALIAS}.{MAIN}.articles WHERE partition_date = ? "
                        "AND article_id IN (SELECT article_id FROM incoming_ids)", [later]).fetchall()
    rows += [{"duplicate_id": duplicate_id_for(partition_date=later, input_ref=ref), "input_ref": ref,
              "duplicate_of": article_id, "kind": "already_loaded", "first_seen_date": night,
              "partition_date": later} for article_id, ref in moved]
    return DUPLICATE_ARTICLES.from_rows(rows)


def _drop_unused_codings(con: duckdb.DuckDBPyConnection, night: date, changes: dict) -> set[str]:
    """After a reclaim: a later night's actor codings that none of its remaining mentions uses came only from
    the reclaimed articles; drop them. Returns the actors whose codings went."""
    codings = read_partition(con, STAGING, STG_ACTORS, night)
    kept = read_partition(con, STAGING, STG_ACTORS, night,
                          f"actor_id IN (SELECT actor_id FROM {ALIAS}.{MAIN}.actor_mentions "
                          "WHERE partition_date = ?)", (night,))
    replace_partition(con, STAGING, STG_ACTORS, night, kept, changes)
    return _ids(codings, "actor_id") - _ids(kept, "actor_id")


def reclaim_articles(con: duckdb.DuckDBPyConnection, articles: pa.Table, night: date, changes: dict) -> set[str]:
    """Take tonight's articles back from later nights (a backfill run after them): rewrite each such later
    partition of every article-keyed table whole, without them. Refuses articles an earlier night holds
    (StaleNightError). Returns the actors whose codings changed."""
    if not articles.num_rows:
        return set()
    con.register("incoming_ids", articles.select(["article_id"]))
    touched: set[str] = set()
    try:
        _refuse_articles_of_earlier_nights(con, night)
        for later in _later_nights_referring(con, night):
            replace_partition(con, MAIN, DUPLICATE_ARTICLES, later, _reclaimed_duplicates(con, later, night),
                              changes)
        for later in _later_nights_holding(con, night):
            for contract in ARTICLE_TABLES:
                kept = read_partition(con, MAIN, contract, later,
                                      "article_id NOT IN (SELECT article_id FROM incoming_ids)")
                replace_partition(con, MAIN, contract, later, kept, changes)
            touched |= _drop_unused_codings(con, later, changes)
    finally:
        con.unregister("incoming_ids")
    return touched


def replace_night(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], night: date,
                  changes: dict) -> set[str]:
    """Tonight's partition of every table (stg_actors gets the night's actor codings). Returns the actors
    whose codings tonight may have changed (before or after)."""
    touched = _ids(read_partition(con, STAGING, STG_ACTORS, night), "actor_id")
    for schema, contract in NIGHT_TABLES:
        source = "actors" if contract is STG_ACTORS else contract.name
        replace_partition(con, schema, contract, night, tables.get(source, contract.empty()), changes)
    return touched | _ids(tables.get("actors", STG_ACTORS.empty()), "actor_id")


def refresh_actors(con: duckdb.DuckDBPyConnection, touched: set[str], changes: dict) -> None:
    """Recompute the winning coding of the touched actors and rewrite every `actors` partition where a row
    appears, disappears or changes; other partitions and actors stay as they are."""
    if not touched:
        return
    actors = next(c for c in ALL_TABLES if c.name == "actors")
    con.register("touched_ids", pa.table({"actor_id": sorted(touched)}))
    try:
        winners = canonical(con.execute(WINNERS_SQL).to_arrow_table(), actors)
        con.register("winners", winners)
        cols = ", ".join(actors.schema.names)
        current = f"SELECT {cols} FROM {ALIAS}.{MAIN}.actors WHERE actor_id IN (SELECT actor_id FROM touched_ids)"
        affected = [r[0] for r in con.execute(
            f"SELECT DISTINCT partition_date FROM ((SELECT {cols} FROM winners EXCEPT {current}) "
            f"UNION ALL ({current} EXCEPT SELECT {cols} FROM winners)) ORDER BY 1").fetchall()]
        for night in affected:
            others = read_partition(con, MAIN, actors, night, "actor_id NOT IN (SELECT actor_id FROM touched_ids)")
            mine = con.execute(f"SELECT {cols} FROM winners WHERE partition_date = ?", [night]).to_arrow_table()
            replace_partition(con, MAIN, actors, night, pa.concat_tables([others, canonical(mine, actors)]),
                              changes)
        con.unregister("winners")
    finally:
        con.unregister("touched_ids")


def _record_night(con: duckdb.DuckDBPyConnection, night: date, changes: dict) -> None:
    """The writer guard (see the module docstring) and the DuckLake commit message naming the night."""
    summary = json.dumps({"logical_date": night.isoformat(), "code_version": __version__, "changes": changes},
                         sort_keys=True)
    con.execute(f"DELETE FROM {ALIAS}.{STAGING}.{GUARD_TABLE}")
    con.execute(f"INSERT INTO {ALIAS}.{STAGING}.{GUARD_TABLE} VALUES (?, ?, ?)", [night, __version__, summary])
    con.execute(f"CALL {ALIAS}.set_commit_message('newsevents', ?, extra_info => ?)",
                [f"night {night.isoformat()}", summary])


# --------------------------------------------------------------------------- the night
def _load_night_once(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], night: date) -> dict:
    con.execute("BEGIN TRANSACTION")
    schema_changes = ensure_schema(con)
    read_version = current_version(con)
    changes: dict[str, list[str]] = {}
    touched = reclaim_articles(con, tables.get("articles", pa.table({"article_id": pa.array([], pa.string())})),
                               night, changes)
    touched |= replace_night(con, tables, night, changes)
    refresh_actors(con, touched, changes)
    if changes:
        _record_night(con, night, changes)
    con.execute("COMMIT")
    committed = bool(changes or schema_changes)
    return {"version": last_committed_version(con) if committed else read_version, "committed": committed,
            "changes": changes, "schema_changes": schema_changes}


def load_night(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], night: date) -> dict:
    """Replace the night in one DuckLake transaction (see the module docstring); redo it on a conflicting
    concurrent commit. Returns the DuckLake snapshot version that holds the night and what changed."""
    for attempt in range(CONFLICT_RETRIES + 1):
        try:
            return _load_night_once(con, tables, night)
        except duckdb.Error as exc:
            _rollback(con)
            if not is_conflict(exc) or attempt == CONFLICT_RETRIES:
                raise
            wait = 0.2 * 2 ** attempt
            log.warning("load: night %s conflicts with a concurrent commit, redoing it in %.1f s (%s)",
                        night, wait, str(exc).splitlines()[-1])
            time.sleep(wait)
    raise AssertionError("unreachable")


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:  # the failed COMMIT already ended the transaction
        pass


# --------------------------------------------------------------------------- reads
def known_article_ids(settings: Settings, *, exclude_date: date) -> dict[str, date]:
    """Article ids the warehouse holds from EARLIER nights, with the night each was loaded: they are not
    processed again (and are recorded as duplicates). A rerun reprocesses its own night, and a backfill of an
    earlier night reclaims articles first loaded later."""
    try:
        with connect(settings, read_only=True) as con:
            if not has_table(con, MAIN, "articles"):
                return {}
            rows = con.execute(f"SELECT article_id, partition_date FROM {ALIAS}.{MAIN}.articles "
                               "WHERE partition_date < ?", [exclude_date]).fetchall()
    except CatalogMissingError:
        return {}
    return dict(rows)


def has_table(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = ? AND schema_name = ? "
                            "AND table_name = ?", [ALIAS, schema, name]).fetchall()[0][0])


def read_table_at(con: duckdb.DuckDBPyConnection, contract: TableContract, version: int,
                  schema: str = MAIN) -> pa.Table:
    """A whole table as of a DuckLake snapshot, in canonical form (time travel)."""
    cols = ", ".join(contract.schema.names)
    table = con.execute(f"SELECT {cols} FROM {qualified(schema, contract)} AT (VERSION => {int(version)})"
                        ).to_arrow_table()
    return canonical(table, contract)
