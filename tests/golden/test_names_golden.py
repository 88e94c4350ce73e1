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
