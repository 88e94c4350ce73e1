"""`newsevents bench`: how fast the nightly run is on this machine, next to raw spaCy. A benchmark, not a test:
it prints figures and writes them as JSON; it asserts nothing.

Corpus: the real article texts of the evaluation data, ``<eval dir>/articles/dev.jsonl`` (VOA) then the article
texts of ``<eval dir>/polnear/dev.jsonl``, repeated to N articles. Every copy gets its own ``url``
(``https://bench.invalid/<i>``) and ``id``, so extract's duplicate detection (article_id = hash of the canonical
URL) keeps every copy. The copies are written as JSONL landing files under ``<data dir>/bench/run-*/`` (removed
at the end). Without evaluation data the command prints a message and exits 0.

Every measurement runs in a fresh (spawned) Python process, so model loads, caches and peak RSS belong to that
measurement alone, in this order:

- warm-up: ``get_nlp()`` once, so that no measurement pays for a cold disk cache;
- per process count P (``--workers``, default 1,2), end to end: ``cli.run_pipeline`` in-process on a fresh data
  dir with ``workers=P`` and the same shard count for every P (max(2, largest P): 2 = the production default),
  so the runs split the articles identically and only the process count changes. Stage seconds come from
  wrapping the step functions of `newsevents.pipeline` in that process (transform = the time between the end of
  extract and the start of validate: model loads in the workers, NLP and the Parquet writes of the shards);
- per P, raw: ``spacy.load(resolve_model_name())`` (no project components), ``nlp.pipe`` over exactly the texts
  extract accepted, batch size ``newsevents.nlp.rows.BATCH_SIZE``, spaCy's own ``n_process=P``. Its words/s are
  over the ``nlp.pipe`` time (the model load is reported apart);
- transform breakdown: the full ``get_nlp()`` pipeline run component by component (batches of BATCH_SIZE, as
  ``nlp.pipe`` does) over the distinct texts among the accepted articles, then the Doc -> rows -> tables
  conversion of ``newsevents.nlp.rows``; production code is not changed or patched for this;
- rerun: ``run_pipeline`` again on the first end-to-end data dir, same inputs, next logical date, workers=1:
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
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

DEFAULT_ARTICLES = 2000
DEFAULT_WORKERS = (1, 2)
BENCH_URL = "https://bench.invalid/"
LANDING_FILE_ARTICLES = 500
E2E_VS_RAW_TARGET = 0.85
SPEEDUP_TARGET = 1.8
#: The datasets of the corpus: (name, path under the eval dir, field holding the publication time).
CORPUS_SOURCES = (("voa", "articles/dev.jsonl", "published"), ("polnear", "polnear/dev.jsonl", "publication_date"))
STAGES = ("extract", "transform", "validate", "load", "publish")
#: Transform breakdown groups: the project's components by name; everything else of the pipeline is the model.
COMPONENT_GROUPS = {"newsevents_gazetteer": "gazetteer", "newsevents_actors": "actors",
                    "newsevents_statements": "statements", "newsevents_events": "events"}
BREAKDOWN_GROUPS = ("spaCy model", "gazetteer", "actors", "statements", "events", "rows+tables")


class BenchmarkError(RuntimeError):
    """A measurement process failed."""


# =============================================================================== pure helpers
def parse_workers(value: str) -> list[int]:
    """``"1,2"`` -> ``[1, 2]`` (sorted, unique, each >= 1); argparse type."""
    try:
        counts = sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of process counts: {value!r}") from None
    if not counts or counts[0] < 1:
        raise argparse.ArgumentTypeError(f"process counts must be >= 1: {value!r}")
    return counts


def positive_int(value: str) -> int:
    """argparse type: an integer >= 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1: {value!r}")
    return number


