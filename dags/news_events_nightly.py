"""
### news_events_nightly

Turns the night's English news articles into the political events dataset.

- `extract`: reads the landing folder (and RSS/Atom feeds when configured); accepted articles
  are sharded, bad records go to `rejected_articles` with a reason. Passes on shard paths and counts.
- `transform`: mapped over the shards: spaCy NLP, actors, statements, CAMEO/PLOVER events.
- `validate`: merges shards; Great Expectations suites and cross-table checks;
  **error-level failures stop the run here**, nothing is published.
- `load`: loads the partition into a staged copy of the DuckDB warehouse (the live file is untouched).
- `publish`: lake partitions, Parquet snapshot and manifest, then swaps the warehouse and `snapshots/latest`.

Every step is idempotent for the logical date: rerun or backfill a date and its partition is replaced.
Configuration: environment variables `NEWSEVENTS_*` (see `newsevents/config.py`) and the params below.
Only paths and counts travel through XCom, never article text.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.sdk import Param, dag, get_current_context, task

DEFAULT_LANDING = os.environ.get("NEWSEVENTS_LANDING", "")


def _logical_date():
    """The partition date of this run: its logical date (never the wall clock)."""
    context = get_current_context()
    moment = context.get("logical_date") or context.get("data_interval_start") or context["dag_run"].run_after
    return moment.date()


def _settings():
    from newsevents.config import Settings, split_locations

    params = get_current_context()["params"]
    inputs = split_locations(str(params.get("landing") or "")) or None
    feeds = tuple(params.get("feeds") or ()) or None
    return Settings.from_env(inputs=inputs, feeds=feeds, shards=params.get("shards"))


@dag(
    dag_id="news_events_nightly",
    schedule="@daily",
    start_date=pendulum.datetime(2017, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
    },
    params={
        "landing": Param(DEFAULT_LANDING, type="string",
                         description="Input folder(s) or files, ':'-separated; empty = NEWSEVENTS_LANDING or "
                                     "<data dir>/landing"),
        "feeds": Param([], type="array", description="RSS/Atom feed URLs to read as well"),
        "shards": Param(2, type="integer", minimum=1, maximum=64, description="Article shards for the NLP step"),
    },
    doc_md=__doc__,
    tags=["newsevents", "etl", "nlp"],
)
def news_events_nightly():
    @task
    def extract() -> list[str]:
        """Returns the shard paths to map over; counts are in work/date=D/extract/stats.json and the log."""
        from newsevents import pipeline

        return pipeline.extract(_settings(), logical_date=_logical_date())["shards"]

    @task(max_active_tis_per_dagrun=4)
    def transform(shard_dir: str) -> dict:
        from newsevents import pipeline

        settings = _settings()
        return pipeline.transform(shard_dir, logical_date=_logical_date(), model=settings.spacy_model)

    @task
    def validate(shard_results: list[dict]) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from newsevents import pipeline

        try:
            return pipeline.validate(_settings(), logical_date=_logical_date(),
                                     shard_dirs=[r["shard"] for r in shard_results])
        except pipeline.QualityGateError as exc:
            # bad data does not get better by retrying
            raise AirflowFailException(str(exc)) from exc

    @task
    def load(validated: dict) -> dict:
        from newsevents import pipeline
        from newsevents.adapters import storage

        settings = _settings()
        with storage.run_lock(settings.data_dir, wait=True):
            return pipeline.load(settings, logical_date=_logical_date(), candidate=validated["candidate"])

    @task
    def publish(validated: dict, loaded: dict) -> dict:
        from newsevents import pipeline
        from newsevents.adapters import storage

        settings = _settings()
        with storage.run_lock(settings.data_dir, wait=True):
            return pipeline.publish(settings, logical_date=_logical_date(), candidate=validated["candidate"],
                                    staged_warehouse=loaded["staged_warehouse"])

    extracted = extract()
    transformed = transform.expand(shard_dir=extracted)
    validated = validate(transformed)
    loaded = load(validated)
    publish(validated, loaded)


news_events_nightly()
