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
#: Accepted articles may be published at most this many days after the partition date: the gate refuses
#: events dated after the run's date + 1 day (`Dated.after_run`), and an event defaults to its article's date.
MAX_DAYS_AHEAD = 1
#: Earlier publication dates are placeholders (1900-01-01, the Unix epoch), not news: the gate refuses events
#: before MIN_DATE (1900), and "last week" in an article dated 1900 would be one.
EARLIEST_PUBLISHED = date(1980, 1, 1)
#: A text needs this many words with letters, and this share of letters among its visible characters.
MIN_WORDS = 5
MIN_LETTER_SHARE = 0.3
#: Below this share of Latin-script letters a text is not English, whatever py3langid's confidence.
MIN_LATIN_SHARE = 0.5


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
    if published_at is None:
        return None
    if (published_at.date() - partition_date) > timedelta(days=MAX_DAYS_AHEAD):
        raise Rejected("published_after_run", f"published_at {published_at.isoformat()} is more than "
                                              f"{MAX_DAYS_AHEAD} day after the run's date {partition_date.isoformat()}")
    if published_at.date() < EARLIEST_PUBLISHED:
        raise Rejected("implausible_date", f"published_at {published_at.isoformat()} is before "
                                           f"{EARLIEST_PUBLISHED.isoformat()}")
    return published_at


def _letter_shares(text: str) -> tuple[int, float, float]:
    """(words with a letter, letters / visible characters, Latin letters / letters) of a sample of the text."""
    sample = text[:20000]
    visible = [ch for ch in sample if not ch.isspace()]
    letters = [ch for ch in visible if ch.isalpha()]
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    words = sum(1 for w in sample.split() if any(ch.isalpha() for ch in w))
    return words, len(letters) / max(1, len(visible)), latin / max(1, len(letters))


def _language(cleaned: str, given_english: bool) -> str | None:
    """'en' or None (English-like but unsure); raise Rejected for too few words, a non-Latin script, or
    another language detected confidently. The detected language is named in every reason."""
    lang, prob = detect_language(cleaned)
    words, letter_share, latin_share = _letter_shares(cleaned)
    detected = f"detected language {lang!r}, p={prob:.2f}"
    if letter_share < MIN_LETTER_SHARE:
        raise Rejected("no_words", f"only {letter_share:.0%} of the visible characters are letters ({detected})")
    if latin_share < MIN_LATIN_SHARE:  # Chinese at p=0.74 is still not English
        raise Rejected("not_english", f"{detected}; {1 - latin_share:.0%} of the letters are not Latin script")
    if words < MIN_WORDS:  # checked after the script: Chinese or Japanese text has no spaces between words
        raise Rejected("no_words", f"only {words} words with letters ({detected})")
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
