"""Sub-codes, round 9 (issue 15): what a protest demands gives its sub-code (`protest_aim`, `recoding.protest`), a
demand for political change made while protesters gather is a demonstration for it (`protesters_demand`), and the
reform an appeal, demand or rejection is about when no coded act names it (`reform_act`: rights, policy change,
institutional or regime change). Hand-built inputs, so each rule is tested on the parse it is written for."""

from __future__ import annotations

import pytest

from newsevents.nlp.events import decide_code, protest_aim, protesters_demand, reform_act
from tests.hand_built import parse


def _marched_to_demand(obj: list[tuple]) -> list[tuple]:
    """'Students marched to demand <obj rows> .' (obj rows' heads are absolute indexes; the object is token 4)."""
    return [("Students", "NOUN", "nsubj", 1, "student"), ("marched", "VERB", "ROOT", 1, "march"),
            ("to", "PART", "aux", 3), ("demand", "VERB", "advcl", 1), *obj, (".", "PUNCT", "punct", 1)]


RESIGNATION = [("the", "DET", "det", 5), ("resignation", "NOUN", "dobj", 3), ("of", "ADP", "prep", 5),
               ("the", "DET", "det", 8), ("minister", "NOUN", "pobj", 6)]


def test_a_march_to_demand_a_resignation_is_a_demonstration_for_leadership_change(res):
    doc = parse(_marched_to_demand(RESIGNATION))
    assert decide_code(doc[3], res) == "1041"   # the demand alone
    assert protest_aim(doc[1], "141", res) == "1411"
    assert decide_code(doc[1], res) == "1411"


def test_a_march_for_a_release_stays_generic(res):
    # "Students marched to demand the release of the minister ." : no political reform, no sub-code
    rows = _marched_to_demand(RESIGNATION)
    rows[5] = ("release", "NOUN", "dobj", 3)
    doc = parse(rows)
    assert protest_aim(doc[1], "141", res) == "141"


def test_the_sub_code_digit_carries_over_to_other_protests(res):
    doc = parse(_marched_to_demand(RESIGNATION))
    assert protest_aim(doc[1], "144", res) == "1441"   # obstruct to demand leadership change
    assert protest_aim(doc[1], "1411", res) == "1411"  # a code already specific stays
    assert protest_aim(doc[1], "111", res) == "111"    # no protest, no change


def test_a_strike_reached_through_its_light_verb_reads_the_verbs_purpose(res):
    # "Nurses went on strike to demand the resignation of the minister ."
    doc = parse([("Nurses", "NOUN", "nsubj", 1, "nurse"), ("went", "VERB", "ROOT", 1, "go"), ("on", "ADP", "prep", 1),
                 ("strike", "NOUN", "pobj", 2), ("to", "PART", "aux", 5), ("demand", "VERB", "advcl", 1),
                 ("the", "DET", "det", 7), ("resignation", "NOUN", "dobj", 5), ("of", "ADP", "prep", 7),
                 ("the", "DET", "det", 10), ("minister", "NOUN", "pobj", 8), (".", "PUNCT", "punct", 1)])
    assert protest_aim(doc[3], "143", res) == "1431"


def _gathered_demanding(subject: str) -> list[tuple]:
    """'<subject> gathered demanding the resignation of the minister .'"""
    return [(subject, "NOUN", "nsubj", 1, subject.lower().rstrip("s")), ("gathered", "VERB", "ROOT", 1, "gather"),
            ("demanding", "VERB", "advcl", 1, "demand"), ("the", "DET", "det", 4), ("resignation", "NOUN", "dobj", 2),
            ("of", "ADP", "prep", 4), ("the", "DET", "det", 7), ("minister", "NOUN", "pobj", 5),
            (".", "PUNCT", "punct", 1)]


def test_protesters_gathering_while_demanding_a_resignation_demonstrate(res):
    doc = parse(_gathered_demanding("Protesters"))
    assert protesters_demand(doc[2], "1041", res) == "1411"
    assert decide_code(doc[2], res) == "1411"


