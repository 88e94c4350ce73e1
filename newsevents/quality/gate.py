"""Data-quality gate: one reviewed Great Expectations suite per table plus explicit cross-table checks.

Purpose
-------
`validate_tables` decides whether a night's candidate tables may be published. It runs

* the per-table GX suites in `expectations/<table>.json` (keys, nullability, column set, accepted values,
  ranges, formats), validated with GX Core on pandas DataFrames in an ephemeral context, and
* explicit checks GX cannot express here because they need joins or article text: foreign keys between
  tables, character spans against `articles.text`, dates against publication dates, row-count bounds,
  partition dates and a few value rules,

and returns a `QualityReport` with one `quality_results` row per check. Every check carries a severity:
`error` failures fail the gate (`success` False), `warning` failures are only recorded.

The suite JSON files are the reviewed source of truth. They are *generated* from the table contracts by
`derive_suite` (severity policy included) and regenerated with `write_suites()` (console hook
`newsevents.quality.gate:write_suites`, or `python -m newsevents.quality.gate`). A unit test asserts that the
committed files equal the derivation, so contracts, code and suites cannot drift apart.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import math
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
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

from newsevents.config import REPO_ROOT
from newsevents.core.codes import cameo_event_codes, iso3_country_codes
from newsevents.core.contracts import (
    ACTOR_TYPES,
    ARTICLES,
    DATE_METHODS,
    DATE_PRECISIONS,
    MENTION_KINDS,
    NLP_TABLES,
    PLOVER_TYPES,
    QUALITY_RESULTS,
    REJECTED_ARTICLES,
    SCHEMA_VERSION,
    TableContract,
)

log = logging.getLogger("newsevents.quality.gate")

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)
#: GX's own severity for each of ours (shown in Data Docs).
_GX_SEVERITY = {ERROR: "critical", WARNING: "warning"}

#: Tables with a GX suite, in validation order.
SUITE_TABLES: tuple[TableContract, ...] = (ARTICLES, REJECTED_ARTICLES, *NLP_TABLES)
SUITES_DIR = REPO_ROOT / "expectations"

MIN_DATE = "1900-01-01"
#: Suite parameter supplied at validation time: the partition (logical) date plus one day.
MAX_DATE_PARAMETER = "max_event_date"

#: Row-count bounds per article (warnings): a single article producing more rows than this is suspicious.
MAX_ROWS_PER_ARTICLE = {"actor_mentions": 2000, "events": 500, "statements": 500}
#: How many offending values an `observed` cell lists.
_EXAMPLES = 5


# =========================================================================== suite derivation
def _exp(type_: str, severity: str = ERROR, **kwargs: Any) -> dict:
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


def _date_range(column: str, severity: str) -> dict:
    return _exp("expect_column_values_to_be_between", severity, column=column,
                min_value=MIN_DATE, max_value={"$PARAMETER": MAX_DATE_PARAMETER})


def _column_rules(column: str, cameo_codes: Iterable[str] | None) -> list[dict]:
    """Accepted values, formats and ranges for a column, by name (nulls pass; nullability is separate).

    Severity policy (reviewed): anything the output contract promises, or that would make a row wrong or
    unjoinable, is an error; plausibility checks that can be legitimately violated are warnings.
    """
    between = "expect_column_values_to_be_between"
    in_set = "expect_column_values_to_be_in_set"
    regex = "expect_column_values_to_match_regex"
    rules: dict[str, list[dict]] = {
        "actor_type": [_exp(in_set, column=column, value_set=list(ACTOR_TYPES))],
        "plover_type": [_exp(in_set, column=column, value_set=list(PLOVER_TYPES))],
        "quad_class": [_exp(in_set, column=column, value_set=[1, 2, 3, 4])],
        "goldstein": [_exp(between, column=column, min_value=-10.0, max_value=10.0)],
        "event_code": [
            _exp(regex, column=column, regex=r"^\d{2,4}$"),
            _exp(in_set, column=column,
                 value_set=list(cameo_codes if cameo_codes is not None else cameo_event_codes())),
        ],
        "event_root_code": [_exp(regex, column=column, regex=r"^(?:0[1-9]|1[0-9]|20)$")],
        "date_precision": [_exp(in_set, column=column, value_set=list(DATE_PRECISIONS))],
        "date_method": [_exp(in_set, column=column, value_set=list(DATE_METHODS))],
        "mention_kind": [_exp(in_set, column=column, value_set=list(MENTION_KINDS))],
        "country_code": [_exp(in_set, column=column, value_set=list(iso3_country_codes()))],
        "cameo_code": [_exp(regex, column=column, regex=r"^[A-Z]{3,12}$")],
        "content_sha256": [_exp(regex, column=column, regex=r"^[0-9a-f]{64}$")],
        "language": [_exp(regex, WARNING, column=column, regex=r"^[a-z]{2}$")],
        "start_char": [_exp(between, column=column, min_value=0)],
        "speaker_start_char": [_exp(between, column=column, min_value=0)],
        "sentence_index": [_exp(between, column=column, min_value=0)],
        "end_char": [_exp("expect_column_pair_values_a_to_be_greater_than_b", column_A="end_char",
                          column_B="start_char", or_equal=False, ignore_row_if="either_value_is_missing")],
        "speaker_end_char": [_exp("expect_column_pair_values_a_to_be_greater_than_b", column_A="speaker_end_char",
                                  column_B="speaker_start_char", or_equal=False,
                                  ignore_row_if="either_value_is_missing")],
        "coding_confidence": [_exp(between, column=column, min_value=0.0, max_value=1.0)],
        "confidence": [_exp(between, column=column, min_value=0.0, max_value=1.0)],
        # An event dated after the run itself is a date-resolution bug: error. Statement dates fall back to
        # the publication date, which a backfill may legitimately place anywhere: warning.
        "event_date": [_date_range(column, ERROR)],
        "statement_date": [_date_range(column, WARNING)],
    }
    return rules.get(column, [])


def derive_suite(contract: TableContract, *, cameo_codes: Iterable[str] | None = None) -> dict:
    """The GX expectation suite (JSON-able dict) for one table, derived from its contract.

    Keys not null and unique, non-nullable columns not null, the exact column set, and per-column accepted
    values; each expectation has a `meta.severity` of `error` or `warning`. Deterministic: no ids, no
    timestamps, no library version, so the committed JSON only changes when the contract or policy does.
    `cameo_codes` overrides the CAMEO code table (tests); by default it is read from `CAMEO_CODES_CSV`.
    """
    expectations = [_exp("expect_table_columns_to_match_set", column_set=list(contract.columns), exact_match=True)]
    if len(contract.key) == 1:
        expectations.append(_exp("expect_column_values_to_be_unique", column=contract.key[0]))
    else:
        expectations.append(_exp("expect_compound_columns_to_be_unique", column_list=list(contract.key),
                                 ignore_row_if="never"))
    for fld in contract.schema:
        if not fld.nullable or fld.name in contract.key:
            expectations.append(_exp("expect_column_values_to_not_be_null", column=fld.name))
        expectations.extend(_column_rules(fld.name, cameo_codes))
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
            "generated_by": "newsevents.quality.gate:write_suites (from newsevents/core/contracts.py); do not edit",
            "suite_parameters": {MAX_DATE_PARAMETER: "partition date + 1 day, supplied at validation time"},
        },
    }


def render_suite(suite: dict) -> str:
    """Canonical JSON text of a suite (sorted keys, 2-space indent, trailing newline)."""
    return json.dumps(suite, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_suites(directory: Path | str | None = None) -> list[Path]:
    """Regenerate `expectations/<table>.json` for every suite table; deterministic. Console hook."""
    out = Path(directory) if directory is not None else SUITES_DIR
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for contract in SUITE_TABLES:
        path = out / f"{contract.name}.json"
        path.write_text(render_suite(derive_suite(contract)), encoding="utf-8")
        paths.append(path)
    return paths


def load_suite(name: str, directory: Path | None = None) -> dict:
    """Read one committed suite (a JSON-able dict)."""
    path = (directory or SUITES_DIR) / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


# =========================================================================== report
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


def _jsonable(value: Any) -> Any:
    """Plain JSON values (numpy scalars, dates, NaN, tuples, sets) for `observed` cells and the summary."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
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


