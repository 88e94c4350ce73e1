"""The five steps of a nightly run, shared by the Airflow DAG and the `newsevents` CLI.

Each step reads its inputs from and writes its outputs to the data directory and
returns small JSON-able values (paths, counts, a version): exactly what the DAG passes
through XCom. Steps are idempotent for a logical date: a rerun replaces that
night's work area and partitions, and a rerun that changes nothing writes nothing.

    extract  -> work/date=D/extract + shard=NNN/articles.parquet (work/ is Settings.work_location: a folder, or a
                prefix on object storage that workers sharing nothing else all reach; tasks pass locations)
    transform (per shard) -> shard=NNN/<table>.parquet
    validate -> work/date=D/candidate/<table>.parquet + quality.json + checksums.json (raises on error-level
                failures; load and publish refuse a candidate whose files no longer match checksums.json)
    load     -> one DuckLake transaction: the night's partitions of every table (and later partitions a
                backfill reclaims articles from); its commit is the DuckLake snapshot of the night
    publish  -> snapshots/<date>-v<version>/ (manifest.json by reference, quality.json, report.html), then
                snapshots/latest when the night is the newest published

Until load commits, nothing any reader sees has changed; a run that dies after the commit leaves the
previous manifest and `latest` as they were, and its rerun finds the night already committed (nothing to
change) and publishes its manifest.

`run_night` runs the five in order in one process (the CLI and the benchmark); the DAG runs each step
as its own task. This module is the only place that sequences them.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import UTC, date, datetime, time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from newsevents.adapters import storage, workarea
from newsevents.adapters.history import delete_orphans
from newsevents.adapters.lakehouse import CatalogError, connect, is_postgres, is_remote_data
from newsevents.adapters.objectstore import is_uri, iter_inputs, mirror_snapshot, read_latest
from newsevents.adapters.snapshots import mark_latest, parse_snapshot_id, write_snapshot
from newsevents.adapters.sources import cap_run, iter_feed_items, iter_input_items
from newsevents.adapters.warehouse import known_article_ids, load_night
from newsevents.config import Settings
from newsevents.core.contracts import (
    ARTICLES,
    BY_NAME,
    DUPLICATE_ARTICLES,
    NLP_TABLES,
    REJECTED_ARTICLES,
    SNAPSHOT_TABLES,
)
from newsevents.extract.articles import build_articles
from newsevents.nlp.rows import merge_actor_tables, process_articles
from newsevents.nlp.runtime import get_nlp, get_resources
from newsevents.quality.gate import validate_tables

log = logging.getLogger("newsevents")


class QualityGateError(RuntimeError):
    """Error-level data-quality failures: the run must not publish."""


class CandidateError(RuntimeError):
    """A candidate file is missing or changed after validation: it must not be loaded or published."""


#: SHA-256 of every file validate wrote to the candidate folder; load and publish check them first.
CANDIDATE_CHECKSUMS = "checksums.json"


def run_time(logical_date: date) -> datetime:
    """The run's logical timestamp (naive UTC); used wherever a row needs 'when'."""
    return datetime.combine(logical_date, time(0, 0), tzinfo=UTC).replace(tzinfo=None)


def shard_of(article_id: str, shards: int) -> int:
    return int(hashlib.sha256(article_id.encode()).hexdigest()[:8], 16) % shards


def _shard_dir(work: str, index: int) -> str:
    return workarea.child(work, f"shard={index:03d}")


# --------------------------------------------------------------------------- extract
def check_settings(settings: Settings) -> None:
    """Refuse configurations that cannot publish, before any work is done."""
    if settings.publish_uri and not is_remote_data(settings):
        raise CatalogError("NEWSEVENTS_PUBLISH_URI needs NEWSEVENTS_DATA_PATH on object storage too: snapshots "
                           "reference their data files, they are not copied")
    if (settings.work_location + "/").startswith(settings.data_location):
        raise CatalogError(f"the work area {settings.work_location} is inside the DuckLake data path "
                           f"{settings.data_location}; set NEWSEVENTS_WORK_PATH to a location outside it")


