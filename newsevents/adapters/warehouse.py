"""DuckDB warehouse: DDL from the contracts, idempotent partition loads, analyst views.

The warehouse file is never modified in place by a run. `stage_load` copies it to
`warehouse.next.duckdb` and loads the run's partition there in one transaction;
`promote` swaps it in only after the snapshot is published, so a run that fails
anywhere leaves the analysts' warehouse exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from newsevents.adapters.storage import warehouse_path
from newsevents.core.contracts import ALL_TABLES, DUPLICATE_ARTICLES, STG_ACTORS, TableContract, warehouse_ddl
from newsevents.extract.ids import duplicate_id_for

#: Analyst views, shipped with the package (one CREATE OR REPLACE VIEW per file, run in name order).
VIEWS_DIR = Path(__file__).resolve().parent / "views"

#: Actors recur across nights: stg_actors holds one row per actor and partition, and
#: `actors` is rebuilt from it: the most confident coding wins, then the latest night.
REFRESH_ACTORS_SQL = """
DELETE FROM actors;
INSERT INTO actors
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (
        PARTITION BY actor_id
        ORDER BY coding_confidence DESC, partition_date DESC, cameo_code NULLS LAST, name
    ) AS rn
    FROM stg_actors
) WHERE rn = 1;
"""


def loaded_tables() -> list[TableContract]:
    """Tables loaded per partition (actors goes through its staging table)."""
    return [STG_ACTORS if t.name == "actors" else t for t in ALL_TABLES]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table from the DDL derived from the contracts (idempotent) and (re)create the analyst views."""
    con.execute(warehouse_ddl())
    create_views(con)


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Run every SQL file in the package's views/ folder in name order (CREATE OR REPLACE VIEW ...)."""
    if not VIEWS_DIR.exists():
        return
    for sql_file in sorted(VIEWS_DIR.glob("*.sql")):
        con.execute(sql_file.read_text(encoding="utf-8"))


def load_partition(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], logical_date: date) -> dict[str, int]:
    """Replace the logical date's partition of every table, in one transaction."""
    counts: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        # Before inserting: the incoming articles may still sit in a later partition (article_id is the key).
        _move_articles_to_earliest_night(con, tables.get("articles"), logical_date)
        for contract in loaded_tables():
            source_name = "actors" if contract is STG_ACTORS else contract.name
            table = tables.get(source_name, contract.empty())
            con.execute(f"DELETE FROM {contract.name} WHERE partition_date = ?", [logical_date])
            if table.num_rows:
                con.register("incoming", table.select(contract.schema.names).cast(contract.schema))
                cols = ", ".join(contract.schema.names)
                con.execute(f"INSERT INTO {contract.name} ({cols}) SELECT {cols} FROM incoming")
                con.unregister("incoming")
            counts[source_name] = table.num_rows
        con.execute(REFRESH_ACTORS_SQL)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return counts


def _move_articles_to_earliest_night(con: duckdb.DuckDBPyConnection, articles: pa.Table | None,
                                     logical_date: date) -> None:
    """An article belongs to the earliest night that saw it: loading an earlier date (a backfill run out of
    order) removes the same articles from later partitions, so any run order gives the same warehouse."""
    if articles is None or articles.num_rows == 0:
        return
    con.register("incoming_ids", articles.select(["article_id"]))
    _record_moved_as_duplicates(con, logical_date)
    for contract in ALL_TABLES:
        if "article_id" in contract.schema.names:
            con.execute(f"DELETE FROM {contract.name} WHERE partition_date > ? "
                        "AND article_id IN (SELECT article_id FROM incoming_ids)", [logical_date])
    con.unregister("incoming_ids")
    # A later night's actor codings that no remaining mention of that night uses came only from the moved
    # articles: drop them, so `actors` is rebuilt as if that night had never seen those articles.
    con.execute("DELETE FROM stg_actors s WHERE s.partition_date > ? AND NOT EXISTS (SELECT 1 FROM actor_mentions m "
                "WHERE m.actor_id = s.actor_id AND m.partition_date = s.partition_date)", [logical_date])


def _record_moved_as_duplicates(con: duckdb.DuckDBPyConnection, logical_date: date) -> None:
    """The later nights' records of reclaimed articles become `duplicate_articles` rows (already loaded, first
    seen on `logical_date`), exactly as if the nights had run in order; duplicates already recorded of those
    articles now point at the earlier night."""
    moved = con.execute("SELECT article_id, input_ref, partition_date FROM articles WHERE partition_date > ? "
                        "AND article_id IN (SELECT article_id FROM incoming_ids)", [logical_date]).fetchall()
    con.execute("UPDATE duplicate_articles SET first_seen_date = ? WHERE first_seen_date > ? "
                "AND duplicate_of IN (SELECT article_id FROM incoming_ids)", [logical_date, logical_date])
    if not moved:
        return
    rows = [{"duplicate_id": duplicate_id_for(partition_date=night, input_ref=ref), "input_ref": ref,
             "duplicate_of": article_id, "kind": "already_loaded", "first_seen_date": logical_date,
             "partition_date": night} for article_id, ref, night in moved]
    con.register("moved_duplicates", DUPLICATE_ARTICLES.from_rows(rows))
    cols = ", ".join(DUPLICATE_ARTICLES.schema.names)
    con.execute(f"INSERT INTO duplicate_articles ({cols}) SELECT {cols} FROM moved_duplicates")
    con.unregister("moved_duplicates")


def staged_path(data_dir: Path) -> Path:
    return Path(data_dir) / "warehouse.next.duckdb"


def stage_load(data_dir: Path, tables: dict[str, pa.Table], logical_date: date) -> tuple[Path, dict[str, int]]:
    """Copy the warehouse, load the partition into the copy, return the copy's path."""
    live = warehouse_path(data_dir)
    staged = staged_path(data_dir)
    staged.unlink(missing_ok=True)
    Path(f"{staged}.wal").unlink(missing_ok=True)
    if live.exists():
        shutil.copy2(live, staged)
    con = duckdb.connect(str(staged))
    try:
        ensure_schema(con)
        counts = load_partition(con, tables, logical_date)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return staged, counts


def promote(data_dir: Path, staged: Path) -> Path:
    """Swap the staged warehouse in (atomic rename)."""
    live = warehouse_path(data_dir)
    os.replace(staged, live)
    return live


def known_article_ids(data_dir: Path, *, exclude_date: date) -> dict[str, date]:
    """Article ids the warehouse holds from EARLIER nights, with the night each was loaded: they are not
    processed again (and are recorded as duplicates). A rerun reprocesses its own night, and a backfill of an
    earlier night reclaims articles first loaded later."""
    live = warehouse_path(data_dir)
    if not live.exists():
        return {}
    con = duckdb.connect(str(live), read_only=True)
    try:
        exists = con.sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'articles'"
        ).fetchall()[0][0]  # DuckDB 2: relations have no fetchone()
        if not exists:
            return {}
        rows = con.sql(
            f"SELECT article_id, partition_date FROM articles WHERE partition_date < DATE '{exclude_date.isoformat()}'"
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def read_full_tables(db_path: Path, contracts: list[TableContract]) -> dict[str, pa.Table]:
    """Every row of each table, ordered by key (deterministic snapshot content)."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        out = {}
        for contract in contracts:
            order = ", ".join([*contract.key, "partition_date"] if "partition_date" not in contract.key
                              else contract.key)
            table = con.sql(f"SELECT * FROM {contract.name} ORDER BY {order}").to_arrow_table()
            out[contract.name] = table.select(contract.schema.names).cast(contract.schema)
        return out
    finally:
        con.close()
