"""Analyst views, snapshots and the run report on a small hand-built warehouse (no NLP involved)."""

from __future__ import annotations

import io
from datetime import date, datetime

import duckdb
import pytest

from newsevents.adapters.snapshots import verify_snapshot, write_snapshot
from newsevents.adapters.warehouse import promote, read_full_tables, stage_load
from newsevents.core.contracts import (
    ACTOR_MENTIONS,
    ACTORS,
    ARTICLES,
    EVENTS,
    REJECTED_ARTICLES,
    SNAPSHOT_TABLES,
    STATEMENTS,
)

D = date(2017, 4, 12)
TEXT_A = "Russia vetoed the resolution. Tillerson said Moscow was wrong."
TEXT_B = "Russia vetoed the Security Council resolution on Wednesday."


def _actor(actor_id, name, kind, country, cameo):
    return {"actor_id": actor_id, "canonical_key": name.lower(), "name": name, "actor_type": kind,
            "country_code": country, "role_code": None, "cameo_code": cameo, "coding_confidence": 0.9,
            "partition_date": D}


def _event(event_id, article_id, start, end):
    return {"event_id": event_id, "article_id": article_id, "source_actor_id": "act_rus",
            "target_actor_id": "act_un", "event_date": D, "date_precision": "day", "date_method": "relative",
            "event_code": "129", "event_root_code": "12", "quad_class": 3, "goldstein": -5.0,
            "plover_type": "REJECT", "trigger_text": "vetoed", "start_char": start, "end_char": end,
            "sentence_index": 0, "is_alleged": False, "confidence": 0.8, "event_key": "ek_same",
            "partition_date": D}


@pytest.fixture()
def tables():
    articles = ARTICLES.from_rows([
        {"article_id": "art_a", "text": TEXT_A, "published_at": datetime(2017, 4, 12, 20), "word_count": 9,
         "content_sha256": "a" * 64, "input_ref": "a.jsonl:1", "partition_date": D, "title": "A"},
        {"article_id": "art_b", "text": TEXT_B, "published_at": datetime(2017, 4, 12, 21), "word_count": 8,
         "content_sha256": "b" * 64, "input_ref": "a.jsonl:2", "partition_date": D, "title": "B"},
    ])
    actors = ACTORS.from_rows([
        _actor("act_rus", "Russia", "COUNTRY", "RUS", "RUS"),
        _actor("act_un", "United Nations Security Council", "IGO", None, "IGOUNO"),
        _actor("act_rt", "Rex Tillerson", "PERSON", "USA", "USAGOV"),
    ])
    mentions = ACTOR_MENTIONS.from_rows([
        {"mention_id": "m1", "article_id": "art_a", "actor_id": "act_rus", "start_char": 0, "end_char": 6,
         "text": "Russia", "mention_kind": "name", "sentence_index": 0, "partition_date": D},
        {"mention_id": "m2", "article_id": "art_a", "actor_id": "act_rt", "start_char": 30, "end_char": 39,
         "text": "Tillerson", "mention_kind": "short_name", "sentence_index": 1, "partition_date": D},
        {"mention_id": "m3", "article_id": "art_b", "actor_id": "act_rus", "start_char": 0, "end_char": 6,
         "text": "Russia", "mention_kind": "name", "sentence_index": 0, "partition_date": D},
    ])
    events = EVENTS.from_rows([_event("evt_a", "art_a", 0, 13), _event("evt_b", "art_b", 0, 13)])
    statements = STATEMENTS.from_rows([
        {"statement_id": "stm_1", "article_id": "art_a", "speaker_actor_id": "act_rt", "speaker_text": "Tillerson",
         "quote_text": "Moscow was wrong", "is_direct": False, "cue": "said", "start_char": 45, "end_char": 61,
         "statement_date": D, "sentence_index": 1, "partition_date": D},
    ])
    rejects = REJECTED_ARTICLES.from_rows([
        {"reject_id": "rej_1", "input_ref": "a.jsonl:3", "reason_code": "empty_text", "reason": "empty",
         "rejected_at": datetime(2017, 4, 12), "partition_date": D}])
    out = {t.name: t.empty() for t in SNAPSHOT_TABLES}
    out.update({"articles": articles, "actors": actors, "actor_mentions": mentions, "events": events,
                "statements": statements, "rejected_articles": rejects})
    return out


@pytest.fixture()
def warehouse(tmp_path, tables):
    staged, _ = stage_load(tmp_path, tables, D)
    live = promote(tmp_path, staged)
    con = duckdb.connect(str(live), read_only=True)
    yield con
    con.close()