def test_others_gathering_or_protesters_only_demanding_make_a_demand(res):
    doc = parse(_gathered_demanding("Farmers"))
    assert protesters_demand(doc[2], "1041", res) == "1041"
    # "Protesters demanded the resignation of the minister ." : a demand (the challenge set's c10-001)
    doc = parse([("Protesters", "NOUN", "nsubj", 1, "protester"), ("demanded", "VERB", "ROOT", 1, "demand"),
                 ("the", "DET", "det", 3), ("resignation", "NOUN", "dobj", 1), ("of", "ADP", "prep", 3),
                 ("the", "DET", "det", 6), ("minister", "NOUN", "pobj", 4), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "1041"


def _urged_to(verb: str, obj: list[tuple]) -> list[tuple]:
    """'Ghana urged Togo to <verb> <obj rows> .' (the complement verb is token 4; obj rows' heads absolute)."""
    return [("Ghana", "PROPN", "nsubj", 1), ("urged", "VERB", "ROOT", 1, "urge"), ("Togo", "PROPN", "dobj", 1),
            ("to", "PART", "aux", 4), (verb, "VERB", "xcomp", 1), *obj, (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("verb, obj, expected", [
    ("respect", [("the", "DET", "det", 6), ("rights", "NOUN", "dobj", 4, "right")], "0243"),
    ("restore", [("press", "NOUN", "compound", 6), ("freedom", "NOUN", "dobj", 4)], "0243"),
    ("reconsider", [("the", "DET", "det", 6), ("tariffs", "NOUN", "dobj", 4, "tariff")], "0242"),
    ("organise", [("a", "DET", "det", 6), ("transition", "NOUN", "dobj", 4), ("to", "ADP", "prep", 6),
                  ("civilian", "ADJ", "amod", 9), ("rule", "NOUN", "pobj", 7)], "0244"),
    ("organise", [("a", "DET", "det", 6), ("return", "NOUN", "dobj", 4), ("to", "ADP", "prep", 6),
                  ("civilian", "ADJ", "amod", 9), ("rule", "NOUN", "pobj", 7)], "0244"),
])
def test_an_appeal_for_reform_is_coded_by_the_reform(res, verb, obj, expected):
    doc = parse(_urged_to(verb, obj))
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("verb, obj", [
    ("act", []),                                                        # no act named: the generic appeal
    ("organise", [("a", "DET", "det", 6), ("return", "NOUN", "dobj", 4), ("to", "ADP", "prep", 6),
                  ("the", "DET", "det", 9), ("rule", "NOUN", "pobj", 7)]),   # a rule of no named kind
    ("collect", [("the", "DET", "det", 6), ("tariffs", "NOUN", "dobj", 4, "tariff")]),   # no change of policy
])
def test_an_appeal_that_names_no_reform_stays_generic(res, verb, obj):
    doc = parse(_urged_to(verb, obj))
    assert reform_act(doc[1], res) is None
    assert decide_code(doc[1], res) == "020"


def test_a_demand_and_a_rejection_of_a_reform_take_their_own_sub_codes(res):
    # "Unions demanded that the government raise the wage ."
    doc = parse([("Unions", "NOUN", "nsubj", 1, "union"), ("demanded", "VERB", "ROOT", 1, "demand"),
                 ("that", "SCONJ", "mark", 5), ("the", "DET", "det", 4), ("government", "NOUN", "nsubj", 5),
                 ("raise", "VERB", "ccomp", 1), ("the", "DET", "det", 7), ("wage", "NOUN", "dobj", 5),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "1042"
    # "Chad rejected calls for a new constitution ."
    doc = parse([("Chad", "PROPN", "nsubj", 1), ("rejected", "VERB", "ROOT", 1, "reject"),
                 ("calls", "NOUN", "dobj", 1, "call"), ("for", "ADP", "prep", 2), ("a", "DET", "det", 6),
                 ("new", "ADJ", "amod", 6), ("constitution", "NOUN", "pobj", 3), (".", "PUNCT", "punct", 1)])
    assert reform_act(doc[1], res) == "0834"
    assert decide_code(doc[1], res) == "1234"


def _held(subject: str, obj: list[tuple]) -> list[tuple]:
    """'<subject> held <obj rows> .' (obj rows' heads absolute; the object starts at token 2)."""
    return [(subject, "NOUN", "nsubj", 1, subject.lower().rstrip("s")), ("held", "VERB", "ROOT", 1, "hold"), *obj,
            (".", "PUNCT", "punct", 1)]


def test_a_round_of_talks_is_a_negotiation(res):
    # "Ministers held a round of talks ."
    doc = parse(_held("Ministers", [("a", "DET", "det", 3), ("round", "NOUN", "dobj", 1), ("of", "ADP", "prep", 3),
                                    ("talks", "NOUN", "pobj", 4, "talk")]))
    assert decide_code(doc[5], res) == "046"


def test_talks_held_by_negotiators_are_a_negotiation(res):
    doc = parse(_held("Negotiators", [("talks", "NOUN", "dobj", 1, "talk")]))
    assert decide_code(doc[2], res) == "046"
    doc = parse(_held("Ministers", [("talks", "NOUN", "dobj", 1, "talk")]))
    assert decide_code(doc[2], res) == "040"   # talks of no named kind stay the generic consultation


def test_forces_asked_for_to_protect_are_an_appeal_for_protection(res):
    # "Mali asked Chad to deploy troops to protect the town ."
    rows = [("Mali", "PROPN", "nsubj", 1), ("asked", "VERB", "ROOT", 1, "ask"), ("Chad", "PROPN", "dobj", 1),
            ("to", "PART", "aux", 4), ("deploy", "VERB", "xcomp", 1), ("troops", "NOUN", "dobj", 4, "troop"),
            ("to", "PART", "aux", 7), ("protect", "VERB", "advcl", 4), ("the", "DET", "det", 9),
            ("town", "NOUN", "dobj", 7), (".", "PUNCT", "punct", 1)]
    assert decide_code(parse(rows)[1], res) == "0234"
    rows[7] = ("visit", "VERB", "advcl", 4)   # a purpose that is no protection: the deployment's own appeal code
    assert decide_code(parse(rows)[1], res) != "0234"


def test_rejected_calls_to_reform_reject_a_request_for_reform(res):
    # "Chad dismissed calls to reform the commission ."
    rows = [("Chad", "PROPN", "nsubj", 1), ("dismissed", "VERB", "ROOT", 1, "dismiss"),
            ("calls", "NOUN", "dobj", 1, "call"), ("to", "PART", "aux", 4), ("reform", "VERB", "acl", 2),
            ("the", "DET", "det", 6), ("commission", "NOUN", "dobj", 4), (".", "PUNCT", "punct", 1)]
    assert reform_act(parse(rows)[1], res) == "083"
    assert decide_code(parse(rows)[1], res) == "123"
    rows[4] = ("inspect", "VERB", "acl", 2)   # no reform named, and the call is no consultation (125) of its own
    assert decide_code(parse(rows)[1], res) == "120"
