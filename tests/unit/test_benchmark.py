"""Unit tests of the benchmark's pure helpers (`bench.corpus`, `bench.figures`, `bench.runner`): corpus
building, table formatting, targets, and the skip path of `python -m bench`. No spaCy model is loaded and nothing
is timed."""

from __future__ import annotations

import argparse
import json
from datetime import date

import pytest

from bench import corpus as bench_corpus
from bench import figures, runner
from bench.__main__ import main


def _write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def eval_dir(tmp_path):
    root = tmp_path / "eval"
    _write_jsonl(root / "articles" / "dev.jsonl", [
        {"id": "8005899", "url": "https://www.voanews.com/a/x/8005899.html", "title": "Rubio in Jeddah",
         "published": "2025-03-10 21:53:04Z",
         "text": "U.S. Secretary of State Marco Rubio said Monday the United States hopes to resolve the pause."},
    ])
    _write_jsonl(root / "polnear" / "dev.jsonl", [
        {"id": "breitbart_2016-09-12_a", "publication_date": "2016-09-12", "title": "A",
         "text": "The New York Post reports that Hillary Clinton's team avoided the emergency room.",
         "attributions": []},
        {"id": "blank", "publication_date": "2016-09-13", "title": "B", "text": "   ", "attributions": []},
        {"id": "nyt_2016-10-01_b", "publication_date": "2016-10-01", "title": "C",
         "text": "Donald Trump said on Saturday that he would not release his tax returns before the vote.",
         "attributions": []},
    ])
    return root


# ----------------------------------------------------------------------------- corpus
def test_read_sources_voa_first_dates_normalised_blank_texts_skipped(eval_dir):
    sources = bench_corpus.read_sources(eval_dir)
    assert [(s["dataset"], s["source_id"]) for s in sources] == [
        ("voa", "8005899"), ("polnear", "breitbart_2016-09-12_a"), ("polnear", "nyt_2016-10-01_b")]
    assert sources[0]["published_at"] == "2025-03-10T21:53:04Z"
    assert sources[1]["published_at"] == "2016-09-12"


def test_read_sources_without_one_dataset(eval_dir):
    (eval_dir / "articles" / "dev.jsonl").unlink()
    assert {s["dataset"] for s in bench_corpus.read_sources(eval_dir)} == {"polnear"}
    assert bench_corpus.read_sources(eval_dir / "nowhere") == []


def test_build_corpus_repeats_sources_with_unique_urls_and_ids(eval_dir):
    sources = bench_corpus.read_sources(eval_dir)
    corpus = bench_corpus.build_corpus(sources, 8)
    assert len(corpus) == 8
    assert [r["text"] for r in corpus] == [sources[i % 3]["text"] for i in range(8)]
    assert len({r["url"] for r in corpus}) == 8
    assert len({r["id"] for r in corpus}) == 8
    assert corpus[5]["url"] == "https://bench.invalid/5"
    assert corpus[5]["published_at"] == sources[2]["published_at"]
    assert bench_corpus.build_corpus(sources, 2) == corpus[:2]
    with pytest.raises(ValueError):
        bench_corpus.build_corpus([], 3)


def test_every_copy_gets_its_own_article_id(eval_dir):
    """Duplicate detection keys on the canonical URL: identical texts with distinct URLs stay distinct."""
    from newsevents.extract.ids import article_id_for, canonical_url

    corpus = bench_corpus.build_corpus(bench_corpus.read_sources(eval_dir), 9)
    assert all(canonical_url(r["url"]) == r["url"] for r in corpus)
    assert len({article_id_for(url=r["url"], text=r["text"]) for r in corpus}) == 9


def test_write_landing_splits_into_jsonl_files(tmp_path, eval_dir):
    corpus = bench_corpus.build_corpus(bench_corpus.read_sources(eval_dir), 7)
    paths = bench_corpus.write_landing(corpus, tmp_path / "landing", per_file=3)
    assert [p.name for p in paths] == ["bench-000.jsonl", "bench-001.jsonl", "bench-002.jsonl"]
    back = [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines()]
    assert back == corpus


def test_logical_date_is_the_latest_publication_day(eval_dir):
    corpus = bench_corpus.build_corpus(bench_corpus.read_sources(eval_dir), 3)
    assert bench_corpus.logical_date_for(corpus) == date(2025, 3, 10)
    assert bench_corpus.logical_date_for([{"published_at": None}], today=date(2020, 1, 2)) == date(2020, 1, 2)


