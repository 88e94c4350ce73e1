"""Trigger coverage, round 7 (issue 15): yields the codebook allows one side alone (a unilateral truce, a domestic
easing) and permissions whose party the parser hangs on a complement clause ("allowed aid convoys to
cross"). Hand-built inputs, so each rule is tested on what it is written for."""

from __future__ import annotations

import pytest

from newsevents.nlp.actors import country_actor
from newsevents.nlp.events import _dyads, _is_one_sided, decide_code, select_pattern, verb_slots
from newsevents.nlp.senses import object_code
from tests.hand_built import countries, parse


@pytest.mark.parametrize("code", ["0813", "0814"])
def test_a_domestic_easing_needs_no_partner(res, code):
    army = country_actor("AZE", res)
    assert _dyads([army], [], code, res) == [(army, None)]


def test_a_truce_needs_a_partner_unless_said_to_be_one_sided(res):
    army = country_actor("AZE", res)
    assert _dyads([army], [], "0871", res) == []
    assert _dyads([army], [], "0871", res, one_sided=True) == [(army, None)]


@pytest.mark.parametrize("modifier, expected", [("unilateral", True), ("fragile", False)])
def test_a_unilateral_modifier_makes_a_trigger_one_sided(res, modifier, expected):
    # "The army declared a <modifier> ceasefire ."
    doc = parse([("The", "DET", "det", 1), ("army", "NOUN", "nsubj", 2), ("declared", "VERB", "ROOT", 2, "declare"),
                 ("a", "DET", "det", 5), (modifier, "ADJ", "amod", 5), ("ceasefire", "NOUN", "dobj", 2),
                 (".", "PUNCT", "punct", 2)])
    assert _is_one_sided(doc[5], res) is expected


def test_two_sources_of_a_one_sided_yield_still_pair_up(res):
    arm, aze = country_actor("ARM", res), country_actor("AZE", res)
    assert _dyads([arm, aze], [], "0814", res, one_sided=True) == [(arm, aze), (aze, arm)]


def test_a_yield_of_no_one_sided_code_still_needs_a_partner(res):
    assert _dyads([country_actor("AZE", res)], [], "0874", res) == []   # a withdrawal is from somewhere


def _permission(verb: str, lemma: str, subject: str, subject_lemma: str) -> list[tuple]:
    """'Chad <verb> <subject> to cross .' with the one allowed parsed as the complement's subject."""
    return [("Chad", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma), ("aid", "NOUN", "compound", 3),
            (subject, "NOUN", "nsubj", 5, subject_lemma), ("to", "PART", "aux", 5), ("cross", "VERB", "ccomp", 1),
            (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("verb, lemma", [("allowed", "allow"), ("let", "let"), ("permitted", "permit")])
def test_the_one_a_permission_verb_lets_in_is_its_object(res, verb, lemma):
    doc = parse(_permission(verb, lemma, "convoys", "convoy"))
    assert object_code(doc[1], res) == (True, "0863")
    assert decide_code(doc[1], res) == "0863"


def test_a_complement_subject_counts_only_for_a_permission_verb(res):
    doc = parse(_permission("saw", "see", "convoys", "convoy"))
    assert object_code(doc[1], res) == (False, None)


def test_the_one_allowed_is_the_target(res):
    # "Chad allowed Kenyan aid convoys to cross ."
    doc = parse([("Chad", "PROPN", "nsubj", 1), ("allowed", "VERB", "ROOT", 1, "allow"), ("Kenyan", "ADJ", "amod", 4),
                 ("aid", "NOUN", "compound", 4), ("convoys", "NOUN", "nsubj", 6, "convoy"), ("to", "PART", "aux", 6),
                 ("cross", "VERB", "ccomp", 1), (".", "PUNCT", "punct", 1)])
    actors = countries(doc, res, {0: "TCD", 2: "KEN"})
    sources, targets, _ = verb_slots(doc, doc[1], select_pattern(doc[1], res), actors, res)
    assert ([a.key for a in sources], [a.key for a in targets]) == (["country:TCD"], ["country:KEN"])

