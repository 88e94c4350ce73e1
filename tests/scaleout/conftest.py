"""Fixtures of the scale-out tests: a local S3-compatible server (moto), a throw-away PostgreSQL cluster, and
helpers to run the CLI against them.

`moto_server` (ThreadedMotoServer) listens on 127.0.0.1 on a free port inside the pytest process; children
reach it through AWS_ENDPOINT_URL, which the AWS SDK inside pyarrow and newsevents' DuckDB S3 secret honour.
The test process itself talks to it with an explicit `pyarrow.fs.S3FileSystem`, so nothing in os.environ
changes for other tests.

`postgres_cluster` runs initdb into a temp dir and `pg_ctl` on 127.0.0.1 and a free port (as the `postgres`
user when run as root, since initdb refuses root), trust authentication, user `newsevents`; it is stopped in
a `finally`. Without the PostgreSQL binaries (the Debian `postgresql` package, which .ci/run installs) the
tests that need it skip.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
               "AWS_EC2_METADATA_DISABLED": "true"}


@dataclass
class S3Server:
    endpoint: str  # http://127.0.0.1:PORT

    def env(self) -> dict[str, str]:
        """Environment for a child process that should use this server."""
        return {**CREDENTIALS, "AWS_ENDPOINT_URL": self.endpoint}

    def filesystem(self):
        from pyarrow import fs

        host = self.endpoint.split("://", 1)[1]
        return fs.S3FileSystem(access_key=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                               secret_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
                               region=CREDENTIALS["AWS_DEFAULT_REGION"], endpoint_override=host, scheme="http",
                               allow_bucket_creation=True)

    def create_bucket(self, name: str) -> None:
        self.filesystem().create_dir(name)  # pyarrow creates a bucket for a top-level directory

    def put(self, path: str, data: bytes) -> None:
        with self.filesystem().open_output_stream(path) as out:
            out.write(data)

    def get(self, path: str) -> bytes:
        with self.filesystem().open_input_stream(path) as src:
            return src.read()

    def list_files(self, prefix: str) -> list[str]:
        from pyarrow import fs

        infos = self.filesystem().get_file_info(fs.FileSelector(prefix, recursive=True, allow_not_found=True))
        return sorted(i.path for i in infos if i.type == fs.FileType.File)


@pytest.fixture(scope="module")
def s3_server() -> S3Server:
    moto_server = pytest.importorskip("moto.server", reason="moto[server] is not installed (requirements.txt)")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield S3Server(f"http://{host}:{port}")
    finally:
        server.stop()


def venv_bin(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else (shutil.which(name) or str(REPO / ".venv" / "bin" / name))


def clean_env() -> dict[str, str]:
    """The current environment without newsevents, Airflow or AWS settings (each test sets its own)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSEVENTS_", "AIRFLOW", "AWS_"))}
    env["GX_ANALYTICS_ENABLED"] = "false"
    return env


# --------------------------------------------------------------------------- PostgreSQL
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


@dataclass
class Postgres:
    port: int
    user: str = "newsevents"

    def create_database(self, name: str) -> None:
        made = subprocess.run([pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, name],
                              capture_output=True, text=True, timeout=60)
        assert made.returncode == 0, made.stderr

    def sqlalchemy_url(self, database: str) -> str:
        return f"postgresql+psycopg2://{self.user}@127.0.0.1:{self.port}/{database}"

    def catalog(self, database: str) -> str:
        """NEWSEVENTS_CATALOG for a DuckLake catalog in `database`."""
        return f"postgres:dbname={database} host=127.0.0.1 port={self.port} user={self.user}"


@contextlib.contextmanager
def postgres_cluster():
    """A PostgreSQL cluster in a temp dir on 127.0.0.1 (see the module docstring)."""
    initdb, pg_ctl, createdb = pg_bin("initdb"), pg_bin("pg_ctl"), pg_bin("createdb")
    if not (initdb and pg_ctl and createdb):
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found; install the Debian `postgresql` package "
                    "(.ci/run does)")
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    root = Path(tempfile.mkdtemp(prefix="newsevents-pg-"))  # not under pytest's 0700 tmp: postgres must reach it
    data, log = root / "data", root / "postgres.log"
    server = Postgres(free_port())
    if as_root:
        shutil.chown(root, "postgres")
    try:
        init = subprocess.run([*prefix, initdb, "-D", str(data), "-U", server.user, "--auth=trust", "-E", "UTF8"],
                              capture_output=True, text=True, timeout=120)
        assert init.returncode == 0, init.stderr[-3000:]
        start = subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
                                f"-h 127.0.0.1 -p {server.port} -k {root} -c max_connections=200", "start"],
                               capture_output=True, text=True, timeout=90)
        assert start.returncode == 0, start.stderr[-2000:] + tail(log)
        yield server
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True,
                       timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres() -> Postgres:
    with postgres_cluster() as server:
        yield server


# --------------------------------------------------------------------------- Airflow services
@contextlib.contextmanager
def service(name: str, args: list[str], env: dict, logs: Path, *, cwd: Path | None = None,
            program: str | None = None):
    """One service (an Airflow command unless `program` is given) in its own process group; stopped by its PID
    (TERM to its group, then KILL) on exit, also when the test failed."""
    out = open(logs / f"{name}.log", "wb")  # closed in finally
    proc = subprocess.Popen([program or venv_bin("airflow"), *args], env=env, stdout=out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True, cwd=cwd)
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
        with contextlib.suppress(ProcessLookupError):  # children the leader left behind (its group is its PID)
            os.killpg(proc.pid, signal.SIGKILL)
        out.close()


def terminate(procs) -> None:
    """SIGTERM to every service's process group at once, so they shut down side by side; each `service()`
    block then waits for its own (and KILLs it if it lingers)."""
    for proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)


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
