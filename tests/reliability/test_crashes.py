"""A run that dies at any step leaves what consumers see untouched, and rerunning the night repairs everything.

Two kinds of crash:

- in-process faults (fast): a function inside a step is patched to raise, and `newsevents.cli.main` runs
  night 2 (new article C) on a copy of night 1;
- hard kills at every step: a child process runs the CLI with a function patched to call `os._exit` (no
  `finally`, no cleanup, exactly like SIGKILL), on night 3 (nothing new, so the child never loads spaCy, but
  the night still commits its rejects and quality results). The children are forked from a server that has
  the package imported (`tests/reliability/forkserver.py`), which saves each of them ~4 s of imports.

After the crash `snapshots/latest` must point where it did, its manifest must be byte-identical, and its
files, read with plain read_parquet, must still be the tables as of its DuckLake version. A crash before the
DuckLake commit leaves the catalog at its version; one after it leaves the night committed but unpublished.
Rerunning the night must give exactly the tables (every table, staging included, sorted) and the snapshot of
an uninterrupted run, and leave no file of the dead run behind. The last part covers files changed behind the
pipeline's back: a candidate file altered after validation is never loaded or published, a damaged data file
is named by `newsevents verify`, and a damaged manifest is rewritten by a rerun.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsevents.adapters.snapshots import SnapshotError, verify_snapshot
from tests.reliability.conftest import (
    D1,
    D2,
    D3,
    assert_latest_readable,
    child_env,
    command,
    copy_data_dir,
    diff_states,
    lake_version,
    latest_target,
    published_state,
    run_night,
    table_state,
    tree,
    uncommitted_files,
)
from tests.reliability.forkserver import ForkServer

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
    """Inside the load transaction, after every partition of the night was replaced, before the commit."""
    from newsevents.adapters import warehouse

    m.setattr(warehouse, "refresh_actors", _raise)


def fault_in_manifest(m: pytest.MonkeyPatch) -> None:
    """After the commit, while the snapshot folder is being written (manifest written, report not)."""
    from newsevents.adapters import snapshots

    m.setattr(snapshots, "write_report", _raise)


def fault_before_latest(m: pytest.MonkeyPatch) -> None:
    """The snapshot folder is complete; `latest` never moves."""
    from newsevents import pipeline

    m.setattr(pipeline, "mark_latest", _raise)


#: In-process faults before the commit (nothing changes at all) and after it (the night is committed but not
#: published: `latest` and its manifest stay; the rerun publishes the committed night without changing it).
FAULTS = {
    "transform": (fault_in_transform, False),
    "load-transaction": (fault_in_load, False),
    "publish-manifest": (fault_in_manifest, True),
    "publish-before-latest": (fault_before_latest, True),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_crash_changes_nothing_published_and_a_rerun_converges(tmp_path, night1, in_order, nights, fault):
    data_dir = copy_data_dir(night1, tmp_path / "data")
    before, version = published_state(data_dir), lake_version(data_dir)
    inject, after_commit = FAULTS[fault]
    with pytest.MonkeyPatch.context() as m:
        inject(m)
        crashed = run_night(data_dir, nights.night2, D2)
    assert crashed.code == 1, crashed.output
    assert "injected fault" in crashed.output
    assert {k: v for k, v in published_state(data_dir).items() if k != "snapshots"} == \
        {k: v for k, v in before.items() if k != "snapshots"}, "a crashed run changed what `latest` shows"
    assert_latest_readable(data_dir)
    assert (lake_version(data_dir) > version) is after_commit

    rerun = run_night(data_dir, nights.night2, D2)
    assert rerun.code == 0, rerun.output
    assert not diff_states(table_state(in_order), table_state(data_dir)), \
        "\n".join(diff_states(table_state(in_order), table_state(data_dir)))
    assert latest_target(data_dir) == latest_target(in_order)
    assert_latest_readable(data_dir)
    assert not [p.name for p in (data_dir / "snapshots").iterdir() if p.name.startswith(".")]
    assert not uncommitted_files(data_dir)


# --------------------------------------------------------------------------- hard kills (child process)
#: The CLI with one function replaced by os._exit(86): the process vanishes mid-step without cleanup.
KILLED_RUN = r"""
import os, sys
from newsevents import pipeline
from newsevents.adapters import snapshots, warehouse
from newsevents.cli import main

point = sys.argv[1]

def die(*args, **kwargs):
    os._exit(86)

def then_die(module, name):
    real = getattr(module, name)
    def wrapped(*args, **kwargs):
        real(*args, **kwargs)
        die()
    setattr(module, name, wrapped)

