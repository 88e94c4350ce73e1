"""Golden records for the wrong events issue 15 lists under "Measured", each as a fictional variant written for this
test (not the issue's sentences, and not the challenge set's): verbal, electoral and figurative senses of material
words, negated partners, characterisations, headline fragments, adjectives as actors, and reported condemnations."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def run(process_text):
    def _run(text: str) -> dict:
        tables = process_text(text)
        actors = {a["actor_id"]: a for a in tables["actors"]}
        tables["codes"] = [e["event_code"] for e in tables["events"]]
        tables["triples"] = [(actors[e["source_actor_id"]]["cameo_code"],
                              actors[e["target_actor_id"]]["cameo_code"] if e["target_actor_id"] else None,
                              e["event_code"]) for e in tables["events"]]
        tables["names"] = [a["name"] for a in tables["actors"]]
        return tables

    return _run


def _material(codes: list[str]) -> list[str]:
    return [c for c in codes if c[:2] in ("15", "17", "18", "19", "20") or c.startswith("145")]


@pytest.mark.parametrize("text", [
    "Governor Anna Kell's attack on the mayor's spending record was the sharpest of the campaign.",
    "Kenyan opposition leader Ruth Wambui attacked the president's handling of the drought.",
])
def test_a_verbal_attack_is_criticism_not_force(run, text):
    codes = run(text)["codes"]
    assert not _material(codes), codes
    assert any(c.startswith("11") for c in codes), codes


@pytest.mark.parametrize("text", [
    "The two envoys failed to agree on much, especially the facts regarding the alleged March 9 attack by "
    "President Mara Velt.",
    "Investigators in Vantor described the March 9 attack by Prime Minister Tobias Rund as deliberate.",
])
def test_an_attack_by_a_person_with_nobody_attacked_is_not_criticism(run, text):
    """A verbal attack needs someone attacked: a leader's attack with nobody named as its target keeps the force
    reading (people on both sides, as in the test above, read as words)."""
    codes = run(text)["codes"]
    assert codes and not any(c.startswith("11") for c in codes), codes
    assert _material(codes), codes


@pytest.mark.parametrize("text", [
    "Senator Ivo Marsh beat the governor by 14 points in the state primary.",
    "Chile beat Peru 3-0 in the qualifier on Tuesday.",
])
def test_beating_a_rival_in_a_vote_or_a_match_is_no_event(run, text):
    assert run(text)["events"] == []


def test_a_clash_between_people_at_a_meeting_is_verbal(run):
    codes = run("The clash between the Austrian chancellor and the Czech prime minister at the council meeting "
                "lasted an hour.")["codes"]
    assert not _material(codes), codes
    assert codes and all(c[:3] in ("111", "123") for c in codes), codes


@pytest.mark.parametrize("text", [
    "The number of asylum claims in Finland has exploded this year.",
    "Rental prices exploded across Portugal after the reform.",
])
def test_figurative_explosions_are_no_event(run, text):
    assert run(text)["events"] == []


def test_neither_nor_subjects_do_not_meet_the_press(run):
    tables = run("Neither the Croatian president nor the Slovenian prime minister spoke with journalists "
                 "after the dinner.")
    assert not [c for c in tables["codes"] if c.startswith("04")], tables["triples"]


def test_calling_someone_weak_is_not_a_phone_call(run):
    codes = run("The Danish premier called her Swedish counterpart 'dangerously weak'.")["codes"]
    assert "041" not in codes and set(codes) <= {"111"}, codes


@pytest.mark.parametrize("text, fragment", [
    ("Kariuki Should Step Down, Kenyan Opposition Says", "Should"),
    ("Okafor Will Visit Lagos Next Week", "Will"),
])
def test_headline_verbs_are_not_part_of_an_actor(run, text, fragment):
    names = run(text)["names"]
    assert not [n for n in names if fragment in n.split()], names


def test_the_agent_of_by_is_the_source_not_an_adjective(run):
    tables = run("Sustained airstrikes by the Nigerian air force killed fourteen militants near Maiduguri.")
    assert "Sustained" not in tables["names"]
    sources = {s for s, _, c in tables["triples"] if c[:2] in ("18", "19")}
    assert sources and all(s.startswith("NGA") for s in sources), tables["triples"]


def test_a_condemned_proposal_is_the_condemnation(run):
    triples = run("Irish Prime Minister Sean Ryan condemned the British prime minister's plan to close the "
                  "border.")["triples"]
    assert [c for _, _, c in triples] == ["111"], triples
    assert triples[0][0] == "IRLGOV" and triples[0][1].startswith("GBR"), triples


def test_an_office_without_a_country_keeps_its_sector_code(run):
    # no country anywhere: the event is kept, the actor has its sector code (CAMEO's ---MIL)
    tables = run("Soldiers shelled the village at dawn, witnesses said.")
    assert ("MIL", None, "194") in tables["triples"], tables["triples"]


def test_an_office_takes_its_country_from_the_article(run):
    tables = run("Zambian officials met Malawian envoys on Monday. The government later expelled two journalists.")
    assert any(s == "ZMBGOV" and c == "174" for s, _, c in tables["triples"]), tables["triples"]
