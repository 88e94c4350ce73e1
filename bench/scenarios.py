"""The measurements, each run in a fresh (spawned) Python process so that model loads, caches and peak RSS
belong to that measurement alone (see bench/runner.py for the order).

Peak RSS is ``resource.getrusage`` of the measurement's process (self) and of its child processes (largest one).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import spacy

from bench import history
from bench.corpus import read_sources
from bench.figures import BREAKDOWN_GROUPS
from newsevents import pipeline
from newsevents.config import Settings
from newsevents.core.contracts import NLP_TABLES
from newsevents.nlp import runtime as nlp_runtime
from newsevents.nlp.rows import BATCH_SIZE, anchor_for, doc_rows, merge_actor_tables
from newsevents.nlp.runtime import get_nlp, get_resources, resolve_model_name

#: Transform breakdown groups: the project's components by name; everything else of the pipeline is the model.
COMPONENT_GROUPS = {"newsevents_names": "actors", "newsevents_gazetteer": "gazetteer", "newsevents_actors": "actors",
                    "newsevents_places": "places", "newsevents_statements": "statements",
                    "newsevents_events": "events", "newsevents_where": "places"}


class BenchmarkError(RuntimeError):
    """A measurement process failed."""


def _rss_mb(who: int) -> float:
    """Peak resident set size of this process (RUSAGE_SELF) or its largest waited-for child, in MB."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _cpu_s() -> float:
    self_, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return self_.ru_utime + self_.ru_stime + children.ru_utime + children.ru_stime


class _StepTimer:
    """A `pipeline.StepHook` that records when each step starts and ends."""

    def __init__(self):
        self.marks: dict[str, float] = {}

    def __call__(self, step: str, phase: str) -> None:
        self.marks[f"{step}_{phase}"] = time.perf_counter()

    def stages(self) -> dict[str, float]:
        m = self.marks
        return {"extract": m["extract_end"] - m["extract_start"],
                "transform": m["transform_all_end"] - m["transform_all_start"],
                "validate": m["validate_end"] - m["validate_start"],
                "load": m["load_end"] - m["load_start"],
                "publish": m["publish_end"] - m["publish_start"]}


def _timed_run(*, landing: str, data_dir: str, logical_date: date, workers: int, shards: int, model: str) -> dict:
    """One in-process `run_pipeline` with stage times, CPU seconds and per-shard article/word counts."""
    settings = Settings.from_env(data_dir=Path(data_dir), inputs=(landing,), feeds=(), shards=shards,
                                 spacy_model=model or None)
    load_avg = os.getloadavg()[0]
    cpu0 = _cpu_s()
    started = time.perf_counter()
    timer = _StepTimer()
    result = pipeline.run_night(settings, logical_date=logical_date, workers=workers, on_step=timer)
    wall = time.perf_counter() - started
    cpu = _cpu_s() - cpu0
    shard_words = [sum(pq.read_table(Path(d) / "articles.parquet", columns=["word_count"])
                       .column("word_count").to_pylist()) for d in result["extract"]["shards"]]
    articles = [t["articles"] for t in result["transform"]]
    return {"wall_s": wall, "cpu_s": cpu, "stages": timer.stages(), "articles": sum(articles),
            "words": sum(shard_words), "articles_per_shard": articles, "shard_words": shard_words,
            "articles_per_s": sum(articles) / wall, "words_per_s": sum(shard_words) / wall,
            "stats": result["extract"]["stats"], "work_dir": result["extract"]["work_dir"],
            "validation": result["validate"]["headline"], "load_avg_start": load_avg}


def scenario_warmup(*, model: str) -> dict:
    """Load the full pipeline once (reads the model and resource files into the disk cache)."""
    started = time.perf_counter()
    get_nlp(model)
    get_resources()
    return {"seconds": time.perf_counter() - started}


def scenario_end_to_end(*, landing: str, data_dir: str, logical_date: date, workers: int, shards: int,
                        model: str) -> dict:
    return _timed_run(landing=landing, data_dir=data_dir, logical_date=logical_date, workers=workers,
                      shards=shards, model=model)


def scenario_rerun(*, landing: str, data_dir: str, logical_date: date, shards: int, model: str) -> dict:
    """The same inputs on the next night, in-process (workers=1), then: did this process load spaCy's model?"""
    out = _timed_run(landing=landing, data_dir=data_dir, logical_date=logical_date, workers=1, shards=shards,
                     model=model)
    info = nlp_runtime.get_nlp.cache_info()
    out["get_nlp_cache"] = f"hits={info.hits} misses={info.misses} loaded={info.currsize}"
    out["no_nlp_work"] = info.misses == 0 and info.currsize == 0 and all(n == 0 for n in out["articles_per_shard"])
    return out


def scenario_raw(*, articles_path: str, n_process: int, model: str) -> dict:
    """Plain spaCy: the model alone, `nlp.pipe` with the production batch size and spaCy's own n_process."""
    table = pq.read_table(articles_path, columns=["text", "word_count"])
    texts = table.column("text").to_pylist()
    words = sum(table.column("word_count").to_pylist())
    load_avg = os.getloadavg()[0]
    started = time.perf_counter()
    nlp = spacy.load(resolve_model_name(model))
    load_s = time.perf_counter() - started
    cpu0 = _cpu_s()
    started = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=n_process):
        tokens += len(doc)
    pipe_s = time.perf_counter() - started
    return {"articles": len(texts), "words": words, "tokens": tokens, "load_s": load_s, "pipe_s": pipe_s,
            "cpu_s": _cpu_s() - cpu0, "articles_per_s": len(texts) / pipe_s, "words_per_s": words / pipe_s,
            "pipeline": list(nlp.pipe_names), "batch_size": BATCH_SIZE, "load_avg_start": load_avg}


