"""The scale-out lakehouse end to end: DuckLake catalog in PostgreSQL, data files on S3 (moto), landing on S3.

`newsevents run` runs in a child process with `--input s3://…`, NEWSEVENTS_CATALOG=postgres:…,
NEWSEVENTS_DATA_PATH=s3://… and NEWSEVENTS_PUBLISH_URI=s3://…; then everything is read back from S3 and the
catalog: LATEST, the manifest, every listed file against its SHA-256, the files' rows against the lakehouse
tables. A rerun of the night must change nothing. Two nights running at once against the one catalog must
both commit, one after the other (DuckLake refuses the later commit as a conflict and the night is redone),
without corrupting each other. The small tests at the end exercise `newsevents.adapters.objectstore`
in-process without spaCy (limits, missing prefixes, a failed read-back that must not move LATEST).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsevents.adapters.snapshots import verify_snapshot
from tests.scaleout.conftest import REPO, Postgres, S3Server, clean_env, venv_bin
from tests.support import PAUSED_IN_LOAD, lake_query, lake_tables

pytestmark = pytest.mark.slow

SAMPLES = REPO / "samples" / "landing"
BUCKET = "newsevents-test"
DATE, DATE2, DATE3 = "2017-04-12", "2017-04-13", "2017-04-14"
LANDING = f"s3://{BUCKET}/landing/{DATE}"
DATA_PATH = f"s3://{BUCKET}/lake/"
PUBLISH = f"s3://{BUCKET}/newsevents"


def explain(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-2000:]}\n--- stderr\n{proc.stderr[-4000:]}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def lakehouse_env(s3_server: S3Server, postgres: Postgres) -> dict[str, str]:
    postgres.create_database("lake")
    s3_server.create_bucket(BUCKET)
    return {**clean_env(), **s3_server.env(), "NEWSEVENTS_CATALOG": postgres.catalog("lake"),
            "NEWSEVENTS_DATA_PATH": DATA_PATH, "NEWSEVENTS_PUBLISH_URI": PUBLISH}


def settings_of(env: dict[str, str]) -> dict:
    return {"catalog": env["NEWSEVENTS_CATALOG"], "data_path": env["NEWSEVENTS_DATA_PATH"]}


def run_cli(env: dict[str, str], data_dir: Path, day: str = DATE) -> subprocess.CompletedProcess:
    return subprocess.run([venv_bin("newsevents"), "run", "--input", LANDING, "--data-dir", str(data_dir),
                           "--date", day, "--quiet"],
                          env=env, capture_output=True, text=True, timeout=400, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def published(s3_server: S3Server, lakehouse_env, tmp_path_factory) -> dict:
    for name in ("seed_article.jsonl", "fictional_wire.jsonl"):
        s3_server.put(f"{BUCKET}/landing/{DATE}/{name}", (SAMPLES / name).read_bytes())
    s3_server.put(f"{BUCKET}/landing/{DATE}/notes.csv", b"not,an,article\n")  # unsupported: rejected, not read
    s3_server.put(f"{BUCKET}/landing/{DATE}/.hidden.jsonl", b"{}\n")  # hidden: skipped like local dot files
    data_dir = tmp_path_factory.mktemp("s3run") / "data"
    first = run_cli(lakehouse_env, data_dir)
    assert first.returncode == 0, explain(first)
    latest = json.loads(s3_server.get(f"{BUCKET}/newsevents/snapshots/LATEST"))
    objects = s3_server.list_files(BUCKET)
    return {"data_dir": data_dir, "latest": latest, "objects": objects, "env": lakehouse_env}


def s3_env(published, monkeypatch, s3_server):
    for key, value in s3_server.env().items():
        monkeypatch.setenv(key, value)


def test_nothing_of_the_lakehouse_is_local(published):
    data_dir = published["data_dir"]
    assert not (data_dir / "warehouse.ducklake").exists() and not (data_dir / "lake").exists()
    assert sorted(p.name for p in data_dir.iterdir()) == [".newsevents.lock", "docs", "snapshots", "work"]


def test_latest_names_the_local_snapshot(published):
    local = (published["data_dir"] / "snapshots" / "latest").resolve()
    assert published["latest"]["snapshot_id"] == local.name and local.name.startswith(f"{DATE}-v")
    assert published["latest"]["logical_date"] == DATE
    assert published["latest"]["manifest"] == f"snapshots/{local.name}/manifest.json"


def test_manifest_lists_s3_files_that_match_and_equal_the_tables(published, s3_server, monkeypatch):
    s3_env(published, monkeypatch, s3_server)
    snapshot_id = published["latest"]["snapshot_id"]
    prefix = f"{BUCKET}/newsevents/snapshots/{snapshot_id}"
    manifest = json.loads(s3_server.get(f"{prefix}/manifest.json"))
    local_dir = published["data_dir"] / "snapshots" / snapshot_id
    assert manifest == verify_snapshot(local_dir)  # verify re-reads every S3 file's SHA-256
    assert manifest["catalog"] == "postgres" and manifest["data_path"] == DATA_PATH
    tables = lake_tables(published["data_dir"], **settings_of(published["env"]))
    fs = s3_server.filesystem()
    for name, entry in manifest["tables"].items():
        rows = []
        for f in entry["files"]:
            partition = f"partition_date={DATE}/" if entry["kind"] == "data" else ""  # code tables: none
            assert f["path"].startswith(f"{DATA_PATH}main/{name}/{partition}"), f["path"]
            key = f["path"][len("s3://"):]
            assert sha256(s3_server.get(key)) == f["sha256"], f["path"]
            rows.extend(tuple(r.values()) for r in pq.read_table(key, filesystem=fs).to_pylist())
        assert sorted(rows, key=repr) == tables[name], name
        assert entry["rows"] == len(rows)
    # the snapshot folder itself (manifest, quality.json, report.html) is mirrored byte for byte
    remote = {p[len(prefix) + 1:] for p in s3_server.list_files(prefix)}
    local = {p.relative_to(local_dir).as_posix() for p in local_dir.rglob("*") if p.is_file()}
    assert remote == local == {"manifest.json", "quality.json", "report.html", "validation.html"}


def test_input_refs_keep_the_s3_uri(published, s3_server, monkeypatch):
    s3_env(published, monkeypatch, s3_server)
    data_dir, settings = published["data_dir"], settings_of(published["env"])
    refs = [r[0] for r in lake_query(data_dir, "SELECT input_ref FROM articles", **settings)]
    assert refs and all(r.startswith(f"{LANDING}/") for r in refs), refs
    rejects = dict(lake_query(data_dir, "SELECT input_ref, reason_code FROM rejected_articles", **settings))
    assert rejects.get(f"{LANDING}/notes.csv") == "unsupported_format", rejects
    assert not any(".hidden" in r for r in [*refs, *rejects])
    # the work area sits beside the s3:// data path (s3://bucket/work), where tasks on other workers find it
    stats = json.loads(s3_server.get(f"{BUCKET}/work/date={DATE}/extract/stats.json"))
    assert stats["read"] == stats["accepted"] + stats["rejected"] + stats["duplicates"]


def test_rerun_changes_nothing(published, s3_server):
    rerun = run_cli(published["env"], published["data_dir"])
    assert rerun.returncode == 0, explain(rerun)
    latest = json.loads(s3_server.get(f"{BUCKET}/newsevents/snapshots/LATEST"))
    assert latest == published["latest"]  # nothing changed: no new DuckLake snapshot, the same published one
    assert s3_server.list_files(BUCKET) == published["objects"], "a rerun that changes nothing wrote data files"




def test_two_nights_at_once_on_one_catalog_both_commit_one_after_the_other(published, s3_server, monkeypatch,
                                                                         tmp_path):
    """Each night runs in its own data directory (its own work area and lock) against the shared catalog and
    data path: only DuckLake stands between them. Every article is already loaded, so no NLP runs, but each
    night still replaces its rejects and quality results."""
    env, release = published["env"], tmp_path / "release"
    children = {}
    for day in (DATE2, DATE3):
        ready = tmp_path / f"ready-{day}"
        children[day] = (ready, subprocess.Popen(
            [sys.executable, "-c", PAUSED_IN_LOAD, str(ready), str(release), "run", "--input", LANDING, "--data-dir",
             str(tmp_path / f"data-{day}"), "--date", day, "--quiet"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL))
    try:
        deadline = time.monotonic() + 180
        while not all(r.exists() for r, _ in children.values()) and time.monotonic() < deadline:
            assert all(p.poll() is None for _, p in children.values()), [p.communicate() for _, p in children.values()]
            time.sleep(0.1)
        assert all(r.exists() for r, _ in children.values()), "the two nights never were in flight together"
    finally:
        release.write_text("go")
        results = {day: p.communicate(timeout=300) for day, (_, p) in children.items()}
    for day, (_, proc) in children.items():
        assert proc.returncode == 0, f"{day}: exit {proc.returncode}\n{results[day][1][-3000:]}"
    redone = [day for day, (_out, err) in results.items() if "conflicts with a concurrent commit" in err]
    assert len(redone) == 1, f"expected exactly one night redone after a conflict: {results}"

    s3_env(published, monkeypatch, s3_server)
    settings = settings_of(env)
    data_dir = tmp_path / f"data-{DATE3}"
    nights = lake_query(data_dir, "SELECT partition_date, count(*) FROM quality_results GROUP BY 1 ORDER BY 1",
                        **settings)
    assert [str(d) for d, _ in nights] == [DATE, DATE2, DATE3] and len({n for _, n in nights}) == 1
    keys = lake_query(data_dir, "SELECT count(*), count(DISTINCT actor_id) FROM actors", **settings)[0]
    assert keys[0] == keys[1], "actors lost its grain"
    messages = lake_query(data_dir, "SELECT commit_message FROM ducklake_snapshots('newsevents') "
                                    "WHERE commit_message IS NOT NULL ORDER BY snapshot_id", **settings)
    assert [m for (m,) in messages][-2:] in ([f"night {DATE2}", f"night {DATE3}"], [f"night {DATE3}", f"night {DATE2}"])
    for day in (DATE2, DATE3):
        verify_snapshot(tmp_path / f"data-{day}" / "snapshots" / "latest")


# --------------------------------------------------------------------------- in-process, no spaCy
@pytest.fixture
def s3_env_inprocess(s3_server, monkeypatch):
    for key, value in s3_server.env().items():
        monkeypatch.setenv(key, value)
    s3_server.create_bucket(BUCKET)
    return s3_server


def test_landing_limits_and_missing_prefix(s3_env_inprocess, tmp_path):
    from newsevents.adapters.objectstore import iter_inputs
    from newsevents.config import Limits

    s3_env_inprocess.put(f"{BUCKET}/limits/big.jsonl", b'{"text": "' + b"x" * 500 + b'"}\n')
    s3_env_inprocess.put(f"{BUCKET}/limits/small.txt", b"Title\nSome short text for the reader.\n")
    items = list(iter_inputs([f"s3://{BUCKET}/limits", f"s3://{BUCKET}/nothing-here"],
                             limits=Limits(max_input_bytes=200), work=tmp_path))
    by_ref = {i.input_ref: getattr(i, "reason_code", "record") for i in items}
    assert by_ref == {f"s3://{BUCKET}/limits/big.jsonl": "input_too_large",
                      f"s3://{BUCKET}/limits/small.txt": "record",
                      f"s3://{BUCKET}/nothing-here": "input_not_found"}
    assert not list(tmp_path.rglob("big.jsonl")), "an object over the size limit was downloaded"


def test_failed_read_back_does_not_move_latest(s3_env_inprocess, tmp_path, monkeypatch):
    from newsevents.adapters import objectstore

    snap = tmp_path / "snapshots" / "2017-04-12-v1"
    snap.mkdir(parents=True)
    (snap / "manifest.json").write_text(json.dumps({"snapshot_id": snap.name, "tables": {}}))
    uri = f"s3://{BUCKET}/unit"
    result = objectstore.mirror_snapshot(uri, snapshot=snap, snapshot_id=snap.name, logical_date=date(2017, 4, 12),
                                         move_latest=True)
    assert result["objects"] == 1 and objectstore.read_latest(uri)["snapshot_id"] == snap.name

    other = tmp_path / "snapshots" / "2017-04-13-v2"
    other.mkdir()
    (other / "manifest.json").write_text(json.dumps({"snapshot_id": other.name, "tables": {}}))
    monkeypatch.setattr(objectstore, "sha256_object", lambda fs, path: "0" * 64)  # a corrupted upload
    with pytest.raises(objectstore.ObjectStoreError, match="LATEST not moved"):
        objectstore.mirror_snapshot(uri, snapshot=other, snapshot_id=other.name, logical_date=date(2017, 4, 13),
                                    move_latest=True)
    assert objectstore.read_latest(uri)["snapshot_id"] == snap.name


def test_publish_uri_without_an_object_store_data_path_is_refused(tmp_path):
    from newsevents import pipeline
    from newsevents.adapters.lakehouse import CatalogError
    from newsevents.config import Settings

    with pytest.raises(CatalogError, match="NEWSEVENTS_DATA_PATH on object storage"):
        pipeline.extract(Settings(data_dir=tmp_path, publish_uri=PUBLISH), logical_date=date(2017, 4, 12))
    assert not (tmp_path / "work").exists()


def test_s3_secret_from_the_aws_variables():
    from newsevents.adapters.lakehouse import s3_secret_sql

    sql = s3_secret_sql({"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s'x", "AWS_DEFAULT_REGION": "eu-west-1",
                         "AWS_ENDPOINT_URL": "http://127.0.0.1:9000"})
    assert "KEY_ID 'k'" in sql and "SECRET 's''x'" in sql and "REGION 'eu-west-1'" in sql
    assert "ENDPOINT '127.0.0.1:9000'" in sql and "USE_SSL false" in sql and "URL_STYLE 'path'" in sql
    assert "ENDPOINT" not in s3_secret_sql({}) and "REGION 'us-east-1'" in s3_secret_sql({})


def test_locations_split_keeps_uris_whole():
    from newsevents.adapters.objectstore import is_uri
    from newsevents.config import split_locations

    assert split_locations("a:b") == ("a", "b")
    assert split_locations(f"/x:{LANDING}:rel/dir") == ("/x", LANDING, "rel/dir")
    assert is_uri(LANDING) and not is_uri("/tmp/x") and not is_uri("data/landing")
