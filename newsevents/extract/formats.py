"""Input formats -> raw items: JSON Lines records, plain-text files and HTML pages.

Grain: one JSON line, one text file or one HTML page in (bytes), one `RawRecord` or `RawReject` out. Pure:
the caller (`newsevents.adapters.sources`) reads the bytes. RSS/Atom feeds are in `newsevents.extract.feeds`.
"""

from __future__ import annotations

import json

import trafilatura

from newsevents.extract.records import RawItem, RawRecord, RawReject, excerpt, json_kind

#: Fields of an input record that the extract stage uses; everything else is ignored.
RECORD_FIELDS = ("text", "published_at", "id", "url", "source", "title", "language")
#: Names other feeds and dumps give the publication time; used only when `published_at` is absent.
PUBLISHED_ALIASES = ("published", "publication_date", "pubDate", "date", "datetime")


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
        kind = json_kind(obj)
        return RawReject(input_ref, "not_an_object", f"JSON line is {kind}, not an object", raw)
    fields = {k: obj[k] for k in RECORD_FIELDS if k in obj}
    if "published_at" not in fields:
        alias = next((a for a in PUBLISHED_ALIASES if obj.get(a) not in (None, "")), None)
        if alias is not None:
            fields["published_at"] = obj[alias]
    return RawRecord(input_ref, fields, raw)


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


#: Bytes that do not occur in text (controls other than tab, newline, form feed and carriage return).
_BINARY_BYTES = frozenset(range(0, 9)) | {11} | frozenset(range(14, 32)) | {127}


def looks_binary(data: bytes, sample: int = 4096) -> bool:
    """Whether a document's first bytes are binary: a NUL, or more than 10% control bytes."""
    head = data[:sample]
    if b"\0" in head:
        return True
    return bool(head) and sum(b in _BINARY_BYTES for b in head) > len(head) // 10


def parse_html_document(data: bytes, *, input_ref: str, url: str | None = None) -> RawItem:
    """An HTML page -> main text, title and date, extracted with trafilatura."""
    raw = excerpt(data)
    if looks_binary(data):  # an image or archive named .html is not "empty text"
        return RawReject(input_ref, "binary_content", "file is binary (NUL bytes or mostly non-text bytes), not HTML",
                         raw)
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
