"""How a table is declared: `Column` (an Arrow field plus its rules) and `TableContract` (grain, key, columns,
foreign keys, spans and row-count bound), so that each table is complete in one declaration.

A `Column` builds the `pa.Field` the Parquet files carry (its description and example travel as field
metadata) and holds the column's rules; a `TableContract` holds the table-level declarations. Nothing here
validates data: the quality gate derives its checks from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from newsevents.core.rules import (
    ERROR,
    Accepted,
    CodeTable,
    Dated,
    NonBlank,
    Pattern,
    Prefix,
    Range,
    Reference,
    Rule,
    RunDate,
    Span,
    check_severities,
)

#: The day example rows describe when a date column declares no example.
EXAMPLE_DAY = date(2017, 4, 12)

_PARSE_EXAMPLE = {
    pa.int8(): int,
    pa.int32(): int,
    pa.int64(): int,
    pa.float32(): float,
    pa.float64(): float,
    pa.bool_(): lambda text: text.lower() == "true",
    pa.date32(): date.fromisoformat,
    pa.timestamp("us"): datetime.fromisoformat,
}
_TYPE_DEFAULT = {
    pa.int8(): 0,
    pa.int32(): 0,
    pa.int64(): 0,
    pa.float32(): 0.0,
    pa.float64(): 0.0,
    pa.bool_(): False,
    pa.date32(): EXAMPLE_DAY,
    pa.timestamp("us"): datetime(EXAMPLE_DAY.year, EXAMPLE_DAY.month, EXAMPLE_DAY.day),
}


@dataclass(frozen=True)
class Column:
    """One column: its Arrow type, description, nullability, example, and the rules its values obey.

    Value rules (`values`, `regex`, `min`/`max`) share the column's `severity`; `references` is a
    single-column foreign key `(table, column)`; `dated`, `non_blank`, `prefix_of` (`(column, length)`) and
    `run_date` are the column's other row rules. `fixture` is a typed value for example rows when the
    `example` text cannot be one (it is not written to the field metadata, which Parquet files carry).
    """

    name: str
    type: pa.DataType
    description: str
    nullable: bool = True
    example: str = ""
    values: tuple | CodeTable | None = None
    regex: str | None = None
    min: float | None = None
    max: float | None = None
    severity: str = ERROR
    references: tuple[str, str] | None = None
    dated: Dated | None = None
    non_blank: bool = False
    prefix_of: tuple[str, int] | None = None
    run_date: bool = False
    fixture: Any = None

    def __post_init__(self) -> None:
        check_severities(self.rules)

    @property
    def field(self) -> pa.Field:
        """The Arrow field, with `description` (and `example`, if any) as metadata."""
        meta = {"description": self.description}
        if self.example:
            meta["example"] = self.example
        return pa.field(self.name, self.type, nullable=self.nullable, metadata=meta)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The column's rules, in the order the GX suite lists them (formats before value sets before ranges)."""
        out: list[Rule] = []
        if self.regex is not None:
            out.append(Pattern(self.regex, self.severity))
        if self.values is not None:
            out.append(Accepted(self.values, self.severity))
        if self.min is not None or self.max is not None:
            out.append(Range(self.min, self.max, self.severity))
        if self.dated is not None:
            out.append(self.dated)
        if self.non_blank:
            out.append(NonBlank())
        if self.prefix_of is not None:
            out.append(Prefix(*self.prefix_of))
        if self.run_date:
            out.append(RunDate())
        if self.references is not None:
            out.append(Reference((self.name,), self.references[0], (self.references[1],)))
        return tuple(out)

    def example_value(self) -> Any:
        """A typed value satisfying the column's own value rules: fixture, example, accepted value or bound."""
        if self.fixture is not None:
            return self.fixture
        if self.example:
            parse = _PARSE_EXAMPLE.get(self.type, str)
            return parse(self.example)
        if self.nullable:
            return None
        if self.values is not None:
            return next(iter(self.values))
        if self.min is not None or self.max is not None:
            return self.min if self.min is not None else self.max
        return _TYPE_DEFAULT.get(self.type, self.name)


