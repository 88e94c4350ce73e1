"""`make bench`: how fast the nightly run is on this machine, next to raw spaCy. A benchmark, not a test:
it prints figures and writes them as JSON; it asserts nothing.

Corpus: the real article texts of the evaluation data, ``<eval dir>/articles/dev.jsonl`` (VOA) then the article
texts of ``<eval dir>/polnear/dev.jsonl``, repeated to N articles. Every copy gets its own ``url``
(``https://bench.invalid/<i>``) and ``id``, so extract's duplicate detection (article_id = hash of the canonical
URL) keeps every copy. The copies are written as JSONL landing files under ``<data dir>/bench/run-*/`` (removed
at the end). Without evaluation data the command prints a message and exits 0.

Every measurement runs in a fresh (spawned) Python process, so model loads, caches and peak RSS belong to that
measurement alone, in this order:

- warm-up: ``get_nlp()`` once, so that no measurement pays for a cold disk cache;
- per process count P (``--workers``, default 1,2), end to end: ``pipeline.run_night`` in-process on a fresh data
  dir with ``workers=P`` and the same shard count for every P (max(2, largest P): 2 = the production default),
  so the runs split the articles identically and only the process count changes. Stage seconds come from
  the pipeline's step hook in that process (transform: model loads in the workers, NLP and the Parquet writes
  of the shards);
- per P, raw: ``spacy.load(resolve_model_name())`` (no project components), ``nlp.pipe`` over exactly the texts
  extract accepted, batch size ``newsevents.nlp.rows.BATCH_SIZE``, spaCy's own ``n_process=P``. Its words/s are
  over the ``nlp.pipe`` time (the model load is reported apart);
- transform breakdown: the full ``get_nlp()`` pipeline run component by component (batches of BATCH_SIZE, as
  ``nlp.pipe`` does) over the distinct texts among the accepted articles, then the Doc -> rows -> tables
  conversion of ``newsevents.nlp.rows``; production code is not changed or patched for this;
- rerun: ``run_night`` again on the first end-to-end data dir, same inputs, next logical date, workers=1:
  every article is a duplicate of an already loaded one. No NLP work is proven by the articles per shard (all 0)
  and by ``get_nlp.cache_info()`` in that process (no model load).

Peak RSS is ``resource.getrusage`` of the measurement's process (self) and of its child processes (largest one).
Targets (from the issue): end-to-end >= 0.85x raw ``nlp.pipe`` words/s; 2 processes >= 1.8x one; a rerun with
nothing new does no NLP work. Each is printed as met / not met.
"""


from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import spacy

from bench import history
from bench.corpus import BENCH_URL, CORPUS_SOURCES, build_corpus, logical_date_for, read_sources, write_landing
from bench.figures import (
    derived_figures,
    evaluate_targets,
    history_targets,
    limits_analysis,
    render_history,
    render_table,
)
from bench.scenarios import run_in_fresh_process
from eval.report import git_commit
from eval.runner import default_eval_dir
from newsevents.cli import positive_int  # noqa: F401 - the bench CLI's argparse type (bench/__main__.py)
from newsevents.nlp.runtime import resolve_model_name

DEFAULT_ARTICLES = 2000
CELERY_ARTICLES = 1000
DEFAULT_WORKERS = (1, 2)


def parse_workers(value: str) -> list[int]:
    """``"1,2"`` -> ``[1, 2]`` (sorted, unique, each >= 1); argparse type."""
    try:
        counts = sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of process counts: {value!r}") from None
    if not counts or counts[0] < 1:
        raise argparse.ArgumentTypeError(f"process counts must be >= 1: {value!r}")
    return counts


def machine_info(model: str) -> dict:
    try:
        model_version = spacy.util.get_package_version(model) or ""
    except Exception:  # noqa: BLE001 - informational only
        model_version = ""
    memory_gb = None
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3, 1)
    except (ValueError, OSError, AttributeError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu_count": os.cpu_count(), "cpus_usable": usable, "memory_gb": memory_gb,
            "platform": platform.platform(), "python": platform.python_version(), "spacy": spacy.__version__,
            "model": model, "model_version": model_version, "load_avg_start": os.getloadavg()[0]}


def default_data_root() -> Path:
    return Path(os.environ.get("NEWSEVENTS_DATA_DIR", "data"))


