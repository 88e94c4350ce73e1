"""Fixtures of the scale-out tests: a local S3-compatible server (moto) and helpers to run the CLI against it.

`moto_server` (ThreadedMotoServer) listens on 127.0.0.1 on a free port inside the pytest process; children
reach it through AWS_ENDPOINT_URL, which the AWS SDK inside pyarrow honours. The test process itself talks to
it with an explicit `pyarrow.fs.S3FileSystem`, so nothing in os.environ changes for other tests.
"""

from __future__ import annotations

import os
import shutil
import sys
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