def scenario_breakdown(*, articles_path: str, logical_date: date, model: str) -> dict:
    """Seconds per pipeline component and for the Doc -> rows -> tables conversion, over the distinct texts."""
    table = pq.read_table(articles_path, columns=["article_id", "text", "published_at", "word_count",
                                                   "content_sha256"])
    seen: set[str] = set()
    items = []
    for article_id, text, published, words, sha in zip(*(table.column(c).to_pylist() for c in table.column_names)):
        if sha not in seen:
            seen.add(sha)
            items.append((article_id, text, anchor_for(published, logical_date), words))
    started = time.perf_counter()
    nlp, resources = get_nlp(model), get_resources()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    len(resources.geo)   # the GeoNames gazetteer, built once per process (worker): reported apart, see figures
    gazetteer_load_s = time.perf_counter() - started
    seconds: dict[str, float] = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}, "rows": 0.0,
                                 "tables": 0.0}
    contracts = {c.name: c for c in NLP_TABLES}
    collected: dict[str, list[dict]] = {name: [] for name in contracts}
    started = time.perf_counter()
    for start in range(0, len(items), BATCH_SIZE):
        batch = items[start:start + BATCH_SIZE]
        t = time.perf_counter()
        docs = []
        for _, text, (anchor, _), _ in batch:
            doc = nlp.make_doc(text)
            doc._.anchor_date = anchor
            docs.append(doc)
        seconds["tokenizer"] += time.perf_counter() - t
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            docs = list(proc.pipe(docs, batch_size=BATCH_SIZE)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            seconds[name] += time.perf_counter() - t
        t = time.perf_counter()
        for (article_id, _, (_, method), _), doc in zip(batch, docs):
            for name, rows in doc_rows(doc, article_id=article_id, partition_date=logical_date,
                                       fallback_method=method, resources=resources).items():
                collected[name].extend(rows)
        seconds["rows"] += time.perf_counter() - t
    t = time.perf_counter()
    tables = {name: contracts[name].from_rows(rows) for name, rows in collected.items()}
    merge_actor_tables(tables["actors"])
    seconds["tables"] += time.perf_counter() - t
    total = time.perf_counter() - started
    groups = dict.fromkeys(BREAKDOWN_GROUPS, 0.0)
    for name, secs in seconds.items():
        group = ("rows+tables" if name in ("rows", "tables") else COMPONENT_GROUPS.get(name, "spaCy model"))
        groups[group] += secs
    words = sum(w for *_, w in items)
    return {"articles": len(items), "words": words, "load_s": load_s, "gazetteer_load_s": gazetteer_load_s,
            "total_s": total,
            "words_per_s": words / total if total else None, "components": seconds, "groups": groups}


def scenario_history_build(*, data_dir: str, articles: int, eval_dir: str | None) -> dict:
    """Synthesise `articles` articles of history into an empty lakehouse with SQL (no NLP)."""
    sources = read_sources(Path(eval_dir)) if eval_dir else []
    return history.synthesize_history(Path(data_dir), articles=articles, texts=history.history_texts(sources))


def scenario_night(*, landing: str, data_dir: str, logical_date: date, shards: int, model: str) -> dict:
    """One night in this process (workers=1), with stage times, and what it committed."""
    out = _timed_run(landing=landing, data_dir=data_dir, logical_date=logical_date, workers=1, shards=shards,
                     model=model)
    out["lake_files"] = sum(1 for _ in (Path(data_dir) / "lake").rglob("*.parquet"))
    return out


def scenario_nights(*, landings: list[str], data_dir: str, first_night: date, shards: int, model: str) -> dict:
    """Consecutive nights in this process (the model loads once), then the lakehouse's disk."""
    started = time.perf_counter()
    walls = []
    for n, landing in enumerate(landings):
        walls.append(_timed_run(landing=landing, data_dir=data_dir, logical_date=first_night + timedelta(days=n),
                                workers=1, shards=shards, model=model)["wall_s"])
    return {"nights": len(landings), "wall_s": time.perf_counter() - started, "night_wall_s": walls,
            "disk": history.lakehouse_disk(Path(data_dir))}


SCENARIOS: dict[str, Callable[..., dict]] = {
    "warmup": scenario_warmup, "end_to_end": scenario_end_to_end, "raw": scenario_raw,
    "breakdown": scenario_breakdown, "rerun": scenario_rerun, "history_build": scenario_history_build,
    "night": scenario_night, "nights": scenario_nights,
}


def _child_main(kind: str, kwargs: dict, out_path: str) -> None:
    """Entry point of a measurement process: run one scenario, add its peak RSS, write the result as JSON."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:  # libraries that set their own logger levels stay quiet too
        handler.setLevel(logging.WARNING)
    for noisy in ("great_expectations", "trafilatura", "htmldate", "py.warnings"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    result = SCENARIOS[kind](**kwargs)
    result["peak_rss_mb_self"] = _rss_mb(resource.RUSAGE_SELF)
    result["peak_rss_mb_children"] = _rss_mb(resource.RUSAGE_CHILDREN)
    Path(out_path).write_text(json.dumps(result, default=str), encoding="utf-8")


def run_in_fresh_process(kind: str, **kwargs) -> dict:
    """Run one scenario in a spawned interpreter (a non-daemon process, so it may start workers of its own)."""
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        out = Path(tmp) / "result.json"
        proc = multiprocessing.get_context("spawn").Process(target=_child_main, args=(kind, kwargs, str(out)),
                                                            name=f"bench-{kind}")
        proc.start()
        proc.join()
        if proc.exitcode != 0 or not out.exists():
            raise BenchmarkError(f"measurement {kind!r} failed (exit code {proc.exitcode}); see the messages above")
        return json.loads(out.read_text(encoding="utf-8"))
