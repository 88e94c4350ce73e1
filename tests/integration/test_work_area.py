"""The night's work area at a location: tasks on workers that share nothing but the services.

`Settings.work_location` puts extract's shards, transform's tables and the candidate next to an s3:// data
path; each step here runs with its *own* local data directory (as on separate Celery workers), so a step that
read a local path another step wrote would find nothing. The night has no acceptable article (every record is
rejected), so no spaCy model is loaded and the test stays fast; the full night with articles runs in
tests/scaleout/test_celery_workers.py.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from newsevents import pipeline
from newsevents.adapters import workarea
from newsevents.adapters.lakehouse import CatalogError
from newsevents.config import Settings
from newsevents.core.contracts import ARTICLES, REJECTED_ARTICLES

NIGHT = date(2017, 4, 12)
BUCKET = "work-area-test"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
               "AWS_EC2_METADATA_DISABLED": "true"}


def test_work_location_defaults():
    local = Settings(data_dir=Path("/srv/data"))
    assert local.work_location == "/srv/data/work"
    assert Settings(data_dir=Path("d"), data_path="s3://bucket/lake/").work_location == "s3://bucket/work"
    assert Settings(data_dir=Path("d"), data_path="s3://b/a/lake").work_location == "s3://b/a/work"
    assert Settings(data_dir=Path("d"), data_path="s3://b/lake/", work_path="s3://c/w/").work_location == "s3://c/w"
    assert workarea.night_location("s3://bucket/work", NIGHT) == "s3://bucket/work/date=2017-04-12"
    assert workarea.night_location("/srv/data/work", NIGHT) == "/srv/data/work/date=2017-04-12"


def test_a_work_area_inside_the_data_path_is_refused():
    bucket_root = Settings(data_dir=Path("d"), data_path="s3://bucket/")  # default work: s3://bucket/work
    with pytest.raises(CatalogError, match="NEWSEVENTS_WORK_PATH"):
        pipeline.check_settings(bucket_root)
    pipeline.check_settings(Settings(data_dir=Path("d"), data_path="s3://bucket/", work_path="s3://other/work"))


@pytest.fixture(scope="module")
def s3_endpoint():
    moto_server = pytest.importorskip("moto.server", reason="moto[server] is not installed (requirements.txt)")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_work(s3_endpoint, monkeypatch) -> str:
    for key, value in {**CREDENTIALS, "AWS_ENDPOINT_URL": s3_endpoint}.items():
        monkeypatch.setenv(key, value)
    from pyarrow import fs

    fs.S3FileSystem(endpoint_override=s3_endpoint.split("://")[1], scheme="http",
                    allow_bucket_creation=True).create_dir(BUCKET)
    return f"s3://{BUCKET}/work"


@pytest.mark.parametrize("where", ["local", "s3"])
def test_round_trip_at_a_location(where, tmp_path, request):
    root = str(tmp_path / "work") if where == "local" else request.getfixturevalue("s3_work") + "/round"
    table = ARTICLES.empty()
    at = workarea.child(root, "shard=000", "articles.parquet")
    assert not workarea.exists(at)
    workarea.write_table(table, at)
    assert workarea.exists(at) and workarea.read_table(at, ARTICLES).schema == ARTICLES.schema
    workarea.write_json({"b": 1, "a": [2]}, workarea.child(root, "x.json"))
    assert workarea.read_json(workarea.child(root, "x.json")) == {"a": [2], "b": 1}
    assert len(workarea.sha256(at)) == 64
    rows = pa.Table.from_pylist([], schema=REJECTED_ARTICLES.schema)
    with workarea.table_writer(workarea.child(root, "rejects.parquet"), REJECTED_ARTICLES.schema) as sink:
        sink(rows)
    assert workarea.read_tables([workarea.child(root, "rejects.parquet"), workarea.child(root, "missing.parquet")],
                                REJECTED_ARTICLES).num_rows == 0
    workarea.clear(root)
    assert not workarea.exists(at) and not workarea.exists(workarea.child(root, "x.json"))


def _worker_settings(tmp_path: Path, worker: str, landing: Path, work: str) -> Settings:
    """Settings of one worker: its own local data directory, the shared work area."""
    return Settings(data_dir=tmp_path / worker, inputs=(str(landing),), shards=2, work_path=work)


def test_steps_on_different_workers_meet_in_the_object_store_work_area(s3_work, tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "bad.jsonl").write_text('{"text": "too short"}\nnot json\n', encoding="utf-8")
    work = s3_work + "/night"
    extracted = pipeline.extract(_worker_settings(tmp_path, "w1", landing, work), logical_date=NIGHT)
    assert extracted["shards"] == [f"{work}/date=2017-04-12/shard=000", f"{work}/date=2017-04-12/shard=001"]
    assert extracted["stats"]["rejected"] == 2
    assert not (tmp_path / "w1" / "work" / "date=2017-04-12" / "shard=000").exists()
    results = [pipeline.transform(s, logical_date=NIGHT) for s in extracted["shards"]]  # no local path at all
    assert [r["shard"] for r in results] == extracted["shards"]
    validated = pipeline.validate(_worker_settings(tmp_path, "w2", landing, work), logical_date=NIGHT,
                                  shard_dirs=[r["shard"] for r in results])
    assert validated["candidate"] == f"{work}/date=2017-04-12/candidate"
    candidate = workarea.read_table(workarea.child(validated["candidate"], "rejected_articles.parquet"))
    assert candidate.num_rows == 2  # the rejects extract wrote on w1, read by validate on w2
    pipeline.verify_candidate(validated["candidate"])  # as load/publish on a third worker do
    workarea.write_json({"tampered": True}, workarea.child(validated["candidate"], "quality.json"))
    with pytest.raises(pipeline.CandidateError, match="quality.json"):
        pipeline.verify_candidate(validated["candidate"])


def test_the_previous_manifest_is_found_on_the_mirror(s3_work):
    """publish on a worker that never published before still lists what changed since the previous night."""
    from newsevents.adapters.snapshots import previous_published_manifest

    uri = f"s3://{BUCKET}/published"
    assert previous_published_manifest(uri, 5) is None
    for name, version in (("2017-04-11-v2", 2), ("2017-04-12-v4", 4), ("2017-04-13-v6", 6)):
        workarea.write_json({"snapshot_id": name, "ducklake_version": version},
                            f"{uri}/snapshots/{name}/manifest.json")
    workarea.write_json({"snapshot_id": "junk"}, f"{uri}/snapshots/notes/manifest.json")
    assert previous_published_manifest(uri, 5)["snapshot_id"] == "2017-04-12-v4"
    assert previous_published_manifest(uri, 3)["snapshot_id"] == "2017-04-11-v2"
    assert previous_published_manifest(uri, 2) is None
