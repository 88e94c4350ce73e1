"""Parquet snapshots for data consumers: write, checksum, verify, and switch `latest`.

A snapshot directory is written under a temporary name, verified against its own
manifest, renamed to `<logical-date>-<content-fingerprint>` and only then does
`snapshots/latest` move to it. Identical content gives the identical snapshot id,
so rerunning a night does not pile up copies.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from newsevents import __version__
from newsevents.adapters.report import write_report
from newsevents.adapters.storage import point_symlink, sha256_file, snapshots_dir, write_json, write_table
from newsevents.core.contracts import BY_NAME, SCHEMA_VERSION

MANIFEST = "manifest.json"
log = logging.getLogger("newsevents")


class SnapshotError(RuntimeError):
    """A snapshot failed verification."""


def _schema_json(schema: pa.Schema) -> list[dict]:
    return [
        {"name": f.name, "type": str(f.type), "nullable": f.nullable,
         "description": (f.metadata or {}).get(b"description", b"").decode()}
        for f in schema
    ]


#: Tables consumers usually filter by time are split hive-style by month in snapshots.
PARTITIONED_BY_MONTH = {"events": "event_date"}


def _write_table_files(root: Path, name: str, table: pa.Table) -> list[tuple[str, int]]:
    """Write one table of a snapshot; returns (relative path, rows) per file, in path order."""
    column = PARTITIONED_BY_MONTH.get(name)
    if column is None or table.num_rows == 0:
        rel = f"{name}/{name}.parquet"
        write_table(table, root / rel)
        return [(rel, table.num_rows)]
    months = pc.strftime(table.column(column), format="%Y-%m")
    files = []
    for month in sorted(set(months.to_pylist())):
        part = table.filter(pc.equal(months, month))
        rel = f"{name}/event_month={month}/part-0.parquet"
        write_table(part, root / rel)
        files.append((rel, part.num_rows))
    return files


def build_manifest(root: Path, tables: dict[str, pa.Table], files: dict[str, list[tuple[str, int]]], *,
                   logical_date: date, quality: dict | None) -> dict:
    """Manifest of a written snapshot directory: files, rows, schemas, checksums."""
    entries = {}
    for name, table in sorted(tables.items()):
        entries[name] = {
            "rows": table.num_rows,
            "grain": BY_NAME[name].grain if name in BY_NAME else None,
            "key": list(BY_NAME[name].key) if name in BY_NAME else None,
            "partitioning": f"hive: event_month=YYYY-MM (from {PARTITIONED_BY_MONTH[name]})"
            if name in PARTITIONED_BY_MONTH else None,
            "schema": _schema_json(table.schema),
            "files": [{"path": rel, "sha256": sha256_file(root / rel), "bytes": (root / rel).stat().st_size,
                       "rows": rows} for rel, rows in files[name]],
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "code_version": __version__,
        "logical_date": logical_date.isoformat(),
        "tables": entries,
        "quality": {"success": quality.get("success"), "file": "quality.json"} if quality else None,
        "report": "report.html",
    }


def fingerprint(manifest: dict) -> str:
    """Content fingerprint: hash over every file checksum (order-independent of writing)."""
    parts = [f"{n}:{f['path']}:{f['sha256']}" for n, t in sorted(manifest["tables"].items()) for f in t["files"]]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def verify_snapshot(root: Path) -> dict:
    """Re-check every file of a snapshot against its manifest; raise SnapshotError on mismatch."""
    manifest_path = Path(root) / MANIFEST
    if not manifest_path.exists():
        raise SnapshotError(f"{root}: no {MANIFEST}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, entry in manifest["tables"].items():
        for f in entry["files"]:
            path = Path(root) / f["path"]
            if not path.exists():
                raise SnapshotError(f"{root}: {name} file {f['path']} is missing")
            actual = sha256_file(path)
            if actual != f["sha256"]:
                raise SnapshotError(f"{root}: checksum mismatch for {f['path']} (manifest {f['sha256'][:12]}…,"
                                    f" file {actual[:12]}…)")
    return manifest


def write_snapshot(data_dir: Path, tables: dict[str, pa.Table], *, logical_date: date,
                   quality: dict | None) -> Path:
    """Write and verify a snapshot directory; return its final path (not yet `latest`)."""
    base = snapshots_dir(data_dir)
    for stale in base.glob(".staging-*"):  # left by a run that died mid-write (runs hold the data dir's lock)
        shutil.rmtree(stale, ignore_errors=True)
    staging = base / f".staging-{logical_date.isoformat()}-{os.getpid()}"
    files = {name: _write_table_files(staging, name, table) for name, table in tables.items()}
    manifest = build_manifest(staging, tables, files, logical_date=logical_date, quality=quality)
    snapshot_id = f"{logical_date.isoformat()}-{fingerprint(manifest)}"
    manifest["snapshot_id"] = snapshot_id
    if quality is not None:
        write_json(quality, staging / "quality.json")
    write_json(manifest, staging / MANIFEST)
    write_report(staging, tables, manifest=manifest, quality=quality)
    verify_snapshot(staging)
    final = base / snapshot_id
    if final.exists():
        try:
            verify_snapshot(final)
            shutil.rmtree(staging)
            return final
        except SnapshotError as exc:
            log.warning("snapshot %s fails verification, rewriting it: %s", final.name, exc)
            shutil.rmtree(final)
    os.replace(staging, final)
    return final


def mark_latest(data_dir: Path, snapshot: Path) -> Path:
    """Atomically point snapshots/latest at the given snapshot."""
    link = snapshots_dir(data_dir) / "latest"
    point_symlink(link, snapshot.name)
    return link


def latest_snapshot(data_dir: Path) -> Path | None:
    link = snapshots_dir(data_dir) / "latest"
    return link.resolve() if link.exists() else None