def _published(value) -> str | None:
    """VOA's "2025-03-10 21:53:04Z" as ISO 8601 ("2025-03-10T21:53:04Z"); PolNeAR's dates as they are."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    return value[:10] + "T" + value[11:] if len(value) > 10 and value[10] == " " else value


def read_sources(eval_dir: Path) -> list[dict]:
    """The distinct source articles: {dataset, source_id, title, text, published_at}, VOA first, file order.
    A missing dataset file is skipped; rows without text are skipped."""
    out = []
    for dataset, relative, date_field in CORPUS_SOURCES:
        path = Path(eval_dir) / relative
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                text = row.get("text")
                if not isinstance(text, str) or not text.strip():
                    continue
                out.append({"dataset": dataset, "source_id": str(row.get("id")), "title": row.get("title"),
                            "text": text, "published_at": _published(row.get(date_field))})
    return out


def build_corpus(sources: Sequence[dict], n: int) -> list[dict]:
    """N landing records: the sources in order, repeated; copy i gets url ``https://bench.invalid/<i>`` and id
    ``bench-<i>`` so that no two records share an article_id."""
    if not sources:
        raise ValueError("no source articles to build a corpus from")
    records = []
    for i in range(n):
        src = sources[i % len(sources)]
        records.append({
            "id": f"bench-{i:06d}", "url": f"{BENCH_URL}{i}", "source": f"bench:{src['dataset']}:{src['source_id']}",
            "title": src["title"], "published_at": src["published_at"], "text": src["text"],
        })
    return records


def write_landing(records: Sequence[dict], folder: Path, per_file: int = LANDING_FILE_ARTICLES) -> list[Path]:
    """Write the records as JSONL files of at most `per_file` lines; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for part, start in enumerate(range(0, len(records), per_file)):
        path = folder / f"bench-{part:03d}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for record in records[start:start + per_file]:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def logical_date_for(records: Iterable[dict], today: date | None = None) -> date:
    """The night the corpus is run as: the latest publication date (so no article is 'from the future')."""
    days = [date.fromisoformat(r["published_at"][:10]) for r in records if r.get("published_at")]
    return max(days) if days else (today or datetime.now(UTC).date())


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def derived_figures(report: dict) -> dict:
    """end-to-end/raw words/s per process count, and the speed-up of the largest process count vs 1."""
    e2e, raw = report.get("end_to_end", {}), report.get("raw", {})
    ratios = {p: _ratio(e2e[p]["words_per_s"], raw[p]["words_per_s"]) for p in e2e if p in raw}
    speedup: dict[str, float | None] = {}
    counts = sorted(int(p) for p in e2e)
    top = str(counts[-1]) if counts else None
    for kind, runs in (("end_to_end", e2e), ("raw", raw)):
        speedup[kind] = (_ratio(runs[top]["words_per_s"], runs["1"]["words_per_s"])
                         if top and top != "1" and "1" in runs and top in runs else None)
    return {"e2e_vs_raw": ratios, "speedup": speedup, "speedup_procs": int(top) if top else None}


def evaluate_targets(report: dict) -> list[dict]:
    """The issue's targets, each {name, threshold, value, met}; met is None when it was not measured."""
    derived = derived_figures(report)
    targets = []
    for p, ratio in sorted(derived["e2e_vs_raw"].items(), key=lambda kv: int(kv[0])):
        targets.append({"name": f"end-to-end >= {E2E_VS_RAW_TARGET}x raw nlp.pipe words/s ({p} proc)",
                        "threshold": E2E_VS_RAW_TARGET, "value": ratio,
                        "met": None if ratio is None else ratio >= E2E_VS_RAW_TARGET})
    procs = derived["speedup_procs"]
    for kind, label in (("end_to_end", "end-to-end"), ("raw", "raw nlp.pipe, reference")):
        value = derived["speedup"].get(kind)
        targets.append({"name": f"{procs or 2} processes >= {SPEEDUP_TARGET}x one ({label})",
                        "threshold": SPEEDUP_TARGET, "value": value,
                        "met": None if value is None or procs != 2 else value >= SPEEDUP_TARGET})
    rerun = report.get("rerun")
    no_nlp = None if not rerun else bool(rerun["no_nlp_work"])
    targets.append({"name": "a rerun with nothing new does no NLP work", "threshold": None, "value": no_nlp,
                    "met": no_nlp})
    return targets


