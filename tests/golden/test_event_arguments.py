"""Golden records for the arguments of events (issue 15, "arguments that are found"): who the source and the target
are, from the whole clause. Every sentence is written for these tests; the people are invented."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def run(process_text):
    def _run(text: str) -> dict:
        tables = process_text(text)
        actors = {a["actor_id"]: a for a in tables["actors"]}
        tables["triples"] = [(actors[e["source_actor_id"]]["cameo_code"],
                              actors[e["target_actor_id"]]["cameo_code"] if e["target_actor_id"] else None,
                              e["event_code"]) for e in tables["events"]]
        tables["by_name"] = {a["name"]: a for a in tables["actors"]}
        return tables

    return _run


@pytest.mark.parametrize("text, expected", [
    ("The foreign minister accused Japan of provocation on Tuesday.", ("GOV", "JPN", "112")),
    ("The prime minister visited Laos on Monday.", ("GOV", "LAO", "042")),
    ("The interior minister criticised Ghana's election commission.", ("GOV", "GHA", "111")),
])
def test_an_office_with_no_country_keeps_the_event_with_its_sector_code(run, expected, text):
    """No country anywhere: the event is kept, its source coded ---GOV; the other argument's country is never
    given to the office."""
    triples = run(text)["triples"]
    assert any(t[0] == expected[0] and (t[1] or "").startswith(expected[1]) and t[2] == expected[2]
               for t in triples), triples


def test_a_bare_title_is_the_one_person_of_that_title_named_before(run):
    tables = run("President Aldo Nunes arrived on Monday. The president met Japanese envoys.")
    assert [(s, t, c) for s, t, c in tables["triples"] if c == "040"] == [("GOV", "JPNGOV", "040")]
    assert "government (country unknown)" not in tables["by_name"], tables["by_name"].keys()


def test_a_person_handed_over_is_no_office(run):
    triples = run("Estonia handed the suspected spy over to Latvian prosecutors.")["triples"]
    assert triples and all(t == "LVAJUD" for _, t, _ in triples), triples


def test_a_multiword_country_the_tagger_calls_a_person_is_a_country(run):
    triples = run("Togo criticized Niger and Sri Lanka over the fishing quotas.")["triples"]
    assert ("TGO", "LKA", "111") in triples and ("TGO", "NER", "111") in triples, triples


def test_a_country_tagged_as_an_organisation_still_places_an_event(run):
    """The target of an attack on a place no actor names is the country it is in, even where the tagger calls the
    country's name an organisation."""
    triples = run("Chadian nomads attacked a village in northern Cameroon on Saturday.")["triples"]
    assert ("TCD", "CMR", "190") in triples, triples


@pytest.mark.parametrize("text, name, code", [
    # a listed acronym codes the long name the article spells out before it
    ("The International Labour Office (ILO) praised Chile's new labour code.", "The International Labour Office",
     "IGOUNOILO"),
    # an invented body: the long name's country codes the acronym no list knows
    ("The Popular Front for the Liberation of Zambia (PFLZ) accused the police of torture.", "PFLZ", "ZMB"),
])
def test_a_name_and_its_acronym_in_parentheses_are_one_actor(run, text, name, code):
    tables = run(text)
    mentions = [m for m in tables["actor_mentions"] if m["text"] == name] if "actor_mentions" in tables else []
    actors = {a["actor_id"]: a for a in tables["actors"]}
    assert mentions and all(actors[m["actor_id"]]["cameo_code"] == code for m in mentions), (mentions, actors)


@pytest.mark.parametrize("text, source", [
    ("The defence minister accused Namibia of spying.", "GOVMIL"),
    ("Zambian officials met Malawian envoys on Monday. The defence minister later accused Namibia of spying.",
     "ZMBGOVMIL"),
])
def test_a_minister_of_a_compound_role_is_an_office_too(run, text, source):
    triples = run(text)["triples"]
    assert (source, "NAM", "1125") in triples, triples


@pytest.mark.parametrize("text, source", [
    ("Regime forces besieged a suburb of Homs in Syria on Friday.", "SYRMIL"),
    ("Pro-government forces shelled rebel positions near Gao in Mali.", "MLIMIL"),
])
def test_a_states_own_forces_take_the_country_they_act_in(run, text, source):
    triples = run(text)["triples"]
    assert any(s == source for s, _, _ in triples), triples


def test_troops_of_no_stated_state_do_not_take_the_place_they_are_sent_to(run):
    triples = run("Peacekeeping troops arrived in Mali on Friday.")["triples"]
    assert not any(s.startswith("MLI") for s, _, _ in triples), triples


def test_unnamed_gunmen_are_unidentified_armed_forces_not_the_states_military(run):
    """CAMEO's UAF: gunmen no one names take the country of their clause's place, but they are not that state's
    military (MIL), and their name says so."""
    tables = run("Unidentified gunmen killed four farmers in northern Benin on Sunday.")
    assert ("BENUAF", "BENAGR", "180") in tables["triples"], tables["triples"]
    assert "Benin unidentified armed forces" in tables["by_name"], tables["by_name"].keys()
