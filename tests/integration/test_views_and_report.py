"""Analyst views, the night transaction, snapshots and the run report on a small hand-built lakehouse (no NLP)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime

import matplotlib.image
import matplotlib.pyplot
import pyarrow as pa
import pytest

from newsevents.adapters.lakehouse import connect
from newsevents.adapters.snapshots import mark_latest, verify_snapshot, write_snapshot
from newsevents.adapters.warehouse import load_night
from newsevents.core.contracts import (
    ACTOR_MENTIONS,
    ACTORS,
    ARTICLES,
    EVENTS,
    QUALITY_RESULTS,
    REJECTED_ARTICLES,
    SNAPSHOT_TABLES,
    STATEMENTS,
)
from tests.support import lake, lake_settings, lake_tables, manifest_tables, run_shell

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


def load(data_dir, tables, night=D) -> dict:
    with connect(lake_settings(data_dir)) as con:
        return load_night(con, tables, night)


def publish(data_dir, version, night=D, quality=None):
    with connect(lake_settings(data_dir), read_only=True) as con:
        snap = write_snapshot(con, lake_settings(data_dir), version=version, logical_date=night,
                              quality=quality or {"success": True, "headline": "ok"})
    mark_latest(data_dir, snap)
    return snap


@pytest.fixture()
def warehouse(tmp_path, tables):
    load(tmp_path, tables)
    with lake(tmp_path) as con:
        yield con


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


def _later_night(tables, night, **changes):
    """The same actors coded again on a later night (with `changes`), and nothing else."""
    rows = tables["actors"].to_pylist()
    for row in rows:
        row.update(changes, partition_date=night)
    return {"actors": ACTORS.from_rows(rows)}


def test_actors_keep_best_coding_across_partitions(tmp_path, tables):
    load(tmp_path, tables)
    later = date(2017, 4, 13)
    load(tmp_path, _later_night(tables, later, coding_confidence=0.1, cameo_code=None), later)
    with lake(tmp_path) as con:
        assert con.execute("SELECT cameo_code, partition_date FROM actors WHERE actor_id = 'act_rus'").fetchone() \
            == ("RUS", D)
        assert con.execute("SELECT count(*) FROM actors").fetchone() == (3,)


def test_an_equally_confident_later_coding_moves_the_actor_to_its_night(tmp_path, tables):
    """Most confident, then the latest night: the row moves, and its old partition is rewritten whole."""
    load(tmp_path, tables)
    later = date(2017, 4, 13)
    result = load(tmp_path, _later_night(tables, later, cameo_code="RUSGOV"), later)
    assert result["changes"]["main.actors"] == [D.isoformat(), later.isoformat()]
    with lake(tmp_path) as con:
        assert con.execute("SELECT DISTINCT cameo_code, partition_date FROM actors WHERE actor_id = 'act_rus'"
                           ).fetchall() == [("RUSGOV", later)]
        assert con.execute("SELECT count(*) FROM actors").fetchone() == (3,)
        # no delete files: every partition was replaced by a new file of its own
        assert con.execute("SELECT count(*) FROM ducklake_list_files('newsevents', 'actors') "
                           "WHERE delete_file IS NOT NULL").fetchone() == (0,)


def test_a_rerun_that_changes_nothing_commits_nothing(tmp_path, tables):
    first = load(tmp_path, tables)
    again = load(tmp_path, tables)
    assert first["committed"] and not again["committed"]
    assert again["version"] == first["version"] and again["changes"] == {}


def test_snapshot_lists_the_lake_files_and_they_equal_the_tables(tmp_path, tables):
    version = load(tmp_path, tables)["version"]
    snap = publish(tmp_path, version)
    manifest = verify_snapshot(snap)
    assert snap.name == f"{D.isoformat()}-v{version}"
    assert manifest["tables"]["events"]["files"][0]["path"].startswith("lake/main/events/partition_date=2017-04-12/")
    expected = lake_tables(tmp_path)
    assert manifest_tables(snap) == {name: expected[name] for name in manifest["tables"]}
    again = publish(tmp_path, version)
    assert again == snap, "the same version gives the identical snapshot id"


def test_report_has_counts_chart_and_quality(tmp_path, tables):
    snap = publish(tmp_path, load(tmp_path, tables)["version"], quality={"success": True, "headline": "quality: 3 ok"})
    html = (snap / "report.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html
    assert "quality: 3 ok" in html and "Rex Tillerson" in html and "empty_text" in html
    assert "http://" not in html and "https://" not in html, "the report must work offline"


def test_shell_runs_queries(tmp_path, tables):
    """The DuckDB CLI with the catalog attached: multi-line statements, every statement of a line, NULL shown,
    the analyst views there and the staging schema out of `main`."""
    load(tmp_path, tables)
    code, out, err = run_shell(tmp_path, "SELECT count(*) AS n_events\nFROM events; SELECT NULL AS nothing;\n"
                                         "SELECT table_schema, table_name FROM information_schema.tables\n"
                                         "WHERE table_name IN ('events_enriched', 'stg_actors') ORDER BY 2;\n")
    assert code == 0, err
    assert "n_events" in out and re.search(r"│\s+2 │", out), out
    assert "nothing" in out and "NULL" in out, "both statements of the line are shown, NULL visibly"
    rows = [line.split("│")[1:3] for line in out.splitlines() if "events_enriched" in line or "stg_actors" in line]
    assert [[c.strip() for c in r] for r in rows] == [["main", "events_enriched"], ["staging", "stg_actors"]], out


def test_a_night_holding_an_article_an_earlier_night_loaded_is_refused(tmp_path, tables):
    """Two nights in flight at once: the later one extracted before the earlier one committed."""
    from newsevents.adapters.warehouse import StaleNightError

    load(tmp_path, tables)
    later = date(2017, 4, 13)
    stale = {"articles": tables["articles"].set_column(
        tables["articles"].schema.get_field_index("partition_date"), "partition_date",
        pa.array([later] * tables["articles"].num_rows, pa.date32()))}
    with pytest.raises(StaleNightError, match="rerun the night"):
        load(tmp_path, stale, later)
    with lake(tmp_path) as con:  # rolled back: nothing of the refused night
        assert con.execute("SELECT count(*) FROM articles WHERE partition_date = ?", [later]).fetchone() == (0,)


def test_an_actor_coded_as_before_stays_where_it_is(tmp_path, tables):
    """The same coding again on a later night: the row keeps the night that first produced it, and no actors
    partition is rewritten (a night costs only the actors whose coding changes)."""
    load(tmp_path, tables)
    later = date(2017, 4, 13)
    result = load(tmp_path, _later_night(tables, later), later)
    assert "main.actors" not in result["changes"] and result["changes"]["staging.stg_actors"] == [later.isoformat()]
    with lake(tmp_path) as con:
        assert con.execute("SELECT DISTINCT partition_date FROM actors").fetchall() == [(D,)]


# --------------------------------------------------------------------------- the pages, as a browser shows them
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(profile, *args) -> subprocess.CompletedProcess:
    """Headless Chromium with every host name unresolvable: a page that needs the network shows it."""
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}",
                           "--window-size=1200,1600", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture()
def published_with_checks(tmp_path, tables):
    results = [("table_present", "error", True, None), ("expect_column_values_to_not_be_null(events.event_id)",
                "error", True, '{"unexpected_count": 0}'),
               ("expect_column_values_to_match_regex(articles.language)", "warning", False,
                '{"unexpected_count": 1, "examples": ["xx"]}')]
    tables = {**tables, "quality_results": QUALITY_RESULTS.from_rows([
        {"run_key": "2017-04-12-abc123", "table_name": "events" if "events" in e else "articles", "expectation": e,
         "severity": sev, "success": ok, "observed": obs, "partition_date": D} for e, sev, ok, obs in results])}
    quality = {"success": True, "headline": "quality: 2 passed, 1 warning", "run_key": "2017-04-12-abc123",
               "engine": {"great_expectations": "1.x"}}
    return publish(tmp_path, load(tmp_path, tables)["version"], quality=quality)


def test_every_snapshot_lists_the_code_tables_and_the_warehouse_holds_them(tmp_path, tables):
    """Issue 18: a consumer reads the codes without our repository: Parquet in the manifest, tables in `main`."""
    import pyarrow.parquet as pq

    snap = publish(tmp_path, load(tmp_path, tables)["version"])
    manifest = json.loads((snap / "manifest.json").read_text(encoding="utf-8"))
    for name in ("cameo_event_codes", "cameo_actor_roles", "plover_types", "reject_reasons", "enumerations"):
        entry = manifest["tables"][name]
        assert entry["kind"] == "code" and entry["partitioning"] is None and entry["rows"] > 0, name
        files = [tmp_path / f["path"] for f in entry["files"]]
        assert sum(pq.read_metadata(f).num_rows for f in files) == entry["rows"], name
    assert manifest["tables"]["events"]["kind"] == "data"
    with lake(tmp_path) as con:
        veto = con.execute("SELECT label, quad_class FROM cameo_event_codes WHERE event_code = '129'").fetchone()
        assert veto[1] == 3
        assert con.execute("SELECT count(*) FROM cameo_actor_roles WHERE role_code IN ('GOV', 'REB', 'SPY')"
                           ).fetchone() == (3,)
        assert con.execute("SELECT meaning FROM enumerations WHERE column_name = 'location_precision' "
                           "AND value = 'admin1'").fetchone()
    assert load(tmp_path, tables)["committed"] is False, "unchanged code tables are not rewritten"


def test_validation_page_names_the_run_assets_and_every_status(published_with_checks):
    page = (published_with_checks / "validation.html").read_text(encoding="utf-8")
    assert "2017-04-12-abc123" in page and "<code>articles</code>" in page and "<code>events</code>" in page
    assert page.count("✔ passed") == 2 and page.count("✘ failed (warning)") == 1
    assert "http://" not in page and "https://" not in page
    report = (published_with_checks / "report.html").read_text(encoding="utf-8")
    assert "href='validation.html'" in report


def test_report_labels_this_night_and_the_whole_warehouse(published_with_checks):
    report = (published_with_checks / "report.html").read_text(encoding="utf-8")
    assert "This night" in report and "Whole warehouse" in report and "last 30 nights" in report
    assert "Sample of this night&#x27;s events" in report or "Sample of this night's events" in report
    assert "<td>Russia vetoed</td>" in report, "events are shown with their evidence text"
    assert "Moscow was wrong" in report, "statements are shown with their quote"


def test_events_per_night_chart_uses_a_date_axis():
    from newsevents.adapters.report import quad_chart

    counts = [(date(1972, 1, 5), 4, 1), (date(2015, 3, 1), 1, 2), (date(2015, 3, 2), 3, 1)]
    png = quad_chart(counts, "t")
    fig = matplotlib.pyplot.gcf()
    assert png and png.startswith(b"\x89PNG")
    import matplotlib.dates as mdates  # noqa: F401 - the axis type below

    figure, ax = matplotlib.pyplot.subplots()
    from newsevents.adapters.report import _quad_bars

    _quad_bars(ax, counts)
    left, right = ax.get_xlim()
    assert right - left > 365 * 40, "1972 and 2015 are 43 years apart on the axis, not neighbours"
    matplotlib.pyplot.close(figure)
    matplotlib.pyplot.close(fig)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`)")
def test_pages_render_offline_in_headless_chromium(published_with_checks, tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium")
    for name in ("validation.html", "report.html"):
        shot = profile / f"{name}.png"
        _chromium(profile, f"--screenshot={shot}", (published_with_checks / name).as_uri())
        pixels = matplotlib.image.imread(shot)
        assert pixels.shape[0] > 100 and pixels[..., :3].std() > 0.02, f"{name}: the screenshot is blank"
    dom = _chromium(profile, "--dump-dom", (published_with_checks / "validation.html").as_uri()).stdout
    assert "<th>status</th>" in dom and dom.count("✔ passed") == 2 and "✘ failed (warning)" in dom
