"""The nightly DAG on two Celery workers that share nothing but the services.

Started here, on 127.0.0.1 and free ports, each in its own process group and stopped by its PID in a
`finally` (also when the test fails): PostgreSQL with two databases (Airflow's metadata, the DuckLake
catalog), Redis (`redis-server`, the Celery broker), a moto S3 server (landing, DuckLake data files, the
night's work area, the published manifests), `airflow api-server`, `scheduler` (CeleryExecutor) and
`dag-processor`, and two `airflow celery worker --celery-hostname wN --concurrency 1` with their own
AIRFLOW_HOME, working directory and local data directory: no task can read a local path another task
wrote, so every hand-over goes through S3 (NEWSEVENTS_DATA_PATH=s3://…/lake/, work area s3://…/work).

1. Night 2017-04-12 (the samples, 2 shards, one per worker: the stack is up once both workers answer a
   Celery ping, and each holds one task at a time): both workers must have run transform tasks (the task
   instances' hostnames; `tests/scaleout/worker_identity.py` gives each worker its name, as separate
   machines would), and the lakehouse must equal a `newsevents run` of the same night.
2. Night 2017-04-13 (2 shards): as soon as a transform runs, its worker is killed (SIGKILL to its process
   group). The scheduler finds the task's heartbeat gone (`task_instance_heartbeat_timeout` 15 s), retries
   it (NEWSEVENTS_RETRY_DELAY 1 s) on the surviving worker, and the night publishes; the lakehouse must
   equal `newsevents run` of both nights, and the S3 LATEST must name the second night.

Tables are compared by content (every row of every table), not by files. Inputs are tiny (a few articles
per night) so the whole module stays within a few minutes: the reference `newsevents run`s go on in a
thread (child processes) while the stack runs its nights, and the comparison waits for them. Without
PostgreSQL or Redis binaries the module skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.reliability.conftest import ARTICLE_A, ARTICLE_C, jsonl
from tests.scaleout.celery_stack import DAG_ID, CeleryStack, StackUnavailable
from tests.scaleout.conftest import REPO, Postgres, S3Server, query, venv_bin
from tests.support import lake_tables

pytestmark = pytest.mark.slow

NIGHTS = ("2017-04-12", "2017-04-13")
SHARDS = 2  # one transform per worker on the first night; the survivor of the kill runs both on the second
BUCKET = "newsevents-celery"
DATA_PATH = f"s3://{BUCKET}/lake/"
LANDING = f"s3://{BUCKET}/landing/date={{date}}"
PUBLISH = f"s3://{BUCKET}/newsevents"
WORKERS = ("w1", "w2")
RUN_TIMEOUT = 300  # seconds for one night once triggered


def _landing_records() -> dict[str, list[tuple[str, bytes]]]:
    """(file name, bytes) per night: the samples on the first, five fictional wire stories on the second."""
    samples = REPO / "samples" / "landing"
    second = [
        {**ARTICLE_A, "id": "celery-a", "url": "https://example.org/celery/a", "published_at": "2017-04-13T07:00:00Z"},
        {**ARTICLE_C, "id": "celery-c", "url": "https://example.org/celery/c"},
        {"id": "celery-x", "url": "https://example.org/celery/x", "published_at": "2017-04-13T10:00:00Z",
         "title": "FICTIONAL: envoys meet", "text": "The foreign minister of France met the foreign minister of "
         "Germany in Paris on Thursday. France criticised Russia over the blockade, officials said."},
        {"id": "celery-d", "url": "https://example.org/celery/d", "published_at": "2017-04-13T11:00:00Z",
         "title": "FICTIONAL: aid pledged", "text": "Japan pledged emergency aid to Nepal on Thursday after the "
         "floods, the Japanese foreign ministry said in a statement."},
        {"id": "celery-z", "url": "https://example.org/celery/z", "published_at": "2017-04-13T12:00:00Z",
         "title": "FICTIONAL: talks resume", "text": "Egypt and Sudan resumed talks on the river dam in Cairo on "
         "Thursday, Egyptian officials said."},
    ]  # their URLs put articles in both shards: every transform loads the model
    return {NIGHTS[0]: [(p.name, p.read_bytes()) for p in sorted(samples.iterdir()) if p.is_file()],
            NIGHTS[1]: [("wire.jsonl", jsonl(*second))]}


def _lake_of(env: dict, data_dir: Path) -> dict[str, list[tuple]]:
    with pytest.MonkeyPatch.context() as mp:
        for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"):
            mp.setenv(key, env[key])
        return lake_tables(data_dir, catalog=env["NEWSEVENTS_CATALOG"], data_path=env["NEWSEVENTS_DATA_PATH"])


def _reference_runs(env: dict, root: Path) -> list[Path]:
    """`newsevents run` of the same nights, from the same S3 landing, into a local lakehouse; the data
    directory after each night (the second night runs on a copy of the first's). Child processes only, so it
    can run in a thread beside the stack; the tables are read afterwards (`_reference_tables`)."""
    ref_env = {k: v for k, v in env.items() if not k.startswith(("AIRFLOW", "NEWSEVENTS_"))}
    out: list[Path] = []
    for night in NIGHTS:
        data_dir = root / f"reference-{night}"
        if out:
            shutil.copytree(out[-1], data_dir, symlinks=True)
        done = subprocess.run([venv_bin("newsevents"), "run", "--input", LANDING.replace("{date}", night),
                               "--data-dir", str(data_dir), "--date", night, "--shards", str(SHARDS),
                               "--workers", "1", "--quiet"], env=ref_env, capture_output=True, text=True,
                              timeout=400, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr[-4000:]
        out.append(data_dir)
    return out


def _reference_tables(env: dict, data_dirs: list[Path]) -> list[dict[str, list[tuple]]]:
    with pytest.MonkeyPatch.context() as mp:
        for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"):
            mp.setenv(key, env[key])
        return [lake_tables(data_dir) for data_dir in data_dirs]


class Killer:
    """Kills the worker of the first transform seen running, once (SIGKILL to the worker's process group)."""

    def __init__(self):
        self.killed: tuple[str, int] | None = None  # (worker, map_index)

    def __call__(self, stack: CeleryStack, run_id: str) -> None:
        if self.killed:
            return
        running = query(stack.db_url, "SELECT hostname, map_index FROM task_instance WHERE dag_id = %s AND "
                                      "run_id = %s AND task_id = 'transform' AND state = 'running' "
                                      "AND hostname = ANY(%s) ORDER BY map_index",
                        (DAG_ID, run_id, list(WORKERS)))
        if running:
            worker, map_index = running[0]
            stack.kill_worker(worker)
            self.killed = (worker, map_index)


@pytest.fixture(scope="module")
def celery_nights(s3_server: S3Server, postgres: Postgres, tmp_path_factory) -> dict:
    pytest.importorskip("psycopg2", reason="psycopg2-binary is not installed (requirements.txt)")
    root = tmp_path_factory.mktemp("celery")
    s3_server.create_bucket(BUCKET)
    for night, files in _landing_records().items():
        for name, data in files:
            s3_server.put(f"{BUCKET}/landing/date={night}/{name}", data)
    postgres.create_database("airflow")
    postgres.create_database("lake")
    newsevents = {"NEWSEVENTS_LANDING": LANDING, "NEWSEVENTS_CATALOG": postgres.catalog("lake"),
                  "NEWSEVENTS_DATA_PATH": DATA_PATH, "NEWSEVENTS_PUBLISH_URI": PUBLISH}
    started = time.monotonic()
    try:
        stack = CeleryStack(root, s3_env=s3_server.env(), postgres=postgres, workers=WORKERS, newsevents=newsevents)
    except StackUnavailable as exc:
        pytest.skip(str(exc))
    killer = Killer()
    result: dict = {"env": stack.env, "killer": killer}
    with ThreadPoolExecutor(max_workers=1) as pool:
        with stack:
            reference = pool.submit(_reference_runs, stack.env, root)  # once the stack is up: its start is busy
            for index, night in enumerate(NIGHTS):
                run = stack.run_night(night, conf={"shards": SHARDS}, timeout=RUN_TIMEOUT,
                                      on_poll=killer if index == 1 else None)
                assert run["state"] == "success", \
                    f"night {night}: {run['state']}; {run['tis']}\n{stack.diagnostics()}"
                result[night] = {**run, "lake": _lake_of(stack.env, root)}
            result["seconds_up"] = round(stack.seconds_up)
        result["reference"] = _reference_tables(stack.env, reference.result())
    result["latest"] = json.loads(s3_server.get(f"{BUCKET}/newsevents/snapshots/LATEST"))
    print(f"celery workers: stack up {result['seconds_up']} s, nights "
          f"{[round(result[n]['seconds']) for n in NIGHTS]} s, total {round(time.monotonic() - started)} s")
    return result


def test_both_workers_ran_transform_tasks(celery_nights):
    tis = celery_nights[NIGHTS[0]]["tis"]
    assert all(state == "success" for _, _, state, _, _ in tis), tis
    transforms = [(i, host) for task, i, _, _, host in tis if task == "transform"]
    assert sorted(i for i, _ in transforms) == list(range(SHARDS)), transforms
    assert {host for _, host in transforms} == set(WORKERS), transforms
    assert {host for *_, host in tis} <= set(WORKERS), tis


def test_first_night_equals_the_same_night_run_by_the_cli(celery_nights):
    assert celery_nights[NIGHTS[0]]["lake"] == celery_nights["reference"][0]


def test_a_killed_workers_transform_is_retried_on_the_other(celery_nights):
    killer = celery_nights["killer"]
    assert killer.killed, "no transform was seen running before the night ended"
    worker, map_index = killer.killed
    (survivor,) = set(WORKERS) - {worker}
    retried = [t for t in celery_nights[NIGHTS[1]]["tis"] if t[0] == "transform" and t[1] == map_index]
    assert retried and retried[0][2] == "success" and retried[0][3] >= 2, retried
    assert retried[0][4] == survivor, retried
    earlier = [t for t in celery_nights[NIGHTS[1]]["history"] if t[0] == "transform" and t[1] == map_index]
    assert earlier and earlier[0][4] == worker and earlier[0][2] != "success", earlier


def test_second_night_after_the_kill_equals_the_cli_and_is_latest(celery_nights):
    assert celery_nights[NIGHTS[1]]["lake"] == celery_nights["reference"][1]
    assert celery_nights["latest"]["logical_date"] == NIGHTS[1]
