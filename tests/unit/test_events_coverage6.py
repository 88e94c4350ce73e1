"""Trigger coverage, round 6 (issue 15): an order whose content is a departure (an expulsion), particle verbs with
object rows of their own ('call off' talks, 'walk out of' talks, 'return to' the table), cooperation done jointly
and its partners, aid workers expelled. Hand-built Docs, so each rule is tested on the parse it is written for."""

from __future__ import annotations

import pytest

from newsevents.nlp.actors import country_actor
from newsevents.nlp.events import _joint_targets, code_decision, decide_code, verb_slots
from tests.hand_built import countries, parse


def _order(obj: str, obj_lemma: str, complement: str, *, owner: str = "") -> list[tuple]:
    """'Chad ordered [owner] <obj> to <complement> .'"""
    rows = [("Chad", "PROPN", "nsubj", 1), ("ordered", "VERB", "ROOT", 1, "order")]
    if owner:
        rows.append((owner, "PRON", "poss", 3))
    n = len(rows)
    return rows + [(obj, "NOUN", "dobj", 1, obj_lemma), ("to", "PART", "aux", n + 2),
                   (complement, "VERB", "xcomp", 1), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("obj, obj_lemma, complement, code", [
    ("troops", "troop", "leave", "166"),          # foreign forces ordered out: an international presence (1661 is
                                                  # peacekeepers', round 10)
    ("diplomats", "diplomat", "leave", "161"),    # diplomats ordered out: relations cut
    ("inspectors", "inspector", "quit", "1662"),
    ("agency", "agency", "leave", "1663"),        # an aid agency ordered out
    ("troops", "troop", "attack", None),          # an order to attack is no expulsion
    ("residents", "resident", "leave", None),     # an evacuation order: nobody listed is ordered out
])
def test_an_order_to_leave_is_an_expulsion_of_who_is_ordered_out(res, obj, obj_lemma, complement, code):
    doc = parse(_order(obj, obj_lemma, complement))
    assert decide_code(doc[1], res) == code


def test_an_order_to_ones_own_troops_is_no_expulsion_and_the_ordered_are_the_target(res):
    own = parse(_order("troops", "troop", "leave", owner="its"))
    assert decide_code(own[1], res) is None
    # "Chad ordered Libyan troops to leave ." with the troops' country on the object
    doc = parse([("Chad", "PROPN", "nsubj", 1), ("ordered", "VERB", "ROOT", 1, "order"),
                 ("Libyan", "ADJ", "amod", 3), ("troops", "NOUN", "dobj", 1, "troop"), ("to", "PART", "aux", 5),
                 ("leave", "VERB", "xcomp", 1), (".", "PUNCT", "punct", 1)])
    decision = code_decision(doc[1], res)
    sources, targets, _ = verb_slots(doc, doc[1], decision.pattern, countries(doc, res, {0: "TCD", 3: "LBY"}), res)
    assert [s.country_code for s in sources] == ["TCD"] and [t.country_code for t in targets] == ["LBY"]


def test_a_departure_in_a_conjunct_of_the_complement_counts(res):
    # "Chad ordered the agency to close its offices and leave ."
    doc = parse([("Chad", "PROPN", "nsubj", 1), ("ordered", "VERB", "ROOT", 1, "order"), ("the", "DET", "det", 3),
                 ("agency", "NOUN", "dobj", 1), ("to", "PART", "aux", 5), ("close", "VERB", "xcomp", 1),
                 ("its", "PRON", "poss", 7), ("offices", "NOUN", "dobj", 5, "office"), ("and", "CCONJ", "cc", 5),
                 ("leave", "VERB", "conj", 5), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "1663"


def _particle(verb: str, lemma: str, particle: str, obj: str, obj_lemma: str, *, dep: str = "prt") -> list[tuple]:
    """'Serbia <verb> <particle> the <obj> .' (the object hanging off the verb, or off the particle when dep=prep)."""
    rows = [("Serbia", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma), (particle, "ADP", dep, 1),
            ("the", "DET", "det", 4)]
    head = 2 if dep == "prep" else 1
    return rows + [(obj, "NOUN", "pobj" if dep == "prep" else "dobj", head, obj_lemma), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("verb, lemma, particle, obj, obj_lemma, dep, code", [
    ("called", "call", "off", "talks", "talk", "prt", "164"),        # talks called off: negotiations halted
    ("called", "call", "off", "visit", "visit", "prt", "164"),       # a visit called off: contact halted
    ("called", "call", "off", "carnival", "carnival", "prt", None),  # anything else called off: no event
    ("returned", "return", "to", "table", "table", "prep", "046"),   # back at the negotiating table
    ("returned", "return", "to", "capital", "capital", "prep", None),  # back in a place: no event
])
def test_a_particle_verb_is_read_by_its_own_object_rows(res, verb, lemma, particle, obj, obj_lemma, dep, code):
    doc = parse(_particle(verb, lemma, particle, obj, obj_lemma, dep=dep))
    assert decide_code(doc[1], res) == code


def test_talks_walked_out_of_are_halted_and_a_bare_walkout_a_strike(res):
    # "Serbia walked out of the talks ." ('out' a preposition of the verb, 'of' hanging off 'out')
    talks = parse([("Serbia", "PROPN", "nsubj", 1), ("walked", "VERB", "ROOT", 1, "walk"), ("out", "ADP", "prep", 1),
                   ("of", "ADP", "prep", 2), ("the", "DET", "det", 5), ("talks", "NOUN", "pobj", 3, "talk"),
                   (".", "PUNCT", "punct", 1)])
    bare = parse([("Workers", "NOUN", "nsubj", 1, "worker"), ("walked", "VERB", "ROOT", 1, "walk"),
                  ("out", "ADP", "prt", 1), (".", "PUNCT", "punct", 1)])
    assert decide_code(talks[1], res) == "164" and decide_code(bare[1], res) == "143"


@pytest.mark.parametrize("adverb, code", [("jointly", "061"), ("quickly", None)])
def test_developing_jointly_is_economic_cooperation(res, adverb, code):
    # "Kenya and Ethiopia <adverb> developed the fields ."
    doc = parse([("Kenya", "PROPN", "nsubj", 4), ("and", "CCONJ", "cc", 0), ("Ethiopia", "PROPN", "conj", 0),
                 (adverb, "ADV", "advmod", 4), ("developed", "VERB", "ROOT", 4, "develop"), ("the", "DET", "det", 6),
                 ("fields", "NOUN", "dobj", 4, "field"), (".", "PUNCT", "punct", 4)])
    assert decide_code(doc[4], res) == code


def test_a_joint_operation_against_a_third_party_pairs_its_sources(res):
    # "... a joint operation against jihadists": 'joint' on the trigger; the adversary is no partner
    doc = parse([("a", "DET", "det", 2), ("joint", "ADJ", "amod", 2), ("operation", "NOUN", "ROOT", 2)])
    niger, mali, other = country_actor("NER", res), country_actor("MLI", res), country_actor("DZA", res)
    assert decide_code(doc[2], res) == "060"
    assert _joint_targets(doc[2], "060", [niger, mali], [other], res) == []
    assert _joint_targets(doc[2], "060", [niger], [other], res) == [other]   # one country: a real target
    plain = parse([("an", "DET", "det", 1), ("operation", "NOUN", "ROOT", 1)])
    assert _joint_targets(plain[1], "060", [niger, mali], [other], res) == [other]


@pytest.mark.parametrize("modifier, modifier_lemma, code", [("aid", "aid", "1663"), ("farm", "farm", "174")])
def test_aid_workers_expelled_are_aid_agencies(res, modifier, modifier_lemma, code):
    # "Uganda expelled <modifier> workers ."
    doc = parse([("Uganda", "PROPN", "nsubj", 1), ("expelled", "VERB", "ROOT", 1, "expel"),
                 (modifier, "NOUN", "compound", 3, modifier_lemma), ("workers", "NOUN", "dobj", 1, "worker"),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == code
