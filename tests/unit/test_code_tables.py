"""Issue 18: the code tables a consumer needs to read the codes, derived from the package data and contracts."""

from __future__ import annotations

import csv

from newsevents.adapters.code_tables import code_tables
from newsevents.adapters.sources import SOURCE_REASONS
from newsevents.adapters.warehouse import _VIEW_NAME, VIEWS_DIR
from newsevents.core.codes import DATA_DIR, cameo_codes
from newsevents.core.contracts import (
    ALL_TABLES,
    CODE_TABLES,
    ENUMERATIONS,
    LOCATION_PRECISIONS,
    PLOVER_TYPES,
    VIEWS,
    data_dictionary_markdown,
)
from newsevents.core.rules import Accepted
from newsevents.extract.records import REASONS

TABLES = code_tables()


def test_every_code_table_is_declared_and_keyed():
    assert set(TABLES) == {c.name for c in CODE_TABLES}
    for contract in CODE_TABLES:
        table = TABLES[contract.name]
        assert table.schema == contract.schema and table.num_rows > 0
        keys = list(zip(*(table.column(k).to_pylist() for k in contract.key)))
        assert len(keys) == len(set(keys)), contract.name


def test_cameo_event_codes_are_the_whole_codebook_table():
    rows = {r["event_code"]: r for r in TABLES["cameo_event_codes"].to_pylist()}
    assert set(rows) == set(cameo_codes()) and rows["195"]["quad_class"] == 4 and rows["195"]["plover_type"]
    assert rows["010"]["event_root_code"] == "01"


def _role_codes_used() -> set[str]:
    """Every three-letter role block the actor data files code with (RUSGOV -> GOV, GOVMIL -> GOV, MIL)."""
    used = set()
    with open(DATA_DIR / "roles.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            used |= {row["role_code"][i:i + 3] for i in range(0, len(row["role_code"]), 3)}
    for name in ("organizations.csv", "known_actors.csv"):
        with open(DATA_DIR / name, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code, country = row["cameo_code"], row["country_code"]
                rest = code[len(country):] if country and code.startswith(country) else code
                used |= {rest[i:i + 3] for i in range(0, len(rest), 3) if len(rest[i:i + 3]) == 3}
    return used


def test_actor_roles_cover_every_role_the_actor_data_uses():
    roles = {r["role_code"] for r in TABLES["cameo_actor_roles"].to_pylist()}
    assert {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "AGR",
            "ELI"} <= roles
    international_blocks = {"UNO", "EUR", "NAT", "AFR", "ARB", "ASA", "WHO", "IAE", "HCR", "KID", "WBK", "ICJ"}
    missing = sorted(_role_codes_used() - roles - international_blocks)
    # the rest of an IGO code names the organisation (IGOUNO, IGOEUREEC), not a role
    assert not [m for m in missing if not m.isalpha()], missing


def test_plover_types_are_the_contract_categories():
    assert sorted(TABLES["plover_types"].column("plover_type").to_pylist()) == sorted(PLOVER_TYPES)


def test_reject_reasons_list_every_reason_the_code_gives():
    assert set(TABLES["reject_reasons"].column("reason_code").to_pylist()) == set(REASONS) | set(SOURCE_REASONS)


def test_enumerations_are_the_values_the_contracts_accept():
    """Every enumerated column of the contracts has a meaning for each accepted value, and no extra one
    (PLOVER categories have their own code table)."""
    own_table = {("events", "plover_type"): "plover_types"}
    for table in ALL_TABLES:
        for column in table.fields:
            accepted = [r for r in column.rules if isinstance(r, Accepted) and isinstance(r.values, tuple)]
            if not accepted or (table.name, column.name) in own_table:
                continue
            meanings = ENUMERATIONS.get((table.name, column.name))
            assert meanings is not None, f"{table.name}.{column.name} has no meanings in ENUMERATIONS"
            assert set(meanings) == set(accepted[0].values), f"{table.name}.{column.name}"
    assert tuple(ENUMERATIONS[("events", "location_precision")]) == LOCATION_PRECISIONS


def test_the_dictionary_documents_every_view_the_package_ships():
    shipped = [n for f in sorted(VIEWS_DIR.glob("*.sql")) for n in _VIEW_NAME.findall(f.read_text(encoding="utf-8"))]
    assert sorted(shipped) == sorted(VIEWS)
    text = data_dictionary_markdown()
    assert all(f"`{name}`" in text for name in VIEWS)
    assert "## How to join" in text and "## Partitioning" in text and "event_month" in text
    assert all(f"`{c.name}`" in text for c in CODE_TABLES)
