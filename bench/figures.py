"""Figures derived from the measurements (ratios, speed-ups, limits, targets) and the printed table."""

from __future__ import annotations

from bench.history import DISK_TARGET, RATIO_TARGET, RERUN_TARGET_S

E2E_VS_RAW_TARGET = 0.85
SPEEDUP_TARGET = 1.8
STAGES = ("extract", "transform", "validate", "load", "publish")
BREAKDOWN_GROUPS = ("spaCy model", "gazetteer", "actors", "places", "statements", "events", "rows+tables")
#: The toponym step (recognition, GeoNames resolution, event location) may cost this share of the transform.
PLACES_SHARE_TARGET = 0.05


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def derived_figures(report: dict) -> dict:
    """end-to-end/raw words/s per process count, and the speed-up of the largest process count vs 1."""
    e2e, raw = report.get("end_to_end", {}), report.get("raw", {})
    ratios = {p: _ratio(e2e[p]["words_per_s"], raw[p]["words_per_s"]) for p in e2e if p in raw}
    speedup: dict[str, float | None] = {}
    counts = sorted(int(p) for p in e2e)
    top = str(counts[-1]) if counts else None
    for kind, runs in (("end_to_end", e2e), ("raw", raw)):
        speedup[kind] = (_ratio(runs[top]["words_per_s"], runs["1"]["words_per_s"])
                         if top and top != "1" and "1" in runs and top in runs else None)
    return {"e2e_vs_raw": ratios, "speedup": speedup, "speedup_procs": int(top) if top else None}


def evaluate_targets(report: dict) -> list[dict]:
    """The issue's targets, each {name, threshold, value, met}; met is None when it was not measured."""
    derived = derived_figures(report)
    targets = []
    for p, ratio in sorted(derived["e2e_vs_raw"].items(), key=lambda kv: int(kv[0])):
        targets.append({"name": f"end-to-end >= {E2E_VS_RAW_TARGET}x raw nlp.pipe words/s ({p} proc)",
                        "threshold": E2E_VS_RAW_TARGET, "value": ratio,
                        "met": None if ratio is None else ratio >= E2E_VS_RAW_TARGET})
    procs = derived["speedup_procs"]
    for kind, label in (("end_to_end", "end-to-end"), ("raw", "raw nlp.pipe, reference")):
        value = derived["speedup"].get(kind)
        targets.append({"name": f"{procs or 2} processes >= {SPEEDUP_TARGET}x one ({label})",
                        "threshold": SPEEDUP_TARGET, "value": value,
                        "met": None if value is None or procs != 2 else value >= SPEEDUP_TARGET})
    share = places_share(report)
    targets.append({"name": f"toponym resolution <= {PLACES_SHARE_TARGET:.0%} of the transform (one gazetteer load "
                            "per worker included)", "threshold": PLACES_SHARE_TARGET, "value": share, "unit": "share",
                    "met": None if share is None else share <= PLACES_SHARE_TARGET})
    rerun = report.get("rerun")
    no_nlp = None if not rerun else bool(rerun["no_nlp_work"])
    targets.append({"name": "a rerun with nothing new does no NLP work", "threshold": None, "value": no_nlp,
                    "met": no_nlp})
    return targets


def places_share(report: dict, *, with_load: bool = True) -> float | None:
    """Share of the transform spent on toponyms: the `places` group of the transform breakdown (recognition,
    resolution, event location, per document), plus, with `with_load`, one build of the GeoNames gazetteer over the
    1-process end-to-end transform (each worker process builds it once per night; without that run, over the
    breakdown)."""
    bd = report.get("transform_breakdown")
    if not bd or "places" not in bd.get("groups", {}):
        return None
    total = sum(bd["groups"].values())
    steady = bd["groups"]["places"] / total if total else 0.0
    if not with_load:
        return steady
    one = (report.get("end_to_end") or {}).get("1")
    transform = one["stages"]["transform"] if one else total + bd.get("gazetteer_load_s", 0.0)
    return steady + (bd.get("gazetteer_load_s", 0.0) / transform if transform else 0.0)


