"""Data-quality gate: may tonight's candidate tables be published?

`validate_tables` runs, for every validated table,

* its Great Expectations suite, derived in code from the table's contract (`suites.derive_suite`: keys,
  nullability, column set, accepted values, ranges, formats), validated with GX Core on pandas DataFrames in
  an ephemeral context (`engine`), and
* the cross-table checks GX cannot express here because they need joins or article text (`checks`: foreign
  keys, spans against `articles.text`, dates against publication dates, row-count bounds, run dates and a
  few row rules), generated from the same declarations,

and returns a `QualityReport` with one `quality_results` row per check. Every check carries the severity
its contract declares: `error` failures fail the gate (`success` False), `warning` failures are only
recorded.

`python -m newsevents.quality.gate` regenerates the committed rendering of the suites, `expectations/`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsevents.core.contracts import QUALITY_RESULTS, SCHEMA_VERSION
from newsevents.core.rules import ERROR, WARNING
from newsevents.quality.checks import cross_table_checks
from newsevents.quality.engine import suite_checks
from newsevents.quality.results import Check, jsonable
from newsevents.quality.suites import SUITE_TABLES, derive_suite, write_suites

__all__ = ["ERROR", "SUITE_TABLES", "WARNING", "Check", "QualityReport", "validate_tables"]

log = logging.getLogger("newsevents.quality.gate")


@dataclass
class QualityReport:
    """Outcome of one validation run: the gate decision, one results row per check and a JSON summary."""

    success: bool                 # False when any error-severity check failed
    results_table: pa.Table       # QUALITY_RESULTS schema, one row per check
    summary: dict                 # JSON-able: success, per table, cross-table checks, counts
    warning_count: int
    checks: list[Check] = field(default_factory=list, repr=False)
    timings: dict = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return sum(c.is_error for c in self.checks)

    def headline(self) -> str:
        """One line for logs, e.g. 'quality: 142 checks, 0 errors, 2 warnings'."""
        return f"quality: {len(self.checks)} checks, {self.error_count} errors, {self.warning_count} warnings"

    def failure_message(self, limit: int = 10) -> str:
        """One line naming the failed error-level expectations and their tables (empty string if none)."""
        failed = [c for c in self.checks if c.is_error]
        if not failed:
            return ""
        parts = [f"{c.table}: {c.expectation}{_brief(c.observed)}" for c in failed[:limit]]
        more = f"; ... and {len(failed) - limit} more" if len(failed) > limit else ""
        return f"quality gate failed: {len(failed)} error-level check(s) failed: " + "; ".join(parts) + more


def _brief(observed: Any) -> str:
    if isinstance(observed, dict):
        if "unexpected_count" in observed:
            return f" ({observed['unexpected_count']} unexpected)"
        if "exception" in observed:
            return f" (raised: {str(observed['exception'])[:80]})"
        if "observed_value" in observed:
            return f" (observed {json.dumps(observed['observed_value'], default=str)[:80]})"
    return ""


def _fingerprint(counts: dict[str, int]) -> str:
    return hashlib.sha256(json.dumps(counts, sort_keys=True).encode()).hexdigest()[:12]


def _summary(checks: list[Check], *, run_key: str, logical_date: date, counts: dict[str, int],
             gx_version: str | None, headline: str, success: bool) -> dict:
    def block(items: list[Check]) -> dict:
        failed = [c for c in items if not c.success]
        return {"checks": len(items), "failed": len(failed),
                "failed_expectations": [c.describe() for c in failed]}

    tables: dict[str, list[Check]] = {}
    for check in checks:
        if not check.explicit:
            tables.setdefault(check.table, []).append(check)
    return jsonable({
        "success": success,
        "headline": headline,
        "run_key": run_key,
        "partition_date": logical_date,
        "counts": {
            "checks": len(checks),
            "passed": sum(c.success for c in checks),
            "errors": sum(c.is_error for c in checks),
            "warnings": sum(c.is_warning for c in checks),
            "rows": counts,
        },
        "tables": {name: block(items) for name, items in tables.items()},
        "cross_table": block([c for c in checks if c.explicit]),
        "engine": {"great_expectations": gx_version, "suites_schema_version": SCHEMA_VERSION},
    })


def _results_table(checks: list[Check], *, run_key: str, logical_date: date) -> pa.Table:
    return QUALITY_RESULTS.from_rows([
        {"run_key": run_key, "table_name": c.table, "expectation": c.expectation, "severity": c.severity,
         "success": c.success, "partition_date": logical_date,
         "observed": None if c.observed is None else json.dumps(jsonable(c.observed), sort_keys=True,
                                                                 ensure_ascii=False)}
        for c in checks
    ])


def validate_tables(tables: dict[str, pa.Table], *, logical_date: date, docs_dir: Path | None) -> QualityReport:
    """Run every table's GX suite and the cross-table checks; return the gate's report.

    `tables` maps table names to Arrow tables with the contract schemas (extra entries such as
    `quality_results` are ignored). Empty tables are not sent to GX; their checks are recorded as passed
    with `{"rows": 0}`. When `docs_dir` is given, GX Data Docs are written there; failures to build them are
    logged as warnings and never affect the result.
    """
    started = time.perf_counter()
    counts = {c.name: tables[c.name].num_rows for c in SUITE_TABLES if tables.get(c.name) is not None}
    run_key = f"{logical_date.isoformat()}-{_fingerprint(counts)}"
    specs = {c.name: derive_suite(c) for c in SUITE_TABLES}
    timings: dict[str, float] = {}

    gx_checks, gx_version = suite_checks(tables, specs, logical_date=logical_date, run_key=run_key,
                                         docs_dir=docs_dir, timings=timings)
    t0 = time.perf_counter()
    checks = gx_checks + cross_table_checks(tables, logical_date)
    timings["explicit_s"] = round(time.perf_counter() - t0, 3)

    keys = Counter((c.table, c.expectation) for c in checks)
    duplicated = [k for k, n in keys.items() if n > 1]
    if duplicated:
        raise RuntimeError(f"duplicate quality check ids: {duplicated}")

    success = not any(c.is_error for c in checks)
    report = QualityReport(success=success, results_table=_results_table(checks, run_key=run_key,
                                                                         logical_date=logical_date),
                           summary={}, warning_count=sum(c.is_warning for c in checks), checks=checks,
                           timings=timings)
    report.summary = _summary(checks, run_key=run_key, logical_date=logical_date, counts=counts,
                              gx_version=gx_version, headline=report.headline(), success=success)
    timings["total_s"] = round(time.perf_counter() - started, 3)
    log.info("%s (timings %s)", report.headline(), timings)
    return report


if __name__ == "__main__":  # python -m newsevents.quality.gate: regenerate the committed suites
    for written in write_suites():
        print(written)
