"""Great Expectations as the engine of the per-table suites: an ephemeral context, validation, Data Docs.

`suite_checks` validates each non-empty table (as a pandas DataFrame) against its derived suite and turns
every expectation result into a `Check`. The GX context is built lazily, once per gate run, so an empty night
never pays for it. Data Docs are a by-product: failing to build them is logged and never fails the gate.
"""

from __future__ import annotations

import copy
import logging
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import great_expectations as gx
import pyarrow as pa
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from newsevents.core.rules import ERROR, WARNING
from newsevents.quality.results import EXAMPLES, Check, jsonable
from newsevents.quality.suites import MAX_DATE_PARAMETER, expectation_id

log = logging.getLogger("newsevents.quality.gate")

#: GX's own severity for each of ours (shown in Data Docs).
_GX_SEVERITY = {ERROR: "critical", WARNING: "warning"}


def gx_suite(spec: dict) -> gx.ExpectationSuite:
    """A GX ExpectationSuite built from a suite dict (GX's native severity mirrors ours)."""
    spec = copy.deepcopy(spec)
    for exp in spec["expectations"]:
        exp["severity"] = _GX_SEVERITY[exp.get("meta", {}).get("severity", ERROR)]
    return gx.ExpectationSuite(name=spec["name"], expectations=spec["expectations"], meta=spec.get("meta"))


def _observed_from_gx(result) -> dict:
    """The `observed` cell of one GX expectation result: unexpected counts and examples, or the observed value."""
    res = result.result or {}
    observed: dict[str, Any] = {}
    if "unexpected_count" in res:
        observed["unexpected_count"] = res.get("unexpected_count")
        observed["element_count"] = res.get("element_count")
        if res.get("unexpected_count"):
            observed["examples"] = list(res.get("partial_unexpected_list") or [])[:EXAMPLES]
    elif "observed_value" in res:
        observed["observed_value"] = res.get("observed_value")
    info = result.exception_info or {}
    if info.get("raised_exception"):
        observed["exception"] = info.get("exception_message")
    return jsonable(observed)


class GXEngine:
    """An ephemeral GX context with one pandas Data Source; built once per `validate_tables` call."""

    def __init__(self) -> None:
        # GX sets its own loggers to INFO on import; keep a quiet run quiet
        logging.getLogger("great_expectations").setLevel(logging.WARNING)
        t1 = time.perf_counter()
        self.version = gx.__version__
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        self.source = self.context.data_sources.add_pandas("newsevents")
        self.context_seconds = time.perf_counter() - t1

    def validate(self, name: str, table: pa.Table, spec: dict, parameters: dict):
        """Validate one table (as a pandas DataFrame) against its suite; returns GX's suite result."""
        asset = self.source.add_dataframe_asset(name)
        batch_definition = asset.add_batch_definition_whole_dataframe(f"{name}_whole")
        batch = batch_definition.get_batch(batch_parameters={"dataframe": table.to_pandas()})
        return batch.validate(gx_suite(spec), result_format="BASIC", expectation_parameters=parameters)

    def build_data_docs(self, docs_dir: Path, specs: dict[str, dict], results: dict, *, run_key: str,
                        logical_date: date) -> str | None:
        """Write GX Data Docs (static HTML) for this run's suites and results into `docs_dir`."""
        docs_dir.mkdir(parents=True, exist_ok=True)
        for site in list(self.context.list_data_docs_sites()):
            self.context.delete_data_docs_site(site)
        self.context.add_data_docs_site("newsevents", {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir.resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
        for spec in specs.values():
            self.context.suites.add(gx_suite(spec))
        run_time = datetime(logical_date.year, logical_date.month, logical_date.day, tzinfo=UTC)
        run_id = RunIdentifier(run_name=run_key, run_time=run_time)
        for name, result in results.items():
            key = ValidationResultIdentifier(expectation_suite_identifier=ExpectationSuiteIdentifier(name=name),
                                             run_id=run_id, batch_identifier=name)
            self.context.validation_results_store.set(key, result)
        return self.context.build_data_docs(site_names=["newsevents"]).get("newsevents")


def _result_checks(name: str, expectations: list[tuple[str, str]], result) -> list[Check]:
    """One check per suite expectation, from GX's suite result (an expectation GX skipped fails)."""
    by_id = {expectation_id(r.expectation_config.type, r.expectation_config.kwargs): r for r in result.results}
    checks = []
    for eid, sev in expectations:
        r = by_id.get(eid)
        if r is None:
            checks.append(Check(name, eid, sev, False, {"exception": "expectation was not evaluated"}))
        else:
            checks.append(Check(name, eid, sev, bool(r.success), _observed_from_gx(r)))
    return checks


def _write_docs(engine: GXEngine, docs_dir: Path, specs: dict[str, dict], results: dict, *, run_key: str,
                logical_date: date, timings: dict) -> None:
    t0 = time.perf_counter()
    try:
        index = engine.build_data_docs(Path(docs_dir), specs, results, run_key=run_key, logical_date=logical_date)
        log.info("quality: Data Docs written to %s", index)
    except Exception as exc:  # noqa: BLE001 - docs are a by-product; the gate must not depend on them
        log.warning("quality: Data Docs not built in %s: %s: %s", docs_dir, type(exc).__name__, exc)
    timings["data_docs_s"] = round(time.perf_counter() - t0, 3)


def suite_checks(tables: dict[str, pa.Table], specs: dict[str, dict], *, logical_date: date, run_key: str,
                 docs_dir: Path | None, timings: dict) -> tuple[list[Check], str | None]:
    """Run every suite with GX (non-empty tables only), then optionally build Data Docs; returns checks, GX version.

    A missing table fails `table_present`; an empty one is not sent to GX and its checks pass with 0 rows.
    """
    parameters = {MAX_DATE_PARAMETER: (logical_date + timedelta(days=1)).isoformat()}
    checks: list[Check] = []
    engine: GXEngine | None = None
    results = {}
    t_validate = 0.0
    for name, spec in specs.items():
        table = tables.get(name)
        expectations = [(expectation_id(e["type"], e["kwargs"]), e.get("meta", {}).get("severity", ERROR))
                        for e in spec["expectations"]]
        if table is None:
            checks.append(Check(name, "table_present", ERROR, False, {"observed_value": "missing"}, explicit=True))
            continue
        if table.num_rows == 0:
            checks.extend(Check(name, eid, sev, True, {"rows": 0}) for eid, sev in expectations)
            continue
        if engine is None:
            engine = GXEngine()
            timings["gx_context_s"] = round(engine.context_seconds, 3)
        t0 = time.perf_counter()
        results[name] = engine.validate(name, table, spec, parameters)
        t_validate += time.perf_counter() - t0
        checks += _result_checks(name, expectations, results[name])
    timings["gx_validate_s"] = round(t_validate, 3)
    if docs_dir is not None and engine is not None:
        _write_docs(engine, docs_dir, specs, results, run_key=run_key, logical_date=logical_date, timings=timings)
    return checks, engine.version if engine else None
