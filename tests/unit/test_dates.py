"""Tests for resolving and finding date expressions in news text."""

import ast
import dataclasses
import datetime
import inspect
import itertools

import pytest

from newsevents.nlp import dates
from newsevents.nlp.dates import (
    ResolvedDate,
    find_date_expressions,
    resolve_date_expression,
)

D = datetime.date
# The seed article was published on Wednesday 2017-04-12.
SEED_ANCHOR = D(2017, 4, 12)


def _resolve(text: str, anchor: datetime.date = SEED_ANCHOR) -> ResolvedDate | None:
    return resolve_date_expression(text=text, anchor=anchor)


SEED_CASES = [
    # Bare weekdays: the most recent such day on or before the anchor.
    ("Wednesday", D(2017, 4, 12), "day", "relative"),
    ("Tuesday", D(2017, 4, 11), "day", "relative"),
    ("Tuesday night", D(2017, 4, 11), "day", "relative"),
    ("on Monday", D(2017, 4, 10), "day", "relative"),
    ("Monday morning", D(2017, 4, 10), "day", "relative"),
    ("Friday's", D(2017, 4, 7), "day", "relative"),
    ("Friday\u2019s", D(2017, 4, 7), "day", "relative"),
    ("Thursday", D(2017, 4, 6), "day", "relative"),
    ("Saturday evening", D(2017, 4, 8), "day", "relative"),
    ("Sunday", D(2017, 4, 9), "day", "relative"),
    ("by Friday", D(2017, 4, 7), "day", "relative"),
    # Weekdays with modifiers.
    ("next Monday", D(2017, 4, 17), "day", "relative"),
    ("next Wednesday", D(2017, 4, 19), "day", "relative"),
    ("this coming Friday", D(2017, 4, 14), "day", "relative"),
    ("this Friday", D(2017, 4, 14), "day", "relative"),
    ("this Monday", D(2017, 4, 10), "day", "relative"),
    ("last Wednesday", D(2017, 4, 5), "day", "relative"),
    ("last Monday", D(2017, 4, 10), "day", "relative"),
    ("this past Sunday", D(2017, 4, 9), "day", "relative"),
    # Month and day without a year.
    ("April 4", D(2017, 4, 4), "day", "relative"),
    ("April 7", D(2017, 4, 7), "day", "relative"),
    ("April 11", D(2017, 4, 11), "day", "relative"),
    ("on April 11th", D(2017, 4, 11), "day", "relative"),
    ("Apr. 11", D(2017, 4, 11), "day", "relative"),
    ("Apr 11", D(2017, 4, 11), "day", "relative"),
    ("11 April", D(2017, 4, 11), "day", "relative"),
    ("the 11th of April", D(2017, 4, 11), "day", "relative"),
    ("Tuesday, April 11", D(2017, 4, 11), "day", "relative"),
    ("April 19", D(2017, 4, 19), "day", "relative"),
    ("April 20", D(2016, 4, 20), "day", "relative"),
    ("Sept. 5", D(2016, 9, 5), "day", "relative"),
    ("Sept 5", D(2016, 9, 5), "day", "relative"),
    ("5 September", D(2016, 9, 5), "day", "relative"),
    ("Dec. 28", D(2016, 12, 28), "day", "relative"),
    ("January 20", D(2017, 1, 20), "day", "relative"),
    # Month alone.
    ("in March", D(2017, 3, 1), "month", "relative"),
    ("late March", D(2017, 3, 1), "month", "relative"),
    ("mid-March", D(2017, 3, 1), "month", "relative"),
    ("early April", D(2017, 4, 1), "month", "relative"),
    ("the end of January", D(2017, 1, 1), "month", "relative"),
    ("May", D(2016, 5, 1), "month", "relative"),
    ("since June", D(2016, 6, 1), "month", "relative"),
    ("last March", D(2017, 3, 1), "month", "relative"),
    ("last April", D(2016, 4, 1), "month", "relative"),
    ("this June", D(2017, 6, 1), "month", "relative"),
    ("next March", D(2018, 3, 1), "month", "relative"),
    # Years: a 2003 event must never be dated 2017.
    ("in 2003", D(2003, 1, 1), "year", "explicit"),
    ("2003", D(2003, 1, 1), "year", "explicit"),
    ("2016", D(2016, 1, 1), "year", "explicit"),
    ("2016's", D(2016, 1, 1), "year", "explicit"),
    ("mid-2016", D(2016, 1, 1), "year", "explicit"),
    ("late 2016", D(2016, 1, 1), "year", "explicit"),
    ("early 1999", D(1999, 1, 1), "year", "explicit"),
    ("the year 2003", D(2003, 1, 1), "year", "explicit"),
    ("until 2020", D(2020, 1, 1), "year", "explicit"),
    ("1900", D(1900, 1, 1), "year", "explicit"),
    ("2100", D(2100, 1, 1), "year", "explicit"),
    # Month and year.
    ("March 2015", D(2015, 3, 1), "month", "explicit"),
    ("March, 2015", D(2015, 3, 1), "month", "explicit"),
    ("March of 2015", D(2015, 3, 1), "month", "explicit"),
    ("in Sept. 2015", D(2015, 9, 1), "month", "explicit"),
    ("late March 2015", D(2015, 3, 1), "month", "explicit"),
    # Full dates.
    ("April 11, 2017", D(2017, 4, 11), "day", "explicit"),
    ("April 11 2017", D(2017, 4, 11), "day", "explicit"),
    ("April 11th, 2017", D(2017, 4, 11), "day", "explicit"),
    ("Apr. 11, 2017", D(2017, 4, 11), "day", "explicit"),
    ("APRIL 11, 2017", D(2017, 4, 11), "day", "explicit"),
    ("11 April 2017", D(2017, 4, 11), "day", "explicit"),
    ("11 April, 2017", D(2017, 4, 11), "day", "explicit"),
    ("the 11th of April 2017", D(2017, 4, 11), "day", "explicit"),
    ("Tuesday, April 11, 2017", D(2017, 4, 11), "day", "explicit"),
    ("on Sept. 5, 2016", D(2016, 9, 5), "day", "explicit"),
    ("2017-04-11", D(2017, 4, 11), "day", "explicit"),
    ("2017/04/11", D(2017, 4, 11), "day", "explicit"),
    ("04/13/2017", D(2017, 4, 13), "day", "explicit"),
    ("13/04/2017", D(2017, 4, 13), "day", "explicit"),
    ("05/05/2017", D(2017, 5, 5), "day", "explicit"),
    ("December 28, 2003", D(2003, 12, 28), "day", "explicit"),
    # Calendar periods relative to the anchor.
    ("last week", D(2017, 4, 3), "week", "relative"),
    ("this week", D(2017, 4, 10), "week", "relative"),
    ("earlier this week", D(2017, 4, 10), "week", "relative"),
    ("next week", D(2017, 4, 17), "week", "relative"),
    ("last month", D(2017, 3, 1), "month", "relative"),
    ("this month", D(2017, 4, 1), "month", "relative"),
    ("earlier this month", D(2017, 4, 1), "month", "relative"),
    ("later this month", D(2017, 4, 1), "month", "relative"),
    ("next month", D(2017, 5, 1), "month", "relative"),
    ("last year", D(2016, 1, 1), "year", "relative"),
    ("late last year", D(2016, 1, 1), "year", "relative"),
    ("the end of last year", D(2016, 1, 1), "year", "relative"),
    ("this year", D(2017, 1, 1), "year", "relative"),
    ("earlier this year", D(2017, 1, 1), "year", "relative"),
    ("next year", D(2018, 1, 1), "year", "relative"),
    # Days relative to the anchor.
    ("yesterday", D(2017, 4, 11), "day", "relative"),
    ("Yesterday's", D(2017, 4, 11), "day", "relative"),
    ("yesterday afternoon", D(2017, 4, 11), "day", "relative"),
    ("last night", D(2017, 4, 11), "day", "relative"),
    ("today", D(2017, 4, 12), "day", "relative"),
    ("earlier today", D(2017, 4, 12), "day", "relative"),
    ("tonight", D(2017, 4, 12), "day", "relative"),
    ("this morning", D(2017, 4, 12), "day", "relative"),
    ("this evening", D(2017, 4, 12), "day", "relative"),
    ("tomorrow", D(2017, 4, 13), "day", "relative"),
    ("tomorrow night", D(2017, 4, 13), "day", "relative"),
    ("the day before yesterday", D(2017, 4, 10), "day", "relative"),
    ("the day after tomorrow", D(2017, 4, 14), "day", "relative"),
    # Offsets from the anchor.
    ("two days ago", D(2017, 4, 10), "day", "relative"),
    ("2 days ago", D(2017, 4, 10), "day", "relative"),
    ("a day ago", D(2017, 4, 11), "day", "relative"),
    ("ten days ago", D(2017, 4, 2), "day", "relative"),
    ("three days from now", D(2017, 4, 15), "day", "relative"),
    ("a week ago", D(2017, 4, 3), "week", "relative"),
    ("three weeks ago", D(2017, 3, 20), "week", "relative"),
    ("two weeks from now", D(2017, 4, 24), "week", "relative"),
    ("two months ago", D(2017, 2, 1), "month", "relative"),
    ("twelve months ago", D(2016, 4, 1), "month", "relative"),
    ("five months ago", D(2016, 11, 1), "month", "relative"),
    ("a year ago", D(2016, 1, 1), "year", "relative"),
    ("five years ago", D(2012, 1, 1), "year", "relative"),
    ("14 years ago", D(2003, 1, 1), "year", "relative"),
    # Whitespace, case and quotes are tolerated.
    ("  LAST   WEEK ", D(2017, 4, 3), "week", "relative"),
    ("\u201cApril 4\u201d", D(2017, 4, 4), "day", "relative"),
    ("(2003)", D(2003, 1, 1), "year", "explicit"),
]


