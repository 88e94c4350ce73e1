"""Contracts are the single source of truth: each table is declared once, complete (schema, grain, key, rules),
row building refuses keys that are not columns, and the generated DDL and data dictionary must not drift."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from newsevents.core.contracts import (
    ALL_TABLES,
    BY_NAME,
    EVENTS,
    SHARED_CONTRACT_COLUMNS,
    STG_ACTORS,
    data_dictionary_markdown,
    warehouse_ddl,
)
from newsevents.core.rules import ERROR, WARNING, Accepted, Pattern, Range, Reference, Span
from newsevents.core.schema import Column, TableContract, check_references

ROOT = Path(__file__).resolve().parents[2]


def test_committed_ddl_matches_contracts():
    assert (ROOT / "warehouse" / "schema.sql").read_text(encoding="utf-8") == warehouse_ddl()


def test_committed_data_dictionary_matches_contracts():
    assert (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8") == data_dictionary_markdown()


def test_dictionary_documents_every_column():
    text = data_dictionary_markdown()
    for table in ALL_TABLES:
        section = text.split(f"## `{table.name}`", 1)[1].split("\n## ", 1)[0]
        for field in table.schema:
            assert f"| `{field.name}` |" in section, (table.name, field.name)
            assert (field.metadata or {}).get(b"description"), (table.name, field.name)


@pytest.mark.parametrize("table, columns", SHARED_CONTRACT_COLUMNS.items())
def test_shared_contract_columns_exist(table, columns):
    assert set(columns) <= set(BY_NAME[table].columns)


def test_ddl_creates_every_table_in_duckdb(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute(warehouse_ddl())
    names = {r[0] for r in con.sql("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {t.name for t in ALL_TABLES} | {"stg_actors"} <= names
    con.close()


def test_from_rows_enforces_types():
    table = BY_NAME["rejected_articles"]
    with pytest.raises(pa.ArrowException):
        table.from_rows([{"reject_id": "r", "input_ref": "x", "reason_code": "c", "reason": "r",
                          "rejected_at": "not a timestamp", "partition_date": None}])


def test_from_rows_refuses_a_key_that_is_not_a_column():
    row = EVENTS.example_row()
    row["evnt_code"] = row.pop("event_code")
    with pytest.raises(ValueError, match=r"events.*'evnt_code'"):
        EVENTS.from_rows([row])


def test_from_rows_fills_missing_nullable_columns_with_null():
    row = EVENTS.example_row()
    del row["plover_type"]
    assert EVENTS.from_rows([row]).column("plover_type").to_pylist() == [None]


@pytest.mark.parametrize("table", [*ALL_TABLES, STG_ACTORS], ids=lambda t: t.name)
def test_example_row_is_a_row_of_the_table(table):
    row = table.example_row()
    assert list(row) == table.columns
    built = table.from_rows([row])
    assert built.schema.equals(table.schema, check_metadata=True)
    assert all(row[f.name] is not None for f in table.schema if not f.nullable), row


def test_example_row_follows_the_rules():
    row = EVENTS.example_row()
    assert row["event_code"] in EVENTS.column("event_code").values
    assert row["event_root_code"] == row["event_code"][:2]
    assert row["end_char"] > row["start_char"] >= 0
    assert EVENTS.example_row(goldstein=1.5)["goldstein"] == 1.5
    with pytest.raises(ValueError, match="goldstien"):
        EVENTS.example_row(goldstien=1.5)


def test_column_declares_field_and_rules():
    column = Column("language", pa.string(), "Language.", example="en", regex=r"^[a-z]{2}$", severity=WARNING)
    assert column.field.equals(pa.field("language", pa.string(), metadata={"description": "Language.",
                                                                           "example": "en"}), check_metadata=True)
    assert column.rules == (Pattern(r"^[a-z]{2}$", WARNING),)
    goldstein = EVENTS.column("goldstein")
    assert goldstein.rules == (Range(-10.0, 10.0, ERROR),)
    assert EVENTS.column("source_actor_id").rules == (Reference(("source_actor_id",), "actors", ("actor_id",)),)
    assert isinstance(BY_NAME["actors"].column("actor_type").rules[0], Accepted)


def test_declarations_refuse_what_they_cannot_check():
    with pytest.raises(ValueError, match="severity"):
        Column("x", pa.string(), "X.", values=("a",), severity="fatal")
    with pytest.raises(ValueError, match="end_char"):
        TableContract(name="t", grain="g", key=("id",), description="d", spans=(Span("start_char", "end_char"),),
                      fields=(Column("id", pa.string(), "Id."), Column("start_char", pa.int32(), "S.")))
    orphan = TableContract(name="t", grain="g", key=("id",), description="d",
                           fields=(Column("id", pa.string(), "Id.", references=("nowhere", "id")),))
    with pytest.raises(ValueError, match="nowhere"):
        check_references((*ALL_TABLES, orphan))


def test_dictionary_lists_each_columns_rules():
    section = data_dictionary_markdown().split("## `events`", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| `")}
    assert "-10.0 to 10.0" in rows["`goldstein`"]
    assert "references `actors.actor_id`" in rows["`source_actor_id`"]
    assert "cameo_codes.csv" in rows["`event_code`"] and "matches `^\\d{2,4}$`" in rows["`event_code`"]
    assert "found in `articles.text[start_char:end_char]` (warning)" in rows["`trigger_text`"]
    assert "rows per article: at most 500 (warning)" in section
