"""`newsevents` command line: run the nightly pipeline in-process, and look at its output.

    newsevents run --input PATH [--input PATH ...] --data-dir DIR [--date YYYY-MM-DD]
    newsevents summary --data-dir DIR          what the last run published
    newsevents sql "SELECT ..." --data-dir DIR  read-only query of the lakehouse (tables and views)
    newsevents shell --data-dir DIR            interactive read-only SQL prompt
    newsevents changes --since SNAPSHOT        rows inserted/deleted per table since a snapshot
    newsevents verify [SNAPSHOT]               re-check every file a snapshot lists against its SHA-256
    newsevents snapshots list|expire [--keep N]
    newsevents ddl                             the warehouse DDL derived from the contracts
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import re
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
from tqdm import tqdm

from newsevents import pipeline
from newsevents.adapters import history, storage
from newsevents.adapters.lakehouse import (
    ALIAS,
    MAIN,
    CatalogBusyError,
    CatalogError,
    connect,
    current_version,
    is_postgres,
    is_remote_data,
    local_data_path,
)
from newsevents.adapters.objectstore import is_uri
from newsevents.adapters.snapshots import (
    SnapshotError,
    latest_snapshot,
    published_snapshots,
    read_manifest,
    resolve_snapshot,
    verify_snapshot,
)
from newsevents.adapters.storage import RunLockedError
from newsevents.config import Settings
from newsevents.core.contracts import data_dictionary_markdown, warehouse_ddl
from newsevents.nlp.dictionaries import DictionaryError
from newsevents.pipeline import QualityGateError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
EXAMPLE_SQL = """
SELECT e.event_date, s.name AS source, e.event_code, e.plover_type, t.name AS target
FROM events e
JOIN actors s ON s.actor_id = e.source_actor_id
LEFT JOIN actors t ON t.actor_id = e.target_actor_id
ORDER BY e.event_date, e.start_char
LIMIT 12
""".strip()


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


def _default_data_dir() -> Path:
    return Path(os.environ.get("NEWSEVENTS_DATA_DIR", "data"))


class _Parser(argparse.ArgumentParser):
    """Argument errors are one line on stderr, as the output contract promises."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsevents", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="extract -> transform -> validate -> load -> publish, without a scheduler")
    run.add_argument("--input", action="append", required=True, metavar="PATH",
                     help="file or folder (.jsonl, .jsonl.gz, .txt, .html, .xml/.rss/.atom); repeatable")
    run.add_argument("--feed", action="append", default=[], metavar="URL", help="RSS/Atom feed URL; repeatable")
    run.add_argument("--data-dir", required=True, type=Path)
    run.add_argument("--date", type=_parse_date, default=None,
                     help="logical date of the run (default: today in UTC)")
    run.add_argument("--shards", type=int, default=None, help="article shards (default: NEWSEVENTS_SHARDS or 2)")
    run.add_argument("--workers", type=int, default=1, help="processes for the NLP step (default 1)")
    run.add_argument("--model", default="", help="spaCy model package (default: en_core_web_sm, else its copy)")
    run.add_argument("--quiet", action="store_true")

    summary = sub.add_parser("summary", help="print the last published run's summary")
    summary.add_argument("--data-dir", type=Path, default=_default_data_dir())

    sql = sub.add_parser("sql", help="run one read-only SQL query against the warehouse")
    sql.add_argument("query")
    sql.add_argument("--data-dir", type=Path, default=_default_data_dir())
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.add_argument("--allow-files", type=Path, default=None, metavar="DIR",
                     help="let the query read and write files in DIR (COPY ... TO for local exports)")

    shell = sub.add_parser("shell", help="interactive read-only SQL prompt on the warehouse")
    shell.add_argument("--data-dir", type=Path, default=_default_data_dir())

    changes = sub.add_parser("changes", help="rows inserted and deleted per table since a snapshot")
    changes.add_argument("--since", required=True, metavar="SNAPSHOT",
                         help="snapshot id (2017-04-12-v3), DuckLake version (3 or v3) or latest")
    changes.add_argument("--until", default=None, metavar="SNAPSHOT", help="default: the current DuckLake version")
    changes.add_argument("--data-dir", type=Path, default=_default_data_dir())
    changes.add_argument("--format", choices=("table", "json"), default="table")

    verify = sub.add_parser("verify", help="re-check every file a snapshot lists against its SHA-256")
    verify.add_argument("snapshot", nargs="?", default="latest", help="snapshot id or version (default latest)")
    verify.add_argument("--data-dir", type=Path, default=_default_data_dir())

    snaps = sub.add_parser("snapshots", help="list published snapshots, or expire old ones")
    snaps_sub = snaps.add_subparsers(dest="action", required=True, parser_class=_Parser)
    listing = snaps_sub.add_parser("list", help="published snapshots, oldest first")
    listing.add_argument("--data-dir", type=Path, default=_default_data_dir())
    expire = snaps_sub.add_parser("expire", help="keep the newest N snapshots; delete files only they used")
    expire.add_argument("--keep", type=positive_int, default=None,
                        help="snapshots to keep (default NEWSEVENTS_KEEP_SNAPSHOTS or 30)")
    expire.add_argument("--data-dir", type=Path, default=_default_data_dir())

    sub.add_parser("ddl", help="print the warehouse DDL derived from the table contracts")
    sub.add_parser("dictionary", help="print the data dictionary (Markdown) derived from the table contracts")

    return parser


