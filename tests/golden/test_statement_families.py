"""Golden records for issue 16's statement families (PolNeAR's attribution convention: a source, a cue and the
content attributed), one test per grammatical class. Sentences are written for these tests; the people and places
are invented."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def contents(process_text):
    """A function: text -> [(content, is_direct, speaker text)] in text order."""
    def _run(text: str) -> list[tuple[str, bool, str | None]]:
        return [(s["quote_text"], s["is_direct"], s["speaker_text"]) for s in process_text(text)["statements"]]

    return _run


def test_a_reported_statement_never_runs_into_another_paragraph(contents):
    found = contents("“We will carry the county in the spring,” said Dale Brennick.\n"
                     "Mara Quint, who chairs the Halvard council, said the budget would pass before the summer.")
    reported = [c for c in found if not c[1]]
    assert all("\n" not in c[0] for c in found)
    assert [c[0] for c in reported] == ["the budget would pass before the summer"]


def test_a_participle_inside_content_before_its_cue_belongs_to_the_content(contents):
    found = contents("Four farmers were detained on charges of trespass, blocking a road and resisting arrest, "
                     "police said.")
    assert [c[0] for c in found] == ["Four farmers were detained on charges of trespass, blocking a road and "
                                     "resisting arrest"]


def test_a_participle_after_the_content_of_a_cue_before_it_is_the_speakers_next_act(contents):
    found = contents("Mara Quint said that the council had approved the new budget, adding that taxes would not "
                     "rise this year.")
    assert found[0][0] == "the council had approved the new budget"


def test_a_participle_cue_after_a_reported_clause_has_the_cues_speaker(contents):
    found = contents("Mara Quint said that the council had approved the new budget, adding that taxes would not "
                     "rise this year.")
    assert found[1] == ("taxes would not rise this year", False, "Mara Quint")


@pytest.mark.parametrize("text, content", [
    ("Mara Quint spoke about the drought in the northern provinces.", "the drought in the northern provinces"),
    ("Dale Brennick warned of a long winter of power cuts in the capital.",
     "a long winter of power cuts in the capital"),
    ("Dale Brennick talked about his plans for the northern railway.",
     "his plans for the northern railway"),
])
def test_what_a_speech_verb_is_about_is_its_content(contents, text, content):
    assert contents(text) == [(content, False, text.split(" spoke")[0].split(" warned")[0].split(" talked")[0])]


@pytest.mark.parametrize("text, content", [
    ("Mara Quint accused Dale Brennick of hiding the audit from the council.",
     "Dale Brennick of hiding the audit from the council"),
    ("Dale Brennick blamed the governor for the closure of the northern mills.",
     "the governor for the closure of the northern mills"),
])
def test_an_accusation_is_its_target_and_the_charge(contents, text, content):
    assert [(c, d) for c, d, _ in contents(text)] == [(content, False)]


def test_a_relative_pronoun_speaker_is_the_noun_the_clause_modifies(process_text):
    tables = process_text("Voters heard from Dale Brennick, who said the northern mills would reopen by the autumn.")
    statement = tables["statements"][0]
    speaker = next(a["name"] for a in tables["actors"] if a["actor_id"] == statement["speaker_actor_id"])
    assert (statement["quote_text"], statement["speaker_text"], speaker) == (
        "the northern mills would reopen by the autumn", "who", "Dale Brennick")


@pytest.mark.parametrize("cue", ["continued", "wondered aloud", "interjected"])
def test_a_verb_that_only_goes_with_a_quotation_attributes_it(contents, cue):
    found = contents(f"Mara Quint spoke to farmers in Halvard on Monday.\n\n“The mills will not close this year,” "
                     f"she {cue}.")
    assert found == [("The mills will not close this year", True, "she")]


def test_a_name_and_a_colon_before_a_quotation_is_its_speaker(contents):
    found = contents("The two candidates met in Halvard.\n\nQuint: “Our aim is to reopen every mill in the north.” "
                     "Brennick: “The mills are a relic of another age.”")
    assert [(c, s) for c, _, s in found] == [("Our aim is to reopen every mill in the north.", "Quint"),
                                             ("The mills are a relic of another age.", "Brennick")]


def test_a_participle_describing_a_noun_reports_no_accusation(contents):
    assert contents("The council debated a motion blaming the governor for the closure of the northern mills.") == []


@pytest.mark.parametrize("text, content", [
    ("Mara Quint endorsed the governor's plan to reopen the northern mills.",
     "the governor's plan to reopen the northern mills"),
    ("Dale Brennick strongly opposes the new tax on farm diesel.", "the new tax on farm diesel"),
    ("Quint praised the council's handling of the spring floods.", "the council's handling of the spring floods"),
])
def test_a_stance_verb_attributes_its_object(contents, text, content):
    assert [(c, d) for c, d, _ in contents(text)] == [(content, False)]


def test_a_stance_object_holding_a_quotation_is_left_to_the_quotation(contents):
    found = contents("Dale Brennick mocked the governor's pledge that “we will bring bread and roses to every valley "
                     "in the north.”")
    assert [(c, d) for c, d, _ in found] == [("we will bring bread and roses to every valley in the north.", True)]


def test_a_cue_conjoined_to_an_unlabelled_verb_shares_the_first_verbs_subject(contents):
    found = contents("Dale Brennick gestured to the crowd, then leaned in and said: “We will win in the spring.”")
    assert found == [("We will win in the spring.", True, "Dale Brennick")]


@pytest.mark.parametrize("text, speaker", [
    ("Witnesses said the farmers marched to the governor’s palace, shouting “Give us back our water.”",
     "the farmers"),
    ("Police said a man ran into the station on Friday, screaming “They burned my house down.”", "a man"),
    ("Protesters filled the square outside the ministry on Tuesday, chanting “No more tolls on the river road.”",
     "Protesters"),
])
def test_a_comma_participle_quote_cue_has_the_subject_of_the_clause_before_it(contents, text, speaker):
    assert [c for c in contents(text) if c[1]] == [(text[text.index("“") + 1:text.rindex(".") + 1], True, speaker)]


@pytest.mark.parametrize("text, speaker", [
    ("“Get out of our town,” the farmers yelled at the inspectors.", "the farmers"),
    ("“This budget will close every library in Dornhall,” Ilse Varga shouted from the gallery.", "Ilse Varga"),
])
def test_a_manner_of_speaking_verb_attributes_an_adjacent_quotation(contents, text, speaker):
    assert [(c[1], c[2]) for c in contents(text)] == [(True, speaker)]


@pytest.mark.parametrize("text", [
    "Dale Brennick shouted at the referee for most of the second half.",
    "The crowd chanted for an hour outside the Halvard council building.",
])
def test_a_manner_of_speaking_verb_without_a_quotation_is_no_statement(contents, text):
    assert contents(text) == []


def test_a_comma_participle_quote_cue_after_a_when_clause_has_that_clauses_subject(contents):
    found = contents("The trouble began at the Halvard fairground, when dock workers interrupted the mayor’s speech, "
                     "shouting “Pay us what you owe.”")
    assert [c[2] for c in found if c[1]] == ["dock workers"]


def test_a_cue_right_before_a_quotation_after_a_when_clause_has_its_own_subject(contents):
    found = contents("The hall went quiet, and when Mayor Varga thanked the volunteers and said it was good to be "
                     "back, a farmer yelled “Go home!”")
    assert [c[2] for c in found if c[1]] == ["a farmer"]


def test_a_comma_participle_quote_cue_after_a_when_clause_on_a_place_has_that_clauses_subject(contents):
    # the parser reads 'when …' as a relative clause on the place; the clause is still the act continued
    found = contents("The scuffle began at the Academy of Music in Dornhall, when striking nurses interrupted his "
                     "speech, shouting “Pay us what you owe!”")
    assert [c[2] for c in found if c[1]] == ["striking nurses"]


def test_a_quotation_closed_with_a_mark_of_the_other_style_is_one_quote(contents):
    found = contents('“The harvest will be late this year,” said Dale Brennick, a farmer in Halvard. '
                     '"We have had no rain since the spring.”')
    assert found == [('The harvest will be late this year,” said Dale Brennick, a farmer in Halvard. '
                      '"We have had no rain since the spring.', True, "Dale Brennick")]


def test_an_attribution_that_adds_a_clause_of_its_own_ends_the_quotation(contents):
    found = contents("“The bridge will open in May,” said Mara Quint, adding that the tolls would stay. "
                     "“We owe it to the commuters.”")
    direct = [c for c in found if c[1]]
    assert direct[0][0] == "The bridge will open in May"
    assert all("adding" not in c[0] for c in direct)
    assert [c[2] for c in direct] == ["Mara Quint"] * len(direct)


def test_a_description_of_the_speaker_between_two_quoted_parts_keeps_them_one_quotation(contents):
    found = contents("“The bridge will open in May,” said Mara Quint, who chairs the council, "
                     "“and the tolls will stay.”")
    assert [(c[1], c[2]) for c in found] == [(True, "Mara Quint")]
    assert found[0][0].endswith("and the tolls will stay.")
