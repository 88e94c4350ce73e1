"""Extract stage, pure part: raw input records -> cleaned, validated `articles` and `rejected_articles`.

Everything here works on values already in memory: no file or network I/O and no clock reads (the run's
logical time is passed in). Reading files and fetching feeds lives in `newsevents.adapters.sources`.

Flow: a source yields `RawRecord` (a candidate article's fields) or `RawReject` (something that could not
even be parsed); `build_articles` validates and cleans the candidates and returns the two contract tables
plus counts satisfying ``read == accepted + rejected + duplicates``.

The only file this module touches is py3langid's bundled language model, loaded once, lazily.
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import json
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import feedparser
import lxml.etree
import lxml.html
import pyarrow as pa
import trafilatura
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsevents.config import Limits
from newsevents.core.contracts import ARTICLES, REJECTED_ARTICLES

#: Fields of an input record that the extract stage uses; everything else is ignored.
RECORD_FIELDS = ("text", "published_at", "id", "url", "source", "title", "language")
#: Names other feeds and dumps give the publication time; used only when `published_at` is absent.
PUBLISHED_ALIASES = ("published", "publication_date", "pubDate", "date", "datetime")
EXCERPT_CHARS = 200
#: How much text language identification looks at.
LANGUAGE_SAMPLE_CHARS = 2000
#: A non-English language must be detected at least this confidently for the article to be rejected.
NOT_ENGLISH_MIN_CONFIDENCE = 0.8
#: Labels of English or English-lexified varieties that py3langid may return for English news text.
ENGLISH_LIKE = frozenset({"en", "pcm", "sco", "jam"})
#: Share of non-printable characters above which a text is treated as binary garbage.
MAX_NONPRINTABLE_RATIO = 0.2
#: Accepted articles may be published at most this many days after the partition date.
MAX_DAYS_AHEAD = 2
MIN_YEAR = 1900

REASONS = {
    "empty_text": "text is missing or empty",
    "too_short": "text is shorter than the minimum article length",
    "too_long": "text is longer than the maximum article length",
    "binary_content": "text contains NUL or mostly non-printable characters",
    "not_english": "article is not in English",
    "bad_published_at": "published_at cannot be parsed or is out of range",
    "future_published_at": "published_at is too far after the run's logical date",
    "malformed_json": "line is not valid JSON",
    "not_an_object": "line is valid JSON but not an object",
    "invalid_utf8": "input is not valid UTF-8",
    "malformed_html": "HTML document could not be parsed",
    "malformed_feed": "feed could not be parsed",
    "feed_item_limit": "feed has more items than the per-feed limit",
}


# --------------------------------------------------------------------------- raw items
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
    return _safe_str(data[:limit])


# --------------------------------------------------------------------------- parsers
def parse_jsonl_line(line: bytes, *, input_ref: str) -> RawItem:
    """One JSON Lines record -> RawRecord, or a RawReject naming what is wrong with the line."""
    raw = excerpt(line)
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RawReject(input_ref, "invalid_utf8", f"line is not valid UTF-8 (byte {exc.start})", raw)
    decoded = decoded.lstrip("\ufeff")
    try:
        obj = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return RawReject(input_ref, "malformed_json", f"invalid JSON: {exc.msg} at column {exc.colno}", raw)
    except (ValueError, RecursionError) as exc:  # e.g. absurdly long integers, absurdly deep nesting
        return RawReject(input_ref, "malformed_json", f"invalid JSON: {type(exc).__name__}", raw)
    if not isinstance(obj, dict):
        kind = _json_kind(obj)
        return RawReject(input_ref, "not_an_object", f"JSON line is {kind}, not an object", raw)
    fields = {k: obj[k] for k in RECORD_FIELDS if k in obj}
    if "published_at" not in fields:
        alias = next((a for a in PUBLISHED_ALIASES if obj.get(a) not in (None, "")), None)
        if alias is not None:
            fields["published_at"] = obj[alias]
    return RawRecord(input_ref, fields, raw)


def _json_kind(obj) -> str:
    if isinstance(obj, list):
        return "an array"
    if isinstance(obj, str):
        return "a string"
    if isinstance(obj, bool):
        return "a boolean"
    if isinstance(obj, (int, float)):
        return "a number"
    return "null" if obj is None else type(obj).__name__


_SENTENCE_END = (".", "!", "?", ",", ";", ":", '"', "\u201d", "\u2019", "'")


def parse_text_document(data: bytes, *, input_ref: str, name: str) -> RawItem:
    """A plain-text article. `name` (file name) becomes the record's `id`.

    The first non-blank line is the title when it is short (< 200 characters) and is followed by a blank
    line, or by more text while not ending like a sentence; the rest is the text.
    """
    raw = excerpt(data)
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return RawReject(input_ref, "invalid_utf8", f"text file is not valid UTF-8 (byte {exc.start})", raw)
    lines = decoded.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    title = None
    text = decoded
    if first is not None and first + 1 < len(lines):
        head = lines[first].strip()
        rest = "\n".join(lines[first + 1:])
        blank_follows = not lines[first + 1].strip()
        if len(head) < 200 and rest.strip() and (blank_follows or not head.endswith(_SENTENCE_END)):
            title, text = head, rest
    fields = {"id": name, "text": text}
    if title:
        fields["title"] = title
    return RawRecord(input_ref, fields, raw)


def _date_params() -> dict:
    # No extensive search (it guesses dates from body text) and a fixed max_date: trafilatura's default
    # reads the clock.
    return {"extensive_search": False, "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z", "max_date": "2999-12-31"}


def parse_html_document(data: bytes, *, input_ref: str, url: str | None = None) -> RawItem:
    """An HTML page -> main text, title and date, extracted with trafilatura."""
    raw = excerpt(data)
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=_date_params(),
        )
    except Exception as exc:  # noqa: BLE001 - third-party parser on hostile input
        return RawReject(input_ref, "malformed_html", f"HTML extraction failed: {type(exc).__name__}", raw)
    fields: dict = {"text": ""}
    if url:
        fields["url"] = url
    if doc is not None:
        title = (doc.title or "").strip() or None
        text = doc.text or ""
        # trafilatura repeats the headline as the first line of the body; keep it only once, in `title`.
        if title:
            head, _sep, tail = text.partition("\n")
            if head.strip() == title and tail.strip():
                text = tail
            fields["title"] = title
        fields["text"] = text
        if doc.date:
            fields["published_at"] = doc.date
        if doc.sitename:
            fields["source"] = doc.sitename
        if doc.language:
            fields["language"] = doc.language
    return RawRecord(input_ref, fields, raw)


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


_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "tr", "ul",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def html_fragment_text(html: str) -> str:
    """Visible text of an HTML fragment (feed summaries), with line breaks at block elements and <br>."""
    if "<" not in html and "&" not in html:
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return html
    out: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is not None and tag.lower() not in _SKIP_TAGS:
            tag = tag.lower()
            if tag == "br":
                out.append("\n")
            elif tag in _BLOCK_TAGS:
                out.append("\n\n" if tag == "p" else "\n")
            if el.text:
                out.append(_HTML_SPACE.sub(" ", el.text))
            for child in el:
                walk(child)
            if tag in _BLOCK_TAGS:
                out.append("\n\n" if tag == "p" else "\n")
        if el.tail:
            out.append(_HTML_SPACE.sub(" ", el.tail))

    walk(root)
    lines = [line.strip() for line in "".join(out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --------------------------------------------------------------------------- cleaning
# Unicode spaces (category Zs, except the ASCII space) and tab -> ' '.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Characters that end a line.
_NEWLINES = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Invisible format characters: zero-width, soft hyphen, BOM, bidi controls, word joiner.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062" \
             "\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"


def _build_clean_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0x20):
        table[cp] = None
    for cp in range(0x7F, 0xA0):
        table[cp] = None
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _NEWLINES:
        table[ord(ch)] = "\n"
    for ch in _INVISIBLE:
        table[ord(ch)] = None
    for cp in range(0xD800, 0xE000):  # lone surrogates (possible from JSON escapes) cannot be encoded
        table[cp] = "\ufffd"
    table[ord("\n")] = "\n"
    return table


_CLEAN_TABLE = _build_clean_table()
_SURROGATES = {cp: "\ufffd" for cp in range(0xD800, 0xE000)}

_RESIDUE_CORE = frozenset({
    "tweet", "tweets", "share", "shares", "shared", "email", "e-mail", "mail", "print", "pin", "pinterest",
    "facebook", "twitter", "linkedin", "whatsapp", "reddit", "telegram", "messenger", "flipboard", "tumblr",
    "comment", "comments", "sms",
})
_RESIDUE_EXTRA = frozenset({"this", "article", "story", "page", "on", "via", "copy", "link", "save", "x", "more",
                            "follow", "us", "close", "and", "or"})
_RESIDUE_SEPARATORS = "|\u2022\u00b7\u25cf\u25aa\u25ba\u203a\u00bb\u00ab/\\-\u2013\u2014*,;:+=_~>"
_RESIDUE_SPLIT = re.compile(r"[\s|\u2022\u00b7\u25cf\u25aa\u25ba\u203a\u00bb\u00ab/\\,;:*+=~>]+")


def _is_residue_line(line: str) -> bool:
    """A line of share buttons or separators: 'Tweet |', '|', 'Share  Email  Print', '• • •'."""
    stripped = line.strip()
    if not stripped:
        return False
    if all(ch in _RESIDUE_SEPARATORS or ch.isspace() for ch in stripped):
        return True
    tokens = [t.strip(".!?()[]'\"\u2026").lower() for t in _RESIDUE_SPLIT.split(stripped)]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 12:
        return False
    if not any(t in _RESIDUE_CORE for t in tokens):
        return False
    return all(t in _RESIDUE_CORE or t in _RESIDUE_EXTRA or t.isdigit() for t in tokens)


def clean_text(text: str) -> str:
    """Normalise an article body; character offsets downstream index into the result.

    CRLF/CR and other line separators -> '\\n'; NBSP, tab and other Unicode spaces -> ' '; zero-width,
    bidi and other control characters removed (newlines kept); trailing spaces stripped per line; share /
    social-button residue lines at the end dropped; 3+ newlines collapsed to 2; outer whitespace stripped.
    Letters, punctuation and curly quotes are left unchanged.
    """
    text = text.replace("\r\n", "\n").translate(_CLEAN_TABLE)
    lines = [line.rstrip(" ") for line in text.split("\n")]
    while lines and (not lines[-1].strip() or _is_residue_line(lines[-1])):
        lines.pop()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _safe_str(value: str) -> str:
    """A string Arrow can store: lone surrogates replaced by U+FFFD (NUL replaced too)."""
    return value.translate(_SURROGATES).replace("\x00", "\ufffd")


def _clean_line(value) -> str | None:
    """Title/source: a single line of text, or None."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.translate(_CLEAN_TABLE).split())
    return value or None


