"""Golden records for issue 16's people, places and speakers, one per phrasing class the issue measured.

Sentences are written for these tests. Invented people carry invented names; real office holders appear only
where the office-holder gazetteer (newsevents/data/office_holders.csv) is the point, with the roles they held
on the articles' date (ANCHOR, 12 April 2017).
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def run(process_text):
    def _run(text: str) -> dict:
        tables = process_text(text)
        tables["by_name"] = {a["name"]: a for a in tables["actors"]}
        tables["by_id"] = {a["actor_id"]: a for a in tables["actors"]}
        return tables

    return _run


def _speaker_name(tables: dict, statement: dict) -> str | None:
    actor = tables["by_id"].get(statement["speaker_actor_id"]) if statement["speaker_actor_id"] else None
    return actor["name"] if actor else None


def _speakers(tables: dict) -> list[tuple[str, str | None, str | None]]:
    return [(s["quote_text"], s["speaker_text"], _speaker_name(tables, s)) for s in tables["statements"]]


# ----------------------------------------------------------------------------- people with offices
@pytest.mark.parametrize("name, cameo, wikidata_id", [
    ("Bernie Sanders", "USALEG", "Q359442"),
    ("Ted Cruz", "USALEG", "Q2036942"),
    ("Bill Clinton", "USAGOV", "Q1124"),      # after his term: the office he held, recorded as former
    ("Ben Carson", "USAGOV", None),           # HUD secretary from March 2017
])
def test_office_holders_get_their_country_and_role_on_the_article_date(run, name, cameo, wikidata_id):
    actors = run("Bernie Sanders and Ted Cruz debated health care on Tuesday, while Bill Clinton and Ben Carson "
                 "spoke at a dinner in Ohio.")["by_name"]
    assert (actors[name]["country_code"], actors[name]["cameo_code"], actors[name]["wikidata_id"]) == \
        ("USA", cameo, wikidata_id)
    if name == "Bill Clinton":
        assert "former President of the United States" in actors[name]["coding_evidence"]


def test_a_title_in_the_article_wins_over_the_gazetteer(run):
    actors = run("Former President Ted Cruz spoke in Austin on Tuesday.")["by_name"]   # counterfactual title
    assert actors["Ted Cruz"]["cameo_code"] == "USAELI"


def test_unknown_people_have_no_wikidata_id(run):
    actors = run("Kenyan Foreign Minister Amina Odera met reporters in Nairobi.")["by_name"]
    assert actors["Amina Odera"]["wikidata_id"] is None


# ----------------------------------------------------------------------------- countries from whole names
@pytest.mark.parametrize("text, name, cameo, state", [
    ("Georgia Rep. Dale Brennick said the vote was a disgrace.", "Dale Brennick", "USALEG", "Georgia"),
    ("New Jersey Gov. Mara Quint vetoed the budget on Friday.", "Mara Quint", "USAGOV", "New Jersey"),
    ("Sen. Tom Arlo, D-Va., said the bill was dead.", "Tom Arlo", "USALEG", "Virginia"),
])
def test_state_level_titles_give_the_united_states(run, text, name, cameo, state):
    tables = run(text)
    actor = tables["by_name"][name]
    assert (actor["country_code"], actor["cameo_code"]) == ("USA", cameo)
    assert f"us_state:{state}" in actor["coding_evidence"]
    assert not {"GEO", "JEY"} & {a["country_code"] for a in tables["actors"]}


def test_a_country_word_inside_a_state_name_is_no_country(run):
    codes = {a["country_code"] for a in run("Dale Brennick campaigned in New Jersey and New Mexico on Monday, "
                                            "and officials in New Mexico welcomed him.")["actors"]}
    assert not {"JEY", "MEX"} & codes


# ----------------------------------------------------------------------------- entity types
@pytest.mark.parametrize("text, place", [
    ("Navy ships docked in Port Halvard on Monday.", "Port Halvard"),
    ("Militants attacked a base near Tessaly Brenn, officials said.", "Tessaly Brenn"),
])
def test_names_the_parse_places_are_not_people(run, text, place):
    actors = run(text)["actors"]
    assert not [a for a in actors if a["actor_type"] == "PERSON" and place in a["name"]], actors


def test_a_show_host_is_a_media_person_and_the_outlet_a_media_organisation(run):
    actors = run("Fox News host Dale Brennick said the report was false. Fox News said it stood by him.")["by_name"]
    assert (actors["Dale Brennick"]["actor_type"], actors["Dale Brennick"]["role_code"]) == ("PERSON", "MED")
    assert (actors["Fox News"]["actor_type"], actors["Fox News"]["cameo_code"]) == ("ORGANIZATION", "USAMED")


def test_a_known_media_personality_is_a_person(run):
    actors = run("Sean Hannity said on Tuesday that the network would not apologise.")["by_name"]
    assert (actors["Sean Hannity"]["actor_type"], actors["Sean Hannity"]["cameo_code"]) == ("PERSON", "USAMED")


# ----------------------------------------------------------------------------- speakers
def test_the_outlet_told_is_not_the_speaker(run):
    tables = run("Dale Brennick spoke to Fox News on Sunday. “The talks went well and we expect more,” Brennick "
                 "told Fox News.")
    assert [name for *_, name in _speakers(tables)] == ["Dale Brennick"]


def test_an_institution_named_in_a_relative_clause_is_not_the_speaker(run):
    tables = run("Dale Brennick, who once ran for the U.S. Senate, said: “We will not back down on this.”")
    assert [name for *_, name in _speakers(tables)] == ["Dale Brennick"]


def test_a_possessor_is_not_the_speaker(run):
    tables = run("Brennick met voters on Monday. Brennick's opponents said the plan would never pass the "
                 "chamber.")
    assert [(text, name) for _, text, name in _speakers(tables)] == [("Brennick's opponents", None)]


def test_an_institution_statement_is_the_institution(run):
    tables = run("Chinese Foreign Ministry spokeswoman Lin Qiu criticised the visit on Monday. The State "
                 "Department said in a statement: “We will not comment on internal deliberations.”")
    assert [name for *_, name in _speakers(tables)] == ["State Department"]


def test_a_speaker_after_a_long_apposition_is_found(run):
    tables = run("“We must act now on border security,” said Rep. Dale Brennick, R-Texas, chairman of the House "
                 "Homeland Security Committee.")
    assert [name for *_, name in _speakers(tables)] == ["Dale Brennick"]
    tables = run("“This party is not divided at all,” Senator Mara Quint, a close adviser to the governor, told "
                 "reporters.")
    assert [name for *_, name in _speakers(tables)] == ["Mara Quint"]


def test_a_conjoined_cue_shares_its_subject(run):
    tables = run("Dale Brennick did not mention his rivals, but told his supporters, “our nation is in horrible "
                 "trouble.”")
    assert [name for *_, name in _speakers(tables)] == ["Dale Brennick"]


def test_title_and_pronoun_speakers_resolve_to_the_compatible_person(run):
    tables = run("Ms. Mara Quint, the minister, met Mr. Tom Arlo on Monday. Arlo asked about the budget.\n"
                 "“We will not back down on this,” she said.\n"
                 "“The budget is fair to every region,” the minister added.")
    assert [name for *_, name in _speakers(tables)] == ["Mara Quint", "Mara Quint"]


def test_a_quote_speaker_is_never_named_only_inside_the_quote(run):
    tables = run("The hearing ended late on Monday.\n“Mr. Arlo has never told us the truth about the budget,” he "
                 "said.")
    assert [name for *_, name in _speakers(tables)] == [None]


def test_a_quote_after_a_long_attribution_is_its_own_statement_by_the_same_speaker(run):
    tables = run("“Oh, those are some very small towns,” Dale Brennick said as his bus rolled past the grain elevators "
                 "at the edge of the county on Monday. “That is a tough area.”")
    assert [(text, name) for text, _, name in _speakers(tables)] == [
        ("Oh, those are some very small towns", "Dale Brennick"), ("That is a tough area.", "Dale Brennick")]


def test_a_name_in_parentheses_after_a_person_is_an_affiliation(run):
    actors = run("Forwards - Dale Brennick ( Halvard ) , Tom Arlo ( Porto ) , Mara Quint ( Tessaly ) .")["actors"]
    people = {a["name"] for a in actors if a["actor_type"] == "PERSON"}
    assert not people & {"Halvard", "Porto", "Tessaly"}, people


def test_a_pronoun_speaker_prefers_the_subject_of_its_own_sentence(run):
    tables = run("Tom Arlo won the northern counties. Speaking in Halvard, Dale Brennick insisted that he had grown "
                 "the party, claiming that he was responsible for the higher turnout.")
    assert [name for *_, name in _speakers(tables)] == ["Dale Brennick", "Dale Brennick"]


# ----------------------------------------------------------------------------- statement content (issue 16)
def _contents(tables: dict) -> list[tuple[str, bool, str | None]]:
    return [(s["quote_text"], s["is_direct"], _speaker_name(tables, s)) for s in tables["statements"]]


def test_a_partial_quote_with_its_cue_after_is_the_whole_clause(run):
    tables = run("Senate nominees Tom Arlo and Mara Quint “were stiff and joyless” in comparison to the governor, "
                 "Dale Brennick said.")
    assert _contents(tables) == [("Senate nominees Tom Arlo and Mara Quint “were stiff and joyless” in comparison "
                                  "to the governor", False, "Dale Brennick")]


def test_quoted_words_inside_a_reported_clause_are_part_of_it(run):
    tables = run("Dale Brennick said on Monday that the treaty was “dead on arrival” and would not pass.")
    assert _contents(tables) == [("the treaty was “dead on arrival” and would not pass", False, "Dale Brennick")]


def test_a_whole_quote_after_its_cue_stays_a_direct_quote(run):
    tables = run("Dale Brennick told reporters on Monday: “The treaty is dead on arrival.”")
    assert _contents(tables) == [("The treaty is dead on arrival.", True, "Dale Brennick")]


@pytest.mark.parametrize("text, content", [
    ("The bigger risk, Dale Brennick said, is a clash between the two fleets.",
     "The bigger risk, Dale Brennick said, is a clash between the two fleets"),
    ("Mara Quint met the envoy. The northern provinces are stalling the reform, she said.",
     "The northern provinces are stalling the reform"),
])
def test_a_parenthetical_cue_reports_the_clause_it_is_set_in(run, text, content):
    tables = run(text)
    assert [(t, d) for t, d, _ in _contents(tables)] == [(content, False)]
    assert _contents(tables)[0][2] in ("Dale Brennick", "Mara Quint")


@pytest.mark.parametrize("text, content", [
    ("Mara Quint hopes the two parties will reach a deal before the vote.",
     "the two parties will reach a deal before the vote"),                     # 'hopes' lemmatised 'hop'
    ("A new poll by the Halvard Institute shows that most voters oppose the tax plan.",
     "most voters oppose the tax plan"),                                        # an evidence verb
])
def test_belief_and_evidence_verbs_report_their_complement(run, text, content):
    assert [t for t, *_ in _contents(run(text))] == [content]


@pytest.mark.parametrize("text, content", [
    ("Dale Brennick vowed to block the rule during the review period.", "to block the rule during the review period"),
    ("Mara Quint urged residents to seek shelter in the stadium.", "residents to seek shelter in the stadium"),
])
def test_a_speech_verb_reports_its_to_infinitive(run, text, content):
    assert [(t, d) for t, d, _ in _contents(run(text))] == [(content, False)]


@pytest.mark.parametrize("text, content", [
    ("Mara Quint called for tripling the number of trade officers.", "tripling the number of trade officers"),
    ("Dale Brennick asked for more time to study the plan.", "more time to study the plan"),
    ("Mara Quint called the tax a betrayal of the middle class.", "the tax a betrayal of the middle class"),
])
def test_an_appeal_or_a_naming_is_a_statement(run, text, content):
    assert [(t, d) for t, d, _ in _contents(run(text))] == [(content, False)]


def test_a_headline_colon_after_a_name_attributes_the_paragraph(run):
    tables = run("Mara Quint: The Budget Is a Betrayal of Farmers.\n\nQuint spoke in Halvard on Monday. Voters "
                 "heard three speeches: one on taxes, one on roads and one on schools.")
    assert _contents(tables) == [("The Budget Is a Betrayal of Farmers", False, "Mara Quint")]
