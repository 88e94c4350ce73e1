"""RSS/Atom documents -> raw items, one per feed entry.

Grain: one feed document in (bytes), one `RawRecord` per kept entry (``input_ref#itemN``) and one
`RawReject` per entry beyond the per-feed limit, or a single `RawReject` for a feed that cannot be parsed.
Fetching feeds and the pages they link to is `newsevents.adapters.sources`.
"""

from __future__ import annotations

import io
from datetime import datetime

import feedparser

from newsevents.extract.html_text import html_fragment_text
from newsevents.extract.records import RawItem, RawRecord, RawReject, excerpt


def parse_feed_document(data: bytes, *, input_ref: str, max_items: int) -> tuple[list[RawItem], list[str]]:
    """An RSS/Atom document -> one item per entry (``input_ref#itemN``, 1-based) and the entries' links.

    Entries beyond `max_items` become one RawReject each ('feed_item_limit'), so every entry is accounted
    for. The links list holds the link of every kept entry that has one, in order.
    """
    try:
        # Always a stream: given bytes or str, feedparser may treat them as a file name or URL and open it.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - third-party parser on hostile input
        return [RawReject(input_ref, "malformed_feed", f"feed parsing failed: {type(exc).__name__}",
                          excerpt(data))], []
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        why = parsed.get("bozo_exception")
        detail = f": {type(why).__name__}: {str(why)[:200]}" if why else ": not an RSS or Atom feed"
        return [RawReject(input_ref, "malformed_feed", f"feed could not be parsed{detail}", excerpt(data))], []
    feed_meta = parsed.get("feed") or {}
    feed_title = _plain(feed_meta.get("title"))
    feed_language = feed_meta.get("language")
    items: list[RawItem] = []
    links: list[str] = []
    for n, entry in enumerate(entries, start=1):
        ref = f"{input_ref}#item{n}"
        title = _plain(entry.get("title"))
        if n > max_items:
            items.append(RawReject(ref, "feed_item_limit",
                                   f"feed item {n} is beyond the limit of {max_items} items per feed",
                                   excerpt(title or entry.get("link"))))
            continue
        fields: dict = {"text": _entry_text(entry)}
        if title:
            fields["title"] = title
        link = entry.get("link")
        if isinstance(link, str) and link.strip():
            fields["url"] = link.strip()
            links.append(link.strip())
        published = _entry_published(entry)
        if published is not None:
            fields["published_at"] = published
        if entry.get("id"):
            fields["id"] = entry.get("id")
        source = _plain((entry.get("source") or {}).get("title")) or feed_title
        if source:
            fields["source"] = source
        language = (entry.get("title_detail") or {}).get("language") or feed_language
        if language:
            fields["language"] = language
        items.append(RawRecord(ref, fields, excerpt(title or fields["text"])))
    return items, links


def _plain(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _entry_published(entry) -> str | None:
    """ISO 8601 UTC string from feedparser's parsed date; the raw string if feedparser could not parse it."""
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            try:
                return datetime(*parsed[:6]).isoformat() + "Z"
            except (TypeError, ValueError):
                pass
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            return raw.strip()
    return None


def _entry_text(entry) -> str:
    """The longest of the entry's content values and summary, as plain text."""
    candidates = []
    for detail in [*(entry.get("content") or []), entry.get("summary_detail")]:
        if not detail:
            continue
        value = detail.get("value")
        if not isinstance(value, str) or not value.strip():
            continue
        kind = detail.get("type") or "text/html"
        candidates.append(html_fragment_text(value) if "html" in kind else value)
    if not candidates and isinstance(entry.get("summary"), str):
        candidates.append(html_fragment_text(entry["summary"]))
    return max(candidates, key=len, default="")
