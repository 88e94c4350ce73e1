"""Issue 19: memory per bad line. A file of a million garbage lines is extracted in a child process under
RLIMIT_AS = 1.5 GB: rejects stream to disk in batches, so peak memory does not grow with the input (before,
each rejected line held about 0.9 kB until the end of the step, and this run died with MemoryError)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from tests.reliability.conftest import REPO, child_env

pytestmark = pytest.mark.slow

LINES = 1_000_000
LIMIT = 1536 * 1024 * 1024

CHILD = f"""
import resource, sys, json
resource.setrlimit(resource.RLIMIT_AS, ({LIMIT}, {LIMIT}))
from datetime import date
from newsevents.config import Settings
from newsevents.pipeline import extract
out = extract(Settings.from_env(data_dir=sys.argv[1], inputs=(sys.argv[2],)), logical_date=date(2017, 4, 12))
print(json.dumps(out["stats"]))
"""


def _extract_under_limit(tmp_path, landing, **env):
    proc = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "data"), str(landing)], cwd=REPO,
                          env=child_env(**env), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _garbage(path, gz: bool = False):
    opener = gzip.open if gz else open
    with opener(path, "wb") as fh:
        for start in range(0, LINES, 10_000):
            fh.write(b"".join(b"{garbage %d\n" % i for i in range(start, start + 10_000)))


def test_million_bad_lines_under_a_memory_limit(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    _garbage(landing / "bad.jsonl")
    # The per-file cap is lifted so that every line really becomes a reject: this measures the streaming.
    stats = _extract_under_limit(tmp_path, landing, NEWSEVENTS_MAX_RECORDS_PER_FILE=str(2 * LINES))
    assert stats["read"] == stats["rejected"] == LINES
    rejects = pq.ParquetFile(tmp_path / "data" / "work" / "date=2017-04-12" / "extract" / "rejected_articles.parquet")
    assert rejects.metadata.num_rows == LINES


def test_gzip_of_bad_lines_is_capped_per_file(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    _garbage(landing / "bad.jsonl.gz", gz=True)
    stats = _extract_under_limit(tmp_path, landing, NEWSEVENTS_MAX_RECORDS_PER_FILE="100000")
    assert stats["rejected"] == 100_001
    assert stats["by_reason"] == {"malformed_json": 100_000, "too_many_records": 1}