def limits_analysis(report: dict) -> dict | None:
    """What bounds the speed-up of the largest process count: serial stages (Amdahl), the transform stage
    itself, shard balance, CPU use. None without a 1-process and a multi-process end-to-end run."""
    e2e = report.get("end_to_end", {})
    counts = sorted(int(p) for p in e2e)
    if len(counts) < 2 or counts[0] != 1:
        return None
    one, many, procs = e2e["1"], e2e[str(counts[-1])], counts[-1]
    serial = one["wall_s"] - one["stages"]["transform"]
    amdahl = one["wall_s"] / (serial + one["stages"]["transform"] / procs)
    words = many.get("shard_words") or []
    imbalance = (max(words) / (sum(words) / len(words))) if words and sum(words) else None
    return {
        "procs": procs,
        "serial_s": serial,
        "serial_share": serial / one["wall_s"] if one["wall_s"] else None,
        "amdahl_cap": amdahl,
        "transform_speedup": _ratio(one["stages"]["transform"], many["stages"]["transform"]),
        "shard_words": words,
        "shard_imbalance": imbalance,
        "cpu_utilisation": {"1": _ratio(one["cpu_s"], one["wall_s"]), str(procs): _ratio(many["cpu_s"],
                                                                                        many["wall_s"])},
        "load_avg_at_start": {"1": one.get("load_avg_start"), str(procs): many.get("load_avg_start")},
    }


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _int(value: int | None) -> str:
    return "-" if value is None else f"{value:,d}"


def _met(met: bool | None) -> str:
    return "n/a" if met is None else ("met" if met else "NOT MET")


def _grid(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]

    def fmt(values: list[str]) -> str:
        return "  ".join(v.ljust(w) if i < left else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths)))

    return [fmt(header), "  ".join("-" * w for w in widths), *(fmt(r) for r in rows)]


