"""The history scenario of `make bench`: does a night cost what its new articles cost, whatever the history?

A benchmark, not a test: it prints figures and asserts nothing. Three measurements, each night run by
`pipeline.run_night` in a fresh process (bench/scenarios.py), so that every night pays the same model load:

- **one-article night vs history**: for H = 1,000 and 100,000 articles of history, a lakehouse is filled with
  H synthetic articles over 100 nights by SQL (INSERT … SELECT from `range()`, one transaction; texts from the
  corpus, each made unique; 10 mentions, 3 events, 2 statements per article; a pool of H/5 actors), then one
  real night (the bundled samples) runs on top, then the timed night: one article, the sample wire story under
  a new URL, so its actors all exist already and move to the new night (their old partition is rewritten).
  Target: the 100k night takes at most 1.2x the 1k night.
- **rerun with nothing new**: the timed night again, same input: nothing changes, nothing is committed.
  Target: at most 10 s.
- **disk after 30 nights**: the disk the lakehouse uses (catalog, lake/ and snapshots/, not the per-night work
  area) against the data itself (the bytes of the files the latest manifest lists), after 30 more one-article
  nights on the 100k history (the target: at most 1.1x), and, to show the fixed cost of a night (its manifest,
  quality.json and report.html, its catalog rows), after 30 nights of 20 corpus articles from empty.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa

from newsevents.adapters.lakehouse import ALIAS, connect
from newsevents.adapters.warehouse import ensure_schema
from newsevents.config import REPO_ROOT, Settings

HISTORY_SIZES = (1_000, 100_000)
HISTORY_NIGHTS = 100
NIGHTS_FOR_DISK = 30
ARTICLES_PER_NIGHT = 20
#: The real nights on top of the synthetic history (history nights end the day before the first).
FIRST_REAL_NIGHT = date(2017, 4, 12)
SAMPLES = REPO_ROOT / "samples" / "landing"
RATIO_TARGET, RERUN_TARGET_S, DISK_TARGET = 1.2, 10.0, 1.1

# Synthetic rows: the columns the contracts require, derived from the article number i (and night n).
_ARTICLES = """
INSERT INTO {db}.main.articles
SELECT 'hist' || lpad(i::VARCHAR, 12, '0'), 'hist-' || i, 'bench history', 'https://bench.invalid/history/' || i,
       c.title, n::TIMESTAMP + INTERVAL 6 HOUR, 'History article ' || i || '. ' || c.text, 'en', c.words,
       sha256('History article ' || i || '. ' || c.text), 'bench:history:' || i, n
