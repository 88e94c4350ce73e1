"""The multi-worker scenario (`python -m bench --scenario celery`): a night of N corpus articles on the Airflow
deployment of tests/scaleout/celery_stack.py (CeleryExecutor, Redis, PostgreSQL catalog, moto S3) with 1 and 2
Celery workers, against `newsevents run` on the same articles with as many processes.

For each worker count W: a fresh PostgreSQL cluster (Airflow metadata + DuckLake catalog) and a fresh S3
prefix, the stack started (not timed), the night triggered with `shards` = 2 (the production default, so
both W split the articles identically), and the wall time from the trigger to the run's success taken from
this process's clock; every task instance's duration comes from the metadata DB. Then `newsevents run
--workers W --shards 2` on the same S3 landing into a local lakehouse, timed the same way (a fresh process:
its model load counts, as the Celery tasks' do). Scheduling overhead = Celery wall / CLI wall − 1.
Targets (from the issue): overhead ≤ 15%; 2 workers ≥ 1.7× one. The machine is shared: the load average is
recorded beside each figure.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import moto.server

from bench.corpus import build_corpus, logical_date_for, read_sources
from tests.scaleout.celery_stack import CeleryStack
from tests.scaleout.conftest import S3Server, clean_env, postgres_cluster, venv_bin

BUCKET = "newsevents-bench"
SHARDS = 2
OVERHEAD_TARGET = 0.15
SPEEDUP_TARGET = 1.7


def _jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def _celery_night(root: Path, s3: S3Server, landing: str, night: str, workers: int) -> dict:
    """One night on a fresh stack with `workers` Celery workers; wall seconds from trigger to success."""
    with postgres_cluster() as postgres:
        postgres.create_database("airflow")
        postgres.create_database("lake")
        prefix = f"s3://{BUCKET}/w{workers}"
        newsevents = {"NEWSEVENTS_LANDING": landing, "NEWSEVENTS_CATALOG": postgres.catalog("lake"),
                      "NEWSEVENTS_DATA_PATH": f"{prefix}/lake/"}
        names = tuple(f"w{i + 1}" for i in range(workers))
        with CeleryStack(root / f"stack-w{workers}", s3_env=s3.env(), postgres=postgres, workers=names,
                         newsevents=newsevents) as stack:
            load = os.getloadavg()[0]
            run = stack.run_night(night, conf={"shards": SHARDS}, timeout=3600)
    by_task: dict[str, float] = {}
    for (task, _), seconds in run["task_seconds"].items():
        by_task[task] = by_task.get(task, 0.0) + seconds
    return {"workers": workers, "state": run["state"], "wall_s": run["seconds"], "task_s": by_task,
            "stack_up_s": stack.seconds_up, "hosts": sorted({t[4] for t in run["tis"] if t[0] == "transform"}),
            "load_avg_start": load}


def _cli_night(root: Path, s3: S3Server, landing: str, night: str, workers: int) -> dict:
    env = {**clean_env(), **s3.env()}
    load = os.getloadavg()[0]
    started = time.monotonic()
    args = ["run", "--input", landing, "--data-dir", str(root / f"cli-w{workers}"), "--date", night,
            "--shards", str(SHARDS), "--workers", str(workers), "--quiet"]
    done = subprocess.run([venv_bin("newsevents"), *args], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    return {"workers": workers, "exit": done.returncode, "wall_s": time.monotonic() - started,
            "stderr": done.stderr[-500:], "load_avg_start": load}


def run_celery(eval_dir: Path, *, articles: int, workers: Sequence[int] = (1, 2), data_root: Path | None = None,
               log: Callable[[str], None] | None = None) -> dict:
    """The figures of the scenario as a JSON-ready dict (see the module docstring)."""
    log = log or (lambda msg: print(msg, flush=True))
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    records = build_corpus(read_sources(eval_dir), articles)
    night = logical_date_for(records).isoformat()
    base = Path(data_root or os.environ.get("NEWSEVENTS_DATA_DIR", "data")) / "bench"
    base.mkdir(parents=True, exist_ok=True)
    server = moto.server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    out: dict = {"articles": articles, "shards": SHARDS, "logical_date": night, "celery": {}, "cli": {}}
    try:
        host, port = server.get_host_and_port()
        s3 = S3Server(f"http://{host}:{port}")
        s3.create_bucket(BUCKET)
        s3.put(f"{BUCKET}/landing/articles.jsonl", _jsonl(records))
        landing = f"s3://{BUCKET}/landing/"
        with tempfile.TemporaryDirectory(prefix="celery-", dir=base) as tmp:
            for w in workers:
                log(f"newsevents bench celery: {articles} articles, {w} Celery worker(s) ...")
                out["celery"][str(w)] = _celery_night(Path(tmp), s3, landing, night, w)
                log(f"newsevents bench celery: the same night by `newsevents run --workers {w}` ...")
                out["cli"][str(w)] = _cli_night(Path(tmp), s3, landing, night, w)
    finally:
        server.stop()
    out.update(celery_figures(out))
    return out


def celery_figures(report: dict) -> dict:
    """Overhead per worker count (Celery wall / CLI wall − 1), the 2-vs-1 speed-up, and the targets."""
    overhead = {w: report["celery"][w]["wall_s"] / report["cli"][w]["wall_s"] - 1
                for w in report["celery"] if w in report["cli"] and report["cli"][w]["wall_s"]}
    speedup = None
    if "1" in report["celery"] and "2" in report["celery"]:
        speedup = report["celery"]["1"]["wall_s"] / report["celery"]["2"]["wall_s"]
    targets = [{"target": f"scheduling overhead <= {OVERHEAD_TARGET:.0%} ({w} worker(s))", "value": value,
                "met": value <= OVERHEAD_TARGET} for w, value in overhead.items()]
    if speedup is not None:
        targets.append({"target": f"2 workers >= {SPEEDUP_TARGET}x one", "value": speedup,
                        "met": speedup >= SPEEDUP_TARGET})
    return {"overhead": overhead, "speedup_2_vs_1": speedup, "targets": targets}


def render_celery(report: dict) -> str:
    lines = [f"multi-worker night: {report['articles']} articles, {report['shards']} shards, night "
             f"{report['logical_date']}",
             "| run | workers | wall s | vs `newsevents run` | load at start |", "|---|---|---|---|---|"]
    for w, run in report["celery"].items():
        cli = report["cli"].get(w, {})
        over = report["overhead"].get(w)
        lines.append(f"| Celery ({run['state']}) | {w} | {run['wall_s']:.1f} | "
                     f"{'' if over is None else f'{over:+.0%}'} | {run['load_avg_start']:.1f} |")
        if cli:
            lines.append(f"| newsevents run (exit {cli['exit']}) | {w} | {cli['wall_s']:.1f} | | "
                         f"{cli['load_avg_start']:.1f} |")
    for t in report["targets"]:
        lines.append(f"{t['target']}: {t['value']:.2f} — {'met' if t['met'] else 'not met'}")
    return "\n".join(lines)
