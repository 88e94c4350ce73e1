"""Contracts are the single source of truth: generated DDL and data dictionary must not drift from them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from newsevents.core.contracts import (
    ALL_TABLES,
    BY_NAME,
    SHARED_CONTRACT_COLUMNS,
    data_dictionary_markdown,
    warehouse_ddl,
)

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
