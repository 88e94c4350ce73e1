"""The multi-worker Airflow deployment on this machine: Redis, the three Airflow services (CeleryExecutor) and N
Celery workers, on 127.0.0.1 and free ports, each in its own process group and stopped by its PID when the
`with` block ends (also on failure). PostgreSQL and the S3 server come from the caller (the scale-out
fixtures, or `python -m bench --scenario celery`), so tests/scaleout/test_celery_workers.py and the benchmark
start exactly the same topology, the one the README's "Deployment" recipe and compose.yaml describe.

Every worker gets its own AIRFLOW_HOME, working directory and local NEWSEVENTS_DATA_DIR: a task that read a
local path another task wrote would find nothing. `tests/scaleout/worker_identity.py` gives each worker's task
instances its own hostname (they share this machine's FQDN otherwise).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path

from tests.scaleout.conftest import (
    REPO,
    Postgres,
    airflow_cli,
    clean_env,
    free_port,
    query,
    service,
    tail,
    terminate,
    venv_bin,
)

DAG_ID = "news_events_nightly"
SERVICES = {"api-server": ["api-server", "--port", "{api_port}", "--host", "127.0.0.1", "--workers", "1"],
            "scheduler": ["scheduler"], "dag-processor": ["dag-processor"]}


class StackUnavailable(RuntimeError):
    """A binary or package the stack needs is not installed (the caller skips)."""


def airflow_env(*, s3_env: dict, postgres: Postgres, api_port: int, redis_port: int, newsevents: dict) -> dict:
    """Every component's environment (the README's deployment table); workers add their own few lines."""
    db = postgres.sqlalchemy_url("airflow")
    return {
        **clean_env(), **s3_env,
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": db,
        "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
        "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + db,  # db+postgresql+psycopg2://: the psycopg2 driver
        "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
        "AIRFLOW__CELERY__SYNC_PARALLELISM": "1",
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{api_port}",
        "AIRFLOW__API__PORT": str(api_port),
        "AIRFLOW__API__SECRET_KEY": "newsevents-celery-test-secret",
        "AIRFLOW__API_AUTH__JWT_SECRET": "newsevents-celery-test-jwt-secret-0123456789abcdef",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
        # how soon a killed worker's task is retried (default 300 s); the supervisor beats every 2 s
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "15",
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "3",
        "AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL": "2",
        "AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME": "0.25",  # default 1 s between idle loops: per task hop
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "NEWSEVENTS_RETRY_DELAY": "1",
        **newsevents,
    }


def worker_env(env: dict, root: Path, name: str) -> dict[str, str]:
    """One worker: its own AIRFLOW_HOME and local data directory, its own hostname for its task instances."""
    return {**env, "AIRFLOW_HOME": str(root / "home"), "NEWSEVENTS_DATA_DIR": str(root / "data"),
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "tests.scaleout.worker_identity.hostname",
            "SCALEOUT_WORKER_HOSTNAME": name, "PYTHONPATH": str(REPO)}


class CeleryStack:
    """`with CeleryStack(...) as stack:` Redis, api-server, scheduler, dag-processor and the workers, up and with
    the DAG parsed and unpaused; `run_night` triggers one night and waits for it."""

    def __init__(self, root: Path, *, s3_env: dict, postgres: Postgres, workers: tuple[str, ...],
                 newsevents: dict):
        self.redis_server = shutil.which("redis-server")
        if not self.redis_server:
            raise StackUnavailable("redis-server not found; install the Debian `redis-server` package (.ci/run does)")
        try:
            import airflow.providers.celery  # noqa: F401 - only whether it is installed
        except ImportError as exc:
            raise StackUnavailable("apache-airflow-providers-celery is not installed (requirements.txt)") from exc
        self.root, self.logs = Path(root), Path(root) / "service_logs"
        self.worker_names = workers
        self.db_url = postgres.sqlalchemy_url("airflow")
        self.api_port, self.redis_port = free_port(), free_port()
        self.env = airflow_env(s3_env=s3_env, postgres=postgres, api_port=self.api_port, redis_port=self.redis_port,
                               newsevents=newsevents)
        self.services_env = {**self.env, "AIRFLOW_HOME": str(self.root / "services_home"),
                             "NEWSEVENTS_DATA_DIR": str(self.root / "services_data")}
        self.procs: dict = {}
        self.killed: set[str] = set()
        self._stack = ExitStack()
        self.seconds_up = 0.0

    def __enter__(self) -> CeleryStack:
        started = time.monotonic()
        self.logs.mkdir(parents=True, exist_ok=True)
        try:
            self._start()
        except BaseException:
            self._stack.close()
            raise
        self.seconds_up = time.monotonic() - started
        return self

    def __exit__(self, *exc) -> None:
        terminate(self.procs.values())
        self._stack.close()

    def _start(self) -> None:
        (self.root / "redis").mkdir(exist_ok=True)
        self.procs["redis"] = self._stack.enter_context(service(
            "redis", ["--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "", "--appendonly", "no",
                      "--dir", str(self.root / "redis")], self.env, self.logs, program=self.redis_server))
        migrate = airflow_cli("db", "migrate", env=self.services_env)
        assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]
        for name, args in SERVICES.items():
            self.procs[name] = self._stack.enter_context(service(
                name, [a.format(api_port=self.api_port) for a in args], self.services_env, self.logs))
        for name in self.worker_names:
            home = self.root / name
            home.mkdir(exist_ok=True)
            self.procs[name] = self._stack.enter_context(service(
                name, ["celery", "worker", "--celery-hostname", name, "--concurrency", "1", "--skip-serve-logs"],
                worker_env(self.env, home, name), self.logs, cwd=home))
        deadline = time.monotonic() + 180
        while not query(self.db_url, "SELECT 1 FROM dag WHERE dag_id = %s", (DAG_ID,)):
            assert time.monotonic() < deadline, "DAG never parsed by the dag-processor\n" + self.diagnostics()
            self.alive()
            time.sleep(0.25)
        with open(self.logs / "unpause.log", "w+") as out:  # unpaused while the workers come up
            unpause = subprocess.Popen([venv_bin("airflow"), "dags", "unpause", DAG_ID], env=self.services_env,
                                       stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            try:
                self._wait_for_workers(deadline)
            finally:
                code = unpause.wait(timeout=300)
            out.seek(0)
            assert code == 0, out.read()[-3000:]

    def _wait_for_workers(self, deadline: float) -> None:
        """Until every worker answers a Celery ping: a night's tasks are then shared by all of them (each holds
        one task at a time: concurrency 1, prefetch multiplier 1, late acks), none is left to the first up."""
        from celery import Celery

        app = Celery(broker=self.env["AIRFLOW__CELERY__BROKER_URL"])
        try:
            while True:
                replies = app.control.ping(timeout=0.5) or []
                answered = {name.split("@")[-1] for reply in replies for name in reply}
                if set(self.worker_names) <= answered:
                    return
                assert time.monotonic() < deadline, f"workers never answered (got {answered})\n" + \
                    self.diagnostics()
                self.alive()
        finally:
            app.close()

    # ----------------------------------------------------------------------- watching
    def diagnostics(self) -> str:
        states = {n: p.poll() for n, p in self.procs.items()}
        found = sorted(self.root.glob("w*/home/logs/**/*.log"))
        task_logs = "\n".join(f"--- {p.relative_to(self.root)}\n{tail(p, 1200)}" for p in found)[-8000:]
        return (f"exit codes {states}\n" + "\n".join(f"--- {n}.log\n{tail(self.logs / f'{n}.log', 2500)}"
                                                      for n in self.procs) + "\n" + task_logs)

    def alive(self) -> None:
        dead = {n: p.poll() for n, p in self.procs.items() if p.poll() is not None and n not in self.killed}
        assert not dead, self.diagnostics()

    def kill_worker(self, name: str) -> None:
        """SIGKILL to the worker's process group: the worker, its pool and the task it runs die at once."""
        self.killed.add(name)
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        self.procs[name].wait(timeout=30)

    # ----------------------------------------------------------------------- nights
    def run_night(self, night: str, *, conf: dict, timeout: float = 300, on_poll=None) -> dict:
        """Trigger the DAG for `night` (logical date) and wait; state, task instances, earlier tries, seconds."""
        run_id = f"celery_{night}"
        trigger = airflow_cli("dags", "trigger", DAG_ID, "--run-id", run_id, "--logical-date",
                              f"{night}T00:00:00+00:00", "--conf", json.dumps(conf), env=self.services_env)
        assert trigger.returncode == 0, trigger.stdout[-2000:] + trigger.stderr[-3000:]
        triggered = time.monotonic()
        deadline, state = triggered + timeout, None
        while time.monotonic() < deadline:
            rows = query(self.db_url, "SELECT state FROM dag_run WHERE dag_id = %s AND run_id = %s", (DAG_ID, run_id))
            state = rows[0][0] if rows else None
            if state in ("success", "failed"):
                break
            if on_poll is not None:
                on_poll(self, run_id)
            self.alive()
            time.sleep(0.5)
        else:
            state = f"timed out ({state})"
        seconds = time.monotonic() - triggered
        tis = query(self.db_url, "SELECT task_id, map_index, state, try_number, hostname, start_date, end_date "
                                 "FROM task_instance WHERE dag_id = %s AND run_id = %s ORDER BY task_id, map_index",
                    (DAG_ID, run_id))
        history = query(self.db_url, "SELECT task_id, map_index, state, try_number, hostname "
                                     "FROM task_instance_history WHERE dag_id = %s AND run_id = %s "
                                     "ORDER BY task_id, map_index, try_number", (DAG_ID, run_id))
        return {"run_id": run_id, "state": state, "seconds": seconds, "tis": [t[:5] for t in tis],
                "task_seconds": {(t[0], t[1]): (t[6] - t[5]).total_seconds() for t in tis if t[5] and t[6]},
                "history": history}
