"""The DuckLake lakehouse: one DuckDB connection with the catalog attached as `newsevents`.

DuckLake is the one store behind the warehouse, the lake and the snapshots: a SQL catalog (a DuckDB file
under the data directory, or a PostgreSQL database) plus immutable Parquet data files (a folder under the
data directory, or an s3:// prefix). This module owns connecting to it and nothing else:

- the DuckDB extensions come from their PyPI wheels (`duckdb-extension-ducklake`, `-httpfs`,
  `-postgres-scanner`) and are LOADed from site-packages by path: nothing is downloaded at run time;
- the catalog is `Settings.catalog_location` (`NEWSEVENTS_CATALOG`), the data path `Settings.data_location`
  (`NEWSEVENTS_DATA_PATH`); an s3:// data path gets a DuckDB S3 secret built from the AWS_* variables;
- every attach passes the configured data path with OVERRIDE_DATA_PATH, and a writer re-points a local
  catalog that was moved or copied (backups, tests) at its own lake folder, so a copy never writes into
  the original's files;
- DATA_INLINING_ROW_LIMIT 0: every insert becomes a Parquet file (DuckLake 1.5 would otherwise keep small
  inserts inside the catalog, and the snapshot manifests could not list them);
- a DuckDB-file catalog admits one process at a time (readers share, a writer is alone): `connect` waits up
  to `Settings.catalog_wait` seconds for another process to let go, then gives up with a one-line reason.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import duckdb_extension_ducklake
import duckdb_extension_httpfs
import duckdb_extension_postgres_scanner

from newsevents.config import Settings

#: The catalog's name inside every connection (and in the README's ATTACH line).
ALIAS = "newsevents"
#: Analysts' tables and views; staging tables live in their own schema, out of the analysts' way.
MAIN, STAGING = "main", "staging"
POSTGRES_PREFIX = "postgres:"
_EXTENSION_PACKAGES = {"ducklake": duckdb_extension_ducklake, "httpfs": duckdb_extension_httpfs,
                       "postgres_scanner": duckdb_extension_postgres_scanner}
_LOCK_MESSAGE = "Could not set lock on file"
log = logging.getLogger("newsevents")


class CatalogError(RuntimeError):
    """The catalog cannot be opened: missing, busy beyond the wait, or misconfigured (one-line message)."""


class CatalogBusyError(CatalogError):
    """Another process kept a DuckDB-file catalog open for longer than `Settings.catalog_wait`."""


class CatalogMissingError(CatalogError):
    """No lakehouse has been created there yet (a read-only connection never creates one)."""


def extension_path(name: str) -> Path:
    """The extension binary shipped in its wheel, for this DuckDB version (signed: LOAD checks it)."""
    package = _EXTENSION_PACKAGES[name]
    path = Path(package.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        raise CatalogError(f"DuckDB extension {name} for DuckDB {duckdb.__version__} not found at {path}; "
                           "install the pinned duckdb-extension-* wheels (requirements.lock.txt)")
    return path


def is_postgres(settings: Settings) -> bool:
    return settings.catalog_location.startswith(POSTGRES_PREFIX)


def is_remote_data(settings: Settings) -> bool:
    return "://" in settings.data_location


def local_data_path(settings: Settings) -> str:
    """The data path as DuckLake stores it: absolute for a folder (with the trailing '/'), else the URI."""
    if is_remote_data(settings):
        return settings.data_location
    return str(Path(settings.data_location).resolve()) + "/"


def _catalog_target(settings: Settings) -> str:
    if is_postgres(settings):
        return settings.catalog_location
    return str(Path(settings.catalog_location).resolve())


def catalog_exists(settings: Settings) -> bool:
    """Whether a lakehouse has been created (a DuckDB-file catalog exists; a PostgreSQL one is assumed to)."""
    return is_postgres(settings) or Path(settings.catalog_location).is_file()


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def s3_secret_sql(env: dict[str, str] | None = None) -> str:
    """CREATE SECRET for DuckDB's httpfs from the AWS SDK variables (and AWS_ENDPOINT_URL for S3-compatible
    servers: path-style URLs, TLS as the endpoint's scheme says)."""
    env = dict(os.environ if env is None else env)
    options = {"TYPE": "s3", "REGION": env.get("AWS_DEFAULT_REGION") or env.get("AWS_REGION") or "us-east-1"}
    for variable, option in (("AWS_ACCESS_KEY_ID", "KEY_ID"), ("AWS_SECRET_ACCESS_KEY", "SECRET"),
                             ("AWS_SESSION_TOKEN", "SESSION_TOKEN")):
        if env.get(variable):
            options[option] = env[variable]
    endpoint = env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL")
    if endpoint:
        parsed = urlparse(endpoint if "://" in endpoint else f"https://{endpoint}")
        options.update({"ENDPOINT": parsed.netloc, "URL_STYLE": "path",
                        "USE_SSL": "true" if parsed.scheme == "https" else "false"})
    body = ", ".join(f"{k} {v if k in ('TYPE', 'USE_SSL') else _sql_string(v)}" for k, v in options.items())
    return f"CREATE OR REPLACE SECRET newsevents_s3 ({body})"


def extension_statements(settings: Settings) -> list[str]:
    """LOAD the extensions the lakehouse needs from their wheels (and the S3 secret): for any DuckDB client of
    this DuckDB version, the Python module or the CLI of `newsevents shell`."""
    names = ["ducklake"] + (["postgres_scanner"] if is_postgres(settings) else [])
    remote = is_remote_data(settings) or "://" in settings.publish_uri
    names += ["httpfs"] if remote else []
    statements = [f"LOAD {_sql_string(str(extension_path(name)))}" for name in names]
    return statements + ([s3_secret_sql()] if remote else [])


