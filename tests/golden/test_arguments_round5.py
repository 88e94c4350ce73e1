"""Golden records for the fifth round of "arguments that are found" (issue 15): a domestic counterpart (rebels,
insurgents, separatists, the opposition) of no stated country facing one state's actor in its clause, with no
other country in the sentence, is that state's own (CAMEO's domestic dyad); a place a group holds ("rebel
positions", "rebel-held villages", "government positions") is that group; and the possessor of an event noun
such as an arrest ("after the union leader's detention") undergoes it rather than doing it. Every sentence is
written for these tests; the people and the incidents are invented. A phrasing the coder does not handle yet is
marked xfail (strict: fixing it turns the mark into a failure, so the mark is removed with the fix)."""

from __future__ import annotations

import pytest


def _todo(text: str, expected: list[tuple]):
    return pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason="not resolved yet"))


CASES = [
    # a domestic counterpart of no stated country facing one state's actor: that state's own
    ("Burundian troops clashed with rebel fighters in the hills.", [("BDIMIL", "BDIREB", "190")]),
    ("Sudanese troops attacked insurgents near the river.", [("SDNMIL", "SDNINS", "190")]),
    ("The Ivorian army ambushed rebel fighters near the border.", [("CIVMIL", "CIVREB", "190")]),
    ("Ethiopian soldiers killed twelve rebels in a raid.", [("ETHMIL", "ETHREB", "190")]),
    ("The rebels killed six Malian soldiers.", [("MLIREB", "MLIMIL", "180")]),
    ("Separatists attacked Cameroonian soldiers.", [("CMRSEP", "CMRMIL", "190")]),
    ("The rebels accused the Colombian government of betrayal.", [("COLREB", "COLGOV", "112")]),
    # ... also when conjoined with the state's actor as the sources of a reciprocal clash
    ("Malian soldiers and rebel fighters clashed near the border.",
     [("MLIMIL", "MLIREB", "190"), ("MLIREB", "MLIMIL", "190")]),
    ("Kenyan police and protesters clashed in the capital.",
     [("KENCOP", "KENOPP", "190"), ("KENOPP", "KENCOP", "190")]),
    # ... a person of such a role, too; not with two countries
    ("Opposition leader Tomas Reyes urged Bolivia's president to resign.", [("BOLOPP", "BOLGOV", "0241")]),
    ("Rebel commander Jean Mbaye accused the Chadian government of lying.", [("TCDREB", "TCDGOV", "112")]),
    ("Opposition leader Tomas Reyes urged Chile and Peru to help.", [("OPP", "CHL", "020"), ("OPP", "PER", "020")]),
    # ... already given by the sentence's authorities or by a place (kept)
    ("An opposition leader urged the Gabonese president to resign.", [("GABOPP", "GABGOV", "0241")]),
    ("Opposition leaders accused Zambia's president of corruption.", [("ZMBOPP", "ZMBGOV", "1121")]),
    ("Police in the Nigerian city of Kano arrested forty protesters.", [("NGACOP", "NGAOPP", "173")]),
    ("Rebels attacked an army base in the Nigerien region of Tahoua.", [("NERREB", "NER", "190")]),
    # ... but not with two countries in the sentence, nor for a population troops act on (troops travel)
    ("Kenyan and Somali troops attacked the militants.", [("KENMIL", "REB", "190"), ("SOMMIL", "REB", "190")]),
    ("Bolivian troops attacked civilians near the mine.", [("BOLMIL", "CVL", "190")]),
    ("Chadian soldiers arrested two journalists.", [("TCDMIL", "MED", "173")]),
    ("The rebels shelled a village near the Sudanese border.", [("REB", None, "194")]),
    # a place a group holds is that group
    ("Chadian troops shelled rebel positions near the border.", [("TCDMIL", "TCDREB", "194")]),
    ("Nigerian jets bombed insurgent camps.", [("NGAMIL", "NGAINS", "195")]),
    ("The Burmese army shelled rebel-held villages.", [("MMRMIL", "MMRREB", "194")]),
    ("Mozambican forces retook rebel-held towns.", [("MOZMIL", "MOZREB", "192")]),
    ("The Nepalese army captured a rebel stronghold.", [("NPLMIL", "NPLREB", "192")]),
    ("The guerrillas fired mortars at army positions.", [("REB", "MIL", "194")]),
    ("Yemeni rebels shelled government positions.", [("YEMREB", "YEMGOV", "194")]),
    ("Libyan militias shelled government positions near the airport.", [("LBYUAF", "LBYGOV", "194")]),
    ("Vietnamese troops shelled rebel positions in Cambodia.", [("VNMMIL", "KHMREB", "194")]),
    # the possessor of an arrest or a detention undergoes it
    ("Farmers rallied in Nairobi after the union leader's detention.", [("KENAGR", "KEN", "141")]),
    ("Students protested in Lusaka after the activist's arrest.", [("EDU", None, "141")]),
    # the location of the clause, as before; a third country in the sentence (a mediator) leaves the rebels be
    ("A court in the Zambian city of Ndola jailed two journalists.", [("ZMBJUD", "ZMBMED", "173")]),
    ("Demonstrators stormed a police station in the Togolese city of Kara.", [("TGOOPP", "TGO", "145")]),
    ("Norway condemned the killing of protesters in the Guinean capital.", [("NOR", "GINOPP", "111")]),
    ("Norway is mediating between the Colombian government and the rebels.",
     [("NOR", "COLGOV", "045"), ("NOR", "REB", "045")]),
    # an international body the title names is the person's own, not the country of the post or the body a post
    # is accredited to
    ("Maria Lenz, the UN envoy for Yemen, urged the rebels to free the prisoners.", [("IGOUNO", "REB", "0253")]),
    ("Anna Berg, a UN spokeswoman, condemned the attack on Mali.", [("IGOUNO", "MLI", "111")]),
    ("UN envoy Maria Lenz urged the rebels to free the prisoners.", [("IGOUNO", "REB", "0253")]),
    ("Russia's envoy to the UN, Pavel Orlov, criticized Britain.", [("RUSGOV", "GBR", "111")]),
    # not yet: a regional demonym's fighters given an ultimatum; a counterpart placed by a quantity (args6: done)
    ("The Sudanese government gave the Darfuri fighters a week to disarm.", [("SDNGOV", "SDNREB", "139")]),
    ("Guinean police detained forty suspected members of a banned militia.", [("GINCOP", "GINUAF", "173")]),
]

#: phrasings not handled yet (strict xfail)
TODO = {
    "The Sudanese government gave the Darfuri fighters a week to disarm.",
}


@pytest.mark.parametrize("text, expected", [_todo(t, e) if t in TODO else (t, e) for t, e in CASES])
def test_the_arguments_of_the_event_are_found(triples, text, expected):
    assert sorted(triples(text)) == sorted(expected)


def test_the_batch_is_large_enough():
    assert len(CASES) >= 30 and len({t for t, _ in CASES}) == len(CASES)
