"""Documents derived from the table declarations: the DuckDB DDL and the data dictionary.

Both are committed (`warehouse/schema.sql`, `docs/data-dictionary.md`) and a unit test asserts they equal
what these functions render, so the declarations and the documents cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from newsevents.core.schema import TableContract

_DUCKDB_TYPES = {
    pa.string(): "VARCHAR",
    pa.int8(): "TINYINT",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float32(): "FLOAT",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.date32(): "DATE",
    pa.timestamp("us"): "TIMESTAMP",
}


def duckdb_type(type_: pa.DataType) -> str:
    """DuckDB column type for an Arrow type used in the contracts."""
    if type_ not in _DUCKDB_TYPES:
        raise TypeError(f"no DuckDB mapping for {type_}")
    return _DUCKDB_TYPES[type_]


def create_table_sql(contract: TableContract) -> str:
    """CREATE TABLE statement derived from a contract (the warehouse DDL)."""
    lines = []
    for field in contract.schema:
        null = "" if field.nullable else " NOT NULL"
        lines.append(f"    {field.name} {duckdb_type(field.type)}{null}")
    lines.append(f"    PRIMARY KEY ({', '.join(contract.key)})")
    body = ",\n".join(lines)
    return f"-- grain: {contract.grain}\nCREATE TABLE IF NOT EXISTS {contract.name} (\n{body}\n);\n"


def warehouse_ddl(tables: Iterable[TableContract], schema_version: str) -> str:
    """The whole warehouse DDL for `tables`, headed by where it comes from."""
    header = (
        "-- Generated from newsevents/core/contracts.py (schema version "
        f"{schema_version}); do not edit by hand.\n"
        "-- Regenerate with: newsevents ddl > warehouse/schema.sql\n\n"
    )
    return header + "\n".join(create_table_sql(t) for t in tables)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (regexes hold `|`)."""
    return text.replace("|", "\\|")


def column_rules_text(contract: TableContract, column: str) -> str:
    """The rules a column obeys, in words, from its declaration and the table's spans (`; `-separated)."""
    texts = [r.describe() for r in contract.column(column).rules]
    texts += [s.describe_for(column) for s in contract.spans if s.describe_for(column)]
    return "; ".join(texts)


def _table_lines(table: TableContract, validated: bool) -> list[str]:
    out = [f"## `{table.name}`", "", table.description, "",
           f"- grain: {table.grain}",
           f"- key: {', '.join(f'`{k}`' for k in table.key)} (not null, unique)",
           f"- in the output contract: {'yes' if table.in_contract else 'no (project extension)'}"]
    if not validated:
        out.append("- checked by the quality gate: no (the rules below are not validated)")
    out += [f"- foreign key: {ref.describe()}" for ref in table.references]
    if table.max_rows_per_article is not None:
        out.append(f"- rows per article: at most {table.max_rows_per_article} (warning)")
    out += ["", "| column | type | null | meaning | rules | example |", "|---|---|---|---|---|---|"]
    for col in table.fields:
        out.append(f"| `{col.name}` | {duckdb_type(col.type)} | {'yes' if col.field.nullable else 'no'} "
                   f"| {_cell(col.description)} | {_cell(column_rules_text(table, col.name))} | {col.example} |")
    out.append("")
    return out


def data_dictionary_markdown(tables: Iterable[TableContract], schema_version: str,
                             validated: Iterable[TableContract]) -> str:
    """The data dictionary for consumers: every table's grain, key, columns and rules.

    `validated` are the tables the quality gate checks; the others are marked as not checked.
    """
    checked = {t.name for t in validated}
    out = [
        "# Data dictionary",
        "",
        f"Generated from `newsevents/core/contracts.py` (schema version {schema_version}); do not edit by hand.",
        "Regenerate with `newsevents dictionary > docs/data-dictionary.md`.",
        "Character offsets are 0-based and end-exclusive into `articles.text`.",
        "Rules are errors (they fail the quality gate) unless marked (warning); nulls pass every value rule.",
        "",
    ]
    for table in tables:
        out += _table_lines(table, table.name in checked)
    return "\n".join(out)
