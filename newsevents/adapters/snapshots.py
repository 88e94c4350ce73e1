"""Snapshots for data consumers, by reference: manifests of DuckLake snapshots, `latest`, verify, expire.

A published night is one DuckLake snapshot (the version `warehouse.load_night` committed). Publishing it
writes `snapshots/<logical date>-v<version>/` holding

- `manifest.json`: for every table its schema, rows and the Parquet files that hold it at that version
  (path relative to the data directory, or the s3:// URI; rows; bytes; SHA-256), plus the files added and
  removed since the previous manifest, the DuckLake version, logical date, schema and code versions;
- `quality.json` (the gate's summary) and `report.html` (the run report).

Nothing is copied: files are immutable and shared by every snapshot that lists them. Reading exactly the
listed files of a table with any Parquet reader gives the table as of that snapshot (the warehouse never
leaves delete files; a manifest refuses to list one). A file's SHA-256 is computed once, when it first
appears; later manifests take it from the previous manifest (same path, same immutable bytes), so
publishing costs the night's new files, not the history. `newsevents verify` re-hashes everything.

`snapshots/latest` (a symlink) names the snapshot of the newest logical date published: a backfill of an
older night publishes its own snapshot without moving `latest` back.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from pyarrow import fs as pafs

from newsevents import __version__
from newsevents.adapters.lakehouse import data_files
from newsevents.adapters.objectstore import get_text, is_uri, object_facts, open_object, resolve
from newsevents.adapters.report import report_facts, write_report
from newsevents.adapters.storage import point_symlink, sha256_file, snapshots_dir, write_json
from newsevents.config import Settings
from newsevents.core.contracts import BY_NAME, CODE_TABLES, SCHEMA_VERSION, SNAPSHOT_TABLES

MANIFEST = "manifest.json"
#: Version of the manifest layout (the shared output contract's version 2: snapshots by reference).
MANIFEST_FORMAT = 2
LATEST = "latest"
PARTITIONING = "partition_date (hive folders partition_date=YYYY-MM-DD)"
_SNAPSHOT_ID = re.compile(r"^(\d{4}-\d{2}-\d{2})-v(\d+)$")
log = logging.getLogger("newsevents")


class SnapshotError(RuntimeError):
    """A snapshot is missing, unreadable or fails verification."""


# --------------------------------------------------------------------------- names
def snapshot_id(logical_date: date, version: int) -> str:
    return f"{logical_date.isoformat()}-v{int(version)}"


def parse_snapshot_id(name: str) -> tuple[date, int] | None:
    """(logical date, DuckLake version) of a snapshot folder name, or None for anything else."""
    match = _SNAPSHOT_ID.match(name)
    return (date.fromisoformat(match.group(1)), int(match.group(2))) if match else None


def published_snapshots(data_dir: Path) -> list[Path]:
    """Every published snapshot folder (with a manifest), oldest first: by DuckLake version, then date."""
    base = snapshots_dir(data_dir)
    found = []
    for path in base.iterdir() if base.is_dir() else []:
        parsed = parse_snapshot_id(path.name)
        if parsed and not path.is_symlink() and (path / MANIFEST).is_file():
            found.append((parsed[1], parsed[0], path))
    return [p for _, _, p in sorted(found)]


def latest_snapshot(data_dir: Path) -> Path | None:
    """The snapshot folder `latest` names, as `published_snapshots` names it (data_dir/snapshots/<id>)."""
    link = snapshots_dir(data_dir) / LATEST
    return link.parent / os.readlink(link) if link.is_symlink() and link.exists() else None


def read_manifest(root: Path) -> dict:
    path = Path(root) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"{root}: cannot read {MANIFEST}: {exc}") from exc


def resolve_snapshot(data_dir: Path, name: str | None) -> Path:
    """A snapshot folder from a name: `latest` (default), a snapshot id, or a DuckLake version (`7`, `v7`)."""
    if not name or name == LATEST:
        found = latest_snapshot(data_dir)
        if found is None:
            raise SnapshotError(f"no published snapshot under {snapshots_dir(data_dir)}")
        return found
    direct = snapshots_dir(data_dir) / name
    if parse_snapshot_id(name) and (direct / MANIFEST).is_file():
        return direct
    if re.fullmatch(r"v?\d+", name):
        matches = [p for p in published_snapshots(data_dir) if parse_snapshot_id(p.name)[1] == int(name.lstrip("v"))]
        if matches:
            return matches[-1]
    raise SnapshotError(f"no snapshot {name!r} under {snapshots_dir(data_dir)}")


# --------------------------------------------------------------------------- file locations and facts
def manifest_path(data_dir: Path, location: str) -> str:
    """How a manifest names a data file: relative to the data directory when under it, else as given."""
    if is_uri(location):
        return location
    try:
        return Path(location).resolve().relative_to(Path(data_dir).resolve()).as_posix()
    except ValueError:
        return str(Path(location).resolve())


def file_location(data_dir: Path, path: str) -> str:
    """The readable location of a manifest path (inverse of manifest_path)."""
    return path if is_uri(path) or os.path.isabs(path) else str(Path(data_dir) / path)


def file_facts(location: str) -> dict:
    """SHA-256, bytes and rows (from the Parquet footer) of one data file, local or on object storage."""
    if is_uri(location):
        sha, size = object_facts(location)
        with open_object(location) as fh:
            rows = pq.read_metadata(fh).num_rows
    else:
        sha, size = sha256_file(Path(location)), Path(location).stat().st_size
        rows = pq.read_metadata(location).num_rows
    return {"sha256": sha, "bytes": size, "rows": rows}


# --------------------------------------------------------------------------- manifests
#: Every table a manifest lists: the data tables, then the code tables that explain their codes.
MANIFEST_TABLES = {c.name: c for c in (*SNAPSHOT_TABLES, *CODE_TABLES)}


def _schema_json(name: str) -> list[dict]:
    return [{"name": f.name, "type": str(f.type), "nullable": f.nullable,
             "description": (f.metadata or {}).get(b"description", b"").decode()}
            for f in MANIFEST_TABLES[name].schema]


def _table_entry(con: duckdb.DuckDBPyConnection, data_dir: Path, name: str, version: int,
                 known: dict[str, dict]) -> dict:
    """One table of a manifest: its files at `version`, facts reused from `known` (earlier manifests).
    Code tables have no partitions (`partitioning` null, `kind` "code")."""
    files = []
    for found in data_files(con, name, version=version):
        if found["delete_file"]:  # never written by the warehouse (whole partitions are rewritten)
            raise SnapshotError(f"{name}: {found['path']} has a delete file at version {version}; a plain "
                                "Parquet reader would see deleted rows, refusing to publish it")
        path = manifest_path(data_dir, found["path"])
        facts = known.get(path) or file_facts(found["path"])
        files.append({"path": path, "sha256": facts["sha256"], "bytes": facts["bytes"], "rows": facts["rows"]})
    contract = MANIFEST_TABLES[name]
    is_code = name not in BY_NAME
    return {"rows": sum(f["rows"] for f in files), "grain": contract.grain, "key": list(contract.key),
            "kind": "code" if is_code else "data", "partitioning": None if is_code else PARTITIONING,
            "schema": _schema_json(name), "files": files}


def _file_paths(manifest: dict | None) -> dict[str, set[str]]:
    if not manifest:
        return {}
    return {name: {f["path"] for f in entry["files"]} for name, entry in manifest["tables"].items()}


def previous_manifest(data_dir: Path, version: int) -> dict | None:
    """The newest published manifest of an earlier DuckLake version (what `added`/`removed` compare with)."""
    earlier = [p for p in published_snapshots(data_dir) if parse_snapshot_id(p.name)[1] < version]
    return read_manifest(earlier[-1]) if earlier else None


def previous_published_manifest(publish_uri: str, version: int) -> dict | None:
    """The newest manifest of an earlier DuckLake version on the mirror (`<uri>/snapshots/<id>/manifest.json`):
    on workers that share nothing, the previous night may have been published from another machine."""
    filesystem, base = resolve(publish_uri)
    listing = filesystem.get_file_info(pafs.FileSelector(f"{base}/snapshots", allow_not_found=True))
    earlier = sorted((parsed[1], parsed[0], info.base_name) for info in listing
                     if info.type == pafs.FileType.Directory and (parsed := parse_snapshot_id(info.base_name))
                     and parsed[1] < version)
    for *_, name in reversed(earlier):
        path = f"{base}/snapshots/{name}/{MANIFEST}"
        if filesystem.get_file_info(path).type == pafs.FileType.File:
            return json.loads(get_text(filesystem, path))
    return None


def _previous(settings: Settings, version: int) -> dict | None:
    """The previous manifest: the newer of the local one and, with a publish URI, the mirror's."""
    found = [m for m in (previous_manifest(Path(settings.data_dir), version),
                         previous_published_manifest(settings.publish_uri, version) if settings.publish_uri
                         else None) if m]
    return max(found, key=lambda m: int(m["ducklake_version"])) if found else None


