"""A run that dies at any step leaves what consumers see untouched, and rerunning the night repairs everything.

Two kinds of crash:

- in-process faults (fast, every step): a function inside the step is patched to raise, and
  `newsevents.cli.main` runs night 2 (new article C) on a copy of night 1;
- hard kills: a child process runs the CLI with a function patched to call `os._exit` (no `finally`, no
  cleanup, exactly like SIGKILL), on night 3 (nothing new, so the child never loads spaCy).

After the crash the warehouse file must be byte-identical and `snapshots/latest` must point where it did;
rerunning the night must give exactly the warehouse (every table, sorted) and snapshot of an uninterrupted
run. The last part covers files changed behind the pipeline's back: a candidate file altered after
validation is never loaded or published, and a tampered snapshot is detected, reported and replaced.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsevents.adapters.snapshots import SnapshotError, verify_snapshot
from tests.reliability.conftest import (
    D1,
    D2,
    D3,
    copy_data_dir,
    diff_states,
    latest_target,
    published_state,
    python_child,
    run_night,
    table_state,
    tree,
)

pytestmark = pytest.mark.slow


class InjectedFault(RuntimeError):
    pass


def _raise(*_args, **_kwargs):
    raise InjectedFault("injected fault")


def fault_in_transform(m: pytest.MonkeyPatch) -> None:
    """The NLP ran over the shard, then the step dies before writing the shard's tables."""
    from newsevents import pipeline

    real = pipeline.process_articles

    def crashing(*args, **kwargs):
        real(*args, **kwargs)
        raise InjectedFault("injected fault after the NLP of a shard")

    m.setattr(pipeline, "process_articles", crashing)   # patched where the pipeline looks it up


def fault_in_load(m: pytest.MonkeyPatch) -> None:
    """Inside the load transaction, after every partition was inserted into the staged copy."""
    from newsevents.adapters import warehouse

    m.setattr(warehouse, "REFRESH_ACTORS_SQL", "SELECT error('injected fault inside the load transaction')")


def fault_between_snapshot_and_swap(m: pytest.MonkeyPatch) -> None:
    """The snapshot is written and verified; the warehouse swap never happens."""
    from newsevents import pipeline

    m.setattr(pipeline, "promote", _raise)