def render_table(report: dict) -> str:
    """The printed report: one table of runs, then ratios, speed-ups, breakdown, rerun and targets."""
    machine, corpus = report["machine"], report["corpus"]
    lines = [
        f"newsevents bench {report['created_at']}: {corpus['accepted']:,} articles accepted of "
        f"{corpus['requested']:,} ({corpus['words']:,} words; {corpus['distinct_texts']} distinct texts: "
        + ", ".join(f"{n} {name}" for name, n in corpus["by_dataset"].items())
        + f"), {corpus['shards']} shards for every run, night {corpus['logical_date']}",
        f"machine: {machine['cpu_count']} CPUs ({machine['cpus_usable']} usable), {machine['memory_gb']} GB, "
        f"{machine['platform']}, Python {machine['python']}, spaCy {machine['spacy']}, model {machine['model']} "
        f"{machine['model_version']}; load avg at start {_num(machine['load_avg_start'], 2)}",
        "",
    ]
    header = ["run", "procs", "articles", "words", "wall s", "art/s", "words/s", *STAGES, "CPU s",
              "peak RSS MB self/child"]
    rows = []
    for p, r in sorted(report.get("end_to_end", {}).items(), key=lambda kv: int(kv[0])):
        rows.append(["end-to-end", p, _int(r["articles"]), _int(r["words"]), _num(r["wall_s"]),
                     _num(r["articles_per_s"], 2), _num(r["words_per_s"], 0),
                     *(_num(r["stages"][s]) for s in STAGES), _num(r["cpu_s"]),
                     f"{_num(r['peak_rss_mb_self'], 0)}/{_num(r['peak_rss_mb_children'], 0)}"])
    for p, r in sorted(report.get("raw", {}).items(), key=lambda kv: int(kv[0])):
        rows.append([f"raw nlp.pipe (+{_num(r['load_s'])} s load)", p, _int(r["articles"]), _int(r["words"]),
                     _num(r["pipe_s"]), _num(r["articles_per_s"], 2), _num(r["words_per_s"], 0),
                     "-", _num(r["pipe_s"]), "-", "-", "-", _num(r["cpu_s"]),
                     f"{_num(r['peak_rss_mb_self'], 0)}/{_num(r['peak_rss_mb_children'], 0)}"])
    rerun = report.get("rerun")
    if rerun:
        rows.append(["rerun, next night", "1", _int(rerun["articles"]), _int(rerun["words"]), _num(rerun["wall_s"]),
                     "-", "-", *(_num(rerun["stages"][s]) for s in STAGES), _num(rerun["cpu_s"]),
                     f"{_num(rerun['peak_rss_mb_self'], 0)}/{_num(rerun['peak_rss_mb_children'], 0)}"])
    lines += _grid(header, rows)
    lines.append("(end-to-end words/s over the whole wall time; raw words/s over nlp.pipe only, model load apart; "
                 "'transform' of raw = nlp.pipe)")
    derived = derived_figures(report)
    lines.append("")
    lines.append("end-to-end / raw words/s: " + (", ".join(
        f"{p} proc {_num(v, 2)}x" for p, v in sorted(derived["e2e_vs_raw"].items(), key=lambda kv: int(kv[0])))
        or "-"))
    speedup = derived["speedup"]
    if any(v is not None for v in speedup.values()):
        lines.append(f"{derived['speedup_procs']} procs vs 1 speed-up: end-to-end {_num(speedup['end_to_end'], 2)}x, "
                     f"raw nlp.pipe {_num(speedup['raw'], 2)}x")
    bd = report.get("transform_breakdown")
    if bd:
        total = sum(bd["groups"].values()) or 1.0
        lines.append(f"transform breakdown (1 proc, full get_nlp pipeline component by component over "
                     f"{bd['articles']} distinct texts, {bd['words']:,} words, {_num(bd['words_per_s'], 0)} words/s; "
                     f"get_nlp load {_num(bd['load_s'])} s): " + ", ".join(
                         f"{g} {_num(bd['groups'][g])} s ({bd['groups'][g] / total:.0%})" for g in BREAKDOWN_GROUPS))
    if rerun:
        lines.append(f"rerun with nothing new: accepted {rerun['stats'].get('accepted')}, duplicates "
                     f"{rerun['stats'].get('duplicates')}, rejected {rerun['stats'].get('rejected')}; articles per "
                     f"shard {rerun['articles_per_shard']}; get_nlp {rerun['get_nlp_cache']} -> "
                     + ("no NLP work" if rerun["no_nlp_work"] else "NLP WORK HAPPENED"))
    limits = report.get("limits")
    if limits:
        lines.append(
            f"{limits['procs']}-proc limits: serial stages {_num(limits['serial_s'])} s "
            f"({_num(100 * (limits['serial_share'] or 0), 0)}% of 1-proc wall) cap the speed-up at "
            f"{_num(limits['amdahl_cap'], 2)}x; transform stage alone {_num(limits['transform_speedup'], 2)}x; "
            f"shard words {limits['shard_words']} (largest/mean {_num(limits['shard_imbalance'], 2)}); CPU/wall "
            + ", ".join(f"{p} proc {_num(v, 2)}" for p, v in limits["cpu_utilisation"].items()))
    lines.append("")
    lines.append("targets:")
    lines += ["  " + line for line in _grid(
        ["target", "value", "result"],
        [[t["name"], "-" if t["value"] is None else (("yes" if t["value"] else "no") if isinstance(t["value"], bool)
                                                     else f"{t['value']:.2f}x"), _met(t["met"])]
         for t in report["targets"]], left=1)]
    return "\n".join(line.rstrip() for line in lines)


