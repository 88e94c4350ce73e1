"""Shared fixtures of the reliability tests: three small nights of input, in-process and child-process runs.

The nights overlap on purpose:

    night 1 (D1): articles A, B and one malformed line
    night 2 (D2): B again (already loaded on D1), new article C, and a JSON array line
    night 3 (D3): A and B again (nothing new) and one empty record

Night 3 never needs spaCy (every article is already loaded), so the tests that run it in a child process
(hard kills, the lock holder) stay fast. Runs that need spaCy happen in the pytest process via
`newsevents.cli.main`, where the model loads once (~10 s) for the whole session; `night1` and `in_order`
are session-scoped and every test works on its own copy of their data directories.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsevents.adapters.snapshots import verify_snapshot
from newsevents.adapters.storage import sha256_file
from tests.support import lake, lake_query, lake_tables, manifest_tables

REPO = Path(__file__).resolve().parents[2]
D1, D2, D3 = "2017-04-12", "2017-04-13", "2017-04-14"

#: The output contract's tables (/work/shared/CONTRACT.md).
CONTRACT_TABLES = ("articles", "rejected_articles", "actors", "actor_mentions", "events", "statements")

ARTICLE_A = {
    "id": "rel-a", "source": "reliability fixture", "title": "Ministers agree on grain corridor",
    "published_at": "2017-04-12T09:30:00Z", "url": "https://example.org/reliability/grain-corridor",
    "text": "Turkish Foreign Minister Mevlut Cavusoglu met Ukrainian Foreign Minister Pavlo Klimkin in Ankara on "
            "Tuesday. \u201cWe have agreed to open a corridor for humanitarian cargo,\u201d Cavusoglu told "
            "reporters.",
}
ARTICLE_B = {
    "id": "rel-b", "source": "reliability fixture", "title": "Border clash reported",
    "published_at": "2017-04-11",
    "text": "Indian troops fired on Pakistani positions along the Line of Control on Monday, Pakistani military "
            "officials said. Pakistan's Foreign Office condemned the attack and summoned the Indian envoy.",
}
ARTICLE_C = {
    "id": "rel-c", "source": "reliability fixture", "title": "Kenya and India sign trade accord",
    "published_at": "2017-04-13T08:00:00Z", "url": "https://example.org/reliability/trade-accord",
    "text": "Kenyan President Uhuru Kenyatta and Indian Prime Minister Narendra Modi signed a trade agreement in "
            "Nairobi on Wednesday. India criticised Pakistan over the border clash, Kenyatta said.",
}


# --------------------------------------------------------------------------- helpers
def jsonl(*records) -> bytes:
    """JSON Lines: dicts are serialised, bytes are written verbatim (one line each)."""
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)


def newsevents_exe() -> str:
    exe = Path(sys.executable).parent / "newsevents"
    return str(exe) if exe.exists() else (shutil.which("newsevents") or str(REPO / ".venv" / "bin" / "newsevents"))


def child_env(**extra: str) -> dict[str, str]:
    """The caller's environment without NEWSEVENTS_* settings (they would leak into the run), plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSEVENTS_")}
    env["GX_ANALYTICS_ENABLED"] = "false"
    env.update(extra)
    return env


def cli(*args, env: dict | None = None, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([newsevents_exe(), *map(str, args)], env=env or child_env(), cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def command(*args, env: dict | None = None) -> subprocess.CompletedProcess:
    """A `newsevents` command other than `run` (verify, changes, snapshots, ...) inside pytest: the same
    `cli.main`, without the seconds a new interpreter takes to import the package; stdout and stderr captured."""
    from newsevents import cli as cli_module

    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("NEWSEVENTS_")}
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_module.main([str(a) for a in args])
            except SystemExit as exc:  # argparse
                code = exc.code
    finally:
        for key in env or {}:
            os.environ.pop(key, None)
        os.environ.update(saved)
    return subprocess.CompletedProcess(["newsevents", *map(str, args)], code, out.getvalue(), err.getvalue())


def python_child(script: str, *args, env: dict | None = None, **popen) -> subprocess.Popen:
    """A child Python process running `script` (argv[1:] = args), e.g. the CLI with a function patched."""
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], env=env or child_env(),
                            stdin=subprocess.DEVNULL, **popen)