def test_fixture_is_consistent(tables):
    for row in tables["actor_mentions"].to_pylist():
        text = TEXT_A if row["article_id"] == "art_a" else TEXT_B
        assert text[row["start_char"]:row["end_char"]] == row["text"]
    assert TEXT_A[45:61] == "Moscow was wrong"


def test_events_enriched_joins_names_and_evidence(warehouse):
    rows = warehouse.sql("SELECT source_name, target_name, evidence_text FROM events_enriched "
                         "ORDER BY event_id").fetchall()
    assert rows == [("Russia", "United Nations Security Council", TEXT_A[0:13]),
                    ("Russia", "United Nations Security Council", TEXT_B[0:13])]


def test_deduplicated_events_count_reporting_articles(warehouse):
    assert warehouse.execute("SELECT count(*), max(reporting_articles) FROM events_deduplicated").fetchone() == (1, 2)


def test_daily_dyad_counts(warehouse):
    assert warehouse.sql("SELECT events, quad_class FROM daily_dyad_counts").fetchall() == [(2, 3)]


def test_statements_by_speaker(warehouse):
    row = warehouse.execute("SELECT speaker_name, statements, direct_quotes FROM statements_by_speaker").fetchone()
    assert row == ("Rex Tillerson", 1, 0)


def test_actor_cooccurrence(warehouse):
    rows = warehouse.sql("SELECT actor_a_name, actor_b_name, articles FROM actor_cooccurrence").fetchall()
    assert sorted(rows) == [("Rex Tillerson", "Russia", 1)] or sorted(rows) == [("Russia", "Rex Tillerson", 1)]


def test_actors_keep_best_coding_across_partitions(tmp_path, tables):
    staged, _ = stage_load(tmp_path, tables, D)
    promote(tmp_path, staged)
    later = dict(tables)
    worse = tables["actors"].to_pylist()
    for row in worse:
        row["coding_confidence"] = 0.1
        row["cameo_code"] = None
        row["partition_date"] = date(2017, 4, 13)
    later["actors"] = ACTORS.from_rows(worse)
    staged, _ = stage_load(tmp_path, {"actors": later["actors"]}, date(2017, 4, 13))
    live = promote(tmp_path, staged)
    con = duckdb.connect(str(live), read_only=True)
    assert con.execute("SELECT cameo_code FROM actors WHERE actor_id = 'act_rus'").fetchone() == ("RUS",)
    assert con.execute("SELECT count(*) FROM actors").fetchone() == (3,)
    con.close()


def test_snapshot_partitions_events_by_month_and_verifies(tmp_path, tables):
    staged, _ = stage_load(tmp_path, tables, D)
    full = read_full_tables(staged, list(SNAPSHOT_TABLES))
    snap = write_snapshot(tmp_path, full, logical_date=D, quality={"success": True, "headline": "ok"})
    manifest = verify_snapshot(snap)
    assert manifest["tables"]["events"]["files"][0]["path"] == "events/event_month=2017-04/part-0.parquet"
    con = duckdb.connect()
    count = con.execute(f"SELECT count(*), any_value(event_month) FROM read_parquet('{snap}/events/*/*.parquet', "
                    "hive_partitioning = true)").fetchone()
    assert count == (2, "2017-04")
    again = write_snapshot(tmp_path, full, logical_date=D, quality={"success": True, "headline": "ok"})
    assert again == snap, "identical content gives the identical snapshot id"


def test_report_has_counts_chart_and_quality(tmp_path, tables):
    staged, _ = stage_load(tmp_path, tables, D)
    full = read_full_tables(staged, list(SNAPSHOT_TABLES))
    snap = write_snapshot(tmp_path, full, logical_date=D, quality={"success": True, "headline": "quality: 3 ok"})
    html = (snap / "report.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html
    assert "quality: 3 ok" in html and "Rex Tillerson" in html and "empty_text" in html
    assert "http://" not in html and "https://" not in html, "the report must work offline"


def test_shell_runs_queries(tmp_path, tables):
    from argparse import Namespace

    from newsevents.cli import cmd_shell

    staged, _ = stage_load(tmp_path, tables, D)
    promote(tmp_path, staged)
    out = io.StringIO()
    cmd_shell(Namespace(data_dir=tmp_path), stdin=io.StringIO("SELECT count(*) AS n\nFROM events;\n.quit\n"),
              stdout=out)
    assert "(1 rows)" in out.getvalue() and " 2" in out.getvalue()
