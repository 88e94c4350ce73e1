"""Object storage by URI (`s3://bucket/prefix`, and whatever else pyarrow.fs understands), via pyarrow.fs.

Two uses, both off unless a URI is configured, so local runs are unchanged:

- **Landing inputs** given as a URI (in `NEWSEVENTS_LANDING` or `newsevents run --input`) are listed and
  downloaded into the night's work area (`work/date=D/landing/<n>/…`) before the normal readers run; every
  item's `input_ref` keeps the URI (`s3://bucket/prefix/file.jsonl:3`). Objects larger than
  `Limits.max_input_bytes` are not downloaded but rejected (`input_too_large`), files of an unsupported
  type are rejected without downloading (`unsupported_format`), hidden names are skipped, and a prefix with
  no objects gives one `input_not_found` reject, exactly as for local folders. A listing or download that
  fails (credentials, network) raises: that is an outage to retry, not a bad article.
- **Publishing** (`NEWSEVENTS_PUBLISH_URI`): after the local publish succeeded, the new snapshot folder
  (manifest.json, quality.json, report.html, validation.html) is copied to `<uri>/snapshots/<id>/…` and read
  back against the local checksums; only then is `<uri>/snapshots/LATEST` written: a small JSON object naming the
  snapshot id (object stores have no symlinks). Data files are never copied: with an s3:// DuckLake data
  path (`NEWSEVENTS_DATA_PATH`) the manifest lists them by URI where DuckLake wrote them.
- **Checksums of data files** on object storage (`object_facts`) for the manifests and `newsevents verify`.

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

from newsevents.adapters.sources import input_kind, iter_input_items, read_input_file
from newsevents.adapters.storage import sha256_file
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
def object_facts(uri: str) -> tuple[str, int]:
    """SHA-256 and size in bytes of one object."""
    filesystem, path = resolve(uri)
    return sha256_object(filesystem, path), filesystem.get_file_info(path).size


def open_object(uri: str):
    """A random-access input file for one object (e.g. to read a Parquet footer)."""
    filesystem, path = resolve(uri)
    return filesystem.open_input_file(path)


def mirror_snapshot(uri: str, *, snapshot: Path, snapshot_id: str, logical_date: date, move_latest: bool) -> dict:
    """Copy a published snapshot folder (manifest, quality.json, report) to `<uri>/snapshots/<id>/`, read every
    object back and compare checksums, and only then write `<uri>/snapshots/LATEST` (when `move_latest`).

    The data files are not copied: the manifest references them where DuckLake wrote them (an s3:// data
    path). A rerun overwrites the same objects; LATEST is a small JSON object, as object stores have no
    symlinks."""
    filesystem, base = resolve(uri)
    snap_base = f"{base}/snapshots/{snapshot_id}"
    uploads = [(local, f"{snap_base}/{local.relative_to(snapshot).as_posix()}", sha256_file(local))
               for local in sorted(p for p in Path(snapshot).rglob("*") if p.is_file())]
    for local, remote, _ in uploads:
        upload_file(local, filesystem, remote)
    for local, remote, expected in uploads:
        actual = sha256_object(filesystem, remote)
        if actual != expected:
            raise ObjectStoreError(f"{remote}: read back with SHA-256 {actual[:12]}…, expected {expected[:12]}… "
                                   f"(from {local}); {LATEST} not moved")
    if move_latest:
        latest = {"snapshot_id": snapshot_id, "logical_date": logical_date.isoformat(),
                  "manifest": f"snapshots/{snapshot_id}/manifest.json"}
        put_text(filesystem, f"{base}/snapshots/{LATEST}", json.dumps(latest, indent=2, sort_keys=True) + "\n")
    log.info("publish: mirrored snapshot %s to %s (%d objects verified%s)", snapshot_id, uri, len(uploads),
             ", LATEST moved" if move_latest else "")
    return {"uri": uri, "snapshot_id": snapshot_id, "objects": len(uploads), "latest_moved": move_latest,
            "latest": join(uri, "snapshots", LATEST)}


def read_latest(uri: str) -> dict | None:
    """The LATEST object under `<uri>/snapshots/` as a dict, or None when nothing was published there."""
    filesystem, base = resolve(uri)
    path = f"{base}/snapshots/{LATEST}"
    if filesystem.get_file_info(path).type != pafs.FileType.File:
        return None
    return json.loads(get_text(filesystem, path))
