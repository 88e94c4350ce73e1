"""Golden records for the tenth round of "arguments that are found" (issue 15, args10): a sector of a country's own
(parliament, the public, a union, church leaders, a deposed president, the owner of rejected
demands) that one country's actor addresses or acts on is of that country (CAMEO's domestic dyad, X -> X); unnamed
crowds and tradespeople take the country of the place they are in, also through their own relative clause; an IGO
official or regional bloc is the IGO; the object of a relative clause and the demonym-named victims of a nominal
event with an agent are its target, as is the doer of an act that is praised or criticised in the passive; a group
'led by' another is of its leader's country, and a state oil company is its state's business.
Every sentence is written for these tests; the people and the incidents are invented."""

from __future__ import annotations

import pytest

CASES = [
    # 1. a domestic sector addressed or acted on by one country's actor is of that country
    ("Ghana's education ministry appealed to the public to stay calm.", [("GHAGOV", "GHACVL", "020")]),
    ("A group of Bolivian farmers petitioned parliament on Friday to cut fuel taxes.", [("BOLAGR", "BOLLEG", "020")]),
    ("Tonga's king met the leaders of the Catholic church on Monday.", [("TONGOV", "TONCVL", "040")]),
    ("Kenya's government met church leaders on Monday.", [("KENGOV", "KENCVL", "040")]),
    ("Benin's president held talks with the union on Tuesday.", [("BENGOV", "BENLAB", "040")]),
    ("The Malian junta refused to release the deposed president.", [("MLIGOV", "MLIELI", "1243")]),
    # ... and the owner of demands compounded with them ("union demands") is whom their rejection is aimed at
    ("Ecuador's government rejected union demands to raise the minimum wage.", [("ECUGOV", "ECULAB", "1232")]),
    ("Peru's president rejected opposition demands that he resign.", [("PERGOV", "PEROPP", "1231")]),   # verbal10
    # ... but nothing says that leaders a government meets are its own, nor the victims of a disaster
    ("The Ecuadorian government will meet the indigenous leaders next week.", [("ECUGOV", "GOV", "036")]),
    ("Indonesia commemorated the victims of the tsunami on Sunday.", [("IDN", "CVL", "017")]),
    # 2. crowds, youths, mobs and tradespeople take the country of the place they are in
    ("A mob attacked a police station in a village near Kano.", [("NGACVL", "NGA", "190")]),
    ("Youths in a district of Nairobi threw stones at police.", [("KENCVL", "KENCOP", "145")]),
    ("Several hundred traders protested outside the finance ministry in Bamako.", [("MLIBUS", "MLIGOV", "141")]),
    ("Shopkeepers in Kampala went on strike over the new tax.", [("UGABUS", "UGA", "143")]),
    # ... and, acting, the one country their sentence owns (a possessor, a place), as unclaimed attackers do
    ("A mob lynched a suspected thief in a village in Kenya's Rift Valley on Sunday.", [("KENCVL", "KEN", "1823")]),
    ("Youths burned cars and threw stones at police in the Madrid suburb of Getafe.",
     [("ESPCVL", "ESPCOP", "145")]),
    # ... also by their own relative clause, and a demand that an office step down is aimed at its country
    ("Students who marched on the parliament in Dakar demanded the dismissal of the education minister.",
     [("SENEDU", "SENLEG", "141"), ("SENEDU", "SENGOV", "1041")]),   # the dismissal demanded: verbal10's 1041
    ("Several thousand protesters gathered in Lima demanding the president step down.",
     [("PEROPP", "PERGOV", "1411")]),
    # 3. an IGO's official and a regional bloc are the IGO
    ("The secretary-general of the Caribbean Community praised Jamaica's election.", [("IGOCRBCAR", "JAM", "051")]),
    ("CARICOM leaders urged Haiti to hold elections.", [("IGOCRBCAR", "HTI", "020")]),
    ("Chad's junta demanded that the West African bloc lift its sanctions.", [("TCDGOV", "IGOWAFWAS", "1054")]),
    ("The Pacific Islands Forum urged Fiji to restore democracy.", [("IGOPACPIF", "FJI", "0244")]),
    # 5. the object of a relative clause is the noun it modifies; a demonym names the victims of a nominal event
    ("Accra demanded that Togo free ten Ghanaian fishermen whom Togolese police detained last week.",
     [("TGOCOP", "GHACVL", "173")]),
    ("Uganda's president arrested nine Rwandan traders whom he accused of spying.", [("UGAGOV", "RWABUS", "173")]),
    ("The kidnapping of three Chinese engineers by gunmen in Nigeria was condemned.", [("NGAUAF", "CHN", "181")]),
    ("The arrest of two Malian nationals by Senegalese police drew protests.", [("SENCOP", "MLI", "173")]),
    # ... not its own means ("the deployment of Pakistani frigates, announced by the navy")
    ("The deployment of two Pakistani naval frigates to the Gulf, announced by the navy on Monday, was described "
     "as a precaution.", [("PAKMIL", None, "154")]),
    # ... and an act praised or criticised in the passive names its doer by its own 'by'-phrase
    ("The handling of the crisis by Ghana's health ministry was praised by the World Health Organization.",
     [("IGOUNOWHO", "GHAGOV", "051")]),
    ("The conduct of the vote by Kenya's electoral commission was criticised by the African Union.",
     [("IGOAFRAFU", "KENGOV", "111")]),
    # 6. a company or consortium led by another is of its leader's country
    ("Peru's government is negotiating with a consortium led by a Chinese state mining company.",
     [("PERGOV", "CHNBUS", "046")]),
    ("Kenya signed a deal with a consortium led by Turkey's state railway company.", [("KEN", "TURBUS", "057")]),
    ("Ghana's government held talks with a consortium led by Nigeria.", [("GHAGOV", "NGABUS", "040")]),
    # ... a state oil company is its country's business sector; a company of no stated country is no one
    ("Egypt's state gas company signed a supply deal with Jordan.", [("EGY", "JOR", "057")]),
    ("Saudi Aramco and Sinopec opened a joint refinery in Fujian.",
     [("SAUBUS", "CHNBUS", "061"), ("CHNBUS", "SAUBUS", "061")]),
    ("Petrobras signed a gas supply deal with Bolivia.", [("BRABUS", "BOL", "057")]),
    ("Saudi Arabia's state oil company and a Chinese refiner opened a joint plant in Fujian.",
     [("SAU", "CHN", "061"), ("CHN", "SAU", "061")]),
    ("A gas leak at a plant near Mombasa injured three workers, the company said, blaming a faulty valve.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_the_arguments_of_the_event_are_found(triples, text, expected):
    assert sorted(triples(text)) == sorted(expected)
