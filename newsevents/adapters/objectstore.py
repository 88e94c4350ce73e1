"""Object storage by URI (`s3://bucket/prefix`, and whatever else pyarrow.fs understands), via pyarrow.fs.

Two uses, both off unless a URI is configured, so local runs are unchanged:

- **Landing inputs** given as a URI (in `NEWSEVENTS_LANDING` or `newsevents run --input`) are listed and
  downloaded into the night's work area (`work/date=D/landing/<n>/…`) before the normal readers run; every
  item's `input_ref` keeps the URI (`s3://bucket/prefix/file.jsonl:3`). Objects larger than
  `Limits.max_input_bytes` are not downloaded but rejected (`input_too_large`), files of an unsupported
  type are rejected without downloading (`unsupported_format`), hidden names are skipped, and a prefix with
  no objects gives one `input_not_found` reject, exactly as for local folders. A listing or download that
  fails (credentials, network) raises: that is an outage to retry, not a bad article.
- **Publishing** (`NEWSEVENTS_PUBLISH_URI`): after the local publish succeeded, the new snapshot directory
  is copied to `<uri>/snapshots/<id>/…` and the night's lake partitions to `<uri>/lake/<table>/date=D/…`;
  every uploaded object is read back and its SHA-256 compared with the manifest (snapshot table files) or
  the local file (manifest, quality.json, report, lake files). Only then is `<uri>/snapshots/LATEST`
  written: a small JSON object naming the snapshot id (object stores have no symlinks).

S3 settings come from the environment and are read by the AWS SDK inside pyarrow (checked with pyarrow 26):
`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (optionally `AWS_SESSION_TOKEN`, or `AWS_PROFILE` / instance
credentials), `AWS_DEFAULT_REGION` (else the bucket's region is looked up) and `AWS_ENDPOINT_URL` (or
`AWS_ENDPOINT_URL_S3`) for S3-compatible servers such as MinIO, Ceph or moto. Options can also be given in
the URI query, e.g. `s3://bucket/prefix?endpoint_override=host:9000&scheme=http`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from pyarrow import fs as pafs

from newsevents.adapters.snapshots import MANIFEST
from newsevents.adapters.sources import input_kind, iter_input_items, read_input_file
from newsevents.adapters.storage import lake_partition, sha256_file
from newsevents.extract.records import RawReject

log = logging.getLogger("newsevents")

LATEST = "LATEST"
_URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_CHUNK = 1 << 20


class ObjectStoreError(RuntimeError):
    """An upload did not arrive intact (read back with another checksum), or a URI cannot be used."""


def is_uri(location: str) -> bool:
    """True for `scheme://…` locations (s3://, gs://, …); plain and relative paths are local."""
    return bool(_URI.match(str(location))) and not str(location).startswith("file://")


def resolve(uri: str) -> tuple[pafs.FileSystem, str]:
    """The pyarrow filesystem for a URI and the path inside it (no trailing slash)."""
    try:
        filesystem, path = pafs.FileSystem.from_uri(uri)
    except (ValueError, OSError) as exc:
        raise ObjectStoreError(f"cannot use {uri!r}: {exc}") from exc
    return filesystem, path.rstrip("/")


def join(uri: str, *parts: str) -> str:
    """`uri` with path parts appended (query string kept at the end)."""
    base, sep, query = uri.partition("?")
    joined = "/".join([base.rstrip("/"), *(p.strip("/") for p in parts if p)])
    return f"{joined}{sep}{query}"


# --------------------------------------------------------------------------- bytes in and out
def sha256_object(filesystem: pafs.FileSystem, path: str) -> str:
    digest = hashlib.sha256()
    with filesystem.open_input_stream(path) as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def upload_file(local: Path, filesystem: pafs.FileSystem, path: str) -> None:
    with open(local, "rb") as src, filesystem.open_output_stream(path) as dst:
        while chunk := src.read(_CHUNK):
            dst.write(chunk)


def download_file(filesystem: pafs.FileSystem, path: str, local: Path) -> None:
    """Download to `local` via a temporary name, so a failed download leaves no partial file."""
    local.parent.mkdir(parents=True, exist_ok=True)
    tmp = local.with_name(f".{local.name}.part")
    with filesystem.open_input_stream(path) as src, open(tmp, "wb") as dst:
        while chunk := src.read(_CHUNK):
            dst.write(chunk)
    tmp.replace(local)


def put_text(filesystem: pafs.FileSystem, path: str, text: str) -> None:
    with filesystem.open_output_stream(path) as dst:
        dst.write(text.encode("utf-8"))


def get_text(filesystem: pafs.FileSystem, path: str) -> str:
    with filesystem.open_input_stream(path) as src:
        return src.read().decode("utf-8")


# --------------------------------------------------------------------------- landing inputs
def _escapes(path: str) -> bool:
    """Whether a key or path has a '..' segment (object stores keep it literally; a local copy would not)."""
    return ".." in path.split("/")


def iter_uri_input_items(uri: str, *, limits, dest: Path) -> Iterator:
    """Raw items of every object under `uri` (a prefix or one object): downloaded into `dest`, then read by
    the normal readers of `newsevents.adapters.sources`; input_ref is the object's URI (plus `:line` / `#itemN`)."""
    if _escapes(uri.partition("?")[0].split("://", 1)[-1]):
        yield RawReject(uri, "symlink_outside_landing", "the location has '..' segments that leave its prefix")
        return
    filesystem, root = resolve(uri)
    info = filesystem.get_file_info(root)
    if info.type == pafs.FileType.File:
        objects = [(info, uri.partition("?")[0])]
    else:
        listing = filesystem.get_file_info(pafs.FileSelector(root, allow_not_found=True, recursive=True))
        objects = []
        for entry in sorted(listing, key=lambda e: e.path):
            rel = entry.path[len(root):].lstrip("/")
            if entry.type == pafs.FileType.File and _escapes(rel):  # a key "landing/../x" names another prefix
                yield RawReject(join(uri.partition("?")[0], rel), "symlink_outside_landing",
                                "the object key has '..' segments that leave the landing prefix")
                continue
            if entry.type != pafs.FileType.File or any(part.startswith(".") for part in rel.split("/")):
                continue
            objects.append((entry, join(uri.partition("?")[0], rel)))
    if not objects:
        yield RawReject(uri, "input_not_found", f"no objects under {uri!r}")
        return
    for n, (entry, ref) in enumerate(objects):
        name = entry.base_name
        if input_kind(name) is None:
            yield RawReject(ref, "unsupported_format",
                            f"unsupported file type {name!r} (expected .jsonl, .jsonl.gz, .txt, .html, .xml, "
                            f".rss or .atom)")
            continue
        if entry.size is not None and entry.size > limits.max_input_bytes:
            yield RawReject(ref, "input_too_large",
                            f"object is {entry.size} bytes, larger than {limits.max_input_bytes}; not downloaded")
            continue
        local = dest / f"{n:05d}" / name
        download_file(filesystem, entry.path, local)
        yield from read_input_file(local, ref, limits)


def iter_inputs(inputs: list[str], *, limits, work: Path) -> Iterator:
    """Like `sources.iter_input_items`, input by input, with URIs downloaded into `work/landing/`."""
    for index, given in enumerate(inputs):
        if is_uri(given):
            log.info("extract: downloading %s", given)
            yield from iter_uri_input_items(given, limits=limits, dest=work / "landing" / f"{index:03d}")
        else:
            yield from iter_input_items([given], limits=limits)


# --------------------------------------------------------------------------- publishing
def _local_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def mirror_publish(uri: str, *, data_dir: Path, snapshot: Path, logical_date: date,
                   tables: list[str]) -> dict:
    """Copy a published snapshot and the night's lake partitions to `uri`, verify, then write LATEST."""
    filesystem, base = resolve(uri)
    snapshot = Path(snapshot)
    manifest = json.loads((snapshot / MANIFEST).read_text(encoding="utf-8"))
    snapshot_id = manifest.get("snapshot_id") or snapshot.name
    expected_by_rel = {f["path"]: f["sha256"] for t in manifest["tables"].values() for f in t["files"]}

    uploads: list[tuple[Path, str, str]] = []  # (local file, remote path, expected sha256)
    snap_base = f"{base}/snapshots/{snapshot_id}"
    for local in _local_files(snapshot):
        rel = local.relative_to(snapshot).as_posix()
        expected = expected_by_rel.get(rel) or sha256_file(local)
        uploads.append((local, f"{snap_base}/{rel}", expected))
    missing = set(expected_by_rel) - {p.relative_to(snapshot).as_posix() for p, _, _ in uploads}
    if missing:
        raise ObjectStoreError(f"snapshot {snapshot} lacks files its manifest lists: {sorted(missing)}")
    lake_dirs = []
    for table in tables:
        part = lake_partition(data_dir, table, logical_date)
        remote_dir = f"{base}/lake/{table}/{part.name}"
        lake_dirs.append(remote_dir)
        for local in _local_files(part):
            uploads.append((local, f"{remote_dir}/{local.relative_to(part).as_posix()}", sha256_file(local)))

    # Objects are overwritten in place (a snapshot id is content-derived, so a rerun writes the same bytes),
    # then whatever else sits in those prefixes is removed: a rerun replaces the night's lake partitions and
    # never duplicates rows, and readers never see a partition emptied first.
    for local, remote, _ in uploads:
        upload_file(local, filesystem, remote)
    wanted = {remote for _, remote, _ in uploads}
    for remote_dir in [*lake_dirs, snap_base]:
        for entry in filesystem.get_file_info(pafs.FileSelector(remote_dir, allow_not_found=True, recursive=True)):
            if entry.type == pafs.FileType.File and entry.path not in wanted:
                filesystem.delete_file(entry.path)
    for local, remote, expected in uploads:
        actual = sha256_object(filesystem, remote)
        if actual != expected:
            raise ObjectStoreError(f"{remote}: read back with SHA-256 {actual[:12]}…, expected {expected[:12]}… "
                                   f"(from {local}); {LATEST} not moved")
    latest = {"snapshot_id": snapshot_id, "logical_date": logical_date.isoformat(),
              "manifest": f"snapshots/{snapshot_id}/{MANIFEST}"}
    put_text(filesystem, f"{base}/snapshots/{LATEST}", json.dumps(latest, indent=2, sort_keys=True) + "\n")
    log.info("publish: mirrored snapshot %s and %d lake partitions to %s (%d objects verified)",
             snapshot_id, len(lake_dirs), uri, len(uploads))
    return {"uri": uri, "snapshot_id": snapshot_id, "objects": len(uploads),
            "latest": join(uri, "snapshots", LATEST)}


def read_latest(uri: str) -> dict | None:
    """The LATEST object under `<uri>/snapshots/` as a dict, or None when nothing was published there."""
    filesystem, base = resolve(uri)
    path = f"{base}/snapshots/{LATEST}"
    if filesystem.get_file_info(path).type != pafs.FileType.File:
        return None
    return json.loads(get_text(filesystem, path))
