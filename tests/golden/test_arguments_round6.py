"""Golden records for the sixth round of "arguments that are found" (issue 15): a regional demonym or a people of
one state ("Tigrayan forces", "Darfuri fighters", "Baloch separatists") is that state's (a region's own forces
are rebels, not the state's army, as CAMEO codes them); a two-word demonym is read whole ("South Sudanese
rebels" are not Sudan's); a spokesman *for* a body speaks for it; a dateline ("NIAMEY -", "ANTWERP -") sets the
country of the offices and local groups that name none; a large city that dominates its name ("police in
Istanbul") names its country as a capital does; the passive subject of a deployment is what is sent, not its
target; and an investigation into acts committed in a place is aimed at it. Every sentence
is written for these tests; the people and the incidents are invented. A phrasing the coder does not handle yet
is marked xfail (strict: fixing it turns the mark into a failure, so the mark is removed with the fix)."""

from __future__ import annotations

import pytest


def _todo(text: str, expected: list[tuple]):
    return pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason="not resolved yet"))


CASES = [
    # a regional demonym: the state's country; a region's forces are rebels (CAMEO: country + REB)
    ("Ethiopian troops clashed with Tigrayan forces near the river.", [("ETHMIL", "ETHREB", "190")]),
    ("Tigrayan forces accused the Ethiopian government of starving civilians.", [("ETHREB", "ETHGOV", "112")]),
    ("The Sudanese army accused Darfuri fighters of looting the market.", [("SDNMIL", "SDNREB", "1121")]),
    ("Baloch separatists attacked Pakistani soldiers near the port.", [("PAKSEP", "PAKMIL", "190")]),
    ("Uyghur activists condemned the Chinese government.", [("CHNOPP", "CHNGOV", "111")]),
    ("Chechen rebels attacked Russian soldiers in the mountains.", [("RUSREB", "RUSMIL", "190")]),
    ("Oromo rebels accused the Ethiopian army of torture.", [("ETHREB", "ETHMIL", "1122")]),
    ("Catalan protesters criticized the Spanish government.", [("ESPOPP", "ESPGOV", "111")]),
    ("Basque separatists praised the French government.", [("ESPSEP", "FRAGOV", "051")]),
    ("Rohingya refugees accused the Myanmar army of arson.", [("MMRREF", "MMRMIL", "112")]),
    # ... the people itself, as a noun
    ("The Burmese army attacked the Rohingya in the hills.", [("MMRMIL", "MMRCVL", "190")]),
    # ... but a state's own demonym keeps its army an army
    ("Sudanese forces attacked rebels near the river.", [("SDNMIL", "SDNREB", "190")]),
    # a two-word demonym is read whole
    ("South Sudanese rebels accused the government of bad faith.", [("SSDREB", "SSDGOV", "112")]),
    ("South Sudanese troops attacked rebel positions near the border.", [("SSDMIL", "SSDREB", "190")]),
    ("The South Sudanese president accused Sudan of arming rebels.", [("SSDGOV", "SDN", "112")]),
    # a spokesman for a body speaks for it
    ("A spokesman for the Kenyan government accused Somalia of lying.", [("KENGOV", "SOM", "112")]),
    ("A spokeswoman for Peru's foreign ministry criticized Bolivia.", [("PERGOV", "BOL", "111")]),
    ("A spokesman for Amnesty International condemned Egypt.", [("NGOHRIAMN", "EGY", "111")]),
    ("A spokesman for the Malian army praised Niger.", [("MLIMIL", "NER", "051")]),
    # ... but the country an envoy is for is the post, not the body the envoy serves
    ("The UN envoy for Syria criticized Turkey.", [("IGOUNO", "TUR", "111")]),
    ("The minister for trade criticized Ghana.", [("GOV", "GHA", "111")]),
    # a capital opening a dateline: the country of offices and local groups that name none
    ("NIAMEY - The military junta accused France of meddling.", [("NERGOV", "FRA", "112")]),
    ("ACCRA - The government accused Togo of harbouring rebels.", [("GHAGOV", "TGO", "112")]),
    ("NAIROBI - Police arrested forty protesters on Monday.", [("KENCOP", "KENOPP", "173")]),
    ("ANTWERP - Dock workers went on strike on Monday.", [("BELLAB", None, "143")]),
    # ... never over a country the sentence names
    ("NAIROBI - Ugandan police arrested two journalists.", [("UGACOP", "UGAMED", "173")]),
    ("GENEVA - Iranian diplomats criticized Israel.", [("IRNGOV", "ISR", "111")]),
    # a large city that dominates its name names its country, as a capital does; a shared name does not
    ("Police in Istanbul arrested two journalists.", [("TURCOP", "TURMED", "173")]),
    ("Officials in Mandalay accused the rebels of arson.", [("MMRGOV", "MMRREB", "112")]),
    ("Police in Springfield arrested two journalists.", [("COP", "MED", "173")]),
    # an armed group or criminals a state body acts on are its own, as a population is; troops travel
    ("Kenyan police arrested two smugglers.", [("KENCOP", "KENCRM", "173")]),
    ("Zambian police detained three members of a banned militia.", [("ZMBCOP", "ZMBUAF", "173")]),
    ("Kenyan troops killed three gunmen.", [("KENMIL", "UAF", "190")]),
    # not yet: a force deployed in the passive with no agent named as the source of its show of force
    ("Chadian troops were deployed to the border with Sudan.", [("TCDMIL", "SDN", "154")]),
    ("Kenyan riot police were deployed in Nairobi.", [("KENCOP", "KEN", "154")]),
    ("Greek warships were moved to the Turkish coast.", [("GRCMIL", "TUR", "154")]),
    # the passive subject of a deployment is what is sent, not its target
    ("Ugandan troops were deployed by the African Union to Somalia.", [("IGOAFRAFU", "SOM", "154")]),
    # an investigation into acts committed in a place is aimed at it
    ("The International Criminal Court opened an investigation into war crimes committed in Libya.",
     [("IGOJUDICC", "LBY", "094")]),
    ("The United Nations began an inquiry into abuses committed in Eritrea.", [("IGOUNO", "ERI", "092")]),
    # a member of Congress of a US state is American
    ("Congresswoman Ana Torres of Texas criticized the White House.", [("USALEG", "USAGOV", "111")]),
]

#: phrasings not handled yet (strict xfail): a passive show of force with no agent (its force as the source: tried
#: this round and reverted, as it lowered fresh's half B)
TODO = {
    "Chadian troops were deployed to the border with Sudan.",
    "Kenyan riot police were deployed in Nairobi.",
    "Greek warships were moved to the Turkish coast.",
}


@pytest.mark.parametrize("text, expected", [_todo(t, e) if t in TODO else (t, e) for t, e in CASES])
def test_the_arguments_of_the_event_are_found(triples, text, expected):
    assert sorted(triples(text)) == sorted(expected)


def test_the_batch_is_large_enough():
    assert len(CASES) >= 30 and len({t for t, _ in CASES}) == len(CASES)