def _load_extensions(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    for statement in extension_statements(settings):
        con.execute(statement)


#: Block size of a new DuckDB-file catalog: DuckDB's default (256 KiB) makes even an empty catalog ~9 MB.
CATALOG_BLOCK_SIZE = 16384


def attach_sql(settings: Settings, *, read_only: bool) -> str:
    """The ATTACH statement of the pipeline (analysts need only `ATTACH 'ducklake:<catalog>' (READ_ONLY)`)."""
    options = [f"DATA_PATH {_sql_string(local_data_path(settings))}", "OVERRIDE_DATA_PATH TRUE",
               "DATA_INLINING_ROW_LIMIT 0"]
    if read_only:
        options.append("READ_ONLY")
    elif not catalog_exists(settings):  # only when creating the file: an existing one keeps its block size
        options.append(f"METADATA_PARAMETERS MAP {{'block_size': {CATALOG_BLOCK_SIZE}}}")
    return f"ATTACH {_sql_string('ducklake:' + _catalog_target(settings))} AS {ALIAS} ({', '.join(options)})"


def _attach(con: duckdb.DuckDBPyConnection, settings: Settings, *, read_only: bool) -> None:
    """ATTACH, waiting while another process holds a DuckDB-file catalog (up to settings.catalog_wait s)."""
    deadline = time.monotonic() + settings.catalog_wait
    delay = 0.1
    while True:
        try:
            con.execute(attach_sql(settings, read_only=read_only))
            return
        except duckdb.Error as exc:
            message = str(exc)
            if read_only and "does not exist" in message:
                raise CatalogMissingError(f"no lakehouse at {settings.catalog_location}; run `newsevents run` "
                                          "first") from exc
            if _LOCK_MESSAGE not in message:
                raise CatalogError(f"cannot open the catalog {settings.catalog_location}: "
                                   f"{message.splitlines()[0]}") from exc
            if time.monotonic() >= deadline:
                holder = message.split("Conflicting lock is held in", 1)[-1].split(".", 1)[0].strip()
                raise CatalogBusyError(f"the catalog {settings.catalog_location} is in use by another process "
                                   f"({holder}); waited {settings.catalog_wait:.0f} s") from exc
            time.sleep(delay)
            delay = min(1.0, delay * 1.5)


def _repoint_moved_catalog(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """A copied or moved data directory keeps the original's absolute data path in its catalog: point it at
    its own lake folder, so that the plain `ATTACH 'ducklake:…'` of analysts reads this copy's files."""
    if is_postgres(settings) or is_remote_data(settings):
        return
    metadata = f"__ducklake_metadata_{ALIAS}.ducklake_metadata"
    wanted = local_data_path(settings)
    stored = con.execute(f"SELECT value FROM {metadata} WHERE key = 'data_path'").fetchall()
    if stored and stored[0][0] != wanted:
        log.info("lakehouse: catalog moved from %s; data path now %s", stored[0][0], wanted)
        con.execute(f"UPDATE {metadata} SET value = ? WHERE key = 'data_path'", [wanted])


@contextlib.contextmanager
def connect(settings: Settings, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with the lakehouse attached as `newsevents` (and USEd); closed on exit.

    Read-only connections never create anything: on a data directory without a catalog they raise
    CatalogError. Writers create the catalog (and the lake folder) on first use.
    """
    if read_only and not catalog_exists(settings):
        raise CatalogMissingError(f"no lakehouse at {settings.catalog_location}; run `newsevents run` first")
    if not read_only and not is_postgres(settings):
        Path(settings.catalog_location).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        _load_extensions(con, settings)
        _attach(con, settings, read_only=read_only)
        if not read_only:
            _repoint_moved_catalog(con, settings)
        con.execute(f"USE {ALIAS}")
        yield con
    finally:
        con.close()


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The DuckLake snapshot the connection (or its open transaction) reads."""
    return int(con.execute(f"FROM {ALIAS}.current_snapshot()").fetchall()[0][0])


def last_committed_version(con: duckdb.DuckDBPyConnection) -> int:
    """The DuckLake snapshot this connection committed last."""
    return int(con.execute(f"FROM {ALIAS}.last_committed_snapshot()").fetchall()[0][0])


def is_conflict(exc: BaseException) -> bool:
    """A commit DuckLake refused because a concurrent transaction changed what this one read or deleted."""
    return isinstance(exc, duckdb.Error) and "conflict" in str(exc).lower()


def data_files(con: duckdb.DuckDBPyConnection, table: str, *, version: int, schema: str = MAIN) -> list[dict]:
    """The Parquet files holding `schema.table` at a snapshot: path, bytes, and the delete file if any."""
    rows = con.execute(
        f"SELECT data_file, data_file_size_bytes, delete_file FROM ducklake_list_files("
        f"{_sql_string(ALIAS)}, ?, schema => ?, snapshot_version => ?) ORDER BY data_file",
        [table, schema, version]).fetchall()
    return [{"path": path, "bytes": size, "delete_file": delete} for path, size, delete in rows]


def snapshots(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every DuckLake snapshot still in the catalog: id, time, changes, commit message and extra info."""
    rows = con.execute(f"SELECT snapshot_id, snapshot_time, changes, commit_message, commit_extra_info "
                       f"FROM ducklake_snapshots({_sql_string(ALIAS)}) ORDER BY snapshot_id").fetchall()
    return [{"version": v, "time": t, "changes": c, "message": m, "extra_info": x} for v, t, c, m, x in rows]