@dataclass(frozen=True)
class TableContract:
    """One table: name, grain (what one row is), key, description, columns and table-level rules.

    `references` lists compound foreign keys (single-column ones sit on their `Column`); `spans` the character
    spans into the article text; `max_rows_per_article` bounds rows per article (a warning: runaway
    extraction shows up there first). `schema` is derived from the columns.
    """

    name: str
    grain: str
    key: tuple[str, ...]
    description: str
    fields: tuple[Column, ...]
    in_contract: bool = True
    references: tuple[Reference, ...] = ()
    spans: tuple[Span, ...] = ()
    max_rows_per_article: int | None = None
    schema: pa.Schema = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "schema", pa.schema([c.field for c in self.fields]))
        names = self.schema.names
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: duplicate column names")
        declared = [*self.key, *(c for s in self.spans for c in s.columns),
                    *(c for r in self.references for c in r.columns),
                    *(c.prefix_of[0] for c in self.fields if c.prefix_of)]
        unknown = sorted(set(declared) - set(names))
        if unknown:
            raise ValueError(f"{self.name}: declarations name columns it does not have: {unknown}")
        check_severities([*self.references, *self.spans])

    @property
    def columns(self) -> list[str]:
        return self.schema.names

    def column(self, name: str) -> Column:
        """The declaration of one column; KeyError naming the table if there is none."""
        for col in self.fields:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")

    def column_rules(self, name: str) -> tuple[Rule | Span, ...]:
        """The column's own rules, then the spans that end at it (their `end > start` rule sits on `end`)."""
        return (*self.column(name).rules, *(s for s in self.spans if s.end == name))

    def all_references(self) -> tuple[Reference, ...]:
        """Every foreign key of the table: the columns' own, in column order, then the compound ones."""
        return (*(r for c in self.fields for r in c.rules if isinstance(r, Reference)), *self.references)

    def empty(self) -> pa.Table:
        """An empty table with this contract's schema."""
        return self.schema.empty_table()

    def from_rows(self, rows: list[dict]) -> pa.Table:
        """Build a table from row dicts, enforcing types; a key that is not a column raises ValueError.

        Missing keys are nulls (a nullable column need not be written); unknown keys are refused because a
        misspelt key would otherwise become a silently null column.
        """
        names = self.schema.names
        known = frozenset(names)
        for row in rows:
            if not known.issuperset(row):
                unknown = sorted(set(row) - known)
                raise ValueError(f"{self.name}: row has key(s) that are not columns of the table: {unknown}")
        columns = {name: [row.get(name) for row in rows] for name in names}
        return pa.table(columns, schema=self.schema)

    def example_row(self, **overrides: Any) -> dict:
        """One row that satisfies the table's own column rules (its GX suite), from the declared examples.

        Spans without an example get `end = start + 1`. Cross-table consistency (foreign keys, spans into
        an article's text) is the caller's: pass `overrides` (which must name columns).
        """
        row = {c.name: c.example_value() for c in self.fields}
        for span in self.spans:
            end = self.column(span.end)
            if not end.example and end.fixture is None and row[span.start] is not None:
                row[span.end] = row[span.start] + 1
        unknown = sorted(set(overrides) - set(row))
        if unknown:
            raise ValueError(f"{self.name}: overrides name key(s) that are not columns of the table: {unknown}")
        return {**row, **overrides}


def check_references(tables: tuple[TableContract, ...]) -> None:
    """Raise ValueError for a foreign key whose parent table or columns are not declared among `tables`."""
    by_name = {t.name: t for t in tables}
    for table in tables:
        for ref in table.all_references():
            parent = by_name.get(ref.table)
            missing = sorted(set(ref.parent) - set(parent.columns)) if parent else [ref.table]
            if missing or len(ref.parent) != len(ref.columns):
                raise ValueError(f"{table.name}: reference {ref.columns} -> {ref.table}{ref.parent} "
                                 f"names what is not declared: {missing or 'column count differs'}")