# --------------------------------------------------------------------------- identities
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """Canonical form of an http(s) URL, or None for anything else.

    Lowercases scheme and host, drops user info, default ports, the fragment, tracking parameters
    (utm_*, fbclid, gclid, ...), dot segments and the trailing slash. URLs with whitespace or control
    characters inside are not URLs we can use and give None.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > 8192 or any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cs") for ch in url):
        return None
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _remove_dot_segments(parts.path).rstrip("/")
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking_param(p))
    return urlunsplit((scheme, netloc, path, query, ""))


def _is_tracking_param(pair: str) -> bool:
    key = pair.split("=", 1)[0].lower()
    return key.startswith("utm_") or key in _TRACKING_PARAMS


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, so '/a/../b' and '/b' are the same article."""
    if "." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".":
            if last:
                out.append("")
        elif seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(seg)
    result = "/".join(out)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def _hash16(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


def article_id_for(*, url: str | None, text: str) -> str:
    """Stable article id: 'art_' + 16 hex of SHA-256 of the canonical URL, else of the normalised text."""
    canon = canonical_url(url)
    key = canon if canon else " ".join(text.casefold().split())
    return "art_" + _hash16(key)


def reject_id_for(*, partition_date: date, input_ref: str) -> str:
    return "rej_" + _hash16(f"{partition_date.isoformat()}|{input_ref}")


# --------------------------------------------------------------------------- dates
def _to_naive_utc(dt: datetime) -> datetime:
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        dt = dt.astimezone(UTC)
    return dt.replace(tzinfo=None)


def parse_published_at(value) -> tuple[datetime | None, str | None]:
    """Parse a publication time to a naive UTC datetime.

    Accepts ISO 8601 dates and date-times (with 'Z', an offset or no zone: naive means UTC), RFC 2822
    (feeds), and `datetime`/`date` objects. Returns ``(dt, None)`` on success, ``(None, None)`` when the
    value is missing (None or blank) and ``(None, reason)`` when it is present but unusable.
    """
    if value is None:
        return None, None
    try:
        if isinstance(value, datetime):
            dt = _to_naive_utc(value)
        elif isinstance(value, date):
            dt = datetime(value.year, value.month, value.day)
        elif isinstance(value, str):
            text = value.strip()
            if not text:
                return None, None
            if len(text) > 64:
                return None, f"published_at is too long to be a date ({len(text)} characters)"
            dt = _parse_date_string(text)
            if dt is None:
                return None, f"unparsable published_at {_safe_str(text)!r}"
        else:
            return None, f"published_at must be an ISO 8601 string, got {_json_kind(value)}"
    except (OverflowError, ValueError) as exc:
        return None, f"published_at out of range: {exc}"
    if dt.year < MIN_YEAR:
        return None, f"published_at {dt.isoformat()} is before {MIN_YEAR}"
    return dt, None


def _parse_date_string(text: str) -> datetime | None:
    iso = text
    for suffix in (" UTC", " GMT", "UTC", "GMT"):
        if iso.upper().endswith(suffix) and iso[: -len(suffix)][-1:].isdigit():
            iso = iso[: -len(suffix)].rstrip() + "+00:00"
            break
    try:
        return _to_naive_utc(datetime.fromisoformat(iso))
    except ValueError:
        pass
    try:
        return _to_naive_utc(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


# --------------------------------------------------------------------------- language
_identifier = None
_identifier_lock = threading.Lock()


def _language_identifier():
    global _identifier
    with _identifier_lock:
        if _identifier is None:
            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> tuple[str, float]:
    """(language code, probability) of the first LANGUAGE_SAMPLE_CHARS characters, by py3langid."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    lang, prob = _language_identifier().classify(sample)
    return lang, float(prob)


def _is_english_code(value: str) -> bool:
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    return primary in ("en", "eng", "english")


# --------------------------------------------------------------------------- build
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


class _Rejected(Exception):
    def __init__(self, code: str, detail: str | None = None):
        super().__init__(code)
        self.code = code
        self.detail = detail or REASONS[code]


def _external_id(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return _safe_str(value)
    try:
        return _safe_str(json.dumps(value, ensure_ascii=False, sort_keys=True))
    except (TypeError, ValueError):
        return _safe_str(str(value))


def _article_row(record: RawRecord, *, partition_date: date, limits: Limits) -> dict:
    """Validate and clean one record; raise _Rejected with the reason."""
    f = record.fields
    text = f.get("text")
    if not isinstance(text, str):
        detail = "text is missing" if text is None else f"text is {_json_kind(text)}, not a string"
        raise _Rejected("empty_text", detail)
    if not text.strip():
        raise _Rejected("empty_text", "text is empty or whitespace only")
    if len(text) > limits.max_article_chars:
        raise _Rejected("too_long", f"text has {len(text)} characters, more than {limits.max_article_chars}")
    if "\x00" in text:
        raise _Rejected("binary_content", "text contains NUL characters")
    ratio = _nonprintable_ratio(text)
    if ratio > MAX_NONPRINTABLE_RATIO:
        raise _Rejected("binary_content", f"{ratio:.0%} of the text is non-printable")
    cleaned = clean_text(text)
    if not cleaned:
        raise _Rejected("empty_text", "text is empty after cleaning")
    if len(cleaned) < limits.min_article_chars:
        raise _Rejected("too_short",
                        f"text has {len(cleaned)} characters after cleaning, fewer than {limits.min_article_chars}")
    given_language = f.get("language")
    given_english = False
    if isinstance(given_language, str) and given_language.strip():
        if not _is_english_code(given_language):
            raise _Rejected("not_english", f"language is given as {_safe_str(given_language.strip()[:20])!r}")
        given_english = True
    published_at, error = parse_published_at(f.get("published_at"))
    if error:
        raise _Rejected("bad_published_at", error)
    if published_at is not None and (published_at.date() - partition_date) > timedelta(days=MAX_DAYS_AHEAD):
        raise _Rejected("future_published_at", f"published_at {published_at.isoformat()} is more than "
                                               f"{MAX_DAYS_AHEAD} days after {partition_date.isoformat()}")
    lang, prob = detect_language(cleaned)
    if lang not in ENGLISH_LIKE and prob >= NOT_ENGLISH_MIN_CONFIDENCE:
        raise _Rejected("not_english", f"detected language {lang!r} (p={prob:.2f})")
    language = "en" if (lang == "en" or given_english) else None
    return {
        "article_id": article_id_for(url=f.get("url"), text=cleaned),
        "external_id": _external_id(f.get("id")),
        "source": _clean_line(f.get("source")),
        "url": canonical_url(f.get("url")),
        "title": _clean_line(f.get("title")),
        "published_at": published_at,
        "text": cleaned,
        "language": language,
        "word_count": len(cleaned.split()),
        "content_sha256": hashlib.sha256(cleaned.encode("utf-8")).hexdigest(),
        "input_ref": _safe_str(record.input_ref),
        "partition_date": partition_date,
    }


def build_articles(
    items: Iterable[RawItem],
    *,
    partition_date: date,
    run_at: datetime,
    limits: Limits,
    known_article_ids: Collection[str] = frozenset(),
) -> tuple[pa.Table, pa.Table, dict]:
    """Validate, clean and deduplicate raw items.

    Returns the `articles` table (ARTICLES schema, sorted by article_id), the `rejected_articles` table
    (REJECTED_ARTICLES schema, in input order) and stats::

        {"read", "accepted", "rejected", "duplicates",
         "by_reason": {reason_code: n},                      # sums to rejected
         "by_duplicate": {"duplicate_in_batch": n, "already_loaded": n}}   # sums to duplicates

    with ``read == accepted + rejected + duplicates``. Duplicates (same article_id earlier in the batch, or
    already loaded in an earlier partition) are counted, not rejected; the first occurrence is kept.
    """
    rejected_at = _to_naive_utc(run_at)
    articles: dict[str, dict] = {}
    rejects: list[dict] = []
    reject_ids: set[str] = set()
    by_reason: Counter[str] = Counter()
    by_duplicate: Counter[str] = Counter({"duplicate_in_batch": 0, "already_loaded": 0})
    read = 0

    def add_reject(input_ref: str, code: str, reason: str, raw: str | None) -> None:
        input_ref = _safe_str(input_ref)
        reject_id = reject_id_for(partition_date=partition_date, input_ref=input_ref)
        n = 1
        while reject_id in reject_ids:
            n += 1
            reject_id = reject_id_for(partition_date=partition_date, input_ref=f"{input_ref}#{n}")
        reject_ids.add(reject_id)
        rejects.append({
            "reject_id": reject_id, "input_ref": input_ref, "reason_code": code, "reason": _safe_str(reason),
            "rejected_at": rejected_at, "raw_excerpt": excerpt(raw), "partition_date": partition_date,
        })
        by_reason[code] += 1

    for item in items:
        read += 1
        if isinstance(item, RawReject):
            add_reject(item.input_ref, item.reason_code, item.reason, item.raw_excerpt)
            continue
        try:
            row = _article_row(item, partition_date=partition_date, limits=limits)
        except _Rejected as rej:
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
    stats = {
        "read": read,
        "accepted": len(rows),
        "rejected": len(rejects),
        "duplicates": sum(by_duplicate.values()),
        "by_reason": dict(sorted(by_reason.items())),
        "by_duplicate": dict(by_duplicate),
    }
    if stats["read"] != stats["accepted"] + stats["rejected"] + stats["duplicates"]:  # pragma: no cover
        raise RuntimeError(f"extract accounting is broken: {stats}")
    return ARTICLES.from_rows(rows), REJECTED_ARTICLES.from_rows(rejects), stats