# --------------------------------------------------------------------------- run
def _progress(total: int, enabled: bool):
    """A tqdm bar on stderr advanced at the end of every step (and of every transform shard)."""
    if not enabled:
        return None
    bar = tqdm(total=total, desc="newsevents", unit="step", file=sys.stderr)

    def on_step(name: str, phase: str) -> None:
        if phase == "end":
            bar.set_postfix_str(name)
            bar.update(1)

    return bar, on_step


def run_pipeline(*, inputs: list[str], feeds: list[str], data_dir: Path, logical_date: date,
                 shards: int | None = None, workers: int = 1, model: str = "", progress: bool = False) -> dict:
    """The CLI's settings for `pipeline.run_night`: the five steps in order, in-process."""
    settings = Settings.from_env(data_dir=data_dir, inputs=tuple(inputs), feeds=tuple(feeds), shards=shards,
                                 spacy_model=model or None)
    bar = _progress(3 + settings.shards + 2, progress)
    try:
        return pipeline.run_night(settings, logical_date=logical_date, workers=workers,
                                  on_step=bar[1] if bar else None)
    finally:
        if bar is not None:
            bar[0].close()


#: Third-party loggers: what they say about hostile input belongs in the run log, not on the console.
LIBRARY_LOGGERS = ("great_expectations", "trafilatura", "htmldate", "courlan", "justext", "charset_normalizer",
                   "py.warnings")