def _fingerprint(counts: dict[str, int]) -> str:
    return hashlib.sha256(json.dumps(counts, sort_keys=True).encode()).hexdigest()[:12]


# =========================================================================== GX suites
def _gx_suite(spec: dict):
    """A GX ExpectationSuite built from a committed suite dict (GX's native severity mirrors ours)."""
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
            observed["examples"] = list(res.get("partial_unexpected_list") or [])[:_EXAMPLES]
    elif "observed_value" in res:
        observed["observed_value"] = res.get("observed_value")
    info = result.exception_info or {}
    if info.get("raised_exception"):
        observed["exception"] = info.get("exception_message")
    return _jsonable(observed)


class _GX:
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
        return batch.validate(_gx_suite(spec), result_format="BASIC", expectation_parameters=parameters)

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
            self.context.suites.add(_gx_suite(spec))
        run_time = datetime(logical_date.year, logical_date.month, logical_date.day, tzinfo=UTC)
        run_id = RunIdentifier(run_name=run_key, run_time=run_time)
        for name, result in results.items():
            key = ValidationResultIdentifier(expectation_suite_identifier=ExpectationSuiteIdentifier(name=name),
                                             run_id=run_id, batch_identifier=name)
            self.context.validation_results_store.set(key, result)
        return self.context.build_data_docs(site_names=["newsevents"]).get("newsevents")


def _suite_checks(tables: dict[str, pa.Table], specs: dict[str, dict], *, logical_date: date, run_key: str,
                  docs_dir: Path | None, timings: dict) -> tuple[list[Check], str | None]:
    """Run every suite with GX (non-empty tables only), then optionally build Data Docs; returns checks, GX version."""
    parameters = {MAX_DATE_PARAMETER: (logical_date + timedelta(days=1)).isoformat()}
    checks: list[Check] = []
    engine: _GX | None = None
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
            engine = _GX()
            timings["gx_context_s"] = round(engine.context_seconds, 3)
        t0 = time.perf_counter()
        result = engine.validate(name, table, spec, parameters)
        t_validate += time.perf_counter() - t0
        results[name] = result
        by_id = {expectation_id(r.expectation_config.type, r.expectation_config.kwargs): r for r in result.results}
        for eid, sev in expectations:
            r = by_id.get(eid)
            if r is None:
                checks.append(Check(name, eid, sev, False, {"exception": "expectation was not evaluated"}))
            else:
                checks.append(Check(name, eid, sev, bool(r.success), _observed_from_gx(r)))
    timings["gx_validate_s"] = round(t_validate, 3)
    version = engine.version if engine else None
    if docs_dir is not None and engine is not None:
        t0 = time.perf_counter()
        try:
            index = engine.build_data_docs(Path(docs_dir), specs, results, run_key=run_key, logical_date=logical_date)
            log.info("quality: Data Docs written to %s", index)
        except Exception as exc:  # noqa: BLE001 - docs are a by-product; the gate must not depend on them
            log.warning("quality: Data Docs not built in %s: %s: %s", docs_dir, type(exc).__name__, exc)
        timings["data_docs_s"] = round(time.perf_counter() - t0, 3)
    return checks, version


# =========================================================================== explicit checks
def _col(table: pa.Table, name: str) -> list:
    return table.column(name).to_pylist()


def _count_check(table: str, expectation: str, severity: str, bad: list, total: int) -> Check:
    """A check that failed for `len(bad)` of `total` rows; `bad` holds example values."""
    observed = {"unexpected_count": len(bad), "element_count": total}
    if bad:
        observed["examples"] = _jsonable(bad[:_EXAMPLES])
    return Check(table, expectation, severity, not bad, observed, explicit=True)


def _ref_check(child_name: str, child: pa.Table, columns: tuple[str, ...], parent_name: str, parent: pa.Table,
               parent_columns: tuple[str, ...] | None = None) -> Check:
    """Every non-null value (tuple) of `columns` in the child exists among the parent's `parent_columns`."""
    parent_columns = parent_columns or columns
    target = ",".join(columns) if len(columns) == 1 else f"({','.join(columns)})"
    eid = f"xref.{child_name}.{target}->{parent_name}"
    known = set(zip(*(_col(parent, c) for c in parent_columns), strict=True)) if parent.num_rows else set()
    values = list(zip(*(_col(child, c) for c in columns), strict=True)) if child.num_rows else []
    bad = [v[0] if len(v) == 1 else list(v) for v in values if None not in v and v not in known]
    return _count_check(child_name, eid, ERROR, bad, len(values))


def _reference_checks(t: dict[str, pa.Table]) -> list[Check]:
    refs = [
        ("actor_mentions", ("article_id",), "articles", None),
        ("actor_mentions", ("actor_id",), "actors", None),
        ("events", ("article_id",), "articles", None),
        ("events", ("source_actor_id",), "actors", ("actor_id",)),
        ("events", ("target_actor_id",), "actors", ("actor_id",)),
        ("statements", ("article_id",), "articles", None),
        ("statements", ("speaker_actor_id",), "actors", ("actor_id",)),
        ("statement_actors", ("article_id",), "articles", None),
        ("statement_actors", ("actor_id",), "actors", None),
        ("statement_actors", ("statement_id", "article_id"), "statements", None),
        ("statement_actors", ("mention_id", "actor_id", "article_id"), "actor_mentions", None),
        ("statement_events", ("article_id",), "articles", None),
        ("statement_events", ("statement_id", "article_id"), "statements", None),
        ("statement_events", ("event_id", "article_id"), "events", None),
    ]
    return [_ref_check(child, t[child], cols, parent, t[parent], pcols) for child, cols, parent, pcols in refs]


def _span_checks(t: dict[str, pa.Table]) -> list[Check]:
    """Spans lie within their article's text, and quoted surfaces equal `articles.text[start:end]` exactly."""
    texts = dict(zip(_col(t["articles"], "article_id"), _col(t["articles"], "text"), strict=True))
    checks = []

    def rows(name: str, *columns: str) -> list[tuple]:
        table = t[name]
        if not table.num_rows:
            return []
        return list(zip(*(_col(table, c) for c in columns), strict=True))

    def within(text: str | None, start: int | None, end: int | None) -> bool:
        return text is not None and start is not None and end is not None and 0 <= start <= end <= len(text)

    # (table, id column, start, end, surface column or None, severity of the surface check, surface check id)
    spans = [
        ("actor_mentions", "mention_id", "start_char", "end_char", "text", ERROR,
         "span.actor_mentions.text==articles.text[start_char:end_char]"),
        ("events", "event_id", "start_char", "end_char", None, None, None),
        ("statements", "statement_id", "start_char", "end_char", "quote_text", ERROR,
         "span.statements.quote_text==articles.text[start_char:end_char]"),
        ("statements", "statement_id", "speaker_start_char", "speaker_end_char", "speaker_text", WARNING,
         "span.statements.speaker_text==articles.text[speaker_start_char:speaker_end_char]"),
    ]
    for name, id_col, start_col, end_col, surface_col, surface_sev, surface_id in spans:
        surface = (surface_col,) if surface_col else ()
        data = rows(name, id_col, "article_id", start_col, end_col, *surface)
        # Rows whose article is unknown are reported by the xref checks; rows without a span (nullable
        # speaker offsets) have nothing to check.
        data = [r for r in data if r[1] in texts and not (r[2] is None and r[3] is None)]
        outside = [r[0] for r in data if not within(texts[r[1]], r[2], r[3])]
        suffix = "" if start_col == "start_char" else f".{start_col.removesuffix('_start_char')}"
        checks.append(_count_check(name, f"span.{name}{suffix}.within_article_text", ERROR, outside, len(data)))
        if surface_col:
            mismatched = [
                {"id": r[0], "expected": texts[r[1]][r[2]:r[3]], "actual": r[4]}
                for r in data if within(texts[r[1]], r[2], r[3]) and texts[r[1]][r[2]:r[3]] != r[4]
            ]
            checks.append(_count_check(name, surface_id, surface_sev, mismatched, len(data)))

    data = [r for r in rows("events", "event_id", "article_id", "start_char", "end_char", "trigger_text")
            if r[1] in texts and within(texts[r[1]], r[2], r[3])]
    missing = [{"id": r[0], "trigger_text": r[4]} for r in data
               if r[4] is not None and r[4] not in texts[r[1]][r[2]:r[3]]]
    checks.append(_count_check("events", "span.events.trigger_text_in_evidence_span", WARNING, missing, len(data)))
    return checks


def _date_checks(t: dict[str, pa.Table]) -> list[Check]:
    """Event and statement dates against 1900-01-01 and their article's publication date + 1 day."""
    published = {
        a: p.date() for a, p in zip(_col(t["articles"], "article_id"), _col(t["articles"], "published_at"),
                                    strict=True) if p is not None
    }
    floor = date.fromisoformat(MIN_DATE)
    checks = []
    for name, id_col, date_col in (("events", "event_id", "event_date"), ("statements", "statement_id",
                                                                          "statement_date")):
        table = t[name]
        rows = list(zip(_col(table, id_col), _col(table, "article_id"), _col(table, date_col), strict=True)) \
            if table.num_rows else []
        dated = [r for r in rows if r[2] is not None]
        too_old = [{"id": r[0], date_col: r[2]} for r in dated if r[2] < floor]
        checks.append(_count_check(name, f"date.{name}.{date_col}>={MIN_DATE}", ERROR, too_old, len(dated)))
        comparable = [r for r in dated if r[1] in published]
        too_late = [{"id": r[0], date_col: r[2], "published": published[r[1]]} for r in comparable
                    if r[2] > published[r[1]] + timedelta(days=1)]
        checks.append(_count_check(name, f"date.{name}.{date_col}<=published_at+1d", WARNING, too_late,
                                   len(comparable)))
    return checks


def _row_count_checks(t: dict[str, pa.Table]) -> list[Check]:
    """Rows per article within plausible bounds (warnings): runaway extraction shows up here first."""
    checks = []
    articles = t["articles"].num_rows
    for name, limit in MAX_ROWS_PER_ARTICLE.items():
        table = t[name]
        per_article = Counter(_col(table, "article_id")) if table.num_rows else Counter()
        over = [{"article_id": a, "rows": n} for a, n in per_article.most_common() if n > limit]
        check = _count_check(name, f"rows.{name}.per_article<={limit}", WARNING, over, len(per_article))
        check.observed.update({"rows": table.num_rows, "articles": articles,
                               "max_per_article": max(per_article.values(), default=0)})
        checks.append(check)
    return checks


def _value_checks(t: dict[str, pa.Table], logical_date: date) -> list[Check]:
    """Row-level rules that need no join: partition dates, reject reasons, CAMEO root consistency."""
    checks = []
    for name in (c.name for c in SUITE_TABLES):
        values = _col(t[name], "partition_date") if t[name].num_rows else []
        bad = [v for v in values if v != logical_date]
        check = _count_check(name, "partition.partition_date==logical_date", ERROR, bad, len(values))
        if bad:  # distinct offending dates are more telling than the first few rows
            check.observed["examples"] = _jsonable(sorted(set(bad), key=str)[:_EXAMPLES])
        checks.append(check)

    rejects = t["rejected_articles"]
    codes = _col(rejects, "reason_code") if rejects.num_rows else []
    empty = [r for r, c in zip(_col(rejects, "reject_id") if rejects.num_rows else [], codes, strict=True)
             if c is None or not c.strip()]
    checks.append(_count_check("rejected_articles", "value.rejected_articles.reason_code_non_empty", ERROR, empty,
                               len(codes)))

    events = t["events"]
    rows = list(zip(_col(events, "event_id"), _col(events, "event_code"), _col(events, "event_root_code"),
                    strict=True)) if events.num_rows else []
    rows = [r for r in rows if r[1] is not None and r[2] is not None]
    wrong_root = [{"id": r[0], "event_code": r[1], "event_root_code": r[2]} for r in rows if r[1][:2] != r[2]]
    checks.append(_count_check("events", "value.events.event_root_code==event_code[:2]", ERROR, wrong_root,
                               len(rows)))
    return checks


