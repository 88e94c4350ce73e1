"""Parquet snapshots for data consumers: write, checksum, verify, and switch `latest`.

A snapshot directory is written under a temporary name, verified against its own
manifest, renamed to `<logical-date>-<content-fingerprint>` and only then does
`snapshots/latest` move to it. Identical content gives the identical snapshot id,
so rerunning a night does not pile up copies.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import date
from pathlib import Path

import pyarrow as pa

from newsevents import __version__
from newsevents.contracts import BY_NAME, SCHEMA_VERSION
from newsevents.storage import point_symlink, sha256_file, snapshots_dir, write_json, write_table

MANIFEST = "manifest.json"


class SnapshotError(RuntimeError):
    """A snapshot failed verification."""


def _schema_json(schema: pa.Schema) -> list[dict]:
    return [
        {"name": f.name, "type": str(f.type), "nullable": f.nullable,
         "description": (f.metadata or {}).get(b"description", b"").decode()}
        for f in schema
    ]


def build_manifest(root: Path, tables: dict[str, pa.Table], *, logical_date: date,
                   quality: dict | None) -> dict:
    """Manifest of a written snapshot directory: files, rows, schemas, checksums."""
    entries = {}
    for name, table in sorted(tables.items()):
        rel = f"{name}/{name}.parquet"
        path = root / rel
        entries[name] = {
            "rows": table.num_rows,
            "grain": BY_NAME[name].grain if name in BY_NAME else None,
            "key": list(BY_NAME[name].key) if name in BY_NAME else None,
            "schema": _schema_json(table.schema),
            "files": [{"path": rel, "sha256": sha256_file(path), "bytes": path.stat().st_size,
                       "rows": table.num_rows}],
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "code_version": __version__,
        "logical_date": logical_date.isoformat(),
        "tables": entries,
        "quality": {"success": quality.get("success"), "file": "quality.json"} if quality else None,
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
    staging = base / f".staging-{logical_date.isoformat()}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    for name, table in tables.items():
        write_table(table, staging / name / f"{name}.parquet")
    manifest = build_manifest(staging, tables, logical_date=logical_date, quality=quality)
    snapshot_id = f"{logical_date.isoformat()}-{fingerprint(manifest)}"
    manifest["snapshot_id"] = snapshot_id
    if quality is not None:
        write_json(quality, staging / "quality.json")
    write_json(manifest, staging / MANIFEST)
    verify_snapshot(staging)
    final = base / snapshot_id
    if final.exists():
        try:
            verify_snapshot(final)
            shutil.rmtree(staging)
            return final
        except SnapshotError:
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