# ----------------------------------------------------------------------------- arguments
def test_parse_workers():
    assert runner.parse_workers("1,2") == [1, 2]
    assert runner.parse_workers("2, 1,2") == [1, 2]
    for bad in ("", "0,1", "one", "1;2"):
        with pytest.raises(argparse.ArgumentTypeError):
            runner.parse_workers(bad)
    assert runner.positive_int("40") == 40
    with pytest.raises(argparse.ArgumentTypeError):
        runner.positive_int("0")


# ----------------------------------------------------------------------------- figures, targets, table
def _run(wall, words=100_000, transform=None, cpu=None, shard_words=(50_000, 50_000)):
    transform = wall * 0.9 if transform is None else transform
    rest = (wall - transform) / 4
    return {"wall_s": wall, "cpu_s": cpu if cpu is not None else wall, "articles": 100, "words": words,
            "articles_per_s": 100 / wall, "words_per_s": words / wall, "articles_per_shard": [50, 50],
            "shard_words": list(shard_words), "load_avg_start": 0.1, "peak_rss_mb_self": 512.0,
            "peak_rss_mb_children": 0.0,
            "stages": {"extract": rest, "transform": transform, "validate": rest, "load": rest, "publish": rest}}


def _raw(pipe_s, words=100_000):
    return {"articles": 100, "words": words, "tokens": 120_000, "load_s": 0.7, "pipe_s": pipe_s, "cpu_s": pipe_s,
            "articles_per_s": 100 / pipe_s, "words_per_s": words / pipe_s, "peak_rss_mb_self": 400.0,
            "peak_rss_mb_children": 300.0}


def _report(*, e2e_walls=(100.0, 60.0), raw_pipes=(80.0, 42.0), no_nlp=True):
    rerun = _run(5.0, words=0, transform=0.5)
    rerun.update(articles=0, articles_per_shard=[0, 0], stats={"accepted": 0, "duplicates": 100, "rejected": 0},
                 get_nlp_cache="hits=0 misses=0 loaded=0", no_nlp_work=no_nlp)
    report = {
        "created_at": "2025-01-01T00:00:00Z",
        "machine": {"cpu_count": 2, "cpus_usable": 2, "memory_gb": 24.0, "platform": "Linux", "python": "3.11.7",
                    "spacy": "3.8.0", "model": "en_core_web_sm", "model_version": "3.8.0", "load_avg_start": 0.05},
        "corpus": {"requested": 100, "accepted": 100, "words": 100_000, "distinct_texts": 10,
                   "by_dataset": {"voa": 4, "polnear": 6}, "shards": 2, "logical_date": "2025-03-14"},
        "end_to_end": {str(i + 1): _run(w) for i, w in enumerate(e2e_walls)},
        "raw": {str(i + 1): _raw(p) for i, p in enumerate(raw_pipes)},
        "transform_breakdown": {"articles": 10, "words": 10_000, "load_s": 1.0, "total_s": 5.0, "words_per_s": 2000,
                                "gazetteer_load_s": 0.1,
                                "groups": {"spaCy model": 4.0, "gazetteer": 0.1, "actors": 0.3, "places": 0.1,
                                           "statements": 0.2, "events": 0.3, "rows+tables": 0.1}},
        "rerun": rerun,
    }
    report["limits"] = figures.limits_analysis(report)
    report["targets"] = figures.evaluate_targets(report)
    return report


def test_derived_figures_ratios_and_speedups():
    derived = figures.derived_figures(_report())
    assert derived["e2e_vs_raw"]["1"] == pytest.approx(0.8)        # 1000 vs 1250 words/s
    assert derived["e2e_vs_raw"]["2"] == pytest.approx(42 / 60)
    assert derived["speedup"]["end_to_end"] == pytest.approx(100 / 60)
    assert derived["speedup"]["raw"] == pytest.approx(80 / 42)
    assert derived["speedup_procs"] == 2


def test_toponym_share_of_the_transform_with_and_without_the_gazetteer_load():
    report = _report()
    transform = report["end_to_end"]["1"]["stages"]["transform"]
    assert figures.places_share(report, with_load=False) == pytest.approx(0.1 / 5.1)
    assert figures.places_share(report) == pytest.approx(0.1 / 5.1 + 0.1 / transform)
    report["transform_breakdown"]["gazetteer_load_s"] = 0.2 * transform
    target = next(t for t in figures.evaluate_targets(report) if t["name"].startswith("toponym resolution"))
    assert target["met"] is False and target["value"] == pytest.approx(0.1 / 5.1 + 0.2)
    del report["end_to_end"]   # without an end-to-end run, the load counts against the breakdown
    assert figures.places_share(report) == pytest.approx(0.1 / 5.1 + 0.2 * transform / (5.1 + 0.2 * transform))
    assert "toponym resolution (places + where components): 2.0% of the transform" in figures.render_table(report)


