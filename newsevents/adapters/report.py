"""Run report: one self-contained HTML page per snapshot (counts, quality, top actors and event types,
and a chart of events per day by QuadClass), readable offline — the chart is an embedded PNG."""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from pathlib import Path

import matplotlib
import pyarrow as pa

from newsevents.nlp.resources import default_resources

matplotlib.use("Agg")  # no display on a worker; must precede the pyplot import
import matplotlib.pyplot as plt  # noqa: E402

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a030", 4: "#c8372d"}
TOP_N = 12


def events_per_day_chart(events: pa.Table) -> bytes | None:
    """PNG bytes of a stacked bar chart: events per day, one colour per QuadClass (None without events)."""
    if events.num_rows == 0:
        return None
    counts = Counter(zip(events.column("event_date").to_pylist(), events.column("quad_class").to_pylist()))
    days = sorted({d for d, _ in counts})
    fig, ax = plt.subplots(figsize=(8, 3.2), dpi=100)
    bottom = [0] * len(days)
    positions = list(range(len(days)))
    for quad in (1, 2, 3, 4):
        heights = [counts.get((d, quad), 0) for d in days]
        ax.bar(positions, heights, bottom=bottom, color=QUAD_COLOURS[quad], label=f"{quad} {QUAD_NAMES[quad]}")
        bottom = [b + h for b, h in zip(bottom, heights)]
    step = max(1, len(days) // 12)
    ax.set_xticks(positions[::step], [d.isoformat() for d in days][::step], rotation=45, ha="right", fontsize=7)
    ax.set_ylabel("events")
    ax.set_title("Events per day by QuadClass")
    ax.legend(fontsize=7, frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    # no software/date metadata, so the same data gives the same bytes
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _table_html(header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _top_actors(tables: dict[str, pa.Table]) -> list[list]:
    actors = {r["actor_id"]: r for r in tables["actors"].select(
        ["actor_id", "name", "actor_type", "cameo_code"]).to_pylist()}
    counts = Counter(tables["actor_mentions"].column("actor_id").to_pylist())
    return [[actors[a]["name"], actors[a]["actor_type"], actors[a]["cameo_code"], n]
            for a, n in counts.most_common(TOP_N) if a in actors]


def _top_event_types(events: pa.Table) -> list[list]:
    labels = {c: v.label for c, v in default_resources().cameo.items()}
    counts = Counter(zip(events.column("event_code").to_pylist(), events.column("plover_type").to_pylist()))
    return [[code, labels.get(code, ""), plover, n] for (code, plover), n in counts.most_common(TOP_N)]


def render_report(tables: dict[str, pa.Table], *, manifest: dict, quality: dict | None) -> str:
    """The report page as an HTML string."""
    chart = events_per_day_chart(tables.get("events", pa.table({})) if "events" in tables else pa.table({}))
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>newsevents run report {html.escape(manifest.get('logical_date', ''))}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f4f4f4}"
        ".ok{color:#1a7f37}.bad{color:#c8372d}</style></head><body>",
        f"<h1>newsevents run report — {html.escape(manifest.get('logical_date', ''))}</h1>",
        f"<p>Snapshot <code>{html.escape(str(manifest.get('snapshot_id', '(staging)')))}</code>, "
        f"schema version {html.escape(manifest.get('schema_version', ''))}, "
        f"code version {html.escape(manifest.get('code_version', ''))}.</p>",
        "<h2>Rows</h2>",
        _table_html(["table", "rows", "files"], [[n, e["rows"], len(e["files"])] for n, e in
                                                 sorted(manifest["tables"].items())]),
    ]
    if quality:
        ok = quality.get("success")
        parts.append(f"<h2>Quality</h2><p class='{'ok' if ok else 'bad'}'>{html.escape(quality.get('headline', ''))}"
                     "</p>")
    results = tables.get("quality_results")
    if results is not None and results.num_rows:
        failed = [r for r in results.to_pylist() if not r["success"]]
        if failed:
            parts.append(_table_html(["table", "check", "severity", "observed"],
                                     [[r["table_name"], r["expectation"], r["severity"], r["observed"]]
                                      for r in failed[:50]]))
    if chart:
        parts.append("<h2>Events per day</h2>")
        parts.append(f"<img alt='events per day by QuadClass' src='data:image/png;base64,"
                     f"{base64.b64encode(chart).decode()}'>")
    if "actor_mentions" in tables and "actors" in tables:
        parts.append("<h2>Most mentioned actors</h2>")
        parts.append(_table_html(["actor", "type", "CAMEO", "mentions"], _top_actors(tables)))
    if "events" in tables and tables["events"].num_rows:
        parts.append("<h2>Most frequent event types</h2>")
        parts.append(_table_html(["CAMEO", "label", "PLOVER", "events"], _top_event_types(tables["events"])))
    rejects = tables.get("rejected_articles")
    if rejects is not None and rejects.num_rows:
        parts.append("<h2>Rejected input records</h2>")
        counts = Counter(rejects.column("reason_code").to_pylist())
        parts.append(_table_html(["reason", "records"], [[k, v] for k, v in counts.most_common()]))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_report(root: Path, tables: dict[str, pa.Table], *, manifest: dict, quality: dict | None) -> Path:
    path = Path(root) / "report.html"
    path.write_text(render_report(tables, manifest=manifest, quality=quality), encoding="utf-8")
    return path