def route_library_logs(path: Path) -> None:
    """Send the libraries' WARNING and above to `path` (appended) instead of stderr; a parse error that
    trafilatura logs for one bad page is a reject, not an ERROR line of a successful run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        for old in logger.handlers:  # an earlier run's log in this process
            old.close()
        logger.handlers = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def cmd_run(args: argparse.Namespace) -> int:

    logical_date = args.date or datetime.now(UTC).date()
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(levelname)s %(name)s %(message)s", stream=sys.stderr)
    for path in args.input:
        if not is_uri(path) and not Path(path).exists():
            print(f"newsevents: input not found: {path}", file=sys.stderr)
            return EXIT_USAGE
    route_library_logs(storage.work_dir(args.data_dir, logical_date).parent / "run.log")
    try:
        pipeline.check_dictionaries()
    except DictionaryError as exc:
        print(f"newsevents: dictionary error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        run_pipeline(inputs=args.input, feeds=args.feed, data_dir=args.data_dir, logical_date=logical_date,
                     shards=args.shards, workers=args.workers, model=args.model,
                     progress=sys.stderr.isatty() and not args.quiet)
    except QualityGateError as exc:
        print(f"newsevents: not published: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (RunLockedError, CatalogBusyError) as exc:
        print(f"newsevents: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except Exception as exc:  # noqa: BLE001 - the contract promises a one-line reason, not a traceback
        logging.getLogger("newsevents").debug("run failed", exc_info=True)
        print(f"newsevents: run failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
              file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        print(render_summary(args.data_dir, logical_date=logical_date))
    return EXIT_OK


# --------------------------------------------------------------------------- summary and sql
def render_summary(data_dir: Path, *, logical_date: date | None = None) -> str:
    """A short report of the latest published snapshot: counts, quality, and one example query."""
    snapshot = latest_snapshot(data_dir)
    if snapshot is None:
        return f"no published snapshot under {data_dir}/snapshots"
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    run_date = logical_date or date.fromisoformat(manifest["logical_date"])
    stats_path = storage.work_dir(data_dir, run_date) / "extract" / "stats.json"
    stats = json.loads(stats_path.read_text(encoding="utf-8")) if stats_path.exists() else {}
    quality_path = snapshot / "quality.json"
    quality = json.loads(quality_path.read_text(encoding="utf-8")) if quality_path.exists() else {}
    lines = [f"newsevents run {run_date.isoformat()}"]
    if stats:
        lines.append(f"  articles: read {stats.get('read')}, accepted {stats.get('accepted')}, "
                     f"rejected {stats.get('rejected')}, duplicates {stats.get('duplicates')}")
        if stats.get("by_reason"):
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(stats["by_reason"].items()))
            lines.append(f"  rejects by reason: {reasons}")
    lines.append(f"  validation: {quality.get('headline', 'n/a')}")
    lines.append(f"  snapshot: {snapshot}")
    lines.append("  rows (whole warehouse): " + ", ".join(
        f"{name} {entry['rows']}" for name, entry in manifest["tables"].items()))
    lines.append("")
    lines.append("example query:")
    lines.append("  " + EXAMPLE_SQL.replace("\n", "\n  "))
    lines.append(query_text(data_dir, EXAMPLE_SQL))
    return "\n".join(lines)


#: Statement types `newsevents sql` and `shell` run: reading only (COPY too with --allow-files).
READING_STATEMENTS = frozenset({duckdb.StatementType.SELECT})
#: The file a COPY statement writes: `COPY ... TO 'path'`.
COPY_TARGET = re.compile(r"\bTO\s+'((?:[^']|'')*)'", re.IGNORECASE)


def _settings(data_dir: Path) -> Settings:
    return Settings.from_env(data_dir=data_dir)


def check_statements(query: str, *, allow_files: Path | None = None) -> None:
    """Raise PermissionError unless every statement of `query` only reads, by DuckDB's own parser.

    Settings alone do not suffice: `COPY ... TO` inside an allowed folder still writes a file.
    """
    allowed = READING_STATEMENTS | ({duckdb.StatementType.COPY} if allow_files else set())
    for statement in duckdb.extract_statements(query):
        if statement.type not in allowed:
            kind = statement.type.name
            hint = " (COPY needs --allow-files DIR)" if kind == "COPY" else ""
            raise PermissionError(f"only reading statements (SELECT, SHOW, DESCRIBE) are accepted, not {kind}{hint}")
        if statement.type == duckdb.StatementType.COPY:
            _check_copy_target(statement.query, Path(allow_files))


def _check_copy_target(query: str, allow_files: Path) -> None:
    """A COPY writes only inside --allow-files: the connection must also read the lake's own folder, so the
    folder setting alone would let a COPY overwrite a data file there."""
    targets = COPY_TARGET.findall(query)
    root = allow_files.resolve()
    if not targets or any(not Path(t).resolve().is_relative_to(root) for t in targets):
        raise PermissionError(f"COPY writes only inside --allow-files {allow_files}")


def lock_down(con: duckdb.DuckDBPyConnection, settings: Settings, *, allow_files: Path | None = None) -> None:
    """Close a read-only lakehouse connection off: it reads only the lakehouse's own folders (and `allow_files`,
    none by default), installs nothing, and `lock_configuration` keeps SQL from undoing any of it."""
    folders = [] if is_remote_data(settings) else [str(Path(local_data_path(settings)).resolve()) + "/"]
    if allow_files:
        folders.append(str(Path(allow_files).resolve()) + "/")
    con.execute("SET allowed_directories = $1", [sorted(set(folders))])
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET lock_configuration = true")


def query_text(data_dir: Path, query: str, fmt: str = "table", *, allow_files: Path | None = None) -> str:
    """Run a reading query against the lakehouse (tables and analyst views; read-only, locked down) and format
    the result."""
    check_statements(query, allow_files=allow_files)
    settings = _settings(data_dir)
    with connect(settings, read_only=True) as con:
        lock_down(con, settings, allow_files=allow_files)
        result = con.sql(query)
        table = result.to_arrow_table() if result is not None else pa.table({})
    if fmt == "json":
        return json.dumps(table.to_pylist(), default=str, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(table.column_names)
        writer.writerows(zip(*(c.to_pylist() for c in table.columns)) if table.num_rows else [])
        return buf.getvalue()
    return _format_table(table.column_names, [list(r.values()) for r in table.to_pylist()])


def _format_table(header: list[str], rows: list[list]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [min(40, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(header)]

    def fmt(values):
        return "  " + " | ".join(v[:w].ljust(w) for v, w in zip(values, widths))

    out = [fmt(header), "  " + "-+-".join("-" * w for w in widths)]
    out += [fmt(r) for r in cells]
    out.append(f"  ({len(rows)} rows)")
    return "\n".join(out)


def cmd_sql(args: argparse.Namespace) -> int:
    try:
        print(query_text(args.data_dir, args.query, args.format, allow_files=args.allow_files))
    except Exception as exc:  # noqa: BLE001
        print(f"newsevents: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_shell(args: argparse.Namespace, stdin=None, stdout=None) -> int:
    """A small read-only SQL prompt: statements end with ';', `.tables` lists tables and views, `.quit` exits."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    try:  # a missing or damaged lakehouse is one line and a failure, not a prompt that fails every query
        query_text(args.data_dir, "SELECT 1")
    except Exception as exc:  # noqa: BLE001
        print(f"newsevents: cannot open the warehouse: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    interactive = stdin.isatty()
    print(f"newsevents shell on {_settings(args.data_dir).catalog_location} (read-only); end statements with "
          "';', .tables, .quit", file=stdout)
    buffer: list[str] = []
    while True:
        if interactive:
            stdout.write("sql> " if not buffer else "...> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        stripped = line.strip()
        if not buffer and stripped in (".quit", ".exit"):
            break
        if not buffer and stripped == ".tables":
            stripped = (f"SELECT table_name, table_type FROM information_schema.tables WHERE table_catalog = "
                        f"'{ALIAS}' AND table_schema = '{MAIN}' ORDER BY table_type, table_name;")
        buffer.append(stripped)
        if stripped.endswith(";"):
            query = " ".join(buffer).rstrip(";")
            buffer = []
            try:
                print(query_text(args.data_dir, query), file=stdout)
            except Exception as exc:  # noqa: BLE001 - report and keep the prompt alive
                print(f"error: {_one_line(exc)}", file=stdout)
    return EXIT_OK


# --------------------------------------------------------------------------- history, verify, retention
def _version_of(data_dir: Path, name: str) -> int:
    if name.lstrip("v").isdigit() and not (Path(data_dir) / "snapshots" / name).exists():
        return int(name.lstrip("v"))
    return int(read_manifest(resolve_snapshot(data_dir, name))["ducklake_version"])


def cmd_changes(args: argparse.Namespace) -> int:
    """Rows inserted and deleted per table between two snapshots (default: up to the current version)."""
    since = _version_of(args.data_dir, args.since)
    with connect(_settings(args.data_dir), read_only=True) as con:
        until = _version_of(args.data_dir, args.until) if args.until else current_version(con)
        counts = history.table_changes(con, since, until)
    if args.format == "json":
        print(json.dumps({"since_version": since, "until_version": until, "tables": counts}, indent=2))
        return EXIT_OK
    print(f"changes from DuckLake version {since} to {until}:")
    print(_format_table(["table", "inserted", "deleted"],
                        [[name, c["inserted"], c["deleted"]] for name, c in counts.items()]))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    root = resolve_snapshot(args.data_dir, args.snapshot)
    try:
        manifest = verify_snapshot(root)
    except SnapshotError as exc:
        name, _, problems = str(exc).partition(": ")
        for problem in problems.split("; "):
            print(f"newsevents verify: {name}: {problem}", file=sys.stderr)
        return EXIT_FAILED
    files = sum(len(t["files"]) for t in manifest["tables"].values())
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(f"verified {root.name}: {files} files, {rows} rows, every SHA-256 matches")
    return EXIT_OK


def cmd_snapshots(args: argparse.Namespace) -> int:
    if args.action == "list":
        if not (Path(args.data_dir) / "snapshots").is_dir():
            raise SnapshotError(f"no snapshots under {args.data_dir}; run `newsevents run` first")
        rows = []
        latest = latest_snapshot(args.data_dir)
        for path in published_snapshots(args.data_dir):
            m = read_manifest(path)
            mark = "latest" if latest is not None and path.name == latest.name else ""
            rows.append([path.name, m["ducklake_version"], m["logical_date"],
                         sum(len(t["files"]) for t in m["tables"].values()),
                         sum(t["rows"] for t in m["tables"].values()), mark])
        print(_format_table(["snapshot", "version", "night", "files", "rows", ""], rows))
        return EXIT_OK
    settings = _settings(args.data_dir)
    keep = args.keep or settings.keep_snapshots
    with storage.run_lock(settings.data_dir), connect(settings) as con:
        result = history.expire(con, settings, keep=keep, remove_orphans=not is_postgres(settings))
    print(f"kept {len(result['kept'])} snapshots ({', '.join(result['kept']) or 'none'}); removed "
          f"{len(result['removed_snapshots'])}; expired {len(result['expired_versions'])} DuckLake versions; "
          f"deleted {len(result['deleted_files'])} data files")
    return EXIT_OK


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


COMMANDS = {"changes": cmd_changes, "verify": cmd_verify, "snapshots": cmd_snapshots}


def _run_command(args: argparse.Namespace) -> int:
    """The history, verify and retention commands: one line on stderr, never a traceback, when they fail."""
    try:
        return COMMANDS[args.command](args)
    except (RunLockedError, CatalogBusyError) as exc:
        print(f"newsevents: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except (SnapshotError, CatalogError) as exc:
        print(f"newsevents {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - a broken data directory gets one line, not a traceback
        print(f"newsevents {args.command}: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    args = build_parser().parse_args(argv)
    if args.command == "run":
        return cmd_run(args)
    if args.command == "summary":
        return cmd_summary(args)
    if args.command == "sql":
        return cmd_sql(args)
    if args.command == "shell":
        return cmd_shell(args)
    if args.command in COMMANDS:
        return _run_command(args)
    if args.command == "ddl":
        print(warehouse_ddl(), end="")
        return EXIT_OK
    if args.command == "dictionary":
        print(data_dictionary_markdown(), end="")
        return EXIT_OK
    return EXIT_USAGE


def cmd_summary(args: argparse.Namespace) -> int:
    """The summary, or one line naming what is broken (a corrupt warehouse, manifest or stats file)."""
    try:
        print(render_summary(args.data_dir))
    except Exception as exc:  # noqa: BLE001 - the contract promises a one-line reason, not a traceback
        print(f"newsevents: cannot read {args.data_dir}: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _one_line(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first[:300]}"


if __name__ == "__main__":
    sys.exit(main())
