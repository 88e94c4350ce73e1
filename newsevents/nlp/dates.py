"""Resolve date expressions in news text against an article's publication date.

News reports seldom give an event's full date. They say "Tuesday", "April 4" or
"last week" and rely on the reader knowing when the story was published. This
module turns such an expression into a :class:`ResolvedDate`, given that
publication date (the *anchor*), and finds candidate expressions in raw text
for when the NER model misses a DATE entity.

The module is pure: it reads no clock and does no I/O, so one input always
gives one output.
"""

import datetime
import re
from dataclasses import dataclass

__all__ = [
    "FUTURE_TOLERANCE",
    "MAX_YEAR",
    "MIN_YEAR",
    "ResolvedDate",
    "find_date_expressions",
    "resolve_date_expression",
]

MIN_YEAR = 1900
MAX_YEAR = 2100
# A "Month Day" without a year may point a little ahead (an announced vote or
# summit); a date further ahead than this is taken to be last year's.
FUTURE_TOLERANCE = datetime.timedelta(days=7)

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "day before yesterday": -2,
    "day after tomorrow": 2,
}


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar date resolved from a date expression.

    ``date`` is the day itself for day precision and the first day of the
    period for week (a Monday), month and year precision. ``precision`` is
    one of ``'day'``, ``'week'``, ``'month'`` or ``'year'``. ``method`` is
    ``'explicit'`` when the text names an absolute date and ``'relative'``
    when the anchor was needed. ``text`` is the expression as given.
    """

    date: datetime.date
    precision: str
    method: str
    text: str


# --- Resolution -----------------------------------------------------------
# The patterns below are matched in full against a lowercased, normalised
# expression.

# Longest names first, so that "september" wins over "sept" and "sep".
_MON = "(?P<mon>{})\\.?".format("|".join(sorted(_MONTHS, key=len, reverse=True)))
_WD = "|".join(_WEEKDAYS)
_WD_PREFIX = rf"(?:(?:{_WD}),?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_NUMBER = r"\d{{1,3}}|{}".format("|".join(_NUMBER_WORDS))

_ISO_RE = re.compile(
    r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
)
_NUMERIC_RE = re.compile(rf"(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/{_YEAR}")
_MDY_RE = re.compile(rf"{_WD_PREFIX}{_MON}\s*{_DAY},?\s+{_YEAR}")
_DMY_RE = re.compile(rf"{_WD_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}")
_MD_RE = re.compile(rf"{_WD_PREFIX}{_MON}\s*{_DAY}")
_DM_RE = re.compile(rf"{_WD_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}")
_MONTH_YEAR_RE = re.compile(rf"{_MON},?\s+(?:of\s+)?{_YEAR}")
_MONTH_RE = re.compile(rf"(?:(?P<mod>last|this|next)\s+)?{_MON}")
_YEAR_RE = re.compile(rf"(?:year\s+)?{_YEAR}")
_WEEKDAY_RE = re.compile(
    r"(?:(?P<mod>last|next|this coming|this past|this|coming|past)\s+)?"
    rf"(?P<wd>{_WD})"
)
_PERIOD_RE = re.compile(r"(?P<mod>last|this|next)\s+(?P<unit>week|month|year)")
_OFFSET_RE = re.compile(
    rf"(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<dir>ago|from now|hence)"
)

# "the last year" or "over the past week" is a span ending now, not the
# calendar period, and "the next few days" is no point at all.
_SPAN_RE = re.compile(r"\bthe\s+(?:last|past|next|coming)\b")
_POSSESSIVE_RE = re.compile(r"(?:'s|')$")
_TIME_OF_DAY_RE = re.compile(r"(?P<rest>.*?)\s*\b(?:night|morning|afternoon|evening)")
_LEADING_RE = re.compile(
    r"^(?:(?:on|in|at|since|by|until|till|from|during|as of|circa|around|the"
    r"|late|early|mid|earlier|later|(?:beginning|start|end|middle) of)\s+"
    r"|(?:mid|late|early)-\s*)"
)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u00a0": " "})
_EDGE_CHARS = " \"'\u201c\u201d()[],;:!?."


def _normalize(text: str) -> str:
    """Reduce an expression to its lowercased core.

    Strips the tolerated prepositions, modifiers, possessives and times of day.
    Returns an empty string for spans ending now ("the last year").
    """
    core = " ".join(text.translate(_QUOTES).split()).lower().strip(_EDGE_CHARS)
    if _SPAN_RE.search(core):
        return ""
    previous = None
    while core != previous:
        previous = core
        core = _POSSESSIVE_RE.sub("", core)
        match = _TIME_OF_DAY_RE.fullmatch(core)
        if match:
            rest = match["rest"]
            # "this morning" is today and "last night" is yesterday.
            core = {"this": "today", "last": "yesterday"}.get(rest, rest)
        core = _LEADING_RE.sub("", core).strip(_EDGE_CHARS)
    return core


def _valid_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    if not _valid_year(year):
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _infer_year(month: int, day: int, anchor: datetime.date) -> datetime.date | None:
    """Date a yearless month and day.

    Picks the latest occurrence no more than ``FUTURE_TOLERANCE`` after the
    anchor, or ``None`` if the month and day never form a valid date nearby.
    """
    limit = anchor + FUTURE_TOLERANCE
    # Starting at next year keeps "January 2" in a December 28 story ahead
    # of the anchor rather than a year back.
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        candidate = _make_date(year, month, day)
        if candidate is not None and candidate <= limit:
            return candidate
    return None


_Parsed = tuple[datetime.date, str, str] | None


def _parse_explicit(core: str) -> _Parsed:
    match = _ISO_RE.fullmatch(core)
    if match:
        year, month, day = (int(match[key]) for key in ("year", "month", "day"))
        found = _make_date(year, month, day)
        return (found, "day", "explicit") if found else None
    match = _NUMERIC_RE.fullmatch(core)
    if match:
        first, second = int(match["first"]), int(match["second"])
        # 04/05/2017 is April 5 in the US and 4 May elsewhere; only dates
        # that read the same either way are taken.
        if first <= 12 and second <= 12 and first != second:
            return None
        month, day = (first, second) if first <= 12 else (second, first)
        found = _make_date(int(match["year"]), month, day)
        return (found, "day", "explicit") if found else None
    match = _MDY_RE.fullmatch(core) or _DMY_RE.fullmatch(core)
    if match:
        month = _MONTHS[match["mon"]]
        found = _make_date(int(match["year"]), month, int(match["day"]))
        return (found, "day", "explicit") if found else None
    match = _MONTH_YEAR_RE.fullmatch(core)
    if match:
        found = _make_date(int(match["year"]), _MONTHS[match["mon"]], 1)
        return (found, "month", "explicit") if found else None
    match = _YEAR_RE.fullmatch(core)
    if match:
        found = _make_date(int(match["year"]), 1, 1)
        return (found, "year", "explicit") if found else None
    return None


def _parse_month(core: str, anchor: datetime.date) -> _Parsed:
    match = _MD_RE.fullmatch(core) or _DM_RE.fullmatch(core)
    if match:
        found = _infer_year(_MONTHS[match["mon"]], int(match["day"]), anchor)
        return (found, "day", "relative") if found else None
    match = _MONTH_RE.fullmatch(core)
    if not match:
        return None
    month = _MONTHS[match["mon"]]
    modifier = match["mod"]
    if modifier is None:
        found = _infer_year(month, 1, anchor)
        return (found, "month", "relative") if found else None
    year = anchor.year
    if modifier == "last" and month >= anchor.month:
        year -= 1
    elif modifier == "next" and month <= anchor.month:
        year += 1
    return datetime.date(year, month, 1), "month", "relative"


def _parse_weekday(core: str, anchor: datetime.date) -> _Parsed:
    match = _WEEKDAY_RE.fullmatch(core)
    if not match:
        return None
    weekday = _WEEKDAYS.index(match["wd"])
    modifier = match["mod"]
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if modifier is None:
        offset = -back
    elif modifier in ("last", "this past", "past"):
        offset = -(back or 7)
    elif modifier in ("next", "this coming", "coming"):
        offset = ahead or 7
    else:
        # "this Friday" is the Friday of the anchor's Monday-to-Sunday week.
        offset = weekday - anchor.weekday()
    return anchor + datetime.timedelta(days=offset), "day", "relative"


def _parse_period(core: str, anchor: datetime.date) -> _Parsed:
    match = _PERIOD_RE.fullmatch(core)
    if not match:
        return None
    step = {"last": -1, "this": 0, "next": 1}[match["mod"]]
    unit = match["unit"]
    if unit == "week":
        found = _monday(anchor) + datetime.timedelta(weeks=step)
    elif unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, step)
        found = datetime.date(year, month, 1)
    else:
        found = datetime.date(anchor.year + step, 1, 1)
    return found, unit, "relative"


def _parse_offset(core: str, anchor: datetime.date) -> _Parsed:
    if core in _DAY_OFFSETS:
        return anchor + datetime.timedelta(days=_DAY_OFFSETS[core]), "day", "relative"
    match = _OFFSET_RE.fullmatch(core)
    if not match:
        return None
    count = match["n"]
    amount = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    if match["dir"] == "ago":
        amount = -amount
    unit = match["unit"]
    try:
        if unit == "day":
            found = anchor + datetime.timedelta(days=amount)
        elif unit == "week":
            found = _monday(anchor + datetime.timedelta(weeks=amount))
        elif unit == "month":
            year, month = _shift_month(anchor.year, anchor.month, amount)
            found = datetime.date(year, month, 1)
        else:
            found = datetime.date(anchor.year + amount, 1, 1)
    except (ValueError, OverflowError):
        return None
    return found, unit, "relative"


def resolve_date_expression(*, text: str, anchor: datetime.date) -> ResolvedDate | None:
    """Resolve a date expression against the article's publication date.

    ``text`` is a DATE entity or short phrase such as "Tuesday night",
    "April 4", "in 2003", "last week" or "two days ago"; ``anchor`` is the
    publication date. Returns ``None`` for what names no single point or
    period in time: durations ("three years"), vague spans ("recent
    years"), decades ("the 1990s"), expressions that refer back to another
    date in the story ("the same day") and invalid dates ("February 30").
    """
    if isinstance(anchor, datetime.datetime):
        anchor = anchor.date()
    core = _normalize(text)
    if not core:
        return None
    parsed = (
        _parse_explicit(core)
        or _parse_month(core, anchor)
        or _parse_weekday(core, anchor)
        or _parse_period(core, anchor)
        or _parse_offset(core, anchor)
    )
    if parsed is None:
        return None
    found, precision, method = parsed
    return ResolvedDate(date=found, precision=precision, method=method, text=text)


# --- Detection in raw text -------------------------------------------------
# Month and weekday names must be capitalised here, so that "may", "march" and
# "sun" as ordinary words are not taken for dates.

_F_MON = (
    "(?:{}|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\.?)(?!\\w)".format(
        "|".join(name.capitalize() for name in _MONTH_NAMES)
    )
)
# Named days that are not the weekday of the week they fall in.
_NAMED_DAYS = ("Ash", "Black", "Bloody", "Cyber", "Easter", "Good", "Holy", "Palm")
_F_WD = "{}\\b(?:{})\\b".format(
    "".join(f"(?<!{name} )" for name in _NAMED_DAYS),
    "|".join(name.capitalize() for name in _WEEKDAYS),
)
_F_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![\d\w])"
# A year is not part of a price, number, range or decade ("$2003", "2016%",
# "2015-16", "1990s").
_F_YEAR = (
    r"(?<![\w$\u00a3\u20ac#/.,])(?<!\d-)(?:19\d\d|20\d\d|2100)"
    r"(?![\d%]|[-/.,]\d|s\b)"
)
_F_WD_PREFIX = rf"(?:{_F_WD},?\s+)?"
_F_PREPOSITION = (
    r"(?i:in|since|by|until|till|during|from|through"
    r"|(?:the\s+)?(?:beginning|start|end|middle)\s+of)"
)
_F_TIME_OF_DAY = r"(?:\s+(?i:night|morning|afternoon|evening)\b)?"

_FINDERS = (
    re.compile(r"(?<![\d/.-])\d{4}-\d{1,2}-\d{1,2}(?![\d-])"),
    re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?![\d/])"),
    re.compile(rf"{_F_WD_PREFIX}{_F_MON}\s+{_F_DAY}(?:,?\s+{_F_YEAR})?"),
    re.compile(
        rf"{_F_WD_PREFIX}(?<![\d.,])(?:(?i:the)\s+)?\d{{1,2}}(?:st|nd|rd|th)?"
        rf"\s+(?:of\s+)?{_F_MON}(?:,?\s+{_F_YEAR})?"
    ),
    re.compile(rf"{_F_MON},?\s+(?:of\s+)?{_F_YEAR}"),
    re.compile(rf"\b{_F_PREPOSITION}\s+(?P<d>{_F_MON})"),
    re.compile(rf"\b(?i:early|late|mid|last|next|this)(?:\s+|-){_F_MON}"),
    re.compile(rf"(?:\b(?i:early|late|mid)(?:\s+|-))?{_F_YEAR}"),
    re.compile(
        r"(?:\b(?i:last|next|this\s+coming|this\s+past|this|coming)\s+)?"
        rf"{_F_WD}{_F_TIME_OF_DAY}"
    ),
    re.compile(
        r"(?<!the\s)\b(?:(?:earlier|later|early|late)\s+)?"
        r"(?:last|this|next)\s+(?:week|month|year)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<!usa\s)\b(?:(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)"
        r"|(?:(?:earlier|later)\s+)?(?:yesterday|today|tonight|tomorrow)"
        r"(?:\s+(?:morning|afternoon|evening|night))?"
        r"|last\s+night|this\s+(?:morning|afternoon|evening))\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:{_NUMBER})\s+(?:day|week|month|year)s?\s+(?:ago|from\s+now|hence)\b",
        re.IGNORECASE,
    ),
)


def find_date_expressions(*, text: str) -> list[tuple[int, int, str]]:
    """Find candidate date expressions in raw text by pattern.

    This is the fallback for DATE entities the NER model misses. It returns
    ``(start, end, matched_text)`` character spans, in order and without
    overlaps (the longest match wins), covering the forms that
    :func:`resolve_date_expression` resolves. Spans leave out prepositions
    ("in 2003" gives "2003") but keep modifiers that change the meaning
    ("last week", "late March", "Tuesday night").
    """
    spans = []
    for finder in _FINDERS:
        for match in finder.finditer(text):
            group = "d" if "d" in finder.groupindex else 0
            spans.append((match.start(group), match.end(group)))
    spans.sort(key=lambda span: (span[0], span[0] - span[1]))
    found: list[tuple[int, int, str]] = []
    for start, end in spans:
        if not found or start >= found[-1][1]:
            found.append((start, end, text[start:end]))
    return found
