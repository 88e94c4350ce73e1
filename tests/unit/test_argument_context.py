"""Unit tests on hand-built Docs for the fifth round of argument context (issue 15, args5): the holder of a held
place, the state a domestic counterpart faces, and the possessor that undergoes an event noun."""

from __future__ import annotations

from spacy.tokens import Doc

from newsevents.nlp.actors import (
    Actor,
    Mention,
    _counterpart_people,
    _counterpart_state,
    _title_body,
    held_place_holder,
)
from newsevents.nlp.events import _possessor_undergoes
from tests.hand_built import countries, parse


def test_a_role_noun_compounded_with_a_held_place_is_its_holder(res):
    doc = parse([("shelled", "VERB", "ROOT", 0, "shell"), ("rebel", "NOUN", "compound", 2),
                 ("positions", "NOUN", "dobj", 0, "position")])
    assert held_place_holder(doc[2], res) == "rebel"


def test_the_object_of_held_is_the_holder(res):
    doc = parse([("shelled", "VERB", "ROOT", 0, "shell"), ("rebel", "NOUN", "npadvmod", 3), ("-", "PUNCT", "punct", 3),
                 ("held", "VERB", "amod", 4, "hold"), ("villages", "NOUN", "dobj", 0, "village")])
    assert held_place_holder(doc[4], res) == "rebel"


def test_a_noun_that_is_no_held_place_has_no_holder(res):
    doc = parse([("shelled", "VERB", "ROOT", 0, "shell"), ("rebel", "NOUN", "compound", 2),
                 ("trucks", "NOUN", "dobj", 0, "truck")])
    assert held_place_holder(doc[2], res) is None


def _attack(subject: str) -> Doc:
    """'<subject> attacked rebels .'"""
    return parse([(subject, "PROPN", "nsubj", 1), ("attacked", "VERB", "ROOT", 1, "attack"),
                  ("rebels", "NOUN", "dobj", 1, "rebel"), (".", "PUNCT", "punct", 1)])


def test_rebels_facing_one_state_in_their_clause_are_its_own(res):
    doc = _attack("Chad")
    assert _counterpart_state(doc[2], res, countries(doc, res, {0: "TCD"})) == "TCD"


def test_a_second_country_in_the_sentence_leaves_them_of_no_country(res):
    doc = parse([("Chad", "PROPN", "nsubj", 1), ("attacked", "VERB", "ROOT", 1, "attack"),
                 ("rebels", "NOUN", "dobj", 1, "rebel"), ("in", "ADP", "prep", 1), ("Sudan", "PROPN", "pobj", 3),
                 (".", "PUNCT", "punct", 1)])
    assert _counterpart_state(doc[2], res, countries(doc, res, {0: "TCD", 4: "SDN"})) is None


def test_a_country_modifying_a_noun_that_is_no_actor_is_not_faced(res):
    doc = parse([("rebels", "NOUN", "nsubj", 1, "rebel"), ("shelled", "VERB", "ROOT", 1, "shell"),
                 ("a", "DET", "det", 3), ("village", "NOUN", "dobj", 1), ("near", "ADP", "prep", 3),
                 ("the", "DET", "det", 7), ("Sudanese", "ADJ", "amod", 7), ("border", "NOUN", "pobj", 4),
                 (".", "PUNCT", "punct", 1)])
    assert _counterpart_state(doc[0], res, countries(doc, res, {6: "SDN"})) is None


def test_the_possessor_of_an_arrest_undergoes_it(res):
    doc = parse([("the", "DET", "det", 1), ("leader", "NOUN", "poss", 3), ("'s", "PART", "case", 1),
                 ("arrest", "NOUN", "ROOT", 3)])
    assert _possessor_undergoes(doc[3], res)


def test_with_an_of_object_the_possessor_does_it(res):
    doc = parse([("Russia", "PROPN", "poss", 2), ("'s", "PART", "case", 0), ("expulsion", "NOUN", "ROOT", 2),
                 ("of", "ADP", "prep", 2), ("diplomats", "NOUN", "pobj", 3, "diplomat")])
    assert not _possessor_undergoes(doc[2], res)
    assert not _possessor_undergoes(parse([("Russia", "PROPN", "poss", 2), ("'s", "PART", "case", 0),
                                           ("veto", "NOUN", "ROOT", 2)])[2], res)


def _person_urging(res, iso_by_token: dict[int, str]) -> Actor:
    """'Reyes urged Bolivia ( and Peru ) .' with Reyes an opposition person of no country; returns him after
    `_counterpart_people`."""
    rows = [("Reyes", "PROPN", "nsubj", 1), ("urged", "VERB", "ROOT", 1, "urge"), ("Bolivia", "PROPN", "dobj", 1),
            ("and", "CCONJ", "cc", 2), ("Peru", "PROPN", "conj", 2), (".", "PUNCT", "punct", 1)]
    doc = parse(rows)
    out = countries(doc, res, iso_by_token)
    person = Actor(key="person:reyes", name="Reyes", actor_type="PERSON", role_code="OPP", cameo_code="OPP")
    out.add(person, Mention(start=0, end=1, start_char=0, end_char=5, text="Reyes", kind="name", sentence_index=0,
                            actor_key=person.key))
    _counterpart_people(res, out, doc)
    return person


def test_an_opposition_person_of_no_country_takes_the_state_he_faces(res):
    assert _person_urging(res, {2: "BOL"}).cameo_code == "BOLOPP"


def test_an_opposition_person_facing_two_states_keeps_no_country(res):
    assert _person_urging(res, {2: "BOL", 4: "PER"}).country_code is None


def test_an_international_body_in_a_title_is_the_persons_own(res):
    doc = parse([("the", "DET", "det", 2), ("UN", "PROPN", "compound", 2), ("envoy", "NOUN", "ROOT", 2),
                 ("for", "ADP", "prep", 2), ("Yemen", "PROPN", "pobj", 3)])
    assert _title_body(doc, [0, 1, 2, 3, 4], res).cameo_code == "IGOUNO"


def test_the_body_a_post_is_accredited_to_is_not_the_persons_own(res):
    doc = parse([("envoy", "NOUN", "ROOT", 0), ("to", "ADP", "prep", 0), ("the", "DET", "det", 3),
                 ("UN", "PROPN", "pobj", 1)])
    assert _title_body(doc, [0, 1, 2, 3], res) is None
