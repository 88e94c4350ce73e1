"""`make eval` (`python -m eval`): every available gold set under NEWSEVENTS_EVAL_DIR (default <repo>/../shared/eval),
read at run time and never copied, scored through the real NLP stage."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from eval.challenge import (
    CHALLENGE_FILE,
    FRESH2_FILE,
    FRESH3_FILE,
    FRESH4_FILE,
    FRESH5_FILE,
    FRESH6_FILE,
    FRESH7_FILE,
    FRESH8_FILE,
    FRESH_FILE,
    eval_challenge,
    eval_fresh,
    eval_fresh2,
    eval_fresh3,
    eval_fresh4,
    eval_fresh5,
    eval_fresh6,
    eval_fresh7,
    eval_fresh8,
)
from eval.conll import eval_conll
from eval.fresh_people import FRESH_PEOPLE_FILE, eval_fresh_people
from eval.geo import eval_geo
from eval.petrarch_gsr import eval_petrarch_gsr
from eval.petrarch_unittest import eval_petrarch_unittest
from eval.plover import eval_plover
from eval.polnear import eval_polnear
from eval.report import REPO_ROOT, git_commit, render_report
from eval.tally import DatasetResult
from newsevents.nlp.runtime import get_nlp, get_resources, resolve_model_name

DATASETS = ("conll2003-en-test", "petrarch2-gsr", "plover-gsr", "petrarch-unittest", "polnear", "tr-news",
            "geowebnews", "challenge", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6",
            "fresh7", "fresh8", "fresh-people")
#: Sets that live in this repository rather than under the gold-data folder.
OWN_SETS = {"challenge": CHALLENGE_FILE, "fresh": FRESH_FILE, "fresh2": FRESH2_FILE, "fresh3": FRESH3_FILE,
            "fresh4": FRESH4_FILE, "fresh5": FRESH5_FILE, "fresh6": FRESH6_FILE,
            "fresh7": FRESH7_FILE, "fresh8": FRESH8_FILE, "fresh-people": FRESH_PEOPLE_FILE}


EVALUATORS: dict[str, Callable[..., DatasetResult]] = {
    "conll2003-en-test": eval_conll,
    "petrarch2-gsr": eval_petrarch_gsr,
    "plover-gsr": eval_plover,
    "petrarch-unittest": eval_petrarch_unittest,
    "polnear": eval_polnear,
    "tr-news": eval_geo,
    "geowebnews": eval_geo,
    "challenge": eval_challenge,
    "fresh": eval_fresh,
    "fresh2": eval_fresh2,
    "fresh3": eval_fresh3,
    "fresh4": eval_fresh4,
    "fresh5": eval_fresh5,
    "fresh6": eval_fresh6,
    "fresh7": eval_fresh7,
    "fresh8": eval_fresh8,
    "fresh-people": eval_fresh_people,
}


def default_eval_dir() -> Path:
    return Path(os.environ.get("NEWSEVENTS_EVAL_DIR") or REPO_ROOT.parent / "shared" / "eval")


def _data_file(eval_dir: Path, name: str) -> Path:
    return OWN_SETS.get(name) or eval_dir / name / "dev.jsonl"


def available_datasets(eval_dir: Path) -> list[str]:
    """The gold sets found under `eval_dir` (the repository's own sets are not counted)."""
    return [name for name in DATASETS if name not in OWN_SETS and _data_file(eval_dir, name).is_file()]


def run_evaluation(eval_dir: Path, *, limit: int | None = None, workers: int = 2,
                   log: Callable[[str], None] | None = None, only: tuple[str, ...] = ()) -> dict:
    """Score every available dataset (or those named in `only`); the figures as a JSON-ready dict."""
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    started = time.perf_counter()
    nlp, resources = get_nlp(), get_resources()
    setup = time.perf_counter() - started
    results: list[DatasetResult] = []
    for name in DATASETS:
        if only and name not in only:
            continue
        if not _data_file(eval_dir, name).is_file():
            results.append(DatasetResult(name, skipped="no dev.jsonl"))
            continue
        log(f"newsevents eval: {name} ...")
        t0 = time.perf_counter()
        result = EVALUATORS[name](eval_dir / name, limit=limit, nlp=nlp, resources=resources, workers=workers)
        result.seconds = time.perf_counter() - t0
        results.append(result)
    return {
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "eval_dir": str(eval_dir), "limit": limit, "workers": workers, "model": resolve_model_name(),
        "git_commit": git_commit(), "setup_seconds": round(setup, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
        "datasets": {r.name: r.as_dict() for r in results},
    }


def main_eval(*, eval_dir: Path | None = None, out: Path | None = None, limit: int | None = None,
              workers: int = 2, only: tuple[str, ...] = ()) -> int:
    """`newsevents eval`: print the table and the error analysis, write the JSON figures; 0 when data is absent."""
    eval_dir = Path(eval_dir) if eval_dir else default_eval_dir()
    if not available_datasets(eval_dir):
        print(f"newsevents eval: no evaluation data under {eval_dir} (set NEWSEVENTS_EVAL_DIR or --eval-dir); "
              "skipping")
        return 0
    unknown = [name for name in only if name not in DATASETS]
    if unknown:
        print(f"newsevents eval: unknown dataset(s) {', '.join(unknown)} (known: {', '.join(DATASETS)})")
        return 2
    report = run_evaluation(eval_dir, limit=limit, workers=workers, only=only)
    previous = None
    if out is not None and Path(out).is_file():
        try:
            previous = json.loads(Path(out).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = None
    print(render_report(report, previous))
    if out is not None:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfigures written to {out}" + (" (dF1/acc: change vs the previous file)" if previous else ""))
    return 0
