"""`newsevents run` end to end on the bundled sample, checked against /work/shared/CONTRACT.md.

One real CLI run (spaCy loads in ~10 s per process) is shared by the module; the rerun and the second night
each work on their own copy of its data directory (and run side by side), so every test sees a known state
whatever the order.
Only the failed-quality-gate test runs in-process (to patch the gate), on a night whose articles are all
already loaded, so it never loads spaCy into the pytest process.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsevents.adapters.snapshots import verify_snapshot
from newsevents.adapters.storage import sha256_file
from newsevents.cli.sql import run_query
from newsevents.core.contracts import SHARED_CONTRACT_COLUMNS
from tests.support import expected_read, lake_dicts, lake_tables, manifest_tables

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "landing"
DATE1, DATE2, DATE3 = "2017-04-12", "2017-04-13", "2017-04-14"

CONTRACT_COLUMNS = SHARED_CONTRACT_COLUMNS
CONTRACT_TYPES = {
    ("articles", "published_at"): "TIMESTAMP",
    ("events", "event_date"): "DATE",
    ("events", "event_code"): "VARCHAR",
    ("events", "event_root_code"): "VARCHAR",
    ("statements", "is_direct"): "BOOLEAN",
}
KEYS = {
    "articles": ("article_id",),
    "actors": ("actor_id",),
    "actor_mentions": ("mention_id",),
    "events": ("event_id",),
    "statements": ("statement_id",),
}
ACTOR_TYPES = {"PERSON", "COUNTRY", "ORGANIZATION", "IGO", "GROUP"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


# --------------------------------------------------------------------------- helpers
def newsevents_exe() -> str:
    exe = Path(sys.executable).parent / "newsevents"
    return str(exe) if exe.exists() else (shutil.which("newsevents") or str(REPO / ".venv" / "bin" / "newsevents"))


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSEVENTS_")}
    env["GX_ANALYTICS_ENABLED"] = "false"
    return env


def cli(*args, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([newsevents_exe(), *map(str, args)], env=cli_env(), cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def explain(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-2000:]}\n--- stderr\n{proc.stderr[-4000:]}"


def reason_lines(stderr: str) -> list[str]:
    """The `newsevents...:` lines of stderr (argparse adds a usage block before its one-line reason)."""
    return [line for line in stderr.splitlines() if line.startswith("newsevents")]


def query(data_dir: Path, sql: str) -> list[dict]:
    return lake_dicts(data_dir, sql)


def table_state(data_dir: Path) -> dict[str, list[tuple]]:
    """Every lakehouse table (contract, extension or staging), as sorted rows: what a rerun must reproduce."""
    return lake_tables(data_dir)


def lake_files(data_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in (data_dir / "lake").rglob("*") if p.is_file())


def stats_of(data_dir: Path, day: str) -> dict:
    return json.loads((data_dir / "work" / f"date={day}" / "extract" / "stats.json").read_text(encoding="utf-8"))


def latest_target(data_dir: Path) -> str:
    return os.readlink(data_dir / "snapshots" / "latest")


def snapshot_dirs(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "snapshots").iterdir() if p.is_dir() and not p.is_symlink())


def copy_data_dir(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


@dataclass
class Run:
    proc: subprocess.CompletedProcess
    data_dir: Path
    before: dict | None = None  # table_state before the run, where a test needs it


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    return Path(shutil.copytree(SAMPLES, tmp_path_factory.mktemp("cli") / "landing"))


@pytest.fixture(scope="module")
def first(tmp_path_factory, landing) -> Run:
    data_dir = tmp_path_factory.mktemp("cli_first") / "data"
    proc = cli("run", "--input", landing, "--data-dir", data_dir, "--date", DATE1)
    assert proc.returncode == 0, explain(proc)
    return Run(proc, data_dir)


@pytest.fixture(scope="module")
def later_runs(tmp_path_factory, first, landing) -> dict[str, Run]:
    """The rerun of night 1 and night 2, each on its own copy of `first`'s data directory; the two child
    processes are independent, so they run side by side."""
    runs, procs = {}, {}
    for name, day in (("rerun", DATE1), ("second_night", DATE2)):
        root = tmp_path_factory.mktemp(f"cli_{name}")
        data_dir = copy_data_dir(first.data_dir, root / "data")
        runs[name] = Run(None, data_dir, table_state(data_dir))
        with open(root / "stdout", "w") as out, open(root / "stderr", "w") as err:
            procs[name] = subprocess.Popen([newsevents_exe(), "run", "--input", str(landing), "--data-dir",
                                            str(data_dir), "--date", day, "--quiet"], env=cli_env(), stdout=out,
                                           stderr=err, stdin=subprocess.DEVNULL)
    for name, proc in procs.items():
        code = proc.wait(timeout=300)
        root = runs[name].data_dir.parent
        runs[name].proc = subprocess.CompletedProcess(proc.args, code, (root / "stdout").read_text(),
                                                      (root / "stderr").read_text())
        assert code == 0, explain(runs[name].proc)
    return runs


@pytest.fixture(scope="module")
def rerun(later_runs) -> Run:
    return later_runs["rerun"]


@pytest.fixture(scope="module")
def second_night(later_runs) -> Run:
    return later_runs["second_night"]


# --------------------------------------------------------------------------- first run: the contract
@pytest.mark.slow
def test_run_publishes_and_prints_a_summary(first):
    assert "newsevents run 2017-04-12" in first.proc.stdout
    # the example query shows the events of the night just run, not the oldest rows of the warehouse
    assert f"example query (the events of night {DATE1})" in first.proc.stdout
    assert f"WHERE e.partition_date = DATE '{DATE1}'" in first.proc.stdout
    assert (first.data_dir / "warehouse.ducklake").is_file()
    assert not (first.data_dir / "warehouse.duckdb").exists(), "the version-1 warehouse file is gone"
    assert not [p for p in (first.data_dir / "snapshots").iterdir() if p.name.startswith(".")], "staging left"


@pytest.mark.slow
def test_extract_accounting_matches_the_samples(first, landing):
    stats = stats_of(first.data_dir, DATE1)
    assert stats["read"] == expected_read(landing)
    assert stats["read"] == stats["accepted"] + stats["rejected"] + stats["duplicates"]
    # the samples hold one empty-text record and one malformed JSON line, and no duplicates
    assert stats["by_reason"] == {"empty_text": 1, "malformed_json": 1}
    assert stats["duplicates"] == 0
    assert query(first.data_dir, "SELECT count(*) AS n FROM articles")[0]["n"] == stats["accepted"]
    assert query(first.data_dir, "SELECT count(*) AS n FROM rejected_articles")[0]["n"] == stats["rejected"]


@pytest.mark.slow
def test_warehouse_has_every_contract_table_and_column(first):
    rows = query(first.data_dir, "SELECT table_name, column_name, data_type FROM information_schema.columns "
                                 "WHERE table_catalog = 'newsevents' AND table_schema = 'main'")
    columns: dict[str, dict[str, str]] = {}
    for r in rows:
        columns.setdefault(r["table_name"], {})[r["column_name"]] = r["data_type"]
    for table, wanted in CONTRACT_COLUMNS.items():
        assert table in columns, f"missing table {table}"
        missing = [c for c in wanted if c not in columns[table]]
        assert not missing, f"{table} lacks contract columns {missing}"
    for (table, column), type_ in CONTRACT_TYPES.items():
        assert columns[table][column] == type_, (table, column, columns[table][column])
    for table in CONTRACT_COLUMNS:
        assert query(first.data_dir, f"SELECT count(*) AS n FROM {table}")[0]["n"] > 0, f"{table} is empty"


@pytest.mark.slow
def test_keys_are_unique_and_not_null(first):
    for table, key in KEYS.items():
        cols = ", ".join(key)
        nulls = query(first.data_dir, f"SELECT count(*) AS n FROM {table} WHERE "
                                      + " OR ".join(f"{c} IS NULL" for c in key))[0]["n"]
        dupes = query(first.data_dir, f"SELECT {cols}, count(*) AS n FROM {table} GROUP BY {cols} HAVING n > 1")
        assert nulls == 0, f"{table}: null keys"
        assert dupes == [], f"{table}: duplicate keys {dupes[:3]}"
    # one night: one row per rejected input record
    refs = [r["input_ref"] for r in query(first.data_dir, "SELECT input_ref FROM rejected_articles")]
    assert all(refs) and len(refs) == len(set(refs))


@pytest.mark.slow
def test_rejected_articles_name_the_record_and_the_reason(first):
    rejects = query(first.data_dir, "SELECT * FROM rejected_articles ORDER BY input_ref")
    assert all(r["reason"] and r["reason"].strip() for r in rejects)
    assert all(r["rejected_at"] is not None for r in rejects)
    by_code = {r["reason_code"]: r for r in rejects}
    assert set(by_code) == {"empty_text", "malformed_json"}
    assert "fictional_wire.jsonl" in by_code["malformed_json"]["input_ref"]
    assert "fictional_wire.jsonl" in by_code["empty_text"]["input_ref"]


@pytest.mark.slow
def test_articles_keep_the_input_id_verbatim(first, landing):
    ids = set()
    for path in landing.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if str(record.get("text") or "").strip():
                ids.add(record["id"])
    external = {r["external_id"] for r in query(first.data_dir, "SELECT external_id FROM articles")}
    assert ids and ids <= external
    for r in query(first.data_dir, "SELECT published_at FROM articles WHERE external_id = 'seed-0001'"):
        assert r["published_at"] == datetime(2017, 4, 12, 20, 0)  # 2017-04-12T20:00:00Z, stored as UTC


@pytest.mark.slow
def test_spans_quote_articles_text_exactly(first):
    texts = {r["article_id"]: r["text"] for r in query(first.data_dir, "SELECT article_id, text FROM articles")}
    mentions = query(first.data_dir, "SELECT article_id, start_char, end_char, text FROM actor_mentions")
    statements = query(first.data_dir, "SELECT article_id, start_char, end_char, quote_text FROM statements")
    events = query(first.data_dir, "SELECT article_id, start_char, end_char FROM events")
    assert mentions and statements and events
    bad = [m for m in mentions if texts[m["article_id"]][m["start_char"]:m["end_char"]] != m["text"]]
    assert not bad, f"{len(bad)} mention spans do not match articles.text, e.g. {bad[:2]}"
    bad = [s for s in statements if texts[s["article_id"]][s["start_char"]:s["end_char"]] != s["quote_text"]]
    assert not bad, f"{len(bad)} statement spans do not match articles.text, e.g. {bad[:2]}"
    bad = [e for e in events if not 0 <= e["start_char"] < e["end_char"] <= len(texts[e["article_id"]])]
    assert not bad, f"{len(bad)} event evidence spans fall outside the article, e.g. {bad[:2]}"


@pytest.mark.slow
def test_references_resolve(first):
    def orphans(sql: str) -> list[dict]:
        return query(first.data_dir, sql)

    assert not orphans("SELECT m.* FROM actor_mentions m ANTI JOIN articles a USING (article_id)")
    assert not orphans("SELECT m.* FROM actor_mentions m ANTI JOIN actors a USING (actor_id)")
    assert not orphans("SELECT e.* FROM events e ANTI JOIN articles a USING (article_id)")
    assert not orphans("SELECT e.* FROM events e ANTI JOIN actors a ON a.actor_id = e.source_actor_id")
    assert not orphans("SELECT e.* FROM events e WHERE target_actor_id IS NOT NULL "
                       "AND target_actor_id NOT IN (SELECT actor_id FROM actors)")
    assert not orphans("SELECT s.* FROM statements s ANTI JOIN articles a USING (article_id)")
    assert not orphans("SELECT s.* FROM statements s WHERE speaker_actor_id IS NOT NULL "
                       "AND speaker_actor_id NOT IN (SELECT actor_id FROM actors)")


@pytest.mark.slow
def test_event_codes_and_scales(first):
    events = query(first.data_dir, "SELECT * FROM events")
    for e in events:
        code = e["event_code"]
        assert isinstance(code, str) and re.fullmatch(r"\d{2,4}", code), code
        assert isinstance(e["event_root_code"], str) and re.fullmatch(r"\d{2}", e["event_root_code"])
        assert code.startswith(e["event_root_code"]), (code, e["event_root_code"])
        assert 1 <= int(e["event_root_code"]) <= 20, e["event_root_code"]
        assert e["quad_class"] in (1, 2, 3, 4), e["quad_class"]
        assert -10.0 <= e["goldstein"] <= 10.0, e["goldstein"]
        assert e["plover_type"] is None or e["plover_type"] in PLOVER, e["plover_type"]
        assert isinstance(e["event_date"], date) and not isinstance(e["event_date"], datetime)
    # the samples code at least one event in roots 01-09 (e.g. 040 consult): its leading zero must survive
    assert any(e["event_code"].startswith("0") for e in events), sorted({e["event_code"] for e in events})


@pytest.mark.slow
def test_actor_codes(first):
    for a in query(first.data_dir, "SELECT * FROM actors"):
        assert a["name"], a
        assert a["actor_type"] in ACTOR_TYPES, a
        assert a["country_code"] is None or re.fullmatch(r"[A-Z]{3}", a["country_code"]), a
        assert a["cameo_code"] is None or re.fullmatch(r"[A-Z]{3,}", a["cameo_code"]), a
    for s in query(first.data_dir, "SELECT is_direct FROM statements"):
        assert isinstance(s["is_direct"], bool)


@pytest.mark.slow
def test_snapshot_has_every_table_a_manifest_and_verifies(first):
    snapshots = first.data_dir / "snapshots"
    assert snapshot_dirs(first.data_dir) == [latest_target(first.data_dir)]
    root = snapshots / latest_target(first.data_dir)
    assert root.name.startswith(f"{DATE1}-v")
    manifest = verify_snapshot(root)  # raises on a missing file or a checksum mismatch
    assert manifest == json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["logical_date"] == DATE1 and manifest["snapshot_id"] == root.name
    assert manifest["ducklake_version"] == int(root.name.rsplit("-v", 1)[1])
    assert {"schema_version", "code_version", "added", "removed"} <= set(manifest)
    listed = set()
    for table, wanted in CONTRACT_COLUMNS.items():
        assert table in manifest["tables"], f"snapshot lacks {table}"
        entry = manifest["tables"][table]
        schema_names = [c["name"] for c in entry["schema"]]
        assert not [c for c in wanted if c not in schema_names], (table, schema_names)
        rows = 0
        for f in entry["files"]:
            path = first.data_dir / f["path"]  # relative to the data directory, inside the lake: not a copy
            assert f["path"].startswith(f"lake/main/{table}/partition_date={DATE1}/") and path.is_file()
            assert sha256_file(path) == f["sha256"] and path.stat().st_size == f["bytes"]
            parquet = pq.ParquetFile(path)
            assert not [c for c in wanted if c not in parquet.schema_arrow.names], (table, f["path"])
            assert parquet.metadata.num_rows == f["rows"]
            rows += f["rows"]
        assert rows == entry["rows"] == query(first.data_dir, f"SELECT count(*) AS n FROM {table}")[0]["n"], table
        assert manifest["added"][table] == [f["path"] for f in entry["files"]] and manifest["removed"][table] == []
    for entry in manifest["tables"].values():
        listed |= {f["path"] for f in entry["files"]}
    unlisted = {p for p in lake_files(first.data_dir) if p.startswith("lake/main/")} - listed
    assert not unlisted, f"lake files not in the manifest: {sorted(unlisted)}"
    # the manifest's files, read with plain read_parquet, are the tables
    expected = table_state(first.data_dir)
    assert manifest_tables(root) == {name: expected[name] for name in manifest["tables"]}
    assert (root / "report.html").is_file() and (root / "quality.json").is_file()


@pytest.mark.slow
def test_sql_command_reads_the_views(first):
    proc = cli("sql", "SELECT count(*) FROM events_enriched", "--data-dir", first.data_dir)
    assert proc.returncode == 0, explain(proc)
    proc = cli("sql", "SELECT count(*) AS n FROM events_enriched", "--data-dir", first.data_dir, "--format", "csv")
    assert proc.returncode == 0, explain(proc)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    events = query(first.data_dir, "SELECT count(*) AS n FROM events")[0]["n"]
    assert int(rows[0]["n"]) == events  # one row per event
    views = [r["view_name"] for r in query(first.data_dir, "SELECT view_name FROM duckdb_views() WHERE NOT "
                                                           "internal AND database_name = 'newsevents' AND "
                                                           "schema_name = 'main'")]
    assert "events_enriched" in views
    for view in views:
        query(first.data_dir, f"SELECT count(*) FROM {view}")  # every analyst view is queryable


@pytest.mark.slow
@pytest.mark.parametrize("which", ["first", "second_night"])
def test_the_contracts_attach_line_reads_the_lakehouse(request, which):
    """`ATTACH 'ducklake:DIR/warehouse.ducklake' AS newsevents (READ_ONLY)` from a plain DuckDB connection, as in
    CONTRACT.md; `second_night` is a copied data directory, re-pointed at its own lake by its run."""
    import duckdb

    from newsevents.adapters.lakehouse import extension_path

    data_dir = request.getfixturevalue(which).data_dir
    con = duckdb.connect()
    try:
        con.execute(f"LOAD '{extension_path('ducklake')}'")
        con.execute(f"ATTACH 'ducklake:{data_dir}/warehouse.ducklake' AS newsevents (READ_ONLY)")
        files = [r[0] for r in con.sql("SELECT data_file FROM ducklake_list_files('newsevents', 'events')").fetchall()]
        assert files and all(f.startswith(f"{data_dir}/lake/main/events/") for f in files), files
        for table in CONTRACT_COLUMNS:
            n = con.sql(f"SELECT count(*) FROM newsevents.{table}").fetchall()[0][0]
            assert n == query(data_dir, f"SELECT count(*) AS n FROM {table}")[0]["n"], table
        assert con.sql("SELECT count(*) FROM newsevents.events_enriched").fetchall()[0][0] > 0
    finally:
        con.close()


# --------------------------------------------------------------------------- reruns and later nights
@pytest.mark.slow
def test_rerun_of_the_same_night_is_identical(first, rerun):
    after = table_state(rerun.data_dir)
    assert set(after) == set(rerun.before)
    for table in rerun.before:
        assert after[table] == rerun.before[table], f"{table} changed on rerun"
    def ids(data_dir: Path, table: str, key: str) -> list[str]:
        return sorted(r[key] for r in query(data_dir, f"SELECT {key} FROM {table}"))

    for table, (key,) in KEYS.items():
        assert ids(rerun.data_dir, table, key) == ids(first.data_dir, table, key), f"{table} ids changed"
    # nothing changed: no new DuckLake snapshot, no new file, the same published snapshot
    assert latest_target(rerun.data_dir) == latest_target(first.data_dir)
    assert snapshot_dirs(rerun.data_dir) == snapshot_dirs(first.data_dir)
    assert lake_files(rerun.data_dir) == lake_files(first.data_dir)
    verify_snapshot(rerun.data_dir / "snapshots" / "latest")


@pytest.mark.slow
def test_second_night_does_not_reprocess_loaded_articles(first, second_night):
    first_stats = stats_of(first.data_dir, DATE1)
    stats = stats_of(second_night.data_dir, DATE2)
    assert stats["read"] == first_stats["read"]
    assert stats["accepted"] == 0
    assert stats["duplicates"] == first_stats["accepted"]
    assert stats["by_duplicate"]["already_loaded"] == first_stats["accepted"]
    after = table_state(second_night.data_dir)
    for table in ("articles", "actor_mentions", "events", "statements"):
        assert after[table] == second_night.before[table], f"{table} changed although no article was new"
    # the bad records of the night are rejected again, in that night's partition
    rejected = query(second_night.data_dir, f"SELECT count(*) AS n FROM rejected_articles "
                                            f"WHERE partition_date = DATE '{DATE2}'")[0]["n"]
    assert rejected == stats["rejected"]
    # a new night publishes a new snapshot
    latest = latest_target(second_night.data_dir)
    assert latest.startswith(f"{DATE2}-")
    manifest = verify_snapshot(second_night.data_dir / "snapshots" / latest)
    assert manifest["logical_date"] == DATE2 and manifest["previous_snapshot"] == latest_target(first.data_dir)
    # by reference: the first night's files are listed again, only the night's own new files were added
    assert set(manifest["added"]) == set(manifest["tables"]) and not any(manifest["removed"].values())
    for table in ("articles", "actor_mentions", "events"):
        assert manifest["added"][table] == [], table


# --------------------------------------------------------------------------- failures
def test_without_input_the_default_landing_folder_is_named(tmp_path):
    """Neither --input nor NEWSEVENTS_LANDING: the night's default landing folder under the data directory
    (./data by default) is read, and when it does not exist the one-line reason names it."""
    proc = cli("run", "--date", DATE1, cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    reasons = reason_lines(proc.stderr)
    assert len(reasons) == 1 and f"data/landing/date={DATE1}" in reasons[0], proc.stderr
    assert not (tmp_path / "data").exists(), "a refused run must not create the data directory"


def test_nonexistent_input_is_a_usage_error(tmp_path):
    data_dir = tmp_path / "data"
    proc = cli("run", "--input", tmp_path / "no-such-landing", "--data-dir", data_dir, "--date", DATE1)
    assert proc.returncode != 0
    assert proc.stderr.strip().count("\n") == 0, f"expected a one-line reason, got {proc.stderr!r}"
    assert "no-such-landing" in proc.stderr
    assert not data_dir.exists(), "a refused run must not create the data directory"


@pytest.mark.parametrize("bad_date", ["2017-13-45", "yesterday"])
def test_bad_date_is_a_usage_error(tmp_path, landing, bad_date):
    data_dir = tmp_path / "data"
    proc = cli("run", "--input", landing, "--data-dir", data_dir, "--date", bad_date)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    reasons = reason_lines(proc.stderr)
    assert len(reasons) == 1 and bad_date in reasons[0], proc.stderr
    assert not data_dir.exists()


@pytest.fixture
def restore_logging():
    """cli.main() calls logging.basicConfig; keep the root logger as pytest had it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.slow
