"""`newsevents sql`: reading statements against the lakehouse, locked down, printed as a table, CSV, JSON or
written as Parquet.

Every statement is checked by DuckDB's own parser first (reading only; COPY with --allow-files), then run on a
read-only connection whose configuration is locked (`lock_down`). Each statement's result is printed in turn;
the table format shows NULL as `NULL` and marks a value cut at --max-width with `…`, and duplicate column
names (`SELECT s.name, t.name …`) are kept as written (JSON and Parquet number the repeats: `name_2`).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.adapters.lakehouse import connect, is_remote_data, local_data_path
from newsevents.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, one_line
from newsevents.config import Settings

#: Statement types `newsevents sql` and `shell` run: reading only (COPY too with --allow-files).
READING_STATEMENTS = frozenset({duckdb.StatementType.SELECT})
#: The file a COPY statement writes: `COPY ... TO 'path'`.
COPY_TARGET = re.compile(r"\bTO\s+'((?:[^']|'')*)'", re.IGNORECASE)
NULL_TEXT = "NULL"
CUT_MARK = "…"
DEFAULT_MAX_WIDTH = 40


def check_statements(query: str, *, allow_files: Path | None = None) -> list[str]:
    """Every statement of `query`, in order; PermissionError unless each only reads, by DuckDB's own parser.

    Settings alone do not suffice: `COPY ... TO` inside an allowed folder still writes a file.
    """
    allowed = READING_STATEMENTS | ({duckdb.StatementType.COPY} if allow_files else set())
    statements = []
    for statement in duckdb.extract_statements(query):
        if statement.type not in allowed:
            kind = statement.type.name
            hint = " (COPY needs --allow-files DIR)" if kind == "COPY" else ""
            raise PermissionError(f"only reading statements (SELECT, SHOW, DESCRIBE) are accepted, not {kind}{hint}")
        if statement.type == duckdb.StatementType.COPY:
            _check_copy_target(statement.query, Path(allow_files))
        statements.append(statement.query)
    return statements


def _check_copy_target(query: str, allow_files: Path) -> None:
    """A COPY writes only inside --allow-files: the connection must also read the lake's own folder, so the
    folder setting alone would let a COPY overwrite a data file there."""
    targets = COPY_TARGET.findall(query)
    root = allow_files.resolve()
    if not targets or any(not Path(t).resolve().is_relative_to(root) for t in targets):
        raise PermissionError(f"COPY writes only inside --allow-files {allow_files}")


def readable_folders(settings: Settings, allow_files: Path | None = None) -> list[str]:
    """The only folders a locked-down connection may read: the lake's own (and `allow_files`)."""
    folders = [] if is_remote_data(settings) else [str(Path(local_data_path(settings)).resolve()) + "/"]
    if allow_files:
        folders.append(str(Path(allow_files).resolve()) + "/")
    return sorted(set(folders))


def lock_down_sql(settings: Settings, *, allow_files: Path | None = None) -> list[str]:
    """The statements that close a read-only lakehouse connection off: it reads only the lakehouse's own
    folders (and `allow_files`, none by default), installs nothing, and `lock_configuration` keeps SQL from
    undoing any of it. `newsevents shell` runs the same statements in the DuckDB CLI."""
    folders = ", ".join("'" + f.replace("'", "''") + "'" for f in readable_folders(settings, allow_files))
    return [f"SET allowed_directories = [{folders}]", "SET enable_external_access = false",
            "SET autoinstall_known_extensions = false", "SET autoload_known_extensions = false",
            "SET lock_configuration = true"]


def lock_down(con: duckdb.DuckDBPyConnection, settings: Settings, *, allow_files: Path | None = None) -> None:
    for statement in lock_down_sql(settings, allow_files=allow_files):
        con.execute(statement)


def run_query(data_dir: Path, query: str, *, allow_files: Path | None = None) -> list[pa.Table]:
    """The result of every statement of `query` (read-only, locked down), as Arrow tables."""
    statements = check_statements(query, allow_files=allow_files)
    settings = Settings.from_env(data_dir=data_dir)
    results = []
    with connect(settings, read_only=True) as con:
        lock_down(con, settings, allow_files=allow_files)
        for statement in statements:
            result = con.sql(statement)
            results.append(result.to_arrow_table() if result is not None else pa.table({}))
    return results


def unique_names(names: list[str]) -> list[str]:
    """Column names made unique for formats keyed by name: the second `name` becomes `name_2`."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _rows(table: pa.Table) -> list[tuple]:
    return list(zip(*(c.to_pylist() for c in table.columns))) if table.num_rows else []


def format_result(table: pa.Table, fmt: str = "table", *, max_width: int = DEFAULT_MAX_WIDTH) -> str:
    """One result as text: an aligned table, CSV (empty cell for NULL) or JSON (a list of objects)."""
    if fmt == "json":
        names = unique_names(table.column_names)
        return json.dumps([dict(zip(names, row)) for row in _rows(table)], default=str, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(table.column_names)
        writer.writerows(_rows(table))
        return buf.getvalue()
    return format_table(table.column_names, _rows(table), max_width=max_width)


def _cell(value, max_width: int) -> str:
    """A value for the table format: NULL visible, one line, cut at `max_width` with a visible mark."""
    text = NULL_TEXT if value is None else str(value).replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= max_width else text[: max_width - 1] + CUT_MARK


def format_table(header: list[str], rows: list, *, max_width: int = DEFAULT_MAX_WIDTH) -> str:
    """Rows as an aligned text table with a row count (rows are positional: duplicate names are fine)."""
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    names = [_cell(h, max_width) for h in header]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(names)]

    def line(values):
        return "  " + " | ".join(v.ljust(w) for v, w in zip(values, widths))

    out = [line(names), "  " + "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"  ({len(rows)} {'row' if len(rows) == 1 else 'rows'})")
    return "\n".join(out)


def query_text(data_dir: Path, query: str, fmt: str = "table", *, allow_files: Path | None = None,
               max_width: int = DEFAULT_MAX_WIDTH) -> str:
    """Run a reading query and format every statement's result (tables and analyst views)."""
    results = run_query(data_dir, query, allow_files=allow_files)
    if fmt in ("csv", "json"):
        results = results[-1:]  # one document: the last statement's result
    return "\n".join(format_result(t, fmt, max_width=max_width) for t in results)


def write_parquet(table: pa.Table, path: Path) -> None:
    """The result as one Parquet file (repeated column names numbered, as Parquet readers need)."""
    pq.write_table(table.rename_columns(unique_names(table.column_names)), path)


def main(args: argparse.Namespace) -> int:
    if args.format == "parquet" and args.output is None:
        print("newsevents sql: --format parquet needs --output FILE", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.format == "parquet":
            write_parquet(run_query(args.data_dir, args.query, allow_files=args.allow_files)[-1], args.output)
            return EXIT_OK
        text = query_text(args.data_dir, args.query, args.format, allow_files=args.allow_files,
                          max_width=args.max_width)
        if args.output is not None:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        print(f"newsevents: {one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