def _known_files(data_dir: Path) -> dict[str, dict]:
    """File facts from the newest manifests: immutable files keep their checksum for ever."""
    known: dict[str, dict] = {}
    for path in published_snapshots(data_dir)[-2:]:
        for entry in read_manifest(path)["tables"].values():
            known.update({f["path"]: f for f in entry["files"]})
    return known


def build_manifest(con: duckdb.DuckDBPyConnection, settings: Settings, *, version: int, logical_date: date,
                   quality: dict | None) -> dict:
    """The manifest of DuckLake snapshot `version` published as the night `logical_date`."""
    data_dir = Path(settings.data_dir)
    known = _known_files(data_dir)
    tables = {name: _table_entry(con, data_dir, name, version, known) for name in MANIFEST_TABLES}
    previous = _previous(settings, version)
    before, now = _file_paths(previous), _file_paths({"tables": tables})
    return {
        "manifest_format": MANIFEST_FORMAT,
        "snapshot_id": snapshot_id(logical_date, version),
        "logical_date": logical_date.isoformat(),
        "ducklake_version": int(version),
        "schema_version": SCHEMA_VERSION,
        "code_version": __version__,
        "catalog": manifest_path(data_dir, settings.catalog_location) if "postgres:" not in
        settings.catalog_location else "postgres",
        "data_path": manifest_path(data_dir, settings.data_location),
        "previous_snapshot": previous["snapshot_id"] if previous else None,
        "tables": tables,
        "added": {n: sorted(now[n] - before.get(n, set())) for n in sorted(now)},
        "removed": {n: sorted(before.get(n, set()) - now[n]) for n in sorted(now)},
        "quality": {"success": quality.get("success"), "file": "quality.json"} if quality else None,
        "report": "report.html",
    }


