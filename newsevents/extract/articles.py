"""Extract stage, pure part: raw items -> the `articles` and `rejected_articles` tables.

Grain: one batch (a night's raw items) in, two contract tables and their counts out, satisfying
``read == accepted + rejected + duplicates``. Each candidate is validated and cleaned by
`newsevents.extract.validation`; this module assigns reject ids and deduplicates by article id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date, datetime

import pyarrow as pa

from newsevents.config import Limits
from newsevents.core.contracts import ARTICLES, REJECTED_ARTICLES
from newsevents.extract.cleaning import safe_str
from newsevents.extract.dates import to_naive_utc
from newsevents.extract.ids import duplicate_id_for, reject_id_for
from newsevents.extract.records import RawItem, RawReject, excerpt
from newsevents.extract.validation import Rejected, article_row

#: Rejects handed to `on_rejects` at a time: memory holds at most this many, however bad the input.
REJECT_BATCH = 10_000


def _duplicate_kind(article_id: str, known: Collection[str], accepted: dict) -> str | None:
    if article_id in known:
        return "already_loaded"
    return "duplicate_in_batch" if article_id in accepted else None


def _duplicate_row(row: dict, kind: str, known: Collection[str], partition_date: date, seen: set[str]) -> dict:
    """One `duplicate_articles` row: which record repeated which article, first seen when. `seen` holds the
    ids given so far: the same input given twice (a feed listed twice) gets `#2` in its id's input."""
    first_seen = known.get(row["article_id"]) if isinstance(known, Mapping) else None
    ref, n = row["input_ref"], 1
    duplicate_id = duplicate_id_for(partition_date=partition_date, input_ref=ref)
    while duplicate_id in seen:
        n += 1
        duplicate_id = duplicate_id_for(partition_date=partition_date, input_ref=f"{ref}#{n}")
    seen.add(duplicate_id)
    return {
        "duplicate_id": duplicate_id,
        "input_ref": row["input_ref"], "duplicate_of": row["article_id"], "kind": kind,
        "first_seen_date": first_seen if kind == "already_loaded" and first_seen else partition_date,
        "partition_date": partition_date,
    }


def build_articles(
    items: Iterable[RawItem],
    *,
    partition_date: date,
    run_at: datetime,
    limits: Limits,
    known_article_ids: Collection[str] = frozenset(),
    on_rejects: Callable[[pa.Table], None] | None = None,
    duplicates: list[dict] | None = None,
) -> tuple[pa.Table, pa.Table, dict]:
    """Validate, clean and deduplicate raw items.

    With `on_rejects`, rejects are handed over in batches of REJECT_BATCH rows as they come (the caller
    streams them to disk) and the returned `rejected_articles` table is empty: a file of a million bad
    lines never holds a million rejects in memory.

    With `duplicates`, one `duplicate_articles` row per duplicate is appended to it (the record, the
    article it repeats, the night that article was first seen: `known_article_ids` may map id -> date).

    Returns the `articles` table (ARTICLES schema, sorted by article_id), the `rejected_articles` table
    (REJECTED_ARTICLES schema, in input order) and stats::

        {"read", "accepted", "rejected", "duplicates",
         "by_reason": {reason_code: n},                      # sums to rejected
         "by_duplicate": {"duplicate_in_batch": n, "already_loaded": n}}   # sums to duplicates

    with ``read == accepted + rejected + duplicates``. Duplicates (same article_id earlier in the batch, or
    already loaded in an earlier partition) are counted, not rejected; the first occurrence is kept.
    """
    rejected_at = to_naive_utc(run_at)
    articles: dict[str, dict] = {}
    rejects: list[dict] = []
    reject_ids: set[str] = set()
    duplicate_ids: set[str] = set()
    by_reason: Counter[str] = Counter()
    by_duplicate: Counter[str] = Counter({"duplicate_in_batch": 0, "already_loaded": 0})
    read = 0

    def add_reject(input_ref: str, code: str, reason: str, raw: str | None) -> None:
        input_ref = safe_str(input_ref)
        reject_id = reject_id_for(partition_date=partition_date, input_ref=input_ref)
        n = 1
        while reject_id in reject_ids:
            n += 1
            reject_id = reject_id_for(partition_date=partition_date, input_ref=f"{input_ref}#{n}")
        reject_ids.add(reject_id)
        rejects.append({
            "reject_id": reject_id, "input_ref": input_ref, "reason_code": code, "reason": safe_str(reason),
            "rejected_at": rejected_at, "raw_excerpt": excerpt(raw), "partition_date": partition_date,
        })
        by_reason[code] += 1
        if on_rejects is not None and len(rejects) >= REJECT_BATCH:
            on_rejects(REJECTED_ARTICLES.from_rows(rejects))
            rejects.clear()

    for item in items:
        read += 1
        if isinstance(item, RawReject):
            add_reject(item.input_ref, item.reason_code, item.reason, item.raw_excerpt)
            continue
        try:
            row = article_row(item, partition_date=partition_date, limits=limits)
        except Rejected as rej:
            raw = item.raw_excerpt
            if raw is None and isinstance(item.fields.get("text"), str):
                raw = item.fields["text"]
            add_reject(item.input_ref, rej.code, rej.detail, raw)
            continue
        kind = _duplicate_kind(row["article_id"], known_article_ids, articles)
        if kind is None:
            articles[row["article_id"]] = row
            continue
        by_duplicate[kind] += 1
        if duplicates is not None:
            duplicates.append(_duplicate_row(row, kind, known_article_ids, partition_date, duplicate_ids))

    rows = [articles[k] for k in sorted(articles)]
    if on_rejects is not None and rejects:
        on_rejects(REJECTED_ARTICLES.from_rows(rejects))
        rejects.clear()
    stats = {
        "read": read,
        "accepted": len(rows),
        "rejected": sum(by_reason.values()),
        "duplicates": sum(by_duplicate.values()),
        "by_reason": dict(sorted(by_reason.items())),
        "by_duplicate": dict(by_duplicate),
    }
    if stats["read"] != stats["accepted"] + stats["rejected"] + stats["duplicates"]:  # pragma: no cover
        raise RuntimeError(f"extract accounting is broken: {stats}")
    return ARTICLES.from_rows(rows), REJECTED_ARTICLES.from_rows(rejects), stats
