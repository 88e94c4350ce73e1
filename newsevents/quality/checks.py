"""Cross-table checks: the contract rules GX cannot evaluate on one table, computed with pyarrow and Python.

Every check here is generated from a declaration in `newsevents/core/contracts.py`:

* `Reference` (a column's `references=` or a table's `references`): foreign keys between tables;
* `Span`: offsets within the article's text, surfaces equal to `articles.text[start:end]`, contained words;
* `Dated`: dates not before `MIN_DATE` and not after their article's publication date + 1 day;
* `max_rows_per_article`: rows per article within a plausible bound;
* `RunDate`, `NonBlank`, `Prefix`: row rules that need the run's date or plain Python.

A missing table is treated as empty here (the GX side reports it as `table_present`). Each check is one
`Check` with an `unexpected_count`, the number of rows looked at and up to five offending examples.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

import pyarrow as pa

from newsevents.core.rules import (
    ARTICLE_ID,
    ARTICLE_PUBLISHED,
    ARTICLE_TEXT,
    ARTICLES_TABLE,
    ERROR,
    MIN_DATE,
    WARNING,
    Dated,
    NonBlank,
    Prefix,
    Reference,
    RunDate,
    Span,
)
from newsevents.core.schema import TableContract
from newsevents.quality.results import EXAMPLES, Check, count_check, jsonable
from newsevents.quality.suites import SUITE_TABLES

Tables = dict[str, pa.Table]


def _col(table: pa.Table, name: str) -> list:
    return table.column(name).to_pylist()


def _rows(table: pa.Table, *columns: str) -> list[tuple]:
    """The table's values of `columns`, one tuple per row."""
    if not table.num_rows:
        return []
    return list(zip(*(_col(table, c) for c in columns), strict=True))


def _rules(contract: TableContract, rule_type: type) -> Iterator[tuple[str, object]]:
    """(column, rule) for every rule of `rule_type` declared on the contract's columns, in column order."""
    for column in contract.fields:
        for rule in column.rules:
            if isinstance(rule, rule_type):
                yield column.name, rule


# --------------------------------------------------------------------------- foreign keys
def reference_id(child: str, ref: Reference) -> str:
    target = ref.columns[0] if len(ref.columns) == 1 else f"({','.join(ref.columns)})"
    return f"xref.{child}.{target}->{ref.table}"


def _reference_check(t: Tables, child: str, ref: Reference) -> Check:
    """Every non-null value (tuple) of the child's columns exists among the parent's columns."""
    known = set(_rows(t[ref.table], *ref.parent))
    values = _rows(t[child], *ref.columns)
    bad = [v[0] if len(v) == 1 else list(v) for v in values if None not in v and v not in known]
    return count_check(child, reference_id(child, ref), ref.severity, bad, len(values))


def reference_checks(t: Tables) -> list[Check]:
    """Every foreign key of every table.

    A row's key to its article comes first: the article anchors every row, and it keeps quality_results in
    the order it had before the references were declared on the columns.
    """
    return [_reference_check(t, c.name, ref) for c in SUITE_TABLES
            for ref in sorted(c.all_references(), key=lambda r: r.table != ARTICLES_TABLE)]


# --------------------------------------------------------------------------- spans
def _within(text: str | None, start: int | None, end: int | None) -> bool:
    return text is not None and start is not None and end is not None and 0 <= start <= end <= len(text)


def _article_texts(t: Tables) -> dict[str, str]:
    articles = t[ARTICLES_TABLE]
    return dict(zip(_col(articles, ARTICLE_ID), _col(articles, ARTICLE_TEXT), strict=True))


def _span_rows(t: Tables, contract: TableContract, span: Span, texts: dict, *extra: str) -> list[tuple]:
    """(id, article_id, start, end, *extra) of the rows that have a span in a known article.

    Rows whose article is unknown are reported by the foreign-key checks; rows without a span (nullable
    speaker offsets) have nothing to check.
    """
    data = _rows(t[contract.name], contract.key[0], ARTICLE_ID, span.start, span.end, *extra)
    return [r for r in data if r[1] in texts and not (r[2] is None and r[3] is None)]


def _within_id(name: str, span: Span) -> str:
    suffix = "" if span.start == "start_char" else f".{span.start.removesuffix('_start_char')}"
    return f"span.{name}{suffix}.within_article_text"


def _span_checks(t: Tables, contract: TableContract, span: Span, texts: dict) -> list[Check]:
    """The span lies within its article's text; its surface column equals that text exactly."""
    name = contract.name
    data = _span_rows(t, contract, span, texts, *((span.surface,) if span.surface else ()))
    outside = [r[0] for r in data if not _within(texts[r[1]], r[2], r[3])]
    checks = [count_check(name, _within_id(name, span), ERROR, outside, len(data))]
    if span.surface:
        mismatched = [
            {"id": r[0], "expected": texts[r[1]][r[2]:r[3]], "actual": r[4]}
            for r in data if _within(texts[r[1]], r[2], r[3]) and texts[r[1]][r[2]:r[3]] != r[4]
        ]
        checks.append(count_check(name, f"span.{name}.{span.surface}=={span.slice_text}", span.surface_severity,
                                  mismatched, len(data)))
    return checks


