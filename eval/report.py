"""The printed evaluation report: the figures table (with the change against a previous run) and the error analysis."""

from __future__ import annotations

from pathlib import Path

#: The repository this evaluation runs from (its git commit is recorded with the figures).
REPO_ROOT = Path(__file__).resolve().parents[1]


def git_commit() -> str | None:
    head = REPO_ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            return (REPO_ROOT / ".git" / ref[5:]).read_text().strip()[:12]
        return ref[:12]
    except OSError:
        return None


def fmt_value(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_table(report: dict, previous: dict | None = None) -> str:
    """One table: dataset, items, seconds, measure, counts, P, R, F1 (or accuracy/recall), change vs previous."""
    header = ["dataset", "items", "secs", "measure", "tp", "fp", "fn", "P", "R", "F1/acc"]
    if previous:
        header.append("dF1/acc")
    rows: list[list[str]] = []
    for name, ds in report["datasets"].items():
        if ds.get("skipped"):
            rows.append([name, "-", "-", f"skipped: {ds['skipped']}", "", "", "", "", "", ""] + ([""] if previous
                                                                                                   else []))
            continue
        first = True
        for measure, m in ds["measures"].items():
            if m["kind"] == "prf":
                cells = [str(m["tp"]), str(m["fp"]), str(m["fn"]), fmt_value(m["precision"]), fmt_value(m["recall"]),
                         fmt_value(m["f1"])]
                value = m["f1"]
            elif m["kind"] == "value":   # median km, AUC: a figure with its count, no ratio
                cells = [str(m["n"]), "", "", "", "", fmt_value(m["value"])]
                value = m["value"]
            elif m["kind"] == "recall":
                cells = [str(m["tp"]), "", str(m["fn"]), "", fmt_value(m["recall"]), fmt_value(m["recall"])]
                value = m["recall"]
            else:
                cells = [str(m["correct"]), "", str(m["total"] - m["correct"]), "", "", fmt_value(m["accuracy"])]
                value = m["accuracy"]
            row = [name if first else "", str(ds["items"]) if first else "", f"{ds['seconds']:.1f}" if first else "",
                   measure, *cells]
            if previous:
                old = (((previous.get("datasets") or {}).get(name) or {}).get("measures") or {}).get(measure) or {}
                old_value = old.get("f1", old.get("accuracy", old.get("recall", old.get("value"))))
                row.append("" if value is None or old_value is None else f"{value - old_value:+.3f}")
            rows.append(row)
            first = False
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    numeric = {1, 2, 4, 5, 6, 7, 8, 9, 10}

    def fmt(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if i in numeric else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths)))

    lines = [fmt(header), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def render_report(report: dict, previous: dict | None = None) -> str:
    lines = [f"newsevents eval: {report['eval_dir']} (model {report['model']}, limit "
             f"{report['limit'] if report['limit'] is not None else 'none'}, commit {report['git_commit']})", "",
             render_table(report, previous),
             "(accuracy rows: tp = correct, fn = wrong; recall-only rows: tp = found, fn = missed)", "",
             f"total {report['total_seconds']:.1f} s (model load {report['setup_seconds']:.1f} s)"]
    notes = [(name, note) for name, ds in report["datasets"].items() for note in ds.get("notes", [])]
    if notes:
        lines += ["", "notes:"]
        lines += [f"  {name}: {note}" for name, note in notes]
    lines += ["", "error analysis (most frequent first):"]
    for name, ds in report["datasets"].items():
        for title, entries in (ds.get("errors") or {}).items():
            if entries:
                shown = "; ".join(f"{' '.join(label.split())} x{n}" for label, n in entries)
                lines.append(f"  {name} | {title}: {shown}")
    return "\n".join(lines)