def run_benchmark(eval_dir: Path, *, articles: int = DEFAULT_ARTICLES, workers: Sequence[int] = DEFAULT_WORKERS,
                  data_root: Path | None = None, model: str = "",
                  log: Callable[[str], None] | None = None) -> dict:
    """Build the corpus, run every measurement, return the figures as a JSON-ready dict."""
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    begun = time.perf_counter()
    model = resolve_model_name(model)
    workers = sorted(set(workers))
    shards = max(2, workers[-1])
    sources = read_sources(eval_dir)
    records = build_corpus(sources, articles)
    night = logical_date_for(records)
    machine = machine_info(model)
    bench_dir = Path(data_root or default_data_root()) / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="run-", dir=bench_dir))

    def step(what: str) -> None:
        log(f"newsevents bench [{time.perf_counter() - begun:6.0f} s, load {os.getloadavg()[0]:.2f}]: {what} ...")

    try:
        landing = root / "landing"
        files = write_landing(records, landing)
        step("warm-up (get_nlp once)")
        warmup = run_in_fresh_process("warmup", model=model)
        e2e: dict[str, dict] = {}
        raw: dict[str, dict] = {}
        articles_path = None
        for p in workers:
            step(f"end to end, {p} process(es), {shards} shards")
            e2e[str(p)] = run_in_fresh_process("end_to_end", landing=str(landing), data_dir=str(root / f"data-w{p}"),
                                               logical_date=night, workers=p, shards=shards, model=model)
            if articles_path is None:
                articles_path = str(Path(e2e[str(p)]["work_dir"]) / "extract" / "articles.parquet")
            step(f"raw nlp.pipe, n_process={p}")
            raw[str(p)] = run_in_fresh_process("raw", articles_path=articles_path, n_process=p, model=model)
        step("transform breakdown (1 process, distinct texts)")
        breakdown = run_in_fresh_process("breakdown", articles_path=articles_path, logical_date=night, model=model)
        step("rerun on the next night (nothing new)")
        rerun = run_in_fresh_process("rerun", landing=str(landing), data_dir=str(root / f"data-w{workers[0]}"),
                                     logical_date=night + timedelta(days=1), shards=shards, model=model)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for run in (*e2e.values(), rerun):
        run.pop("work_dir", None)  # removed with the bench folder
    first = e2e[str(workers[0])]
    by_dataset: dict[str, int] = {}
    for src in sources[:articles]:
        by_dataset[src["dataset"]] = by_dataset.get(src["dataset"], 0) + 1
    report = {
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "git_commit": git_commit(),
        "eval_dir": str(eval_dir),
        "machine": machine,
        "corpus": {"requested": articles, "accepted": first["articles"], "words": first["words"],
                   "stats": first["stats"], "distinct_texts": min(len(sources), articles), "by_dataset": by_dataset,
                   "landing_files": len(files), "shards": shards, "logical_date": night.isoformat(),
                   "rerun_date": (night + timedelta(days=1)).isoformat(), "url_pattern": f"{BENCH_URL}<i>"},
        "warmup_s": warmup["seconds"],
        "end_to_end": e2e,
        "raw": raw,
        "transform_breakdown": breakdown,
        "rerun": rerun,
    }
    derived = derived_figures(report)
    report["e2e_vs_raw"] = derived["e2e_vs_raw"]
    report["speedup"] = derived["speedup"]
    report["limits"] = limits_analysis(report)
    report["targets"] = evaluate_targets(report)
    report["machine"]["load_avg_end"] = os.getloadavg()[0]
    report["total_s"] = time.perf_counter() - begun
    return report


