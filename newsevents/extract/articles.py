"""Extract stage, pure part: raw items -> the `articles` and `rejected_articles` tables.

Grain: one batch (a night's raw items) in, two contract tables and their counts out, satisfying
``read == accepted + rejected + duplicates``. Each candidate is validated and cleaned by
`newsevents.extract.validation`; this module assigns reject ids and deduplicates by article id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime

import pyarrow as pa

from newsevents.config import Limits
from newsevents.core.contracts import ARTICLES, REJECTED_ARTICLES
from newsevents.extract.cleaning import safe_str
from newsevents.extract.dates import to_naive_utc
from newsevents.extract.ids import reject_id_for
from newsevents.extract.records import RawItem, RawReject, excerpt
from newsevents.extract.validation import Rejected, article_row

#: Rejects handed to `on_rejects` at a time: memory holds at most this many, however bad the input.
REJECT_BATCH = 10_000


def build_articles(
    items: Iterable[RawItem],
    *,
    partition_date: date,
    run_at: datetime,
    limits: Limits,
    known_article_ids: Collection[str] = frozenset(),
    on_rejects: Callable[[pa.Table], None] | None = None,
) -> tuple[pa.Table, pa.Table, dict]:
    """Validate, clean and deduplicate raw items.

    With `on_rejects`, rejects are handed over in batches of REJECT_BATCH rows as they come (the caller
    streams them to disk) and the returned `rejected_articles` table is empty: a file of a million bad
    lines never holds a million rejects in memory.

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
        if row["article_id"] in known_article_ids:
            by_duplicate["already_loaded"] += 1
        elif row["article_id"] in articles:
            by_duplicate["duplicate_in_batch"] += 1
        else:
            articles[row["article_id"]] = row

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
