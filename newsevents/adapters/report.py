"""Run report: self-contained HTML pages per snapshot, readable offline (charts are embedded PNGs, no link
leaves the page):

- `report.html`: this night (articles, events per event date, a sample of its events and statements with
  their evidence text, where its events happened) and the whole warehouse (rows, events per night over the
  last 30 nights, most mentioned actors, most frequent event types, top event locations, rejects), each
  section saying which of the two it counts;
- `validation.html`: the night's validation run (run key, data assets, one row per expectation with its
  status), the offline counterpart of GX's Data Docs, whose pages load their styles and scripts from CDNs.

`report_facts` reads what the pages show from the lakehouse tables as of the snapshot's DuckLake version,
as small aggregates and samples computed in SQL (never whole tables in Python), so the report of a night
costs a few column scans however much history the tables hold; `render_report`/`render_validation` turn
them into HTML.
"""

from __future__ import annotations

import base64
import html
import io
import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import matplotlib

from newsevents.adapters.lakehouse import ALIAS, MAIN
from newsevents.nlp.resources import default_resources

matplotlib.use("Agg")  # no display on a worker; must precede the pyplot import
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a030", 4: "#c8372d"}
TOP_N = 12
SAMPLE_N = 10
HISTORY_NIGHTS = 30
VALIDATION_PAGE = "validation.html"
STYLE = ("body{font-family:sans-serif;margin:2em;max-width:64em}table{border-collapse:collapse;margin:1em 0}"
         "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em;vertical-align:top}"
         "th{background:#f4f4f4}.ok{color:#1a7f37}.bad{color:#c8372d}.warn{color:#9a6700}"
         "h2 small{font-weight:normal;color:#555;font-size:.7em}")


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    return [tuple(r) for r in con.execute(sql, params or []).fetchall()]


def _at(version: int):
    def at(table: str, alias: str = "") -> str:  # DuckDB's order: table, alias, then the AT clause
        return f"{ALIAS}.{MAIN}.{table}{' AS ' + alias if alias else ''} AT (VERSION => {int(version)})"
    return at


