"""Trigger coverage, round 9 (issue 15): material cooperation and yielding. A facility states run together is
economic cooperation (061; military, 062, when it is a command or armed forces run it), information passed to
another state is sharing intelligence (064, evidence judicial cooperation 063), a grant is economic aid (071) and
aid put 'in' a state's central bank goes to that state, ending or lifting a shutdown, a curfew or an emergency
eases restrictions (081x), stopping aid cuts it (162x), and hearings into an affair are an investigation (090).
Hand-built inputs, so each rule is tested on what it is written for."""

from __future__ import annotations

import pytest

from newsevents.nlp.events import (
    _joint_targets,
    _predicate_subjects,
    code_decision,
    decide_code,
    noun_slots,
    verb_slots,
)
from tests.hand_built import countries, parse


def _opened(modifier: list[tuple], noun: str, lemma: str) -> list[tuple]:
    """'Zambia and Malawi opened a <modifier…> <noun> .' (the modifiers hang on the noun, index 5 + len)."""
    head = 5 + len(modifier)
    rows = [("Zambia", "PROPN", "nsubj", 3), ("and", "CCONJ", "cc", 0), ("Malawi", "PROPN", "conj", 0),
            ("opened", "VERB", "ROOT", 3, "open"), ("a", "DET", "det", head)]
    rows += [(w, pos, dep, head if h is None else h, *lem) for w, pos, dep, h, *lem in modifier]
    return rows + [(noun, "NOUN", "dobj", 3, lemma), (".", "PUNCT", "punct", 3)]


@pytest.mark.parametrize("modifier, noun, expected", [
    ([("joint", "ADJ", "amod", None)], "post", "061"),
    ([("joint", "ADJ", "amod", None)], "refinery", "061"),
    ([("jointly", "ADV", "advmod", 6), ("owned", "VERB", "amod", None, "own")], "refinery", "061"),
    ([("joint", "ADJ", "amod", None)], "command", "062"),
    ([("new", "ADJ", "amod", None)], "refinery", None),     # a facility of one's own is no event
    ([], "post", None),
])
def test_a_facility_run_jointly_is_cooperation(res, modifier, noun, expected):
    doc = parse(_opened(modifier, noun, noun))
    assert decide_code(doc[5 + len(modifier)], res) == expected


def test_the_owners_of_a_jointly_owned_facility_are_each_others_partners(res):
    doc = parse(_opened([("jointly", "ADV", "advmod", 6), ("owned", "VERB", "amod", None, "own")], "refinery",
                        "refinery"))
    acts = countries(doc, res, {0: "ZMB", 2: "MWI"})
    sources, targets, _ = noun_slots(doc, doc[7], acts, res, "061")
    assert {s.country_code for s in sources} == {"ZMB", "MWI"}
    assert _joint_targets(doc[7], "061", sources, [sources[0]], res) == []


def _passed(obj: str, lemma: str) -> list[tuple]:
    """'Uruguay passed the <obj> to Brazil .'"""
    return [("Uruguay", "PROPN", "nsubj", 1), ("passed", "VERB", "ROOT", 1, "pass"), ("the", "DET", "det", 3),
            (obj, "NOUN", "dobj", 1, lemma), ("to", "ADP", "dative", 1), ("Brazil", "PROPN", "pobj", 4),
            (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("obj, lemma, expected", [("names", "name", "064"), ("details", "detail", "064"),
                                                  ("evidence", "evidence", "063"), ("law", "law", None),
                                                  ("ball", "ball", None)])
def test_information_passed_to_another_state_is_shared(res, obj, lemma, expected):
    doc = parse(_passed(obj, lemma))
    assert decide_code(doc[1], res) == expected


def test_the_one_information_is_passed_to_is_the_partner(res):
    doc = parse(_passed("names", "name"))
    decision = code_decision(doc[1], res)
    _, targets, _ = verb_slots(doc, doc[1], decision.pattern, countries(doc, res, {0: "URY", 5: "BRA"}), res)
    assert [t.country_code for t in targets] == ["BRA"]


@pytest.mark.parametrize("verb, lemma, obj, obj_lemma, expected", [
    ("ended", "end", "emergency", "emergency", "0814"), ("ended", "end", "curfew", "curfew", "0813"),
    ("ended", "end", "match", "match", None), ("lifted", "lift", "shutdown", "shutdown", "0811"),
    ("restored", "restore", "access", "access", "0811"), ("restored", "restore", "calm", "calm", None),
    ("stopped", "stop", "funding", "funding", "1621"), ("stopped", "stop", "aid", "aid", "162"),
    ("stopped", "stop", "play", "play", None),
])
def test_ending_a_restriction_eases_it_and_stopping_aid_cuts_it(res, verb, lemma, obj, obj_lemma, expected):
    # "Togo <verb> the <obj> ."
    doc = parse([("Togo", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma), ("the", "DET", "det", 3),
                 (obj, "NOUN", "dobj", 1, obj_lemma), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


def test_a_grant_awarded_to_a_state_is_economic_aid_to_it(res):
    # "Japan awarded a grant to Laos ." ('to' a dative of the light verb)
    doc = parse([("Japan", "PROPN", "nsubj", 1), ("awarded", "VERB", "ROOT", 1, "award"), ("a", "DET", "det", 3),
                 ("grant", "NOUN", "dobj", 1), ("to", "ADP", "dative", 1), ("Laos", "PROPN", "pobj", 4),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[3], res) == "071"
    sources, targets, _ = noun_slots(doc, doc[3], countries(doc, res, {0: "JPN", 5: "LAO"}), res, "071")
    assert [s.country_code for s in sources] == ["JPN"] and [t.country_code for t in targets] == ["LAO"]


def test_money_deposited_in_a_central_bank_goes_to_its_state(res):
    # "Qatar deposited $1 billion in the central bank of Sudan ."
    doc = parse([("Qatar", "PROPN", "nsubj", 1), ("deposited", "VERB", "ROOT", 1, "deposit"),
                 ("$", "SYM", "quantmod", 4), ("1", "NUM", "compound", 4), ("billion", "NUM", "dobj", 1),
                 ("in", "ADP", "prep", 4), ("the", "DET", "det", 8), ("central", "ADJ", "amod", 8),
                 ("bank", "NOUN", "pobj", 5), ("of", "ADP", "prep", 8), ("Sudan", "PROPN", "pobj", 9),
                 (".", "PUNCT", "punct", 1)])
    decision = code_decision(doc[1], res)
    assert decision.code == "071"
    _, targets, _ = verb_slots(doc, doc[1], decision.pattern, countries(doc, res, {0: "QAT", 10: "SDN"}), res)
    assert [t.country_code for t in targets] == ["SDN"]


@pytest.mark.parametrize("verb, lemma, prep, expected", [("opened", "open", "into", "090"),
                                                         ("adjourned", "adjourn", "into", None),
                                                         ("opened", "open", "until", None)])
def test_hearings_into_an_affair_are_an_investigation(res, verb, lemma, prep, expected):
    # "The parliament <verb> hearings <prep> the sale ." (the preposition on the verb, as the parser hangs it)
    doc = parse([("The", "DET", "det", 1), ("parliament", "NOUN", "nsubj", 2), (verb, "VERB", "ROOT", 2, lemma),
                 ("hearings", "NOUN", "dobj", 2, "hearing"), (prep, "ADP", "prep", 2), ("the", "DET", "det", 6),
                 ("sale", "NOUN", "pobj", 4), (".", "PUNCT", "punct", 2)])
    assert decide_code(doc[3], res) == expected


def _predicate(adjective: str, neg: bool = False, aux: str | None = None) -> list[tuple]:
    """'Ghana said it [would] was [not] <adjective> .' (the predicate an acomp of the copula)."""
    rows = [("Ghana", "PROPN", "nsubj", 1), ("said", "VERB", "ROOT", 1, "say"), ("it", "PRON", "nsubj", 3),
            ("was", "AUX", "ccomp", 1, "be")]
    extra = ([("not", "PART", "neg", 3)] if neg else []) + ([(aux, "AUX", "aux", 3)] if aux else [])
    rows += extra
    return rows + [(adjective, "ADJ", "acomp", 3), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("adjective, neg, aux, expected", [
    ("hopeful", False, None, "013"), ("optimistic", False, None, "013"), ("confident", False, None, "013"),
    ("concerned", False, None, "012"), ("pessimistic", False, None, "012"),
    ("optimistic", True, None, None), ("hopeful", False, "would", None), ("happy", False, None, None),
])
def test_a_speakers_optimism_or_pessimism_is_a_comment(res, adjective, neg, aux, expected):
    doc = parse(_predicate(adjective, neg, aux))
    assert decide_code(doc[len(doc) - 2], res) == expected


def test_the_one_a_sentiment_is_said_of_is_its_source(res):
    doc = parse(_predicate("hopeful"))
    sources, targets, _ = _predicate_subjects(doc, doc[4], countries(doc, res, {0: "GHA"}), res)
    assert [s.country_code for s in sources] == ["GHA"] and targets == []


@pytest.mark.parametrize("goods, lemma, expected", [("food", "food", "073"), ("medicine", "medicine", "073"),
                                                    ("rifles", "rifle", "042"), ("journalists", "journalist", "042")])
def test_an_arrival_bringing_aid_goods_is_that_aid(res, goods, lemma, expected):
    # "Cuba arrived in Dili with <goods> ." — weapons carried along are no gift: the arrival stays a visit
    doc = parse([("Cuba", "PROPN", "nsubj", 1), ("arrived", "VERB", "ROOT", 1, "arrive"), ("in", "ADP", "prep", 1),
                 ("Dili", "PROPN", "pobj", 2), ("with", "ADP", "prep", 1), (goods, "NOUN", "pobj", 4, lemma),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected
