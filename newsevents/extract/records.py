"""Raw items: what a source yields before validation, and the reject vocabulary.

Grain: one `RawRecord` is one candidate article as read from an input (a JSON line, a file, a feed entry);
one `RawReject` is one input that could not even become a candidate. `REASONS` lists every reason code the
pure extract stage gives, with its default message; `excerpt` and `json_kind` describe raw input in reject
messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsevents.extract.cleaning import safe_str

#: How much of a raw input a reject keeps (`raw_excerpt`).
EXCERPT_CHARS = 200
#: Every reason code the pure extract stage gives, with its default message.
REASONS = {
    "empty_text": "text is missing or empty",
    "too_short": "text is shorter than the minimum article length",
    "too_long": "text is longer than the maximum article length",
    "binary_content": "text contains NUL or mostly non-printable characters",
    "not_english": "article is not in English",
    "no_words": "text has too few letters or words to be an article",
    "bad_published_at": "published_at cannot be parsed or is out of range",
    "published_after_run": "published_at is after the run's logical date + 1 day",
    "implausible_date": "published_at is too early to be a news article's date",
    "malformed_json": "line is not valid JSON",
    "not_an_object": "line is valid JSON but not an object",
    "invalid_utf8": "input is not valid UTF-8",
    "malformed_html": "HTML document could not be parsed",
    "malformed_feed": "feed could not be parsed",
    "feed_item_limit": "feed has more items than the per-feed limit",
}


@dataclass(frozen=True)
class RawRecord:
    """One candidate article as read from an input."""

    input_ref: str  # "path/to/file.jsonl:12", "feed.xml#item3", "http://host/feed#item3"
    fields: dict  # text, published_at, id, url, source, title, language (any may be missing)
    raw_excerpt: str | None = field(default=None, compare=False)  # start of the raw record, for rejects


@dataclass(frozen=True)
class RawReject:
    """An input that could not become a candidate article."""

    input_ref: str
    reason_code: str
    reason: str
    raw_excerpt: str | None = None


RawItem = RawRecord | RawReject


def excerpt(data: bytes | str | None, limit: int = EXCERPT_CHARS) -> str | None:
    """First `limit` characters of raw input, decoded leniently (errors='replace')."""
    if data is None:
        return None
    if isinstance(data, bytes):
        data = data[: limit * 4].decode("utf-8", errors="replace")
    return safe_str(data[:limit])


def json_kind(obj) -> str:
    """What kind of JSON value `obj` is, for messages: 'an array', 'a string', 'a number', ..."""
    if isinstance(obj, list):
        return "an array"
    if isinstance(obj, str):
        return "a string"
    if isinstance(obj, bool):
        return "a boolean"
    if isinstance(obj, (int, float)):
        return "a number"
    return "null" if obj is None else type(obj).__name__