def run_history(eval_dir: Path, *, data_root: Path | None = None, model: str = "",
                sizes: Sequence[int] = history.HISTORY_SIZES, log: Callable[[str], None] | None = None) -> dict:
    """The history scenario (bench/history.py): a one-article night on small and large history, its reruns,
    and the disk after 30 nights. Every night runs in a fresh process."""
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    begun = time.perf_counter()
    model = resolve_model_name(model)
    sources = read_sources(eval_dir)
    bench_dir = Path(data_root or default_data_root()) / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="history-", dir=bench_dir))
    night = history.FIRST_REAL_NIGHT + timedelta(days=1)

    def step(what: str) -> None:
        log(f"newsevents bench history [{time.perf_counter() - begun:6.0f} s, load {os.getloadavg()[0]:.2f}]: "
            f"{what} ...")

    def night_run(landing: Path, data: Path, day) -> dict:
        return run_in_fresh_process("night", landing=str(landing), data_dir=str(data), logical_date=day, shards=2,
                                    model=model)

    out: dict = {"sizes": {}, "machine": machine_info(model), "git_commit": git_commit()}
    try:
        landing = history.one_article_landing(root / "landing-night")
        for size in sizes:
            data = root / f"data-{size}"
            step(f"synthesising {size:,} articles of history")
            run = {"build": run_in_fresh_process("history_build", data_dir=str(data), articles=size,
                                                 eval_dir=str(eval_dir))}
            step(f"{size:,}: the samples night, then the one-article night, its rerun, the next night")
            run["samples_night"] = night_run(history.SAMPLES, data, history.FIRST_REAL_NIGHT)
            run["night"] = night_run(landing, data, night)
            run["rerun_same_night"] = night_run(landing, data, night)
            run["next_night_nothing_new"] = night_run(landing, data, night + timedelta(days=1))
            out["sizes"][str(size)] = run
            if size == max(sizes):
                step(f"{history.NIGHTS_FOR_DISK} more one-article nights on {size:,} articles of history")
                landings = history.one_article_nights(root / "one-article-nights", history.NIGHTS_FOR_DISK)
                out["nights_on_history"] = run_in_fresh_process(
                    "nights", landings=[str(p) for p in landings], data_dir=str(data),
                    first_night=night + timedelta(days=2), shards=2, model=model)
            history.remove(data)
        records = build_corpus(sources, history.NIGHTS_FOR_DISK * history.ARTICLES_PER_NIGHT)
        landings = history.nights_landing(records, root / "nights", history.NIGHTS_FOR_DISK,
                                          history.ARTICLES_PER_NIGHT)
        step(f"{history.NIGHTS_FOR_DISK} nights of {history.ARTICLES_PER_NIGHT} corpus articles from empty")
        out["nights_from_empty"] = run_in_fresh_process(
            "nights", landings=[str(p) for p in landings], data_dir=str(root / "data-nights"),
            first_night=logical_date_for(records), shards=2, model=model)
    finally:
        history.remove(root)
    out["targets"] = history_targets(out)
    out["total_s"] = time.perf_counter() - begun
    return out


def _write(report: dict, out: Path | None) -> None:
    if out is not None:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"figures written to {out}")


def _celery_scenario(eval_dir: Path, articles: int, workers: Sequence[int], out: Path | None) -> None:
    """The multi-worker scenario (bench/celery.py); figures in `celery.json` beside `out`."""
    from bench import celery  # noqa: PLC0415 - Airflow/moto/PostgreSQL helpers only for this scenario

    report = celery.run_celery(eval_dir, articles=articles, workers=workers)
    print(celery.render_celery(report))
    _write(report, out.with_name("celery.json") if out is not None else None)


def main_bench(*, eval_dir: Path | None = None, articles: int = DEFAULT_ARTICLES,
               workers: Sequence[int] = DEFAULT_WORKERS, out: Path | None = None, scenario: str = "all",
               celery_articles: int = CELERY_ARTICLES) -> int:
    """`make bench`: print the tables, write the JSON figures (history: `history.json` beside `out`); 0 (with a
    message) without evaluation data."""
    eval_dir = Path(eval_dir) if eval_dir else default_eval_dir()
    if not any((eval_dir / relative).is_file() for _, relative, _ in CORPUS_SOURCES):
        print(f"newsevents bench: no article texts under {eval_dir} ("
              + ", ".join(relative for _, relative, _ in CORPUS_SOURCES)
              + "; set NEWSEVENTS_EVAL_DIR or --eval-dir); skipping")
        return 0
    if scenario in ("all", "history"):
        report = run_history(eval_dir)
        print(render_history(report))
        _write(report, out.with_name("history.json") if out is not None else None)
    if scenario in ("all", "celery"):
        _celery_scenario(eval_dir, celery_articles, workers, out)
    if scenario in ("history", "celery"):
        return 0
    report = run_benchmark(eval_dir, articles=articles, workers=workers)
    print(render_table(report))
    print(f"\ntotal {report['total_s']:.0f} s")
    _write(report, out)
    return 0
