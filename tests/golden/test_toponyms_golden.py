"""Golden records for toponyms and event locations: fictional articles through the real pipeline (issue 17)."""

from __future__ import annotations

import pytest

ARTICLES = {
    "dateline": "PARIS, Texas — Hundreds of farmers marched through Paris on Monday. Police detained "
                "twelve protesters near the county courthouse.",
    "paris": "Protesters clashed with police in Paris on Saturday, and the French interior minister condemned "
             "the violence.",
    "georgia_state": "Lawmakers in Atlanta approved a new budget on Tuesday. Georgia will spend more on roads, "
                     "officials in Savannah said.",
    "georgia_country": "Georgia accused Russia of moving troops toward the border. Thousands rallied in Tbilisi "
                       "on Sunday.",
    "first_name": "Nine-year-old Georgia Stevens skates in Calgary. Georgia said she was thrilled. Farmers in "
                  "Georgia protested on Monday.",
    "metonymy": "Moscow said on Friday that the talks had failed. Syrian civilians fled the fighting.",
}


@pytest.fixture(scope="module")
def tables(process_text):
    return {name: process_text(text) for name, text in ARTICLES.items()}


def _mention(tables, name: str, text: str) -> dict:
    return next(m for m in tables[name]["location_mentions"] if m["text"] == text)


def test_dateline_region_decides_paris(tables):
    paris = _mention(tables, "dateline", "PARIS")
    assert (paris["country_code"], paris["admin1_code"], paris["resolution_reason"]) == ("USA", "TX", "qualifier")
    later = [m for m in tables["dateline"]["location_mentions"] if m["text"] == "Paris"]
    assert later and all(m["country_code"] == "USA" and m["admin1_code"] == "TX" for m in later)
    detained = [e for e in tables["dateline"]["events"] if e["trigger_text"] == "detained"]
    assert detained and detained[0]["location_country_code"] == "USA"


def test_paris_alone_is_in_france(tables):
    paris = _mention(tables, "paris", "Paris")
    assert paris["country_code"] == "FRA" and paris["geonames_id"] == 2988507
    clash = next(e for e in tables["paris"]["events"] if e["trigger_text"] == "clashed")
    assert (clash["location_method"], clash["location_precision"], clash["location_country_code"]) == (
        "trigger_prep", "place", "FRA")


def test_georgia_the_state_and_georgia_the_country(tables):
    state = _mention(tables, "georgia_state", "Georgia")
    assert (state["country_code"], state["admin1_code"], state["feature_class"]) == ("USA", "GA", "A")
    country = _mention(tables, "georgia_country", "Georgia")
    assert country["country_code"] == "GEO" and country["usage"] == "metonymic"


def test_metonymic_capital_and_demonym(tables):
    rows = tables["metonymy"]
    moscow = _mention(tables, "metonymy", "Moscow")
    assert moscow["usage"] == "metonymic"
    assert not any(m["text"] == "Syrian" for m in rows["location_mentions"])
    assert all(e["location_mention_id"] != moscow["location_mention_id"] for e in rows["events"])


def test_a_place_name_used_as_a_persons_first_name_is_the_person(tables):
    georgias = [m for m in tables["first_name"]["location_mentions"] if m["text"] == "Georgia"]
    assert len(georgias) == 1   # only "Farmers in Georgia": not "Georgia Stevens", not "Georgia said"
