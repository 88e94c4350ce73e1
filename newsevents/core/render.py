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


PARTITIONING_TEXT = """## Partitioning

Every data table is partitioned by `partition_date`, the logical date of the night that produced the row
(lake folders `lake/main/<table>/partition_date=YYYY-MM-DD/`); a night replaces its partitions whole, and an
article belongs to the earliest night that saw it. `partition_date` is when we processed a row, not when
it happened: filter events by `event_date` (`date_trunc('month', event_date)` for a month — version 1.0's
snapshot folders split `events` by `event_month`; that column and split are gone since 1.1). Code tables have
no partitions. The staging table `stg_actors` lives in schema `staging`, outside the analysts' `main`.
"""

HOW_TO_JOIN = """## How to join

Offsets are 0-based and end-exclusive into `articles.text`; SQL's `substr` is 1-based, hence the `+ 1`.
Every block below runs as it is against a warehouse (`newsevents sql "…"`, or `newsevents shell`).

An event, its actors, their mentions in the article, and the text behind every offset:

```sql
SELECT e.event_id, e.event_code, s.name AS source_name, t.name AS target_name, m.mention_kind,
       substr(a.text, m.start_char + 1, m.end_char - m.start_char) AS source_mention,
       substr(a.text, e.start_char + 1, e.end_char - e.start_char) AS evidence_text
FROM events e
JOIN actors s ON s.actor_id = e.source_actor_id
LEFT JOIN actors t ON t.actor_id = e.target_actor_id
JOIN actor_mentions m ON m.article_id = e.article_id AND m.actor_id = e.source_actor_id
JOIN articles a ON a.article_id = e.article_id
ORDER BY e.event_id, m.start_char
LIMIT 20;
```

A statement, its speaker, and the events coded from its text:

```sql
SELECT st.statement_id, sp.name AS speaker, sp.cameo_code AS speaker_code, st.quote_text,
       e.event_code, e.plover_type, substr(a.text, e.start_char + 1, e.end_char - e.start_char) AS event_text
FROM statements st
LEFT JOIN actors sp ON sp.actor_id = st.speaker_actor_id
JOIN statement_events se ON se.statement_id = st.statement_id
JOIN events e ON e.event_id = se.event_id
JOIN articles a ON a.article_id = st.article_id
ORDER BY st.statement_id, e.start_char;
```

Codes with their meanings, from the code tables (also in every snapshot):

```sql
SELECT e.event_code, c.label, e.quad_class, q.meaning AS quad_class_meaning, p.label AS plover_label,
       count(*) AS events
FROM events e
JOIN cameo_event_codes c ON c.event_code = e.event_code
JOIN enumerations q ON q.table_name = 'events' AND q.column_name = 'quad_class' AND q.value = e.quad_class::VARCHAR
LEFT JOIN plover_types p ON p.plover_type = e.plover_type
GROUP BY ALL ORDER BY events DESC, e.event_code;
```

```sql
SELECT a.name, a.cameo_code, a.role_code, r.label AS role
FROM actors a
LEFT JOIN cameo_actor_roles r ON r.role_code = left(a.role_code, 3)
WHERE a.role_code IS NOT NULL
ORDER BY a.name;
```

**One event, several reports.** `events` has one row per event *per article*. `event_key` is a hash of the
source actor, target actor, CAMEO code, resolved event date and its precision: two articles whose events
have the same dyad, code and date share it, and the view `events_deduplicated` counts them once, with
`reporting_articles` = the number of articles. The same act on another day, or coded with another code
(a veto as `129` in one report and a criticism `111` in another), is another event:

```sql
SELECT event_key, event_date, source_name, event_code, target_name, reporting_articles
FROM events_deduplicated ORDER BY reporting_articles DESC, event_date;
```
"""


def _views_lines(views: dict[str, tuple[str, str]]) -> list[str]:
    out = ["## Views", "", "In schema `main` of the warehouse (not in snapshots: they are SQL over the tables).",
           "`DESCRIBE <view>` lists a view's columns.", "", "| view | one row per | what it gives |",
           "|---|---|---|"]
    out += [f"| `{name}` | {_cell(grain)} | {_cell(text)} |" for name, (grain, text) in views.items()]
    return out + [""]


def _enumeration_lines(enumerations: dict) -> list[str]:
    out = ["## Enumerations", "", "Every enumerated column, its values and what each means (also the code table "
           "`enumerations`).", ""]
    for (table, column), values in enumerations.items():
        out += [f"### `{table}.{column}`", "", "| value | meaning |", "|---|---|"]
        out += [f"| `{value}` | {_cell(meaning)} |" for value, meaning in values.items()]
        out.append("")
    return out


def data_dictionary_markdown(tables: Iterable[TableContract], schema_version: str,
                             validated: Iterable[TableContract], *, code_tables: Iterable[TableContract] = (),
                             enumerations: dict | None = None, views: dict | None = None) -> str:
    """The data dictionary for consumers: every table's grain, key, columns and rules; the views, code tables
    and enumerations; partitioning; and how to join the tables, with SQL that runs as written.

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
        PARTITIONING_TEXT,
        HOW_TO_JOIN,
    ]
    if views:
        out += _views_lines(views)
    out += ["# Data tables", ""]
    for table in tables:
        out += _table_lines(table, table.name in checked)
    code_tables = list(code_tables)
    if code_tables:
        out += ["# Code tables", "", "Every snapshot lists them (Parquet, `kind` \"code\" in the manifest) and the "
                "warehouse holds them in schema `main`; they are replaced whole when the codes change.", ""]
        for table in code_tables:
            out += _table_lines(table, False)  # derived from package data; unit tests check them
    if enumerations:
        out += _enumeration_lines(enumerations)
    return "\n".join(out)