# =============================================================================== measurements (child processes)
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
    import pyarrow.parquet as pq

    from newsevents import pipeline
    from newsevents.config import Settings

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
    from newsevents.nlp.runtime import get_nlp, get_resources

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
    from newsevents.nlp import runtime as nlp_runtime

    info = nlp_runtime.get_nlp.cache_info()
    out["get_nlp_cache"] = f"hits={info.hits} misses={info.misses} loaded={info.currsize}"
    out["no_nlp_work"] = info.misses == 0 and info.currsize == 0 and all(n == 0 for n in out["articles_per_shard"])
    return out


def scenario_raw(*, articles_path: str, n_process: int, model: str) -> dict:
    """Plain spaCy: the model alone, `nlp.pipe` with the production batch size and spaCy's own n_process."""
    import pyarrow.parquet as pq
    import spacy

    from newsevents.nlp.rows import BATCH_SIZE
    from newsevents.nlp.runtime import resolve_model_name

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
    import pyarrow.parquet as pq

    from newsevents.core.contracts import ACTOR_MENTIONS, ACTORS, EVENTS, STATEMENT_ACTORS, STATEMENT_EVENTS, STATEMENTS
    from newsevents.nlp.rows import BATCH_SIZE, anchor_for, doc_rows, merge_actor_tables
    from newsevents.nlp.runtime import get_nlp, get_resources

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
    seconds: dict[str, float] = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}, "rows": 0.0,
                                 "tables": 0.0}
    contracts = {c.name: c for c in (ACTORS, ACTOR_MENTIONS, EVENTS, STATEMENTS, STATEMENT_ACTORS, STATEMENT_EVENTS)}
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
    return {"articles": len(items), "words": words, "load_s": load_s, "total_s": total,
            "words_per_s": words / total if total else None, "components": seconds, "groups": groups}


SCENARIOS: dict[str, Callable[..., dict]] = {
    "warmup": scenario_warmup, "end_to_end": scenario_end_to_end, "raw": scenario_raw,
    "breakdown": scenario_breakdown, "rerun": scenario_rerun,
}


def _child_main(kind: str, kwargs: dict, out_path: str) -> None:
    """Entry point of a measurement process: run one scenario, add its peak RSS, write the result as JSON."""
    import logging

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
    import multiprocessing

    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        out = Path(tmp) / "result.json"
        proc = multiprocessing.get_context("spawn").Process(target=_child_main, args=(kind, kwargs, str(out)),
                                                            name=f"bench-{kind}")
        proc.start()
        proc.join()
        if proc.exitcode != 0 or not out.exists():
            raise BenchmarkError(f"measurement {kind!r} failed (exit code {proc.exitcode}); see the messages above")
        return json.loads(out.read_text(encoding="utf-8"))


# =============================================================================== runner
def machine_info(model: str) -> dict:
    import spacy

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
    from eval.evaluation import _git_commit
    from newsevents.nlp.runtime import resolve_model_name

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
        "git_commit": _git_commit(),
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


def main_bench(*, eval_dir: Path | None = None, articles: int = DEFAULT_ARTICLES,
               workers: Sequence[int] = DEFAULT_WORKERS, out: Path | None = None) -> int:
    """`newsevents bench`: print the table, write the JSON figures; 0 (with a message) without evaluation data."""
    from eval.evaluation import default_eval_dir

    eval_dir = Path(eval_dir) if eval_dir else default_eval_dir()
    if not any((eval_dir / relative).is_file() for _, relative, _ in CORPUS_SOURCES):
        print(f"newsevents bench: no article texts under {eval_dir} ("
              + ", ".join(relative for _, relative, _ in CORPUS_SOURCES)
              + "; set NEWSEVENTS_EVAL_DIR or --eval-dir); skipping")
        return 0
    report = run_benchmark(eval_dir, articles=articles, workers=workers)
    print(render_table(report))
    print(f"\ntotal {report['total_s']:.0f} s")
    if out is not None:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"figures written to {out}")
    return 0
