"""Reruns and backfills lose nothing and change nothing; two runs at once never share the data directory.

Night 1 holds articles A and B, night 2 holds B again and C (see conftest.py). An article belongs to the
earliest night that saw it: run in order, night 2 skips B as already loaded; run out of order (night 2 first,
then the night-1 backfill), the backfill reclaims B from night 2 (warehouse.known_article_ids and
warehouse.reclaim_articles, which rewrites night 2's partitions whole). Either way the tables must end up
the same, and `latest` keeps naming the newest night published.

`quality_results` is left out of the order comparison: it is the log of each night's validation run, and
night 2 validated {B, C} when it ran first but only {C} when it ran second, so its rows differ by design.
test_cli_run.py already covers rerunning a single night on the bundled sample; here reruns happen with
overlapping later nights in the warehouse.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newsevents.adapters.snapshots import verify_snapshot
from tests.reliability.conftest import (
    ARTICLE_A,
    ARTICLE_B,
    ARTICLE_C,
    CONTRACT_TABLES,
    D1,
    D2,
    D3,
    assert_latest_readable,
    child_env,
    cli,
    command,
    copy_data_dir,
    diff_states,
    explain,
    latest_target,
    published_state,
    python_child,
    query,
    run_night,
    table_state,
    tree,
)
from tests.support import PAUSED_IN_LOAD

pytestmark = pytest.mark.slow

RUN_LOG = ("quality_results",)


def partition_of(data_dir: Path) -> dict[str, str]:
    """external_id -> partition date of every article."""
    return {ext: str(day) for ext, day in query(data_dir, "SELECT external_id, partition_date FROM articles")}


@pytest.fixture(scope="module")
def out_of_order(tmp_path_factory, nights) -> Path:
    """Night 2 first, then night 1 as a backfill, into an empty data directory."""
    data_dir = tmp_path_factory.mktemp("out_of_order") / "data"
    for folder, day in ((nights.night2, D2), (nights.night1, D1)):
        run = run_night(data_dir, folder, day)
        assert run.code == 0, f"night {day}: {run.output}"
    return data_dir


# --------------------------------------------------------------------------- order of nights
def test_in_order_each_article_belongs_to_its_earliest_night(in_order):
    assert partition_of(in_order) == {ARTICLE_A["id"]: D1, ARTICLE_B["id"]: D1, ARTICLE_C["id"]: D2}


def test_backfill_out_of_order_reclaims_articles_for_the_earliest_night(out_of_order):
    assert partition_of(out_of_order) == {ARTICLE_A["id"]: D1, ARTICLE_B["id"]: D1, ARTICLE_C["id"]: D2}
    # nothing of B is left in night 2's partition of any table keyed by article
    b_id = query(out_of_order, f"SELECT article_id FROM articles WHERE external_id = '{ARTICLE_B['id']}'")[0][0]
    for table in ("actor_mentions", "events", "statements", "statement_actors", "statement_events"):
        left = query(out_of_order, f"SELECT count(*) FROM {table} WHERE article_id = '{b_id}' "
                                   f"AND partition_date <> DATE '{D1}'")[0][0]
        assert left == 0, f"{table} keeps night-2 rows of the reclaimed article"


def test_out_of_order_gives_the_same_warehouse_as_in_order(in_order, out_of_order):
    expected, actual = table_state(in_order, exclude=RUN_LOG), table_state(out_of_order, exclude=RUN_LOG)
    assert set(CONTRACT_TABLES) <= set(actual)
    assert not diff_states(expected, actual), "\n".join(diff_states(expected, actual))
    verify_snapshot(out_of_order / "snapshots" / "latest")


def test_a_backfill_publishes_its_snapshot_without_moving_latest_back(out_of_order):
    night2, backfill = sorted((out_of_order / "snapshots").glob("2017-*"), key=lambda p: int(p.name.split("-v")[1]))
    assert night2.name.startswith(f"{D2}-") and backfill.name.startswith(f"{D1}-")
    assert latest_target(out_of_order) == night2.name, "a backfill of an older night moved `latest` back"
    manifest = verify_snapshot(backfill)
    # the backfill replaced night 2's partitions holding B: their old files are removed, new ones added
    removed = manifest["removed"]["articles"]
    assert removed and all(f"partition_date={D2}" in p for p in removed)
    assert any(f"partition_date={D2}" in p for p in manifest["added"]["articles"])
    assert_latest_readable(out_of_order)


def test_changes_since_the_night_before_the_backfill(out_of_order):
    night2 = latest_target(out_of_order)
    proc = command("changes", "--since", night2, "--data-dir", out_of_order, "--format", "json")
    assert proc.returncode == 0, explain(proc)
    changes = json.loads(proc.stdout)["tables"]
    # A and B arrive on night 1; B leaves night 2: a move is a deletion and an insertion, both published
    assert changes["articles"] == {"inserted": 2, "deleted": 1}
    assert changes["actor_mentions"]["deleted"] > 0 and changes["actor_mentions"]["inserted"] > 0
    nothing = command("changes", "--since", "latest", "--until", night2, "--data-dir", out_of_order)
    assert nothing.returncode == 0 and " 0 " in nothing.stdout, explain(nothing)


def test_time_travel_shows_night_2_as_it_was_before_the_backfill(out_of_order):
    version = int(latest_target(out_of_order).split("-v")[1])
    before = query(out_of_order, f"SELECT external_id FROM articles AT (VERSION => {version}) ORDER BY 1")
    assert before == [(ARTICLE_B["id"],), (ARTICLE_C["id"],)]


def test_rerunning_the_later_night_after_a_backfill_keeps_the_in_order_state(tmp_path, in_order, out_of_order,
                                                                              nights):
    data_dir = copy_data_dir(out_of_order, tmp_path / "data")
    run = run_night(data_dir, nights.night2, D2)
    assert run.code == 0, run.output
    expected, actual = table_state(in_order), table_state(data_dir)
    # night 2 now sees B as already loaded, exactly like the in-order run: even its validation log matches
    assert not diff_states(expected, actual), "\n".join(diff_states(expected, actual))
    assert latest_target(data_dir).startswith(f"{D2}-")
    assert_latest_readable(data_dir)


def test_backfill_leaves_no_reclaimed_article_in_later_lake_partitions(out_of_order):
    """Read night 2's articles the way a consumer would: the current files of that partition, plain Parquet."""
    import pyarrow.parquet as pq

    from tests.support import lake

    with lake(out_of_order) as con:
        files = [r[0] for r in con.sql("SELECT data_file FROM ducklake_list_files('newsevents', 'articles') "
                                       f"WHERE data_file LIKE '%partition_date={D2}%'").fetchall()]
        assert con.sql("SELECT count(*) FROM ducklake_list_files('newsevents', 'articles') "
                       "WHERE delete_file IS NOT NULL").fetchall() == [(0,)]
    assert len(files) == 1
    later = pq.read_table(files[0])
    assert sorted(later.column("external_id").to_pylist()) == [ARTICLE_C["id"]]