#: In-process faults; the hard kills below cover load after its commit and publish half-way (lake, snapshot).
FAULTS = {
    "transform": fault_in_transform,
    "load-transaction": fault_in_load,
    "publish-before-swap": fault_between_snapshot_and_swap,
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_crash_changes_nothing_published_and_a_rerun_converges(tmp_path, night1, in_order, nights, fault):
    data_dir = copy_data_dir(night1, tmp_path / "data")
    before = published_state(data_dir)
    with pytest.MonkeyPatch.context() as m:
        FAULTS[fault](m)
        crashed = run_night(data_dir, nights.night2, D2)
    assert crashed.code == 1, crashed.output
    assert "injected fault" in crashed.output
    assert published_state(data_dir) == before, "a crashed run changed the warehouse or snapshots/latest"

    rerun = run_night(data_dir, nights.night2, D2)
    assert rerun.code == 0, rerun.output
    assert not diff_states(table_state(in_order), table_state(data_dir)), \
        "\n".join(diff_states(table_state(in_order), table_state(data_dir)))
    assert latest_target(data_dir) == latest_target(in_order)
    verify_snapshot(data_dir / "snapshots" / "latest")
    assert not (data_dir / "warehouse.next.duckdb").exists()
    assert not [p.name for p in (data_dir / "snapshots").iterdir() if p.name.startswith(".")]


def test_crash_between_warehouse_swap_and_latest_is_repaired_by_a_rerun(tmp_path, night1, in_order, nights):
    """The one window publish cannot close: the warehouse is swapped, `latest` still names the old snapshot
    (a consistent, older snapshot: consumers are not misled). The rerun moves `latest` on."""
    from newsevents import pipeline

    data_dir = copy_data_dir(night1, tmp_path / "data")
    before = published_state(data_dir)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(pipeline, "mark_latest", _raise)
        crashed = run_night(data_dir, nights.night2, D2)
    assert crashed.code == 1, crashed.output
    assert latest_target(data_dir) == before["latest"]
    verify_snapshot(data_dir / "snapshots" / "latest")

    rerun = run_night(data_dir, nights.night2, D2)
    assert rerun.code == 0, rerun.output
    assert not diff_states(table_state(in_order), table_state(data_dir))
    assert latest_target(data_dir) == latest_target(in_order)


# --------------------------------------------------------------------------- hard kills (child process)
#: The CLI with one function replaced by os._exit(86): the process vanishes mid-step without cleanup.
KILLED_RUN = r"""
import os, sys
from newsevents.adapters import snapshots, storage, warehouse
from newsevents.cli import main

point = sys.argv[1]

def die(*args, **kwargs):
    os._exit(86)

if point == "load-after-commit":  # committed in the staged copy (WAL not checkpointed), connection open
    real = warehouse.load_partition
    def load_then_die(*args, **kwargs):
        real(*args, **kwargs)
        die()
    warehouse.load_partition = load_then_die
elif point == "publish-lake":  # two lake partitions replaced, the third staged but not moved into place
    real_replace, calls = storage.replace_dir, []
    def replace_then_die(staged, final):
        calls.append(final)
        if len(calls) == 3:
            die()
        real_replace(staged, final)
    storage.replace_dir = replace_then_die
elif point == "publish-snapshot":  # lake written, snapshot staging directory half written
    snapshots.write_report = die
else:
    raise SystemExit(f"unknown kill point {point}")
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("point", ["load-after-commit", "publish-lake", "publish-snapshot"])
def test_hard_kill_changes_nothing_published_and_a_rerun_converges(tmp_path, night1, night3_reference, nights,
                                                                    point):
    data_dir = copy_data_dir(night1, tmp_path / "data")
    before = published_state(data_dir)
    child = python_child(KILLED_RUN, point, "run", "--input", nights.night3, "--data-dir", data_dir,
                         "--date", D3, "--quiet", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _out, err = child.communicate(timeout=240)
    assert child.returncode == 86, f"the child was not killed at {point}: exit {child.returncode}\n{err[-3000:]}"
    assert published_state(data_dir) == before, "a killed run changed the warehouse or snapshots/latest"
    verify_snapshot(data_dir / "snapshots" / "latest")

    rerun = run_night(data_dir, nights.night3, D3)
    assert rerun.code == 0, rerun.output
    assert not diff_states(table_state(night3_reference), table_state(data_dir))
    assert latest_target(data_dir) == latest_target(night3_reference)
    verify_snapshot(data_dir / "snapshots" / "latest")
    # nothing of the killed run is left behind: staged warehouse, its WAL, staged lake or snapshot directories
    leftovers = sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*")
                       if p.name.startswith((".", "warehouse.next")) and p.name != ".newsevents.lock")
    assert not leftovers, f"the killed run left files behind after the rerun: {leftovers}"


# --------------------------------------------------------------------------- files changed behind our back
def _drop_last_row(path: Path) -> None:
    """Rewrite a Parquet file as a valid file holding one row less: only a checksum notices."""
    table = pq.read_table(path)
    pq.write_table(table.slice(0, max(0, table.num_rows - 1)), path)


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("when", ["after-validate", "after-load"])
@pytest.mark.parametrize("damage", [_drop_last_row, _flip_a_byte], ids=["rewritten", "bit-flip"])
def test_candidate_changed_after_validation_is_never_published(tmp_path, night1, nights, when, damage):
    from newsevents import pipeline

    data_dir = copy_data_dir(night1, tmp_path / "data")
    before = published_state(data_dir)
    lake_before = tree(data_dir / "lake")
    candidate = data_dir / "work" / f"date={D3}" / "candidate"
    step = "validate" if when == "after-validate" else "load"
    real = getattr(pipeline, step)

    def then_damage(*args, **kwargs):
        result = real(*args, **kwargs)
        damage(candidate / "rejected_articles.parquet")
        return result

    with pytest.MonkeyPatch.context() as m:
        m.setattr(pipeline, step, then_damage)
        run = run_night(data_dir, nights.night3, D3)
    assert run.code == 1, run.output
    assert "rejected_articles.parquet" in run.output and "changed after validation" in run.output, run.output
    assert published_state(data_dir) == before
    assert tree(data_dir / "lake") == lake_before, "a damaged candidate reached the lake"
    assert not list((data_dir / "snapshots").glob(f"{D3}-*"))


def test_tampered_latest_snapshot_is_detected_reported_and_replaced(tmp_path, night1, nights):
    data_dir = copy_data_dir(night1, tmp_path / "data")
    old = data_dir / "snapshots" / latest_target(data_dir)
    manifest = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    victim = old / manifest["tables"]["articles"]["files"][0]["path"]
    with open(victim, "ab") as fh:
        fh.write(b"tampered")
    with pytest.raises(SnapshotError, match="checksum mismatch"):
        verify_snapshot(old)

    run = run_night(data_dir, nights.night3, D3)
    assert run.code == 0, run.output
    assert "fails verification" in run.output and old.name in run.output, run.output
    latest = data_dir / "snapshots" / latest_target(data_dir)
    assert latest.name.startswith(f"{D3}-") and latest != old
    verify_snapshot(latest)


def test_tampered_snapshot_of_the_same_content_is_rewritten_on_rerun(tmp_path, night1, nights):
    """Rerunning night 1 produces the same snapshot id; the damaged copy must not be kept as is."""
    data_dir = copy_data_dir(night1, tmp_path / "data")
    target = latest_target(data_dir)
    snapshot = data_dir / "snapshots" / target
    victim = snapshot / "articles" / "articles.parquet"
    victim.write_bytes(victim.read_bytes()[:-9] + b"tampered!")
    with pytest.raises(SnapshotError):
        verify_snapshot(snapshot)

    run = run_night(data_dir, nights.night1, D1)
    assert run.code == 0, run.output
    assert "fails verification" in run.output, run.output
    assert latest_target(data_dir) == target
    verify_snapshot(data_dir / "snapshots" / "latest")
    assert os.path.samefile(data_dir / "snapshots" / "latest", snapshot)