FROM (SELECT i, DATE '{first}' + (i // {per_night})::INTEGER AS n FROM range({articles}) r(i)) a
JOIN corpus c ON c.k = a.i % {texts}
"""
_MENTIONS = """
INSERT INTO {db}.main.actor_mentions
SELECT 'men' || i || '_' || m, 'hist' || lpad(i::VARCHAR, 12, '0'), 'act_hist_' || ((i * 7 + m * 13) % {actors}),
       m * 20, m * 20 + 6, 'Actor' || m, 'name', m // 3, n
FROM (SELECT i, DATE '{first}' + (i // {per_night})::INTEGER AS n FROM range({articles}) r(i)) a,
     range(10) t(m)
"""
_EVENTS = """
INSERT INTO {db}.main.events
SELECT 'evt' || i || '_' || e, 'hist' || lpad(i::VARCHAR, 12, '0'), 'act_hist_' || ((i * 7) % {actors}),
       'act_hist_' || ((i * 7 + 13) % {actors}), n, 'day', 'publication', NULL, '042', '04', 1, 1.9, 'CONSULT',
       'met', e * 50, e * 50 + 40, e, false, 0.8, 'ek' || (i % 5000) || '_' || e, n
FROM (SELECT i, DATE '{first}' + (i // {per_night})::INTEGER AS n FROM range({articles}) r(i)) a,
     range(3) t(e)
"""
_STATEMENTS = """
INSERT INTO {db}.main.statements
SELECT 'stm' || i || '_' || s, 'hist' || lpad(i::VARCHAR, 12, '0'), 'act_hist_' || ((i * 7) % {actors}), 'he',
       NULL, NULL, 'a quoted sentence of the article number ' || i, s = 0, 'said', 200 + s * 60, 240 + s * 60, n,
       s + 2, n
FROM (SELECT i, DATE '{first}' + (i // {per_night})::INTEGER AS n FROM range({articles}) r(i)) a,
     range(2) t(s)
"""
_LINKS = """
INSERT INTO {db}.main.statement_actors
SELECT 'stm' || i || '_' || s, 'men' || i || '_' || s, 'act_hist_' || ((i * 7 + s * 13) % {actors}),
       'hist' || lpad(i::VARCHAR, 12, '0'), n
FROM (SELECT i, DATE '{first}' + (i // {per_night})::INTEGER AS n FROM range({articles}) r(i)) a, range(2) t(s);
INSERT INTO {db}.main.statement_events
SELECT 'stm' || i || '_0', 'evt' || i || '_0', 'hist' || lpad(i::VARCHAR, 12, '0'), n
FROM (SELECT i, DATE '{first}' + (i // {per_night})::INTEGER AS n FROM range({articles}) r(i)) a;
"""
_NIGHTLY = """
INSERT INTO {db}.main.rejected_articles
SELECT 'rej' || d, 'bench:history:bad-' || d, 'empty_text', 'text is missing or empty', n::TIMESTAMP, '{{}}', n
FROM (SELECT d, DATE '{first}' + d::INTEGER AS n FROM range({nights}) r(d));
INSERT INTO {db}.main.quality_results
SELECT n::VARCHAR || '-bench', 'articles', 'check_' || q, 'error', true, NULL, n
FROM (SELECT DATE '{first}' + d::INTEGER AS n FROM range({nights}) r(d)), range(150) t(q);
INSERT INTO {db}.staging.stg_actors
SELECT DISTINCT actor_id, 'person:hist ' || actor_id, 'History Actor ' || actor_id, 'PERSON', NULL, NULL, NULL,
       0.5::FLOAT, 'bench', partition_date
FROM {db}.main.actor_mentions;
INSERT INTO {db}.main.actors
SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY actor_id ORDER BY partition_date DESC) AS rn
                            FROM {db}.staging.stg_actors) WHERE rn = 1;
"""


def history_texts(sources: list[dict]) -> pa.Table:
    """The texts synthetic articles are made of: the corpus (or, without one, the bundled samples)."""
    rows = [(s["title"] or "", s["text"]) for s in sources if s.get("text")]
    if not rows:
        for path in sorted(SAMPLES.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line) if line.strip().startswith("{") else {}
                if str(record.get("text") or "").strip():
                    rows.append((record.get("title") or "", record["text"]))
    return pa.table({"k": list(range(len(rows))), "title": [r[0] for r in rows], "text": [r[1] for r in rows],
                     "words": pa.array([len(r[1].split()) for r in rows], pa.int32())})


def synthesize_history(data_dir: Path, *, articles: int, texts: pa.Table, nights: int = HISTORY_NIGHTS) -> dict:
    """Fill an empty lakehouse with `articles` synthetic articles over `nights` nights ending the day before
    FIRST_REAL_NIGHT, in one DuckLake transaction. Returns seconds and rows."""
    started = time.perf_counter()
    first = FIRST_REAL_NIGHT - timedelta(days=nights)
    values = {"db": ALIAS, "first": first.isoformat(), "per_night": max(1, -(-articles // nights)),
              "articles": articles, "texts": texts.num_rows, "actors": max(50, articles // 5), "nights": nights}
    with connect(Settings(data_dir=Path(data_dir))) as con:
        con.register("corpus", texts)
        con.execute("BEGIN TRANSACTION")
        ensure_schema(con)
        for template in (_ARTICLES, _MENTIONS, _EVENTS, _STATEMENTS, _LINKS, _NIGHTLY):
            con.execute(template.format(**values))
        con.execute(f"CALL {ALIAS}.set_commit_message('bench', 'synthetic history of {articles} articles')")
        con.execute("COMMIT")
        counts = {t: con.execute(f"SELECT count(*) FROM {ALIAS}.main.{t}").fetchall()[0][0]
                  for t in ("articles", "actor_mentions", "events", "actors")}
    return {"seconds": time.perf_counter() - started, "rows": counts, "lake_mb": disk_mb(Path(data_dir) / "lake")}


def one_article_landing(folder: Path, n: int = 0) -> Path:
    """The sample wire story under a new URL: a new article whose actors the samples night already coded."""
    record = json.loads((SAMPLES / "seed_article.jsonl").read_text(encoding="utf-8").splitlines()[0])
    record.update({"id": f"bench-night-{n}", "url": f"https://bench.invalid/history/one-article-night/{n}"})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "night.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return folder


def one_article_nights(folder: Path, nights: int) -> list[Path]:
    """`nights` landing folders of one new article each (the same story, a new URL every night)."""
    return [one_article_landing(folder / f"night-{n:02d}", n + 1) for n in range(nights)]


def disk_mb(*paths: Path) -> float:
    total = 0
    for path in paths:
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1e6


def lakehouse_disk(data_dir: Path) -> dict:
    """Disk of the lakehouse (catalog, data files, manifests) against the data the latest snapshot lists."""
    data_dir = Path(data_dir)
    manifest = json.loads((data_dir / "snapshots" / "latest" / "manifest.json").read_text(encoding="utf-8"))
    data = sum(f["bytes"] for t in manifest["tables"].values() for f in t["files"]) / 1e6
    used = disk_mb(data_dir / "warehouse.ducklake", data_dir / "warehouse.ducklake.wal", data_dir / "lake",
                   data_dir / "snapshots")
    return {"data_mb": data, "used_mb": used, "ratio": used / data if data else None,
            "catalog_mb": disk_mb(data_dir / "warehouse.ducklake"), "lake_mb": disk_mb(data_dir / "lake"),
            "snapshots_mb": disk_mb(data_dir / "snapshots"), "work_mb": disk_mb(data_dir / "work"),
            "files_in_lake": sum(1 for _ in (data_dir / "lake").rglob("*.parquet"))}


def nights_landing(records: list[dict], folder: Path, nights: int, per_night: int) -> list[Path]:
    """`nights` landing folders of `per_night` distinct corpus records each."""
    out = []
    for n in range(nights):
        night = folder / f"night-{n:02d}"
        night.mkdir(parents=True, exist_ok=True)
        chunk = records[n * per_night:(n + 1) * per_night]
        (night / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in chunk), encoding="utf-8")
        out.append(night)
    return out


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
