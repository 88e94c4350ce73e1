"""File-system I/O of the pipeline's working area, and the data directory's lock.

Layout under the data directory:

    work/date=YYYY-MM-DD/extract/        articles + rejects of the run, before NLP
    work/date=YYYY-MM-DD/shard=NNN/      one article shard and its NLP tables
    work/date=YYYY-MM-DD/candidate/      merged tables awaiting the quality gate
                                         (the work area is Settings.work_location: on object storage
                                         beside an s3:// data path, see workarea.py; then only an s3://
                                         landing's downloads stay in the local work/date=D/landing/)
    warehouse.ducklake                   the DuckLake catalog (lakehouse.py; NEWSEVENTS_CATALOG)
    lake/main/<table>/partition_date=YYYY-MM-DD/ducklake-<uuid>.parquet
                                         DuckLake's data files (NEWSEVENTS_DATA_PATH), written only by DuckLake
    snapshots/<date>-v<version>/         published snapshot manifests, `latest` points at the newest night
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.core.contracts import TableContract

PARQUET_OPTIONS = {"compression": "zstd", "row_group_size": 64_000}


class RunLockedError(RuntimeError):
    """Another run holds the data directory."""


def partition_name(logical_date: date) -> str:
    return f"date={logical_date.isoformat()}"


def work_dir(data_dir: Path, logical_date: date) -> Path:
    return Path(data_dir) / "work" / partition_name(logical_date)


def snapshots_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "snapshots"


def write_table(table: pa.Table, path: Path) -> Path:
    """Write one Parquet file atomically (temp file, fsync, rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    pq.write_table(table, tmp, **PARQUET_OPTIONS)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


@contextlib.contextmanager
def table_writer(path: Path, schema: pa.Schema) -> Iterator:
    """A function appending Arrow tables to one Parquet file, written atomically when the block ends.

    Grain: one file, written in row groups as they come, so a stream of rows never sits in memory whole.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    writer = pq.ParquetWriter(tmp, schema, compression=PARQUET_OPTIONS["compression"])
    try:
        yield lambda table: writer.write_table(table, row_group_size=PARQUET_OPTIONS["row_group_size"])
    except BaseException:
        writer.close()
        tmp.unlink(missing_ok=True)
        raise
    writer.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_table(path: Path, contract: TableContract | None = None) -> pa.Table:
    """Read one Parquet file; with a contract, cast it to the contract's schema."""
    table = pq.read_table(path)
    if contract is not None:
        table = table.select(contract.schema.names).cast(contract.schema)
    return table


def read_tables(paths: list[Path], contract: TableContract) -> pa.Table:
    """Concatenate several Parquet files of one contract (missing files count as empty)."""
    tables = [read_table(p, contract) for p in paths if Path(p).exists()]
    if not tables:
        return contract.empty()
    return pa.concat_tables(tables)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_json(obj: object, path: Path) -> Path:
    """Write JSON atomically, with sorted keys so reruns give identical bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def point_symlink(link: Path, target_name: str) -> None:
    """Atomically point `link` at `target_name` (a sibling directory)."""
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target_name, tmp)
    os.replace(tmp, link)


@contextlib.contextmanager
def run_lock(data_dir: Path, *, wait: bool = False) -> Iterator[Path]:
    """Hold the data directory's lock: one run (and one writer of an embedded catalog) at a time."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    lock_path = data_dir / ".newsevents.lock"
    with open(lock_path, "a+") as fh:
        flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        try:
            fcntl.flock(fh.fileno(), flags)
        except BlockingIOError as exc:
            raise RunLockedError(
                f"another newsevents run holds {lock_path}; wait for it to finish or remove a stale run"
            ) from exc
        try:
            yield lock_path
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
