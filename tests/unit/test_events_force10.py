"""Protest and force codes, and acts that did not happen now, round 10 (issue 15): a disease or a force of nature as
the subject (no actor acts), an act counted as none ("made no arrests"), history recalled in a relative clause of a
dated noun, a verb's final 'e' the lemmatiser cut ("raped" -> "rap"), reservists called up (154), shutters pulled
down (143), control taken of a town (192), mustard gas used (2041), an envoy recalled (161, nothing else recalled).
Hand-built inputs, so each rule is tested on the parse it is written for."""

from __future__ import annotations

import pytest

from newsevents.nlp.events import _restore_cut_lemmas, _year_phrase, decide_code
from tests.hand_built import parse


def _clause(subject: tuple, verb: tuple, obj: tuple) -> list[tuple]:
    """'<subject> <verb> <obj> .' with the subject and object one noun each."""
    return [(*subject[:2], "nsubj", 1, *subject[2:]), (verb[0], "VERB", "ROOT", 1, verb[1]),
            (obj[0], "NOUN", "dobj", 1, obj[1]), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("subject, expected", [
    (("Malaria", "NOUN", "malaria"), None), (("Cholera", "NOUN", "cholera"), None),
    (("Floods", "NOUN", "flood"), None), (("Rebels", "NOUN", "rebel"), "180")])
def test_a_disease_or_force_of_nature_killing_is_no_act(res, subject, expected):
    doc = parse(_clause(subject, ("kill", "kill"), ("children", "child")))
    assert decide_code(doc[1], res) == expected


def test_a_participle_of_a_natural_force_is_no_act_either(res):
    # "A landslide buried the village , killing twenty ."
    doc = parse([("A", "DET", "det", 1), ("landslide", "NOUN", "nsubj", 2), ("buried", "VERB", "ROOT", 2, "bury"),
                 ("the", "DET", "det", 4), ("village", "NOUN", "dobj", 2), (",", "PUNCT", "punct", 2),
                 ("killing", "VERB", "advcl", 2, "kill"), ("twenty", "NUM", "dobj", 6), (".", "PUNCT", "punct", 2)])
    assert decide_code(doc[6], res) is None


@pytest.mark.parametrize("det, expected", [("no", None), ("two", "173"), ("several", "173")])
def test_an_act_counted_as_none_did_not_happen(res, det, expected):
    # "Police made <det> arrests ."
    doc = parse([("Police", "NOUN", "nsubj", 1), ("made", "VERB", "ROOT", 1, "make"),
                 (det, "DET" if det == "no" else "NUM", "det" if det == "no" else "nummod", 3),
                 ("arrests", "NOUN", "dobj", 1, "arrest"), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[3], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("nobody", "nobody", None), ("villagers", "villager", "180")])
def test_a_verb_whose_object_is_nobody_did_not_happen(res, obj, lemma, expected):
    doc = parse(_clause(("Troops", "NOUN", "troop"), ("killed", "kill"), (obj, lemma)))
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("word, lemma, restored", [
    ("raped", "rap", "rape"), ("rapes", "rap", "rape"), ("raping", "rap", "rape"),
    ("rapped", "rap", "rap"), ("killed", "kill", "kill")])
def test_a_final_e_the_lemmatiser_cut_is_given_back(res, word, lemma, restored):
    doc = parse(_clause(("Soldiers", "NOUN", "soldier"), (word, lemma), ("women", "woman")))
    _restore_cut_lemmas(doc, res)
    assert doc[1].lemma_ == restored


def test_a_restored_rape_is_coded(res):
    doc = parse(_clause(("Militiamen", "NOUN", "militiaman"), ("raped", "rap"), ("women", "woman")))
    _restore_cut_lemmas(doc, res)
    assert decide_code(doc[1], res) == "1821"


@pytest.mark.parametrize("year, expected", [("1982", 1982), ("2011", 2011), ("office", None)])
def test_the_year_of_a_dated_noun(year, expected):
    # "the day in <year> when soldiers stormed it": the noun's 'in'-phrase names the year
    doc = parse([("the", "DET", "det", 1), ("day", "NOUN", "ROOT", 1), ("in", "ADP", "prep", 1),
                 (year, "NUM" if year.isdigit() else "NOUN", "pobj", 2)])
    assert _year_phrase(doc[1]) == expected


def _particle(verb: str, lemma: str, prt: str, obj: str, obj_lemma: str, subject: str = "Mali") -> list[tuple]:
    """'<subject> <verb> <prt> the <obj> .'"""
    return [(subject, "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma), (prt, "ADP", "prt", 1),
            ("the", "DET", "det", 4), (obj, "NOUN", "dobj", 1, obj_lemma), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("obj, lemma, expected", [
    ("reservists", "reservist", "154"), ("volunteers", "volunteer", "154"), ("conscripts", "conscript", "154"),
    ("minister", "minister", "041")])   # 'called up the minister' is a telephone call
def test_calling_up_forces_is_a_mobilisation(res, obj, lemma, expected):
    assert decide_code(parse(_particle("called", "call", "up", obj, lemma))[1], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("shutters", "shutter", "143"), ("statue", "statue", None)])
def test_shutters_pulled_down_are_a_strike(res, obj, lemma, expected):
    doc = parse(_particle("pulled", "pull", "down", obj, lemma, subject="Shopkeepers"))
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("control", "control", "192"), ("hostages", "hostage", "181"),
                                                  ("notes", "note", None)])
def test_taking_control_is_an_occupation(res, obj, lemma, expected):
    doc = parse(_clause(("Rebels", "NOUN", "rebel"), ("took", "take"), (obj, lemma)))
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("modifier, expected", [("mustard", "2041"), ("nerve", "2041"), ("tear", "175")])
def test_a_chemical_agent_used_is_a_chemical_attack(res, modifier, expected):
    # "Troops used <modifier> gas ."
    doc = parse([("Troops", "NOUN", "nsubj", 1, "troop"), ("used", "VERB", "ROOT", 1, "use"),
                 (modifier, "NOUN", "compound", 3), ("gas", "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("ambassador", "ambassador", "161"), ("envoy", "envoy", "161"),
                                                  ("night", "night", None), ("cars", "car", None)])
def test_only_an_envoy_recalled_cuts_relations(res, obj, lemma, expected):
    doc = parse(_clause(("Peru", "PROPN"), ("recalled", "recall"), (obj, lemma)))
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("placards", "placard", "141"), ("talks", "talk", "040")])
def test_a_crowd_holding_placards_is_demonstrating(res, obj, lemma, expected):
    # "Miners held <obj> ." : the noun is the trigger through the light verb
    doc = parse([("Miners", "NOUN", "nsubj", 1, "miner"), ("held", "VERB", "ROOT", 1, "hold"),
                 (obj, "NOUN", "dobj", 1, lemma), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[2], res) == expected
