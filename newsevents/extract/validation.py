"""Validation of one candidate: a `RawRecord` -> one `articles` row, or `Rejected` with the reason.

Grain: one record in, one cleaned row out. Checks run in a fixed order (text, given language, published_at,
detected language) and the first that fails names the reject reason; duplicates are not judged here
(`newsevents.extract.articles.build_articles` counts them).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import date, datetime, timedelta

from newsevents.config import Limits
from newsevents.extract.cleaning import clean_line, clean_text, safe_str
from newsevents.extract.dates import parse_published_at
from newsevents.extract.ids import article_id_for, canonical_url
from newsevents.extract.language import ENGLISH_LIKE, NOT_ENGLISH_MIN_CONFIDENCE, detect_language, is_english_code
from newsevents.extract.records import REASONS, RawRecord, json_kind

#: Share of non-printable characters above which a text is treated as binary garbage.
MAX_NONPRINTABLE_RATIO = 0.2
#: Accepted articles may be published at most this many days after the partition date.
MAX_DAYS_AHEAD = 2


def _nonprintable_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = 0
    for ch in sample:
        if ch in "\n\r\t":
            continue
        if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            bad += 1
    return bad / len(sample)


class Rejected(Exception):
    """A record that cannot become an article: `code` is a key of REASONS, `detail` the message."""

    def __init__(self, code: str, detail: str | None = None):
        super().__init__(code)
        self.code = code
        self.detail = detail or REASONS[code]


def _external_id(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return safe_str(value)
    try:
        return safe_str(json.dumps(value, ensure_ascii=False, sort_keys=True))
    except (TypeError, ValueError):
        return safe_str(str(value))


def _checked_raw_text(text) -> str:
    """The raw body if it is a non-blank string; raise Rejected otherwise."""
    if not isinstance(text, str):
        detail = "text is missing" if text is None else f"text is {json_kind(text)}, not a string"
        raise Rejected("empty_text", detail)
    if not text.strip():
        raise Rejected("empty_text", "text is empty or whitespace only")
    return text


def _cleaned_text(text, limits: Limits) -> str:
    """The cleaned body, within the length limits; raise Rejected otherwise."""
    text = _checked_raw_text(text)
    if len(text) > limits.max_article_chars:
        raise Rejected("too_long", f"text has {len(text)} characters, more than {limits.max_article_chars}")
    if "\x00" in text:
        raise Rejected("binary_content", "text contains NUL characters")
    ratio = _nonprintable_ratio(text)
    if ratio > MAX_NONPRINTABLE_RATIO:
        raise Rejected("binary_content", f"{ratio:.0%} of the text is non-printable")
    cleaned = clean_text(text)
    if not cleaned:
        raise Rejected("empty_text", "text is empty after cleaning")
    if len(cleaned) < limits.min_article_chars:
        raise Rejected("too_short",
                       f"text has {len(cleaned)} characters after cleaning, fewer than {limits.min_article_chars}")
    return cleaned


def _given_english(given_language) -> bool:
    """Whether the record says it is English; raise Rejected when it names another language."""
    if not (isinstance(given_language, str) and given_language.strip()):
        return False
    if not is_english_code(given_language):
        raise Rejected("not_english", f"language is given as {safe_str(given_language.strip()[:20])!r}")
    return True


def _published_at(value, partition_date: date) -> datetime | None:
    """The publication time (naive UTC) or None when absent; raise Rejected when unusable or too far ahead."""
    published_at, error = parse_published_at(value)
    if error:
        raise Rejected("bad_published_at", error)
    if published_at is not None and (published_at.date() - partition_date) > timedelta(days=MAX_DAYS_AHEAD):
        raise Rejected("future_published_at", f"published_at {published_at.isoformat()} is more than "
                                              f"{MAX_DAYS_AHEAD} days after {partition_date.isoformat()}")
    return published_at


def _language(cleaned: str, given_english: bool) -> str | None:
    """'en' or None (English-like but unsure); raise Rejected when another language is detected confidently."""
    lang, prob = detect_language(cleaned)
    if lang not in ENGLISH_LIKE and prob >= NOT_ENGLISH_MIN_CONFIDENCE:
        raise Rejected("not_english", f"detected language {lang!r} (p={prob:.2f})")
    return "en" if (lang == "en" or given_english) else None


def article_row(record: RawRecord, *, partition_date: date, limits: Limits) -> dict:
    """Validate and clean one record into an `articles` row; raise Rejected with the reason."""
    f = record.fields
    cleaned = _cleaned_text(f.get("text"), limits)
    given_english = _given_english(f.get("language"))
    published_at = _published_at(f.get("published_at"), partition_date)
    language = _language(cleaned, given_english)
    return {
        "article_id": article_id_for(url=f.get("url"), text=cleaned),
        "external_id": _external_id(f.get("id")),
        "source": clean_line(f.get("source")),
        "url": canonical_url(f.get("url")),
        "title": clean_line(f.get("title")),
        "published_at": published_at,
        "text": cleaned,
        "language": language,
        "word_count": len(cleaned.split()),
        "content_sha256": hashlib.sha256(cleaned.encode("utf-8")).hexdigest(),
        "input_ref": safe_str(record.input_ref),
        "partition_date": partition_date,
    }
