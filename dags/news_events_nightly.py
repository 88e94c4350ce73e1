"""
### news_events_nightly

Turns the night's English news articles into the political events dataset.

- `extract`: reads the night's landing folder (default `<data dir>/landing/date=YYYY-MM-DD/`; `{date}` in
  the `landing` param or NEWSEVENTS_LANDING is the logical date) and RSS/Atom feeds when configured;
  accepted articles are sharded, bad records go to `rejected_articles` with a reason.
- `transform`: mapped over the shards: spaCy NLP, actors, statements, CAMEO/PLOVER events.
- `validate`: merges shards; Great Expectations suites and cross-table checks;
  **error-level failures stop the run here**, nothing is published.
- `load`: one DuckLake transaction replaces the night's partition of every table (and later partitions a
  backfill reclaims articles from) and commits once: that commit is the night's DuckLake snapshot.
- `publish`: writes `snapshots/<date>-v<version>/manifest.json` (the snapshot's Parquet files, by reference,
  with SHA-256), quality.json and report.html, then moves `snapshots/latest` if this is the newest night.

Every step is idempotent for the logical date: rerun or backfill a date and its partitions are replaced; a
rerun that changes nothing commits nothing. Backfill a range with
`airflow backfill create --dag-id news_events_nightly --from-date 2017-04-10 --to-date 2017-04-12`
(DAG unpaused, scheduler running; runs one night at a time).
Configuration: environment variables `NEWSEVENTS_*` (see `newsevents/config.py`) and the params below.
Only paths and counts travel through XCom, never article text.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.sdk import Param, dag, get_current_context, task

from newsevents.config import retry_delay_seconds

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
        "retry_delay": timedelta(seconds=retry_delay_seconds()),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
    },
    params={
        "landing": Param(DEFAULT_LANDING, type="string",
                         description="Input folder(s) or files, ':'-separated, {date} = the logical date; empty = "
                                     "NEWSEVENTS_LANDING or <data dir>/landing/date={date}"),
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
                                    version=loaded["version"])

    extracted = extract()
    transformed = transform.expand(shard_dir=extracted)
    validated = validate(transformed)
    loaded = load(validated)
    publish(validated, loaded)


news_events_nightly()
