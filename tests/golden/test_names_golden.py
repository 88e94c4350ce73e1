"""Golden records for person names (issue 16, `newsevents.nlp.names`): one fictional text per phrasing class the
CoNLL error analysis showed — role words before names, clubs and companies the tagger calls people, results
tables, scorers' lists, given names the tagger missed."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def people(process_text):
    def _people(text: str) -> dict[str, set[str]]:
        tables = process_text(text)
        kinds = {a["actor_id"]: a["actor_type"] for a in tables["actors"]}
        found: dict[str, set[str]] = {}
        for m in tables["actor_mentions"]:
            found.setdefault(kinds[m["actor_id"]], set()).add(m["text"])
        return found

    return _people


def test_a_players_position_is_not_part_of_his_name(people):
    found = people("Defender Tomas Varga rose to intercept a long ball in the 84th minute.")
    assert "Tomas Varga" in found.get("PERSON", set()) and "Defender Tomas Varga" not in found.get("PERSON", set())


def test_clubs_and_companies_named_after_places_are_not_people(people):
    found = people("Two Zelmora United fans were hurt on Friday.\nKastrel Re said it would split its stock.")
    assert not found.get("PERSON", set()) & {"Zelmora United", "Kastrel Re"}, found


def test_a_results_table_gives_teams_and_scorers(people):
    text = ("SOCCER - NORTHERN PREMIER LEAGUE SUMMARIES .\n"
            "Oldbridge 2 ( Marlow 45 , Pennick 90 ) Westhaven 1 ( Darrow 12 ) .\n"
            "Attendance : 21,400\n"
            "Westhaven 16 2 7 7 16 21 13")
    found = people(text).get("PERSON", set())
    assert {"Marlow", "Pennick", "Darrow"} <= found, found
    assert not found & {"Oldbridge", "Westhaven", "Attendance", "LEAGUE"}, found


def test_given_names_in_a_ranked_list_are_people(people):
    text = ("Leading scores after the second round on Friday :\n"
            "132 Justin Dravecki 65 67 , Hugh Baranel 66 66\n"
            "5. Switzerland I ( Guido Acklar , Hubert Sennig ) 1:45.98")
    found = people(text).get("PERSON", set())
    assert {"Justin Dravecki", "Hugh Baranel", "Guido Acklar", "Hubert Sennig"} <= found, found


def test_people_in_political_news_stay_people(people):
    found = people("Foreign Minister Hope Varga met Carlos Mendel of the Grant Foundation in Paris on Monday. "
                   "Varga told reporters that Mendel had agreed to visit Sri Lanka and Hong Kong in May.")
    persons = found.get("PERSON", set())
    assert {"Hope Varga", "Carlos Mendel", "Varga", "Mendel"} <= persons, found
    assert not persons & {"Grant Foundation", "Sri Lanka", "Hong Kong", "Paris", "May", "Monday"}, found


# ----------------------------------------------------------------------------- a document, one reading of a name
def test_an_all_caps_headline_names_the_people_of_its_story(people):
    text = ("SOCCER - VARGAS HEAD-BUTT COSTS ZELMORA DEAR .\n"
            "LISBON 1996-12-06\n"
            "Striker Tomas Vargas was sent off on Friday after butting defender Ruben Aldaz .\n"
            "Vargas will miss the next two matches .")
    found = people(text).get("PERSON", set())
    assert {"VARGAS", "Tomas Vargas", "Vargas"} <= found, found
    assert not found & {"ZELMORA", "LISBON", "SOCCER"}, found


def test_a_standings_table_repeats_the_surnames_of_the_results(people):
    text = ("Leading results of a ski jumping event on Sunday :\n"
            "1. Kazuro Tanabe ( Japan ) 301.2 points\n"
            "2. Henrik Oddvik ( Norway ) 290.5\n"
            "Leading standings ( after four events ) :\n"
            "1. Oddvik 312 points\n"
            "2. Tanabe 298")
    found = people(text).get("PERSON", set())
    assert {"Kazuro Tanabe", "Henrik Oddvik", "Oddvik", "Tanabe"} <= found, found


# ----------------------------------------------------------------------------- clubs, titles and places are nobody
def test_clubs_named_after_a_city_are_not_people(people):
    text = ("The fans had travelled to watch their team play Rapid Vienna , and the return match "
            "against Dynamo Kiev is in March .\n"
            "Defenders - Jorge Almada ( Porto ) , Helder Viana ( Deportivo Coruna )")
    found = people(text).get("PERSON", set())
    assert {"Jorge Almada", "Helder Viana"} <= found, found
    assert not found & {"Rapid Vienna", "Dynamo Kiev", "Deportivo Coruna", "Porto"}, found


def test_a_title_alone_is_nobody(people):
    found = people("Former Zembran president to visit Pope .\nThe Pope will receive him on Friday .")
    assert not found.get("PERSON", set()) & {"Pope"}, found


# ----------------------------------------------------------------------------- issue 16, fourth round
def test_athletes_before_their_country_in_a_results_line(people):
    text = ("TENNIS - RESULTS AT VELMORA INDOOR TOURNAMENT .\n"
            "Results on Tuesday ( prefix number denotes seeding ) :\n"
            "Halka Novoradna ( Czech Republic ) beat Ines Varrelho ( Portugal ) 6-3 6-4\n"
            "3 - Dravka Petrolic ( Serbia ) beat Sun Lihao ( China ) 7-5 2-6 6-1")
    found = people(text).get("PERSON", set())
    assert {"Halka Novoradna", "Ines Varrelho", "Dravka Petrolic", "Sun Lihao"} <= found, found


def test_a_cricket_scorecard_gives_batsmen_fielders_and_bowlers(people):
    text = ("CRICKET - SOUTH AFRICA V WEST INDIES SCOREBOARD .\n"
            "South Africa first innings\n"
            "H. Bothwell c Pieterman b Malanghe 23\n"
            "Deon Vermaak lbw b Ramdeen 71\n"
            "Kobus Terreveld not out 44\n"
            "Extras ( lb-4 nb-2 ) 6")
    found = people(text).get("PERSON", set())
    assert {"Pieterman", "Malanghe", "Deon Vermaak", "Ramdeen", "Kobus Terreveld"} <= found, found
    assert "Extras" not in found


def test_a_squad_list_with_particles_in_its_names(people):
    text = ("RUGBY UNION - SQUAD NAMED .\n"
            "Velmora named the following squad on Monday :\n"
            "Forwards : Osrik du Randvelt , Naka Drotsveld , Hannes Strydvelt\n"
            "Backs : Joost van der Wessel , Japie Muldvelt")
    found = people(text).get("PERSON", set())
    assert {"Osrik du Randvelt", "Naka Drotsveld", "Hannes Strydvelt", "Joost van der Wessel",
            "Japie Muldvelt"} <= found, found


def test_foreign_given_names_the_tagger_misses(people):
    text = ("SOCCER - POLISH LEAGUE SUMMARY .\n"
            "Velmora coach Jacek Podwalny said his side deserved the win .\n"
            "Crystal Harbour 17 9 3 5 22 15 30")
    found = people(text).get("PERSON", set())
    assert "Jacek Podwalny" in found and "Crystal Harbour" not in found, found


def test_a_city_alone_is_no_person(people):
    found = people("With the arbitrage open, Rotterdam is a prime candidate for the cargo, traders said.")
    assert "Rotterdam" not in found.get("PERSON", set()), found


def test_a_headline_verb_after_a_title_is_no_person(people):
    text = ("VELMORA - VELMORAN OIL MINISTER QUITS .\n"
            "Velmoran Oil Minister Sigrun Aaslvik resigned on Thursday after a row over licences .")
    found = people(text).get("PERSON", set())
    assert "Sigrun Aaslvik" in found and "QUITS" not in found, found


def test_a_goalscorers_table_gives_its_players(people):
    text = ("SOCCER - VELMORAN LEAGUE SCORERS .\n"
            "Leading goalscorers in the Velmoran first division after Sunday 's matches :\n"
            "12 - Ronaldor Matvez ( Deportivo Corvel )\n"
            "9 - Davor Sukovic ( Real Kastrel ) , Luis Enrivez ( Velmora )")
    found = people(text).get("PERSON", set())
    assert {"Ronaldor Matvez", "Davor Sukovic", "Luis Enrivez"} <= found, found
