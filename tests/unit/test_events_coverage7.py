"""Trigger coverage, round 7 (issue 15): yields the codebook allows one side alone (a unilateral truce, a domestic
easing). Hand-built inputs, so each rule is tested on what it is written for."""

from __future__ import annotations

import pytest

from newsevents.nlp.actors import country_actor
from newsevents.nlp.events import _dyads, _is_one_sided
from newsevents.nlp.resources import default_resources
from tests.hand_built import parse


@pytest.fixture(scope="module")
def res():
    return default_resources()


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
