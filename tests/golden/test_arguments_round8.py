"""Golden records for the eighth round of "arguments that are found" (issue 15): a possessor that is a country of
several words ("Papua New Guinea's", "Equatorial Guinea's") is read whole, not by its last word; a demonym the tagger
calls a person ("Sri Lankan") is no person; a plural force ("navies") is a force; a name apposed to a title phrase
("Ghana's parliamentary speaker, Kofi Asante,") holds that title; a titled person of no stated country takes the
country the dateline gives, as a bare office does; and a named organisation a role word introduces ("the rebel
Lake Kivu Liberation Front") is of that role, of the state it faces. Every sentence is written for these tests;
the people, the groups and the incidents are invented."""

from __future__ import annotations

import pytest

CASES = [
    # a possessor country of several words is read whole
    ("Papua New Guinea's foreign minister criticised Australia on Monday.", [("PNGGOV", "AUS", "111")]),
    ("Equatorial Guinea's president criticised Cameroon on Monday.", [("GNQGOV", "CMR", "111")]),
    ("Sierra Leone's finance minister praised Ghana on Tuesday.", [("SLEGOV", "GHA", "051")]),
    # a demonym of two words is no person; a plural force is a force
    ("The Kenyan and Sri Lankan navies held joint drills on Friday.",
     [("KENMIL", "LKAMIL", "062"), ("LKAMIL", "KENMIL", "062")]),
    ("Sri Lankan troops accused Indian fishermen of poaching.", [("LKAMIL", "INDCVL", "112")]),
    # a name apposed to a title phrase holds the title
    ("Ghana's parliamentary speaker, Kofi Asante, criticised Togo on Monday.", [("GHALEG", "TGO", "111")]),
    ("\"We were robbed,\" said Malawi's opposition leader, Chimwemwe Banda, as he accused the president of lying.",
     [("MWIOPP", "MWIGOV", "112")]),
    # a titled person of no stated country: the dateline's, as a bare office's
    ("MONROVIA - President Albert Sowah-Kamara criticised Guinea on Friday.", [("LBRGOV", "GIN", "111")]),
    ("LUSAKA - Foreign Minister Chanda Mwale praised Malawi on Friday.", [("ZMBGOV", "MWI", "051")]),
    # ... else the one country the sentence names as a possessor, modifier or place, or of its state bodies
    ("President Amadou Kone praised Mali's army on Tuesday.", [("MLIGOV", "MLIMIL", "051")]),
    ("President Amadou Kone praised the Malian opposition on Tuesday.", [("MLIGOV", "MLIOPP", "051")]),
    # ... but not a country standing alone as the other party
    ("President Halim Benkhedda accused Morocco of arming the rebels.", [("GOV", "MAR", "112")]),
    # a role in a named first-level region is of the region's country
    ("The governor of Kano state accused Niger of harbouring bandits.", [("NGAGOV", "NER", "112")]),
    ("Police in Kilifi county arrested two journalists.", [("KENCOP", "KENMED", "173")]),
    # a named organisation a rebel word introduces: rebels of the state they face
    ("Congo's army accused the rebel Lake Kivu Liberation Front of killing villagers.",
     [("CODMIL", "CODREB", "1122")]),
    ("The rebel Ruvuma Valley Movement accused the Tanzanian army of killing villagers.",
     [("TZAREB", "TZAMIL", "1122")]),
    # a state body or armed group of no country that one state's body acts on is that state's own
    ("Ghanaian police arrested the militias near the border.", [("GHACOP", "GHAUAF", "173")]),
    ("Bolivia's congress defied the Constitutional Court on Monday.", [("BOLLEG", "BOLJUD", "128")]),
    ("The arrest of the Kenyan mayor by police sparked protests.", [("COP", "KENGOV", "173")]),
    ("Kenya's president dismissed calls from opposition lawmakers to reform the police.",
     [("KENGOV", "KENLEG", "123")]),
    # ... but not one acting, nor troops or one troops face (troops travel), nor one only where a country is named
    ("Ghana's interior ministry deployed soldiers to the border villages.", [("GHAGOV", "GHAMIL", "154")]),
    ("Gunmen tried to kill Ghana's interior minister.", [("GHAUAF", "GHAGOV", "185")]),   # round 9: unclaimed
    ("The Kenyan army handed the captured post back to Congolese forces.", [("KENMIL", "MIL", "0842")]),
    ("Ghanaian army jets bombed camps of the militias near the border.", [("GHAMIL", "UAF", "195")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_the_arguments_of_the_event_are_found(triples, text, expected):
    assert sorted(triples(text)) == sorted(expected)


def test_an_unknown_organisation_without_a_role_word_keeps_no_code(triples):
    # the role comes from the word before the name, not from the name's own words
    found = triples("The Ruvuma Valley Movement accused the Tanzanian army of killing villagers.")
    assert found and all(s in (None, "") or not s.endswith("REB") for s, _, _ in found)