@pytest.mark.parametrize(("text", "expected", "precision", "method"), SEED_CASES)
def test_resolves_against_seed_anchor(text, expected, precision, method):
    assert _resolve(text) == ResolvedDate(
        date=expected, precision=precision, method=method, text=text
    )


UNRESOLVABLE = [
    # Vague or non-temporal.
    "the past",
    "recent years",
    "the same way",
    "decades",
    "a few days ago",
    "several years ago",
    "the 15th",
    "",
    "   ",
    "night",
    "this",
    "last",
    # Durations are not points in time.
    "two-hour",
    "15 months",
    "three years",
    "two weeks",
    "for three years",
    "in two days",
    # Spans ending now, not calendar periods.
    "the last year",
    "over the past week",
    "the past two years",
    "the next few days",
    # Anaphora: these refer to another date in the story, not the anchor.
    "the same day",
    "the previous day",
    "the next day",
    "two days later",
    "a week earlier",
    # Decades are not guessed.
    "the 1990s",
    "in the 1990s",
    "1990s",
    "the '90s",
    # Invalid dates.
    "February 30",
    "February 30, 2017",
    "2017-02-30",
    "30/02/2017",
    "April 31",
    "February 29, 2017",
    "April 0",
    "2017-13-01",
    # Years out of range.
    "1850",
    "in 1899",
    "2101",
    "March 1850",
    "April 11, 1776",
    # Ambiguous day/month order.
    "04/05/2017",
    # Named days that are not the weekday of the current week.
    "Bloody Sunday",
    "Good Friday",
    # Recurring, not a single day.
    "Fridays",
    # Partial or compound expressions.
    "2016-17",
    "April 4-5",
]