# --------------------------------------------------------------------------- reruns
@pytest.mark.parametrize("day", [D2, D1], ids=["latest-night", "earlier-night"])
def test_rerun_with_later_nights_loaded_is_identical(tmp_path, in_order, nights, day):
    data_dir = copy_data_dir(in_order, tmp_path / "data")
    before = table_state(data_dir)
    latest = latest_target(data_dir)
    run = run_night(data_dir, nights.night1 if day == D1 else nights.night2, day)
    assert run.code == 0, run.output
    after = table_state(data_dir)
    assert not diff_states(before, after), "\n".join(diff_states(before, after))  # same rows, same ids
    assert latest_target(data_dir) == latest  # nothing changed: nothing new published, `latest` stays
    assert_latest_readable(data_dir)


# --------------------------------------------------------------------------- two runs at once


def test_second_run_is_refused_while_the_first_holds_the_data_directory(tmp_path, night1, nights):
    data_dir = copy_data_dir(night1, tmp_path / "data")
    signals = tmp_path / "signals"
    signals.mkdir()
    ready, release = signals / "ready", signals / "release"
    before = published_state(data_dir)
    first = python_child(PAUSED_IN_LOAD, ready, release, "run", "--input", nights.night3, "--data-dir", data_dir,
                         "--date", D3, "--quiet", stdout=-1, stderr=-1, text=True)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), f"the first run never reached the load step: {first.communicate(timeout=30)}"
        during = tree(data_dir)

        second = cli("run", "--input", nights.night2, "--data-dir", data_dir, "--date", D2, "--quiet",
                     env=child_env(), timeout=120)
        assert second.returncode == 3, explain(second)
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and "another newsevents run holds" in lines[0], second.stderr
        assert str(data_dir) in lines[0]
        assert first.poll() is None, "the first run ended early: the refusal proves nothing"
        # the refused run touched nothing: no work area, no catalog write, no lake file
        assert tree(data_dir) == during
        assert published_state(data_dir) == before
    finally:
        release.write_text("go")
        out, err = first.communicate(timeout=180)
    assert first.returncode == 0, f"exit {first.returncode}\n{err[-3000:]}"
    # the first run finished normally and published night 3
    assert latest_target(data_dir).startswith(f"{D3}-")
    verify_snapshot(data_dir / "snapshots" / "latest")
    assert not (data_dir / "work" / f"date={D2}").exists()
