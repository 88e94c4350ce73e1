"""Unit tests for the data-quality gate (`newsevents.quality`).

A small, hand-built, internally consistent run (one article with known text, two actors, mentions with
exact spans, one event, one statement) must pass; each single corruption must fail the gate and name the
expectation that caught it; warning-only issues must not fail it. Suites and cross-table checks are derived
from the contract declarations (the gate never reads `expectations/`), the check ids are stable, and the
committed suites must equal what `derive_suite` produces from the contracts.
"""

from __future__ import annotations

import builtins
import json
import os
import pathlib
from datetime import date, datetime

import pyarrow as pa
import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from newsevents.core.codes import CAMEO_CODES_CSV
from newsevents.core.contracts import (
    ACTOR_MENTIONS,
    ACTORS,
    ARTICLES,
    DUPLICATE_ARTICLES,
    EVENTS,
    LOCATION_MENTIONS,
    QUALITY_RESULTS,
    REJECTED_ARTICLES,
    STATEMENT_ACTORS,
    STATEMENT_EVENTS,
    STATEMENTS,
)
from newsevents.core.rules import WARNING, Dated, Reference, Span
from newsevents.core.schema import Column, TableContract
from newsevents.quality import checks
from newsevents.quality.gate import validate_tables
from newsevents.quality.suites import SUITE_TABLES, SUITES_DIR, derive_suite, expectation_id, render_suite

RUN_DATE = date(2017, 4, 12)
ARTICLE_ID = "a3f9c1d2e4b5a6c7"
TEXT = (
    "Russian President Vladimir Putin on Tuesday accused the United States of violating international law. "
    '"The United States must stop its aggression," Putin said.'
)
SECOND_SENTENCE = TEXT.index('"The')
PUTIN, USA = "act_putin000000001", "act_usa0000000002"


def _span(surface: str, start_at: int = 0) -> tuple[int, int]:
    start = TEXT.index(surface, start_at)
    return start, start + len(surface)


def _mention(mention_id: str, actor_id: str, surface: str, kind: str, sentence: int, start_at: int = 0) -> dict:
    start, end = _span(surface, start_at)
    return {"mention_id": mention_id, "article_id": ARTICLE_ID, "actor_id": actor_id, "start_char": start,
            "end_char": end, "text": surface, "mention_kind": kind, "sentence_index": sentence,
            "partition_date": RUN_DATE}


def build_rows() -> dict[str, list[dict]]:
    """Row dicts of a consistent run; tests corrupt a copy and build tables from it."""
    quote_start, quote_end = _span("The United States must stop its aggression,")
    speaker_start, speaker_end = _span("Putin", SECOND_SENTENCE)
    event_start, event_end = _span(TEXT[: SECOND_SENTENCE - 1])
    return {
        # rows whose other values do not matter start from the contract's example row
        "articles": [ARTICLES.example_row(
            article_id=ARTICLE_ID, title="Putin accuses US", published_at=datetime(2017, 4, 12, 8, 0), text=TEXT,
            word_count=len(TEXT.split()), partition_date=RUN_DATE,
        )],
        "rejected_articles": [REJECTED_ARTICLES.example_row(
            reject_id="rej_0001", rejected_at=datetime(2017, 4, 12), raw_excerpt="{}", partition_date=RUN_DATE,
        )],
        "duplicate_articles": [DUPLICATE_ARTICLES.example_row(
            duplicate_id="dup_0001", duplicate_of=ARTICLE_ID, first_seen_date=RUN_DATE, partition_date=RUN_DATE,
        )],
        "actors": [
            {"actor_id": PUTIN, "canonical_key": "person:vladimir putin", "name": "Vladimir Putin",
             "actor_type": "PERSON", "country_code": "RUS", "role_code": "GOV", "cameo_code": "RUSGOV",
             "coding_confidence": 0.9, "coding_evidence": "title:president; demonym:Russian",
             "partition_date": RUN_DATE},
            {"actor_id": USA, "canonical_key": "country:usa", "name": "United States", "actor_type": "COUNTRY",
             "country_code": "USA", "role_code": None, "cameo_code": "USA", "coding_confidence": 1.0,
             "coding_evidence": "country dictionary", "partition_date": RUN_DATE},
        ],
        "actor_mentions": [
            _mention("men_1", PUTIN, "Vladimir Putin", "name", 0),
            _mention("men_2", USA, "United States", "name", 0),
            _mention("men_3", USA, "United States", "name", 1, SECOND_SENTENCE),
            _mention("men_4", PUTIN, "Putin", "short_name", 1, SECOND_SENTENCE),
        ],
        "events": [{
            "event_id": "evt_1", "article_id": ARTICLE_ID, "source_actor_id": PUTIN, "target_actor_id": USA,
            "event_date": date(2017, 4, 11), "date_precision": "day", "date_method": "relative",
            "date_text": "on Tuesday", "event_code": "112", "event_root_code": "11", "quad_class": 3,
            "goldstein": -2.0, "plover_type": "ACCUSE", "trigger_text": "accused", "start_char": event_start,
            "end_char": event_end, "sentence_index": 0, "is_alleged": False, "confidence": 0.8,
            "event_key": "ek_1", "partition_date": RUN_DATE,
            "location_mention_id": "loc_1", "location_country_code": "USA", "latitude": 39.76, "longitude": -98.5,
            "location_precision": "country", "location_method": "trigger_prep",
        }],
        "location_mentions": [LOCATION_MENTIONS.example_row(
            location_mention_id="loc_1", article_id=ARTICLE_ID, start_char=_span("United States")[0],
            end_char=_span("United States")[1], text="United States", geonames_id=6252001, name="United States",
            country_code="USA", latitude=39.76, longitude=-98.5, feature_class="A", admin1_code=None,
            resolution_reason="country_alias", partition_date=RUN_DATE,
        )],
        "statements": [{
            "statement_id": "st_1", "article_id": ARTICLE_ID, "speaker_actor_id": PUTIN, "speaker_text": "Putin",
            "speaker_start_char": speaker_start, "speaker_end_char": speaker_end,
            "quote_text": "The United States must stop its aggression,", "is_direct": True, "cue": "said",
            "start_char": quote_start, "end_char": quote_end, "statement_date": date(2017, 4, 12),
            "sentence_index": 1, "partition_date": RUN_DATE,
        }],
        "statement_actors": [{"statement_id": "st_1", "mention_id": "men_3", "actor_id": USA,
                              "article_id": ARTICLE_ID, "partition_date": RUN_DATE}],
        "statement_events": [],
    }


CONTRACTS = {c.name: c for c in (ARTICLES, REJECTED_ARTICLES, DUPLICATE_ARTICLES, ACTORS, ACTOR_MENTIONS,
                                 LOCATION_MENTIONS, EVENTS, STATEMENTS, STATEMENT_ACTORS, STATEMENT_EVENTS)}


def build_tables(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    return {name: CONTRACTS[name].from_rows(rows[name]) for name in CONTRACTS}


def failed(report, severity: str = "error") -> set[tuple[str, str]]:
    return {(c.table, c.expectation) for c in report.checks if not c.success and c.severity == severity}


@pytest.fixture(scope="module")
def clean_report(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    return validate_tables(build_tables(build_rows()), logical_date=RUN_DATE, docs_dir=docs), docs


def test_consistent_run_passes(clean_report):
    report, _ = clean_report
    assert report.success, report.failure_message()
    assert report.warning_count == 0, report.summary
    assert report.failure_message() == ""
    assert report.headline() == f"quality: {len(report.checks)} checks, 0 errors, 0 warnings"
    names = {c.expectation for c in report.checks}
    assert "xref.events.source_actor_id->actors" in names
    assert "span.actor_mentions.text==articles.text[start_char:end_char]" in names
    assert "expect_compound_columns_to_be_unique(statement_id,mention_id)" in names


def test_results_table_and_summary(clean_report):
    report, _ = clean_report
    table = report.results_table
    assert table.schema.equals(QUALITY_RESULTS.schema)
    assert table.num_rows == len(report.checks)
    rows = table.to_pylist()
    assert len({(r["run_key"], r["table_name"], r["expectation"]) for r in rows}) == len(rows)
    assert {r["severity"] for r in rows} <= {"error", "warning"}
    assert all(r["partition_date"] == RUN_DATE for r in rows)
    run_key = rows[0]["run_key"]
    assert run_key.startswith("2017-04-12-") and len({r["run_key"] for r in rows}) == 1
    for r in rows:
        if r["observed"] is not None:
            json.loads(r["observed"])
    summary = json.loads(json.dumps(report.summary, allow_nan=False))
    assert summary["success"] is True and summary["run_key"] == run_key
    assert set(summary["tables"]) == {c.name for c in SUITE_TABLES}
    assert summary["counts"]["rows"]["actor_mentions"] == 4
    assert summary["cross_table"]["failed"] == 0
    # empty tables are not sent to GX but their checks are recorded as passed with 0 rows
    empty = [r for r in rows if r["table_name"] == "statement_events" and r["expectation"].startswith("expect_")]
    assert empty and all(r["success"] and json.loads(r["observed"]) == {"rows": 0} for r in empty)


def test_data_docs_written(clean_report):
    _, docs = clean_report
    assert (docs / "index.html").is_file()
    assert any((docs / "validations").rglob("events.html"))


def test_results_are_deterministic(clean_report):
    first, _ = clean_report
    second = validate_tables(build_tables(build_rows()), logical_date=RUN_DATE, docs_dir=None)
    assert first.results_table.equals(second.results_table)
    assert first.summary == second.summary


def _corrupt_duplicate_key(rows):
    rows["actor_mentions"].append(dict(rows["actor_mentions"][0]))


def _corrupt_orphan_actor(rows):
    rows["events"][0]["source_actor_id"] = "act_ghost"


def _corrupt_goldstein(rows):
    rows["events"][0]["goldstein"] = 11.0


def _corrupt_offset(rows):
    rows["actor_mentions"][0]["start_char"] += 1


def _corrupt_event_code(rows):
    rows["events"][0]["event_code"] = "999"


def _corrupt_plover(rows):
    rows["events"][0]["plover_type"] = "FOO"


def _corrupt_null_article_id(rows):
    rows["actor_mentions"][1]["article_id"] = None


@pytest.mark.parametrize(("corrupt", "table", "expectation"), [
    (_corrupt_duplicate_key, "actor_mentions", "expect_column_values_to_be_unique(mention_id)"),
    (_corrupt_orphan_actor, "events", "xref.events.source_actor_id->actors"),
    (_corrupt_goldstein, "events", "expect_column_values_to_be_between(goldstein)"),
    (_corrupt_offset, "actor_mentions", "span.actor_mentions.text==articles.text[start_char:end_char]"),
    (_corrupt_event_code, "events", "expect_column_values_to_be_in_set(event_code)"),
    (_corrupt_plover, "events", "expect_column_values_to_be_in_set(plover_type)"),
    (_corrupt_null_article_id, "actor_mentions", "expect_column_values_to_not_be_null(article_id)"),
], ids=["duplicate_key", "orphan_actor", "goldstein_11", "offset_off_by_one", "event_code_999", "plover_FOO",
        "null_article_id"])
def test_corruption_fails_gate(corrupt, table, expectation):
    rows = build_rows()
    corrupt(rows)
    report = validate_tables(build_tables(rows), logical_date=RUN_DATE, docs_dir=None)
    assert not report.success
    assert (table, expectation) in failed(report), sorted(failed(report))
    message = report.failure_message()
    assert expectation in message and table in message
    assert report.summary["success"] is False
    row = next(r for r in report.results_table.to_pylist()
               if r["expectation"] == expectation and r["table_name"] == table)
    assert row["success"] is False and row["severity"] == "error"
    assert json.loads(row["observed"])["unexpected_count"] >= 1


def _warn_event_after_publication(rows):
    rows["articles"][0]["published_at"] = datetime(2017, 4, 8, 9, 30)


def _warn_language(rows):
    rows["articles"][0]["language"] = "english"


@pytest.mark.parametrize(("corrupt", "table", "expectation"), [
    (_warn_event_after_publication, "events", "date.events.event_date<=published_at+1d"),
    (_warn_language, "articles", "expect_column_values_to_match_regex(language)"),
], ids=["event_after_publication", "language_not_iso639_1"])
def test_warning_keeps_gate_open(corrupt, table, expectation):
    rows = build_rows()
    corrupt(rows)
    report = validate_tables(build_tables(rows), logical_date=RUN_DATE, docs_dir=None)
    assert report.success, report.failure_message()
    assert failed(report) == set()
    assert (table, expectation) in failed(report, "warning")
    assert report.warning_count >= 1
    assert report.headline().endswith(f"0 errors, {report.warning_count} warnings")


def test_event_before_1900_is_an_error():
    rows = build_rows()
    rows["events"][0]["event_date"] = date(1899, 12, 31)
    report = validate_tables(build_tables(rows), logical_date=RUN_DATE, docs_dir=None)
    assert not report.success
    assert {("events", "date.events.event_date>=1900-01-01"),
            ("events", "expect_column_values_to_be_between(event_date)")} <= failed(report)


def test_empty_run_passes_without_gx():
    tables = {c.name: c.empty() for c in CONTRACTS.values()}
    report = validate_tables(tables, logical_date=RUN_DATE, docs_dir=None)
    assert report.success and report.warning_count == 0
    assert report.summary["engine"]["great_expectations"] is None


def test_data_docs_failure_does_not_fail_gate(tmp_path, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    report = validate_tables(build_tables(build_rows()), logical_date=RUN_DATE, docs_dir=blocker / "docs")
    assert report.success
    assert "Data Docs not built" in caplog.text


#: The cross-table check ids and severities of a full run: `quality_results.expectation` is read by people and
#: dashboards, so renaming one is a deliberate change of this list.
CROSS_TABLE_CHECKS = {
    ("actor_mentions", "partition.partition_date==logical_date", "error"),
    ("actor_mentions", "rows.actor_mentions.per_article<=2000", "warning"),
    ("actor_mentions", "span.actor_mentions.text==articles.text[start_char:end_char]", "error"),
    ("actor_mentions", "span.actor_mentions.within_article_text", "error"),
    ("actor_mentions", "xref.actor_mentions.actor_id->actors", "error"),
    ("actor_mentions", "xref.actor_mentions.article_id->articles", "error"),
    ("actors", "partition.partition_date==logical_date", "error"),
    ("articles", "partition.partition_date==logical_date", "error"),
    ("events", "date.events.event_date<=published_at+1d", "warning"),
    ("duplicate_articles", "partition.partition_date==logical_date", "error"),
    ("events", "date.events.event_date>=1900-01-01", "error"),
    ("events", "partition.partition_date==logical_date", "error"),
    ("events", "rows.events.per_article<=500", "warning"),
    ("events", "span.events.trigger_text_in_evidence_span", "warning"),
    ("events", "span.events.within_article_text", "error"),
    ("events", "value.events.event_root_code==event_code[:2]", "error"),
    ("events", "xref.events.article_id->articles", "error"),
    ("events", "xref.events.source_actor_id->actors", "error"),
    ("events", "xref.events.target_actor_id->actors", "error"),
    ("events", "xref.events.(location_mention_id,article_id)->location_mentions", "error"),
    ("location_mentions", "partition.partition_date==logical_date", "error"),
    ("location_mentions", "rows.location_mentions.per_article<=2000", "warning"),
    ("location_mentions", "span.location_mentions.text==articles.text[start_char:end_char]", "error"),
    ("location_mentions", "span.location_mentions.within_article_text", "error"),
    ("location_mentions", "xref.location_mentions.article_id->articles", "error"),
    ("rejected_articles", "partition.partition_date==logical_date", "error"),
    ("rejected_articles", "value.rejected_articles.reason_code_non_empty", "error"),
    ("statement_actors", "partition.partition_date==logical_date", "error"),
    ("statement_actors", "xref.statement_actors.(mention_id,actor_id,article_id)->actor_mentions", "error"),
    ("statement_actors", "xref.statement_actors.(statement_id,article_id)->statements", "error"),
    ("statement_actors", "xref.statement_actors.actor_id->actors", "error"),
    ("statement_actors", "xref.statement_actors.article_id->articles", "error"),
    ("statement_events", "partition.partition_date==logical_date", "error"),
    ("statement_events", "xref.statement_events.(event_id,article_id)->events", "error"),
    ("statement_events", "xref.statement_events.(statement_id,article_id)->statements", "error"),
    ("statement_events", "xref.statement_events.article_id->articles", "error"),
    ("statements", "date.statements.statement_date<=published_at+1d", "warning"),
    ("statements", "date.statements.statement_date>=1900-01-01", "error"),
    ("statements", "partition.partition_date==logical_date", "error"),
    ("statements", "rows.statements.per_article<=500", "warning"),
    ("statements", "span.statements.quote_text==articles.text[start_char:end_char]", "error"),
    ("statements", "span.statements.speaker.within_article_text", "error"),
    ("statements", "span.statements.speaker_text==articles.text[speaker_start_char:speaker_end_char]", "warning"),
    ("statements", "span.statements.within_article_text", "error"),
    ("statements", "xref.statements.article_id->articles", "error"),
    ("statements", "xref.statements.speaker_actor_id->actors", "error"),
}


def test_cross_table_check_ids_are_stable(clean_report):
    report, _ = clean_report
    assert {(c.table, c.expectation, c.severity) for c in report.checks if c.explicit} == CROSS_TABLE_CHECKS


def test_every_declared_reference_and_span_is_checked(clean_report):
    report, _ = clean_report
    ids = {(c.table, c.expectation) for c in report.checks}
    for contract in SUITE_TABLES:
        for ref in contract.all_references():
            assert (contract.name, checks.reference_id(contract.name, ref)) in ids, (contract.name, ref)
        for span in contract.spans:
            pair = expectation_id("expect_column_pair_values_a_to_be_greater_than_b",
                                  {"column_A": span.end, "column_B": span.start})
            assert (contract.name, pair) in ids, (contract.name, span)


def test_declared_rules_become_expectations_with_their_severity():
    contract = TableContract(
        name="t", grain="one thing", key=("id",), description="A test table.",
        spans=(Span("start_char", "end_char"),),
        fields=(
            Column("id", pa.string(), "Id."),
            Column("kind", pa.string(), "Kind.", values=("a", "b"), severity=WARNING),
            Column("code", pa.string(), "Code.", nullable=False, regex=r"^\d+$"),
            Column("start_char", pa.int32(), "Start.", min=0),
            Column("end_char", pa.int32(), "End."),
            Column("day", pa.date32(), "Day.", dated=Dated(after_run=WARNING)),
        ),
    )
    suite = {expectation_id(e["type"], e["kwargs"]): e for e in derive_suite(contract)["expectations"]}
    assert list(suite) == [
        "expect_table_columns_to_match_set", "expect_column_values_to_be_unique(id)",
        "expect_column_values_to_not_be_null(id)", "expect_column_values_to_be_in_set(kind)",
        "expect_column_values_to_not_be_null(code)", "expect_column_values_to_match_regex(code)",
        "expect_column_values_to_be_between(start_char)",
        "expect_column_pair_values_a_to_be_greater_than_b(end_char,start_char)",
        "expect_column_values_to_be_between(day)",
    ]
    assert suite["expect_column_values_to_be_in_set(kind)"]["meta"]["severity"] == "warning"
    assert suite["expect_column_values_to_be_in_set(kind)"]["kwargs"]["value_set"] == ["a", "b"]
    assert suite["expect_column_values_to_match_regex(code)"]["meta"]["severity"] == "error"
    assert suite["expect_column_values_to_be_between(start_char)"]["kwargs"] == {"column": "start_char",
                                                                               "min_value": 0}
    assert suite["expect_column_values_to_be_between(day)"]["meta"]["severity"] == "warning"


def test_an_event_placed_at_a_toponym_of_another_article_fails(tmp_path):
    rows = build_rows()
    rows["location_mentions"][0]["article_id"] = "art_other"
    rows["articles"].append({**rows["articles"][0], "article_id": "art_other", "content_sha256": "1" * 64})
    report = validate_tables(build_tables(rows), logical_date=RUN_DATE, docs_dir=tmp_path)
    assert ("events", "xref.events.(location_mention_id,article_id)->location_mentions") in failed(report)


def test_a_declared_reference_becomes_a_cross_table_check():
    ref = Reference(("source_actor_id",), "actors", ("actor_id",))
    assert checks.reference_id("events", ref) == "xref.events.source_actor_id->actors"
    tables = {"events": EVENTS.from_rows([EVENTS.example_row(source_actor_id="act_ghost")]),
              "actors": ACTORS.from_rows([ACTORS.example_row()])}
    check = checks.cross_table_checks(tables, RUN_DATE)
    by_id = {c.expectation: c for c in check if c.table == "events"}
    assert not by_id["xref.events.source_actor_id->actors"].success
    assert by_id["xref.events.source_actor_id->actors"].observed["examples"] == ["act_ghost"]


def test_gate_derives_suites_without_reading_expectations(monkeypatch):
    """The committed suites are documentation: validation must not depend on them."""
    suites_dir = str(SUITES_DIR.resolve())
    read_text, real_open = pathlib.Path.read_text, builtins.open

    def guard(path) -> None:
        if str(pathlib.Path(path).resolve()).startswith(suites_dir):
            raise AssertionError(f"the gate read {path}")

    def guarded_read_text(self, *args, **kwargs):
        guard(self)
        return read_text(self, *args, **kwargs)

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)):
            guard(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_text", guarded_read_text)
    monkeypatch.setattr(builtins, "open", guarded_open)
    report = validate_tables(build_tables(build_rows()), logical_date=RUN_DATE, docs_dir=None)
    assert report.success, report.failure_message()


def test_example_rows_pass_their_suites():
    tables = {name: contract.from_rows([contract.example_row()]) for name, contract in CONTRACTS.items()}
    report = validate_tables(tables, logical_date=RUN_DATE, docs_dir=None)
    failed_suite = [c.describe() for c in report.checks if not c.explicit and not c.success]
    assert not failed_suite


@pytest.mark.parametrize("contract", SUITE_TABLES, ids=lambda c: c.name)
def test_committed_suites_match_derivation(contract):
    if contract.name == "events" and not CAMEO_CODES_CSV.exists():
        pytest.skip("CAMEO code table missing; cannot derive the events suite")
    committed = (SUITES_DIR / f"{contract.name}.json").read_text(encoding="utf-8")
    assert committed == render_suite(derive_suite(contract)), (
        f"expectations/{contract.name}.json is stale: regenerate with `python -m newsevents.quality.gate`"
    )
