"""Golden records for the tenth round of verbal conflict (issue 15): accusations, demands, rejections and threats
coded by what they are about, on the small English model's own parse. Every sentence is written for these tests;
the people and the incidents are invented."""

from __future__ import annotations

import pytest

CASES = [
    # an accusation is coded by the act it charges
    ("Chile's opposition accused the mayor of diverting flood relief funds to his relatives.", {"1121"}),
    ("Nigeria's opposition accused the governor of steering contracts to his friends.", {"1121"}),
    ("Pakistan accused Indian troops of shelling villages near the frontier.", {"1123"}),
    ("Kenya accused Somalia of the shelling of border posts.", {"1123"}),
    ("Rights groups accused Ethiopia's army of executing civilians in Gondar.", {"1122"}),
    ("The senator accused the minister of lying to parliament.", {"112"}),     # no coded act: generic
    # a protest lodged with a government is a complaint; a street protest stays a demonstration
    ("Ghana lodged a formal protest with Togo over the arrest of two Ghanaian fishermen.", {"114"}),
    ("Vietnam filed a diplomatic protest with China over the seizure of a fishing boat.", {"114"}),
    ("Thousands of students staged a protest in Dhaka.", {"141"}),
    # a nominal threat or demand is coded by the act its clause names
    ("A threat by Chad's army chief to send troops to the border was broadcast on Monday.", {"138"}),
    ("Iran's threat to impose sanctions on Iraq alarmed traders.", {"1312"}),
    ("Colombia's demand that Venezuela withdraw its troops from the border was repeated on Monday.", {"1056"}),
    ("Peru repeated its demand that Chile release the detained fishermen.", {"1053"}),
    ("Mali rejected the demands that Niger made.", {"120"}),                  # a relative clause: no act
    # aid offered and rejected is rejected cooperation; a request turned down stays a rejected request
    ("Peru rejected a Japanese offer of a loan.", {"1211"}),
    ("Kiribati rejected a Chinese offer of military aid.", {"1212"}),
    # the removal of an office holder demanded is a demand for leadership change; of a thing it is not
    ("Students demanded the dismissal of the education minister.", {"1041"}),
    ("The opposition demanded the ouster of President Kiir.", {"1041"}),
    ("Farmers in Kenya called for the removal of the agriculture minister.", {"0241"}),
    # a ban on parties threatened, a court ruling ignored, a strike not called off
    ("The minister threatened to ban the opposition party.", {"1322"}),
    ("The junta threatened to outlaw the students' movement.", {"1322"}),
    ("Zambia ignored a ruling by the regional court on the land dispute.", {"128"}),
    ("Chile's miners union refused to call off its strike against the government.", {"1242"}),
    # force on protesters is repression, threatened too; a UN official expelled is an international presence
    ("Police used force against protesters in Nairobi.", {"175"}),
    ("The police chief warned that officers would use force against protesters.", {"137"}),
    ("Burkina Faso's junta threatened to expel the UN humanitarian coordinator.", {"136"}),
    ("North Korea threatened to take military action against South Korea.", {"138"}),
    # a policy's end demanded, a ban stated as an intention, a mission let in, others rallied against a policy
    ("Students demanded the abolition of the quota system for civil service jobs.", {"1042"}),
    ("Teachers demanded that the government abolish the new exam fees.", {"1042"}),
    ("Chad said it would outlaw the opposition party.", {"1322"}),
    ("Hungary refused to let an EU fact-finding mission into its camps.", {"1245"}),
    ("Argentina rallied its neighbours against Britain's military presence.", {"113"}),
    # an end to an act asked for, demanded or refused is its easing
    ("The UN called for an end to the fighting in Sudan.", {"0256"}),
    ("Kenya demanded an end to the blockade of its port.", {"1056"}),
    ("The EU demanded an end to the curfew in Bamako.", {"1051"}),
    ("Peru demanded an end to sanctions on its fishing fleet.", {"1054"}),
]


@pytest.mark.parametrize("text, codes", CASES)
def test_verbal_conflict_is_coded_by_what_it_is_about(triples, text, codes):
    assert {code for *_, code in triples(text)} == codes