@pytest.mark.parametrize("text", UNRESOLVABLE)
def test_unresolvable_expressions_give_none(text):
    assert _resolve(text) is None


YEAR_BOUNDARY_CASES = [
    # A story of Friday 2018-01-05 looks back into the old year.
    (D(2018, 1, 5), "December 28", D(2017, 12, 28), "day"),
    (D(2018, 1, 5), "Dec. 31", D(2017, 12, 31), "day"),
    (D(2018, 1, 5), "January 2", D(2018, 1, 2), "day"),
    (D(2018, 1, 5), "January 12", D(2018, 1, 12), "day"),
    (D(2018, 1, 5), "January 13", D(2017, 1, 13), "day"),
    (D(2018, 1, 5), "December", D(2017, 12, 1), "month"),
    (D(2018, 1, 5), "last month", D(2017, 12, 1), "month"),
    (D(2018, 1, 5), "last week", D(2017, 12, 25), "week"),
    (D(2018, 1, 5), "this week", D(2018, 1, 1), "week"),
    (D(2018, 1, 5), "last year", D(2017, 1, 1), "year"),
    (D(2018, 1, 5), "Monday", D(2018, 1, 1), "day"),
    (D(2018, 1, 5), "Saturday", D(2017, 12, 30), "day"),
    (D(2018, 1, 5), "two months ago", D(2017, 11, 1), "month"),
    (D(2018, 1, 1), "yesterday", D(2017, 12, 31), "day"),
    # A story of 2017-12-28 may announce an event a few days into next year.
    (D(2017, 12, 28), "January 2", D(2018, 1, 2), "day"),
    (D(2017, 12, 28), "January 4", D(2018, 1, 4), "day"),
    (D(2017, 12, 28), "January 5", D(2017, 1, 5), "day"),
    (D(2017, 12, 28), "next month", D(2018, 1, 1), "month"),
    (D(2017, 12, 28), "next week", D(2018, 1, 1), "week"),
    (D(2017, 12, 31), "tomorrow", D(2018, 1, 1), "day"),
    # Leap years: a yearless February 29 takes the latest valid one.
    (D(2017, 3, 1), "February 29", D(2016, 2, 29), "day"),
    (D(2016, 3, 1), "February 29", D(2016, 2, 29), "day"),
    (D(2016, 3, 31), "one month ago", D(2016, 2, 1), "month"),
]


