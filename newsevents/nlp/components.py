"""spaCy components of the pipeline: names, gazetteer, actors, places, statements, events, where.

Each component follows spaCy's component shape: a callable Doc -> Doc made by a factory registered with
`Language.factory`, which declares the attributes it `requires` and `assigns` (see `nlp.analyze_pipes()`).
A component writes only its own Doc extension; `newsevents.nlp.rows` converts them to table rows at the edge.

    tok2vec/tagger/parser/ner (the English model)
      -> newsevents_names       doc.ents                           person names refined (nlp/names.py)
      -> newsevents_gazetteer   doc.spans["newsevents_gazetteer"]  dictionary matches (orgs, countries)
      -> newsevents_actors      doc._.article_actors               actors, mentions and places
      -> newsevents_places      doc._.location_mentions            toponyms resolved to GeoNames
      -> newsevents_statements  doc._.statements                   quotes and reported speech
      -> newsevents_events      doc._.events, doc._.event_places   CAMEO-coded events (needs doc._.anchor_date)
                                                                   and the places that located them
      -> newsevents_where       doc._.event_locations              where each event happened

Resources (dictionaries, word lists, code tables) reach the factories through the pipeline config, as a block
that names a registered function (spaCy's `@registry.misc` pattern). The default block is
`{"@misc": "newsevents.resources.v1", "data_dir": ""}`: the bundled data, loaded once per process and shared by
every component. Another source of resources is another registered function, named in the block given to
`add_components(nlp, resources={"@misc": ..., ...})`; its arguments must be plain config values, so the
pipeline's config can be saved and the pipeline rebuilt from it.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import registry

from newsevents.nlp.actors import resolve_actors
from newsevents.nlp.events import code_events
from newsevents.nlp.names import refine_entities
from newsevents.nlp.places import find_location_mentions, locate_events
from newsevents.nlp.resources import Resources, cached_resources
from newsevents.nlp.statements import extract_statements

GAZETTEER_KEY = "newsevents_gazetteer"
#: The gazetteer label of a match of a user dictionary's actor name.
DICTIONARY_LABEL = "DICTIONARY"
COMPONENTS = ("newsevents_names", "newsevents_gazetteer", "newsevents_actors", "newsevents_places",
              "newsevents_statements", "newsevents_events", "newsevents_where")
RESOURCES_FUNCTION = "newsevents.resources.v1"

for _name in ("anchor_date", "article_actors", "location_mentions", "statements", "events", "event_places",
              "event_locations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

#: What the project's components read of the English model's annotation.
PARSE = ["token.pos", "token.lemma", "token.dep", "token.head", "doc.sents"]


@registry.misc(RESOURCES_FUNCTION)
def create_resources(data_dir: str = "", dictionaries: str = "", keep_unknown_codes: bool = False) -> Resources:
    """The Resources of a data directory ("" = the bundled newsevents/data) with the user's PETRARCH/Phoenix
    dictionaries merged over them (`dictionaries`: folders or files, `:`-separated; "" = none), loaded once per
    process and arguments, so every component built from one config shares one object. `keep_unknown_codes`
    admits event codes outside our CAMEO table (for scoring a dictionary's own test suite)."""
    return cached_resources(data_dir, dictionaries, keep_unknown_codes)


def _resources_config() -> dict:
    """The default `resources` block of every factory (a fresh dict: spaCy keeps the factory's default)."""
    return {"resources": {"@misc": RESOURCES_FUNCTION}}


class NameComponent:
    """The English model's entities with person names refined (`newsevents.nlp.names`)."""

    def __init__(self, resources: Resources):
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = refine_entities(doc, self.resources)
        return doc


class Gazetteer:
    """Case-sensitive dictionary matches for organisations, country names and well-known people that NER
    tends to miss or mislabel."""

    def __init__(self, nlp: Language, resources: Resources):
        self.resources = resources
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        orgs = [nlp.make_doc(alias) for alias in resources.orgs if len(alias) > 1]
        countries = [nlp.make_doc(name) for name in resources.countries if len(name) > 1]
        people = [nlp.make_doc(name) for name in resources.known_actor_names
                  if len(name) > 3 and name[0].isupper()]
        self.matcher.add("ORG", orgs)
        self.matcher.add("COUNTRY", countries)
        self.matcher.add("PERSON", people)
        # user dictionary names, any case, as long as the match starts with a capital ("GONDOR", "Minas Tirith")
        self.user_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = [nlp.make_doc(name) for name in resources.dictionary_actors if len(name) > 1]
        if names:
            self.user_matcher.add(DICTIONARY_LABEL, names)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=doc.vocab.strings[match_id])
                 for match_id, start, end in self.matcher(doc)]
        spans += [Span(doc, start, end, label=DICTIONARY_LABEL) for _, start, end in self.user_matcher(doc)
                  if doc[start].text[:1].isupper()]
        doc.spans[GAZETTEER_KEY] = spans
        return doc