def explain(proc) -> str:
    out, err = (proc.stdout or "")[-2000:], (proc.stderr or "")[-4000:]
    return f"exit {proc.returncode}\n--- stdout\n{out}\n--- stderr\n{err}"


@dataclass
class InProcessRun:
    code: int
    output: str  # stderr plus the `newsevents` log records of the run


def run_inprocess(*args) -> InProcessRun:
    """`newsevents run ... --quiet` inside pytest (so patched functions apply), without NEWSEVENTS_* settings.

    Returns the exit status and what the run reported (stderr and the `newsevents` logger's records). The
    root logger is restored afterwards: cli.main() calls logging.basicConfig.
    """
    from newsevents import cli as cli_module

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    buffer = io.StringIO()
    capture = logging.StreamHandler(buffer)
    capture.setLevel(logging.WARNING)
    newsevents_log = logging.getLogger("newsevents")
    newsevents_log.addHandler(capture)
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("NEWSEVENTS_")}
    try:
        with contextlib.redirect_stderr(buffer):
            code = cli_module.main(["run", *map(str, args), "--quiet"])
    finally:
        os.environ.update(saved)
        newsevents_log.removeHandler(capture)
        root.handlers[:] = handlers
        root.setLevel(level)
    return InProcessRun(code, buffer.getvalue())


def run_night(data_dir: Path, input_dir: Path, day: str) -> InProcessRun:
    return run_inprocess("--input", input_dir, "--data-dir", data_dir, "--date", day)


def table_state(data_dir: Path, *, exclude: tuple[str, ...] = (), version: int | None = None) -> dict[str, list[tuple]]:
    """Every table of the lakehouse (staging included) as sorted rows (all columns); at a version if given."""
    return lake_tables(data_dir, exclude=exclude, version=version)


def query(data_dir: Path, sql: str) -> list[tuple]:
    return lake_query(data_dir, sql)


def lake_version(data_dir: Path) -> int:
    """The DuckLake version the catalog is at (its newest commit)."""
    from newsevents.adapters.lakehouse import current_version

    with lake(data_dir) as con:
        return current_version(con)


def uncommitted_files(data_dir: Path) -> list[str]:
    """Parquet files in the lake that the catalog does not know (what a killed transaction leaves behind).
    DuckLake names every file with a fresh UUID, so a file name identifies it."""
    meta = "__ducklake_metadata_newsevents"
    with lake(data_dir) as con:
        tracked = con.sql(f"SELECT path FROM {meta}.ducklake_data_file UNION ALL SELECT path FROM "
                          f"{meta}.ducklake_delete_file UNION ALL SELECT path FROM "
                          f"{meta}.ducklake_files_scheduled_for_deletion").fetchall()
    names = {Path(r[0]).name for r in tracked}
    return sorted(str(p.relative_to(data_dir)) for p in (Path(data_dir) / "lake").rglob("*.parquet")
                  if p.name not in names)


def diff_states(left: dict, right: dict) -> list[str]:
    """Readable differences between two table_state() results (empty when equal)."""
    out = []
    for name in sorted(set(left) | set(right)):
        a, b = left.get(name), right.get(name)
        if a == b:
            continue
        if a is None or b is None:
            out.append(f"{name}: only in {'right' if a is None else 'left'}")
            continue
        only_a = [r for r in a if r not in b][:2]
        only_b = [r for r in b if r not in a][:2]
        out.append(f"{name}: {len(a)} vs {len(b)} rows; left only {only_a}; right only {only_b}")
    return out


