"""Toponyms: the GeoNames gazetteer, the resolver's use of the article's evidence, usage (literal, metonymic,
modifier) and event location, on hand-built parses (no model).

Docs are written out token by token (word, POS, dependency, head) with `spacy.blank("en")`, as in
test_nlp_events.py; the sentences are fictional. The gazetteer is the real one (built once per process).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.nlp.actors import ArticleActors, Mention, country_actor
from newsevents.nlp.events import CodedEvent
from newsevents.nlp.geonames import ADMIN1, CITY, COUNTRY, normalise
from newsevents.nlp.places import (
    Context,
    GeoResolver,
    find_location_mentions,
    locate_events,
    usage_of,
)

VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def resolver(res):
    return GeoResolver(res.geo, res)


def parse(rows: list[tuple], ents: dict[tuple[int, int], str] | None = None) -> Doc:
    """A Doc from (word, pos, dep, head) rows; `ents` puts entities on token ranges: {(start, end): label}."""
    doc = Doc(VOCAB, words=[r[0] for r in rows], pos=[r[1] for r in rows], deps=[r[2] for r in rows],
              heads=[r[3] for r in rows], lemmas=[r[0].lower() for r in rows], sent_starts=[
                  i == 0 for i in range(len(rows))])
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label)
                for (s, e), label in (ents or {}).items()]
    return doc


def pick(resolver, name: str, context: Context = Context()):
    place, reason, count, confidence = resolver.resolve(name, context)
    return place, reason, count


# ----------------------------------------------------------------------------- the gazetteer
def test_gazetteer_holds_the_packages_places_with_their_attributes(res):
    index = res.geo
    assert len(index) > 230_000   # cities down to population 500, countries, states, regions
    paris = max(index.candidates("Paris"), key=lambda p: p.population)
    assert (paris.iso3, paris.level, paris.feature_class, paris.geonames_id) == ("FRA", CITY, "P", 2988507)
    assert paris.population > 2_000_000 and paris.admin1 == "11"
    assert any(p.iso3 == "USA" and p.admin1 == "TX" for p in index.candidates("Paris"))
    # alternate names are indexed too, accents and case folded
    assert any(p.geonames_id == 703448 for p in index.candidates("Kiev")) or any(
        p.iso3 == "UKR" for p in index.candidates("Kiev"))
    assert normalise("the U.S.") == "us" and normalise("Zürich") == "zurich"


def test_country_and_region_points_exist(res):
    usa = res.geo.countries_iso3["USA"]
    assert usa.feature_class == "A" and usa.latitude is not None
    texas = next(p for p in res.geo.candidates("Texas") if p.level == ADMIN1)
    assert texas.iso3 == "USA" and 25 < texas.latitude < 37


# ----------------------------------------------------------------------------- resolution
def test_paris_alone_is_the_french_capital(resolver):
    place, reason, count = pick(resolver, "Paris")
    assert (place.iso3, reason) == ("FRA", "capital") and count > 5


def test_paris_texas_by_qualifier_and_by_the_articles_region(resolver, res):
    texas = next(p for p in res.geo.candidates("Texas") if p.level == ADMIN1)
    place, reason, _ = pick(resolver, "Paris", Context(qualifier=texas))
    assert (place.iso3, place.admin1, reason) == ("USA", "TX", "qualifier")
    texan = frozenset({("US", "TX")})
    place, reason, _ = pick(resolver, "Paris", Context(regions=texan, named_regions=texan))
    assert (place.iso3, place.admin1, reason) == ("USA", "TX", "article_admin1")
    # a Texan city elsewhere in the article is weaker evidence than a capital's name
    place, reason, _ = pick(resolver, "Paris", Context(regions=texan))
    assert (place.iso3, reason) == ("FRA", "capital")


def test_a_compass_word_before_a_region_is_looked_through(resolver):
    place, _, _ = pick(resolver, "North Queensland")
    assert (place.iso3, place.level) == ("AUS", ADMIN1)


def test_a_country_merely_named_does_not_overrule_a_major_city(resolver):
    """A US story mentioning Paris means the French one unless it names Texas (or a Texan place)."""
    place, _, _ = pick(resolver, "Paris", Context(countries=frozenset({"US"})))
    assert place.iso3 == "FRA"


def test_georgia_is_the_country_unless_the_article_names_places_of_the_state(resolver):
    place, reason, _ = pick(resolver, "Georgia")
    assert (place.level, place.iso3, reason) == (COUNTRY, "GEO", "country_alias")
    place, reason, _ = pick(resolver, "Georgia", Context(regions=frozenset({("US", "GA")})))
    assert (place.level, place.iso3, place.admin1, reason) == (ADMIN1, "USA", "GA", "article_admin1")
    place, _, _ = pick(resolver, "Georgia", Context(region_countries=frozenset({"US"})))
    assert place.iso3 == "USA"
    # a country actor of the US named in the article is not evidence for the state
    place, _, _ = pick(resolver, "Georgia", Context(countries=frozenset({"US"})))
    assert place.iso3 == "GEO"


def test_unknown_names_stay_unresolved_with_their_reason(resolver):
    assert pick(resolver, "Qwxzvillebrook") == (None, "no_candidate", 0)


# ----------------------------------------------------------------------------- usage and recognition
MOSCOW_SAID = [("Moscow", "PROPN", "nsubj", 1), ("said", "VERB", "ROOT", 1), ("talks", "NOUN", "nsubj", 4),
               ("had", "AUX", "aux", 4), ("failed", "VERB", "ccomp", 1), (".", "PUNCT", "punct", 1)]
SYRIAN_CIVILIANS = [("Rebels", "NOUN", "nsubj", 1), ("shelled", "VERB", "ROOT", 1), ("Syrian", "ADJ", "amod", 3),
                    ("civilians", "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1)]
PROTESTS_IN_KYIV = [("Students", "NOUN", "nsubj", 1), ("protested", "VERB", "ROOT", 1), ("in", "ADP", "prep", 1),
                    ("Kyiv", "PROPN", "pobj", 2), ("on", "ADP", "prep", 1), ("Monday", "PROPN", "pobj", 4),
                    (".", "PUNCT", "punct", 1)]
US_OFFICIALS = [("U.S.", "PROPN", "compound", 1), ("officials", "NOUN", "nsubj", 2), ("arrived", "VERB", "ROOT", 2),
                (".", "PUNCT", "punct", 2)]


def test_a_capital_that_speaks_is_metonymic(res):
    doc = parse(MOSCOW_SAID, {(0, 1): "GPE"})
    mentions = find_location_mentions(doc, resources=res, index=res.geo, actors=ArticleActors())
    assert [(m.text, m.usage) for m in mentions] == [("Moscow", "metonymic")]
    assert mentions[0].place.iso3 == "RUS"   # still resolved: a reader may want to know which Moscow


def test_a_demonym_is_no_toponym(res):
    doc = parse(SYRIAN_CIVILIANS, {(2, 3): "NORP"})
    assert find_location_mentions(doc, resources=res, index=res.geo, actors=ArticleActors()) == []


def test_a_modifying_country_is_a_modifier(res):
    doc = parse(US_OFFICIALS, {(0, 1): "GPE"})
    assert usage_of(doc[0:1], ArticleActors()) == "modifier"


def test_a_proper_noun_after_a_place_preposition_is_found_where_ner_missed_it(res):
    doc = parse(PROTESTS_IN_KYIV)   # no entities at all
    mentions = find_location_mentions(doc, resources=res, index=res.geo, actors=ArticleActors())
    assert [(m.text, m.usage, m.place.iso3) for m in mentions] == [("Kyiv", "literal", "UKR")]


def test_the_dateline_and_its_region(res):
    words = ["PARIS", ",", "Texas", "—", "Farmers", "marched", "."]
    rows = [(words[0], "PROPN", "ROOT", 0), (",", "PUNCT", "punct", 0), ("Texas", "PROPN", "appos", 0),
            ("—", "PUNCT", "punct", 0), ("Farmers", "NOUN", "nsubj", 5), ("marched", "VERB", "ROOT", 5),
            (".", "PUNCT", "punct", 5)]
    doc = Doc(VOCAB, words=words, spaces=[False, True, True, True, True, False, False],
              pos=[r[1] for r in rows], deps=[r[2] for r in rows], heads=[r[3] for r in rows],
              sent_starts=[True, False, False, False, True, False, False])
    mentions = find_location_mentions(doc, resources=res, index=res.geo, actors=ArticleActors())
    paris = next(m for m in mentions if m.text == "PARIS")
    assert (paris.place.iso3, paris.place.admin1, paris.reason) == ("USA", "TX", "qualifier")


# ----------------------------------------------------------------------------- event location
def _event(trigger: int, source: str, target: str | None = None) -> CodedEvent:
    return CodedEvent(source_key=source, target_key=target, code="141", trigger=trigger, trigger_text="",
                      start_char=0, end_char=1, sentence_index=0, is_alleged=False, confidence=0.5, date=None)


def test_an_event_is_placed_by_the_locative_phrase_of_its_trigger(res):
    doc = parse(PROTESTS_IN_KYIV, {(3, 4): "GPE"})
    mentions = find_location_mentions(doc, resources=res, index=res.geo, actors=ArticleActors())
    [where] = locate_events(doc, [_event(1, "collective:---:EDU")], mentions, ArticleActors(), res, res.geo)
    assert (where.method, where.precision, where.place.name, where.mention) == ("trigger_prep", "place", "Kyiv", 0)


def test_a_metonymic_capital_is_no_event_place_and_nothing_is_guessed(res):
    doc = parse(MOSCOW_SAID, {(0, 1): "GPE"})
    actors = ArticleActors()
    actor = country_actor("RUS", res)
    actors.add(actor, Mention(start=0, end=1, start_char=0, end_char=6, text="Moscow", kind="metonym",
                              sentence_index=0, actor_key=actor.key))
    mentions = find_location_mentions(doc, resources=res, index=res.geo, actors=actors)
    [where] = locate_events(doc, [_event(4, actor.key)], mentions, actors, res, res.geo)
    assert where.place is None and where.method is None


def test_a_domestic_event_is_in_its_actors_country_when_the_article_names_it(res):
    rows = PROTESTS_IN_KYIV + [("Police", "NOUN", "nsubj", 8), ("detained", "VERB", "ROOT", 8),
                               ("them", "PRON", "dobj", 8), (".", "PUNCT", "punct", 8)]
    doc = Doc(VOCAB, words=[r[0] for r in rows], pos=[r[1] for r in rows], deps=[r[2] for r in rows],
              heads=[r[3] for r in rows], sent_starts=[i in (0, 7) for i in range(len(rows))],
              ents=["O", "O", "O", "B-GPE"] + ["O"] * (len(rows) - 4))
    mentions = find_location_mentions(doc, resources=res, index=res.geo, actors=ArticleActors())
    ukraine, france = country_actor("UKR", res), country_actor("FRA", res)
    actors = ArticleActors(actors={ukraine.key: ukraine, france.key: france})
    # "Police detained them" has no place of its own: its actors' one country, named as a place (Kyiv), does
    [where] = locate_events(doc, [_event(8, ukraine.key)], mentions, actors, res, res.geo)
    assert (where.method, where.precision, where.place.iso3, where.mention) == ("actor_country", "country", "UKR",
                                                                                None)
    # France is not named as a place in the article: no location from the actor alone
    [where] = locate_events(doc, [_event(8, france.key)], mentions, actors, res, res.geo)
    assert where.place is None


def test_an_event_takes_a_locative_place_of_its_own_clause_but_not_a_topic(res):
    rows = [("Students", "NOUN", "nsubj", 1), ("protested", "VERB", "ROOT", 1), ("outside", "ADP", "prep", 1),
            ("parliament", "NOUN", "pobj", 2), ("and", "CCONJ", "cc", 2), ("in", "ADP", "conj", 2),
            ("Lviv", "PROPN", "pobj", 5), (".", "PUNCT", "punct", 1)]
    doc = parse(rows, {(6, 7): "GPE"})
    mentions = find_location_mentions(doc, resources=res, index=res.geo, actors=ArticleActors())
    [where] = locate_events(doc, [_event(1, "collective:---:EDU")], mentions, ArticleActors(), res, res.geo)
    assert (where.method, where.place.name, where.precision) == ("sentence", "Lviv", "place")
    topic = [("Ministers", "NOUN", "nsubj", 1), ("discussed", "VERB", "ROOT", 1), ("Syria", "PROPN", "dobj", 1),
             (".", "PUNCT", "punct", 1)]
    doc = parse(topic, {(2, 3): "GPE"})
    mentions = find_location_mentions(doc, resources=res, index=res.geo, actors=ArticleActors())
    [where] = locate_events(doc, [_event(1, "collective:---:GOV")], mentions, ArticleActors(), res, res.geo)
    assert where.place is None


def test_region_abbreviations_resolve_exactly(resolver):
    place, reason, _ = pick(resolver, "N.M.")
    assert (place.name, place.iso3, place.admin1, reason) == ("New Mexico", "USA", "NM", "abbreviation")
    assert pick(resolver, "B.C.")[0].name == "British Columbia"
    assert pick(resolver, "Miss")[1] != "abbreviation"   # without its dot it is no abbreviation