def test_failed_quality_gate_publishes_nothing(tmp_path, first, landing, monkeypatch, capsys, restore_logging):
    from newsevents import cli as cli_module
    from newsevents import pipeline
    from newsevents.core.contracts import QUALITY_RESULTS
    from newsevents.quality import gate as quality

    data_dir = copy_data_dir(first.data_dir, tmp_path / "data")
    catalog_sha = sha256_file(data_dir / "warehouse.ducklake")
    latest, snapshots = latest_target(data_dir), snapshot_dirs(data_dir)
    lake = lake_files(data_dir)
    calls = []

    def failing_gate(tables, *, logical_date, docs_dir=None, suites_dir=None):
        calls.append(logical_date)
        check = quality.Check(table="events", expectation="injected_failure", severity=quality.ERROR,
                              success=False, observed={"unexpected_count": 1})
        results = QUALITY_RESULTS.from_rows([{
            "run_key": "injected", "table_name": "events", "expectation": "injected_failure", "severity": "error",
            "success": False, "observed": None, "partition_date": logical_date}])
        report = quality.QualityReport(success=False, results_table=results, summary={}, warning_count=0,
                                       checks=[check])
        report.summary = {"success": False, "headline": report.headline()}
        return report

    monkeypatch.setattr(pipeline, "validate_tables", failing_gate)   # patched where the pipeline looks it up
    # DATE3: all sample articles are already loaded, so the run reaches the gate without loading spaCy here
    code = cli_module.main(["run", "--input", str(landing), "--data-dir", str(data_dir), "--date", DATE3,
                            "--quiet"])
    err = capsys.readouterr().err
    assert calls, "the quality gate was not consulted"
    assert code != 0
    reasons = reason_lines(err)
    assert len(reasons) == 1 and "injected_failure" in reasons[0], err
    assert sha256_file(data_dir / "warehouse.ducklake") == catalog_sha, "the catalog changed by a failed run"
    assert latest_target(data_dir) == latest and snapshot_dirs(data_dir) == snapshots
    assert lake_files(data_dir) == lake


