"""The rows of the code tables (`contracts.CODE_TABLES`): CAMEO event codes, CAMEO actor roles, PLOVER
categories, reject reasons and every enumeration, each as an Arrow table in its contract's schema.

Derived, never written by hand: from the package data (`newsevents/data/*.csv`), the reject reasons the
extract step and the sources give (`extract.records.REASONS`, `adapters.sources.SOURCE_REASONS`) and the
enumerations the contracts declare. The warehouse keeps them as tables of schema `main`, and every snapshot
lists their files.
"""

from __future__ import annotations

import pyarrow as pa

from newsevents.adapters.sources import SOURCE_REASONS
from newsevents.core.codes import cameo_actor_roles, cameo_codes, plover_types
from newsevents.core.contracts import (
    CAMEO_ACTOR_ROLES_TABLE,
    CAMEO_EVENT_CODES_TABLE,
    ENUMERATIONS,
    ENUMERATIONS_TABLE,
    PLOVER_TYPES_TABLE,
    REJECT_REASONS_TABLE,
)
from newsevents.extract.records import REASONS


def _cameo_rows() -> list[dict]:
    return [{"event_code": c.code, "label": c.label, "event_root_code": c.root_code, "quad_class": c.quad_class,
             "goldstein": c.goldstein, "plover_type": c.plover_type} for c in cameo_codes().values()]


def _enumeration_rows() -> list[dict]:
    return [{"table_name": table, "column_name": column, "value": str(value), "meaning": meaning}
            for (table, column), values in ENUMERATIONS.items() for value, meaning in values.items()]


def code_tables() -> dict[str, pa.Table]:
    """Every code table by name, sorted by key."""
    rows = {
        CAMEO_EVENT_CODES_TABLE: _cameo_rows(),
        CAMEO_ACTOR_ROLES_TABLE: list(cameo_actor_roles()),
        PLOVER_TYPES_TABLE: list(plover_types()),
        REJECT_REASONS_TABLE: [{"reason_code": k, "meaning": v} for k, v in {**REASONS, **SOURCE_REASONS}.items()],
        ENUMERATIONS_TABLE: _enumeration_rows(),
    }
    out = {}
    for contract, table_rows in rows.items():
        table = pa.Table.from_pylist(table_rows, schema=contract.schema)
        out[contract.name] = table.sort_by([(k, "ascending") for k in contract.key])
    return out