def limits_analysis(report: dict) -> dict | None:
    """What bounds the speed-up of the largest process count: serial stages (Amdahl), the transform stage
    itself, shard balance, CPU use. None without a 1-process and a multi-process end-to-end run."""
    e2e = report.get("end_to_end", {})
    counts = sorted(int(p) for p in e2e)
    if len(counts) < 2 or counts[0] != 1:
        return None
    one, many, procs = e2e["1"], e2e[str(counts[-1])], counts[-1]
    serial = one["wall_s"] - one["stages"]["transform"]
    amdahl = one["wall_s"] / (serial + one["stages"]["transform"] / procs)
    words = many.get("shard_words") or []
    imbalance = (max(words) / (sum(words) / len(words))) if words and sum(words) else None
    return {
        "procs": procs,
        "serial_s": serial,
        "serial_share": serial / one["wall_s"] if one["wall_s"] else None,
        "amdahl_cap": amdahl,
        "transform_speedup": _ratio(one["stages"]["transform"], many["stages"]["transform"]),
        "shard_words": words,
        "shard_imbalance": imbalance,
        "cpu_utilisation": {"1": _ratio(one["cpu_s"], one["wall_s"]), str(procs): _ratio(many["cpu_s"],
                                                                                        many["wall_s"])},
        "load_avg_at_start": {"1": one.get("load_avg_start"), str(procs): many.get("load_avg_start")},
    }


def _target_value(target: dict) -> str:
    """A target's value as printed: yes/no, a share in percent, or a ratio."""
    value = target["value"]
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:.1%}" if target.get("unit") == "share" else f"{value:.2f}x"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _int(value: int | None) -> str:
    return "-" if value is None else f"{value:,d}"


def _met(met: bool | None) -> str:
    return "n/a" if met is None else ("met" if met else "NOT MET")


def _grid(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]

    def fmt(values: list[str]) -> str:
        return "  ".join(v.ljust(w) if i < left else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths)))

    return [fmt(header), "  ".join("-" * w for w in widths), *(fmt(r) for r in rows)]


def render_table(report: dict) -> str:
    """The printed report: one table of runs, then ratios, speed-ups, breakdown, rerun and targets."""
    machine, corpus = report["machine"], report["corpus"]
    lines = [
        f"newsevents bench {report['created_at']}: {corpus['accepted']:,} articles accepted of "
        f"{corpus['requested']:,} ({corpus['words']:,} words; {corpus['distinct_texts']} distinct texts: "
        + ", ".join(f"{n} {name}" for name, n in corpus["by_dataset"].items())
        + f"), {corpus['shards']} shards for every run, night {corpus['logical_date']}",
        f"machine: {machine['cpu_count']} CPUs ({machine['cpus_usable']} usable), {machine['memory_gb']} GB, "
        f"{machine['platform']}, Python {machine['python']}, spaCy {machine['spacy']}, model {machine['model']} "
        f"{machine['model_version']}; load avg at start {_num(machine['load_avg_start'], 2)}",
        "",
    ]
    header = ["run", "procs", "articles", "words", "wall s", "art/s", "words/s", *STAGES, "CPU s",
              "peak RSS MB self/child"]
    rows = []
    for p, r in sorted(report.get("end_to_end", {}).items(), key=lambda kv: int(kv[0])):
        rows.append(["end-to-end", p, _int(r["articles"]), _int(r["words"]), _num(r["wall_s"]),
                     _num(r["articles_per_s"], 2), _num(r["words_per_s"], 0),
                     *(_num(r["stages"][s]) for s in STAGES), _num(r["cpu_s"]),
                     f"{_num(r['peak_rss_mb_self'], 0)}/{_num(r['peak_rss_mb_children'], 0)}"])
    for p, r in sorted(report.get("raw", {}).items(), key=lambda kv: int(kv[0])):
        rows.append([f"raw nlp.pipe (+{_num(r['load_s'])} s load)", p, _int(r["articles"]), _int(r["words"]),
                     _num(r["pipe_s"]), _num(r["articles_per_s"], 2), _num(r["words_per_s"], 0),
                     "-", _num(r["pipe_s"]), "-", "-", "-", _num(r["cpu_s"]),
                     f"{_num(r['peak_rss_mb_self'], 0)}/{_num(r['peak_rss_mb_children'], 0)}"])
    rerun = report.get("rerun")
    if rerun:
        rows.append(["rerun, next night", "1", _int(rerun["articles"]), _int(rerun["words"]), _num(rerun["wall_s"]),
                     "-", "-", *(_num(rerun["stages"][s]) for s in STAGES), _num(rerun["cpu_s"]),
                     f"{_num(rerun['peak_rss_mb_self'], 0)}/{_num(rerun['peak_rss_mb_children'], 0)}"])
    lines += _grid(header, rows)
    lines.append("(end-to-end words/s over the whole wall time; raw words/s over nlp.pipe only, model load apart; "
                 "'transform' of raw = nlp.pipe)")
    derived = derived_figures(report)
    lines.append("")
    lines.append("end-to-end / raw words/s: " + (", ".join(
        f"{p} proc {_num(v, 2)}x" for p, v in sorted(derived["e2e_vs_raw"].items(), key=lambda kv: int(kv[0])))
        or "-"))
    speedup = derived["speedup"]
    if any(v is not None for v in speedup.values()):
        lines.append(f"{derived['speedup_procs']} procs vs 1 speed-up: end-to-end {_num(speedup['end_to_end'], 2)}x, "
                     f"raw nlp.pipe {_num(speedup['raw'], 2)}x")
    bd = report.get("transform_breakdown")
    if bd:
        total = sum(bd["groups"].values()) or 1.0
        lines.append(f"transform breakdown (1 proc, full get_nlp pipeline component by component over "
                     f"{bd['articles']} distinct texts, {bd['words']:,} words, {_num(bd['words_per_s'], 0)} words/s; "
                     f"get_nlp load {_num(bd['load_s'])} s): " + ", ".join(
                         f"{g} {_num(bd['groups'].get(g, 0.0))} s ({bd['groups'].get(g, 0.0) / total:.0%})"
                         for g in BREAKDOWN_GROUPS))
        if "gazetteer_load_s" in bd:
            steady = _share(places_share(report, with_load=False))
            lines.append(f"toponym resolution (places + where components): {steady} of the transform; with one "
                         f"GeoNames gazetteer build ({_num(bd['gazetteer_load_s'])} s, once per worker) "
                         f"{_share(places_share(report))}")
    if rerun:
        lines.append(f"rerun with nothing new: accepted {rerun['stats'].get('accepted')}, duplicates "
                     f"{rerun['stats'].get('duplicates')}, rejected {rerun['stats'].get('rejected')}; articles per "
                     f"shard {rerun['articles_per_shard']}; get_nlp {rerun['get_nlp_cache']} -> "
                     + ("no NLP work" if rerun["no_nlp_work"] else "NLP WORK HAPPENED"))
    limits = report.get("limits")
    if limits:
        lines.append(
            f"{limits['procs']}-proc limits: serial stages {_num(limits['serial_s'])} s "
            f"({_num(100 * (limits['serial_share'] or 0), 0)}% of 1-proc wall) cap the speed-up at "
            f"{_num(limits['amdahl_cap'], 2)}x; transform stage alone {_num(limits['transform_speedup'], 2)}x; "
            f"shard words {limits['shard_words']} (largest/mean {_num(limits['shard_imbalance'], 2)}); CPU/wall "
            + ", ".join(f"{p} proc {_num(v, 2)}" for p, v in limits["cpu_utilisation"].items()))
    lines.append("")
    lines.append("targets:")
    lines += ["  " + line for line in _grid(
        ["target", "value", "result"],
        [[t["name"], _target_value(t), _met(t["met"])] for t in report["targets"]], left=1)]
    return "\n".join(line.rstrip() for line in lines)


# --------------------------------------------------------------------------- history scenario
def history_targets(report: dict) -> list[dict]:
    """The issue's storage targets: 100k vs 1k one-article night, rerun with nothing new, disk after 30 nights."""
    sizes = report.get("sizes", {})
    keys = sorted(sizes, key=int)
    ratio = (_ratio(sizes[keys[-1]]["night"]["wall_s"], sizes[keys[0]]["night"]["wall_s"])
             if len(keys) >= 2 else None)
    rerun = sizes[keys[-1]]["next_night_nothing_new"]["wall_s"] if keys else None
    disk = (report.get("nights_on_history") or {}).get("disk", {}).get("ratio")
    small, large = (f"{int(keys[0]):,}", f"{int(keys[-1]):,}") if keys else ("?", "?")
    return [
        {"name": f"one-article night on {large} vs {small} articles of history <= {RATIO_TARGET}x",
         "threshold": RATIO_TARGET, "value": ratio, "met": None if ratio is None else ratio <= RATIO_TARGET},
        {"name": f"next night with nothing new on {large} articles <= {RERUN_TARGET_S:.0f} s",
         "threshold": RERUN_TARGET_S, "value": rerun, "met": None if rerun is None else rerun <= RERUN_TARGET_S},
        {"name": f"disk after 30 more nights on {large} articles <= {DISK_TARGET}x the data itself",
         "threshold": DISK_TARGET,
         "value": disk, "met": None if disk is None else disk <= DISK_TARGET},
    ]


def render_history(report: dict) -> str:
    """The printed history figures: one row per history size and night, then the 30 nights and the targets."""
    header = ["history", "run", "wall s", *STAGES, "lake files"]
    rows = []
    for size, run in sorted(report.get("sizes", {}).items(), key=lambda kv: int(kv[0])):
        build = run["build"]
        rows.append([f"{int(size):,}", f"synthesised by SQL ({build['lake_mb']:.0f} MB of Parquet)",
                     _num(build["seconds"]), *(["-"] * len(STAGES)), "-"])
        for label, key in (("samples night (5 articles)", "samples_night"), ("one-article night", "night"),
                           ("rerun, same night", "rerun_same_night"), ("next night, nothing new",
                                                                       "next_night_nothing_new")):
            night = run[key]
            rows.append([f"{int(size):,}", label, _num(night["wall_s"]), *(_num(night["stages"][s]) for s in STAGES),
                         _int(night.get("lake_files"))])
    lines = ["history: a night's cost against the history it lands on (each night in a fresh process, "
             "model load included)", *_grid(header, rows, left=2)]
    for key, label in (("nights_on_history", "one-article nights on the largest history"),
                       ("nights_from_empty", "nights of corpus articles from empty")):
        nights = report.get(key)
        if not nights:
            continue
        disk = nights["disk"]
        walls = sorted(nights["night_wall_s"])
        median = walls[len(walls) // 2]
        lines.append("")
        lines.append(f"{nights['nights']} {label}: {nights['wall_s']:.0f} s (median night {median:.1f} s);"
                     f" the latest snapshot lists {disk['data_mb']:.2f} MB, the lakehouse uses {disk['used_mb']:.2f} MB"
                     f" (catalog {disk['catalog_mb']:.2f}, lake {disk['lake_mb']:.2f}, snapshots "
                     f"{disk['snapshots_mb']:.2f}; {disk['files_in_lake']} files) = {_num(disk['ratio'], 2)}x; "
                     f"work area {disk['work_mb']:.1f} MB")
    lines.append("")
    lines.append("targets:")
    lines += ["  " + line for line in _grid(["target", "value", "met"],
              [[t["name"], _num(t["value"], 2), _met(t["met"])] for t in report.get("targets", [])], left=1)]
    return "\n".join(lines)