def extract(settings: Settings, *, logical_date: date) -> dict:
    """Read every input, write accepted articles (sharded) and rejects; return shard paths and stats."""
    check_settings(settings)
    work = workarea.night_location(settings.work_location, logical_date)
    scratch = storage.work_dir(settings.data_dir, logical_date)  # this task's own downloads (s3:// landing)
    workarea.clear(work)
    shutil.rmtree(scratch, ignore_errors=True)
    duplicates: list[dict] = []
    rejects_at = workarea.child(work, "extract", "rejected_articles.parquet")
    with workarea.table_writer(rejects_at, REJECTED_ARTICLES.schema) as sink:
        articles, _rejects, stats = build_articles(
            _raw_items(settings, scratch, logical_date),
            partition_date=logical_date,
            run_at=run_time(logical_date),
            limits=settings.limits,
            known_article_ids=known_article_ids(settings, exclude_date=logical_date),
            on_rejects=sink,  # rejects go to disk in batches, never all at once into memory
            duplicates=duplicates,
        )
    workarea.write_table(articles, workarea.child(work, "extract", "articles.parquet"))
    workarea.write_table(DUPLICATE_ARTICLES.from_rows(duplicates),
                         workarea.child(work, "extract", "duplicate_articles.parquet"))
    shard_ids = pa.array([shard_of(a, settings.shards) for a in articles.column("article_id").to_pylist()],
                         type=pa.int32())
    shards = []
    for index in range(settings.shards):
        part = articles.filter(pc.equal(shard_ids, index)) if articles.num_rows else articles
        shard = _shard_dir(work, index)
        workarea.write_table(part, workarea.child(shard, "articles.parquet"))
        shards.append(shard)
    workarea.write_json(stats, workarea.child(work, "extract", "stats.json"))
    log.info("extract: %s", stats)
    return {"work_dir": work, "shards": shards, "stats": stats}


def _raw_items(settings: Settings, scratch: Path, logical_date: date):
    """Every input's raw items of the night, lazily (one record in memory at a time), within the per-run cap."""
    inputs = list(settings.inputs_for(logical_date))
    if any(is_uri(p) for p in inputs):  # object-store landing: downloaded into the work area first
        files = iter_inputs(inputs, limits=settings.limits, work=scratch)
    else:
        files = iter_input_items(inputs, limits=settings.limits)
    feeds = iter_feed_items(list(settings.feeds), limits=settings.limits) if settings.feeds else iter(())
    return cap_run(itertools.chain(files, feeds), settings.limits.max_records_per_run)


# --------------------------------------------------------------------------- transform
def check_dictionaries() -> None:
    """Load the coding resources with the user's dictionaries (NEWSEVENTS_DICTIONARIES) once, so a malformed
    entry stops a run before any work, with a DictionaryError naming its file and line."""
    get_resources()


def transform(shard_dir: str, *, logical_date: date, model: str = "") -> dict:
    """Run the NLP stages over one shard of articles (a folder or a URI, as extract returned it); write one
    Parquet file per NLP table beside them."""
    shard = str(shard_dir)
    articles = workarea.read_table(workarea.child(shard, "articles.parquet"), ARTICLES)
    if articles.num_rows:
        tables = process_articles(articles, nlp=get_nlp(model), resources=get_resources(),
                                  partition_date=logical_date)
    else:
        tables = {t.name: t.empty() for t in NLP_TABLES}
    counts = {}
    for contract in NLP_TABLES:
        workarea.write_table(tables[contract.name], workarea.child(shard, f"{contract.name}.parquet"))
        counts[contract.name] = tables[contract.name].num_rows
    log.info("transform %s: %s", workarea.name_of(shard), counts)
    return {"shard": shard, "articles": articles.num_rows, "rows": counts}