def warehouse_facts(con: duckdb.DuckDBPyConnection, version: int, night: date | None) -> dict[str, list[tuple]]:
    """Aggregates over the whole warehouse as of `version` (events per night: the last 30 nights to `night`)."""
    at = _at(version)
    first = night - timedelta(days=HISTORY_NIGHTS - 1) if night else date.min  # no night: every night
    return {
        "events_per_night": _rows(con, f"SELECT partition_date, quad_class, count(*) FROM {at('events')} "
                                       "WHERE partition_date BETWEEN ? AND ? GROUP BY ALL ORDER BY ALL",
                                  [first, night or date.max]),
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


def _top_event_locations(con: duckdb.DuckDBPyConnection, at, night: date | None = None) -> list[tuple]:
    """(place, country, precision, events) of the most frequent event locations (of one night's partition when
    `night` is given); a country-level location without a toponym (actor_country, article_dominant) is listed
    under the country's code."""
    where = "AND e.partition_date = ? " if night else ""
    return _rows(con, f"SELECT coalesce(l.name, e.location_country_code) AS place, e.location_country_code, "
                      f"e.location_precision, count(*) AS n FROM {at('events', 'e')} "
                      f"LEFT JOIN {at('location_mentions', 'l')} ON l.location_mention_id = e.location_mention_id "
                      f"WHERE e.location_country_code IS NOT NULL {where}GROUP BY ALL "
                      f"ORDER BY n DESC, place, e.location_precision LIMIT {TOP_N}", [night] if night else [])


def night_facts(con: duckdb.DuckDBPyConnection, version: int, night: date) -> dict[str, list[tuple]]:
    """What this night's partition holds: counts, events per event date, samples with evidence, checks."""
    at = _at(version)
    p = [night]
    return {
        "night_counts": _rows(con, f"SELECT (SELECT count(*) FROM {at('articles')} WHERE partition_date = ?), "
                                   f"(SELECT count(*) FROM {at('events')} WHERE partition_date = ?), "
                                   f"(SELECT count(*) FROM {at('statements')} WHERE partition_date = ?), "
                                   f"(SELECT count(*) FROM {at('rejected_articles')} WHERE partition_date = ?)",
                              p * 4),
        "events_per_day": _rows(con, f"SELECT event_date, quad_class, count(*) FROM {at('events')} "
                                     "WHERE partition_date = ? GROUP BY ALL ORDER BY ALL", p),
        "sample_events": _rows(con, f"SELECT e.event_date, s.name, e.event_code, e.plover_type, t.name, "
                                    f"substr(a.text, e.start_char + 1, e.end_char - e.start_char) "
                                    f"FROM {at('events', 'e')} JOIN {at('actors', 's')} "
                                    f"ON s.actor_id = e.source_actor_id LEFT JOIN {at('actors', 't')} "
                                    f"ON t.actor_id = e.target_actor_id JOIN {at('articles', 'a')} "
                                    f"ON a.article_id = e.article_id WHERE e.partition_date = ? "
                                    f"ORDER BY e.confidence DESC, e.event_id LIMIT {SAMPLE_N}", p),
        "sample_statements": _rows(con, f"SELECT st.statement_date, coalesce(sp.name, st.speaker_text), st.cue, "
                                        f"st.is_direct, st.quote_text FROM {at('statements', 'st')} "
                                        f"LEFT JOIN {at('actors', 'sp')} ON sp.actor_id = st.speaker_actor_id "
                                        f"WHERE st.partition_date = ? ORDER BY st.statement_id LIMIT {SAMPLE_N}", p),
        "night_event_locations": _top_event_locations(con, at, night),
        "night_checks": _rows(con, f"SELECT run_key, table_name, expectation, severity, success, observed "
                                   f"FROM {at('quality_results')} WHERE partition_date = ? "
                                   "ORDER BY success, severity, table_name, expectation", p),
    }


def report_facts(con: duckdb.DuckDBPyConnection, version: int, night: date | None = None) -> dict[str, list[tuple]]:
    """What the pages show, as of DuckLake snapshot `version`: small aggregates, deterministic order."""
    facts = warehouse_facts(con, version, night)
    if night is not None:
        facts.update(night_facts(con, version, night))
    return facts


def _quad_bars(ax, counts: list[tuple]) -> None:
    """Stacked bars by QuadClass on a real date axis (one day wide), from (day, QuadClass, n) rows."""
    days = sorted({d for d, _, _ in counts})
    by_key = {(d, quad): n for d, quad, n in counts}
    bottom = [0] * len(days)
    for quad in (1, 2, 3, 4):
        heights = [by_key.get((d, quad), 0) for d in days]
        ax.bar(days, heights, bottom=bottom, width=0.8, color=QUAD_COLOURS[quad], label=f"{quad} {QUAD_NAMES[quad]}")
        bottom = [b + h for b, h in zip(bottom, heights)]
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_ylabel("events")
    ax.legend(fontsize=7, frameon=False)


def quad_chart(counts: list[tuple], title: str, *, span: tuple[date, date] | None = None) -> bytes | None:
    """PNG bytes of a stacked bar chart by QuadClass over a date axis (None without rows); `span` fixes the
    axis (the last 30 nights), else it covers the days present."""
    if not counts:
        return None
    fig, ax = plt.subplots(figsize=(8, 3.0), dpi=100)
    _quad_bars(ax, counts)
    first, last = span or (min(d for d, _, _ in counts), max(d for d, _, _ in counts))
    pad = timedelta(days=1 if span or (last - first).days > 7 else 3)  # a day or two: still a days axis
    ax.set_xlim(first - pad, last + pad)
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    buf = io.BytesIO()
    # no software/date metadata, so the same data gives the same bytes
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def events_per_day_chart(counts: list[tuple]) -> bytes | None:
    """Events per event date by QuadClass, on a date axis."""
    return quad_chart(counts, "Events per event date by QuadClass")


def _table_html(header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('NULL' if v is None else str(v))}</td>" for v in row)
                   + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _img(png: bytes | None, alt: str) -> str:
    if not png:
        return "<p>No events.</p>"
    return f"<img alt='{html.escape(alt)}' src='data:image/png;base64,{base64.b64encode(png).decode()}'>"


def _event_type_rows(rows: list[tuple]) -> list[list]:
    labels = {c: v.label for c, v in default_resources().cameo.items()}
    return [[code, labels.get(code, ""), plover, n] for code, plover, n in rows]


def _head(title: str) -> list[str]:
    return ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>", f"<title>{html.escape(title)}</title>",
            f"<style>{STYLE}</style></head><body>", f"<h1>{html.escape(title)}</h1>"]


