"""One end-to-end run of the Airflow DAG with `dag.test()` on the bundled sample, into a temp directory.

Everything Airflow runs in a child process with its own AIRFLOW_HOME (SQLite metadata database made by
`airflow db migrate`): Airflow fixes its configuration at first import and sets up logging, the ORM and
the task SDK for the whole process, so running it inside pytest would tie the temporary home to test order
and leak into the other test modules. The child parses dags/ with a DagBag and calls
`dag.test(logical_date=..., run_conf=...)` (Airflow 3.3 signature), which runs every task in-process
without a scheduler and returns the DagRun; it prints the run's state as JSON for the assertions below.

The child sets every task's `retries` to 0 first: `dag.test()` honours retries and would sit out the DAG's
real retry delays (minutes, exponential) before reporting a failure. The retry policy itself is checked by
test_dag_integrity.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsevents.adapters.snapshots import verify_snapshot
from tests.support import expected_read, lake_query, manifest_tables

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "dags"
SAMPLES = REPO / "samples" / "landing"
DAG_ID = "news_events_nightly"
LOGICAL_DATE = "2017-04-12"
SHARDS = 3  # passed through run_conf; the DAG's default is 2, so the mapped task count proves conf arrives
CONTRACT_TABLES = ("articles", "rejected_articles", "actors", "actor_mentions", "events", "statements")
MARKER = "DAG-RUN-RESULT:"

RUN_DAG = r"""
import json, sys
from datetime import datetime, timezone

from airflow.dag_processing.dagbag import DagBag

dags_folder, dag_id, logical_date, run_conf, marker = sys.argv[1:6]
bag = DagBag(dag_folder=dags_folder)
if bag.import_errors or dag_id not in bag.dags:
    print(marker + json.dumps({"import_errors": {str(k): str(v) for k, v in bag.import_errors.items()}}))
    sys.exit(1)
dag = bag.dags[dag_id]
for task in dag.tasks:
    task.retries = 0  # fail fast instead of waiting out the retry delays
dr = dag.test(logical_date=datetime.fromisoformat(logical_date).replace(tzinfo=timezone.utc),
              run_conf=json.loads(run_conf))
tis = [{"task_id": ti.task_id, "map_index": ti.map_index, "state": str(ti.state)}
       for ti in dr.get_task_instances()]
print(marker + json.dumps({"state": str(dr.state), "logical_date": dr.logical_date.isoformat(),
                           "conf": dict(dr.conf or {}), "tis": tis}, default=str))