def latest_target(data_dir: Path) -> str | None:
    link = Path(data_dir) / "snapshots" / "latest"
    return os.readlink(link) if link.is_symlink() else None


def published_state(data_dir: Path) -> dict:
    """What consumers see: where `snapshots/latest` points, the bytes of its manifest, and every published
    snapshot folder."""
    latest = latest_target(data_dir)
    manifest = Path(data_dir) / "snapshots" / "latest" / "manifest.json"
    folders = sorted(p.name for p in (Path(data_dir) / "snapshots").iterdir()
                     if p.is_dir() and not p.is_symlink()) if (Path(data_dir) / "snapshots").is_dir() else []
    return {"latest": latest, "manifest_sha256": sha256_file(manifest) if manifest.exists() else None,
            "snapshots": folders}


def assert_latest_readable(data_dir: Path) -> dict:
    """`latest` verifies (every listed file, by SHA-256) and its files, read with plain read_parquet, are the
    tables as of its DuckLake version."""
    root = Path(data_dir) / "snapshots" / "latest"
    manifest = verify_snapshot(root)
    expected = table_state(data_dir, version=manifest["ducklake_version"])
    actual = manifest_tables(root)
    assert actual == {name: expected[name] for name in actual}, "the manifest's files differ from the tables"
    return manifest


def tree(root: Path, *, skip: Path | None = None) -> dict[str, tuple]:
    """Every path under root (symlinks not followed) with kind, size and mtime; `skip` is left out."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if skip is not None and here == skip:
            dirnames[:] = []
            continue
        for name in dirnames + filenames:
            path = here / name
            if skip is not None and path == skip:
                continue
            st = path.lstat()
            kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
            out[str(path.relative_to(root))] = (kind, st.st_size if kind == "file" else 0,
                                                st.st_mtime_ns if kind == "file" else 0)
    return out


def copy_data_dir(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


# --------------------------------------------------------------------------- fixtures
@dataclass
class Nights:
    night1: Path
    night2: Path
    night3: Path


@pytest.fixture(scope="session")
def nights(tmp_path_factory) -> Nights:
    root = tmp_path_factory.mktemp("nights")
    dirs = Nights(root / "night1", root / "night2", root / "night3")
    for d in (dirs.night1, dirs.night2, dirs.night3):
        d.mkdir()
    (dirs.night1 / "wire.jsonl").write_bytes(jsonl(ARTICLE_A, ARTICLE_B, b'{"id": "rel-bad", "text": "cut'))
    (dirs.night2 / "wire.jsonl").write_bytes(jsonl(ARTICLE_B, ARTICLE_C, b"[1, 2, 3]"))
    (dirs.night3 / "wire.jsonl").write_bytes(jsonl(ARTICLE_B, ARTICLE_A, {"id": "rel-empty", "text": " "}))
    return dirs


@pytest.fixture(scope="session")
def night1(tmp_path_factory, nights) -> Path:
    """Data directory after night 1 (in-process run; loads spaCy into the pytest process once)."""
    data_dir = tmp_path_factory.mktemp("night1") / "data"
    run = run_night(data_dir, nights.night1, D1)
    assert run.code == 0, run.output
    return data_dir


@pytest.fixture(scope="session")
def in_order(tmp_path_factory, night1, nights) -> Path:
    """Data directory after nights 1 and 2, run in order without interruption: the reference state."""
    data_dir = copy_data_dir(night1, tmp_path_factory.mktemp("in_order") / "data")
    run = run_night(data_dir, nights.night2, D2)
    assert run.code == 0, run.output
    return data_dir


@pytest.fixture(scope="session")
def night3_reference(tmp_path_factory, night1, nights) -> Path:
    """Data directory after night 1 and then night 3 (nothing new on night 3), uninterrupted."""
    data_dir = copy_data_dir(night1, tmp_path_factory.mktemp("night3_ref") / "data")
    run = run_night(data_dir, nights.night3, D3)
    assert run.code == 0, run.output
    return data_dir