@pytest.mark.parametrize(
    ("anchor", "text", "expected", "precision"), YEAR_BOUNDARY_CASES
)
def test_year_boundaries(anchor, text, expected, precision):
    resolved = _resolve(text, anchor)
    assert resolved is not None
    assert (resolved.date, resolved.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (D(2017, 4, 10), D(2017, 4, 10)),  # Monday: the same day
        (D(2017, 4, 9), D(2017, 4, 3)),  # Sunday: six days back
        (D(2017, 4, 11), D(2017, 4, 10)),
    ],
)
def test_bare_weekday_is_on_or_before_anchor(anchor, expected):
    resolved = _resolve("Monday", anchor)
    assert resolved is not None
    assert resolved.date == expected


def test_explicit_dates_ignore_the_anchor():
    for anchor in (D(1990, 1, 1), SEED_ANCHOR, D(2099, 12, 31)):
        for text in ("in 2003", "April 11, 2017", "2017-04-11", "March 2015"):
            resolved = _resolve(text, anchor)
            assert resolved is not None
            assert resolved.method == "explicit"
            assert resolved == _resolve(text)


def test_week_precision_starts_on_monday():
    for text in ("last week", "this week", "next week", "three weeks ago"):
        resolved = _resolve(text)
        assert resolved is not None
        assert resolved.date.weekday() == 0


def test_datetime_anchor_is_reduced_to_its_date():
    resolved = resolve_date_expression(
        text="yesterday", anchor=datetime.datetime(2017, 4, 12, 23, 59)
    )
    assert resolved is not None
    assert type(resolved.date) is datetime.date
    assert resolved.date == D(2017, 4, 11)


def test_text_is_kept_as_given():
    resolved = _resolve("  on Friday\u2019s ")
    assert resolved is not None
    assert resolved.text == "  on Friday\u2019s "


def test_resolved_date_is_frozen():
    resolved = _resolve("today")
    with pytest.raises(dataclasses.FrozenInstanceError):
        resolved.date = D(2000, 1, 1)


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        resolve_date_expression("today", SEED_ANCHOR)
    with pytest.raises(TypeError):
        find_date_expressions("today")


def test_module_reads_no_clock_and_imports_only_stdlib():
    tree = ast.parse(inspect.getsource(dates))
    forbidden = {"today", "now", "utcnow", "time", "monotonic"}
    called = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not called & forbidden
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module)
    assert imported <= {"re", "datetime", "calendar", "dataclasses"}


# --- find_date_expressions -------------------------------------------------