if point == "extract":             # the night's work area written, nothing else
    then_die(pipeline, "build_articles")
elif point == "transform":         # the shards' NLP tables
    then_die(pipeline, "transform")
elif point == "validate":          # the candidate written and validated
    then_die(pipeline, "validate_tables")
elif point == "load-transaction":  # every partition of the night inserted (files on disk), not committed
    then_die(warehouse, "replace_night")
elif point == "load-after-commit": # committed, nothing published
    then_die(pipeline, "load_night")
elif point == "publish-manifest":  # snapshot staging folder half written
    snapshots.write_report = die
elif point == "publish-latest":    # snapshot folder in place, `latest` not moved
    pipeline.mark_latest = die
else:
    raise SystemExit(f"unknown kill point {point}")
sys.exit(main(sys.argv[2:]))
"""

@pytest.fixture(scope="module")
def preloaded() -> ForkServer:
    """The fork server the hard-kill and full-disk children start from (the modules their scripts import)."""
    modules = ("newsevents.cli", "newsevents.pipeline", "newsevents.adapters.snapshots",
               "newsevents.adapters.warehouse")
    with ForkServer(modules, env=child_env()) as server:
        yield server


KILL_POINTS = {"extract": False, "transform": False, "validate": False, "load-transaction": False,
               "load-after-commit": True, "publish-manifest": True, "publish-latest": True}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_hard_kill_changes_nothing_published_and_a_rerun_converges(tmp_path, night1, night3_reference, nights,
                                                                    preloaded, point):
    data_dir = copy_data_dir(night1, tmp_path / "data")
    before, version = published_state(data_dir), lake_version(data_dir)
    child = preloaded.run(KILLED_RUN, point, "run", "--input", nights.night3, "--data-dir", data_dir,
                          "--date", D3, "--quiet", timeout=240)
    assert child.returncode == 86, \
        f"the child was not killed at {point}: exit {child.returncode}\n{child.stderr[-3000:]}"
    after = published_state(data_dir)
    assert (after["latest"], after["manifest_sha256"]) == (before["latest"], before["manifest_sha256"]), \
        "a killed run changed what `latest` shows"
    assert_latest_readable(data_dir)
    assert (lake_version(data_dir) > version) is KILL_POINTS[point]
    if point == "load-transaction":
        assert uncommitted_files(data_dir), "the kill came too early: no uncommitted file to clean up"

    rerun = run_night(data_dir, nights.night3, D3)
    assert rerun.code == 0, rerun.output
    assert not diff_states(table_state(night3_reference), table_state(data_dir))
    assert latest_target(data_dir) == latest_target(night3_reference)
    assert published_state(data_dir)["snapshots"] == published_state(night3_reference)["snapshots"]
    assert_latest_readable(data_dir)
    # nothing of the killed run is left behind: no staging folder, no file the catalog does not know
    leftovers = sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*")
                       if p.name.startswith(".") and p.name != ".newsevents.lock")
    assert not leftovers, f"the killed run left files behind after the rerun: {leftovers}"
    assert not uncommitted_files(data_dir)


# --------------------------------------------------------------------------- a full disk (child process)
#: The CLI with the file-size limit dropped to 512 bytes at one point: every later write that grows a file past
#: it fails (EFBIG, SIGXFSZ ignored), as on a full disk: DuckLake's Parquet writes inside the load transaction,
#: or the snapshot folder after the commit.
DISK_FULL_RUN = r"""
import resource, signal, sys
from newsevents import pipeline
from newsevents.adapters import warehouse
from newsevents.cli import main

def disk_full_from(module, name):
    real = getattr(module, name)
    def wrapped(*args, **kwargs):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (512, resource.RLIM_INFINITY))
        return real(*args, **kwargs)
    setattr(module, name, wrapped)

if sys.argv[1] == "load":
    disk_full_from(warehouse, "replace_night")
