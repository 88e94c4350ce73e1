"""Helpers shared by the test tiers."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path


def expected_read(landing: Path) -> int:
    """Input records a landing folder holds: one per JSON line (valid or not), one per text/HTML file."""
    n = 0
    for path in sorted(landing.iterdir()):
        if path.suffix == ".jsonl":
            n += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        elif path.suffix in (".txt", ".html"):
            n += 1
    return n


# --------------------------------------------------------------------------- the lakehouse, read-only
def lake_settings(data_dir: Path, **overrides):
    """Settings of a data directory with the default (embedded) catalog and data path."""
    from newsevents.config import Settings

    return Settings(data_dir=Path(data_dir), catalog_wait=30.0, **overrides)


@contextlib.contextmanager
def lake(data_dir: Path, **overrides):
    """A read-only DuckDB connection with the data directory's lakehouse attached (and USEd)."""
    from newsevents.adapters.lakehouse import connect

    with connect(lake_settings(data_dir, **overrides), read_only=True) as con:
        yield con


def lake_query(data_dir: Path, sql: str, **overrides) -> list[tuple]:
    with lake(data_dir, **overrides) as con:
        return con.sql(sql).fetchall()


def lake_dicts(data_dir: Path, sql: str, **overrides) -> list[dict]:
    with lake(data_dir, **overrides) as con:
        rel = con.sql(sql)
        columns = rel.columns
        return [dict(zip(columns, row)) for row in rel.fetchall()]


def lake_tables(data_dir: Path, *, exclude: tuple[str, ...] = (), version: int | None = None,
                **overrides) -> dict[str, list[tuple]]:
    """Every table of the lakehouse (analysts' and staging; the writer guard aside) as sorted rows; at a
    DuckLake version when given. Staging tables are named `staging.<table>`."""
    at = f" AT (VERSION => {int(version)})" if version is not None else ""
    with lake(data_dir, **overrides) as con:
        names = con.sql("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'newsevents' "
                        "AND table_name <> 'night_guard' ORDER BY ALL").fetchall()
        out = {}
        for schema, table in names:
            name = table if schema == "main" else f"{schema}.{table}"
            if name not in exclude:
                out[name] = sorted(con.sql(f"SELECT * FROM newsevents.{schema}.{table}{at}").fetchall(), key=repr)
        return out


def manifest_tables(snapshot: Path) -> dict[str, list[tuple]]:
    """Every table of a snapshot read with plain read_parquet over exactly the files its manifest lists."""
    import duckdb

    root = Path(snapshot).resolve()
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    data_dir = root.parent.parent
    con = duckdb.connect()
    try:
        out = {}
        for name, entry in manifest["tables"].items():
            paths = [p["path"] if "://" in p["path"] else str(data_dir / p["path"]) for p in entry["files"]]
            if not paths:
                out[name] = []
                continue
            listing = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
            out[name] = sorted(con.sql(f"SELECT * FROM read_parquet([{listing}])").fetchall(), key=repr)
        return out
    finally:
        con.close()


#: The CLI, paused inside its load transaction (catalog open for writing, the night's partitions being
#: replaced) until a release file appears; argv: ready-file release-file CLI-arguments… A night redone after a
#: conflict goes straight through.
PAUSED_IN_LOAD = r"""
import sys, time
from pathlib import Path
from newsevents.adapters import warehouse
from newsevents.cli import main

ready, release = Path(sys.argv[1]), Path(sys.argv[2])
real, calls = warehouse.replace_night, []

def paused(*args, **kwargs):
    calls.append(1)
    if len(calls) == 1:
        ready.write_text("in the load transaction")
        deadline = time.monotonic() + 120
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    return real(*args, **kwargs)

warehouse.replace_night = paused
sys.exit(main(sys.argv[3:]))
"""


def run_shell(data_dir: Path, script: str) -> tuple[int, str, str]:
    """`newsevents shell` (the DuckDB CLI) on `data_dir`, statements fed on stdin: (exit code, stdout, stderr)."""
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "newsevents.cli", "shell", "--data-dir", str(data_dir)],
                          input=script, capture_output=True, text=True, timeout=120, env=env)
    return proc.returncode, proc.stdout, proc.stderr