SEED_PARAGRAPH = (
    "WASHINGTON \u2014 On Wednesday, Secretary of State Rex Tillerson met "
    "Russian officials in Moscow, a week after the April 4 chemical attack in "
    "Syria. U.S. forces struck a Syrian air base on April 7, and officials "
    "briefed Congress on April 11. Last week, analysts compared the strike "
    "with the invasion of Iraq in 2003 and with Russia's meddling in the 2016 "
    "U.S. presidential elections."
)


def test_finds_expressions_in_seed_paragraph():
    found = find_date_expressions(text=SEED_PARAGRAPH)
    assert [match for _, _, match in found] == [
        "Wednesday",
        "April 4",
        "April 7",
        "April 11",
        "Last week",
        "2003",
        "2016",
    ]
    for start, end, match in found:
        assert SEED_PARAGRAPH[start:end] == match


def test_found_seed_expressions_resolve_to_the_article_dates():
    resolved = [
        _resolve(match) for _, _, match in find_date_expressions(text=SEED_PARAGRAPH)
    ]
    assert [(r.date, r.precision) for r in resolved] == [
        (D(2017, 4, 12), "day"),
        (D(2017, 4, 4), "day"),
        (D(2017, 4, 7), "day"),
        (D(2017, 4, 11), "day"),
        (D(2017, 4, 3), "week"),
        (D(2003, 1, 1), "year"),
        (D(2016, 1, 1), "year"),
    ]


FIND_CASES = [
    ("The talks ended Tuesday night.", ["Tuesday night"]),
    ("Friday's vote was delayed.", ["Friday"]),
    ("He arrives next Monday.", ["next Monday"]),
    ("It was signed on April 11, 2017, in Geneva.", ["April 11, 2017"]),
    ("It was signed on Tuesday, April 11, 2017.", ["Tuesday, April 11, 2017"]),
    ("It was signed on 11 April 2017.", ["11 April 2017"]),
    ("It was signed on the 11th of April.", ["the 11th of April"]),
    ("The report was filed 2017-04-11.", ["2017-04-11"]),
    ("The report was filed 04/13/2017.", ["04/13/2017"]),
    ("The vote is set for Sept. 5.", ["Sept. 5"]),
    ("The vote is set for Apr. 11 in Paris.", ["Apr. 11"]),
    ("Elections were held in March 2015.", ["March 2015"]),
    ("Protests began in late March.", ["late March"]),
    ("Fighting resumed in March and eased by mid-March.", ["March", "mid-March"]),
    ("Growth slowed in mid-2016.", ["mid-2016"]),
    ("Talks ran from 2014 to 2016.", ["2014", "2016"]),
    (
        "Troops withdrew two days ago and will return next week.",
        ["two days ago", "next week"],
    ),
    ("Earlier this month, rebels seized the town.", ["Earlier this month"]),
    ("The minister resigned last night.", ["last night"]),
    ("The minister spoke this morning.", ["this morning"]),
    ("USA Today reported the vote yesterday.", ["yesterday"]),
    ("Three weeks ago the strike began.", ["Three weeks ago"]),
    # Not dates, or not points in time.
    ("May officials march in protest?", []),
    ("The deal cost $2003 and 15 months of work in the 1990s.", []),
    ("Turnout rose 2016% over the last year.", []),
    ("Marchers gathered on Bloody Sunday and Good Friday.", []),
    ("The 2015-2016 season and fiscal 2016-17.", []),
    ("The siege lasted three years.", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_date_expressions(text, expected):
    found = find_date_expressions(text=text)
    assert [match for _, _, match in found] == expected
    for start, end, match in found:
        assert text[start:end] == match


def test_found_spans_are_ordered_and_disjoint():
    text = " ".join(sentence for sentence, _ in FIND_CASES) + " " + SEED_PARAGRAPH
    found = find_date_expressions(text=text)
    assert found
    for (_, end, _), (start, _, _) in itertools.pairwise(found):
        assert end <= start


def test_every_found_expression_resolves():
    text = " ".join(sentence for sentence, _ in FIND_CASES) + " " + SEED_PARAGRAPH
    for _, _, match in find_date_expressions(text=text):
        assert _resolve(match) is not None, match
