"""The DAG under a production-like Airflow 3.3: PostgreSQL metadata DB, LocalExecutor, real services.

Starts a throw-away PostgreSQL cluster (initdb into a temp dir, `pg_ctl` on 127.0.0.1 and a free port; as the
`postgres` user when run as root, since initdb refuses root), runs `airflow db migrate` against it, then the
services of an Airflow 3 deployment as child processes — `airflow api-server` (the execution API the task
processes report to), `airflow scheduler` (LocalExecutor, parallelism 4) and `airflow dag-processor` — unpauses
`news_events_nightly`, triggers it for a logical date with conf {"shards": 2}, and polls the metadata DB until
the run finishes (at most ~6 min). The snapshot is published locally and to the moto S3 server
(NEWSEVENTS_PUBLISH_URI). Scheduled runs are switched off (`[scheduler] use_job_schedule = False`) so
unpausing the @daily DAG does not start a second run for "yesterday".

PostgreSQL binaries are not installed by the test: without them it skips (.ci/run installs the Debian
`postgresql` package first). Every process started here is stopped in a `finally`, by its process group.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from newsevents.adapters.snapshots import verify_snapshot
from tests.scaleout.conftest import REPO, S3Server, clean_env, venv_bin

pytestmark = pytest.mark.slow

DAG_ID = "news_events_nightly"
LOGICAL_DATE = "2017-04-12"
RUN_ID = "scaleout_test_2017_04_12"
BUCKET = "newsevents-prod"
RUN_TIMEOUT = 360  # seconds for the DAG run once triggered
SERVICES = {"api-server": ["api-server", "--port", "{api_port}", "--host", "127.0.0.1", "--workers", "1"],
            "scheduler": ["scheduler"], "dag-processor": ["dag-processor"]}


def pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path: Path, chars: int = 4000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else f"({path} missing)"


@contextmanager
def postgres_cluster():
    """A PostgreSQL cluster in a temp dir on 127.0.0.1; yields the SQLAlchemy URL of database `airflow`."""
    initdb, pg_ctl, createdb = pg_bin("initdb"), pg_bin("pg_ctl"), pg_bin("createdb")
    if not (initdb and pg_ctl and createdb):
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found; install the Debian `postgresql` package "
                    "(.ci/run does)")
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    root = Path(tempfile.mkdtemp(prefix="newsevents-pg-"))  # not under pytest's 0700 tmp: postgres must reach it
    data, log = root / "data", root / "postgres.log"
    port = free_port()
    if as_root:
        shutil.chown(root, "postgres")
    try:
        init = subprocess.run([*prefix, initdb, "-D", str(data), "-U", "airflow", "--auth=trust", "-E", "UTF8"],
                              capture_output=True, text=True, timeout=120)
        assert init.returncode == 0, init.stderr[-3000:]
        start = subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
                                f"-h 127.0.0.1 -p {port} -k {root}", "start"],
                               capture_output=True, text=True, timeout=90)
        assert start.returncode == 0, start.stderr[-2000:] + tail(log)
        made = subprocess.run([createdb, "-h", "127.0.0.1", "-p", str(port), "-U", "airflow", "airflow"],
                              capture_output=True, text=True, timeout=60)
        assert made.returncode == 0, made.stderr
        yield f"postgresql+psycopg2://airflow@127.0.0.1:{port}/airflow"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True,
                       timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def service(name: str, args: list[str], env: dict, logs: Path):
    """One Airflow service in its own process group; stopped (TERM, then KILL) on exit."""
    out = open(logs / f"{name}.log", "wb")  # closed in finally
    proc = subprocess.Popen([venv_bin("airflow"), *args], env=env, stdout=out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        yield proc
    finally:
        for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            if proc.poll() is not None:
                break
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                continue
        out.close()


def airflow_cli(*args: str, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([venv_bin("airflow"), *args], env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def query(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    import psycopg2

    con = psycopg2.connect(url.replace("postgresql+psycopg2://", "postgresql://"))
    try:
        with con.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def production_run(s3_server: S3Server, tmp_path_factory) -> dict:
    pytest.importorskip("psycopg2", reason="psycopg2-binary is not installed (requirements.txt)")
    root = tmp_path_factory.mktemp("prod_airflow")
    landing = Path(shutil.copytree(REPO / "samples" / "landing", root / "landing"))
    data_dir, home, logs = root / "data", root / "airflow_home", root / "service_logs"
    home.mkdir()
    logs.mkdir()
    s3_server.create_bucket(BUCKET)
    with ExitStack() as stack:
        db_url = stack.enter_context(postgres_cluster())
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
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
            "NEWSEVENTS_DATA_DIR": str(data_dir),
            "NEWSEVENTS_LANDING": str(landing),
            "NEWSEVENTS_PUBLISH_URI": f"s3://{BUCKET}/newsevents",
        })
        started = time.monotonic()
        migrate = airflow_cli("db", "migrate", env=env)
        assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]
        procs = {name: stack.enter_context(service(name, [a.format(api_port=api_port) for a in args], env, logs))
                 for name, args in SERVICES.items()}

        def diagnostics() -> str:
            states = {n: p.poll() for n, p in procs.items()}
            return f"service exit codes {states}\n" + "\n".join(
                f"--- {n}.log\n{tail(logs / f'{n}.log', 2500)}" for n in procs)

        deadline = time.monotonic() + 180
        while not query(db_url, "SELECT 1 FROM dag WHERE dag_id = %s", (DAG_ID,)):
            assert time.monotonic() < deadline, "DAG never parsed by the dag-processor\n" + diagnostics()
            assert all(p.poll() is None for p in procs.values()), diagnostics()
            time.sleep(3)
        unpause = airflow_cli("dags", "unpause", DAG_ID, env=env)
        assert unpause.returncode == 0, unpause.stderr[-3000:]
        trigger = airflow_cli("dags", "trigger", DAG_ID, "--run-id", RUN_ID, "--logical-date",
                              f"{LOGICAL_DATE}T00:00:00+00:00", "--conf", json.dumps({"shards": 2}), env=env)
        assert trigger.returncode == 0, trigger.stdout[-2000:] + trigger.stderr[-3000:]
        triggered = time.monotonic()
        state = None
        while time.monotonic() < triggered + RUN_TIMEOUT:
            rows = query(db_url, "SELECT state FROM dag_run WHERE dag_id = %s AND run_id = %s", (DAG_ID, RUN_ID))
            state = rows[0][0] if rows else None
            if state in ("success", "failed"):
                break
            assert all(p.poll() is None for p in procs.values()), diagnostics()
            time.sleep(5)
        tis = query(db_url, "SELECT task_id, map_index, state, try_number FROM task_instance "
                            "WHERE dag_id = %s AND run_id = %s ORDER BY task_id, map_index", (DAG_ID, RUN_ID))
        conf = query(db_url, "SELECT conf FROM dag_run WHERE dag_id = %s AND run_id = %s", (DAG_ID, RUN_ID))
        task_logs = "\n".join(f"--- {p}\n{tail(p, 1500)}" for p in sorted((home / "logs").rglob("*.log"))
                              if "transform" in str(p) or "publish" in str(p) or "extract" in str(p))
        assert state == "success", (f"DAG run {state} after {time.monotonic() - triggered:.0f} s; "
                                    f"task instances {tis}\n{diagnostics()}\n{task_logs[-6000:]}")
        result = {"tis": tis, "conf": conf[0][0] if conf else None, "data_dir": data_dir,
                  "seconds_total": round(time.monotonic() - started),
                  "seconds_run": round(time.monotonic() - triggered)}
    print(f"production airflow: run {result['seconds_run']} s, total {result['seconds_total']} s")
    return result


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


def test_snapshot_published_locally_and_to_s3(production_run, s3_server):
    snapshots = production_run["data_dir"] / "snapshots"
    latest = (snapshots / "latest").resolve()
    manifest = verify_snapshot(latest)
    assert manifest["logical_date"] == LOGICAL_DATE
    remote = json.loads(s3_server.get(f"{BUCKET}/newsevents/snapshots/LATEST"))
    assert remote["snapshot_id"] == latest.name
    for entry in manifest["tables"].values():
        for f in entry["files"]:
            data = s3_server.get(f"{BUCKET}/newsevents/snapshots/{latest.name}/{f['path']}")
            assert data == (latest / f["path"]).read_bytes(), f["path"]
