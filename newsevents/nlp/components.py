"""spaCy components of the pipeline: gazetteer, actors, statements, events.

Each component follows spaCy's component shape (a callable Doc -> Doc registered
with `Language.factory`) and stores its result on a Doc extension attribute;
`newsevents.nlp.rows` converts those to table rows at the edge.

    tok2vec/tagger/parser/ner (the English model)
      -> newsevents_gazetteer   doc.spans["newsevents_gazetteer"]  dictionary matches (orgs, countries)
      -> newsevents_actors      doc._.article_actors               actors and mentions
      -> newsevents_statements  doc._.statements                   quotes and reported speech
      -> newsevents_events      doc._.events                       CAMEO-coded events (needs doc._.anchor_date)
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from newsevents.nlp.actors import resolve_actors
from newsevents.nlp.events import code_events
from newsevents.nlp.resources import Resources, default_resources, load_resources
from newsevents.nlp.statements import extract_statements

GAZETTEER_KEY = "newsevents_gazetteer"
COMPONENTS = ("newsevents_gazetteer", "newsevents_actors", "newsevents_statements", "newsevents_events")

for _name in ("anchor_date", "article_actors", "statements", "events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


#: Resources objects given to `add_components(resources=...)`, by the key the factories receive as `data_dir`
#: (factory configs must stay plain strings). Kept alive here so a key is never reused.
_IN_MEMORY: dict[str, Resources] = {}
IN_MEMORY_PREFIX = "memory:"


def _resources(data_dir: str) -> Resources:
    if data_dir.startswith(IN_MEMORY_PREFIX):
        return _IN_MEMORY[data_dir]
    return load_resources(data_dir) if data_dir else default_resources()


def register_resources(resources: Resources) -> str:
    """Make an in-memory Resources object available to the factories; returns the `data_dir` key to pass."""
    key = f"{IN_MEMORY_PREFIX}{id(resources):x}"
    _IN_MEMORY[key] = resources
    return key


class Gazetteer:
    """Case-sensitive dictionary matches for organisations, country names and well-known people that NER
    tends to miss or mislabel."""

    def __init__(self, nlp: Language, resources: Resources):
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        orgs = [nlp.make_doc(alias) for alias in resources.orgs if len(alias) > 1]
        countries = [nlp.make_doc(name) for name in resources.countries if len(name) > 1]
        people = [nlp.make_doc(name) for name in resources.known_actor_names
                  if len(name) > 3 and name[0].isupper()]
        self.matcher.add("ORG", orgs)
        self.matcher.add("COUNTRY", countries)
        self.matcher.add("PERSON", people)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=doc.vocab.strings[match_id])
                 for match_id, start, end in self.matcher(doc)]
        doc.spans[GAZETTEER_KEY] = spans
        return doc


class ActorComponent:
    def __init__(self, resources: Resources):
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = list(doc.spans[GAZETTEER_KEY]) if GAZETTEER_KEY in doc.spans else []
        doc._.article_actors = resolve_actors(doc, resources=self.resources, gazetteer=gazetteer)
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
        doc._.events = code_events(doc, actors=doc._.article_actors, resources=self.resources, anchor=anchor)
        return doc


@Language.factory("newsevents_gazetteer", default_config={"data_dir": ""})
def make_gazetteer(nlp: Language, name: str, data_dir: str) -> Gazetteer:
    return Gazetteer(nlp, _resources(data_dir))


@Language.factory("newsevents_actors", default_config={"data_dir": ""})
def make_actors(nlp: Language, name: str, data_dir: str) -> ActorComponent:
    return ActorComponent(_resources(data_dir))


@Language.factory("newsevents_statements", default_config={"data_dir": ""})
def make_statements(nlp: Language, name: str, data_dir: str) -> StatementComponent:
    return StatementComponent(_resources(data_dir))


@Language.factory("newsevents_events", default_config={"data_dir": ""})
def make_events(nlp: Language, name: str, data_dir: str) -> EventComponent:
    return EventComponent(_resources(data_dir))


def add_components(nlp: Language, *, data_dir: str = "", resources: Resources | None = None) -> Language:
    """Append the project's components to a loaded English pipeline (idempotent).

    `resources`, if given, is used instead of reading `data_dir` (e.g. the evaluation's copy of the resources
    extended with a test dictionary); such a pipeline's config names an in-memory key, so it cannot be saved
    and reloaded in another process.
    """
    if resources is not None:
        data_dir = register_resources(resources)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config={"data_dir": data_dir})
    return nlp