def _contains_check(t: Tables, contract: TableContract, span: Span, texts: dict) -> Check:
    """The `contains` column's text occurs inside the span's text."""
    name, column = contract.name, span.contains
    data = [r for r in _span_rows(t, contract, span, texts, column) if _within(texts[r[1]], r[2], r[3])]
    missing = [{"id": r[0], column: r[4]} for r in data if r[4] is not None and r[4] not in texts[r[1]][r[2]:r[3]]]
    return count_check(name, f"span.{name}.{column}_in_evidence_span", span.contains_severity, missing, len(data))


def span_checks(t: Tables) -> list[Check]:
    """Every table's spans against `articles.text`; the containment checks come after all span checks."""
    texts = _article_texts(t)
    checks = [c for contract in SUITE_TABLES for span in contract.spans
              for c in _span_checks(t, contract, span, texts)]
    checks += [_contains_check(t, contract, span, texts) for contract in SUITE_TABLES for span in contract.spans
               if span.contains]
    return checks


# --------------------------------------------------------------------------- dates
def _date_checks(t: Tables, contract: TableContract, column: str, rule: Dated, published: dict) -> list[Check]:
    name = contract.name
    rows = _rows(t[name], contract.key[0], ARTICLE_ID, column)
    dated = [r for r in rows if r[2] is not None]
    too_old = [{"id": r[0], column: r[2]} for r in dated if r[2] < MIN_DATE]
    comparable = [r for r in dated if r[1] in published]
    too_late = [{"id": r[0], column: r[2], "published": published[r[1]]} for r in comparable
                if r[2] > published[r[1]] + timedelta(days=1)]
    return [count_check(name, f"date.{name}.{column}>={MIN_DATE.isoformat()}", rule.before_min, too_old, len(dated)),
            count_check(name, f"date.{name}.{column}<={ARTICLE_PUBLISHED}+1d", rule.after_published, too_late,
                        len(comparable))]


def date_checks(t: Tables) -> list[Check]:
    """Dated columns against `MIN_DATE` and their article's publication date + 1 day."""
    articles = t[ARTICLES_TABLE]
    published = {a: p.date() for a, p in zip(_col(articles, ARTICLE_ID), _col(articles, ARTICLE_PUBLISHED),
                                              strict=True) if p is not None}
    return [c for contract in SUITE_TABLES for column, rule in _rules(contract, Dated)
            for c in _date_checks(t, contract, column, rule, published)]


# --------------------------------------------------------------------------- row counts
def row_count_checks(t: Tables) -> list[Check]:
    """Rows per article within the declared bound (warnings): runaway extraction shows up here first."""
    checks = []
    for contract in (c for c in SUITE_TABLES if c.max_rows_per_article is not None):
        name, limit, table = contract.name, contract.max_rows_per_article, t[contract.name]
        per_article = Counter(_col(table, ARTICLE_ID)) if table.num_rows else Counter()
        over = [{"article_id": a, "rows": n} for a, n in per_article.most_common() if n > limit]
        check = count_check(name, f"rows.{name}.per_article<={limit}", WARNING, over, len(per_article))
        check.observed.update({"rows": table.num_rows, "articles": t[ARTICLES_TABLE].num_rows,
                               "max_per_article": max(per_article.values(), default=0)})
        checks.append(check)
    return checks


# --------------------------------------------------------------------------- row rules
def _run_date_check(t: Tables, name: str, column: str, rule: RunDate, logical_date: date) -> Check:
    values = _col(t[name], column) if t[name].num_rows else []
    bad = [v for v in values if v != logical_date]
    check = count_check(name, f"partition.{column}==logical_date", rule.severity, bad, len(values))
    if bad:  # distinct offending dates are more telling than the first few rows
        check.observed["examples"] = jsonable(sorted(set(bad), key=str)[:EXAMPLES])
    return check


def _non_blank_check(t: Tables, contract: TableContract, column: str, rule: NonBlank) -> Check:
    rows = _rows(t[contract.name], contract.key[0], column)
    blank = [r[0] for r in rows if r[1] is None or not r[1].strip()]
    return count_check(contract.name, f"value.{contract.name}.{column}_non_empty", rule.severity, blank, len(rows))


def _prefix_check(t: Tables, contract: TableContract, column: str, rule: Prefix) -> Check:
    rows = [r for r in _rows(t[contract.name], contract.key[0], rule.of, column) if None not in r[1:]]
    wrong = [{"id": r[0], rule.of: r[1], column: r[2]} for r in rows if r[1][:rule.length] != r[2]]
    return count_check(contract.name, f"value.{contract.name}.{column}=={rule.of}[:{rule.length}]", rule.severity,
                       wrong, len(rows))


_ROW_RULES = {NonBlank: _non_blank_check, Prefix: _prefix_check}


def value_checks(t: Tables, logical_date: date) -> list[Check]:
    """Row rules that need no join: the run date of every table first, then non-blank and prefix rules."""
    checks = [_run_date_check(t, c.name, column, rule, logical_date)
              for c in SUITE_TABLES for column, rule in _rules(c, RunDate)]
    checks += [_ROW_RULES[type(rule)](t, contract, column.name, rule) for contract in SUITE_TABLES
               for column in contract.fields for rule in column.rules if type(rule) in _ROW_RULES]
    return checks


def cross_table_checks(tables: Tables, logical_date: date) -> list[Check]:
    """Every check derived from the contracts that GX does not run (missing tables are treated as empty)."""
    t = {c.name: tables[c.name] if tables.get(c.name) is not None else c.empty() for c in SUITE_TABLES}
    return [*reference_checks(t), *span_checks(t), *date_checks(t), *row_count_checks(t),
            *value_checks(t, logical_date)]
