"""Trigger coverage, round 8 (issue 15): money written as an amount with a currency sign is economic aid (071),
paying out or releasing funds is aid, taking someone into custody is an arrest (173), and an investigation of a
person is a criminal or corruption investigation (091). Hand-built inputs, so each rule is tested on what it is
written for."""

from __future__ import annotations

import pytest

from newsevents.nlp.events import decide_code, modality, negation
from newsevents.nlp.senses import goods_code, investigation_code
from tests.hand_built import parse


def _given(verb: str, lemma: str, sign: str) -> list[tuple]:
    """'Norway <verb> <sign>30 million to Malawi .'"""
    return [("Norway", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma), (sign, "SYM", "quantmod", 4),
            ("30", "NUM", "compound", 4), ("million", "NUM", "dobj", 1), ("to", "ADP", "prep", 1),
            ("Malawi", "PROPN", "pobj", 5), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("sign, expected", [("$", "071"), ("€", "071"), ("some", None)])
def test_an_amount_with_a_currency_sign_is_money(res, sign, expected):
    doc = parse(_given("provided", "provide", sign))
    assert goods_code([doc[4]], res) == expected


@pytest.mark.parametrize("verb, lemma", [("provided", "provide"), ("released", "release"),
                                         ("disbursed", "disburse")])
def test_money_given_paid_out_or_released_is_economic_aid(res, verb, lemma):
    assert decide_code(parse(_given(verb, lemma, "$"))[1], res) == "071"


def test_released_prisoners_are_still_a_release(res):
    doc = parse([("Iraq", "PROPN", "nsubj", 1), ("released", "VERB", "ROOT", 1, "release"),
                 ("two", "NUM", "nummod", 3), ("prisoners", "NOUN", "dobj", 1, "prisoner"), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "0841"


@pytest.mark.parametrize("noun, expected", [("custody", "173"), ("account", None)])
def test_taking_into_custody_is_an_arrest(res, noun, expected):
    # "Police took the journalist into <noun> ."
    doc = parse([("Police", "NOUN", "nsubj", 1, "police"), ("took", "VERB", "ROOT", 1, "take"),
                 ("the", "DET", "det", 3), ("journalist", "NOUN", "dobj", 1), ("into", "ADP", "prep", 1),
                 (noun, "NOUN", "pobj", 4), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


def _investigation(obj: str, lemma: str, ents: dict | None = None) -> list[tuple]:
    """'Prosecutors opened an investigation into the <obj> .' (the 'into' phrase on the light verb)."""
    return [("Prosecutors", "NOUN", "nsubj", 1, "prosecutor"), ("opened", "VERB", "ROOT", 1, "open"),
            ("an", "DET", "det", 3), ("investigation", "NOUN", "dobj", 1), ("into", "ADP", "prep", 1),
            ("the", "DET", "det", 6), (obj, "NOUN", "pobj", 4, lemma), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("obj, lemma, expected", [("mayor", "mayor", "091"), ("governors", "governor", "091"),
                                                  ("collapse", "collapse", "090")])
def test_an_investigation_into_a_person_is_criminal(res, obj, lemma, expected):
    doc = parse(_investigation(obj, lemma))
    assert investigation_code(doc[3], "090", res) == expected


def test_a_named_person_investigated_is_criminal(res):
    doc = parse([("Police", "NOUN", "nsubj", 1, "police"), ("investigated", "VERB", "ROOT", 1, "investigate"),
                 ("Okafor", "PROPN", "dobj", 1), (".", "PUNCT", "punct", 1)], ents={2: "PERSON"})
    assert investigation_code(doc[1], "090", res) == "091"


def test_what_an_investigation_is_over_names_its_kind(res):
    # "Police investigated the general over abuses ." -> the 'over' act's own row (092), not the person's 091
    doc = parse([("Police", "NOUN", "nsubj", 1, "police"), ("investigated", "VERB", "ROOT", 1, "investigate"),
                 ("the", "DET", "det", 3), ("general", "NOUN", "dobj", 1), ("over", "ADP", "prep", 1),
                 ("abuses", "NOUN", "pobj", 4, "abuse"), (".", "PUNCT", "punct", 1)])
    assert investigation_code(doc[1], "090", res) == "092"


def test_a_refined_investigation_keeps_its_code(res):
    doc = parse(_investigation("mayor", "mayor"))
    assert investigation_code(doc[3], "094", res) == "094"


def _cut(verb: str, lemma: str, obj: str, obj_lemma: str) -> list[tuple]:
    """'Germany <verb> its <obj> to Burundi .'"""
    return [("Germany", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma), ("its", "PRON", "poss", 3),
            (obj, "NOUN", "dobj", 1, obj_lemma), ("to", "ADP", "prep", 3), ("Burundi", "PROPN", "pobj", 4),
            (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("verb, lemma, obj, obj_lemma, expected", [
    ("froze", "freeze", "loans", "loan", "1621"), ("suspended", "suspend", "grants", "grant", "1621"),
    ("froze", "freeze", "assets", "asset", "163")])
def test_loans_frozen_or_suspended_stop_economic_aid(res, verb, lemma, obj, obj_lemma, expected):
    assert decide_code(parse(_cut(verb, lemma, obj, obj_lemma))[1], res) == expected


@pytest.mark.parametrize("verb, lemma, obj, expected", [
    ("exchanged", "exchange", "intelligence", "064"), ("gave", "give", "information", "064"),
    ("exchanged", "exchange", "views", None)])
def test_intelligence_given_or_exchanged_is_shared(res, verb, lemma, obj, expected):
    doc = parse([("Peru", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma),
                 (obj, "NOUN", "dobj", 1, obj.rstrip("s") if obj == "views" else obj), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


def _plot(verb: str, lemma: str, noun: str) -> list[tuple]:
    """'Police <verb> a <noun> to bomb the embassy .' with the infinitive hung on the verb (advcl)."""
    return [("Police", "NOUN", "nsubj", 1, "police"), (verb, "VERB", "ROOT", 1, lemma), ("a", "DET", "det", 3),
            (noun, "NOUN", "dobj", 1), ("to", "PART", "aux", 5), ("bomb", "VERB", "advcl", 1),
            ("the", "DET", "det", 7), ("embassy", "NOUN", "dobj", 5), (".", "PUNCT", "punct", 1)]


def test_an_infinitive_on_a_verb_with_a_plot_object_is_planned(res):
    doc = parse(_plot("hatched", "hatch", "plot"))
    assert modality(doc[5], res) == "intent"
    assert modality(parse(_plot("hatched", "hatch", "bag"))[5], res) is None


def test_a_foiled_plot_did_not_happen(res):
    assert negation(parse(_plot("foiled", "foil", "plot"))[5], res) == "negated"
    assert decide_code(parse(_plot("foiled", "foil", "plot"))[5], res) is None


@pytest.mark.parametrize("obj, lemma, expected", [("assistance", "assistance", "070"), ("rice", "rice", "073"),
                                                  ("powers", "power", None), ("win", "win", None)])
def test_give_is_aid_only_with_a_listed_object_or_goods(res, obj, lemma, expected):
    # "Norway gave Malawi <obj> ."
    doc = parse([("Norway", "PROPN", "nsubj", 1), ("gave", "VERB", "ROOT", 1, "give"), ("Malawi", "PROPN", "dative", 1),
                 (obj, "NOUN", "dobj", 1, lemma), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("goods, lemma, expected", [("drones", "drone", "072"), ("rice", "rice", "073"),
                                                    ("advice", "advice", "070")])
def test_what_a_receiver_is_supplied_with_is_the_aid(res, goods, lemma, expected):
    # "Iran supplied the rebels with <goods> ."
    doc = parse([("Iran", "PROPN", "nsubj", 1), ("supplied", "VERB", "ROOT", 1, "supply"), ("the", "DET", "det", 3),
                 ("rebels", "NOUN", "dobj", 1, "rebel"), ("with", "ADP", "prep", 1), (goods, "NOUN", "pobj", 4, lemma),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected
