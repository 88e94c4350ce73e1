"""Golden records: the reference wire story (Russia vetoes a UN resolution on Syria).

Every actor, event and statement the issues name for the seed article is asserted
here against the real NLP pipeline (spaCy + the project's rules and dictionaries).
The article is read from the bundled sample, so the test does not depend on ../shared.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from newsevents.core.contracts import ARTICLES
from newsevents.extract.cleaning import clean_text

SEED = Path(__file__).resolve().parents[2] / "samples" / "landing" / "seed_article.jsonl"
RUN_DATE = date(2017, 4, 12)


@pytest.fixture(scope="module")
def seed_tables():
    from newsevents.nlp.rows import process_articles
    from newsevents.nlp.runtime import get_nlp, get_resources

    record = json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])
    text = clean_text(record["text"])
    articles = ARTICLES.from_rows([{
        "article_id": "art_seed", "text": text, "published_at": datetime(2017, 4, 12, 20, 0),
        "word_count": len(text.split()), "content_sha256": "0" * 64, "input_ref": "seed", "partition_date": RUN_DATE,
    }])
    tables = process_articles(articles, nlp=get_nlp(), resources=get_resources(), partition_date=RUN_DATE)
    return text, {name: t.to_pylist() for name, t in tables.items()}


@pytest.fixture(scope="module")
def actors_by_name(seed_tables):
    _, tables = seed_tables
    return {a["name"]: a for a in tables["actors"]}


def _name(tables, actor_id):
    return next((a["name"] for a in tables["actors"] if a["actor_id"] == actor_id), None)


@pytest.mark.parametrize("name, actor_type, country, cameo", [
    ("Russia", "COUNTRY", "RUS", "RUS"),
    ("Vladimir Putin", "PERSON", "RUS", "RUSGOV"),
    ("Sergey Lavrov", "PERSON", "RUS", "RUSGOV"),
    ("Vladimir Safronkov", "PERSON", "RUS", "RUSGOV"),
    ("Rex Tillerson", "PERSON", "USA", "USAGOV"),
    ("Donald Trump", "PERSON", "USA", "USAGOV"),
    ("Bashar al-Assad", "PERSON", "SYR", "SYRGOV"),
    ("Sergio Mattarella", "PERSON", "ITA", "ITAGOV"),
    ("Saddam Hussein", "PERSON", "IRQ", "IRQGOV"),
    ("United Nations Security Council", "IGO", None, "IGOUNO"),
    ("Syria civilians", "GROUP", "SYR", "SYRCVL"),
    ("United States", "COUNTRY", "USA", "USA"),
    ("Syria", "COUNTRY", "SYR", "SYR"),
])
def test_seed_actor_is_coded(actors_by_name, name, actor_type, country, cameo):
    actor = actors_by_name.get(name)
    assert actor is not None, f"{name} not found among {sorted(actors_by_name)}"
    assert (actor["actor_type"], actor["country_code"], actor["cameo_code"]) == (actor_type, country, cameo)


def test_mnuchin_is_a_us_government_official(actors_by_name):
    mnuchin = [a for a in actors_by_name.values() if "Mnuchin" in a["name"]]
    assert len(mnuchin) == 1 and mnuchin[0]["cameo_code"] == "USAGOV"


def test_title_evidence_is_kept(actors_by_name):
    assert "title:envoy" in actors_by_name["Vladimir Safronkov"]["coding_evidence"]
    assert "demonym:Russian" in actors_by_name["Vladimir Safronkov"]["coding_evidence"]


def test_short_names_merge_into_one_actor(seed_tables, actors_by_name):
    text, tables = seed_tables
    assad = actors_by_name["Bashar al-Assad"]["actor_id"]
    assad_mentions = [m for m in tables["actor_mentions"] if m["actor_id"] == assad]
    assert len(assad_mentions) >= 5
    assert {m["text"] for m in assad_mentions} >= {"Bashar al-Assad", "Assad"}
    tillerson = actors_by_name["Rex Tillerson"]["actor_id"]
    assert sum(m["actor_id"] == tillerson for m in tables["actor_mentions"]) >= 3
    assert not any(a["name"] in ("Assad", "Tillerson", "Putin") for a in tables["actors"])


def test_mention_offsets_are_exact(seed_tables):
    text, tables = seed_tables
    for m in tables["actor_mentions"]:
        assert text[m["start_char"]:m["end_char"]] == m["text"]


def test_italian_president_resolves_to_mattarella(seed_tables, actors_by_name):
    _, tables = seed_tables
    mattarella = actors_by_name["Sergio Mattarella"]["actor_id"]
    assert any(m["text"] == "the Italian president" and m["actor_id"] == mattarella
               for m in tables["actor_mentions"])


def _events(tables):
    return [(_name(tables, e["source_actor_id"]), _name(tables, e["target_actor_id"]), e["event_code"],
             e["event_date"]) for e in tables["events"]]


def test_veto_event(seed_tables):
    _, tables = seed_tables
    assert ("Russia", "United Nations Security Council", "129", date(2017, 4, 12)) in _events(tables)
    vetoes = [e for e in tables["events"] if e["event_code"] == "129"]
    assert len(vetoes) == 1, "the veto is reported twice in the article but is one event"
    assert vetoes[0]["plover_type"] == "REJECT" and vetoes[0]["quad_class"] == 3


def test_moscow_meeting_is_one_event_per_dyad(seed_tables):
    _, tables = seed_tables
    events = _events(tables)
    assert ("Vladimir Putin", "Rex Tillerson", "040", date(2017, 4, 12)) in events
    assert ("Sergey Lavrov", "Rex Tillerson", "040", date(2017, 4, 12)) in events


def test_putin_mattarella_meeting_is_dated_april_11(seed_tables):
    _, tables = seed_tables
    assert ("Vladimir Putin", "Sergio Mattarella", "040", date(2017, 4, 11)) in _events(tables)


def test_missile_strike_on_syria_dated_april_7(seed_tables):
    _, tables = seed_tables
    strikes = [e for e in tables["events"] if e["event_root_code"] in ("18", "19") and
               e["event_date"] == date(2017, 4, 7)]
    assert strikes, "no US military action dated April 7"
    dyads = {(_name(tables, e["source_actor_id"]), _name(tables, e["target_actor_id"])) for e in strikes}
    assert ("United States", "Syria government") in dyads
    assert all(e["quad_class"] == 4 and e["plover_type"] == "ASSAULT" for e in strikes)


def test_prepared_sanctions_are_a_threat_not_a_sanction(seed_tables):
    _, tables = seed_tables
    threats = [e for e in tables["events"] if e["event_code"] == "1312"]
    assert len(threats) == 1
    assert _name(tables, threats[0]["target_actor_id"]) == "Bashar al-Assad"
    assert threats[0]["event_date"] == date(2017, 4, 7)
    assert not any(e["event_root_code"] == "16" for e in tables["events"])


def test_negated_and_hypothetical_actions_are_not_events(seed_tables):
    _, tables = seed_tables
    assert not any(e["plover_type"] == "AGREE" for e in tables["events"]), "'failed to agree' is not AGREE"
    overthrows = [e for e in tables["events"] if e["trigger_text"].startswith("overthr")]
    assert all(_name(tables, e["target_actor_id"]) != "Bashar al-Assad" for e in overthrows), \
        "'whether the U.S. intends to overthrow Assad' is hypothetical"


def test_2003_event_is_not_dated_2017(seed_tables):
    _, tables = seed_tables
    saddam = [e for e in tables["events"] if _name(tables, e["target_actor_id"]) == "Saddam Hussein"]
    assert saddam and all(e["event_date"].year == 2003 and e["date_precision"] == "year" for e in saddam)


def test_alleged_attack_keeps_its_flag(seed_tables):
    _, tables = seed_tables
    attacks = [e for e in tables["events"] if _name(tables, e["source_actor_id"]) == "Bashar al-Assad"]
    assert attacks and all(e["is_alleged"] for e in attacks)
    assert all(e["event_date"] == date(2017, 4, 4) for e in attacks)
    # "the alleged April 4 attack by Assad" names nobody attacked: force (the article's chemical attack), not words
    assert all(e["quad_class"] == 4 for e in attacks), [e["event_code"] for e in attacks]


def test_event_evidence_spans_cover_the_trigger(seed_tables):
    text, tables = seed_tables
    for e in tables["events"]:
        assert e["trigger_text"] in text[e["start_char"]:e["end_char"]]


def test_six_statements_with_resolved_speakers(seed_tables):
    text, tables = seed_tables
    got = sorted((_name(tables, s["speaker_actor_id"]), s["is_direct"], s["cue"]) for s in tables["statements"])
    assert got == sorted([
        ("Rex Tillerson", False, "said"),
        ("Rex Tillerson", True, "said"),
        ("Vladimir Safronkov", True, "said"),
        ("Vladimir Putin", False, "stated"),
        ("Vladimir Putin", True, "added"),
        ("Steven Mnuchin", False, "said"),
    ])
    for s in tables["statements"]:
        assert text[s["start_char"]:s["end_char"]] == s["quote_text"]


def test_multi_sentence_quote_is_one_statement(seed_tables):
    _, tables = seed_tables
    tillerson_quote = next(s for s in tables["statements"] if s["quote_text"].startswith("There is a low level"))
    assert tillerson_quote["quote_text"].endswith("this kind of relationship")


def test_statement_links_actors_and_events(seed_tables, actors_by_name):
    _, tables = seed_tables
    mnuchin = next(s for s in tables["statements"] if s["quote_text"].startswith("the administration"))
    assert mnuchin["statement_date"] == date(2017, 4, 7)
    linked_events = {link["event_id"] for link in tables["statement_events"]
                     if link["statement_id"] == mnuchin["statement_id"]}
    threat = next(e for e in tables["events"] if e["event_code"] == "1312")
    assert threat["event_id"] in linked_events
    linked_actors = {link["actor_id"] for link in tables["statement_actors"]
                     if link["statement_id"] == mnuchin["statement_id"]}
    assert actors_by_name["Bashar al-Assad"]["actor_id"] in linked_actors


# ----------------------------------------------------------------------------- where (issue 17)
def _event_place(tables, source: str, trigger: str) -> dict:
    event = next(e for e in tables["events"]
                 if _name(tables, e["source_actor_id"]) == source and e["trigger_text"] == trigger)
    mention = next((m for m in tables["location_mentions"]
                    if m["location_mention_id"] == event["location_mention_id"]), None)
    return {**event, "mention": mention}


@pytest.mark.parametrize("source, trigger", [
    ("Vladimir Putin", "met"), ("Sergey Lavrov", "met"),   # "met with ... Tillerson in Moscow"
    ("Vladimir Putin", "meeting"),                          # "While meeting with the Italian president in Moscow"
])
def test_seed_meetings_are_in_moscow(seed_tables, source, trigger):
    _, tables = seed_tables
    event = _event_place(tables, source, trigger)
    assert (event["location_country_code"], event["location_precision"], event["location_method"]) == (
        "RUS", "place", "trigger_prep")
    assert event["mention"]["text"] == "Moscow" and event["mention"]["geonames_id"] == 524901


def test_seed_april_4_attack_is_in_syria_no_town_named(seed_tables):
    _, tables = seed_tables
    event = _event_place(tables, "Bashar al-Assad", "attack")
    assert (event["location_country_code"], event["location_precision"], event["location_mention_id"]) == (
        "SYR", "country", None)
    assert event["location_method"] == "actor_country" and event["latitude"] is not None


def test_seed_veto_is_not_placed(seed_tables):
    """The veto's target is the Security Council (an IGO, no country) and no place is tied to it: null, not New
    York by guess and not Moscow from another sentence."""
    _, tables = seed_tables
    veto = next(e for e in tables["events"] if e["event_code"] == "129")
    assert _name(tables, veto["target_actor_id"]) == "United Nations Security Council"
    assert (veto["location_mention_id"], veto["location_country_code"], veto["location_method"]) == (None, None, None)


def test_seed_toponyms_and_their_usage(seed_tables):
    text, tables = seed_tables
    mentions = tables["location_mentions"]
    assert all(text[m["start_char"]:m["end_char"]] == m["text"] for m in mentions)
    by_text = {}
    for m in mentions:
        by_text.setdefault(m["text"], set()).add(m["usage"])
    assert by_text["Moscow"] == {"literal"} and by_text["Iraq"] == {"literal"}
    assert "metonymic" in by_text["Russian Federation"]       # it used its veto: an actor
    assert "modifier" in by_text["U.S."]                      # "U.S. Secretary of State"
    assert not any(m["text"].startswith("Syrian") for m in mentions)   # demonyms are actor attributes
    moscow = next(m for m in mentions if m["text"] == "Moscow")
    assert (moscow["country_code"], moscow["feature_class"], moscow["resolution_reason"]) == ("RUS", "P", "capital")
    assert moscow["candidate_count"] > 1
