"""DAG integrity: `dags/` parses without errors and `news_events_nightly` has the promised shape.

Airflow is imported in a child process, never in the pytest process. Airflow reads AIRFLOW_HOME and its
configuration once, at first import, and sets up logging and its ORM for the whole process; importing it
here would tie the temporary AIRFLOW_HOME to test order, leak into every other test module (log handlers,
warnings filters) and, if anything imported Airflow first, touch the developer's ~/airflow. The child builds
a DagBag (Airflow 3.3: `airflow.dag_processing.dagbag.DagBag`; the `airflow.models.dagbag` name is a
deprecated shim), describes the DAG as JSON, and the tests below assert on that description.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "dags"
DAG_ID = "news_events_nightly"
TASK_ORDER = ["extract", "transform", "validate", "load", "publish"]
#: Modules a DAG file must not pull in at parse time (the DAG processor parses it every few seconds).
HEAVY_MODULES = ("spacy", "thinc", "duckdb", "great_expectations", "pyarrow", "pandas", "trafilatura")
MARKER = "DAG-DESCRIPTION:"

DESCRIBE_DAG = r"""
import json, sys

heavy = tuple(sys.argv[3].split(","))
def loaded_heavy():
    return sorted({m.split(".")[0] for m in sys.modules} & set(heavy))

from airflow.dag_processing.dagbag import DagBag

heavy_before = loaded_heavy()
bag = DagBag(dag_folder=sys.argv[1])
heavy_after = loaded_heavy()

def seconds(value):
    return None if value is None else value.total_seconds()

out = {
    "import_errors": {str(k): str(v) for k, v in bag.import_errors.items()},
    "captured_warnings": {str(k): list(v) for k, v in bag.captured_warnings.items()},
    "dag_ids": sorted(bag.dag_ids),
    "file_stats": [{"file": s.file, "duration_s": s.duration.total_seconds(), "dag_num": s.dag_num,
                    "task_num": s.task_num} for s in bag.dagbag_stats],
    "heavy_before": heavy_before,
    "heavy_after": heavy_after,
}
dag = bag.dags.get(sys.argv[2])
if dag is not None:
    try:
        dag.validate()
        validate_error = None
    except Exception as exc:
        validate_error = f"{type(exc).__name__}: {exc}"
    default_args = dict(dag.default_args or {})
    out["dag"] = {
        "schedule": str(dag.schedule),
        "timetable": repr(dag.timetable),
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "start_date": dag.start_date.isoformat() if dag.start_date else None,
        "doc_md": dag.doc_md,
        "params": dag.params.dump(),
        "validate_error": validate_error,
        "default_args": {
            "retries": default_args.get("retries"),
            "retry_exponential_backoff": default_args.get("retry_exponential_backoff"),
            "retry_delay_s": seconds(default_args.get("retry_delay")),
            "max_retry_delay_s": seconds(default_args.get("max_retry_delay")),
        },
        "topological_order": [t.task_id for t in dag.topological_sort()],
        "tasks": {
            t.task_id: {
                "upstream": sorted(t.upstream_task_ids),
                "downstream": sorted(t.downstream_task_ids),
                "mapped": bool(getattr(t, "is_mapped", False)),
                "retries": t.retries,
                "retry_exponential_backoff": t.retry_exponential_backoff,
                "retry_delay_s": seconds(t.retry_delay),
                "max_retry_delay_s": seconds(t.max_retry_delay),
            }
            for t in dag.tasks
        },
    }