def test_targets_met_and_not_met():
    assert [t["met"] for t in _report()["targets"]] == [False, False, False, True, True, True]
    fast = {t["name"]: t["met"] for t in _report(e2e_walls=(90.0, 49.0), raw_pipes=(80.0, 46.0))["targets"]}
    assert fast["end-to-end >= 0.85x raw nlp.pipe words/s (1 proc)"] is True      # 1111 vs 1250 words/s: 0.89
    assert fast["end-to-end >= 0.85x raw nlp.pipe words/s (2 proc)"] is True      # 46/49: 0.94
    assert fast["2 processes >= 1.8x one (end-to-end)"] is True                      # 90/49: 1.84
    assert fast["2 processes >= 1.8x one (raw nlp.pipe, reference)"] is False       # 80/46: 1.74
    assert _report(no_nlp=False)["targets"][-1]["met"] is False


def test_targets_not_measured_are_na():
    report = _report()
    for kind in ("end_to_end", "raw"):
        del report[kind]["2"]
    del report["rerun"]
    del report["transform_breakdown"]
    targets = figures.evaluate_targets(report)
    assert [t["met"] for t in targets] == [False, None, None, None, None]
    assert figures.limits_analysis(report) is None


def test_limits_analysis_amdahl_cap_and_shard_balance():
    report = _report()
    report["end_to_end"]["2"]["shard_words"] = [60_000, 40_000]
    limits = figures.limits_analysis(report)
    assert limits["serial_s"] == pytest.approx(10.0)
    assert limits["amdahl_cap"] == pytest.approx(100 / (10 + 45))
    assert limits["transform_speedup"] == pytest.approx(90 / 54)
    assert limits["shard_imbalance"] == pytest.approx(1.2)


def test_render_table_one_row_per_run_and_target_verdicts():
    text = figures.render_table(_report())
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("run "))
    rows = lines[header + 2:header + 7]
    assert [r.split("  ")[0].strip() for r in rows] == [
        "end-to-end", "end-to-end", "raw nlp.pipe (+0.7 s load)", "raw nlp.pipe (+0.7 s load)", "rerun, next night"]
    assert len({len(line) for line in lines[header:header + 2]}) == 1     # header and rule line up
    assert "1,000" in rows[0] and "100.0" in rows[0]                      # words/s and wall time
    assert "end-to-end / raw words/s: 1 proc 0.80x, 2 proc 0.70x" in text
    assert "2 procs vs 1 speed-up: end-to-end 1.67x, raw nlp.pipe 1.90x" in text
    assert "get_nlp hits=0 misses=0 loaded=0 -> no NLP work" in text
    assert "spaCy model 4.0 s (78%)" in text
    verdicts = [line.split()[-1] for line in lines[lines.index("targets:") + 3:]]
    assert verdicts == ["MET", "MET", "MET", "met", "met", "met"]         # "NOT MET" ends with MET
    assert text.count("NOT MET") == 3


# ----------------------------------------------------------------------------- CLI skip path
def test_bench_skips_cleanly_without_data(tmp_path, capsys):
    out = tmp_path / "out" / "latest.json"
    assert main(["--articles", "40", "--eval-dir", str(tmp_path / "empty"), "--out", str(out)]) == 0
    assert "skipping" in capsys.readouterr().out
    assert not out.exists()


def test_bench_rejects_bad_arguments(capsys):
    for argv in (["--articles", "0"], ["--workers", "x"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    assert capsys.readouterr().err.count("\n") == 2


def test_celery_figures_overhead_speedup_and_targets():
    from bench.celery import celery_figures, render_celery

    report = {"articles": 40, "shards": 2, "logical_date": "2025-03-10",
              "celery": {"1": {"state": "success", "wall_s": 110.0, "load_avg_start": 1.0},
                         "2": {"state": "success", "wall_s": 60.0, "load_avg_start": 1.5}},
              "cli": {"1": {"exit": 0, "wall_s": 100.0, "load_avg_start": 1.0},
                      "2": {"exit": 0, "wall_s": 50.0, "load_avg_start": 1.2}}}
    report.update(celery_figures(report))
    assert report["overhead"] == pytest.approx({"1": 0.10, "2": 0.20})
    assert report["speedup_2_vs_1"] == pytest.approx(110 / 60)
    assert [t["met"] for t in report["targets"]] == [True, False, True]
    table = render_celery(report)
    assert "| Celery (success) | 1 | 110.0 | +10% | 1.0 |" in table and "not met" in table


def test_celery_scenario_is_a_choice_of_the_cli():
    from bench.__main__ import build_parser

    args = build_parser().parse_args(["--scenario", "celery", "--celery-articles", "40"])
    assert args.scenario == "celery" and args.celery_articles == 40
