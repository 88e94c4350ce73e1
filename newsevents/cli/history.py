"""`newsevents changes`, `verify` and `snapshots list|expire`: the lakehouse's history, checks and retention."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsevents.adapters import history, storage
from newsevents.adapters.lakehouse import CatalogBusyError, CatalogError, connect, current_version, is_postgres
from newsevents.adapters.snapshots import (
    SnapshotError,
    latest_snapshot,
    published_snapshots,
    read_manifest,
    resolve_snapshot,
    verify_snapshot,
)
from newsevents.adapters.storage import RunLockedError
from newsevents.cli.common import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, one_line
from newsevents.cli.sql import format_table
from newsevents.config import Settings


def _version_of(data_dir: Path, name: str) -> int:
    if name.lstrip("v").isdigit() and not (Path(data_dir) / "snapshots" / name).exists():
        return int(name.lstrip("v"))
    return int(read_manifest(resolve_snapshot(data_dir, name))["ducklake_version"])


def cmd_changes(args: argparse.Namespace) -> int:
    """Rows inserted and deleted per table between two snapshots (default: up to the current version)."""
    since = _version_of(args.data_dir, args.since)
    with connect(Settings.from_env(data_dir=args.data_dir), read_only=True) as con:
        until = _version_of(args.data_dir, args.until) if args.until else current_version(con)
        counts = history.table_changes(con, since, until)
    if args.format == "json":
        print(json.dumps({"since_version": since, "until_version": until, "tables": counts}, indent=2))
        return EXIT_OK
    print(f"changes from DuckLake version {since} to {until}:")
    print(format_table(["table", "inserted", "deleted"],
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


def _list_snapshots(data_dir: Path) -> int:
    if not (Path(data_dir) / "snapshots").is_dir():
        raise SnapshotError(f"no snapshots under {data_dir}; run `newsevents run` first")
    rows = []
    latest = latest_snapshot(data_dir)
    for path in published_snapshots(data_dir):
        m = read_manifest(path)
        mark = "latest" if latest is not None and path.name == latest.name else ""
        rows.append([path.name, m["ducklake_version"], m["logical_date"],
                     sum(len(t["files"]) for t in m["tables"].values()),
                     sum(t["rows"] for t in m["tables"].values()), mark])
    print(format_table(["snapshot", "version", "night", "files", "rows", ""], rows))
    return EXIT_OK


def cmd_snapshots(args: argparse.Namespace) -> int:
    if args.action == "list":
        return _list_snapshots(args.data_dir)
    settings = Settings.from_env(data_dir=args.data_dir)
    keep = args.keep or settings.keep_snapshots
    with storage.run_lock(settings.data_dir), connect(settings) as con:
        result = history.expire(con, settings, keep=keep, remove_orphans=not is_postgres(settings))
    print(f"kept {len(result['kept'])} snapshots ({', '.join(result['kept']) or 'none'}); removed "
          f"{len(result['removed_snapshots'])}; expired {len(result['expired_versions'])} DuckLake versions; "
          f"deleted {len(result['deleted_files'])} data files")
    return EXIT_OK


COMMANDS = {"changes": cmd_changes, "verify": cmd_verify, "snapshots": cmd_snapshots}


def main(args: argparse.Namespace) -> int:
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
        print(f"newsevents {args.command}: {one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
