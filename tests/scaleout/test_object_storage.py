"""Object storage by URI against a local S3-compatible server (moto): s3 landing in, verified snapshot out.

The end-to-end part runs `newsevents run` in a child process with `--input s3://…` and NEWSEVENTS_PUBLISH_URI,
then reads everything back from S3 with pyarrow: LATEST, the manifest, every file against its SHA-256, the
Parquet tables and the night's lake partitions; a rerun of the night must not duplicate anything. The small
tests at the end exercise `newsevents.adapters.objectstore` in-process without spaCy (limits, missing prefixes, a
failed read-back that must not move LATEST).

DuckDB's httpfs extension (how analysts query the snapshot on S3, see README "Deployment") cannot be
downloaded here and is not tested.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from newsevents.adapters.snapshots import verify_snapshot
from tests.scaleout.conftest import REPO, S3Server, clean_env, venv_bin

pytestmark = pytest.mark.slow

SAMPLES = REPO / "samples" / "landing"
BUCKET = "newsevents-test"
DATE = "2017-04-12"
LANDING = f"s3://{BUCKET}/landing/{DATE}"
PUBLISH = f"s3://{BUCKET}/newsevents"
LAKE_TABLES = ("articles", "rejected_articles", "actors", "actor_mentions", "events", "statements")


def explain(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-2000:]}\n--- stderr\n{proc.stderr[-4000:]}"


def run_cli(s3: S3Server, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**clean_env(), **s3.env(), "NEWSEVENTS_PUBLISH_URI": PUBLISH}
    return subprocess.run([venv_bin("newsevents"), "run", "--input", LANDING, "--data-dir", str(data_dir),
                           "--date", DATE, "--quiet"],
                          env=env, capture_output=True, text=True, timeout=400, stdin=subprocess.DEVNULL)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def warehouse_rows(data_dir: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def published(s3_server: S3Server, tmp_path_factory) -> dict:
    s3_server.create_bucket(BUCKET)
    for name in ("seed_article.jsonl", "fictional_wire.jsonl"):
        s3_server.put(f"{BUCKET}/landing/{DATE}/{name}", (SAMPLES / name).read_bytes())
    s3_server.put(f"{BUCKET}/landing/{DATE}/notes.csv", b"not,an,article\n")  # unsupported: rejected, not read
    s3_server.put(f"{BUCKET}/landing/{DATE}/.hidden.jsonl", b"{}\n")  # hidden: skipped like local dot files
    data_dir = tmp_path_factory.mktemp("s3run") / "data"
    first = run_cli(s3_server, data_dir)
    assert first.returncode == 0, explain(first)
    latest = json.loads(s3_server.get(f"{BUCKET}/newsevents/snapshots/LATEST"))
    objects = s3_server.list_files(f"{BUCKET}/newsevents")
    return {"data_dir": data_dir, "latest": latest, "objects": objects}


def test_latest_names_the_local_snapshot(published):
    local = (published["data_dir"] / "snapshots" / "latest").resolve()
    assert published["latest"]["snapshot_id"] == local.name
    assert published["latest"]["logical_date"] == DATE
    assert published["latest"]["manifest"] == f"snapshots/{local.name}/manifest.json"


def test_every_uploaded_snapshot_file_matches_the_manifest(published, s3_server):
    snapshot_id = published["latest"]["snapshot_id"]
    prefix = f"{BUCKET}/newsevents/snapshots/{snapshot_id}"
    manifest = json.loads(s3_server.get(f"{prefix}/manifest.json"))
    local_dir = published["data_dir"] / "snapshots" / snapshot_id
    assert manifest == verify_snapshot(local_dir)
    listed = [f for t in manifest["tables"].values() for f in t["files"]]
    assert listed
    for f in listed:
        assert sha256(s3_server.get(f"{prefix}/{f['path']}")) == f["sha256"], f["path"]
    # the rest of the snapshot directory too (manifest, quality.json, report.html), byte for byte
    remote = {p[len(prefix) + 1:] for p in s3_server.list_files(prefix)}
    local = {p.relative_to(local_dir).as_posix() for p in local_dir.rglob("*") if p.is_file()}
    assert remote == local
    for rel in local:
        assert s3_server.get(f"{prefix}/{rel}") == (local_dir / rel).read_bytes(), rel


def test_snapshot_tables_read_back_from_s3(published, s3_server):
    snapshot_id = published["latest"]["snapshot_id"]
    prefix = f"{BUCKET}/newsevents/snapshots/{snapshot_id}"
    manifest = json.loads(s3_server.get(f"{prefix}/manifest.json"))
    fs = s3_server.filesystem()
    events = ds.dataset(f"{prefix}/events", filesystem=fs, format="parquet", partitioning="hive").to_table()
    assert events.num_rows == manifest["tables"]["events"]["rows"] > 0
    articles = pq.read_table(f"{prefix}/articles/articles.parquet", filesystem=fs)
    assert articles.num_rows == manifest["tables"]["articles"]["rows"] > 0
    assert warehouse_rows(published["data_dir"], "SELECT count(*) FROM events")[0][0] == events.num_rows


def test_night_lake_partitions_are_uploaded(published, s3_server):
    data_dir = published["data_dir"]
    fs = s3_server.filesystem()
    for table in LAKE_TABLES:
        part = f"{BUCKET}/newsevents/lake/{table}/date={DATE}"
        assert s3_server.list_files(part) == [f"{part}/part-0.parquet"], table
        local = data_dir / "lake" / table / f"date={DATE}" / "part-0.parquet"
        assert s3_server.get(f"{part}/part-0.parquet") == local.read_bytes(), table
        assert pq.read_table(f"{part}/part-0.parquet", filesystem=fs).num_rows == pq.read_table(local).num_rows


def test_input_refs_keep_the_s3_uri(published):
    data_dir = published["data_dir"]
    refs = [r[0] for r in warehouse_rows(data_dir, "SELECT input_ref FROM articles")]
    assert refs and all(r.startswith(f"{LANDING}/") for r in refs), refs
    rejects = dict(warehouse_rows(data_dir, "SELECT input_ref, reason_code FROM rejected_articles"))
    assert rejects.get(f"{LANDING}/notes.csv") == "unsupported_format", rejects
    assert not any(".hidden" in r for r in [*refs, *rejects])
    stats = json.loads((data_dir / "work" / f"date={DATE}" / "extract" / "stats.json").read_text())
    assert stats["read"] == stats["accepted"] + stats["rejected"] + stats["duplicates"]


def test_rerun_does_not_duplicate(published, s3_server):
    data_dir = published["data_dir"]
    before_rows = warehouse_rows(data_dir, "SELECT count(*) FROM articles")[0][0]
    rerun = run_cli(s3_server, data_dir)
    assert rerun.returncode == 0, explain(rerun)
    latest = json.loads(s3_server.get(f"{BUCKET}/newsevents/snapshots/LATEST"))
    assert latest == published["latest"]  # same content, same snapshot id
    assert s3_server.list_files(f"{BUCKET}/newsevents") == published["objects"]
    snapshot_dirs = {p.split("/")[3] for p in published["objects"] if p.split("/")[2] == "snapshots"}
    assert snapshot_dirs == {latest["snapshot_id"], "LATEST"}
    lake = pq.read_table(f"{BUCKET}/newsevents/lake/articles/date={DATE}/part-0.parquet",
                         filesystem=s3_server.filesystem())
    assert lake.num_rows == before_rows == warehouse_rows(data_dir, "SELECT count(*) FROM articles")[0][0]


# --------------------------------------------------------------------------- in-process, no spaCy
@pytest.fixture
def s3_env(s3_server, monkeypatch):
    for key, value in s3_server.env().items():
        monkeypatch.setenv(key, value)
    s3_server.create_bucket(BUCKET)
    return s3_server


def test_landing_limits_and_missing_prefix(s3_env, tmp_path):
    from newsevents.adapters.objectstore import iter_inputs
    from newsevents.config import Limits

    s3_env.put(f"{BUCKET}/limits/big.jsonl", b'{"text": "' + b"x" * 500 + b'"}\n')
    s3_env.put(f"{BUCKET}/limits/small.txt", b"Title\nSome short text for the reader.\n")
    items = list(iter_inputs([f"s3://{BUCKET}/limits", f"s3://{BUCKET}/nothing-here"],
                             limits=Limits(max_input_bytes=200), work=tmp_path))
    by_ref = {i.input_ref: getattr(i, "reason_code", "record") for i in items}
    assert by_ref == {f"s3://{BUCKET}/limits/big.jsonl": "input_too_large",
                      f"s3://{BUCKET}/limits/small.txt": "record",
                      f"s3://{BUCKET}/nothing-here": "input_not_found"}
    assert not list(tmp_path.rglob("big.jsonl")), "an object over the size limit was downloaded"


def test_failed_read_back_does_not_move_latest(s3_env, tmp_path, monkeypatch):
    from newsevents.adapters import objectstore

    snap = tmp_path / "snapshots" / "2017-04-12-abc"
    (snap / "t").mkdir(parents=True)
    (snap / "t" / "t.parquet").write_bytes(b"data")
    manifest = {"snapshot_id": snap.name, "tables": {"t": {"files": [{"path": "t/t.parquet",
                                                                       "sha256": sha256(b"data")}]}}}
    (snap / "manifest.json").write_text(json.dumps(manifest))
    uri = f"s3://{BUCKET}/unit"
    result = objectstore.mirror_publish(uri, data_dir=tmp_path, snapshot=snap, logical_date=date(2017, 4, 12),
                                        tables=[])
    assert result["objects"] == 2 and objectstore.read_latest(uri)["snapshot_id"] == snap.name

    other = tmp_path / "snapshots" / "2017-04-13-def"
    shutil.copytree(snap, other)
    (other / "manifest.json").write_text(json.dumps({**manifest, "snapshot_id": other.name}))
    monkeypatch.setattr(objectstore, "sha256_object", lambda fs, path: "0" * 64)  # a corrupted upload
    with pytest.raises(objectstore.ObjectStoreError, match="LATEST not moved"):
        objectstore.mirror_publish(uri, data_dir=tmp_path, snapshot=other, logical_date=date(2017, 4, 13),
                                   tables=[])
    assert objectstore.read_latest(uri)["snapshot_id"] == snap.name


def test_locations_split_keeps_uris_whole():
    from newsevents.adapters.objectstore import is_uri
    from newsevents.config import split_locations

    assert split_locations("a:b") == ("a", "b")
    assert split_locations(f"/x:{LANDING}:rel/dir") == ("/x", LANDING, "rel/dir")
    assert is_uri(LANDING) and not is_uri("/tmp/x") and not is_uri("data/landing")
