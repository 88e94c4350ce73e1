"""The DAG under a production-like Airflow 3.3 and a scale-out lakehouse, through the scheduler.

One throw-away PostgreSQL cluster (tests/scaleout/conftest.py) holds two databases: Airflow's metadata DB and
the DuckLake catalog (NEWSEVENTS_CATALOG=postgres:…); the DuckLake data files and the published manifests go
to the moto S3 server (NEWSEVENTS_DATA_PATH, NEWSEVENTS_PUBLISH_URI). After `airflow db migrate`, the
services of an Airflow 3 deployment run as child processes — `airflow api-server` (the execution API the
task processes report to), `airflow scheduler` (LocalExecutor, parallelism 4) and `airflow dag-processor`.
The test unpauses `news_events_nightly` and

1. triggers it for 2017-04-12 with conf {"shards": 2} and waits for the run (at most ~6 min);
2. backfills the two nights before it with `airflow backfill create --dag-id news_events_nightly
   --from-date 2017-04-10 --to-date 2017-04-11 --max-active-runs 1` (Airflow 3; `airflow dags backfill` is
   gone; a backfill does not inherit the DAG's max_active_runs, so without the flag its nights run at
   once): the scheduler runs them one at a time, oldest first, each reading its own landing folder
   (NEWSEVENTS_LANDING=…/landing/date={date}). The last backfilled night holds an article the 2017-04-12
   night already loaded, and takes it back. `latest` must keep naming 2017-04-12, the newest night.

Scheduled runs are switched off (`[scheduler] use_job_schedule = False`) so unpausing the @daily DAG does
not start a run for "yesterday". Without PostgreSQL binaries the module skips. Every process started here
is stopped in a `finally`, by its process group.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from newsevents.adapters.snapshots import verify_snapshot
from tests.reliability.conftest import ARTICLE_B, ARTICLE_C, jsonl
from tests.scaleout.conftest import (
    REPO,
    Postgres,
    S3Server,
    airflow_cli,
    clean_env,
    free_port,
    query,
    service,
    tail,
    terminate,
)
from tests.support import lake_query

pytestmark = pytest.mark.slow

DAG_ID = "news_events_nightly"
LOGICAL_DATE = "2017-04-12"
BACKFILL = ("2017-04-10", "2017-04-11")
RUN_ID = "scaleout_test_2017_04_12"
BUCKET = "newsevents-prod"
DATA_PATH = f"s3://{BUCKET}/lake/"
RUN_TIMEOUT = 360  # seconds for the DAG run once triggered
BACKFILL_TIMEOUT = 480  # seconds for the backfilled nights
SERVICES = {"api-server": ["api-server", "--port", "{api_port}", "--host", "127.0.0.1", "--workers", "1"],
            "scheduler": ["scheduler"], "dag-processor": ["dag-processor"]}


def write_landing(root: Path) -> Path:
    """One landing folder per night: the samples on 2017-04-12; one new article on each backfilled night, and on
    the last one also an article of 2017-04-12's samples (same URL, so the same article), which it reclaims.
    Two backfilled nights are enough for every claim: one at a time, oldest first, each its own folder."""
    landing = root / "landing"
    shutil.copytree(REPO / "samples" / "landing", landing / f"date={LOGICAL_DATE}")
    reclaimed = json.loads((REPO / "samples" / "landing" / "fictional_wire.jsonl").read_text().splitlines()[0])
    nights = {
        BACKFILL[0]: [{**ARTICLE_B, "published_at": "2017-04-09"}],
        BACKFILL[1]: [{**ARTICLE_C, "published_at": "2017-04-10T08:00:00Z"},
                      {**reclaimed, "published_at": "2017-04-11T09:30:00Z"}],
    }
    for day, records in nights.items():
        (landing / f"date={day}").mkdir(parents=True)
        (landing / f"date={day}" / "wire.jsonl").write_bytes(jsonl(*records))
    return landing


def wait_for_runs(db_url: str, where: str, params: tuple, count: int, timeout: int, alive) -> list[tuple]:
    """Poll dag_run until `count` runs matching `where` are finished; returns (run_id, logical_date, state)."""
    deadline = time.monotonic() + timeout
    rows: list[tuple] = []
    while time.monotonic() < deadline:
        rows = query(db_url, f"SELECT run_id, logical_date, state FROM dag_run WHERE dag_id = %s AND {where} "
                             "ORDER BY logical_date", (DAG_ID, *params))
        if len(rows) == count and all(state in ("success", "failed") for _, _, state in rows):
            return rows
        alive()
        time.sleep(0.5)
    return rows


@pytest.fixture(scope="module")
def production_run(s3_server: S3Server, postgres: Postgres, tmp_path_factory) -> dict:
    pytest.importorskip("psycopg2", reason="psycopg2-binary is not installed (requirements.txt)")
    root = tmp_path_factory.mktemp("prod_airflow")
    landing = write_landing(root)
    data_dir, home, logs = root / "data", root / "airflow_home", root / "service_logs"
    home.mkdir()
    logs.mkdir()
    s3_server.create_bucket(BUCKET)
    postgres.create_database("airflow")
    postgres.create_database("lake")
    db_url = postgres.sqlalchemy_url("airflow")
    with ExitStack() as stack:
        api_port = free_port()
        env = {**clean_env(), **s3_server.env()}
        env.update({
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "4",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": db_url,
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{api_port}",
            "AIRFLOW__API__PORT": str(api_port),
            "AIRFLOW__API__SECRET_KEY": "newsevents-scaleout-test-secret",
            "AIRFLOW__API_AUTH__JWT_SECRET": "newsevents-scaleout-test-jwt-secret-0123456789abcdef",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
            "AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME": "0.25",  # default 1 s between idle loops: per task hop
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
            "NEWSEVENTS_DATA_DIR": str(data_dir),
            "NEWSEVENTS_LANDING": str(landing / "date={date}"),
            "NEWSEVENTS_CATALOG": postgres.catalog("lake"),
            "NEWSEVENTS_DATA_PATH": DATA_PATH,
            "NEWSEVENTS_PUBLISH_URI": f"s3://{BUCKET}/newsevents",
        })
        started = time.monotonic()
        migrate = airflow_cli("db", "migrate", env=env)
        assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]
        procs = {name: stack.enter_context(service(name, [a.format(api_port=api_port) for a in args], env, logs))
                 for name, args in SERVICES.items()}
        stack.callback(terminate, list(procs.values()))  # runs first: the services stop side by side

        def diagnostics() -> str:
            states = {n: p.poll() for n, p in procs.items()}
            task_logs = "\n".join(f"--- {p}\n{tail(p, 1500)}" for p in sorted((home / "logs").rglob("*.log"))
                                  if any(t in str(p) for t in ("extract", "validate", "load", "publish")))
            return f"service exit codes {states}\n" + "\n".join(
                f"--- {n}.log\n{tail(logs / f'{n}.log', 2500)}" for n in procs) + "\n" + task_logs[-6000:]

        def alive() -> None:
            assert all(p.poll() is None for p in procs.values()), diagnostics()

        deadline = time.monotonic() + 180
        while not query(db_url, "SELECT 1 FROM dag WHERE dag_id = %s", (DAG_ID,)):
            assert time.monotonic() < deadline, "DAG never parsed by the dag-processor\n" + diagnostics()
            alive()
            time.sleep(0.25)
        unpause = airflow_cli("dags", "unpause", DAG_ID, env=env)
        assert unpause.returncode == 0, unpause.stderr[-3000:]
        trigger = airflow_cli("dags", "trigger", DAG_ID, "--run-id", RUN_ID, "--logical-date",
                              f"{LOGICAL_DATE}T00:00:00+00:00", "--conf", json.dumps({"shards": 2}), env=env)
        assert trigger.returncode == 0, trigger.stdout[-2000:] + trigger.stderr[-3000:]
        triggered = time.monotonic()
        runs = wait_for_runs(db_url, "run_id = %s", (RUN_ID,), 1, RUN_TIMEOUT, alive)
        tis = query(db_url, "SELECT task_id, map_index, state, try_number FROM task_instance "
                            "WHERE dag_id = %s AND run_id = %s ORDER BY task_id, map_index", (DAG_ID, RUN_ID))
        conf = query(db_url, "SELECT conf FROM dag_run WHERE dag_id = %s AND run_id = %s", (DAG_ID, RUN_ID))
        assert runs and runs[0][2] == "success", (f"DAG run {runs} after {time.monotonic() - triggered:.0f} s; "
                                                  f"task instances {tis}\n{diagnostics()}")
        seconds_run = round(time.monotonic() - triggered)
        snapshot_before_backfill = os.readlink(data_dir / "snapshots" / "latest")

        backfill = airflow_cli("backfill", "create", "--dag-id", DAG_ID, "--from-date", BACKFILL[0],
                               "--to-date", BACKFILL[-1], "--max-active-runs", "1",
                               "--dag-run-conf", json.dumps({"shards": 1}), env=env)
        assert backfill.returncode == 0, backfill.stdout[-2000:] + backfill.stderr[-3000:]
        backfilled = wait_for_runs(db_url, "run_type = %s", ("backfill",), len(BACKFILL), BACKFILL_TIMEOUT, alive)
        backfill_tis = query(db_url, "SELECT r.logical_date, t.task_id, t.map_index, t.state FROM task_instance t "
                                     "JOIN dag_run r USING (dag_id, run_id) WHERE t.dag_id = %s AND "
                                     "r.run_type = 'backfill' ORDER BY 1, 2, 3", (DAG_ID,))
        intervals = query(db_url, "SELECT logical_date, start_date, end_date FROM dag_run WHERE dag_id = %s AND "
                                  "run_type = 'backfill' ORDER BY start_date", (DAG_ID,))
        assert [state for _, _, state in backfilled] == ["success"] * len(BACKFILL), (
            f"backfill runs {backfilled}; task instances {backfill_tis}\n{diagnostics()}")
        result = {"tis": tis, "conf": conf[0][0] if conf else None, "data_dir": data_dir, "env": env,
                  "backfilled": backfilled, "backfill_tis": backfill_tis, "intervals": intervals,
                  "snapshot_before_backfill": snapshot_before_backfill, "seconds_run": seconds_run,
                  "seconds_total": round(time.monotonic() - started)}
    print(f"production airflow: run {result['seconds_run']} s, total with backfill {result['seconds_total']} s")
    return result


def lake_settings_of(run: dict) -> dict:
    return {"catalog": run["env"]["NEWSEVENTS_CATALOG"], "data_path": run["env"]["NEWSEVENTS_DATA_PATH"]}


@pytest.fixture
def s3_env(s3_server, monkeypatch):
    for key, value in s3_server.env().items():
        monkeypatch.setenv(key, value)


def test_run_succeeds_with_both_shards_mapped(production_run):
    tis = production_run["tis"]
    assert all(state == "success" for _, _, state, _ in tis), tis
    by_task: dict[str, list[int]] = {}
    for task_id, map_index, _, _ in tis:
        by_task.setdefault(task_id, []).append(map_index)
    assert sorted(by_task) == ["extract", "load", "publish", "transform", "validate"]
    assert sorted(by_task["transform"]) == [0, 1], "transform not mapped over both shards"
    conf = production_run["conf"]
    conf = json.loads(conf) if isinstance(conf, str) else conf
    assert conf == {"shards": 2}


def test_snapshot_published_locally_and_to_s3(production_run, s3_server, s3_env):
    snapshots = production_run["data_dir"] / "snapshots"
    latest = (snapshots / "latest").resolve()
    manifest = verify_snapshot(latest)  # every listed file, on S3, against its SHA-256
    assert manifest["logical_date"] == LOGICAL_DATE and manifest["catalog"] == "postgres"
    remote = json.loads(s3_server.get(f"{BUCKET}/newsevents/snapshots/LATEST"))
    assert remote["snapshot_id"] == latest.name
    assert json.loads(s3_server.get(f"{BUCKET}/newsevents/snapshots/{latest.name}/manifest.json")) == manifest
    files = [f["path"] for entry in manifest["tables"].values() for f in entry["files"]]
    assert files and all(p.startswith(f"{DATA_PATH}main/") for p in files)


def test_backfill_runs_every_night_through_the_scheduler_one_at_a_time(production_run):
    nights = [str(logical_date.date()) for _, logical_date, _ in production_run["backfilled"]]
    assert nights == list(BACKFILL)
    mapped = [(str(d.date()), i) for d, task, i, _ in production_run["backfill_tis"] if task == "transform"]
    assert sorted(mapped) == [(n, 0) for n in BACKFILL], "the backfill's conf ({'shards': 1}) did not arrive"
    assert all(state == "success" for *_, state in production_run["backfill_tis"])
    intervals = production_run["intervals"]  # --max-active-runs 1: each night starts after the previous ended
    assert all(later[1] >= earlier[2] for earlier, later in zip(intervals, intervals[1:])), \
        [(str(d.date()), str(s.time()), str(e.time())) for d, s, e in intervals]


def test_latest_keeps_naming_the_newest_night_after_the_backfill(production_run, s3_server):
    data_dir = production_run["data_dir"]
    assert os.readlink(data_dir / "snapshots" / "latest") == production_run["snapshot_before_backfill"]
    assert json.loads(s3_server.get(f"{BUCKET}/newsevents/snapshots/LATEST"))["snapshot_id"] == \
        production_run["snapshot_before_backfill"]
    published = sorted(p.name for p in (data_dir / "snapshots").iterdir() if not p.is_symlink())
    assert [name.rsplit("-v", 1)[0] for name in published] == sorted([LOGICAL_DATE, *BACKFILL])


def test_each_night_read_its_own_landing_folder_and_the_backfill_reclaimed_its_article(production_run, s3_env):
    data_dir, settings = production_run["data_dir"], lake_settings_of(production_run)
    by_night = dict(lake_query(data_dir, "SELECT external_id, partition_date::VARCHAR FROM articles", **settings))
    assert by_night[ARTICLE_B["id"]] == BACKFILL[0] and by_night[ARTICLE_C["id"]] == BACKFILL[1]
    assert by_night["fict-0001"] == BACKFILL[-1], "the backfill did not take its article back from 2017-04-12"
    assert sum(1 for night in by_night.values() if night == LOGICAL_DATE) >= 2
    # the scheduler may run the backfilled nights in any order, one at a time: the 2017-04-11 snapshot took the
    # article out of 2017-04-12's partition (rewritten whole), and the result is the same whatever the order
    (reclaiming,) = [p for p in (data_dir / "snapshots").iterdir() if p.name.startswith(f"{BACKFILL[-1]}-v")]
    manifest = verify_snapshot(reclaiming)
    assert any(f"partition_date={LOGICAL_DATE}" in p for p in manifest["removed"]["articles"]), manifest["removed"]