print(sys.argv[4] + json.dumps(out, default=str))
"""


@pytest.fixture(scope="module")
def described(tmp_path_factory) -> dict:
    """Parse dags/ once in a child process with a throw-away AIRFLOW_HOME; return the DAG description."""
    home = tmp_path_factory.mktemp("airflow_home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWSEVENTS_"))}
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
    })
    proc = subprocess.run(
        [sys.executable, "-c", DESCRIBE_DAG, str(DAGS), DAG_ID, ",".join(HEAVY_MODULES), MARKER],
        env=env, cwd=home, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith(MARKER)]
    assert proc.returncode == 0 and lines, (
        f"DagBag child failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1][len(MARKER):])


@pytest.fixture(scope="module")
def dag(described) -> dict:
    assert "dag" in described, f"{DAG_ID} not in the DagBag: {described['dag_ids']}"
    return described["dag"]


def test_dagbag_has_no_import_errors_or_warnings(described):
    assert described["import_errors"] == {}
    assert described["captured_warnings"] == {}, "the DAG file emits warnings at parse time (API drift?)"
    assert DAG_ID in described["dag_ids"]
    stats = [s for s in described["file_stats"] if s["file"].endswith("news_events_nightly.py")]
    assert stats and stats[0]["dag_num"] == 1 and stats[0]["task_num"] == len(TASK_ORDER)


def test_dag_validates(dag):
    assert dag["validate_error"] is None


def test_schedule_is_daily_without_catchup_one_run_at_a_time(dag):
    # "@daily" is a cron trigger at midnight UTC in Airflow 3
    assert dag["schedule"] in ("@daily", "0 0 * * *"), dag["schedule"]
    assert "0 0 * * *" in dag["timetable"], dag["timetable"]
    assert dag["catchup"] is False
    assert dag["max_active_runs"] == 1
    # a fixed start date in the past, timezone-aware (a moving start date breaks scheduling)
    assert dag["start_date"] is not None and dag["start_date"].endswith("+00:00")
    assert dag["start_date"] < "2020"


def test_retries_with_exponential_backoff(dag):
    defaults = dag["default_args"]
    assert defaults["retries"] >= 1
    assert defaults["retry_exponential_backoff"]
    assert defaults["retry_delay_s"] and defaults["retry_delay_s"] > 0
    assert defaults["max_retry_delay_s"] and defaults["max_retry_delay_s"] >= defaults["retry_delay_s"]
    for task_id, task in dag["tasks"].items():
        # `validate` opts out on purpose: a failed quality gate is not transient (AirflowFailException).
        if task_id == "validate":
            continue
        assert task["retries"] >= 1, task_id
        assert task["retry_exponential_backoff"], task_id
        assert task["max_retry_delay_s"] and task["max_retry_delay_s"] >= task["retry_delay_s"], task_id


def test_tasks_and_dependency_order(dag):
    tasks = dag["tasks"]
    assert sorted(tasks) == sorted(TASK_ORDER)
    assert dag["topological_order"] == TASK_ORDER
    assert tasks["extract"]["upstream"] == []
    assert tasks["transform"]["upstream"] == ["extract"]
    assert tasks["validate"]["upstream"] == ["transform"]
    assert tasks["load"]["upstream"] == ["validate"]
    # publish needs the committed DuckLake version (load) and the candidate (validate)
    assert "load" in tasks["publish"]["upstream"]
    assert set(tasks["publish"]["upstream"]) <= {"validate", "load"}
    assert tasks["publish"]["downstream"] == []


def test_transform_is_mapped_and_nothing_else_is(dag):
    mapped = {task_id for task_id, task in dag["tasks"].items() if task["mapped"]}
    assert mapped == {"transform"}


def test_doc_md_describes_every_step(dag):
    doc = dag["doc_md"] or ""
    assert doc.strip(), "doc_md is missing"
    for task_id in TASK_ORDER:
        assert f"`{task_id}`" in doc, f"doc_md does not describe {task_id}"


def test_params_have_valid_defaults(dag):
    params = dag["params"]
    assert {"landing", "feeds", "shards"} <= set(params)
    assert isinstance(params["shards"], int) and params["shards"] >= 1


def test_importing_the_dag_file_is_cheap(described):
    """Parsing must not load the NLP model, DuckDB or Great Expectations: those belong inside tasks."""
    newly_loaded = sorted(set(described["heavy_after"]) - set(described["heavy_before"]))
    assert newly_loaded == [], f"importing the DAG file imports {newly_loaded}"
    stats = [s for s in described["file_stats"] if s["file"].endswith("news_events_nightly.py")]
    assert stats[0]["duration_s"] < 2.0, f"parsing the DAG file took {stats[0]['duration_s']:.2f}s"