# --------------------------------------------------------------------------- validate
def merge_shards(work: str, shard_dirs: list[str]) -> dict[str, pa.Table]:
    """Combine extract output and every shard's NLP tables into one set of run tables."""
    at = workarea.child
    tables = {
        "articles": workarea.read_tables([at(d, "articles.parquet") for d in shard_dirs], ARTICLES),
        "rejected_articles": workarea.read_table(at(work, "extract", "rejected_articles.parquet"),
                                                 REJECTED_ARTICLES),
        "duplicate_articles": workarea.read_tables([at(work, "extract", "duplicate_articles.parquet")],
                                                   DUPLICATE_ARTICLES),
    }
    for contract in NLP_TABLES:
        tables[contract.name] = workarea.read_tables([at(d, f"{contract.name}.parquet") for d in shard_dirs],
                                                     contract)
    tables["actors"] = merge_actor_tables(tables["actors"])
    return {name: _sorted(table, name) for name, table in tables.items()}


def _sorted(table: pa.Table, name: str) -> pa.Table:
    keys = [(k, "ascending") for k in BY_NAME[name].key]
    return table.sort_by(keys) if table.num_rows else table


def validate(settings: Settings, *, logical_date: date, shard_dirs: list[str]) -> dict:
    """Merge shards into candidate tables and run the quality gate; raise QualityGateError on errors."""
    work = workarea.night_location(settings.work_location, logical_date)
    tables = merge_shards(work, shard_dirs)
    report = validate_tables(tables, logical_date=logical_date, docs_dir=settings.data_dir / "docs")
    candidate = workarea.child(work, "candidate")
    workarea.clear(candidate)
    tables["quality_results"] = report.results_table
    written = [workarea.write_table(table, workarea.child(candidate, f"{name}.parquet"))
               for name, table in tables.items()]
    written.append(workarea.write_json(report.summary, workarea.child(candidate, "quality.json")))
    workarea.write_json({workarea.name_of(loc): workarea.sha256(loc) for loc in sorted(written)},
                        workarea.child(candidate, CANDIDATE_CHECKSUMS))
    if not report.success:
        raise QualityGateError(report.failure_message())
    log.info("validate: %s", report.headline())
    return {"candidate": candidate, "success": True, "headline": report.headline(),
            "warnings": report.warning_count}


def verify_candidate(candidate: str) -> None:
    """Raise CandidateError unless every file validate wrote is there with the checksum it had then."""
    listing = workarea.child(str(candidate), CANDIDATE_CHECKSUMS)
    if not workarea.exists(listing):
        raise CandidateError(f"{candidate}: no {CANDIDATE_CHECKSUMS}; rerun the night to validate it again")
    for name, expected in workarea.read_json(listing).items():
        path = workarea.child(str(candidate), name)
        actual = workarea.sha256(path) if workarea.exists(path) else None
        if actual != expected:
            what = "is missing" if actual is None else f"checksum mismatch ({actual[:12]}…, validated {expected[:12]}…)"
            raise CandidateError(f"candidate file {path} {what}: changed after validation, not loaded or published")


# --------------------------------------------------------------------------- load
def load(settings: Settings, *, logical_date: date, candidate: str) -> dict:
    """Commit the candidate night to the lakehouse in one DuckLake transaction (see warehouse.load_night).

    Readers see the night all at once or not at all. Returns the DuckLake version holding the night (the
    current one when the night was already committed: a rerun that changes nothing commits nothing)."""
    cand = str(candidate)
    verify_candidate(cand)
    tables = {c.name: workarea.read_table(workarea.child(cand, f"{c.name}.parquet"), c) for c in SNAPSHOT_TABLES}
    with connect(settings) as con:
        if not is_postgres(settings):
            # a killed run's uncommitted files; safe only here: one writer (the run lock) on an embedded catalog
            removed = delete_orphans(con)
            if removed:
                log.info("load: removed %d data files a killed run left uncommitted", len(removed))
        result = load_night(con, tables, logical_date)
    result["rows"] = {name: t.num_rows for name, t in tables.items()}
    log.info("load: DuckLake version %s (%s) %s", result["version"],
             "committed" if result["committed"] else "nothing changed", result["changes"])
    return result


