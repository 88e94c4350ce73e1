"""Unit tests on hand-built Docs for the sixth round of argument context (issue 15, args6): the longest demonym
ending at a word (a state's, or a region's or people's within one state), a region's forces as rebels, the US
state after a name, the country of a dateline and of a large city, and the passive subject of a transfer as the
thing sent."""

from __future__ import annotations

import spacy

from newsevents.nlp.actors import (
    Actor,
    ArticleActors,
    Mention,
    _city_country,
    _code_role_noun,
    _context_country,
    _state_of_name,
    collective_actor,
    dateline_country,
    demonym_at,
)
from newsevents.nlp.events import select_pattern, verb_slots
from tests.hand_built import countries, parse


def test_a_two_word_demonym_is_read_whole(res):
    doc = parse([("South", "PROPN", "compound", 1), ("Sudanese", "ADJ", "amod", 2), ("rebels", "NOUN", "ROOT", 2)])
    found = demonym_at(doc[1], res)
    assert (found.iso3, found.start, found.text, found.regional) == ("SSD", 0, "South Sudanese", False)
    alone = parse([("Sudanese", "ADJ", "amod", 1), ("rebels", "NOUN", "ROOT", 1)])
    assert demonym_at(alone[0], res).iso3 == "SDN"


def test_a_regional_demonym_is_its_states_and_marked_regional(res):
    doc = parse([("Tigrayan", "ADJ", "amod", 1), ("forces", "NOUN", "ROOT", 1)])
    found = demonym_at(doc[0], res)
    assert (found.iso3, found.regional) == ("ETH", True)
    assert demonym_at(doc[1], res) is None


def test_a_regions_forces_are_rebels_and_a_states_an_army(res):
    for word, expected in (("Tigrayan", "ETHREB"), ("Ethiopian", "ETHMIL")):
        doc = parse([(word, "ADJ", "amod", 1), ("forces", "NOUN", "ROOT", 1)])
        out = ArticleActors()
        assert _code_role_noun(doc, doc[1], res, out, {0: 0, 1: 0}) is None
        assert [a.cameo_code for a in out.actors_at(1)] == [expected]


def test_a_us_state_after_a_name_but_not_a_country_named_like_one(res):
    def name_of(place: list[str]):
        rows = [("Ana", "PROPN", "compound", 1), ("Torres", "PROPN", "ROOT", 1), ("of", "ADP", "prep", 1)]
        rows += [(w, "PROPN", "pobj", 2) for w in place]
        doc = parse(rows)
        return doc[0:2]

    assert _state_of_name(name_of(["Texas"]), res) == "Texas"
    assert _state_of_name(name_of(["New", "Mexico"]), res) == "New Mexico"
    assert _state_of_name(name_of(["Georgia"]), res) is None
    assert _state_of_name(name_of(["Brazil"]), res) is None


TOKENIZE = spacy.blank("en")   # the dateline is read from the text: no parse needed


def test_a_dateline_names_its_country_by_capital_city_or_qualifier(res):
    assert dateline_country(TOKENIZE("NIAMEY - The junta spoke."), res) == ("NER", "Niamey")
    assert dateline_country(TOKENIZE("ANTWERP - Workers struck."), res) == ("BEL", "Antwerp")
    assert dateline_country(TOKENIZE("PARIS, Texas - Police said."), res) == ("USA", "Texas")


def test_no_dateline_or_a_place_of_no_one_country_names_none(res):
    assert dateline_country(TOKENIZE("The junta spoke in Niamey."), res) is None
    assert dateline_country(TOKENIZE("SPRINGFIELD - Police said."), res) is None


def test_a_large_city_dominating_its_name_names_its_country(res):
    assert _city_country("Istanbul", res) == "TUR"
    assert _city_country("Springfield", res) is None
    assert _city_country("Atlantis Minor", res) is None


def test_the_passive_subject_of_a_transfer_is_what_is_sent_not_the_recipient(res):
    # "troops were deployed by AU to Somalia": the AU deploys to Somalia; without 'to Somalia' the troops remain
    def deployed(to: bool):
        rows = [("troops", "NOUN", "nsubjpass", 2, "troop"), ("were", "AUX", "auxpass", 2, "be"),
                ("deployed", "VERB", "ROOT", 2, "deploy"), ("by", "ADP", "agent", 2), ("AU", "PROPN", "pobj", 3)]
        if to:
            rows += [("to", "ADP", "prep", 2), ("Somalia", "PROPN", "pobj", 5)]
        doc = parse(rows)
        out = countries(doc, res, {6: "SOM"} if to else {})
        for i, actor in ((0, collective_actor("UGA", "MIL", res, [], 0.85)),
                         (4, Actor(key="org:au", name="AU", actor_type="IGO", cameo_code="IGOAFRAFU"))):
            out.add(actor, Mention(start=i, end=i + 1, start_char=doc[i].idx, end_char=doc[i].idx + len(doc[i]),
                                   text=doc[i].text, kind="name", sentence_index=0, actor_key=actor.key))
        sources, targets, _ = verb_slots(doc, doc[2], select_pattern(doc[2], res), out, res)
        return [a.cameo_code for a in sources], [a.cameo_code for a in targets]

    assert deployed(to=True) == (["IGOAFRAFU"], ["SOM"])
    assert deployed(to=False) == (["IGOAFRAFU"], ["UGAMIL"])


def test_members_of_an_armed_group_a_state_body_detains_are_its_own(res):
    # "police detained members of a militia": the police's country; with troops as the subject, none (troops travel)
    def detained(subject_role: str):
        doc = parse([("police", "NOUN", "nsubj", 1), ("detained", "VERB", "ROOT", 1, "detain"),
                     ("members", "NOUN", "dobj", 1, "member"), ("of", "ADP", "prep", 2), ("a", "DET", "det", 5),
                     ("militia", "NOUN", "pobj", 3)])
        out = ArticleActors()
        subject = collective_actor("GIN", subject_role, res, [], 0.85)
        out.add(subject, Mention(start=0, end=1, start_char=0, end_char=6, text="police", kind="nominal",
                                 sentence_index=0, actor_key=subject.key))
        return _context_country(doc, doc[5], "UAF", False, res, out, {}, local=True)

    assert detained("COP") == ("GIN", "context:acting_state:GIN")
    assert detained("MIL") == (None, None)
