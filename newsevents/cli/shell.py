"""`newsevents shell`: DuckDB's own CLI (readline, history, `.help`, `.schema`, `.tables`) on the lakehouse.

The CLI is the `duckdb-cli` wheel, pinned to the DuckDB version of the library. It starts with an init script
that loads the extensions from their wheels, attaches the catalog READ_ONLY and USEs it (the analyst views
live in the catalog, so they are there), then closes the session off as `newsevents sql` does: files are
readable only in the lake's own folder, nothing is installed or auto-loaded, and `.safe_mode` turns off the
dot-commands that open, read or write files or run programs and locks the configuration.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb_cli

from newsevents.adapters.lakehouse import attach_sql, extension_statements
from newsevents.cli.common import EXIT_FAILED, one_line
from newsevents.cli.sql import lock_down_sql, run_query
from newsevents.config import Settings

PROMPT = "newsevents> "


def cli_binary() -> Path:
    """The DuckDB CLI executable inside the `duckdb-cli` wheel."""
    path = Path(duckdb_cli.__file__).parent / ("duckdb.exe" if os.name == "nt" else "duckdb")
    if not path.is_file():
        raise FileNotFoundError(f"DuckDB CLI not found at {path}; install the pinned duckdb-cli wheel")
    return path


def init_script(settings: Settings) -> str:
    """The statements the CLI runs before the first prompt (it exits if any of them fails)."""
    lock = [s for s in lock_down_sql(settings) if "lock_configuration" not in s and "external_access" not in s]
    lines = [*extension_statements(settings), attach_sql(settings, read_only=True), "USE newsevents"] + lock
    return "\n".join([f"{s};" for s in lines] + [
        ".nullvalue NULL",
        f".prompt '{PROMPT}'",
        # last: external access off and the configuration locked, and no dot-command touches a file
        ".safe_mode",
    ]) + "\n"


def main(args: argparse.Namespace, *, stdin=None, stdout=None) -> int:
    settings = Settings.from_env(data_dir=args.data_dir)
    try:  # a missing or damaged lakehouse is one line and a failure, not a prompt that fails every query
        run_query(args.data_dir, "SELECT 1")
        binary = cli_binary()
    except Exception as exc:  # noqa: BLE001
        print(f"newsevents: cannot open the warehouse: {one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    print(f"newsevents shell: DuckDB CLI on {settings.catalog_location} (read-only); .tables, .schema, .help, "
          ".quit", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="newsevents-shell-") as tmp:
        script = Path(tmp) / "init.sql"
        script.touch(mode=0o600)  # may hold an S3 secret
        script.write_text(init_script(settings), encoding="utf-8")
        return subprocess.call([str(binary), "-init", str(script)], stdin=stdin, stdout=stdout)
