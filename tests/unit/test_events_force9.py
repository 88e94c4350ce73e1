"""Trigger coverage, round 9 (issue 15): protest and force families of the CAMEO codebook written as data — stones
thrown at police (145), food refused (142), police or troops sent, dispatched, rushed or moved (153/154), a
population forced out (201), a beating to death (1823), a nuclear device detonated (2042), disappointment or dismay
voiced (110), and the act a reaction is voiced 'at'. Hand-built inputs, so each row is tested on the parse it is
written for."""

from __future__ import annotations

import pytest

from newsevents.nlp.events import _reaction_region, decide_code
from tests.hand_built import parse


def _thrown(verb: str, lemma: str, obj: str, obj_lemma: str) -> list[tuple]:
    """'Rioters <verb> <obj> at police .'"""
    return [("Rioters", "NOUN", "nsubj", 1, "rioter"), (verb, "VERB", "ROOT", 1, lemma),
            (obj, "NOUN", "dobj", 1, obj_lemma), ("at", "ADP", "prep", 1), ("police", "NOUN", "pobj", 3),
            (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("verb, lemma, obj, obj_lemma, expected", [
    ("threw", "throw", "stones", "stone", "145"), ("hurled", "hurl", "rocks", "rock", "145"),
    ("threw", "throw", "bottles", "bottle", "145"), ("threw", "throw", "support", "support", None),
    ("hurled", "hurl", "insults", "insult", None)])
def test_missiles_thrown_at_police_are_a_violent_protest(res, verb, lemma, obj, obj_lemma, expected):
    assert decide_code(parse(_thrown(verb, lemma, obj, obj_lemma))[1], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("stones", "stone", "145"), ("questions", "question", None)])
def test_pelting_with_stones_is_a_violent_protest(res, obj, lemma, expected):
    # "Villagers pelted police with <obj> ."
    doc = parse([("Villagers", "NOUN", "nsubj", 1, "villager"), ("pelted", "VERB", "ROOT", 1, "pelt"),
                 ("police", "NOUN", "dobj", 1), ("with", "ADP", "prep", 1), (obj, "NOUN", "pobj", 3, lemma),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("food", "food", "142"), ("meals", "meal", "142"),
                                                  ("offer", "offer", "120")])
def test_refusing_food_is_a_hunger_strike(res, obj, lemma, expected):
    # "Inmates refused <obj> ."
    doc = parse([("Inmates", "NOUN", "nsubj", 1, "inmate"), ("refused", "VERB", "ROOT", 1, "refuse"),
                 (obj, "NOUN", "dobj", 1, lemma), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


def _sent(verb: str, lemma: str, obj: list[tuple]) -> list[tuple]:
    """'Peru <verb> [modifiers] <head> to the border .' (`obj`: modifier rows then the head, heads relative)."""
    rows = [("Peru", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma)]
    head = 2 + len(obj) - 1
    rows += [(w, p, d, head, lem) for w, p, d, lem in obj[:-1]]
    w, p, _, lem = obj[-1]
    rows += [(w, p, "dobj", 1, lem), ("to", "ADP", "prep", 1), ("the", "DET", "det", head + 3),
             ("border", "NOUN", "pobj", head + 1), (".", "PUNCT", "punct", 1)]
    return rows


@pytest.mark.parametrize("verb, lemma, obj, expected", [
    ("sent", "send", [("officers", "NOUN", "dobj", "officer")], "153"),
    ("sent", "send", [("gendarmerie", "ADJ", "amod", "gendarmerie"), ("units", "NOUN", "dobj", "unit")], "153"),
    ("dispatched", "dispatch", [("police", "NOUN", "dobj", "police")], "153"),
    ("deployed", "deploy", [("officers", "NOUN", "dobj", "officer")], "153"),
    ("moved", "move", [("armoured", "ADJ", "amod", "armoured"), ("brigade", "NOUN", "dobj", "brigade")], "154"),
    ("rushed", "rush", [("troops", "NOUN", "dobj", "troop")], "154"),
    ("sent", "send", [("battalions", "NOUN", "dobj", "battalion")], "154"),
    ("sent", "send", [("players", "NOUN", "dobj", "player")], None),
    ("rushed", "rush", [("staff", "NOUN", "dobj", "staff")], None)])
def test_police_and_troops_sent_or_moved_are_a_mobilisation(res, verb, lemma, obj, expected):
    assert decide_code(parse(_sent(verb, lemma, obj))[1], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("villagers", "villager", "201"), ("families", "family", "201"),
                                                  ("rivals", "rival", None)])
def test_forcing_a_population_out_is_a_mass_expulsion(res, obj, lemma, expected):
    # "Soldiers forced <obj> out of the district ."
    doc = parse([("Soldiers", "NOUN", "nsubj", 1, "soldier"), ("forced", "VERB", "ROOT", 1, "force"),
                 (obj, "NOUN", "dobj", 1, lemma), ("out", "ADP", "prep", 1), ("of", "ADP", "prep", 3),
                 ("the", "DET", "det", 6), ("district", "NOUN", "pobj", 4), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


def test_a_beating_to_death_is_a_killing_by_assault(res):
    # "A mob beat to death a shopkeeper ." / "A mob beat a shopkeeper ."
    doc = parse([("A", "DET", "det", 1), ("mob", "NOUN", "nsubj", 2), ("beat", "VERB", "ROOT", 2),
                 ("to", "ADP", "prep", 2), ("death", "NOUN", "pobj", 3), ("a", "DET", "det", 6),
                 ("shopkeeper", "NOUN", "dobj", 2), (".", "PUNCT", "punct", 2)])
    assert decide_code(doc[2], res) == "1823"
    doc = parse([("A", "DET", "det", 1), ("mob", "NOUN", "nsubj", 2), ("beat", "VERB", "ROOT", 2),
                 ("a", "DET", "det", 4), ("shopkeeper", "NOUN", "dobj", 2), (".", "PUNCT", "punct", 2)])
    assert decide_code(doc[2], res) == "182"


@pytest.mark.parametrize("modifier, expected", [("nuclear", "2042"), ("atomic", "2042"), ("small", "183")])
def test_a_nuclear_device_detonated_is_a_nuclear_detonation(res, modifier, expected):
    # "Pyongyang detonated a <modifier> device ."
    doc = parse([("Pyongyang", "PROPN", "nsubj", 1), ("detonated", "VERB", "ROOT", 1, "detonate"),
                 ("a", "DET", "det", 4), (modifier, "ADJ", "amod", 4), ("device", "NOUN", "dobj", 1),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


def _disappointment(prep: str) -> list[tuple]:
    """'Canada expressed disappointment <prep> India 's decision to expel diplomats .'"""
    return [("Canada", "PROPN", "nsubj", 1), ("expressed", "VERB", "ROOT", 1, "express"),
            ("disappointment", "NOUN", "dobj", 1), (prep, "ADP", "prep", 1), ("India", "PROPN", "poss", 6),
            ("'s", "PART", "case", 4), ("decision", "NOUN", "pobj", 3), ("to", "PART", "aux", 8),
            ("expel", "VERB", "acl", 6), ("diplomats", "NOUN", "dobj", 8, "diplomat"), (".", "PUNCT", "punct", 1)]


def test_voiced_disappointment_is_a_disapproval(res):
    assert decide_code(parse(_disappointment("at"))[2], res) == "110"


@pytest.mark.parametrize("prep, inside", [("at", True), ("during", False)])
def test_the_act_a_disapproval_is_voiced_at_is_what_it_is_about(res, prep, inside):
    doc = parse(_disappointment(prep))
    assert (8 in _reaction_region(doc[2], res)) is inside


def _gathering(subject: str, lemma: str, verb: str, verb_lemma: str) -> list[tuple]:
    """'<subject> <verb> outside parliament demanding the resignation .'"""
    return [(subject, "NOUN", "nsubj", 1, lemma), (verb, "VERB", "ROOT", 1, verb_lemma), ("outside", "ADP", "prep", 1),
            ("parliament", "NOUN", "pobj", 2), ("demanding", "VERB", "advcl", 1, "demand"), ("the", "DET", "det", 6),
            ("resignation", "NOUN", "dobj", 4), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("subject, lemma, verb, verb_lemma, expected", [
    ("Protesters", "protester", "gathered", "gather", "1411"), ("Students", "student", "assembled", "assemble", "1411"),
    ("Leaders", "leader", "gathered", "gather", "1041"),
    # protesters (`protester_words`) demanding in a manner clause demonstrate whatever their verb (recoding.protest)
    ("Protesters", "protester", "stood", "stand", "1411"), ("Officials", "official", "stood", "stand", "1041")])
def test_a_crowd_gathering_to_demand_is_a_demonstration(res, subject, lemma, verb, verb_lemma, expected):
    # CAMEO sub-codes the demonstration by the change demanded, as the demand (1041 leadership -> 1411)
    assert decide_code(parse(_gathering(subject, lemma, verb, verb_lemma))[4], res) == expected


def test_hundreds_of_a_crowd_gathering_is_the_crowd(res):
    # "Hundreds of nurses gathered outside parliament demanding the resignation ."
    rows = [("Hundreds", "NOUN", "nsubj", 3, "hundred"), ("of", "ADP", "prep", 0),
            ("nurses", "NOUN", "pobj", 1, "nurse")]
    rows += [(w, p, d, h + 2, *rest) for w, p, d, h, *rest in _gathering("x", "x", "gathered", "gather")[1:]]
    assert decide_code(parse(rows)[6], res) == "1411"


@pytest.mark.parametrize("demand_object, expected", [("resignation", "1411"), ("wages", "141")])
def test_a_rally_to_demand_is_coded_by_the_change_demanded(res, demand_object, expected):
    # "Students rallied to demand the <object> ."
    doc = parse([("Students", "NOUN", "nsubj", 1, "student"), ("rallied", "VERB", "ROOT", 1, "rally"),
                 ("to", "PART", "aux", 3), ("demand", "VERB", "advcl", 1), ("the", "DET", "det", 5),
                 (demand_object, "NOUN", "dobj", 3), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


def _killed(count: str, victims: str, lemma: str, verb: str = "killed", verb_lemma: str = "kill") -> list[tuple]:
    """'Militiamen <verb> <count> <victims> .'"""
    return [("Militiamen", "NOUN", "nsubj", 1, "militiaman"), (verb, "VERB", "ROOT", 1, verb_lemma),
            (count, "NUM", "nummod", 3), (victims, "NOUN", "dobj", 1, lemma), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("count, victims, lemma, expected", [
    ("63", "people", "people", "202"), ("1,200", "civilians", "civilian", "202"), ("12", "people", "people", "180"),
    ("80", "soldiers", "soldier", "180"), ("49", "villagers", "villager", "180")])
def test_fifty_or_more_people_killed_is_a_mass_killing(res, count, victims, lemma, expected):
    assert decide_code(parse(_killed(count, victims, lemma))[1], res) == expected


def test_hundreds_of_villagers_murdered_is_a_mass_killing(res):
    # "Militiamen murdered hundreds of villagers ."
    doc = parse([("Militiamen", "NOUN", "nsubj", 1, "militiaman"), ("murdered", "VERB", "ROOT", 1, "murder"),
                 ("hundreds", "NOUN", "dobj", 1, "hundred"), ("of", "ADP", "prep", 2),
                 ("villagers", "NOUN", "pobj", 3, "villager"), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "202"


def test_a_count_on_a_verb_of_no_killing_is_no_mass_killing(res):
    assert decide_code(parse(_killed("300", "people", "people", "arrested", "arrest"))[1], res) == "173"


@pytest.mark.parametrize("victim, lemma, compound, expected", [
    ("mayor", "mayor", None, "186"), ("governor", "governor", None, "186"), ("judge", "judge", None, "186"),
    ("officer", "officer", "police", "180"), ("farmer", "farmer", None, "180")])
def test_an_official_killed_is_assassinated(res, victim, lemma, compound, expected):
    # "Gunmen killed the [compound] <victim> ."
    rows = [("Gunmen", "NOUN", "nsubj", 1, "gunman"), ("killed", "VERB", "ROOT", 1, "kill"), ("the", "DET", "det", 3)]
    if compound:
        rows = rows[:2] + [("the", "DET", "det", 4), (compound, "NOUN", "compound", 4)]
    rows += [(victim, "NOUN", "dobj", 1, lemma), (".", "PUNCT", "punct", 1)]
    assert decide_code(parse(rows)[1], res) == expected


@pytest.mark.parametrize("result, expected", [("dead", "186"), ("twice", "193")])
def test_an_official_shot_dead_is_assassinated(res, result, expected):
    # "Gunmen shot <result> the mayor ."
    doc = parse([("Gunmen", "NOUN", "nsubj", 1, "gunman"), ("shot", "VERB", "ROOT", 1, "shoot"),
                 (result, "ADV" if result == "twice" else "ADJ", "advmod" if result == "twice" else "oprd", 1),
                 ("the", "DET", "det", 4), ("mayor", "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected
