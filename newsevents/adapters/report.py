"""Run report: one self-contained HTML page per snapshot (counts, quality, top actors, event types and event locations,
and a chart of events per day by QuadClass), readable offline — the chart is an embedded PNG.

`report_facts` reads what the page shows from the lakehouse tables as of the snapshot's DuckLake version,
as small aggregates computed in SQL (never whole tables in Python), so the report of a night costs a few
column scans however much history the tables hold; `render_report` turns them into HTML.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import duckdb
import matplotlib

from newsevents.adapters.lakehouse import ALIAS, MAIN
from newsevents.nlp.resources import default_resources

matplotlib.use("Agg")  # no display on a worker; must precede the pyplot import
import matplotlib.pyplot as plt  # noqa: E402

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a030", 4: "#c8372d"}
TOP_N = 12


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return [tuple(r) for r in con.execute(sql).fetchall()]


def report_facts(con: duckdb.DuckDBPyConnection, version: int) -> dict[str, list[tuple]]:
    """What the report shows, as of DuckLake snapshot `version`: small aggregates, deterministic order."""
    def at(table: str, alias: str = "") -> str:  # DuckDB's order: table, alias, then the AT clause
        return f"{ALIAS}.{MAIN}.{table}{' AS ' + alias if alias else ''} AT (VERSION => {int(version)})"

    return {
        "events_per_day": _rows(con, f"SELECT event_date, quad_class, count(*) FROM {at('events')} "
                                     "GROUP BY ALL ORDER BY ALL"),
        "top_actors": _rows(con, f"SELECT a.name, a.actor_type, a.cameo_code, count(*) AS n "
                                 f"FROM {at('actor_mentions', 'm')} JOIN {at('actors', 'a')} USING (actor_id) "
                                 f"GROUP BY a.actor_id, a.name, a.actor_type, a.cameo_code "
                                 f"ORDER BY n DESC, a.name, a.actor_id LIMIT {TOP_N}"),
        "top_event_types": _rows(con, f"SELECT event_code, plover_type, count(*) AS n FROM {at('events')} "
                                      f"GROUP BY ALL ORDER BY n DESC, event_code, plover_type LIMIT {TOP_N}"),
        "failed_checks": _rows(con, f"SELECT table_name, expectation, severity, observed FROM "
                                    f"{at('quality_results')} WHERE NOT success "
                                    "ORDER BY partition_date DESC, table_name, expectation LIMIT 50"),
        "rejects_by_reason": _rows(con, f"SELECT reason_code, count(*) AS n FROM {at('rejected_articles')} "
                                        "GROUP BY ALL ORDER BY n DESC, reason_code"),
        "top_event_locations": _top_event_locations(con, at),
    }


def _top_event_locations(con: duckdb.DuckDBPyConnection, at) -> list[tuple]:
    """(place, country, precision, events) of the most frequent event locations; a country-level location without
    a toponym (actor_country, article_dominant) is listed under the country's code."""
    return _rows(con, f"SELECT coalesce(l.name, e.location_country_code) AS place, e.location_country_code, "
                      f"e.location_precision, count(*) AS n FROM {at('events', 'e')} "
                      f"LEFT JOIN {at('location_mentions', 'l')} ON l.location_mention_id = e.location_mention_id "
                      "WHERE e.location_country_code IS NOT NULL GROUP BY ALL "
                      f"ORDER BY n DESC, place, e.location_precision LIMIT {TOP_N}")


def events_per_day_chart(counts: list[tuple]) -> bytes | None:
    """PNG bytes of a stacked bar chart from (day, QuadClass, events) rows (None without events)."""
    if not counts:
        return None
    by_key = {(d, quad): n for d, quad, n in counts}
    days = sorted({d for d, _, _ in counts})
    fig, ax = plt.subplots(figsize=(8, 3.2), dpi=100)
    bottom = [0] * len(days)
    positions = list(range(len(days)))
    for quad in (1, 2, 3, 4):
        heights = [by_key.get((d, quad), 0) for d in days]
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


def _event_type_rows(rows: list[tuple]) -> list[list]:
    labels = {c: v.label for c, v in default_resources().cameo.items()}
    return [[code, labels.get(code, ""), plover, n] for code, plover, n in rows]


def render_report(facts: dict[str, list[tuple]], *, manifest: dict, quality: dict | None) -> str:
    """The report page as an HTML string, from `report_facts` and the snapshot's manifest."""
    chart = events_per_day_chart(facts.get("events_per_day", []))
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>newsevents run report {html.escape(manifest.get('logical_date', ''))}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f4f4f4}"
        ".ok{color:#1a7f37}.bad{color:#c8372d}</style></head><body>",
        f"<h1>newsevents run report — {html.escape(manifest.get('logical_date', ''))}</h1>",
        f"<p>Snapshot <code>{html.escape(str(manifest.get('snapshot_id', '(staging)')))}</code> "
        f"(DuckLake version {html.escape(str(manifest.get('ducklake_version', '')))}), "
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
    if facts.get("failed_checks"):
        parts.append(_table_html(["table", "check", "severity", "observed"], facts["failed_checks"]))
    if chart:
        parts.append("<h2>Events per day</h2>")
        parts.append(f"<img alt='events per day by QuadClass' src='data:image/png;base64,"
                     f"{base64.b64encode(chart).decode()}'>")
    parts.append("<h2>Most mentioned actors</h2>")
    parts.append(_table_html(["actor", "type", "CAMEO", "mentions"], facts.get("top_actors", [])))
    if facts.get("top_event_types"):
        parts.append("<h2>Most frequent event types</h2>")
        parts.append(_table_html(["CAMEO", "label", "PLOVER", "events"], _event_type_rows(facts["top_event_types"])))
    parts += _locations_section(facts)
    if facts.get("rejects_by_reason"):
        parts.append("<h2>Rejected input records</h2>")
        parts.append(_table_html(["reason", "records"], facts["rejects_by_reason"]))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _locations_section(facts: dict[str, list[tuple]]) -> list[str]:
    """The map-free table of the most frequent event locations (nothing when no event was placed)."""
    rows = facts.get("top_event_locations") or []
    if not rows:
        return []
    return ["<h2>Where events happened</h2>",
            _table_html(["place", "country", "precision", "events"], [list(r) for r in rows])]


def write_report(root: Path, facts: dict[str, list[tuple]], *, manifest: dict, quality: dict | None) -> Path:
    path = Path(root) / "report.html"
    path.write_text(render_report(facts, manifest=manifest, quality=quality), encoding="utf-8")
    return path