def verify_snapshot(root: Path, *, check_checksums: bool = True) -> dict:
    """Re-check every file a snapshot lists (SHA-256, or only that it exists); SnapshotError names every
    mismatch."""
    root = Path(root).resolve()
    manifest = read_manifest(root)
    data_dir = root.parent.parent
    problems = []
    for name, entry in sorted(manifest.get("tables", {}).items()):
        for f in entry["files"]:
            location = file_location(data_dir, f["path"])
            if not is_uri(location) and not Path(location).is_file():
                problems.append(f"{name} file {f['path']} is missing")
            elif check_checksums:
                problems.extend(_checksum_problem(name, f, location))
    if problems:
        raise SnapshotError(f"{root.name}: " + "; ".join(problems))
    return manifest


def _checksum_problem(name: str, listed: dict, location: str) -> list[str]:
    try:
        actual = object_facts(location)[0] if is_uri(location) else sha256_file(Path(location))
    except OSError as exc:
        return [f"{name} file {listed['path']} cannot be read ({exc})"]
    if actual != listed["sha256"]:
        return [f"checksum mismatch for {listed['path']} (manifest {listed['sha256'][:12]}…, file {actual[:12]}…)"]
    return []


# --------------------------------------------------------------------------- publishing
def write_snapshot(con: duckdb.DuckDBPyConnection, settings: Settings, *, version: int, logical_date: date,
                   quality: dict | None) -> Path:
    """Write (or keep, when identical) the snapshot folder of `version` as the night `logical_date`."""
    base = snapshots_dir(settings.data_dir)
    base.mkdir(parents=True, exist_ok=True)
    for stale in base.glob(".staging-*"):  # left by a run that died mid-write (runs hold the data dir's lock)
        shutil.rmtree(stale, ignore_errors=True)
    manifest = build_manifest(con, settings, version=version, logical_date=logical_date, quality=quality)
    final = base / manifest["snapshot_id"]
    if (final / MANIFEST).is_file() and _same_manifest(final, manifest):
        return final
    staging = base / f".staging-{manifest['snapshot_id']}-{os.getpid()}"
    try:
        if quality is not None:
            write_json(quality, staging / "quality.json")
        write_json(manifest, staging / MANIFEST)
        write_report(staging, report_facts(con, version, logical_date), manifest=manifest, quality=quality)
        verify_snapshot(staging, check_checksums=False)  # every listed file exists (new ones were just hashed)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a full disk: leave nothing half written (a kill: next run)
        raise
    if final.exists():
        log.warning("snapshot %s differs from the published copy, rewriting it", final.name)
        shutil.rmtree(final)
    os.replace(staging, final)
    return final


def _same_manifest(final: Path, manifest: dict) -> bool:
    try:
        return read_manifest(final) == json.loads(json.dumps(manifest, default=str))
    except SnapshotError:
        return False


def mark_latest(data_dir: Path, snapshot: Path) -> bool:
    """Point snapshots/latest at `snapshot` unless latest already names a newer night (or a newer version of
    the same night); True when it moved (or already pointed there)."""
    link = snapshots_dir(data_dir) / LATEST
    new = parse_snapshot_id(Path(snapshot).name)
    current = latest_snapshot(data_dir)
    old = parse_snapshot_id(current.name) if current is not None else None
    if old is not None and old > new:
        log.info("publish: latest stays at %s (newer than %s)", current.name, Path(snapshot).name)
        return False
    point_symlink(link, Path(snapshot).name)
    return True
