"""Golden records for the ninth round of "arguments that are found" (issue 15): a wire dateline with a date or an
agency ("LUSAKA, March 3 (Reuters) —") is the story's filing line, so neither its place nor its agency is an actor
(the tagger calls them organisations and the parser makes them subjects), and its place still gives countryless
offices their country; gunmen or attackers nobody names who act are of the one country their sentence owns (a
possessor, a modifier, a place, a state body; not troops, who travel, nor a post abroad);
a statement, a show of force or a one-sided easing in a place of the source's own country has no target; a large
city that dominates its name, in a locative phrase, is a place of its country; a flagged or registered vessel is
of its flag's country.
Every sentence is written for these tests; the people and the incidents are invented."""

from __future__ import annotations

import pytest

CASES = [
    # a dated wire dateline: its place and its agency are no source beside the real subject
    ("LUSAKA, March 3 (Reuters) — Zambia's foreign ministry criticised Malawi on Monday.",
     [("ZMBGOV", "MWI", "111")]),
    ("BERLIN, June 4 (dpa) — Germany's foreign ministry criticised Japan on Tuesday.", [("DEUGOV", "JPN", "111")]),
    ("UNITED NATIONS, Nov 14 (Reuters) — Brazil vetoed a UN Security Council resolution on Monday.",
     [("BRA", "IGOUNO", "129")]),
    ("HANOI, Oct. 2, 2026 (AFP) - Vietnam's navy seized a fishing boat on Friday.", [("VNMMIL", None, "171")]),
    # ... and its place gives an office or a titled person of no stated country that country
    ("NAIROBI, Jan. 12 (AFP) — Police arrested opposition leader Wanjiru Kamau on Tuesday.",
     [("KENCOP", "KENOPP", "173")]),
    ("QUITO, Sept 9 — President Lucia Ortega praised Peru on Friday.", [("ECUGOV", "PER", "051")]),
    ("ACCRA, Feb 20 — The president laid a wreath at the war memorial on Saturday.", [("GHAGOV", None, "017")]),
    # attackers nobody names, acting, are of the one country their sentence owns (not troops', not a post abroad's)
    ("Attackers fired on the convoy of Peru's energy minister on Monday.", [("PERUAF", "PERGOV", "193")]),
    # (an official shot dead is assassinated: force9's 186)
    ("Unidentified gunmen shot dead the mayor of a town in Mexico's Guerrero state.", [("MEXUAF", "MEXGOV", "186")]),
    ("Unidentified attackers stabbed a Swedish diplomat on Friday.", [("UAF", "SWEGOV", "182")]),
    ("Gunmen attacked the Turkish embassy on Friday.", [("UAF", "TURGOV", "193")]),
    ("Kenyan troops killed five gunmen near the Somali border.", [("KENMIL", "UAF", "190")]),
    # a statement or a show of force in a place of the source's own country is aimed at no one; abroad, or an act
    # done to people there, it is aimed at the place's country
    ("Kenyan police were put on high alert in Nairobi ahead of the vote.", [("KENCOP", None, "151")]),
    ("Peru's government expressed optimism about the harvest in Lima.", [("PERGOV", None, "013")]),
    ("The Sudanese army declared a state of high alert in Khartoum.", [("SDNMIL", None, "152")]),
    ("Russian troops held drills near Minsk on Monday.", [("RUSMIL", "BLR", "150")]),
    ("Ghana's police arrested two protesters in Accra.", [("GHACOP", "GHAOPP", "173")]),
    # ... an easing one side does alone, at home, too; one that needs a partner keeps its place
    ("The Malian junta lifted the night curfew in Bamako on Monday.", [("MLIGOV", None, "0813")]),
    ("Nepal's government eased the lockdown in Kathmandu.", [("NPLGOV", "NPL", "081")]),
    # a large city that dominates its name, in a locative phrase, names its country
    ("A Russian missile hit a hospital in Kharkiv on Tuesday.", [("RUS", "UKR", "190")]),
    ("Israeli aircraft struck a building in Gaza City.", [("ISR", "PSE", "195")]),
    ("Gunmen attacked a police station in Kaduna on Sunday.", [("NGAUAF", "NGA", "193")]),
    # a vessel is of the country whose flag it flies or where it is registered
    ("Iranian commandos seized a Greek-flagged oil tanker on Thursday.", [("IRN", "GRC", "171")]),
    ("The Eritrean navy seized a Maltese-flagged fishing trawler on Sunday.", [("ERIMIL", "MLT", "171")]),
    ("Yemeni rebels fired a missile at a Panama-registered freighter.", [("YEMREB", "PAN", "195")]),
    # an opposition movement, coalition or alliance is the opposition, of the state it faces or that acts on it
    ("Belarus's interior ministry outlawed the main opposition coalition.", [("BLRGOV", "BLROPP", "1722")]),
    ("Zambia's government held talks with the opposition alliance on Monday.", [("ZMBGOV", "ZMBOPP", "040")]),
    ("The opposition alliance accused Kenya's president of rigging the vote.", [("KENOPP", "KENGOV", "1121")]),
    # ... and so is a named one: the name modifying the role phrase names the group, the role noun is its actor
    ("Uzbekistan's Supreme Court banned the Erk opposition movement on Thursday.", [("UZBJUD", "UZBOPP", "1722")]),
    ("Kazakhstan's government held talks with the Alash opposition alliance.", [("KAZGOV", "KAZOPP", "040")]),
    # an act on a relation ("the suspension of relations with X") is aimed at the relation's partner
    ("Honduras announced the suspension of diplomatic relations with Nicaragua on Monday.", [("HND", "NIC", "160")]),
    ("Ecuador ordered the suspension of negotiations with Colombia.", [("ECU", "COL", "164")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_the_arguments_of_the_event_are_found(triples, text, expected):
    assert sorted(triples(text)) == sorted(expected)