@pytest.mark.slow
def test_publish_refuses_a_candidate_that_failed_validation(tmp_path, first):
    from newsevents import pipeline
    from newsevents.config import Settings

    data_dir = copy_data_dir(first.data_dir, tmp_path / "data")
    candidate = data_dir / "work" / f"date={DATE1}" / "candidate"
    quality_json = candidate / "quality.json"
    report = json.loads(quality_json.read_text(encoding="utf-8"))
    report["success"] = False
    quality_json.write_text(json.dumps(report), encoding="utf-8")
    catalog_sha, latest = sha256_file(data_dir / "warehouse.ducklake"), latest_target(data_dir)
    with pytest.raises(pipeline.QualityGateError):
        pipeline.publish(Settings(data_dir=data_dir), logical_date=date.fromisoformat(DATE1),
                         candidate=str(candidate), version=1)
    assert sha256_file(data_dir / "warehouse.ducklake") == catalog_sha
    assert latest_target(data_dir) == latest


# --------------------------------------------------------------------------- documented SQL runs as written
#: Blocks that set a client up (ATTACH, LOAD, secrets) rather than query: the CLI does that itself.
SETUP_BLOCK = re.compile(r"^\s*(ATTACH|LOAD|CREATE SECRET)\b", re.IGNORECASE | re.MULTILINE)


def sql_blocks(path: Path) -> list[str]:
    return re.findall(r"```sql\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.DOTALL)


@pytest.mark.slow
@pytest.mark.parametrize("doc", ["README.md", "docs/data-dictionary.md"])
def test_every_sql_block_of_the_docs_runs_on_the_sample_warehouse(first, doc):
    """Issue 18: every ```sql block of the README and the data dictionary runs against the sample warehouse."""
    blocks = [b for b in sql_blocks(REPO / doc) if not SETUP_BLOCK.search(b)]
    assert blocks, doc
    failures = []
    for block in blocks:
        try:
            run_query(first.data_dir, block)
        except Exception as exc:  # noqa: BLE001 - collect every failing block
            failures.append(f"{block.strip()[:120]!r}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    assert not failures, "\n".join(failures)