else:
    disk_full_from(pipeline, "write_snapshot")
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("point", ["load", "publish"])
def test_a_full_disk_changes_nothing_published_and_a_rerun_converges(tmp_path, night1, night3_reference, nights,
                                                                       preloaded, point):
    data_dir = copy_data_dir(night1, tmp_path / "data")
    before, version = published_state(data_dir), lake_version(data_dir)
    child = preloaded.run(DISK_FULL_RUN, point, "run", "--input", nights.night3, "--data-dir", data_dir,
                          "--date", D3, "--quiet", timeout=240)
    err = child.stderr
    assert child.returncode == 1, f"exit {child.returncode}\n{err[-3000:]}"
    reasons = [line for line in err.splitlines() if line.startswith("newsevents")]
    assert len(reasons) == 1 and "run failed" in reasons[0] and "Traceback" not in err, err[-3000:]
    assert published_state(data_dir) == before
    assert_latest_readable(data_dir)
    assert (lake_version(data_dir) > version) is (point == "publish")

    rerun = run_night(data_dir, nights.night3, D3)
    assert rerun.code == 0, rerun.output
    assert not diff_states(table_state(night3_reference), table_state(data_dir))
    assert latest_target(data_dir) == latest_target(night3_reference)
    assert_latest_readable(data_dir)
    assert not uncommitted_files(data_dir)


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
    before, version = published_state(data_dir), lake_version(data_dir)
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
    assert not list((data_dir / "snapshots").glob(f"{D3}-*"))
    if when == "after-validate":  # refused before the commit: the lake is exactly as it was
        assert tree(data_dir / "lake") == lake_before, "a damaged candidate reached the lake"
        assert lake_version(data_dir) == version


def test_verify_names_a_damaged_data_file(tmp_path, night1):
    data_dir = copy_data_dir(night1, tmp_path / "data")
    manifest = json.loads((data_dir / "snapshots" / "latest" / "manifest.json").read_text(encoding="utf-8"))
    victim = manifest["tables"]["articles"]["files"][0]["path"]
    ok = command("verify", "--data-dir", data_dir)
    assert ok.returncode == 0 and "every SHA-256 matches" in ok.stdout, ok.stderr
    with open(data_dir / victim, "ab") as fh:
        fh.write(b"tampered")
    with pytest.raises(SnapshotError, match="checksum mismatch"):
        verify_snapshot(data_dir / "snapshots" / "latest")
    bad = command("verify", latest_target(data_dir), "--data-dir", data_dir)
    assert bad.returncode == 1
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 1 and victim in lines[0] and "checksum mismatch" in lines[0], bad.stderr
    (data_dir / manifest["tables"]["events"]["files"][0]["path"]).unlink()
    bad = command("verify", "--data-dir", data_dir)
    assert len(bad.stderr.strip().splitlines()) == 2 and "is missing" in bad.stderr, bad.stderr


#: (breakage, command) -> exit status; every failure is one line on stderr, never a traceback.
BROKEN = {
    "no-data-dir": {"verify": 1, "changes": 1, "snapshots": 1},
    "no-snapshots": {"verify": 1, "changes": 0, "snapshots": 1},   # versions need no manifest
    "garbage-manifest": {"verify": 1, "changes": 0, "snapshots": 1},
    "unknown-snapshot": {"verify": 1, "changes": 1},
}


@pytest.mark.parametrize("breakage", list(BROKEN))
def test_commands_on_a_broken_data_dir_say_one_line(tmp_path, night1, breakage):
    import shutil

    data_dir = tmp_path / "data"
    if breakage != "no-data-dir":
        copy_data_dir(night1, data_dir)
    if breakage == "no-snapshots":
        shutil.rmtree(data_dir / "snapshots")
    elif breakage == "garbage-manifest":
        (data_dir / "snapshots" / "latest" / "manifest.json").write_text("{not json", encoding="utf-8")
    since = "2099-01-01-v99" if breakage == "unknown-snapshot" else "1"
    commands = {"verify": ("verify", since if breakage == "unknown-snapshot" else "latest"),
                "changes": ("changes", "--since", since), "snapshots": ("snapshots", "list")}
    for name, expected in BROKEN[breakage].items():
        proc = command(*commands[name], "--data-dir", data_dir)
        assert proc.returncode == expected, (name, proc.returncode, proc.stdout, proc.stderr)
        if expected:
            assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, (name, proc.stderr)


def test_damaged_manifest_is_rewritten_by_a_rerun(tmp_path, night1, nights):
    """Rerunning night 1 changes nothing in the lake; the manifest it publishes must be the true one again."""
    data_dir = copy_data_dir(night1, tmp_path / "data")
    target = latest_target(data_dir)
    manifest_path = data_dir / "snapshots" / target / "manifest.json"
    good = manifest_path.read_bytes()
    damaged = json.loads(good)
    damaged["tables"]["articles"]["rows"] += 1
    manifest_path.write_text(json.dumps(damaged), encoding="utf-8")

    run = run_night(data_dir, nights.night1, D1)
    assert run.code == 0, run.output
    assert latest_target(data_dir) == target
    assert manifest_path.read_bytes() == good
    assert_latest_readable(data_dir)
