"""One evaluated check (`Check`) and the JSON-safe values its `observed` cell holds.

Shared by the GX engine (`engine.py`), the cross-table checks (`checks.py`) and the report (`gate.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from newsevents.core.rules import ERROR, WARNING

#: How many offending values an `observed` cell lists.
EXAMPLES = 5


@dataclass(frozen=True)
class Check:
    """One evaluated check: a GX expectation or an explicit (cross-table) check."""

    table: str
    expectation: str
    severity: str
    success: bool
    observed: Any = None
    explicit: bool = False

    @property
    def is_error(self) -> bool:
        return not self.success and self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return not self.success and self.severity == WARNING

    def describe(self) -> dict:
        out = {"table": self.table, "expectation": self.expectation, "severity": self.severity}
        if self.observed is not None:
            out["observed"] = self.observed
        return out


def jsonable(value: Any) -> Any:
    """Plain JSON values (numpy scalars, dates, NaN, tuples, sets) for `observed` cells and the summary."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def count_check(table: str, expectation: str, severity: str, bad: list, total: int) -> Check:
    """An explicit check that failed for `len(bad)` of `total` rows; `bad` holds example values."""
    observed = {"unexpected_count": len(bad), "element_count": total}
    if bad:
        observed["examples"] = jsonable(bad[:EXAMPLES])
    return Check(table, expectation, severity, not bad, observed, explicit=True)
