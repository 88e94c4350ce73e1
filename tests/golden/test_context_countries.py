"""Golden records for an actor whose country its own name gives (issue 15): an organisation no list knows whose
name ends on "of <country>". Sentences are written for these tests; the organisations are invented."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def actors(process_text):
    def _actors(text: str) -> dict[str, dict]:
        return {a["name"]: a for a in process_text(text)["actors"]}

    return _actors


def test_an_organisation_named_of_a_country_takes_that_country(actors):
    found = actors("The National Front for the Liberation of Angola accused the government of fraud.")
    org = found["The National Front for the Liberation of Angola"]
    assert org["country_code"] == "AGO"
    assert "name:of Angola" in org["coding_evidence"]


def test_an_organisation_named_of_no_country_keeps_none(actors):
    found = actors("The Mercantile Union of Coastal Traders accused the government of fraud.")
    orgs = [a for name, a in found.items() if name.startswith("The Mercantile Union")]
    assert orgs and all(a["country_code"] is None for a in orgs)
