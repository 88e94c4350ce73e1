"""Great Expectations suites derived from the table contracts: derivation, canonical JSON, and the committed copy.

`derive_suite` turns one contract into a GX suite (a JSON-able dict): the exact column set, the key not null
and unique, every non-nullable column not null, and each column's declared rules, each expectation with our
severity in `meta.severity`. The gate derives the suites in code at validation time. `write_suites()`
renders them into `expectations/<table>.json` (`python -m newsevents.quality.gate`), which are committed
for review; a unit test asserts the committed files equal the derivation.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsevents.config import REPO_ROOT
from newsevents.core.contracts import SCHEMA_VERSION, VALIDATED_TABLES
from newsevents.core.rules import ERROR, MIN_DATE, SEVERITIES, Accepted, Dated, Pattern, Range, Span
from newsevents.core.schema import TableContract

#: Tables with a GX suite, in validation order.
SUITE_TABLES: tuple[TableContract, ...] = VALIDATED_TABLES
SUITES_DIR = REPO_ROOT / "expectations"

#: Suite parameter supplied at validation time: the partition (logical) date plus one day.
MAX_DATE_PARAMETER = "max_event_date"

BETWEEN = "expect_column_values_to_be_between"


def expectation(type_: str, severity: str = ERROR, **kwargs: Any) -> dict:
    """One expectation in GX's JSON form, with our severity in its `meta` block."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    return {"type": type_, "kwargs": kwargs, "meta": {"severity": severity}}


def expectation_id(type_: str, kwargs: dict) -> str:
    """Stable, readable id of an expectation: its type and the columns it looks at."""
    if "column" in kwargs:
        columns = [kwargs["column"]]
    elif "column_list" in kwargs:
        columns = list(kwargs["column_list"])
    elif "column_A" in kwargs:
        columns = [kwargs["column_A"], kwargs["column_B"]]
    else:
        columns = []
    return f"{type_}({','.join(columns)})" if columns else type_


def _accepted(column: str, rule: Accepted) -> dict:
    return expectation("expect_column_values_to_be_in_set", rule.severity, column=column, value_set=rule.value_list())


def _pattern(column: str, rule: Pattern) -> dict:
    return expectation("expect_column_values_to_match_regex", rule.severity, column=column, regex=rule.regex)


def _range(column: str, rule: Range) -> dict:
    # An open bound is left out (GX reads a missing bound as open), so the suite names only what is declared.
    bounds = {k: v for k, v in (("min_value", rule.min), ("max_value", rule.max)) if v is not None}
    return expectation(BETWEEN, rule.severity, column=column, **bounds)


def _dated(column: str, rule: Dated) -> dict:
    return expectation(BETWEEN, rule.after_run, column=column, min_value=MIN_DATE.isoformat(),
                       max_value={"$PARAMETER": MAX_DATE_PARAMETER})


def _span_order(column: str, rule: Span) -> dict:
    return expectation("expect_column_pair_values_a_to_be_greater_than_b", column_A=rule.end, column_B=rule.start,
                       or_equal=False, ignore_row_if="either_value_is_missing")


#: The rules GX evaluates on one table; the others need joins or Python and are cross-table checks.
_EXPECTATIONS: dict[type, Callable[[str, Any], dict]] = {
    Accepted: _accepted, Pattern: _pattern, Range: _range, Dated: _dated, Span: _span_order,
}


def derive_suite(contract: TableContract) -> dict:
    """The GX expectation suite (JSON-able dict) for one table, derived from its contract.

    Deterministic: no ids, no timestamps, no library version, so the committed JSON only changes when the
    contract does. Accepted values read from code tables (CAMEO, ISO 3166) are read here.
    """
    expectations = [expectation("expect_table_columns_to_match_set", column_set=list(contract.columns),
                                exact_match=True)]
    if len(contract.key) == 1:
        expectations.append(expectation("expect_column_values_to_be_unique", column=contract.key[0]))
    else:
        expectations.append(expectation("expect_compound_columns_to_be_unique", column_list=list(contract.key),
                                        ignore_row_if="never"))
    for fld in contract.schema:
        if not fld.nullable or fld.name in contract.key:
            expectations.append(expectation("expect_column_values_to_not_be_null", column=fld.name))
        expectations += [_EXPECTATIONS[type(rule)](fld.name, rule) for rule in contract.column_rules(fld.name)
                         if type(rule) in _EXPECTATIONS]
    ids = Counter(expectation_id(e["type"], e["kwargs"]) for e in expectations)
    duplicates = sorted(k for k, n in ids.items() if n > 1)
    if duplicates:
        raise ValueError(f"{contract.name}: expectation ids not unique: {duplicates}")
    return {
        "name": contract.name,
        "expectations": expectations,
        "meta": {
            "table": contract.name,
            "grain": contract.grain,
            "key": list(contract.key),
            "schema_version": SCHEMA_VERSION,
            "generated_by": "newsevents.quality.suites:write_suites (from newsevents/core/contracts.py); "
                            "do not edit",
            "suite_parameters": {MAX_DATE_PARAMETER: "partition date + 1 day, supplied at validation time"},
        },
    }


def render_suite(suite: dict) -> str:
    """Canonical JSON text of a suite (sorted keys, 2-space indent, trailing newline)."""
    return json.dumps(suite, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_suites(directory: Path | str | None = None) -> list[Path]:
    """Regenerate `expectations/<table>.json` for every suite table; deterministic."""
    out = Path(directory) if directory is not None else SUITES_DIR
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for contract in SUITE_TABLES:
        path = out / f"{contract.name}.json"
        path.write_text(render_suite(derive_suite(contract)), encoding="utf-8")
        paths.append(path)
    return paths