"""


@dataclass
class DagRunResult:
    result: dict
    data_dir: Path
    landing: Path
    log: str


def explain(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-6000:]}\n--- stderr\n{proc.stderr[-3000:]}"


def venv_bin(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else (shutil.which(name) or str(REPO / ".venv" / "bin" / name))


def count(data_dir: Path, table: str, where: str = "") -> int:
    return lake_query(data_dir, f"SELECT count(*) FROM {table} {where}")[0][0]


def table_rows(data_dir: Path, table: str, columns: str = "*") -> list[tuple]:
    return sorted(lake_query(data_dir, f"SELECT {columns} FROM {table}"), key=repr)


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    return Path(shutil.copytree(SAMPLES, tmp_path_factory.mktemp("dag_run_landing") / "landing"))


@pytest.fixture(scope="module")
def cli_started(landing, tmp_path_factory):
    """The same night through `newsevents run` (default shard count, 2; the DAG run uses 3), started before the
    DAG run: two child processes on their own data directories, reading the same landing folder, go on side by
    side (`cli_data` waits for this one)."""
    root = tmp_path_factory.mktemp("dag_run_cli")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSEVENTS_")}
    env["GX_ANALYTICS_ENABLED"] = "false"
    with open(root / "stdout", "w") as out, open(root / "stderr", "w") as err:
        proc = subprocess.Popen([venv_bin("newsevents"), "run", "--input", str(landing), "--data-dir",
                                 str(root / "data"), "--date", LOGICAL_DATE, "--quiet"],
                                env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    try:
        yield proc, root
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def dag_run(tmp_path_factory, landing, cli_started) -> DagRunResult:
    root = tmp_path_factory.mktemp("dag_run")
    data_dir = root / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWSEVENTS_"))}
    env.update({
        "AIRFLOW_HOME": str(root / "airflow_home"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "GX_ANALYTICS_ENABLED": "false",
        "NEWSEVENTS_DATA_DIR": str(data_dir),
        "NEWSEVENTS_LANDING": str(landing),
    })
    (root / "airflow_home").mkdir()
    migrate = subprocess.run([venv_bin("airflow"), "db", "migrate"], env=env, cwd=root, capture_output=True,
                             text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert migrate.returncode == 0, explain(migrate)
    proc = subprocess.run(
        [sys.executable, "-c", RUN_DAG, str(DAGS), DAG_ID, LOGICAL_DATE, json.dumps({"shards": SHARDS}), MARKER],
        env=env, cwd=root, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith(MARKER)]
    assert proc.returncode == 0 and lines, explain(proc)
    return DagRunResult(json.loads(lines[-1][len(MARKER):]), data_dir, landing, proc.stdout + proc.stderr)


def test_dag_run_succeeds_with_every_task(dag_run):
    result = dag_run.result
    failed = [ti for ti in result["tis"] if ti["state"] != "success"]
    assert result["state"] == "success" and not failed, (
        f"DAG run {result['state']}; not successful: {failed}\n{dag_run.log[-6000:]}")
    assert result["logical_date"].startswith(LOGICAL_DATE)
    assert result["conf"] == {"shards": SHARDS}
    by_task: dict[str, list[int]] = {}
    for ti in result["tis"]:
        by_task.setdefault(ti["task_id"], []).append(ti["map_index"])
    assert sorted(by_task) == sorted(["extract", "transform", "validate", "load", "publish"])
    assert sorted(by_task["transform"]) == list(range(SHARDS)), "transform is not mapped over every shard"
    for task_id in ("extract", "validate", "load", "publish"):
        assert by_task[task_id] == [-1]


def test_snapshot_is_published_and_latest_points_at_it(dag_run):
    snapshots = dag_run.data_dir / "snapshots"
    latest = snapshots / "latest"
    assert latest.is_symlink(), "snapshots/latest is missing"
    target = os.readlink(latest)
    published = [p.name for p in snapshots.iterdir() if p.is_dir() and not p.is_symlink()]
    assert published == [target], f"expected exactly the latest snapshot, found {published}"
    assert target.startswith(f"{LOGICAL_DATE}-")
    manifest = verify_snapshot(snapshots / target)  # every file against its SHA-256
    assert manifest["logical_date"] == LOGICAL_DATE
    assert set(CONTRACT_TABLES) <= set(manifest["tables"])
    from_files = manifest_tables(snapshots / target)
    for table in CONTRACT_TABLES:
        assert manifest["tables"][table]["rows"] == count(dag_run.data_dir, table) == len(from_files[table]), table


def test_warehouse_rows_match_what_the_samples_imply(dag_run):
    stats = json.loads((dag_run.data_dir / "work" / f"date={LOGICAL_DATE}" / "extract" / "stats.json")
                       .read_text(encoding="utf-8"))
    assert stats["read"] == expected_read(dag_run.landing)
    assert stats["read"] == stats["accepted"] + stats["rejected"] + stats["duplicates"]
    assert stats["duplicates"] == 0
    assert count(dag_run.data_dir, "articles") == stats["accepted"]
    assert count(dag_run.data_dir, "rejected_articles") == stats["rejected"]
    for table in CONTRACT_TABLES:
        assert count(dag_run.data_dir, table) > 0, f"{table} is empty"


def test_rejected_articles_have_reasons(dag_run):
    stats = json.loads((dag_run.data_dir / "work" / f"date={LOGICAL_DATE}" / "extract" / "stats.json")
                       .read_text(encoding="utf-8"))
    assert stats["by_reason"] == {"empty_text": 1, "malformed_json": 1}
    assert count(dag_run.data_dir, "rejected_articles",
                 "WHERE reason IS NULL OR trim(reason) = '' OR input_ref IS NULL") == 0
    for code, n in stats["by_reason"].items():
        assert count(dag_run.data_dir, "rejected_articles", f"WHERE reason_code = '{code}'") == n


@pytest.fixture(scope="module")
def cli_data(cli_started) -> Path:
    """The data directory of the CLI run `cli_started` began."""
    proc, root = cli_started
    code = proc.wait(timeout=300)
    done = subprocess.CompletedProcess(proc.args, code, (root / "stdout").read_text(), (root / "stderr").read_text())
    assert code == 0, explain(done)
    return root / "data"


def test_dag_and_cli_publish_the_same_tables(dag_run, cli_data):
    """The CLI runs the same five steps in-process: same inputs and date, same rows."""
    for table in CONTRACT_TABLES:
        if table == "actors":
            continue
        assert table_rows(cli_data, table) == table_rows(dag_run.data_dir, table), f"{table} differs"
    columns = "actor_id, name, actor_type, country_code, cameo_code"
    assert table_rows(cli_data, "actors", columns) == table_rows(dag_run.data_dir, "actors", columns)


def test_actor_rows_do_not_depend_on_the_shard_count(dag_run, cli_data):
    assert table_rows(cli_data, "actors") == table_rows(dag_run.data_dir, "actors")