def _explicit_checks(tables: dict[str, pa.Table], logical_date: date) -> list[Check]:
    """Checks computed with pyarrow/Python across tables (missing tables are treated as empty)."""
    contracts = {c.name: c for c in SUITE_TABLES}
    t = {name: (tables.get(name) if tables.get(name) is not None else contract.empty())
         for name, contract in contracts.items()}
    return [*_reference_checks(t), *_span_checks(t), *_date_checks(t), *_row_count_checks(t),
            *_value_checks(t, logical_date)]


# =========================================================================== entry point
def _summary(checks: list[Check], *, run_key: str, logical_date: date, counts: dict[str, int],
             gx_version: str | None, headline: str, success: bool) -> dict:
    def block(items: list[Check]) -> dict:
        failed = [c for c in items if not c.success]
        return {"checks": len(items), "failed": len(failed),
                "failed_expectations": [c.describe() for c in failed]}

    tables = {}
    for check in checks:
        if not check.explicit:
            tables.setdefault(check.table, []).append(check)
    return _jsonable({
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


def validate_tables(tables: dict[str, pa.Table], *, logical_date: date, docs_dir: Path | None,
                    suites_dir: Path | None = None) -> QualityReport:
    """Run every table's GX suite and the explicit cross-table checks; return the gate's report.

    `tables` maps table names to Arrow tables with the contract schemas (extra entries such as
    `quality_results` are ignored). Empty tables are not sent to GX; their checks are recorded as passed
    with `{"rows": 0}`. When `docs_dir` is given, GX Data Docs are written there; failures to build them are
    logged as warnings and never affect the result. `suites_dir` overrides `expectations/` (tests).
    """
    started = time.perf_counter()
    counts = {c.name: tables[c.name].num_rows for c in SUITE_TABLES if tables.get(c.name) is not None}
    run_key = f"{logical_date.isoformat()}-{_fingerprint(counts)}"
    specs = {c.name: load_suite(c.name, suites_dir) for c in SUITE_TABLES}
    timings: dict[str, float] = {}

    suite_checks, gx_version = _suite_checks(tables, specs, logical_date=logical_date, run_key=run_key,
                                             docs_dir=docs_dir, timings=timings)
    t0 = time.perf_counter()
    checks = suite_checks + _explicit_checks(tables, logical_date)
    timings["explicit_s"] = round(time.perf_counter() - t0, 3)

    keys = Counter((c.table, c.expectation) for c in checks)
    duplicated = [k for k, n in keys.items() if n > 1]
    if duplicated:
        raise RuntimeError(f"duplicate quality check ids: {duplicated}")

    success = not any(c.is_error for c in checks)
    warnings = sum(c.is_warning for c in checks)
    results = QUALITY_RESULTS.from_rows([
        {"run_key": run_key, "table_name": c.table, "expectation": c.expectation, "severity": c.severity,
         "success": c.success, "partition_date": logical_date,
         "observed": None if c.observed is None else json.dumps(_jsonable(c.observed), sort_keys=True,
                                                                 ensure_ascii=False)}
        for c in checks
    ])
    report = QualityReport(success=success, results_table=results, summary={}, warning_count=warnings,
                           checks=checks, timings=timings)
    report.summary = _summary(checks, run_key=run_key, logical_date=logical_date, counts=counts,
                              gx_version=gx_version, headline=report.headline(), success=success)
    timings["total_s"] = round(time.perf_counter() - started, 3)
    log.info("%s (timings %s)", report.headline(), timings)
    return report


if __name__ == "__main__":  # python -m newsevents.quality.gate: regenerate the committed suites
    for written in write_suites():
        print(written)
