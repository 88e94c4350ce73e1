"""The rules a table contract declares about its rows: what a valid value is, and which rows it must agree with.

Rules are plain data. The quality gate turns them into Great Expectations suites and cross-table checks
(`newsevents.quality`), the data dictionary renders their `describe()` text (`newsevents.core.render`); neither
keeps a rule of its own. Every rule carries a severity: `error` fails the gate, `warning` is only recorded.
Nulls pass every value rule: whether a column may be null is the column's `nullable`, checked separately.

Spans and dates are anchored on the row's article: `article_id` joins `articles`, whose `text` the offsets
index into and whose `published_at` bounds the dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)

#: No event or statement in the news we code is older than this.
MIN_DATE = date(1900, 1, 1)

ARTICLES_TABLE = "articles"
ARTICLE_ID = "article_id"
ARTICLE_TEXT = "text"
ARTICLE_PUBLISHED = "published_at"


def _check_severity(severity: str) -> None:
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}; expected one of {SEVERITIES}")


def _severity_note(severity: str) -> str:
    return " (warning)" if severity == WARNING else ""


@dataclass(frozen=True)
class CodeTable:
    """An accepted-value set read from a code table when a rule is used, not when the contracts are imported.

    A missing code file then fails the run that needs it (loudly, see `core.codes`) instead of every import.
    """

    description: str
    load: Callable[[], Iterable]

    def __iter__(self):
        return iter(self.load())


@dataclass(frozen=True)
class Accepted:
    """The column's values are one of a fixed set (a tuple, or a `CodeTable`)."""

    values: tuple | CodeTable
    severity: str = ERROR

    def value_list(self) -> list:
        return list(self.values)

    def describe(self) -> str:
        if isinstance(self.values, CodeTable):
            return f"one of the {self.values.description}" + _severity_note(self.severity)
        return "one of " + ", ".join(f"`{v}`" for v in self.values) + _severity_note(self.severity)


@dataclass(frozen=True)
class Pattern:
    """The column's values match a regular expression (anchored by the expression itself)."""

    regex: str
    severity: str = ERROR

    def describe(self) -> str:
        return f"matches `{self.regex}`" + _severity_note(self.severity)


@dataclass(frozen=True)
class Range:
    """The column's values lie between `min` and `max`, both inclusive; either bound may be open (None)."""

    min: float | None = None
    max: float | None = None
    severity: str = ERROR

    def describe(self) -> str:
        if self.max is None:
            text = f">= {self.min}"
        elif self.min is None:
            text = f"<= {self.max}"
        else:
            text = f"{self.min} to {self.max}"
        return text + _severity_note(self.severity)


@dataclass(frozen=True)
class Dated:
    """A date column's plausibility bounds, each with its own severity.

    * `after_run`: the date lies between `MIN_DATE` and the run's logical date + 1 day (GX suite);
    * `before_min`: the date is not before `MIN_DATE` (cross-table check, reported on its own);
    * `after_published`: the date is not after its article's publication date + 1 day (cross-table check).
    """

    after_run: str = ERROR
    before_min: str = ERROR
    after_published: str = WARNING

    @property
    def severities(self) -> tuple[str, ...]:
        return self.after_run, self.before_min, self.after_published

    def describe(self) -> str:
        return (f"not before {MIN_DATE.isoformat()}{_severity_note(self.before_min)}; "
                f"not after the run's date + 1 day{_severity_note(self.after_run)}; "
                f"not after its article's `published_at` + 1 day{_severity_note(self.after_published)}")


@dataclass(frozen=True)
class _Worded:
    """A rule with nothing to it but its severity; `words` say what it requires."""

    severity: str = ERROR
    words: ClassVar[str] = ""

    def describe(self) -> str:
        return self.words + _severity_note(self.severity)


@dataclass(frozen=True)
class NonBlank(_Worded):
    """The column's values are not blank (whitespace only); a null counts as blank here."""

    words: ClassVar[str] = "not blank"


@dataclass(frozen=True)
class Prefix:
    """The column equals the first `length` characters of column `of` (rows where either is null pass)."""

    of: str
    length: int
    severity: str = ERROR

    def describe(self) -> str:
        return f"equals `{self.of}[:{self.length}]`" + _severity_note(self.severity)


@dataclass(frozen=True)
class RunDate(_Worded):
    """The column holds the logical date of the run that validates it (the lake partition)."""

    words: ClassVar[str] = "equals the run's logical date"


@dataclass(frozen=True)
class Reference:
    """A foreign key: every non-null value (tuple) of `columns` exists among `table`'s `parent_columns`.

    `parent_columns` defaults to the same names. Single-column keys are usually declared on the column
    (`Column(..., references=("actors", "actor_id"))`); compound ones on the table.
    """

    columns: tuple[str, ...]
    table: str
    parent_columns: tuple[str, ...] | None = None
    severity: str = ERROR

    @property
    def parent(self) -> tuple[str, ...]:
        return self.parent_columns or self.columns

    def describe(self) -> str:
        if len(self.columns) == 1:
            return f"references `{self.table}.{self.parent[0]}`" + _severity_note(self.severity)
        cols = ", ".join(f"`{c}`" for c in self.columns)
        parent = ", ".join(f"`{c}`" for c in self.parent)
        return f"({cols}) references `{self.table}` ({parent})" + _severity_note(self.severity)


@dataclass(frozen=True)
class Span:
    """A character span `[start, end)` into the row's article text.

    `end` > `start` whenever both are set (error); the span lies within `articles.text` (error); `surface`,
    if given, equals `articles.text[start:end]` exactly (`surface_severity`); `contains`, if given, occurs
    inside that text (`contains_severity`). A row with neither offset set has no span to check.
    """

    start: str = "start_char"
    end: str = "end_char"
    surface: str | None = None
    surface_severity: str = ERROR
    contains: str | None = None
    contains_severity: str = WARNING

    @property
    def severities(self) -> tuple[str, ...]:
        return self.surface_severity, self.contains_severity

    @property
    def slice_text(self) -> str:
        return f"{ARTICLES_TABLE}.{ARTICLE_TEXT}[{self.start}:{self.end}]"

    def describe_for(self, column: str) -> str:
        """What this span requires of `column` (empty when the column plays no part in it)."""
        if column == self.start:
            return f"with `{self.end}`, a span within the article's `text`"
        if column == self.end:
            return f"greater than `{self.start}`"
        if column == self.surface:
            return f"equals `{self.slice_text}`" + _severity_note(self.surface_severity)
        if column == self.contains:
            return f"found in `{self.slice_text}`" + _severity_note(self.contains_severity)
        return ""

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c for c in (self.start, self.end, self.surface, self.contains) if c)


#: Every column-level rule type.
Rule = Accepted | Pattern | Range | Dated | NonBlank | Prefix | RunDate | Reference


def check_severities(rules: Iterable[Rule | Span]) -> None:
    """Raise ValueError for any rule whose severity is not `error` or `warning`."""
    for rule in rules:
        for severity in getattr(rule, "severities", None) or (rule.severity,):
            _check_severity(severity)
