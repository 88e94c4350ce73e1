"""Issue 18: the command line a new user meets — cheap --help/--version, defaults from the environment, the
NLP workers the machine has, and `newsevents sql` printing every valid result (duplicate names, NULL, cuts)."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from newsevents.adapters.lakehouse import connect
from newsevents.cli import build_parser, main
from newsevents.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from newsevents.cli.run import default_workers, run_settings
from newsevents.config import Settings, usable_cpus

HEAVY = ("spacy", "great_expectations", "duckdb", "matplotlib", "pandas")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["run", "--help"], ["sql", "--help"]])
def test_help_and_version_import_nothing_heavy(argv):
    code = (f"import sys\nfrom newsevents.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit as e:\n"
            f"    assert e.code == 0, e.code\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]", out


def test_version_and_defaults_in_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.strip() == "newsevents 0.1.0"
    text = " ".join(build_parser()._subparsers._group_actions[0].choices["run"].format_help().split())
    assert "usable cores" in text and f"{usable_cpus()} here" in text and "NEWSEVENTS_DATA_DIR" in text
    sql_help = " ".join(build_parser()._subparsers._group_actions[0].choices["sql"].format_help().split())
    assert "(default: table)" in sql_help and "parquet" in sql_help


def test_run_needs_neither_input_nor_data_dir_when_the_environment_says(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSEVENTS_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("NEWSEVENTS_LANDING", str(tmp_path / "landing"))
    args = build_parser().parse_args(["run"])
    assert args.data_dir == tmp_path / "d" and args.input is None
    settings = run_settings(inputs=args.input, feeds=args.feed, data_dir=args.data_dir)
    assert settings.inputs == (str(tmp_path / "landing"),)


def test_feed_alone_reads_no_landing_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSEVENTS_LANDING", raising=False)
    args = build_parser().parse_args(["run", "--feed", "https://example.org/rss", "--data-dir", str(tmp_path)])
    settings = run_settings(inputs=args.input, feeds=args.feed, data_dir=args.data_dir)
    assert settings.inputs == () and settings.feeds == ("https://example.org/rss",)


def test_workers_default_to_the_usable_cores_capped_by_shards():
    assert default_workers(1) == 1
    assert default_workers(64) == usable_cpus()
    assert default_workers(2) == min(2, usable_cpus())


def test_small_nights_run_in_one_process():
    from newsevents.pipeline import POOL_MIN_ARTICLES, pool_size

    assert pool_size(2, 2, POOL_MIN_ARTICLES - 1) == 1
    assert pool_size(2, 2, 600) == 2 and pool_size(4, 2, 600) == 2 and pool_size(2, 1, 600) == 1


def test_summary_of_a_missing_data_dir_fails_with_one_line(tmp_path, capsys):
    assert main(["summary", "--data-dir", str(tmp_path / "nothing")]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "no published snapshot" in err


# --------------------------------------------------------------------------- newsevents sql
@pytest.fixture
def data_dir(tmp_path):
    with connect(Settings.from_env(data_dir=tmp_path)) as con:
        con.execute("CREATE TABLE actors AS SELECT * FROM (VALUES ('a1', 'Russia'), ('a2', 'United Nations')) "
                    "t(actor_id, name)")
        con.execute("CREATE TABLE events AS SELECT 'e1' AS event_id, 'a1' AS source_actor_id, "
                    "'a2' AS target_actor_id, NULL::VARCHAR AS plover_type, repeat('x', 100) AS evidence_text")
    return tmp_path


def sql(data_dir, query, *extra):
    return main(["sql", query, "--data-dir", str(data_dir), *extra])


JOIN = ("SELECT s.name, t.name, e.plover_type, e.evidence_text FROM events e JOIN actors s "
        "ON s.actor_id = e.source_actor_id JOIN actors t ON t.actor_id = e.target_actor_id")


def test_duplicate_column_names_null_and_cut_values_print(data_dir, capsys):
    assert sql(data_dir, JOIN) == EXIT_OK
    out = capsys.readouterr().out
    header = out.splitlines()[0]
    assert header.split("|")[0].strip() == "name" and header.split("|")[1].strip() == "name"
    assert "Russia" in out and "United Nations" in out and "NULL" in out
    assert "x" * 39 + "…" in out and "x" * 41 not in out and "(1 row)" in out
    assert sql(data_dir, JOIN, "--max-width", "200") == EXIT_OK
    assert "x" * 100 in capsys.readouterr().out


def test_every_statement_prints(data_dir, capsys):
    assert sql(data_dir, "SELECT 1 AS first; SELECT 2 AS second") == EXIT_OK
    out = capsys.readouterr().out
    assert "first" in out and "second" in out


def test_json_csv_and_parquet_formats(data_dir, capsys, tmp_path):
    assert sql(data_dir, JOIN, "--format", "json") == EXIT_OK
    row = json.loads(capsys.readouterr().out)[0]
    assert row["name"] == "Russia" and row["name_2"] == "United Nations" and row["plover_type"] is None
    assert sql(data_dir, JOIN, "--format", "csv") == EXIT_OK
    assert capsys.readouterr().out.splitlines()[0] == "name,name,plover_type,evidence_text"
    assert sql(data_dir, JOIN, "--format", "parquet") == EXIT_USAGE
    out = tmp_path / "result.parquet"
    assert sql(data_dir, JOIN, "--format", "parquet", "--output", str(out)) == EXIT_OK
    table = pq.read_table(out)
    assert table.column_names == ["name", "name_2", "plover_type", "evidence_text"] and table.num_rows == 1
