"""Retention: `newsevents snapshots expire --keep N` keeps the newest N snapshots whole and deletes only the files
no kept snapshot lists; the tables, `latest` and the kept manifests are untouched.

Works on copies of the in-order data directory of conftest.py (night 1 = version 1, night 2 = version 2), where
night 2 is then rerun with night 3's input (A and B, already loaded, and an empty record): its partitions are
replaced (version 3), so night 2's first files are listed only by the older snapshots.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reliability.conftest import (
    D1,
    D2,
    assert_latest_readable,
    command,
    copy_data_dir,
    diff_states,
    explain,
    latest_target,
    run_night,
    table_state,
)

pytestmark = pytest.mark.slow


def listed(snapshot: Path) -> set[str]:
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    return {f["path"] for t in manifest["tables"].values() for f in t["files"]}


def test_expire_keeps_the_newest_and_deletes_only_unreferenced_files(tmp_path, in_order, nights):
    data_dir = copy_data_dir(in_order, tmp_path / "data")
    rerun = run_night(data_dir, nights.night3, D2)
    assert rerun.code == 0, rerun.output
    snapshots = sorted((p for p in (data_dir / "snapshots").iterdir() if not p.is_symlink()),
                       key=lambda p: int(p.name.split("-v")[1]))
    assert [p.name for p in snapshots] == [f"{D1}-v1", f"{D2}-v2", f"{D2}-v3"]
    older = listed(snapshots[0]) | listed(snapshots[1])
    kept = listed(snapshots[2])
    only_old = older - kept
    assert only_old, "the rerun replaced nothing: the test proves nothing"
    before = table_state(data_dir)

    proc = command("snapshots", "expire", "--keep", "1", "--data-dir", data_dir)
    assert proc.returncode == 0, explain(proc)
    assert "kept 1 snapshots" in proc.stdout, proc.stdout
    assert [p.name for p in (data_dir / "snapshots").iterdir() if not p.is_symlink()] == [snapshots[2].name]
    assert latest_target(data_dir) == snapshots[2].name
    assert not [p for p in only_old if (data_dir / p).exists()], "a file only the expired snapshots used survived"
    assert all((data_dir / p).is_file() for p in kept), "a file the kept snapshot lists was deleted"
    assert not diff_states(before, table_state(data_dir))
    assert_latest_readable(data_dir)
    assert command("verify", "--data-dir", data_dir).returncode == 0

    gone = command("changes", "--since", snapshots[0].name, "--data-dir", data_dir)
    assert gone.returncode == 1 and len(gone.stderr.strip().splitlines()) == 1, explain(gone)
    again = command("snapshots", "expire", "--keep", "1", "--data-dir", data_dir)
    assert again.returncode == 0 and "deleted 0 data files" in again.stdout, explain(again)


def test_expire_keeping_everything_deletes_nothing_but_a_killed_runs_files(tmp_path, in_order):
    data_dir = copy_data_dir(in_order, tmp_path / "data")
    files = sorted(p for p in (data_dir / "lake").rglob("*.parquet"))
    stray = data_dir / "lake" / "main" / "articles" / "ducklake-00000000-dead-beef-0000-000000000000.parquet"
    stray.write_bytes(files[0].read_bytes())  # as if a killed transaction had written it
    proc = command("snapshots", "expire", "--data-dir", data_dir)  # default keep: NEWSEVENTS_KEEP_SNAPSHOTS or 30
    assert proc.returncode == 0, explain(proc)
    assert "kept 2 snapshots" in proc.stdout and "deleted 1 data files" in proc.stdout, proc.stdout
    assert sorted(p for p in (data_dir / "lake").rglob("*.parquet")) == files
    listing = command("snapshots", "list", "--data-dir", data_dir)
    assert listing.returncode == 0 and "latest" in listing.stdout, explain(listing)


def test_expire_keeps_the_snapshot_latest_names_when_a_backfill_published_after_it(tmp_path, nights,
                                                                                    monkeypatch):
    """Night 2, then night 1 as a backfill: `latest` names night 2, the older version; keeping one snapshot
    keeps the newest and `latest` both (given a relative --data-dir, as a shell user would)."""
    data_dir = tmp_path / "data"
    for folder, day in ((nights.night2, "2017-04-13"), (nights.night1, D1)):
        assert run_night(data_dir, folder, day).code == 0
    monkeypatch.chdir(tmp_path)
    proc = command("snapshots", "expire", "--keep", "1", "--data-dir", "data")
    assert proc.returncode == 0, explain(proc)
    assert "kept 2 snapshots" in proc.stdout and "removed 0" in proc.stdout, proc.stdout
    assert latest_target(data_dir).startswith("2017-04-13-") and (data_dir / "snapshots" / "latest").is_dir()
    assert_latest_readable(data_dir)