def _night_section(facts: dict, night: str) -> list[str]:
    """This night only: its partition's counts, events per event date, samples with their evidence text."""
    if "night_counts" not in facts:
        return []
    articles, events, statements, rejects = facts["night_counts"][0]
    parts = [f"<h2>This night <small>partition {html.escape(night)}: rows this night produced</small></h2>",
             f"<p>{articles} articles accepted, {rejects} input records rejected, {events} events, "
             f"{statements} statements.</p>",
             "<h3>Events per event date <small>this night's events, by the date they happened</small></h3>",
             _img(events_per_day_chart(facts.get("events_per_day", [])), "events per event date by QuadClass")]
    if facts.get("sample_events"):
        parts += [f"<h3>Sample of this night's events <small>up to {SAMPLE_N}, most confident first</small></h3>",
                  _table_html(["date", "source", "CAMEO", "PLOVER", "target", "evidence"], facts["sample_events"])]
    if facts.get("sample_statements"):
        parts += [f"<h3>Sample of this night's statements <small>up to {SAMPLE_N}</small></h3>",
                  _table_html(["date", "speaker", "cue", "direct", "quote"], facts["sample_statements"])]
    parts += _locations_section(facts, "night_event_locations", "this night's events")
    return parts


def _locations_section(facts: dict, key: str, what: str) -> list[str]:
    """The map-free table of the most frequent event locations (nothing when no event was placed)."""
    rows = facts.get(key) or []
    if not rows:
        return []
    return [f"<h3>Where events happened <small>{html.escape(what)}, by event location</small></h3>",
            _table_html(["place", "country", "precision", "events"], [list(r) for r in rows])]


def _warehouse_section(facts: dict, manifest: dict) -> list[str]:
    """The whole warehouse as of the snapshot: rows, events per night, top actors and codes, rejects."""
    night = manifest.get("logical_date")
    span = None
    if night:
        last = date.fromisoformat(night)
        span = (last - timedelta(days=HISTORY_NIGHTS - 1), last)
    parts = ["<h2>Whole warehouse <small>every night up to this snapshot</small></h2>",
             "<h3>Rows per table</h3>",
             _table_html(["table", "rows", "files"], [[n, e["rows"], len(e["files"])] for n, e in
                                                     sorted(manifest["tables"].items())]),
             f"<h3>Events per night <small>the last {HISTORY_NIGHTS} nights, by the night that coded them</small>"
             "</h3>",
             _img(quad_chart(facts.get("events_per_night", []), f"Events per night, last {HISTORY_NIGHTS} nights",
                             span=span), "events per night by QuadClass"),
             "<h3>Most mentioned actors <small>whole warehouse</small></h3>",
             _table_html(["actor", "type", "CAMEO", "mentions"], facts.get("top_actors", []))]
    if facts.get("top_event_types"):
        parts += ["<h3>Most frequent event types <small>whole warehouse</small></h3>",
                  _table_html(["CAMEO", "label", "PLOVER", "events"], _event_type_rows(facts["top_event_types"]))]
    parts += _locations_section(facts, "top_event_locations", "whole warehouse")
    if facts.get("rejects_by_reason"):
        parts += ["<h3>Rejected input records <small>whole warehouse</small></h3>",
                  _table_html(["reason", "records"], facts["rejects_by_reason"])]
    return parts