def _gazetteer_spans(doc: Doc) -> list[Span]:
    """The gazetteer component's matches (none when the pipeline runs without it)."""
    return list(doc.spans[GAZETTEER_KEY]) if GAZETTEER_KEY in doc.spans else []


class ActorComponent:
    def __init__(self, resources: Resources):
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = _gazetteer_spans(doc)
        # the article's date picks the dated roles of known people and of dictionary actors
        doc._.article_actors = resolve_actors(doc, resources=self.resources, gazetteer=gazetteer,
                                              on=doc._.anchor_date)
        return doc


class PlaceComponent:
    """Toponyms recognised and resolved to GeoNames (`newsevents.nlp.places`)."""

    def __init__(self, resources: Resources):
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = _gazetteer_spans(doc)
        doc._.location_mentions = find_location_mentions(doc, resources=self.resources, index=self.resources.geo,
                                                         actors=doc._.article_actors, gazetteer=gazetteer)
        return doc


class WhereComponent:
    """Where each coded event happened, one `EventLocation` per event of `doc._.events`."""

    def __init__(self, resources: Resources):
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        doc._.event_locations = locate_events(doc, doc._.events, doc._.location_mentions, doc._.article_actors,
                                              self.resources, self.resources.geo)
        return doc


class StatementComponent:
    def __init__(self, resources: Resources):
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        doc._.statements = extract_statements(doc, actors=doc._.article_actors, resources=self.resources)
        return doc


class EventComponent:
    def __init__(self, resources: Resources):
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        anchor = doc._.anchor_date or date(1970, 1, 1)
        coded = code_events(doc, actors=doc._.article_actors, resources=self.resources, anchor=anchor)
        doc._.events = coded.events
        doc._.event_places = coded.places
        return doc


@Language.factory("newsevents_names", default_config=_resources_config(),
                  requires=["token.pos", "token.is_sent_start", "doc.ents"],
                  assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_names(nlp: Language, name: str, resources: Resources) -> NameComponent:
    return NameComponent(resources)


@Language.factory("newsevents_gazetteer", default_config=_resources_config(), requires=[],
                  assigns=["doc.spans"])
def make_gazetteer(nlp: Language, name: str, resources: Resources) -> Gazetteer:
    return Gazetteer(nlp, resources)


@Language.factory("newsevents_actors", default_config=_resources_config(),
                  requires=[*PARSE, "token.ent_type", "doc.ents", "doc.spans", "doc._.anchor_date"],
                  assigns=["doc._.article_actors"])
def make_actors(nlp: Language, name: str, resources: Resources) -> ActorComponent:
    return ActorComponent(resources)


@Language.factory("newsevents_places", default_config=_resources_config(),
                  requires=[*PARSE, "doc.ents", "doc.spans", "doc._.article_actors"],
                  assigns=["doc._.location_mentions"])
def make_places(nlp: Language, name: str, resources: Resources) -> PlaceComponent:
    return PlaceComponent(resources)


@Language.factory("newsevents_where", default_config=_resources_config(),
                  requires=[*PARSE, "doc._.events", "doc._.location_mentions", "doc._.article_actors"],
                  assigns=["doc._.event_locations"])
def make_where(nlp: Language, name: str, resources: Resources) -> WhereComponent:
    return WhereComponent(resources)


@Language.factory("newsevents_statements", default_config=_resources_config(),
                  requires=[*PARSE, "token.tag", "doc._.article_actors"], assigns=["doc._.statements"])
def make_statements(nlp: Language, name: str, resources: Resources) -> StatementComponent:
    return StatementComponent(resources)


@Language.factory("newsevents_events", default_config=_resources_config(),
                  requires=[*PARSE, "doc.ents", "doc._.article_actors", "doc._.anchor_date"],
                  assigns=["doc._.events", "doc._.event_places"])
def make_events(nlp: Language, name: str, resources: Resources) -> EventComponent:
    return EventComponent(resources)


def add_components(nlp: Language, *, resources: dict | None = None) -> Language:
    """Append the project's components to a loaded English pipeline (idempotent).

    `resources` is the config block of the registered function that returns their Resources, e.g.
    `{"@misc": "newsevents.resources.v1", "data_dir": "/path/to/data"}`; by default the bundled data. The
    function should return one cached object for one block, since each component resolves the block itself.
    """
    config = {"resources": resources} if resources is not None else {}
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=config)
    return nlp
