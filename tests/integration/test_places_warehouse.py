"""Event locations in the lakehouse: the views' place columns, `daily_country_counts`, the report's table of
top event locations, and a lakehouse of the previous schema (no location columns or table) loading a night."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from newsevents.adapters.lakehouse import connect
from newsevents.core.contracts import EVENTS, LOCATION_MENTIONS
from tests.integration.test_views_and_report import TEXT_A, D, load, publish
from tests.integration.test_views_and_report import tables as base_tables  # noqa: F401  (fixture)
from tests.support import lake, lake_settings

MOSCOW = {"location_mention_id": "loc_moscow", "article_id": "art_a", "start_char": 45, "end_char": 51,
          "text": "Moscow", "geonames_id": 524901, "name": "Moscow", "country_code": "RUS", "latitude": 55.75204,
          "longitude": 37.61781, "feature_class": "P", "admin1_code": "48", "usage": "literal",
          "resolution_reason": "capital", "candidate_count": 8, "confidence": 0.9, "sentence_index": 1,
          "partition_date": D}
PLACE_COLUMNS = ("location_mention_id", "location_country_code", "latitude", "longitude", "location_precision",
                 "location_method")


@pytest.fixture()
def located(base_tables):  # noqa: F811
    """The views fixture with event A placed in Moscow and event B at country precision (no toponym)."""
    assert TEXT_A[45:51] == "Moscow"
    events = base_tables["events"].to_pylist()
    events[0].update(location_mention_id="loc_moscow", location_country_code="RUS", latitude=55.75204,
                     longitude=37.61781, location_precision="place", location_method="trigger_prep")
    events[1].update(location_country_code="RUS", latitude=60.0, longitude=100.0, location_precision="country",
                     location_method="article_dominant")
    return {**base_tables, "events": EVENTS.from_rows(events),
            "location_mentions": LOCATION_MENTIONS.from_rows([MOSCOW])}


def test_events_enriched_has_the_place_columns(tmp_path, located):
    load(tmp_path, located)
    with lake(tmp_path) as con:
        rows = con.sql("SELECT location_text, location_name, location_geonames_id, location_country_code, "
                       "location_precision, location_method FROM events_enriched ORDER BY event_id").fetchall()
    assert rows == [("Moscow", "Moscow", 524901, "RUS", "place", "trigger_prep"),
                    (None, None, None, "RUS", "country", "article_dominant")]


def test_daily_country_counts(tmp_path, located):
    load(tmp_path, located)
    with lake(tmp_path) as con:
        rows = con.sql("SELECT event_date, location_country_code, quad_class, events, events_at_a_place "
                       "FROM daily_country_counts").fetchall()
    assert rows == [(D, "RUS", 3, 2, 1)]


def test_report_lists_top_event_locations(tmp_path, located):
    snap = publish(tmp_path, load(tmp_path, located)["version"])
    html = (snap / "report.html").read_text(encoding="utf-8")
    assert "Where events happened" in html
    assert "<td>Moscow</td><td>RUS</td><td>place</td><td>1</td>" in html
    assert "<td>RUS</td><td>RUS</td><td>country</td><td>1</td>" in html


def test_a_lakehouse_of_the_previous_schema_loads_a_night(tmp_path, located, base_tables):  # noqa: F811
    """Schema 1.1 had no location_mentions table and no place columns on events: a night of 1.2 adds them, and
    the rows loaded before read null there."""
    load(tmp_path, base_tables)
    with connect(lake_settings(tmp_path)) as con:   # make it look like schema 1.1
        con.execute("DROP TABLE newsevents.main.location_mentions")
        for column in PLACE_COLUMNS:
            con.execute(f"ALTER TABLE newsevents.main.events DROP COLUMN {column}")
    next_night = D + timedelta(days=1)
    moved = {name: t.set_column(t.schema.get_field_index("partition_date"), "partition_date",
                                [[next_night] * t.num_rows]) if "partition_date" in t.schema.names else t
             for name, t in located.items()}
    moved = _renamed(moved, next_night)
    load(tmp_path, moved, night=next_night)
    with lake(tmp_path) as con:
        rows = con.sql("SELECT partition_date, location_country_code, location_method FROM events "
                       "ORDER BY partition_date, event_id").fetchall()
        mentions = con.sql("SELECT text, partition_date FROM location_mentions").fetchall()
    assert rows[:2] == [(D, None, None), (D, None, None)]
    assert sorted(rows[2:]) == [(next_night, "RUS", "article_dominant"), (next_night, "RUS", "trigger_prep")]
    assert mentions == [("Moscow", next_night)]


def _renamed(tables: dict, night: date) -> dict:
    """The same night's rows under new ids, so the second night holds other articles than the first."""
    out = {}
    for name, table in tables.items():
        rows = table.to_pylist()
        for row in rows:
            for column in ("article_id", "event_id", "mention_id", "statement_id", "location_mention_id",
                           "reject_id", "input_ref", "content_sha256"):
                if row.get(column) is not None and column != "content_sha256":
                    row[column] = f"{row[column]}_{night:%m%d}"
            if "content_sha256" in row:
                row["content_sha256"] = "c" * 64
        out[name] = table.from_pylist(rows, schema=table.schema)
    return out