# --------------------------------------------------------------------------- publish
def publish(settings: Settings, *, logical_date: date, candidate: str, version: int) -> dict:
    """Write the manifest of the night's DuckLake snapshot, then move `latest` if the night is the newest."""
    cand = str(candidate)
    quality = workarea.read_json(workarea.child(cand, "quality.json"))
    if not quality.get("success"):
        raise QualityGateError("refusing to publish a candidate that failed validation")
    verify_candidate(cand)
    with connect(settings, read_only=True) as con:
        snapshot = write_snapshot(con, settings, version=version, logical_date=logical_date, quality=quality)
    moved = mark_latest(settings.data_dir, snapshot)
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    rows = {name: t["rows"] for name, t in manifest["tables"].items()}
    log.info("publish: %s %s%s", snapshot, rows, "" if moved else " (latest names a newer night)")
    out = {"snapshot": str(snapshot), "version": version, "latest_moved": moved, "rows": rows}
    if settings.publish_uri:
        out["mirror"] = mirror_snapshot(settings.publish_uri, snapshot=snapshot, snapshot_id=snapshot.name,
                                        logical_date=logical_date,
                                        move_latest=_is_newest_published(settings.publish_uri, snapshot.name))
    return out


def _is_newest_published(publish_uri: str, snapshot_name: str) -> bool:
    """Whether the mirror's LATEST may move to this snapshot: it names no newer night. Decided on the mirror,
    not on the local `latest`: another worker, with its own local folder, may have published the newer night."""
    current = read_latest(publish_uri)
    old = parse_snapshot_id(current["snapshot_id"]) if current else None
    return old is None or old <= parse_snapshot_id(snapshot_name)


def settings_dict(settings: Settings) -> dict:
    out = asdict(settings)
    out["data_dir"] = str(settings.data_dir)
    return out


#: Called as (step, "start" | "end") around every step, and around every transform shard ("transform").
StepHook = Callable[[str, str], None]


def _no_hook(step: str, phase: str) -> None:
    """The default StepHook: nothing to report."""


def run_night(settings: Settings, *, logical_date: date, workers: int = 1, on_step: StepHook | None = None) -> dict:
    """The five steps in order, in this process, under the data directory's lock; each step's result by name.

    `workers` > 1 runs the transform shards in a process pool (the DAG maps them over Airflow workers
    instead); `on_step` sees each step start and end (progress bars, the benchmark's stage timer).
    """
    hook = on_step or _no_hook
    with storage.run_lock(settings.data_dir):
        hook("extract", "start")
        extracted = extract(settings, logical_date=logical_date)
        hook("extract", "end")
        workers = pool_size(workers, len(extracted["shards"]), int(extracted["stats"].get("accepted") or 0))
        transformed = _transform_all(extracted["shards"], logical_date, settings.spacy_model, workers, hook)
        hook("validate", "start")
        validated = validate(settings, logical_date=logical_date, shard_dirs=extracted["shards"])
        hook("validate", "end")
        hook("load", "start")
        loaded = load(settings, logical_date=logical_date, candidate=validated["candidate"])
        hook("load", "end")
        hook("publish", "start")
        published = publish(settings, logical_date=logical_date, candidate=validated["candidate"],
                            version=loaded["version"])
        hook("publish", "end")
    return {"extract": extracted, "transform": transformed, "validate": validated, "load": loaded,
            "publish": published}


#: Below this many articles a night's NLP runs in this process: a worker process first loads the spaCy model
#: (seconds), which costs more than the articles it would take off this one.
POOL_MIN_ARTICLES = 50


def pool_size(workers: int, shards: int, articles: int) -> int:
    """The transform's processes: `workers`, no more than there are shards, and one for a small night."""
    return 1 if articles < POOL_MIN_ARTICLES else max(1, min(workers, shards))


def _transform_all(shards: list[str], logical_date: date, model: str, workers: int, hook: StepHook) -> list[dict]:
    """Every shard through `transform`: in this process, or in a pool of `workers` processes."""
    hook("transform_all", "start")
    results = []
    if workers <= 1 or len(shards) <= 1:
        for shard in shards:
            results.append(transform(shard, logical_date=logical_date, model=model))
            hook("transform", "end")
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(transform, shard, logical_date=logical_date, model=model) for shard in shards]
            for future in futures:
                results.append(future.result())
                hook("transform", "end")
    hook("transform_all", "end")
    return results
