"""Issue 19: `newsevents sql` and `shell` only read the warehouse: no COPY, ATTACH, SET, or file access."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest

from newsevents.adapters.lakehouse import connect
from newsevents.cli import main
from newsevents.cli.common import EXIT_FAILED, EXIT_OK
from newsevents.cli.run import LIBRARY_LOGGERS, route_library_logs
from newsevents.config import Settings
from tests.support import run_shell


def catalog_path(data_dir):
    return Settings.from_env(data_dir=data_dir).catalog_location


@pytest.fixture
def data_dir(tmp_path):
    with connect(Settings.from_env(data_dir=tmp_path)) as con:   # a lakehouse with one small table
        con.execute("CREATE TABLE articles AS SELECT 'a1' AS article_id, 'Ministers meet' AS title")
    latest = tmp_path / "snapshots" / "latest" / "articles"
    latest.mkdir(parents=True)
    (latest / "articles.parquet").write_bytes(b"published")
    return tmp_path


def sql(data_dir, query, *extra):
    return main(["sql", query, "--data-dir", str(data_dir), *extra])


def test_reading_queries_still_work(data_dir, capsys):
    assert sql(data_dir, "SELECT title FROM articles") == EXIT_OK
    assert "Ministers meet" in capsys.readouterr().out
    assert sql(data_dir, "DESCRIBE articles; SHOW TABLES") == EXIT_OK


@pytest.mark.parametrize("query", [
    "COPY articles TO '{target}' (FORMAT parquet)",
    "ATTACH '{dir}/new.duckdb' (READ_WRITE)",
    "SET enable_external_access = true",
    "CREATE TABLE x AS SELECT 1",
    "INSTALL httpfs",
    "EXPLAIN ANALYZE COPY articles TO '{target}'",
    "SELECT 1; COPY articles TO '{target}'",
])
def test_writing_statements_are_refused(data_dir, capsys, query):
    target = data_dir / "snapshots" / "latest" / "articles" / "articles.parquet"
    assert sql(data_dir, query.format(target=target, dir=data_dir)) == EXIT_FAILED
    assert target.read_bytes() == b"published"
    assert not (data_dir / "new.duckdb").exists()
    assert "PermissionError" in capsys.readouterr().err


@pytest.mark.parametrize("query", [
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_csv('/etc/passwd', sep=':')",
    "SELECT * FROM glob('/etc/*')",
])
def test_files_outside_the_warehouse_cannot_be_read(data_dir, capsys, query):
    assert sql(data_dir, query) == EXIT_FAILED
    assert "root:" not in capsys.readouterr().out


def test_allow_files_permits_local_exports_only_there(data_dir, tmp_path_factory):
    exports = tmp_path_factory.mktemp("exports")
    assert sql(data_dir, f"COPY articles TO '{exports}/a.csv'", "--allow-files", str(exports)) == EXIT_OK
    assert (exports / "a.csv").read_text().startswith("article_id")
    outside = data_dir / "snapshots" / "latest" / "articles" / "articles.parquet"
    assert sql(data_dir, f"COPY articles TO '{outside}'", "--allow-files", str(exports)) == EXIT_FAILED
    assert sql(data_dir, f"COPY articles TO '{exports}/../escape.csv'", "--allow-files", str(exports)) == EXIT_FAILED
    assert outside.read_bytes() == b"published"


def test_shell_refuses_writes_file_reads_and_file_commands(data_dir, tmp_path_factory):
    """The DuckDB CLI of `newsevents shell`, fed on stdin: reads the catalog, and nothing else."""
    target = data_dir / "snapshots" / "latest" / "articles" / "articles.parquet"
    outside = tmp_path_factory.mktemp("outside")
    script = (f"COPY articles TO '{target}';\nSELECT * FROM read_text('/etc/passwd');\n"
              "SET lock_configuration = false;\nSET enable_external_access = true;\n"
              f"ATTACH '{outside}/new.duckdb';\nCREATE TABLE t AS SELECT 1;\n"
              f".shell touch {outside}/shell\n.output {outside}/out.txt\n.open {outside}/open.duckdb\n"
              ".read /etc/passwd\nSELECT count(*) AS n_articles FROM articles;\n.quit\n")
    code, out, err = run_shell(data_dir, script)
    assert target.read_bytes() == b"published"
    assert list(outside.iterdir()) == [], "no file written outside the lake"
    assert "root:x:0" not in out + err and "n_articles" in out and re.search(r"│\s+1 │", out), (out, err)
    assert err.count("Error") >= 6 and err.count("safe") >= 4, err


# --------------------------------------------------------------------------- a broken data directory
def _published(tmp_path, manifest: str):
    snap = tmp_path / "snapshots" / "s1"
    snap.mkdir(parents=True)
    (snap / "manifest.json").write_text(manifest)
    (tmp_path / "snapshots" / "latest").symlink_to("s1")


@pytest.mark.parametrize("damage", ["warehouse", "manifest"])
def test_every_command_answers_a_broken_data_dir_with_one_line(tmp_path, capsys, monkeypatch, damage):
    manifest = '{"logical_date": "2017-04-12", "tables": {}}' if damage == "warehouse" else '{"logical_da'
    _published(tmp_path, manifest)
    Path(catalog_path(tmp_path)).write_bytes(b"this is not a DuckDB file" * 100)
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT 1;\n"))
    for argv in (["summary"], ["sql", "SELECT 1"], ["shell"]):
        capsys.readouterr()
        assert main([*argv, "--data-dir", str(tmp_path)]) == EXIT_FAILED, argv
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (argv, err)


def test_library_logging_goes_to_the_run_log(tmp_path, capsys):
    route_library_logs(tmp_path / "run.log")
    try:
        logging.getLogger("trafilatura").error("parsing failed for a hostile page")
        logging.getLogger("trafilatura.core").info("chatter")
        assert "parsing failed" not in capsys.readouterr().err
        text = (tmp_path / "run.log").read_text()
        assert "ERROR trafilatura parsing failed" in text and "chatter" not in text
    finally:
        for name in LIBRARY_LOGGERS:
            logger = logging.getLogger(name)
            for handler in logger.handlers:
                handler.close()
            logger.handlers, logger.propagate = [], True
            logger.setLevel(logging.NOTSET)