def render_report(facts: dict[str, list[tuple]], *, manifest: dict, quality: dict | None) -> str:
    """The report page as an HTML string, from `report_facts` and the snapshot's manifest."""
    night = manifest.get("logical_date", "")
    parts = _head(f"newsevents run report — {night}") + [
        f"<p>Snapshot <code>{html.escape(str(manifest.get('snapshot_id', '(staging)')))}</code> "
        f"(DuckLake version {html.escape(str(manifest.get('ducklake_version', '')))}), "
        f"schema version {html.escape(manifest.get('schema_version', ''))}, "
        f"code version {html.escape(manifest.get('code_version', ''))}.</p>",
    ]
    if quality:
        ok = quality.get("success")
        parts.append(f"<h2>Quality <small>this night's validation run</small></h2><p class='{'ok' if ok else 'bad'}'>"
                     f"{html.escape(quality.get('headline', ''))} — <a href='{VALIDATION_PAGE}'>every check of the "
                     f"run</a></p>")
    if facts.get("failed_checks"):
        parts += ["<h3>Failed checks <small>every night, newest first</small></h3>",
                  _table_html(["table", "check", "severity", "observed"], facts["failed_checks"])]
    parts += _night_section(facts, night)
    parts += _warehouse_section(facts, manifest)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _status(success: bool, severity: str) -> str:
    if success:
        return "<td class='ok'>✔ passed</td>"
    return f"<td class='{'bad' if severity == 'error' else 'warn'}'>✘ failed ({html.escape(severity)})</td>"


def render_validation(facts: dict[str, list[tuple]], *, manifest: dict, quality: dict | None) -> str:
    """The night's validation run as one page: run key, data assets, one row per expectation and its status."""
    checks = facts.get("night_checks", [])
    run_key = (quality or {}).get("run_key") or (checks[0][0] if checks else "")
    engine = (quality or {}).get("engine", {})
    assets = sorted({c[1] for c in checks})
    parts = _head(f"newsevents validation — {manifest.get('logical_date', '')}") + [
        f"<p>Validation run <code>{html.escape(str(run_key))}</code> of night "
        f"{html.escape(manifest.get('logical_date', ''))}, snapshot "
        f"<code>{html.escape(str(manifest.get('snapshot_id', '')))}</code>; Great Expectations "
        f"{html.escape(str(engine.get('great_expectations') or ''))}, data source <code>newsevents</code> "
        f"(pandas), data assets: {', '.join(f'<code>{html.escape(a)}</code>' for a in assets) or 'none'}.</p>",
        f"<p class='{'ok' if (quality or {}).get('success') else 'bad'}'>"
        f"{html.escape((quality or {}).get('headline', ''))}</p>", "<p><a href='report.html'>run report</a></p>",
        "<table id='results'><thead><tr><th>status</th><th>data asset</th><th>expectation</th><th>severity</th>"
        "<th>observed</th></tr></thead><tbody>",
    ]
    for _, table, expectation, severity, success, observed in checks:
        shown = json.dumps(json.loads(observed), ensure_ascii=False) if observed else ""
        parts.append(f"<tr>{_status(bool(success), severity)}<td>{html.escape(table)}</td>"
                     f"<td><code>{html.escape(expectation)}</code></td><td>{html.escape(severity)}</td>"
                     f"<td>{html.escape(shown[:300])}</td></tr>")
    parts.append("</tbody></table></body></html>\n")
    return "\n".join(parts)


def write_report(root: Path, facts: dict[str, list[tuple]], *, manifest: dict, quality: dict | None) -> Path:
    """report.html and validation.html in the snapshot folder `root`; returns the report's path."""
    path = Path(root) / "report.html"
    path.write_text(render_report(facts, manifest=manifest, quality=quality), encoding="utf-8")
    (Path(root) / VALIDATION_PAGE).write_text(render_validation(facts, manifest=manifest, quality=quality),
                                              encoding="utf-8")
    return path
