"""Golden records for the fourth round of "arguments that are found" (issue 15): a population or sector with no
country of its own that a state acts on in its own clause takes that state's country (CAMEO codes a government
acting on its own people as a domestic dyad), and a bare "Congo" is the Democratic Republic of the Congo (wire
style names the other state "Congo Republic" or "Congo-Brazzaville"). Every sentence is written for these tests;
the people and the incidents are invented. A phrasing the coder does not handle yet is marked xfail (strict:
fixing it turns the mark into a failure, so the mark is removed with the fix)."""

from __future__ import annotations

import pytest


def _todo(text: str, expected: list[tuple]):
    return pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason="not resolved yet"))


CASES = [
    # a state acting on a population or sector of no stated country, in its own clause: its own population
    ("The Peruvian president criticized the mining companies.", [("PERGOV", "PERBUS", "111")]),
    ("The Kenyan government accused the oil firms of hoarding fuel.", [("KENGOV", "KENBUS", "112")]),
    ("The Tanzanian foreign minister criticized the oil companies.", [("TZAGOV", "TZABUS", "111")]),
    ("Laos banned the opposition party.", [("LAO", "LAOOPP", "1722")]),
    ("Togo refused to free the jailed opposition leader.", [("TGO", "TGOOPP", "1243")]),
    ("Cambodia jailed twelve opposition supporters.", [("KHM", "KHMOPP", "173")]),
    ("Ecuador expelled the protesters from the square.", [("ECU", "ECUOPP", "174")]),
    # ... which the authorities' country already gave (kept)
    ("The Malawian government praised the farmers for a record harvest.", [("MWIGOV", "MWIAGR", "051")]),
    ("Gabon's president condemned the striking doctors.", [("GABGOV", "GABHLH", "111")]),
    ("Moldovan police arrested three opposition leaders.", [("MDACOP", "MDAOPP", "173")]),
    ("Guinea's junta arrested two opposition politicians.", [("GINGOV", "GINOPP", "173")]),
    ("Ghanaian police arrested the opposition leader.", [("GHACOP", "GHAOPP", "173")]),
    ("The Senegalese government threatened the striking workers with dismissal.", [("SENGOV", "SENLAB", "130")]),
    # ... but a group of its own country, or one placed elsewhere, keeps that country
    ("Peru criticized Chilean companies.", [("PER", "CHLBUS", "111")]),
    ("Chadian troops shelled civilians in Sudan.", [("TCDMIL", "SDNCVL", "194")]),
    ("Brazil condemned the killing of civilians in Haiti.", [("BRA", "HTICVL", "111")]),
    # ... and troops travel: the people they act on are of no country the clause states
    ("Bolivian troops attacked civilians near the mine.", [("BOLMIL", "CVL", "190")]),
    ("Chadian soldiers arrested two journalists.", [("TCDMIL", "MED", "173")]),
    ("Kyrgyz forces detained twenty farmers.", [("KGZMIL", "AGR", "173")]),
    # ... and the victims of a disaster are no population a state acts on
    ("Fiji commemorated the victims of the cyclone.", [("FJI", "CVL", "017")]),
    # through a quantity, and through subjectless complements
    ("The Nepalese government detained dozens of students.", [("NPLGOV", "NPLEDU", "173")]),
    ("Zambian police arrested scores of protesters.", [("ZMBCOP", "ZMBOPP", "173")]),
    ("Uganda refused to release the detained journalists.", [("UGA", "UGAMED", "1243")]),
    # a bare 'Congo' is the Democratic Republic; the other state is named as such
    ("Rebels in eastern Congo attacked an army base.", [("CODREB", "COD", "190")]),
    ("Angola praised Congo.", [("AGO", "COD", "051")]),
    ("Congo accused Rwanda of backing the rebels.", [("COD", "RWA", "112")]),
    ("Gunmen in Congo killed ten villagers.", [("CODUAF", "CODCVL", "180")]),
    ("The Republic of Congo praised Angola.", [("COG", "AGO", "051")]),
    ("Zambia criticized Congo-Brazzaville.", [("ZMB", "COG", "111")]),
    ("The Congo Republic accused Gabon of spying.", [("COG", "GAB", "1125")]),
    ("The Democratic Republic of Congo praised Zambia.", [("COD", "ZMB", "051")]),
    # not yet: a position or a place is no actor; conjoined demonyms violating a ceasefire against each other
    ("Congo's army shelled rebel positions.", [("CODMIL", "CODREB", "194")]),
    ("Indian and Pakistani troops violated the ceasefire.", [("INDMIL", "PAKMIL", "196"), ("PAKMIL", "INDMIL", "196")]),
    ("Kenya criticized the arrest of journalists.", [("KEN", "MED", "111")]),
]

#: phrasings not handled yet (strict xfail)
TODO = {
    "Indian and Pakistani troops violated the ceasefire.",
}


@pytest.mark.parametrize("text, expected", [_todo(t, e) if t in TODO else (t, e) for t, e in CASES])
def test_the_arguments_of_the_event_are_found(triples, text, expected):
    assert sorted(triples(text)) == sorted(expected)


def test_the_batch_is_large_enough():
    assert len(CASES) >= 30 and len({t for t, _ in CASES}) == len(CASES)
