"""The night's work area at a location: a local folder, or a prefix on object storage (`s3://bucket/work`).

Every task of a night hands the next one *locations*, never local paths: extract writes its stats, rejects
and article shards, each transform reads its shard and writes its NLP tables beside it, validate writes the
candidate, and load and publish read it. With `Settings.work_location` on object storage, tasks on workers
that share nothing but the services (catalog, object store) find each other's files; on a local folder the
functions below are the local ones of `storage` (atomic temp-file-and-rename writes), unchanged.

An object store has no rename, but a PUT is atomic: a reader sees the whole object or none. A file written
in batches (`table_writer`) is assembled in a local temporary file and uploaded once, at the end.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs as pafs

from newsevents.adapters import storage
from newsevents.adapters.objectstore import get_text, is_uri, join, put_text, resolve, sha256_object, upload_file
from newsevents.core.contracts import TableContract


def night_location(work_location: str, logical_date: date) -> str:
    """The work area of one night: `<work location>/date=YYYY-MM-DD`."""
    return child(work_location, storage.partition_name(logical_date))


def child(location: str, *parts: str) -> str:
    """`location` with path parts appended (a URI stays a URI, a folder a folder)."""
    return join(location, *parts) if is_uri(location) else str(Path(location, *parts))


def name_of(location: str) -> str:
    """The last path segment (a shard's folder name, for logs)."""
    return location.partition("?")[0].rstrip("/").rsplit("/", 1)[-1]


def clear(location: str) -> None:
    """Remove everything under `location` (a rerun starts from an empty work area)."""
    if not is_uri(location):
        shutil.rmtree(location, ignore_errors=True)
        return
    filesystem, path = resolve(location)
    filesystem.delete_dir_contents(path, missing_dir_ok=True)


def exists(location: str) -> bool:
    if not is_uri(location):
        return Path(location).is_file()
    filesystem, path = resolve(location)
    return filesystem.get_file_info(path).type == pafs.FileType.File


def write_table(table: pa.Table, location: str) -> str:
    """One Parquet file, whole or not at all; returns its location."""
    if not is_uri(location):
        return str(storage.write_table(table, Path(location)))
    filesystem, path = resolve(location)
    pq.write_table(table, path, filesystem=filesystem, **storage.PARQUET_OPTIONS)
    return location


def read_table(location: str, contract: TableContract | None = None) -> pa.Table:
    if not is_uri(location):
        return storage.read_table(Path(location), contract)
    filesystem, path = resolve(location)
    table = pq.read_table(path, filesystem=filesystem)
    return table.select(contract.schema.names).cast(contract.schema) if contract is not None else table


def read_tables(locations: list[str], contract: TableContract) -> pa.Table:
    """Concatenate several Parquet files of one contract (missing files count as empty)."""
    tables = [read_table(loc, contract) for loc in locations if exists(loc)]
    return pa.concat_tables(tables) if tables else contract.empty()


def write_json(obj: object, location: str) -> str:
    """JSON with sorted keys (reruns give identical bytes)."""
    if not is_uri(location):
        return str(storage.write_json(obj, Path(location)))
    filesystem, path = resolve(location)
    put_text(filesystem, path, json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n")
    return location


def read_json(location: str) -> object:
    if not is_uri(location):
        return json.loads(Path(location).read_text(encoding="utf-8"))
    filesystem, path = resolve(location)
    return json.loads(get_text(filesystem, path))


def sha256(location: str) -> str:
    if not is_uri(location):
        return storage.sha256_file(Path(location))
    filesystem, path = resolve(location)
    return sha256_object(filesystem, path)


@contextlib.contextmanager
def table_writer(location: str, schema: pa.Schema) -> Iterator:
    """`storage.table_writer` at a location: on object storage, a local temporary file uploaded at the end."""
    if not is_uri(location):
        with storage.table_writer(Path(location), schema) as sink:
            yield sink
        return
    with tempfile.TemporaryDirectory(prefix="newsevents-upload-") as tmp:
        local = Path(tmp) / name_of(location)
        with storage.table_writer(local, schema) as sink:
            yield sink
        filesystem, path = resolve(location)
        upload_file(local, filesystem, path)
