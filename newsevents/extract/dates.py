"""Publication times: `published_at` values of any accepted shape -> naive UTC datetimes.

Grain: one value in (ISO 8601 or RFC 2822 string, `datetime`, `date`), one naive UTC datetime or a reason
why it is unusable out. No clock reads: range checks against the run's date are in `validation`.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, date, datetime

from newsevents.extract.cleaning import safe_str
from newsevents.extract.records import json_kind

MIN_YEAR = 1900


def to_naive_utc(dt: datetime) -> datetime:
    """`dt` in UTC without a zone; a naive `dt` is taken to be UTC already."""
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
            dt = to_naive_utc(value)
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
                return None, f"unparsable published_at {safe_str(text)!r}"
        else:
            return None, f"published_at must be an ISO 8601 string, got {json_kind(value)}"
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
        return to_naive_utc(datetime.fromisoformat(iso))
    except ValueError:
        pass
    try:
        return to_naive_utc(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None
