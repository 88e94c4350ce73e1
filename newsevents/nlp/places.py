"""Places: the toponyms of one parsed article, resolved to GeoNames, and where each coded event happened.

Grain: one `LocationMention` per toponym (a GPE/LOC/FAC entity, a dictionary country name, or a dateline), one
`EventLocation` per coded event.

Recognition. Candidates are the English model's GPE and LOC entities (FAC ones when the gazetteer knows them),
the gazetteer component's country names outside any entity, a PERSON/ORG entity or a proper noun outside any
entity that is the object of a place preposition ("in Innisfail", `place_preps`) and a gazetteer name, and a
capitalised dateline ("PARIS, Texas —"); a word of a person's name in the article ("Georgia Stevens … Georgia
said") is that person, not a place. A comma-joined entity ("Paris, Texas") is two
toponyms, the second qualifying the first. Demonyms are not toponyms here ("Syrian civilians" is an attribute
of the actor). Each toponym is marked by its `usage` in the sentence:

- `metonymic`: it acts, speaks or owns ("Moscow said", "Russia vetoed", "Russia's meddling", "used by the U.S."),
  i.e. it is an actor; the actors component codes it as one;
- `modifier`: it modifies a noun ("U.S. officials", "the Syria attack");
- `literal`: a place things happen in, go to or come from. Only literal toponyms locate events.

Resolution (`GeoResolver.resolve`): region abbreviations ("N.M.", "B.C.") and the project's own country aliases
("U.S.", "UK") first, then the GeoNames
candidates of the name, narrowed by the article's own evidence in this order — an explicit qualifier ("Paris,
Texas", the dateline's region), a first-level region the article names (its other toponyms), a country the
article names (toponyms and country actors; it overrides only candidates under a million inhabitants) — then
by feature class (a country before a region, a region before a city smaller than half a million) and
population. Every mention keeps the number of candidates and the reason the winner was chosen.

Event location (`locate_events`), first rule that finds one:
`trigger_prep` a literal toponym in a locative phrase (in/at/near/outside…) of the trigger or of a noun it
governs ("attack on the air base in Shayrat", "met with X in Moscow"); `sentence` a literal toponym in another
locative phrase of the trigger's own clause (never one the clause is about: "discussed Syria"); `actor_country`
the one country of the event's actors (source, and target if any), when the article names it as a place;
`dateline`; `article_dominant` the country of at least two thirds (and two or
more) of the article's literal toponyms. Else no location: null rather than a guess.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsevents.nlp.actors import ArticleActors
from newsevents.nlp.geonames import ADMIN1, CITY, CONTINENT, COUNTRY, GeoIndex, GeoPlace, normalise
from newsevents.nlp.resources import Resources
from newsevents.nlp.sentences import DATELINE, doc_text, sentence_index

LITERAL, METONYMIC, MODIFIER = "literal", "metonymic", "modifier"
PRECISION = {CITY: "place", ADMIN1: "admin1", COUNTRY: "country"}
#: A candidate this populous is not overruled by a country the article merely names (Paris in a US story).
MAJOR_POPULATION = 1_000_000
#: A city this populous is preferred to a region of the same name (Kyiv city over Kyiv oblast, Washington D.C.).
CITY_OVER_REGION = 500_000
_AGENT_DEPS = ("nsubj", "poss")
_MODIFIER_DEPS = ("compound", "amod", "nmod")
_CLAUSE_DEPS = ("ccomp", "advcl", "relcl", "parataxis", "conj", "csubj", "xcomp", "acl")
_DASHES = "—–-"


@dataclass
class LocationMention:
    """One toponym: span (tokens and characters), usage, the resolved place (None when unresolved), how many
    candidates the name had, why this one was chosen, and a 0..1 confidence."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    sentence_index: int
    usage: str
    place: GeoPlace | None = None
    candidate_count: int = 0
    reason: str = "no_candidate"
    confidence: float = 0.0
    qualifier: int | None = None   # index of the mention qualifying this one ("Paris, Texas")
    #: the entity label it came from: a LOC (region, sea, mountain range) is never a populated place
    label: str = "GPE"

    @property
    def precision(self) -> str | None:
        return PRECISION.get(self.place.level) if self.place else None


@dataclass(frozen=True)
class EventLocation:
    """Where one event happened: the mention (index into the article's mentions, or None), the place, its
    precision and the rule that found it; all None when nothing supports a location."""

    mention: int | None = None
    place: GeoPlace | None = None
    precision: str | None = None
    method: str | None = None


# ----------------------------------------------------------------------------- recognition
def _trim(span: Span) -> Span:
    """Without a leading 'the' and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ == "the":
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    return Span(doc, start, end, label=span.label_)


def _split_on_commas(span: Span) -> list[Span]:
    """'Paris, Texas' as one entity is two toponyms."""
    parts, start = [], span.start
    for tok in span:
        if tok.text == ",":
            parts.append(span.doc[start:tok.i])
            start = tok.i + 1
    parts.append(span.doc[start:span.end])
    return [Span(span.doc, p.start, p.end, label=span.label_) for p in parts if len(p)]


def _after_place_prep(span: Span, res: Resources) -> bool:
    """The span is the object of a place preposition ("in Cairns", "from Georgia")."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in res.words.place_preps


def _proper_noun_run(tok: Token) -> Span:
    """The proper nouns ending at `tok` ('Red Deer', 'Innisfail'), as one span."""
    start = tok.i
    while start > tok.sent.start and tok.doc[start - 1].pos_ == "PROPN" and tok.doc[start - 1].dep_ == "compound":
        start -= 1
    return tok.doc[start:tok.i + 1]


def _missed_objects(doc: Doc, res: Resources, index: GeoIndex, covered: set[int]) -> list[Span]:
    """Proper-noun objects of a place preposition outside any entity that the gazetteer knows (NER missed them)."""
    out = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.head.lower_ not in res.words.place_preps:
            continue
        span = _proper_noun_run(tok)
        if covered.intersection(range(span.start, span.end)) or span.text in res.orgs or \
                span.text in res.known_actor_names or not index.candidates(span.text):
            continue
        out.append(Span(doc, span.start, span.end, label="GPE"))
    return out


def _person_words(doc: Doc) -> set[str]:
    """Words of the article's multi-word person names ("Georgia Stevens"): alone, they name that person."""
    return {tok.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for tok in ent}


def _is_person_name(span: Span, person_words: set[str], res: Resources) -> bool:
    """A one-word candidate that is a word of a person named in the article, not after a place preposition."""
    return len(span) == 1 and span.text in person_words and not _after_place_prep(span, res)


def _candidate_spans(doc: Doc, res: Resources, index: GeoIndex, gazetteer: list[Span]) -> list[Span]:
    spans: list[Span] = []
    for ent in doc.ents:
        text = ent.text.strip()
        if ent.label_ in ("GPE", "LOC"):
            spans.extend(_split_on_commas(ent))
        elif ent.label_ == "FAC" and index.candidates(text):
            spans.append(ent)
        elif ent.label_ in ("PERSON", "ORG") and _after_place_prep(ent, res) and text not in res.orgs and \
                text not in res.known_actor_names and index.candidates(text):
            spans.append(ent)   # "in Montevideo" tagged PERSON, "to Edmonton" tagged ORG
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    spans += [s for s in gazetteer if s.label_ == "COUNTRY" and not covered.intersection(range(s.start, s.end))]
    spans += _missed_objects(doc, res, index, covered)
    trimmed = [_trim(s) for s in spans]
    people = _person_words(doc)
    return sorted((s for s in trimmed if len(s) and s.text[:1].isupper() and not _is_person_name(s, people, res)),
                  key=lambda s: s.start)


def _dateline_span(doc: Doc) -> tuple[Span | None, Span | None]:
    """The place (and its qualifier) of a dateline opening the text: 'MOSCOW —', 'PARIS, Texas (AP) -'."""
    match = DATELINE.match(doc_text(doc))
    if not match:
        return None, None
    place = doc.char_span(*match.span(1), alignment_mode="contract")
    qualifier = doc.char_span(*match.span(2), alignment_mode="contract") if match.group(2) else None
    return place, qualifier


def usage_of(span: Span, actors: ArticleActors) -> str:
    """literal, metonymic or modifier: how the sentence uses the toponym (see the module docstring)."""
    root = span.root
    if any(actors.mentions[m].kind == "metonym" for i in range(span.start, span.end)
           for m in actors.token_index.get(i, [])):
        return METONYMIC
    if root.dep_ in _AGENT_DEPS or (root.dep_ == "pobj" and root.head.dep_ == "agent"):
        return METONYMIC
    if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and not (
            span.start <= root.head.i < span.end):
        return MODIFIER
    return LITERAL


def recognise(doc: Doc, res: Resources, index: GeoIndex, actors: ArticleActors,
              gazetteer: list[Span]) -> list[LocationMention]:
    """Every toponym of the article, unresolved, in text order (overlapping candidates: the first one wins)."""
    dateline, dateline_qualifier = _dateline_span(doc)
    spans = _candidate_spans(doc, res, index, gazetteer)
    for extra in (dateline, dateline_qualifier):
        if extra is not None and len(extra) and index.candidates(extra.text):
            spans = [s for s in spans if s.end <= extra.start or s.start >= extra.end] + [extra]
    taken: set[int] = set()
    mentions: list[LocationMention] = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if taken.intersection(range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        usage = LITERAL if span in (dateline, dateline_qualifier) else usage_of(span, actors)
        mentions.append(LocationMention(start=span.start, end=span.end, start_char=span.start_char,
                                        end_char=span.end_char, text=span.text,
                                        sentence_index=sentence_index(doc, span.start), usage=usage,
                                        label=span.label_ or "GPE"))
    _link_qualifiers(doc, mentions)
    return mentions


def _link_qualifiers(doc: Doc, mentions: list[LocationMention]) -> None:
    """'Paris, Texas': a toponym followed by a comma and another toponym is qualified by it."""
    by_start = {m.start: i for i, m in enumerate(mentions)}
    for m in mentions:
        if m.end < len(doc) and doc[m.end].text == ",":
            m.qualifier = by_start.get(m.end + 1)


# ----------------------------------------------------------------------------- resolution
@dataclass(frozen=True)
class Context:
    """The article's evidence for resolving one toponym: countries (ISO2) it names elsewhere (toponyms and
    country actors), the first-level regions ((ISO2, admin1)) its other toponyms lie in, the countries whose
    regions it names as such ("Alabama"), and the qualifier's place, if any."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[tuple[str, str]] = frozenset()
    region_countries: frozenset[str] = frozenset()
    qualifier: GeoPlace | None = None
    #: the regions named as such ("Texas"), not only lying under another toponym ("London" is in England)
    named_regions: frozenset[tuple[str, str]] = frozenset()


def _rank(place: GeoPlace) -> tuple:
    """Default order: a country, then a region unless a city of the name has half a million people, then size."""
    level = {CONTINENT: 0, COUNTRY: 0, ADMIN1: 1, CITY: 2}[place.level]
    if place.level == CITY and place.population >= CITY_OVER_REGION:
        level = 1
    return level, -place.population, place.level != CITY


def _within(candidate: GeoPlace, place: GeoPlace) -> bool:
    if place.level == COUNTRY:
        return candidate.iso2 == place.iso2 and candidate.level != COUNTRY
    return candidate.iso2 == place.iso2 and candidate.admin1 == place.admin1 and candidate.level == CITY


class GeoResolver:
    """Resolves toponyms against the gazetteer with the article's own evidence."""

    def __init__(self, index: GeoIndex, res: Resources):
        self.index = index
        self.res = res

    def _country_alias(self, text: str) -> GeoPlace | None:
        iso3 = self.res.countries.get(re.sub(r"[’']s$", "", text))
        if iso3 is None:
            return None
        return self.index.countries_iso3.get(iso3)

    def _abbreviated_region(self, text: str) -> GeoPlace | None:
        """'N.M.', 'B.C.': a region abbreviation as written (exact, dots included) -> the region."""
        iso = self.res.region_abbreviations.get(text)
        if iso is None:
            return None
        country, code = iso.split("-", 1)
        return self.index.admin1.get((country, dict(self.res.admin1_codes).get(iso, code)))

    def resolve(self, text: str, context: Context = Context(), *, cities: bool = True
                ) -> tuple[GeoPlace | None, str, int, float]:
        """(place, reason, candidate count, confidence) of one toponym; `cities=False` for a non-GPE location."""
        region = self._abbreviated_region(text)
        if region is not None:
            return region, "abbreviation", 1, 0.9
        alias = self._country_alias(text)
        candidates = [c for c in self.index.candidates(text) if cities or c.level != CITY]
        words = text.split(maxsplit=1)
        if alias is None and not candidates and len(words) == 2 and words[0].lower() in self.res.words.compass_words:
            return self.resolve(words[1], context, cities=cities)   # "North Queensland", "southern California"
        ranked = sorted(candidates, key=_rank)
        n = len(candidates)
        if alias is not None:
            # 'Georgia' is the US state when the article names places in it, or other states of its country
            rival = next((c for c in ranked if c.level == ADMIN1 and c.iso2 != alias.iso2 and (
                (c.iso2, c.admin1) in context.regions or c.iso2 in context.region_countries)), None)
            if rival is not None:
                return rival, "article_admin1", n, 0.8
            return alias, "country_alias", max(n, 1), 0.95
        if not candidates:
            return None, "no_candidate", 0, 0.0
        if n == 1:
            return ranked[0], "only_candidate", 1, 0.9
        return self._by_evidence(text, ranked, context)

    def _by_evidence(self, text: str, ranked: list[GeoPlace], context: Context
                     ) -> tuple[GeoPlace, str, int, float]:
        """One of several candidates (in default order): by the qualifier, the capital's country, the regions and
        countries the article names, else the first."""
        n = len(ranked)
        if context.qualifier is not None:
            inside = [c for c in ranked if _within(c, context.qualifier)]
            if inside:
                return inside[0], "qualifier", n, 0.95
        capital = self.res.capitals.get(text)
        if capital is not None:
            own = [c for c in ranked if c.iso3 == capital and c.level == CITY]
            if own and not [c for c in ranked if (c.iso2, c.admin1) in context.named_regions and c.iso3 != capital]:
                return own[0], "capital", n, 0.9
        in_region = [c for c in ranked if c.level != COUNTRY and (c.iso2, c.admin1) in context.regions]
        if in_region:
            return in_region[0], "article_admin1", n, 0.85
        top = ranked[0]
        in_country = [c for c in ranked if c.iso2 in context.countries and c.level != COUNTRY]
        if in_country and top.iso2 not in context.countries and (
                top.level != COUNTRY and top.population < MAJOR_POPULATION or top.level == COUNTRY and
                in_country[0].level == ADMIN1):
            return in_country[0], "article_country", n, 0.75
        share = top.population / max(sum(c.population for c in ranked), 1)
        reason = "feature_class" if top.level != CITY else "population"
        return top, reason, n, round(0.5 + 0.4 * share, 3)


def _context_for(mentions: list[LocationMention], own: int, actor_countries: frozenset[str],
                 keys: list[str]) -> Context:
    """The evidence of every other toponym of the article (not the other mentions of the same name, `keys`)."""
    countries, regions, region_countries, named = set(actor_countries), set(), set(), set()
    for i, m in enumerate(mentions):
        if i == own or m.place is None or m.place.level == CONTINENT or keys[i] == keys[own]:
            continue
        countries.add(m.place.iso2)
        if m.place.level != COUNTRY and m.place.admin1:
            regions.add((m.place.iso2, m.place.admin1))
        if m.place.level == ADMIN1:
            region_countries.add(m.place.iso2)
            if m.place.admin1:
                named.add((m.place.iso2, m.place.admin1))
    qualifier = mentions[mentions[own].qualifier].place if mentions[own].qualifier is not None else None
    return Context(frozenset(countries), frozenset(regions), frozenset(region_countries), qualifier, frozenset(named))


def _actor_countries(actors: ArticleActors, index: GeoIndex) -> frozenset[str]:
    by_iso3 = index.countries_iso3
    return frozenset(by_iso3[a.country_code].iso2 for a in actors.actors.values()
                     if a.actor_type == "COUNTRY" and a.country_code in by_iso3)


def resolve_mentions(mentions: list[LocationMention], resolver: GeoResolver, actors: ArticleActors) -> None:
    """Resolve every mention in place: first each name alone, then again with the rest of the article as context
    (the second pass sees the first pass's places, so 'Georgia' follows 'Atlanta' wherever it stands)."""
    for m in mentions:
        m.place, m.reason, m.candidate_count, m.confidence = resolver.resolve(m.text, cities=m.label != "LOC")
    actor_countries = _actor_countries(actors, resolver.index)
    first = [LocationMention(**{**m.__dict__}) for m in mentions]
    keys = [normalise(m.text) for m in mentions]
    for i, m in enumerate(mentions):
        if m.candidate_count > 1:
            m.place, m.reason, m.candidate_count, m.confidence = resolver.resolve(
                m.text, _context_for(first, i, actor_countries, keys), cities=m.label != "LOC")


def find_location_mentions(doc: Doc, *, resources: Resources, index: GeoIndex, actors: ArticleActors,
                           gazetteer: list[Span] | None = None) -> list[LocationMention]:
    """Every toponym of one parsed article, resolved."""
    mentions = recognise(doc, resources, index, actors, gazetteer or [])
    resolve_mentions(mentions, GeoResolver(index, resources), actors)
    return mentions


# ----------------------------------------------------------------------------- event location
def _phrase_tokens(node: Token):
    """The node's subtree without the clauses hanging off it (a place of a reported clause is not this one's)."""
    yield node
    for child in node.children:
        if child.dep_ not in _CLAUSE_DEPS:
            yield from _phrase_tokens(child)


def _clause_verb(tok: Token) -> Token | None:
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _literal_at(mentions: list[LocationMention]) -> dict[int, int]:
    """Token -> mention of the literal toponyms resolved to a place an event can be at (not a continent)."""
    return {i: n for n, m in enumerate(mentions) if m.usage == LITERAL and m.precision is not None
            for i in range(m.start, m.end)}


def _trigger_prep(trigger: Token, at: dict[int, int], res: Resources) -> int | None:
    nodes = [trigger]
    verb = _clause_verb(trigger)
    if trigger.pos_ in ("NOUN", "PROPN") and verb is not None:
        nodes.append(verb)
    for node in nodes:
        for prep in _phrase_tokens(node):
            if prep.dep_ == "prep" and prep.lower_ in res.words.location_preps:
                found = next((at[t.i] for t in _phrase_tokens(prep) if t.i in at), None)
                if found is not None:
                    return found
    return None


def _verb_index(tok: Token) -> int | None:
    verb = _clause_verb(tok)
    return verb.i if verb is not None else None


def _same_clause(trigger: Token, at: dict[int, int], mentions: list[LocationMention], res: Resources) -> int | None:
    """The literal toponym nearest the trigger among the objects of a locative preposition in the trigger's clause
    that its own phrase does not reach ("protested outside the ministry and in Kyiv"). A toponym the clause is
    about ("discussed Syria", "policy towards Syria") is no setting. Clauses are compared by their verb's index
    (spaCy makes a new Token object on every access)."""
    verb = _verb_index(trigger)
    if verb is None:
        return None
    doc = trigger.doc
    own = [n for n in dict.fromkeys(at.values()) if doc[mentions[n].start].head.lower_ in res.words.location_preps
           and doc[mentions[n].start].dep_ == "pobj" and _verb_index(doc[mentions[n].start].head) == verb]
    return min(own, key=lambda n: abs(mentions[n].start - trigger.i)) if own else None


def _country_of_key(key: str | None, actors: ArticleActors) -> str | None:
    if key is None:
        return None
    actor = actors.actors.get(key)
    if actor is not None:
        return actor.country_code
    return key.split(":", 1)[1] if key.startswith("country:") else None


def _actor_country(event, actors: ArticleActors, literal_countries: set[str]) -> str | None:
    source = _country_of_key(event.source_key, actors)
    if source is None or source not in literal_countries:
        return None
    if event.target_key is not None and _country_of_key(event.target_key, actors) != source:
        return None
    return source


def _dominant(mentions: list[LocationMention]) -> str | None:
    counts = Counter(m.place.iso3 for m in mentions if m.usage == LITERAL and m.place is not None and m.place.iso3)
    if not counts:
        return None
    iso3, n = counts.most_common(1)[0]
    return iso3 if n >= 2 and n * 3 >= 2 * sum(counts.values()) else None


def _dateline_mention(mentions: list[LocationMention], doc: Doc) -> int | None:
    """The first toponym when it opens a dateline ("MOSCOW —") and names a place an event can be at."""
    text = doc_text(doc)
    if not mentions or not DATELINE.match(text):
        return None
    first = mentions[0]
    near_dash = any(d in text[first.end_char:first.end_char + 60] for d in _DASHES)
    return 0 if first.start_char <= 3 and first.precision is not None and near_dash else None


def locate_events(doc: Doc, events: list, mentions: list[LocationMention], actors: ArticleActors,
                  res: Resources, index: GeoIndex) -> list[EventLocation]:
    """Where each event happened (one `EventLocation` per event, in the events' order)."""
    at = _literal_at(mentions)
    by_iso3 = index.countries_iso3
    literal_countries = {m.place.iso3 for m in mentions if m.usage == LITERAL and m.place is not None and m.place.iso3}
    dateline = _dateline_mention(mentions, doc)
    dominant = _dominant(mentions)
    out = []
    for event in events:
        trigger = doc[event.trigger]
        found = _trigger_prep(trigger, at, res)
        method = "trigger_prep"
        if found is None:
            found, method = _same_clause(trigger, at, mentions, res), "sentence"
        if found is not None:
            out.append(EventLocation(found, mentions[found].place, mentions[found].precision, method))
            continue
        country = _actor_country(event, actors, literal_countries)
        if country in by_iso3:
            out.append(EventLocation(None, by_iso3[country], "country", "actor_country"))
        elif dateline is not None:
            out.append(EventLocation(dateline, mentions[dateline].place, mentions[dateline].precision, "dateline"))
        elif dominant in by_iso3:
            out.append(EventLocation(None, by_iso3[dominant], "country", "article_dominant"))
        else:
            out.append(EventLocation())
    return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
