"""Actors: recognise, merge and code the political actors of one parsed article.

Grain of the output: one `Actor` per canonical actor of the article and one
`Mention` per surface mention. Sources of evidence, in order of trust:

1. the article itself — titles and appositions next to a name ("Russian President
   Vladimir Putin"), demonyms and country names modifying role nouns ("Syrian
   civilians"), possessors ("Assad's government");
2. the project's dictionaries (newsevents/data): countries, demonyms, capitals,
   organisations, role words and a small list of well-known people.

The output also lists the article's places: every proper-noun GPE/LOC that names a
country or a capital, with its ISO3 code. The event coder reads them to aim domestic
actions at the country they happen in; it never writes back here.

Codes follow CAMEO's actor scheme: ISO 3166 alpha-3 country + a three-letter
role (GOV, MIL, CVL, ...), a bare role for actors of unknown country, and IGO
codes (IGOUNO) for international bodies.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsevents.nlp.names import is_no_name, unsupported_headline_person
from newsevents.nlp.resources import KnownActor, Resources
from newsevents.nlp.sentences import DATELINE, doc_text, is_wire_dateline, sentence_of, sentences


@dataclass
class Actor:
    """One canonical actor as coded from one article."""

    key: str
    name: str
    actor_type: str
    country_code: str | None = None
    role_code: str | None = None
    cameo_code: str | None = None
    confidence: float = 0.5
    evidence: list[str] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    #: the Wikidata item of a person the office-holder gazetteer knows, else None
    wikidata_id: str | None = None
    #: the office the gazetteer gives a known person on the article's date ("Governor of New Jersey")
    office: str | None = None

    @property
    def actor_id(self) -> str:
        return actor_id_for(self.key)


@dataclass
class Mention:
    """One mention: token span in the doc, char span in the text, and the actor it refers to."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    kind: str
    sentence_index: int
    actor_key: str
    #: extra tokens (titles, appositions) that refer to the same actor in the parse
    extra_tokens: tuple[int, ...] = ()


@dataclass(frozen=True)
class Place:
    """A proper-noun GPE/LOC token that names a country or a capital: the token, the entity span holding it
    (or the token alone), the ISO3 code of that country and the token's sentence."""

    token: int
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    iso3: str
    sentence_index: int


@dataclass
class ArticleActors:
    """Actors, mentions and places of one article, with a token index for the event and statement coders."""

    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    token_index: dict[int, list[int]] = field(default_factory=dict)
    #: token index -> the place that token names (see `find_places`)
    places: dict[int, Place] = field(default_factory=dict)

    def copy(self) -> ArticleActors:
        """An independent copy to add mentions to (actors and mentions themselves are shared, not copied)."""
        return ArticleActors(actors=dict(self.actors), mentions=list(self.mentions),
                             token_index={i: list(ix) for i, ix in self.token_index.items()}, places=self.places)

    def add(self, actor: Actor, mention: Mention) -> Mention:
        current = self.actors.get(actor.key)
        if current is None or actor.confidence > current.confidence:
            if current is not None:
                actor.titles |= current.titles
            self.actors[actor.key] = actor
        else:
            current.titles |= actor.titles
        self.mentions.append(mention)
        index = len(self.mentions) - 1
        for i in [*range(mention.start, mention.end), *mention.extra_tokens]:
            self.token_index.setdefault(i, []).append(index)
        return mention

    def actors_at(self, token_i: int) -> list[Actor]:
        """Actors whose mention covers the token (distinct, in mention order)."""
        seen: dict[str, Actor] = {}
        for index in self.token_index.get(token_i, []):
            key = self.mentions[index].actor_key
            seen.setdefault(key, self.actors[key])
        return list(seen.values())

    def covered(self, start: int, end: int) -> bool:
        return any(i in self.token_index for i in range(start, end))


def actor_id_for(key: str) -> str:
    """Stable actor id: the same canonical key gives the same id in every run."""
    return "act_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def normalise_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(" .,")


def _sentence_index(doc: Doc) -> dict[int, int]:
    return {tok.i: s_i for s_i, sent in enumerate(sentences(doc)) for tok in sent}


def country_actor(iso3: str, res: Resources) -> Actor:
    name = res.country_name(iso3) or iso3
    return Actor(key=f"country:{iso3}", name=name, actor_type="COUNTRY", country_code=iso3, cameo_code=iso3,
                 confidence=1.0, evidence=["dictionary:country"])


def add_location(actors: ArticleActors, place: Place, res: Resources) -> Actor:
    """Record a place as a 'location' mention of its country; returns the country's actor as merged.

    The event coder does this on its working copy when a place locates an event, and the rows edge replays it
    on the component's output, so both see the same actors and mentions."""
    actor = country_actor(place.iso3, res)
    actors.add(actor, Mention(start=place.start, end=place.end, start_char=place.start_char,
                              end_char=place.end_char, text=place.text, kind="location",
                              sentence_index=place.sentence_index, actor_key=actor.key))
    return actors.actors[actor.key]


def collective_actor(iso3: str | None, role: str, res: Resources, evidence: list[str],
                     confidence: float) -> Actor:
    """A country's government, military, civilians, ... (or a role of unknown country)."""
    role_name = res.role_names.get(role, role.lower())
    country_name = res.country_name(iso3) if iso3 else None
    name = f"{country_name} {role_name}" if country_name else f"{role_name} (country unknown)"
    actor_type = "ORGANIZATION" if role in res.code_classes.institutional_roles else "GROUP"
    cameo = f"{iso3}{role}" if iso3 else role
    return Actor(key=f"collective:{iso3 or '---'}:{role}", name=name, actor_type=actor_type, country_code=iso3,
                 role_code=role, cameo_code=cameo, confidence=confidence, evidence=evidence)


def org_actor(text: str, res: Resources) -> Actor | None:
    entry = res.orgs.get(text) or res.orgs.get(re.sub(r"^the\s+", "", text, flags=re.I))
    if entry is None:
        return None
    role = None
    if entry.country_code and entry.cameo_code and entry.cameo_code.startswith(entry.country_code):
        role = entry.cameo_code[len(entry.country_code):] or None
    return Actor(key=f"org:{entry.canonical_name.lower()}", name=entry.canonical_name, actor_type=entry.actor_type,
                 country_code=entry.country_code, role_code=role, cameo_code=entry.cameo_code, confidence=0.95,
                 evidence=["dictionary:organization"])


def lookup_country(text: str, res: Resources) -> str | None:
    stripped = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    stripped = re.sub(r"[’']s$", "", stripped)
    return res.countries.get(stripped) or res.countries.get(text.strip())


@dataclass(frozen=True)
class Demonym:
    """A demonym in the text: its country, its first token, its words, and whether it is a region's or a people's
    within one state (`regional_demonyms.csv`: "Tigrayan") rather than the state's own ("Ethiopian")."""

    iso3: str
    start: int
    text: str
    regional: bool = False


def demonym_at(tok: Token, res: Resources) -> Demonym | None:
    """The longest demonym ending at a token ("South Sudanese" rather than "Sudanese", "Papua New Guinean"), of a
    state or of a region or people of one state, else None."""
    doc = tok.doc
    for start in (tok.i - 2, tok.i - 1, tok.i):
        if start < 0:
            continue
        text = doc[start:tok.i + 1].text
        if text in res.demonyms:
            return Demonym(res.demonyms[text], start, text)
        if text in res.regional_demonyms:
            return Demonym(res.regional_demonyms[text], start, text, regional=True)
    return None


# ----------------------------------------------------------------------------- title context
@dataclass
class TitleInfo:
    tokens: list[int]
    role: str | None
    title: str | None
    country: str | None
    evidence: list[str]
    #: the international body the title names as the person's own ("the UN envoy for Yemen"), else None
    body: Actor | None = None


def _match_title(words: list[str], res: Resources) -> tuple[str | None, str | None, int]:
    """Longest title in a word list: (title, role, index of its first word)."""
    best: tuple[str | None, str | None, int] = (None, None, -1)
    for i in range(len(words)):
        for j in range(min(len(words), i + 4), i, -1):
            phrase = " ".join(words[i:j])
            if phrase in res.titles and (best[0] is None or len(phrase) > len(best[0])):
                best = (phrase, res.titles[phrase], i)
    return best


def title_context(doc: Doc, span: Span, res: Resources, person_tokens: set[int]) -> TitleInfo:
    """Read the title words to the left of a name ("Deputy Russian envoy to the United Nations")."""
    tokens = _title_tokens(doc, span, res, person_tokens)
    words = [doc[t].lower_ for t in tokens]
    title, role, _ = _match_title(words, res)
    evidence = [f"title:{title}"] if title else []
    if title and role == "GOV":
        # "army spokesman", "police chief": the institution named with a generic title sets the role
        institution = next((w for w in words if res.groups.get(w) not in (None, "GOV")), None)
        if institution:
            role = res.groups[institution]
            evidence.append(f"institution:{institution}")
    country = _title_country(doc, tokens, res, evidence)
    state = _state_of_name(span, res) if title and country is None else None
    if state is not None:
        # "Congresswoman Ana Torres of Texas", "Sen. Mara Quint of Virginia": a titled American of a US state
        country = "USA"
        evidence.append(f"us_state:{state}")
    body = _title_body(doc, tokens, res) if title else None
    if body is not None:
        # "the UN envoy for Yemen": the body the envoy serves, not the country of the post
        country = None
        evidence.append(f"body:{body.name}")
    if not title and not country:
        tokens = [t for t in tokens if doc[t].pos_ in ("PROPN", "NOUN", "ADJ") and doc[t].lower_ in res.titles]
    return TitleInfo(tokens=tokens, role=role, title=title, country=country, evidence=evidence, body=body)


def _state_of_name(span: Span, res: Resources) -> str | None:
    """The US state of an 'of'-phrase right after a name ("Ana Torres of Texas", "Mara Quint of New Mexico"), else
    None (also for a state named like a country: Georgia)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
        return None
    for length in (3, 2, 1):
        name = doc[span.end + 1:span.end + 1 + length].text
        if span.end + 1 + length <= len(doc) and name in res.us_states:
            # "Minister Nino Beridze of Georgia": a state that is also a country's name says nothing
            return res.us_states[name] if name not in res.countries else None
    return None


def _title_body(doc: Doc, tokens: list[int], res: Resources) -> Actor | None:
    """The international body (an IGO of the organisations dictionary) a title's proper nouns name as the person's
    own: "UN envoy", "the United Nations special envoy for Syria", "a UN spokeswoman" — not the body a post is
    accredited to ("Russia's envoy to the UN", "ambassador at the UN"), nor one after a demonym or a country
    of the title's own ("the Kenyan envoy to the AU"). None otherwise."""
    runs: list[list[int]] = []
    for t in tokens:
        if doc[t].pos_ == "PROPN" and runs and runs[-1][-1] == t - 1:
            runs[-1].append(t)
        elif doc[t].pos_ == "PROPN":
            runs.append([t])
    for run in runs:
        if run[0] > 0 and doc[run[0] - 1].lower_ in ("to", "at", "the") and \
                (doc[run[0] - 1].lower_ != "the" or run[0] > 1 and doc[run[0] - 2].lower_ in ("to", "at")):
            continue
        if any(doc[t].text in res.demonyms or doc[t].text in res.countries for t in tokens if t < run[0]):
            return None
        # the longest stretch of the run that names a body ("UN Secretary-General": "UN")
        stretches = sorted(((a, b) for a in range(len(run)) for b in range(a + 1, len(run) + 1)),
                           key=lambda ab: ab[0] - ab[1])
        for a, b in stretches:
            body = org_actor(" ".join(doc[t].text for t in run[a:b]), res)
            if body is not None and body.actor_type == "IGO":
                return body
    return None


MAX_TITLE_TOKENS = 10


def _title_tokens(doc: Doc, span: Span, res: Resources, person_tokens: set[int]) -> list[int]:
    """Token indices of a name's title: the words to its left, up to the first word a title cannot extend over
    (in the name's sentence, at most MAX_TITLE_TOKENS), then the words of appositions after it."""
    tokens: list[int] = []
    i = span.start - 1
    sent_start = sentence_of(span[0]).start
    while i >= sent_start and len(tokens) < MAX_TITLE_TOKENS and not _ends_title(doc[i], res, person_tokens):
        tokens.insert(0, i)
        i -= 1
    # appositions: "Vladimir Safronkov, Russia's deputy envoy, said"; "the ministry's spokeswoman, Dana Ivers,"
    head = span.root.head
    # ... also to a title phrase ("Ghana's parliamentary speaker, Kofi Asante,": the phrase, not its noun, is listed)
    if span.root.dep_ == "appos" and head.i < span.start and head.i not in person_tokens and (
            head.lower_ in res.titles or _role_phrase(head, res) in res.titles):
        tokens = [t.i for t in head.subtree if t.i < span.start and not t.is_punct and t.i not in person_tokens]
    for child in span.root.children:
        # the parse hangs a party-and-state designation ("Sen. Mara Quint, D-Va.,") as an adverbial modifier
        if (child.dep_ == "appos" or (child.dep_ == "npadvmod" and child.text in PARTY_LETTERS)) and \
                child.i >= span.end:
            tokens.extend(t.i for t in child.subtree if t.i not in person_tokens)
    return tokens


def _ends_title(tok: Token, res: Resources, person_tokens: set[int]) -> bool:
    """Whether a title read leftwards stops at this token: another name, a stop word ("met with", "said"), a
    verb or conjunction, punctuation other than '-' and '.', or a pronoun that is not a possessive."""
    if tok.i in person_tokens or tok.lower_ in res.words.title_stop_words:
        return True
    if tok.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ") or (tok.is_punct and tok.text not in ("-", ".")):
        return True
    return tok.pos_ == "PRON" and tok.lower_ not in res.words.title_possessives


def _title_country(doc: Doc, tokens: list[int], res: Resources, evidence: list[str]) -> str | None:
    """The country a title names: a US state before a state-level title ("Georgia Rep.", "New Jersey Gov.": the
    United States, the state recorded), else the first demonym or whole country name among its words (not the
    object of 'to': "envoy to Russia"; not a word of a longer name: "Jersey" in "New Jersey"), else a multiword
    country name; every name found is appended to `evidence`."""
    states = _state_names(doc, tokens, res)
    country = None
    prev = ""
    for t in tokens:
        tok = doc[t]
        if t in states:
            name, titled = states[t]
            if titled and country is None:
                country = "USA"
                evidence.append(f"us_state:{name}")
            if titled or " " in name or name not in res.countries:
                prev = tok.lower_
                continue
        demonym = demonym_at(tok, res)
        if demonym is not None:
            country = country or demonym.iso3
            evidence.append(f"demonym:{demonym.text}")
        elif prev != "to" and tok.pos_ == "PROPN" and not _part_of_longer_name(tok, res):
            iso = res.countries.get(tok.text)
            if iso:
                country = country or iso
                evidence.append(f"country:{tok.text}")
        prev = tok.lower_
    if country is None and len(tokens) > 1:
        # multiword country names in the title ("United States Ambassador"), not the post ("envoy to the UN")
        joined = " ".join(doc[t].text for t in tokens)
        pattern, names = _multiword_countries(res)
        for match in pattern.finditer(joined):
            if not re.search(r"\bto(?: the)? $", joined[:match.start()]):
                evidence.append(f"country:{match.group(0)}")
                return names[match.group(0)]
    return country


def _state_names(doc: Doc, tokens: list[int], res: Resources) -> dict[int, tuple[str, bool]]:
    """Token index -> (US state, whether a state-level title follows it) for the US state names among a title's
    words ("New Jersey Gov.": both tokens, titled; "Georgia Rep.": titled)."""
    found: dict[int, tuple[str, bool]] = {}
    k = 0
    while k < len(tokens):
        for length in (3, 2, 1):
            run = tokens[k:k + length]
            if len(run) < length or run[-1] - run[0] != length - 1:
                continue
            name = res.us_states.get(" ".join(doc[t].text for t in run))
            if name:
                after = run[-1] + 1
                titled = (after < len(doc) and doc[after].lower_ in res.words.state_titles) or \
                    _party_designation(doc, run[0])
                found.update({t: (name, titled) for t in run})
                k += length - 1
                break
        k += 1
    return found


def _inside_longer_name(doc: Doc, span: Span, res: Resources) -> bool:
    """Whether a dictionary match is a piece of a longer name: inside a longer entity that is no country, or
    inside a US state's name ("Jersey" in "in New Jersey", "Mexico" in "New Mexico")."""
    if _part_of_longer_name(span[0], res) and any(e.start <= span.start and span.end <= e.end and
                                                  len(e) > len(span) for e in doc.ents):
        return True
    for left in (0, 1, 2):
        for right in (0, 1, 2):
            if (left or right) and span.start - left >= 0 and span.end + right <= len(doc) and \
                    doc[span.start - left:span.end + right].text in res.us_states:
                return True
    return False


PARTY_LETTERS = ("R", "D", "I")


def _party_designation(doc: Doc, state_start: int) -> bool:
    """Whether a state name is the state of a US party-and-state designation ("R-Texas", "D-Va.")."""
    return state_start >= 2 and doc[state_start - 1].text == "-" and doc[state_start - 2].text in PARTY_LETTERS


def _part_of_longer_name(tok: Token, res: Resources) -> bool:
    """Whether a token is one word of a longer named entity that is not itself a country ("Jersey" in "New
    Jersey", "Georgia" in "Georgia Tech"): a country is named only by its whole name."""
    if not tok.ent_type_:
        return False
    start = tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
        end += 1
    if end - start == 1:
        return False
    return lookup_country(tok.doc[start:end].text, res) is None


_MULTIWORD_CACHE: dict[int, tuple[re.Pattern, dict[str, str]]] = {}


def _multiword_countries(res: Resources) -> tuple[re.Pattern, dict[str, str]]:
    """One compiled alternation of every multiword country name (longest first), cached per Resources."""
    key = id(res)
    if key not in _MULTIWORD_CACHE:
        names = {n: i for n, i in res.countries.items() if " " in n}
        # longest first; equal lengths alphabetically, so the pattern never depends on dictionary order
        alternation = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
        _MULTIWORD_CACHE[key] = (re.compile(rf"\b(?:{alternation})\b"), names)
    return _MULTIWORD_CACHE[key]


# ----------------------------------------------------------------------------- people
def _strip_person_span(doc: Doc, span: Span, res: Resources) -> Span | None:
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in res.titles or doc[start].lower_ in res.words.person_span_prefixes
                           or doc[start].text in res.demonyms):
        start += 1
    # a name ends before a line break or a figure ("Vialli 55", "Andrew Park 72" in a results table)
    end = next((i for i in range(start, end) if doc[i].is_space or
                re.fullmatch(r"\d[\d.,:/-]*", doc[i].text)), end)
    while end > start and (doc[end - 1].text in ("’s", "'s", "’", "'") or doc[end - 1].is_punct or
                           _is_headline_verb(doc[end - 1], res)):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _is_headline_verb(tok: Token, res: Resources) -> bool:
    """A capitalised modal or auxiliary closing a name span, or a finite verb whose lemma is a speech cue or an event
    trigger, is a headline's predicate ("Kenyatta Should Resign", "Okafor Says"), not a part of the name (a surname
    the tagger reads as a verb, "Ian Dougan", stays)."""
    if tok.tag_ == "MD" or tok.pos_ == "AUX":
        return True
    lemma = tok.lemma_.lower()
    return tok.tag_ in ("VBZ", "VBD", "VBP") and (lemma in res.speech_cues or ("VERB", lemma) in res.patterns)


MAX_NAME_TOKENS = 4


def _honorific_names(doc: Doc, res: Resources) -> list[Span]:
    """'Mr. Holtz-Eakin', 'Sen. Claire McCaskill', 'President Obama': a capitalised title or honorific followed
    by proper nouns is a person even where NER missed it."""
    spans = []
    for tok in doc:
        low = tok.lower_
        titled = low in res.words.honorifics or (low in res.titles and tok.text[:1].isupper())
        if not titled or tok.ent_type_ == "ORG":
            continue   # "General Motors": the title word is part of an organisation's name
        j = tok.i + 1
        while j < len(doc) and j - tok.i <= MAX_NAME_TOKENS and doc[j].pos_ == "PROPN" and \
                doc[j].text[:1].isupper() and doc[j].lower_ not in res.titles and \
                doc[j].text not in res.demonyms and doc[j].text not in res.countries:
            j += 1
        span = Span(doc, tok.i + 1, j, label="PERSON")
        # an upper-case headline's word after a title is a person only where the story bears it out
        if j > tok.i + 1 and doc[j - 1].ent_type_ not in ("GPE", "NORP", "DATE") and \
                not unsupported_headline_person(span, list(doc.ents), res):
            spans.append(span)
    return spans


def _person_entities(doc: Doc, res: Resources, gazetteer: list[Span]) -> list[Span]:
    """PERSON spans from NER, the known-people gazetteer and honorifics; overlaps resolved longest first,
    adjacent pieces the tagger split joined ("Carla Mendes" + "Ribeiro")."""
    candidates = [e for e in doc.ents if e.label_ == "PERSON" or (e.label_ == "ORG" and _looks_like_person(e, res))]
    candidates += [s for s in gazetteer if s.label_ == "PERSON"]
    candidates += _honorific_names(doc, res)
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(candidates, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(i in taken for i in range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    merged: list[Span] = []
    for ent in sorted(chosen, key=lambda s: s.start):
        if merged and merged[-1].end == ent.start and not doc[ent.start].is_punct:
            merged[-1] = doc[merged[-1].start:ent.end]
        else:
            merged.append(ent)
    return merged


MAX_PERSON_NAME_TOKENS = 3


def _looks_like_person(span: Span, res: Resources) -> bool:
    """An entity the tagger calls an organisation that is a person's name: a common given name and one or two
    more capitalised proper nouns ("Brett Liddle", "Dieter Thoma"), none of them a listed body, country,
    demonym, capital, role word or title. Given names of our own list only: those of the international lists
    start a person in `nlp/names.py`, where a team heading a results row stays a team."""
    tokens = [t for t in span if not t.is_punct or t.text == "-"]
    if not 2 <= len(span) <= MAX_PERSON_NAME_TOKENS or span.text in res.orgs or span[0].text not in res.given_names \
            or span[0].text in res.intl_given_names:
        return False
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() and t.text not in res.countries
               and t.text not in res.demonyms and t.text not in res.capitals and t.lower_ not in res.groups
               and t.lower_ not in res.titles for t in tokens if t.text != "-")


def _person_spans(doc: Doc, res: Resources, gazetteer: list[Span] | None = None) -> list[Span]:
    spans = []
    for ent in _person_entities(doc, res, gazetteer or []):
        span = _strip_person_span(doc, ent, res)
        if span is not None and any(c.isalpha() for c in span.text) and span.text[0].isupper() and \
                not is_no_name(span, res) and not _names_a_place_or_body(span, res) and \
                not _affiliation_of(spans[-1] if spans else None, span):
            spans.append(span)
    return spans


def _affiliation_of(person: Span | None, span: Span) -> bool:
    """A name in parentheses right after a person's name is what the person belongs to, not another person
    ("Rui Barros ( Porto )", "Dana Ivers (Reuters)")."""
    doc = span.doc
    # "( Brian Shimer , Randy Jones )": two names before a comma are a crew, one is a club and its town
    return span.start >= 2 and doc[span.start - 1].text == "(" and span.end < len(doc) and \
        (doc[span.end].text == ")" or doc[span.end].text == "," and len(span) == 1) and (
        (person is not None and person.end == span.start - 1) or doc[span.start - 2].pos_ == "PROPN")


def _names_a_place_or_body(span: Span, res: Resources) -> bool:
    """A 'person' that is an organisation name, a one-word country or capital name and no known person ("Jordan
    appealed", "Boko Haram fighters"), a country's multiword name ("Burkina Faso"), or the first word of a role
    phrase ("Riot police"): the tagger's PERSON is wrong more often than not."""
    text = span.text
    if text.lower() in res.known_actors:
        return False
    head = span.root.head
    if span.root.dep_ in ("compound", "amod") and f"{text.lower()} {head.lower_}" in {**res.groups, **res.titles}:
        return True   # "Riot police": the first word of a role phrase
    # "the Kenyan and Sri Lankan navies": a demonym is no one's name
    return text in res.orgs or text in res.demonyms or (len(span) == 1 and (text in res.countries or
                                                                           text in res.capitals)) or \
        (len(span) > 1 and lookup_country(text, res) is not None) or _parsed_as_place(span, res)   # "Burkina Faso"


def _parsed_as_place(span: Span, res: Resources) -> bool:
    """A name the parse places ("docked in Bandar Abbas", "fighting near Beledweyne", "the town of Port
    Halvard", "Halvard province"): the object of a place preposition hanging off a verb, the 'of'-object of a
    territory word, or a modifier of one. A person is rarely where things happen; "faith in Obama" (a noun's
    'in') is no place."""
    root = span.root
    head = root.head
    if root.dep_ in ("compound", "nmod") and head.lemma_.lower() in res.words.territory_words and \
            head.i == span.end:
        return True
    if root.dep_ != "pobj":
        return False
    prep = head
    if prep.lower_ in res.words.person_place_preps and prep.head.pos_ in ("VERB", "AUX"):
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in res.words.territory_words


def propagate_surnames(doc: Doc, out: ArticleActors, sent_of: dict[int, int]) -> None:
    """Bare surnames the tagger missed or mislabelled ("Trump" as ORG) are mentions of the article's person
    with that surname, when exactly one person has it."""
    surnames: dict[str, str | None] = {}
    for m in out.mentions:
        actor = out.actors[m.actor_key]
        words = m.text.split()
        if actor.actor_type == "PERSON" and len(words) > 1:
            last = re.sub(r"[’']s$", "", words[-1])
            last = last[3:] if last.lower().startswith("al-") else last
            if surnames.get(last, m.actor_key) != m.actor_key:
                surnames[last] = None   # two people share it: leave it alone
            else:
                surnames[last] = m.actor_key
    for tok in doc:
        key = surnames.get(tok.text)
        if key and tok.pos_ == "PROPN" and tok.i not in out.token_index:
            out.add(out.actors[key], Mention(start=tok.i, end=tok.i + 1, start_char=tok.idx,
                                             end_char=tok.idx + len(tok.text), text=tok.text, kind="short_name",
                                             sentence_index=sent_of[tok.i], actor_key=key))


def _dictionary_person(name: str, res: Resources, on: date | None) -> KnownActor | None:
    """A person named in a user dictionary, with the code of the article's date (None: not listed, or no actor
    on that date)."""
    entry = res.dictionary_actors.get(name.lower())
    code = entry.code_on(on) if entry is not None else None
    if code is None:
        return None
    country = code[:3] if code[:3] in res.country_names else None
    return KnownActor(name=name, actor_type="PERSON", country_code=country, cameo_code=code)


def code_people(doc: Doc, res: Resources, out: ArticleActors, sent_of: dict[int, int],
                gazetteer: list[Span] | None = None, on: date | None = None) -> None:
    """Persons: name spans, titles, the user's dictionaries and the known-person dictionary (the role held on
    `on`, the article's date), short-name merging."""
    spans = _person_spans(doc, res, gazetteer)
    person_tokens = {t.i for s in spans for t in s}
    full_names: dict[str, str] = {}   # last name (lower) -> actor key
    last_country: str | None = None
    for span in spans:
        name = normalise_name(span.text)
        known = _dictionary_person(name, res, on)
        if known is None:
            known = res.known_actors.get(name.lower())
            known = known.on(on) if known is not None else None
        info = title_context(doc, span, res, person_tokens)
        if info.title and not info.country and any(doc[t].lower_ in res.words.person_possessives
                                                   for t in info.tokens):
            if last_country:
                info.country = last_country
                info.evidence.append("possessive:previous person's country")
        words = name.split()
        key = None
        if known is not None:
            key = f"person:{known.name.lower()}"
        elif len(words) == 1 and words[0].lower() in full_names:
            key = full_names[words[0].lower()]
        else:
            key = f"person:{name.lower()}"
        existing = out.actors.get(key)
        actor = _code_person(key, name, known, info, existing)
        if len(words) > 1:
            full_names.setdefault(words[-1].lower(), key)
            if words[-1].lower().startswith("al-"):
                full_names.setdefault(words[-1].lower()[3:], key)
        kind = "name" if len(words) > 1 or known is None or known.name.lower() == name.lower() else "short_name"
        if existing is not None and len(words) == 1:
            kind = "short_name"
        out.add(actor, Mention(start=span.start, end=span.end, start_char=span.start_char, end_char=span.end_char,
                               text=span.text, kind=kind, sentence_index=sent_of[span.start], actor_key=key,
                               extra_tokens=tuple(info.tokens)))
        if actor.country_code:
            last_country = actor.country_code


def _code_person(key: str, name: str, known, info: TitleInfo, existing: Actor | None) -> Actor:
    """Combine article evidence (preferred) with the dictionary (fallback)."""
    country = info.country
    role = info.role
    evidence = list(info.evidence)
    if existing is not None:
        country = country or existing.country_code
        role = role or existing.role_code
        evidence = evidence or list(existing.evidence)
    from_article = bool(country and role)
    display = existing.name if existing is not None and len(existing.name) >= len(name) else name
    if known is not None:
        display = known.name
        if not country and known.country_code:
            country = known.country_code
            evidence.append("dictionary:known person (country)")
        if not role and known.role_code:
            role = known.role_code
            evidence.append(f"dictionary:known person (role{': ' + known.office if known.office else ''})")
    if from_article:
        confidence = 0.9
    elif country and role:
        confidence = 0.8 if known is not None else 0.7
    elif country or role:
        confidence = 0.5
    else:
        confidence = 0.3
    cameo = f"{country}{role}" if country and role else (country or role)
    if known is not None and not (info.country or info.role) and known.cameo_code:
        cameo = known.cameo_code
    if info.body is not None and not country:
        cameo = info.body.cameo_code   # "UN envoy Maria Lenz": the body's code (IGOUNO)
    titles = {info.title} if info.title else set()
    if existing is not None:
        titles |= existing.titles
        confidence = max(confidence, existing.confidence)
    wikidata_id = known.wikidata_id if known is not None else None
    if existing is not None:
        wikidata_id = existing.wikidata_id or wikidata_id
    return Actor(key=key, name=display, actor_type="PERSON", country_code=country, role_code=role, cameo_code=cameo,
                 confidence=confidence, evidence=evidence or ["ner:PERSON"], titles=titles, wikidata_id=wikidata_id,
                 office=(known.office if known is not None else None) or (existing.office if existing else None))


# ----------------------------------------------------------------------------- countries, orgs, metonyms
def code_named_entities(doc: Doc, res: Resources, out: ArticleActors, sent_of: dict[int, int],
                        gazetteer: list[Span], on: date | None = None) -> None:
    """Countries, capitals used as metonyms, organisations and IGOs from NER and the gazetteer (the user's
    dictionary names first, coded for the article's date `on`)."""
    candidates: list[Span] = [e for e in doc.ents if e.label_ in ("GPE", "ORG", "NORP", "LOC", "FAC") or (
        e.label_ == "PERSON" and _is_place_name(e, res))]
    candidates += [s for s in gazetteer if s.label_ in ("ORG", USER_LABEL) or (
        s.label_ == "COUNTRY" and not _inside_longer_name(doc, s, res))]
    # longest first, so "U.N. Security Council" wins over "U.N."; of equals, a user dictionary's name
    candidates.sort(key=lambda s: (-(s.end - s.start), s.start, s.label_ != USER_LABEL))
    # "NIAMEY - The junta ...": the dateline's place is where the story is filed, no actor (the tagger may call it
    # an organisation); it gives countryless offices their country instead (`_dateline_context`)
    taken: set[int] = set(_dateline_tokens(doc, res))
    for span in candidates:
        span = _trim_headline(doc, span, res)
        if span is None or any(i in taken for i in range(span.start, span.end)) or out.covered(span.start, span.end):
            continue
        found = dictionary_actors(span, res, on)
        if found is None:
            actor, kind = _entity_actor(doc, span, res)
            found = ([actor] if actor is not None else [], kind)
        if not found[0]:
            continue
        taken.update(range(span.start, span.end))
        for actor in found[0]:
            out.add(actor, Mention(start=span.start, end=span.end, start_char=span.start_char, end_char=span.end_char,
                                   text=span.text, kind=found[1], sentence_index=sent_of[span.start],
                                   actor_key=actor.key))


#: The gazetteer label of a user dictionary's name (`newsevents.nlp.components.DICTIONARY_LABEL`).
USER_LABEL = "DICTIONARY"


def dictionary_actors(span: Span, res: Resources, on: date | None) -> tuple[list[Actor], str] | None:
    """The actors a user dictionary codes a name as on the article's date (one, or each member of a compound code
    `[FRO/BIL/SAM]`): a country for a plain three-letter code, else an IGO, person (the parse says PERSON) or
    organisation with the code's country and role; ([], "") when the entry says the name is no actor then
    (`[---]`, or outside its dated roles); None when the name is not listed."""
    text = normalise_name(span.text).lower()
    entry = res.dictionary_actors.get(text) or res.dictionary_actors.get(re.sub(r"^the\s+", "", text))
    if entry is None:
        return None
    codes = entry.codes_on(on)
    evidence = [f"dictionary:{entry.where}"]
    name = normalise_name(span.text)
    out = []
    for code in codes:
        if len(code) == 3 and code in res.country_names:
            actor = country_actor(code, res)
            actor.evidence = evidence
            out.append(actor)
            continue
        country = code[:3] if code[:3] in res.country_names else None
        kind = "IGO" if code.startswith("IGO") else "PERSON" if span.root.ent_type_ == "PERSON" else "ORGANIZATION"
        key = f"{'person' if kind == 'PERSON' else 'org'}:{entry.names[0]}" + (f":{code.lower()}" if len(codes) > 1
                                                                                else "")
        out.append(Actor(key=key, name=name, actor_type=kind, country_code=country,
                         role_code=(code[3:] or None) if country else None, cameo_code=code, confidence=0.95,
                         evidence=evidence))
    return out, "name" if out else ""


def _is_place_name(span: Span, res: Resources) -> bool:
    """A one-word entity that names a country or capital and no known person ("Montevideo" tagged PERSON)."""
    return len(span) == 1 and span.text.lower() not in res.known_actors and (
        span.text in res.countries or span.text in res.capitals)


def _trim_headline(doc: Doc, span: Span, res: Resources) -> Span | None:
    """An entity span up to its first headline verb ("Kenyatta Should Resign" -> "Kenyatta") and without an opening
    bracket the tagger left at its end ("the Front for the Liberation of Zembla (" before its acronym), or None."""
    end = next((t.i for t in span if _is_headline_verb(t, res)), span.end)
    while end > span.start and doc[end - 1].text in ("(", "["):
        end -= 1
    if end == span.end:
        return span
    return Span(doc, span.start, end, label=span.label_) if end > span.start else None


def _demonym_modified(doc: Doc, span: Span, res: Resources) -> bool:
    """A lower-case common noun with a demonym before it ("Filipino peacekeepers"): the demonym's country, not
    the generic body a dictionary gives the bare noun."""
    return span.text.islower() and any(c.dep_ == "amod" and c.text in res.demonyms for c in span.root.children)


def _national_institution(doc: Doc, span: Span, res: Resources) -> Actor | None:
    """"Pakistan's Foreign Office", "the Iranian Foreign Ministry": a country's institution is that country's
    government (or military, police, legislature ...), whatever a dictionary says the bare name means."""
    head = span[-1].lower_
    if head not in res.words.institution_heads:
        return None
    iso = None
    evidence = ""
    first = span[0] if span[0].lower_ != "the" else (span[1] if len(span) > 1 else span[0])
    if first.text in res.demonyms:
        iso, evidence = res.demonyms[first.text], f"demonym:{first.text}"
    elif span.start >= 2 and doc[span.start - 1].text in ("'s", "’s"):
        owner = doc[span.start - 2]
        iso = _country_ending_at(owner, res)
        evidence = f"poss:{owner.text}"
    if iso is None:
        return None
    return collective_actor(iso, _institution_role({t.lower_ for t in span}, res), res,
                            [f"institution:{span.text}", evidence], 0.85)


def _institution_role(words: set[str], res: Resources) -> str:
    """The role of a national institution from the words of its name, in this order of precedence: military
    ("Ministry of Defence"), police, legislature, judiciary, else the government."""
    lexicon = res.words
    for role, role_words in (("MIL", lexicon.military_institution_words), ("COP", lexicon.police_institution_words),
                             ("LEG", lexicon.legislature_institution_words), ("JUD", lexicon.court_institution_words)):
        if words & role_words:
            return role
    return "GOV"


def _entity_actor(doc: Doc, span: Span, res: Resources) -> tuple[Actor | None, str]:
    text = span.text
    national = _national_institution(doc, span, res) if span.label_ in ("ORG", "FAC") else None
    if national is not None:
        return national, "nominal"
    org = org_actor(text, res)
    if org is not None and not (org.country_code is None and _demonym_modified(doc, span, res)):
        return org, "name"
    if org is not None:
        return None, ""
    if span.label_ == "NORP" or text in res.demonyms:
        return None, ""   # demonyms are handled with the noun they modify
    iso = lookup_country(text, res)
    if iso:
        return country_actor(iso, res), "name"
    capital = res.capitals.get(re.sub(r"[’']s$", "", text))
    if capital and _is_agentive(span):
        actor = collective_actor(capital, "GOV", res, [f"metonym:{text}"], 0.8)
        return actor, "metonym"
    introduced = _introducing_role(doc, span, res) if span.label_ in ("ORG", "FAC") else None
    if introduced is not None:
        # "the rebel Lake Kivu Liberation Front": a group of that role, of the state it faces (`_counterpart_orgs`)
        iso = _named_country(span, res)
        return Actor(key=f"org:{normalise_name(text).lower()}", name=normalise_name(text),
                     actor_type="ORGANIZATION", country_code=iso, role_code=introduced,
                     cameo_code=f"{iso or ''}{introduced}", confidence=0.6,
                     evidence=["ner:ORG", f"role word:{doc[span.start - 1].lower_}"]), "name"
    # "the Erk opposition movement": a name modifying a role phrase is that group's name, the role noun its actor
    head_phrase = _role_phrase(span.root.head, res)
    role_modifier = span.root.dep_ in ("compound", "amod") and (
        head_phrase in res.groups or head_phrase in res.titles)
    if span.label_ == "ORG" and len(text) > 2 and text[0].isupper() and any(t.pos_ == "PROPN" for t in span) and \
            not role_modifier:
        iso = _named_country(span, res)
        return Actor(key=f"org:{normalise_name(text).lower()}", name=normalise_name(text),
                     actor_type="ORGANIZATION", country_code=iso, cameo_code=iso, confidence=0.5 if iso else 0.3,
                     evidence=["ner:ORG", *([f"name:of {res.country_name(iso)}"] if iso else [])]), "name"
    return None, ""


def _introducing_role(doc: Doc, span: Span, res: Resources) -> str | None:
    """The role of a domestic counterpart's word (`counterpart_roles`: rebel, separatist, opposition) written right
    before a name and modifying it ("the rebel Omo Valley Liberation Front", "the separatist Ruvuma Movement"):
    the name is a group of that role. None otherwise (the name's own words decide nothing)."""
    if span.start == 0:
        return None
    word = doc[span.start - 1]
    role = res.groups.get(word.lower_) or res.titles.get(word.lower_)   # "rebel" is listed as a title
    if word.head.i not in range(span.start, span.end) or word.dep_ not in ("compound", "amod", "nmod"):
        return None
    return role if role in res.code_classes.counterpart_roles else None


def _counterpart_orgs(doc: Doc, res: Resources, out: ArticleActors) -> None:
    """A named group a counterpart's word introduces (`_introducing_role`) of no country its name gives: the
    country of the one state it faces in its clause (`_counterpart_state`), else the dateline's, as for "rebels"
    ("Congo's army accused the rebel Lake Kivu Liberation Front": Congo's rebels)."""
    for m in out.mentions:
        actor = out.actors[m.actor_key]
        if actor.actor_type != "ORGANIZATION" or actor.country_code or \
                actor.role_code not in res.code_classes.counterpart_roles:
            continue
        iso = _counterpart_state(doc[m.start:m.end].root, res, out)
        evidence = f"context:counterpart:{iso}"
        if iso is None:
            iso, evidence = _dateline_context(doc, res)
        if iso:
            _give_country(actor, iso, evidence)


def _facing_bodies(doc: Doc, res: Resources, out: ArticleActors) -> None:
    """A mention of a state body or armed group (`facing_roles`) that nothing gave a country ("three police
    officers", "the paramilitary forces", a court of the organisations list), not acting (a subject or 'by'), is of
    the one state whose civil body (not a country named as a place, nor its troops) it faces there, as a rebel group
    is (`_counterpart_state`): "Bolivia's congress defied the Constitutional Court" is a domestic dyad. Troops travel:
    soldiers a civil body acts on are its own ("the government deployed soldiers"), but troops are no facing body
    ("handed the town to Congolese forces", "Kenyan troops killed gunmen"). The mention is pointed at that country's
    collective; the countryless actor stays while another mention has it."""
    for m in out.mentions:
        actor = out.actors[m.actor_key]
        root = doc[m.start:m.end].root
        # one a state body acts on, not one acting ("gunmen tried to kill Chad's minister" are no one's)
        acting = root.dep_ in ("nsubj", "agent") or (root.dep_ == "pobj" and root.head.lower_ == "by")
        if actor.country_code or actor.actor_type in ("PERSON", "IGO") or acting or \
                actor.role_code not in res.code_classes.facing_roles:
            continue
        iso = _counterpart_state(root, res, out, bodies_only=True)
        if iso is not None:
            _point_at_collective(m, actor, iso, "facing", res, out)
    used = {m.actor_key for m in out.mentions}
    for key in [k for k, a in out.actors.items() if k not in used and a.role_code in res.code_classes.facing_roles]:
        del out.actors[key]   # a countryless body every mention of which found its state


def _point_at_collective(m: Mention, actor: Actor, iso: str, reason: str, res: Resources,
                         out: ArticleActors) -> None:
    """Point a mention of a countryless actor at the collective of its role of the country `iso` (evidence
    `context:<reason>:<iso>`), adding that collective; the countryless actor itself is left to the caller."""
    own = collective_actor(iso, actor.role_code, res, [*actor.evidence, f"context:{reason}:{iso}"], 0.6)
    out.actors.setdefault(own.key, own)
    m.actor_key = own.key


def _home_addressees(doc: Doc, res: Resources, out: ArticleActors) -> None:
    """A mention of a sector (`home_roles`: parliament, the public, a union, church leaders, a party, "the
    president") that nothing gave a country, addressed or acted on by its clause's verb (`_addressing_verb`), is of
    the one country of that verb's subject when its sentence names no other country: CAMEO codes one country's
    actor appealing to, meeting or acting on another sector of its own as a domestic dyad ("Ghana's ministry
    appealed to the public": GHAGOV -> GHACVL; "Kyrgyz journalists petitioned parliament": KGZMED -> KGZLEG). The
    mention is pointed at that country's collective; the countryless actor stays while another mention has it."""
    moved: set[str] = set()
    for m in out.mentions:
        actor = out.actors[m.actor_key]
        if actor.country_code or actor.actor_type in ("PERSON", "IGO") or \
                actor.role_code not in res.code_classes.home_roles:
            continue
        root = doc[m.start:m.end].root
        if root.lemma_.lower() in res.words.casualty_words:
            continue   # "commemorated the victims of the earthquake": whom a disaster struck, not a sector addressed
        verb = _addressing_verb(root, res)
        iso = _subject_country(verb, res, out, actor.role_code) if verb is not None else None
        sentence = sentence_of(root)
        named = {out.actors[o.actor_key].country_code for o in out.mentions
                 if sentence.start <= o.start < sentence.end and out.actors[o.actor_key].country_code}
        if iso is None or named - {iso}:
            continue
        moved.add(m.actor_key)
        _point_at_collective(m, actor, iso, "home", res, out)
    used = {m.actor_key for m in out.mentions}
    for key in moved - used:
        del out.actors[key]


def _addressing_verb(root: Token, res: Resources) -> Token | None:
    """The verb that addresses or acts on a noun: the noun is its object, the object of a phrase of it that names
    whom it addresses (`addressee_preps`: "appealed to the public", "met with union leaders"), or the owner or
    'of'-phrase of such an object ("rejected union demands", "met the leaders of the church"), or the subject of
    its complement clause ("demanded that the minister resign"). None otherwise (a subject acts itself)."""
    node = root
    if node.dep_ in ("compound", "poss") and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ in ("NOUN", "PROPN") and \
            ("NOUN", node.head.head.lemma_.lower()) not in res.patterns:
        # "the leaders of the church", not "criticised the arrest of journalists": the 'of'-object of an act is
        # whom the act was done to, wherever, not whom the verb addresses
        node = node.head.head
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in res.words.addressee_preps:
        node = node.head
    if node.dep_ in ("dobj", "dative", "prep") and node.head.pos_ == "VERB":
        return node.head
    if node.dep_ == "nsubj" and node.head.dep_ == "ccomp" and node.head.head.pos_ == "VERB" and \
            node.head.head.dep_ != "ccomp":
        return node.head.head
    return None


def _subject_country(verb: Token, res: Resources, out: ArticleActors, role: str) -> str | None:
    """The one country of a verb's subjects, read through subjectless complements and conjuncts ("refused to
    release the deposed president"); troops and posts abroad, who act away from home (`_travels`), give none, and
    so does a subject of the addressee's own role ("the government will meet indigenous leaders": leaders of its
    own country would be the government itself, so the sentence does not say they are its)."""
    while verb.dep_ in ("xcomp", "conj") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    found = set()
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # "a group of Bolivian farmers petitioned parliament": a quantity's 'of'-phrase is who acts
    subjects += [p for s in subjects if s.lemma_.lower() in res.words.quantity_nouns
                 for prep in s.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]
    for subj in subjects:
        for index in out.token_index.get(subj.i, []):
            m = out.mentions[index]
            actor = out.actors[m.actor_key]
            if actor.role_code == role:
                return None
            if actor.country_code and not _travels(subj.doc, m, actor, res):
                found.add(actor.country_code)
    return found.pop() if len(found) == 1 else None


def _unclaimed_attackers(doc: Doc, res: Resources, out: ArticleActors) -> None:
    """Gunmen, attackers, militiamen (`unclaimed_roles`) that nothing gave a country, acting (a subject or 'by'),
    are of the one country their sentence owns (`_owned_countries`: "Attackers fired on the motorcade of Ecuador's
    interior minister"): CAMEO codes an attack nobody claims as the unidentified armed forces of the country it
    happens in (ECUUAF), and what the sentence says is that country's tells where. The mention is pointed at that
    country's collective; the countryless actor stays while another mention has it."""
    for m in out.mentions:
        actor = out.actors[m.actor_key]
        root = doc[m.start:m.end].root
        acting = root.dep_ in ("nsubj", "agent") or (root.dep_ == "pobj" and root.head.lower_ == "by")
        if actor.country_code or not acting or actor.role_code not in res.code_classes.unclaimed_roles:
            continue
        countries = _owned_countries(doc, m, out, res, where=True)
        if len(countries) == 1:
            (iso,) = countries
            _point_at_collective(m, actor, iso, "unclaimed", res, out)
    used = {m.actor_key for m in out.mentions}
    for key in [k for k, a in out.actors.items() if k not in used and not a.country_code and
                a.role_code in res.code_classes.unclaimed_roles]:
        del out.actors[key]


def _owned_countries(doc: Doc, mention: Mention, out: ArticleActors, res: Resources, *,
                     where: bool = False) -> set[str]:
    """The countries the other mentions of a mention's sentence own (`_owning_mention`: a possessor, a modifier, a
    place, a state body). With `where` (the country things happen in), troops, who travel ("ambushed a French army
    convoy"), and posts abroad (`foreign_post_words`: "stabbed a Swedish diplomat" says nothing of where) are left
    out."""
    found = set()
    for m in out.mentions:
        other = out.actors[m.actor_key]
        if m.sentence_index != mention.sentence_index or m.actor_key == mention.actor_key or not other.country_code:
            continue
        if where and _travels(doc, m, other, res):
            continue
        if _owning_mention(doc, m, out, res):
            found.add(other.country_code)
    return found


def _travels(doc: Doc, m: Mention, actor: Actor, res: Resources) -> bool:
    """Whether a mention's country says nothing of where its sentence happens: troops, or a post abroad."""
    head = doc[m.start:m.end].root
    return actor.role_code == "MIL" or head.lemma_.lower() in res.words.foreign_post_words or (
        head.head.lemma_.lower() in res.words.foreign_post_words and head.dep_ in ("amod", "compound"))


def _named_country(span: Span, res: Resources) -> str | None:
    """The country an unknown organisation's name ends on after "of" ("Popular Front for the Liberation of
    Zembla", "Democratic Party of Kenya"), else None."""
    for tok in span:
        if tok.lower_ == "of" and tok.i + 1 < span.end:
            rest = span.doc[tok.i + 1:span.end]
            words = rest[1:] if rest[0].lower_ == "the" and len(rest) > 1 else rest
            iso = lookup_country(words.text, res)
            if iso:
                return iso
    return None


def _is_agentive(span: Span) -> bool:
    """A capital acts as a metonym when it is a subject or a possessor ("Moscow said", "Washington's plan")."""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass", "poss", "agent", "dobj", "dative") or (
        root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass"))


# ----------------------------------------------------------------------------- demonyms and groups
def code_collectives(doc: Doc, res: Resources, out: ArticleActors, sent_of: dict[int, int],
                     places: dict[int, Place] | None = None) -> None:
    """Role nouns ("officials", "civilians", "the Italian president") and demonyms modifying nouns; role nouns
    that name no country take one from their context once every other actor is known (`_context_country`)."""
    pending: list[tuple[Token, str, str]] = []
    for tok in doc:
        if tok.i in out.token_index:
            continue
        holder = held_place_holder(tok, res)
        low = _role_phrase(tok, res) if holder is None else holder
        # a title the tagger called a proper noun but written in lower case ("demanding the president step down")
        # is a title still
        if tok.pos_ in ("NOUN", "PROPN") and (tok.dep_ not in ("compound", "amod") or _owns_demand(tok, res)) and (
                low in res.groups or (low in res.titles and (tok.pos_ == "NOUN" or tok.is_lower))):
            countryless = _code_role_noun(doc, tok, res, out, sent_of, phrase=low)
            if countryless is not None:
                pending.append((tok, low, countryless))
    _code_demonyms(doc, res, out, sent_of)
    # "the leaders of the church", "officials of the union": an office-holder noun with a body's 'of'-phrase waits
    # for the body's own coding (the body speaks through its people; fighters of a group are still fighters)
    pending.sort(key=lambda item: item[2] == "GOV" and any(
        c.dep_ == "prep" and c.lower_ in res.words.body_preps for c in item[0].children))
    for tok, low, role in pending:
        _code_countryless(doc, tok, low, role, res, out, sent_of, places or {})


def _owns_demand(tok: Token, res: Resources) -> bool:
    """A role word compounded with a demand noun (`demand_nouns`: "union demands", "opposition calls for a
    recount") owns it: the group whose demand is rejected or met is the one the rejection is aimed at, so it is an
    actor of its own, though a compound."""
    return tok.dep_ == "compound" and tok.head.lemma_.lower() in res.words.demand_nouns


def held_place_holder(tok: Token, res: Resources) -> str | None:
    """The role word of the group holding a place noun (`held_places`): a role noun compounded with it ("rebel
    positions", "government positions") or standing before '-held' ("rebel-held villages"), else None. CAMEO codes
    an attack on a group's positions as one on the group, so the phrase is coded as that group (its span covers
    the place noun, which the event coder finds as the object)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in res.words.held_places:
        return None
    for child in tok.children:
        if child.dep_ == "amod" and child.lower_ == "held":   # "rebel-held": the holder hangs on 'held'
            words = [g for g in child.children if g.dep_ in ("npadvmod", "compound")]
        elif child.dep_ in ("compound", "amod") and child.lower_ != "held":
            words = [child]
        else:
            words = []
        for word in words:
            if word.lower_ in res.groups or word.lower_ in res.titles:
                return word.lower_
    return None


def _code_demonyms(doc: Doc, res: Resources, out: ArticleActors, sent_of: dict[int, int]) -> None:
    """Demonyms modifying a noun that is no actor ("Syrian positions"): the country; a region's or a people's
    demonym (`regional_demonyms.csv`) standing as a noun ("attacked the Rohingya"): its state's civilians."""
    for tok in doc:
        demonym = demonym_at(tok, res) if tok.i not in out.token_index else None
        if demonym is None or out.covered(demonym.start, tok.i + 1):
            continue
        if demonym.regional and tok.dep_ not in ("amod", "compound", "nmod"):
            if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN"):
                # "accused Darfuri fighters" with the demonym misparsed as an object of its own: it modifies the
                # noun after it, so it is no people as a noun
                continue
            # "attacked the Rohingya": a people of one state, as a noun, is that state's civilians
            actor = collective_actor(demonym.iso3, "CVL", res, [f"regional:{demonym.text}"], 0.8)
        else:
            actor = country_actor(demonym.iso3, res)
            actor.evidence = [f"{'regional' if demonym.regional else 'demonym'}:{demonym.text}"]
            actor.confidence = 0.9
        _add_span(doc, out, actor, demonym.start, tok.i + 1, "demonym", sent_of)


def _modifier_countries(doc: Doc, head: Token, res: Resources, out: ArticleActors) -> list[tuple[str, Token, str]]:
    """Countries attached to a role noun: demonyms (with conjuncts), country compounds, possessors, 'of X'.
    Each as (ISO3, the token that names it, evidence)."""
    found = [country for child in head.children for country in _direct_modifier_countries(doc, child, res, out)]
    if found:
        return found
    found = _preceding_demonyms(doc, head, res)
    if found:
        return found
    found = _leader_countries(doc, head, res, out)
    if found:
        return found
    # "the government of Syria", "dissidents from Egypt", "officials in Fornost" (only without a direct modifier:
    # "Israeli troops in Lebanon" are Israeli)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in res.words.country_preps:
            pobjs = [p for p in child.children if p.dep_ == "pobj"]
            found = [c for pobj in pobjs for p in [pobj, *pobj.conjuncts]
                     for c in _prep_object_country(doc, child, p, res)]
            if found:
                return found
    return []


def _leader_countries(doc: Doc, head: Token, res: Resources, out: ArticleActors) -> list[tuple[str, Token, str]]:
    """Countries of the leader a group is 'led by' (`leading_participles`: "a consortium led by a Chinese state
    company", "a coalition led by Nigeria"): a group another leads is of its leader's country, as "the Saudi-led
    coalition" is."""
    found: list[tuple[str, Token, str]] = []
    for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in res.words.leading_participles):
        for pobj in (p for agent in acl.children if agent.dep_ == "agent" for p in agent.children
                     if p.dep_ == "pobj"):
            iso = _country_ending_at(pobj, res) or next(
                (a.country_code for a in out.actors_at(pobj.i) if a.country_code), None)
            found += [(iso, pobj, f"led_by:{pobj.text}")] if iso else [
                country for child in pobj.children for country in _direct_modifier_countries(doc, child, res, out)]
    return found


def _preceding_demonyms(doc: Doc, head: Token, res: Resources) -> list[tuple[str, Token, str]]:
    """Coordinated demonyms written right before a role noun that the parse hung elsewhere ("the Kenyan and Sri
    Lankan navies", the first demonym parsed as a subject of its own): read off the words, back from the noun
    over demonyms, 'and' and commas."""
    found: list[tuple[str, Token, str]] = []
    i = head.i - 1
    while i >= 0:
        demonym = demonym_at(doc[i], res)
        if demonym is not None and not demonym.regional:
            found.insert(0, (demonym.iso3, doc[demonym.start], f"demonym:{demonym.text}"))
            i = demonym.start - 1
        elif found and doc[i].lower_ in ("and", ","):
            i -= 1
        else:
            break
    return found if len(found) > 1 else []


def _prep_object_country(doc: Doc, prep: Token, pobj: Token, res: Resources) -> list[tuple[str, Token, str]]:
    """The country the object of a country preposition names: a country or capital ("the foreign ministers of Egypt
    and Jordan", "police in Nairobi"), or a demonym modifying it ("the families of the Nepali climbers")."""
    phrase = doc[pobj.left_edge.i:pobj.i + 1].text
    if phrase in res.us_states or (pobj.i > 0 and doc[pobj.i - 1:pobj.i + 1].text in res.us_states):
        return []   # "officials in New Mexico": a US state, not the country its last word names
    iso = lookup_country(phrase, res) or res.countries.get(pobj.text) or res.capitals.get(pobj.text)
    if iso is None and pobj.pos_ == "PROPN" and (pobj.ent_type_ in ("GPE", "LOC") or (
            not pobj.ent_type_ and prep.lower_ == "in")):
        # "police in Istanbul", "the governor of Lagos": a large city that dominates its name
        iso = _city_country(doc[pobj.left_edge.i:pobj.i + 1].text if pobj.left_edge.pos_ == "PROPN" else pobj.text,
                            res)
    if iso:
        return [(iso, pobj, f"{prep.lower_}:{pobj.text}")]
    region = _region_country(doc, pobj, res)
    if region is not None:
        return [(region[0], pobj, f"{prep.lower_}:region:{region[1]}")]
    return [(res.demonyms[c.text], c, f"{prep.lower_}:demonym:{c.text}") for c in pobj.children
            if c.dep_ in ("amod", "compound") and c.text in res.demonyms][:1]


def _region_country(doc: Doc, pobj: Token, res: Resources) -> tuple[str, str] | None:
    """(country, name) of a named first-level region ("the governor of Kano state", "police in Kilifi county"):
    the proper nouns compounded with an administrative-unit noun (`admin_unit_words`), when the gazetteer's
    first-level regions of that name are all of one country. None otherwise."""
    if pobj.lemma_.lower() not in res.words.admin_unit_words:
        return None
    names = [c for c in pobj.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < pobj.i]
    if not names:
        return None
    name = doc[names[0].left_edge.i:pobj.i].text
    countries = {c.iso3 for c in res.geo.candidates(name) if c.level == "admin1" and c.iso3}
    return (countries.pop(), name) if len(countries) == 1 else None


def _direct_modifier_countries(doc: Doc, child: Token, res: Resources,
                               out: ArticleActors) -> list[tuple[str, Token, str]]:
    """Countries one modifier of a role noun names: a demonym and its conjuncts ("Syrian and Russian troops"),
    or a country, capital or actor with a country as compound or possessor ("Assad's government")."""
    if child.dep_ in ("amod", "compound", "nmod") or (child.dep_ == "det" and child.pos_ in ("ADJ", "PROPN")):
        # "Syrian and Russian troops", "North Korean officials", "South Sudanese rebels", "Tigrayan forces" (a
        # demonym the parser made a determiner, "whom Togolese police detained", is the same modifier)
        demonyms = [d for tok in [child, *child.conjuncts] for d in [demonym_at(tok, res)] if d is not None]
        if demonyms:
            return [(d.iso3, doc[d.start], f"{'regional' if d.regional else 'demonym'}:{d.text}") for d in demonyms]
    leader = leading_country(child, res)
    if leader is not None:
        return [(leader[0], leader[1], f"led:{leader[1].text}")]
    if child.dep_ not in ("compound", "nmod", "poss"):
        return []
    iso = _country_ending_at(child, res) or res.capitals.get(child.text)
    if iso is None:
        # "Assad's government", "Hezbollah guerrillas": the modifier actor's country
        iso = next((a.country_code for a in out.actors_at(child.i) if a.country_code), None)
    if iso is None and child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ in res.words.thing_pronouns:
        # "their forces", "its citizens": the country of what the pronoun refers to
        antecedent = resolve_pronoun(doc, child, out, res)
        iso = antecedent.country_code if antecedent is not None else None
    if iso is None and child.ent_type_ == "GPE":
        iso = lookup_country(doc[child.left_edge.i:child.i + 1].text, res)
    return [(iso, child, f"{child.dep_}:{child.text}")] if iso else []


def _country_ending_at(tok: Token, res: Resources) -> str | None:
    """The longest country name ending at a token ("Papua New Guinea's", "Equatorial Guinea's": not Guinea, the
    last word's own country), else None."""
    doc = tok.doc
    for start in range(max(tok.left_edge.i, tok.i - 3), tok.i + 1):
        iso = res.countries.get(re.sub(r"[’']s$", "", doc[start:tok.i + 1].text))
        if iso:
            return iso
    return None


def leading_country(child: Token, res: Resources) -> tuple[str, Token] | None:
    """("Vietnamese-led forces", "the Saudi-led coalition") the country of the leader named in a participle
    modifier whose lemma is in `leading_participles`, and the token naming it; a backer ("Rwanda-backed") is not
    the actor's country."""
    if child.dep_ != "amod" or child.lemma_.lower() not in res.words.leading_participles:
        return None
    for grand in child.children:
        if grand.dep_ in ("npadvmod", "compound", "nmod", "amod"):
            iso = res.demonyms.get(grand.text) or res.countries.get(grand.text)
            if iso:
                return iso, grand
    return None


def _role_phrase(tok: Token, res: Resources) -> str:
    """The longest role term ending at a noun: "national security adviser", "foreign minister", "troops"."""
    words = [t.lower_ for t in tok.lefts if t.dep_ in ("compound", "amod") and t.i >= tok.i - 3] + [tok.lower_]
    for i in range(len(words)):
        phrase = " ".join(words[i:])
        if phrase in res.titles or phrase in res.groups:
            return phrase
    return tok.lower_


def _code_role_noun(doc: Doc, tok: Token, res: Resources, out: ArticleActors, sent_of: dict[int, int],
                    phrase: str | None = None) -> str | None:
    """Code a role noun whose country its modifiers name; returns the role of one that names none (to be coded
    from its context), else None."""
    low = phrase or tok.lower_
    role = res.groups.get(low) or res.titles.get(low)
    countries = _modifier_countries(doc, tok, res, out)
    for child in tok.children:
        # "an Indian army spokesman": the institution in the compound sets role and carries the country
        if child.dep_ == "compound" and child.lower_ in res.groups:
            if role == "GOV" and res.groups[child.lower_] != "GOV":
                role = res.groups[child.lower_]
            if not countries:
                countries = _modifier_countries(doc, child, res, out)
    is_title = low in res.titles and low not in res.groups
    if is_title and countries:
        # "the Italian president": a named person of that title and country in the article, if unique
        matches = [a for a in out.actors.values()
                   if a.actor_type == "PERSON" and a.country_code == countries[0][0] and low.split()[-1] in
                   {t.split()[-1] for t in a.titles}]
        if len(matches) == 1:
            _add_span(doc, out, matches[0], _title_start(tok), tok.i + 1, "title", sent_of)
            return None
    if not countries:
        return role
    for iso, modifier, evidence in countries:
        # "Tigrayan forces", "Chechen militias": a region or people has no army of its own; its armed forces are
        # rebels against the state (CAMEO: the state's country + REB)
        own = "REB" if evidence.startswith("regional:") and role in res.code_classes.regional_armed_roles else role
        actor = collective_actor(iso, own, res, [f"group:{low}", evidence], 0.85)
        start = min(modifier.i, _np_start(tok))
        _add_span(doc, out, actor, start, tok.i + 1, "nominal", sent_of)
    return None


def _title_start(tok: Token) -> int:
    """First token of a title phrase: its leftmost adjective, compound or determiner, else the noun itself
    (a left dependent of another kind, "his" or "two", does not start the title)."""
    return min([tok.i, *(t.i for t in tok.subtree if t.i < tok.i and t.dep_ in ("amod", "compound", "det"))])


def _code_countryless(doc: Doc, tok: Token, low: str, role: str, res: Resources, out: ArticleActors,
                      sent_of: dict[int, int], places: dict[int, Place]) -> None:
    """A role noun that names no country: the country its context gives (`_context_country`), with the method
    recorded as evidence; without one, a bare title ("the president") is the one person of that title named
    before it, else an office (`context_roles`) keeps its sector code without a country, as every group does
    ("GOV", CAMEO's ---GOV, evidence `context:none`)."""
    if tok.i in out.token_index:
        return
    if any(c.dep_ in ("compound", "nmod", "poss") and c.i in out.token_index for c in tok.children):
        # "a U.N. spokesman": a modifier names the body it belongs to, even without a country
        return
    body = _body_of(tok, out, res)
    if body is not None:
        # "leaders of the Arab League", "a spokesman of the African Union": the body speaks through its people
        _add_span(doc, out, body, _title_start(tok), tok.i + 1, "title", sent_of)
        return
    held = held_place_holder(tok, res) is not None
    is_title = low in res.titles and low not in res.groups and not held
    # "government positions": the positions of the government in the news, an institution however it is written
    institution = is_title or low in res.words.admin_words or held or (
        tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children))
    iso, evidence = _context_country(doc, tok, role, institution, res, out, places,
                                     local=role in res.code_classes.local_roles or _home_forces(low, res))
    if is_title and iso:
        matches = [a for a in out.actors.values() if a.actor_type == "PERSON" and a.country_code == iso and
                   low.split()[-1] in {t.split()[-1] for t in a.titles}]
        if len(matches) == 1:
            _add_span(doc, out, matches[0], _title_start(tok), tok.i + 1, "title", sent_of)
            return
    if is_title and not iso:
        named = _titled_person(tok, low, out)
        if named is None and role[:3] not in res.code_classes.context_roles:   # "GOVMIL": a defence minister
            return   # "handed the suspected spy over": only an office keeps its sector code without a country
        if named is not None:
            # "President Dos Santos ... the president": the one person of that title, though of no known country
            _add_span(doc, out, named, _title_start(tok), tok.i + 1, "title", sent_of)
            return
        evidence = "context:none"   # "the foreign minister accused Japan": kept with its sector code (---GOV)
    actor = collective_actor(iso, role, res, [f"group:{low}", *([evidence] if evidence else [])],
                             0.6 if iso else 0.4)
    _add_span(doc, out, actor, _np_start(tok), tok.i + 1, "nominal", sent_of)


def _body_of(tok: Token, out: ArticleActors, res: Resources) -> Actor | None:
    """The organisation a role noun of no country belongs to by an 'of'- or 'for'-phrase (`body_preps`: "officials
    of the World Bank", "a spokesman for the Kenyan government", "a spokeswoman for Amnesty International"), else
    None. Only a body (an organisation's or a collective's code, not a person's or a country's: "officials of
    Kenya" are Kenya's government, which the role's modifiers already give, and "the envoy for Syria" serves no
    Syrian body)."""
    # "the secretary-general of the Caribbean Community": the parser may hang the phrase on the title's second half
    holders = [tok, *(c for c in tok.children if c.i > tok.i and c.dep_ in ("amod", "compound"))]
    for pobj in (p for holder in holders for prep in holder.children if prep.dep_ == "prep" and
                 prep.lower_ in res.words.body_preps for p in prep.children if p.dep_ == "pobj"):
        found = [out.actors[out.mentions[m].actor_key] for m in out.token_index.get(pobj.i, [])]
        bodies = [a for a in found if a.actor_type not in ("PERSON", "COUNTRY") and a.cameo_code]
        if len(bodies) == 1:
            return bodies[0]
    return None


def _home_forces(phrase: str, res: Resources) -> bool:
    """"Government troops", "regime forces": a role phrase whose first word (`home_forces`) makes them a state's own
    forces, of the country they act in."""
    words = phrase.split()
    return len(words) > 1 and words[0] in res.words.home_forces


def _titled_person(tok: Token, title: str, out: ArticleActors) -> Actor | None:
    """The one person named before a bare title who holds it ("President Dos Santos ... the president"), else
    None (none, or several)."""
    keys = {m.actor_key for m in out.mentions if m.start < tok.i}
    matches = [out.actors[k] for k in keys if out.actors[k].actor_type == "PERSON" and
               title.split()[-1] in {t.split()[-1] for t in out.actors[k].titles}]
    return matches[0] if len(matches) == 1 else None


def _context_country(doc: Doc, tok: Token, role: str, institutional: bool, res: Resources, out: ArticleActors,
                     places: dict[int, Place], *, local: bool = False) -> tuple[str | None, str | None]:
    """(country, evidence) of a role noun that names none, from its context, in this order:
    1. for a local role (`local`: a role of `local_roles` — police, courts, protesters, gunmen ... not officials or
       troops, who travel — or a state's own forces, `home_forces`: "government troops"): the one country the
       places of its clause's locative phrases name ("police arrested them in Nairobi");
    2. for an office or institution ("the government", "the army", "the president") of a role in
       `context_roles`: the nearest preceding official's, else the nearest preceding mention's country;
    3. for a population or profession (`domestic_roles`: protesters, civilians, journalists ...), or an armed
       group or criminals (`held_roles`): the state acting on it in its clause; for a population also the country
       of the sentence's authorities (`authority_roles`: government, police, courts), when they are of one country;
    4. for a rebel or opposition group (`counterpart_roles`): the one state it faces;
    5. for an office, a local role or a population still unplaced: the country of the article's dateline.
    (None, None) when nothing settles it."""
    sentence = sentence_of(tok)
    clause = _clause_head(tok)
    codes = res.code_classes
    # "commemorated the victims of the earthquake in Gyumri": whom a disaster struck are placed by no locative
    # phrase, as no state acting on them places them (`_acting_state`)
    local = local and tok.lemma_.lower() not in res.words.casualty_words
    # "students who marched on the parliament in Podgorica": a place in the noun's own phrase locates it too
    own = {t.i for t in tok.subtree}
    located = {p.iso3 for i, p in places.items() if sentence.start <= i < sentence.end and _is_locative(doc[i], res)
               and (_clause_head(doc[i]) == clause or i in own)} if local else set()
    if len(located) == 1:
        iso = located.pop()
        return iso, f"context:place:{next(p.text for p in places.values() if p.iso3 == iso)}"
    if role[:3] in codes.context_roles:
        capital = _fronted_capital(tok, clause, res)
        if capital is not None:
            return capital[0], f"context:capital:{capital[1]}"
    if institutional and role[:3] in codes.context_roles:   # a compound role ("GOVMIL") by its first part
        iso, evidence = _context_government(doc, tok, out)
        iso, evidence = (iso, evidence) if iso else _preceding_country(tok, out)
        return (iso, evidence) if iso else _dateline_context(doc, res)
    state = _acting_state(tok, res, out) if role in codes.domestic_roles or role in codes.held_roles else None
    if state is not None:
        # "Laos banned the opposition party"; "Guinean police detained members of a banned militia" (`held_roles`)
        return state, f"context:acting_state:{state}"
    if role in codes.domestic_roles:
        authorities = {out.actors[m.actor_key].country_code for m in out.mentions
                       if sentence.start <= m.start < sentence.end and out.actors[m.actor_key].role_code in
                       codes.authority_roles and out.actors[m.actor_key].country_code}
        if len(authorities) == 1:
            iso = authorities.pop()
            return iso, f"context:authority:{iso}"
    if role in codes.counterpart_roles:
        state = _counterpart_state(tok, res, out)
        if state is not None:
            return state, f"context:counterpart:{state}"
    return _dateline_context(doc, res) if local or role in codes.domestic_roles else (None, None)


def _dateline_context(doc: Doc, res: Resources) -> tuple[str | None, str | None]:
    """(country, evidence) the article's dateline gives an office, a local group or a population that nothing
    nearer places: a wire story datelined "NIAMEY -" is about Niger's junta and Niger's police unless it says
    otherwise. (None, None) without one."""
    found = dateline_country(doc, res)
    return (found[0], f"context:dateline:{found[1]}") if found else (None, None)


#: A city at least this populous, holding most of the people of every city of its name, names its country in a
#: dateline ("ANTWERP -") or after "police in" ("police in Istanbul"); a smaller or shared name ("Springfield")
#: names none.
CITY_POPULATION = 100_000
CITY_SHARE = 0.8


def dateline_country(doc: Doc, res: Resources) -> tuple[str, str] | None:
    """(country, place) of the dateline opening an article ("NIAMEY -", "ANTWERP, Belgium -", "PARIS, Texas -"):
    the country (or US state) after the comma, else the place itself: a country, a capital, or a large city of the
    gazetteer that dominates its name. None without a dateline, or when its place is none of these."""
    match = DATELINE.match(doc_text(doc))
    if match is None:
        return None
    qualifier = (match.group(2) or "").strip()
    if qualifier:
        iso = lookup_country(qualifier, res) or ("USA" if qualifier in res.us_states else None)
        return (iso, qualifier) if iso else None
    name = match.group(1).strip().title()
    iso = lookup_country(name, res) or res.capitals.get(name) or _city_country(name, res)
    return (iso, name) if iso else None


def _dateline_tokens(doc: Doc, res: Resources) -> range:
    """The tokens of a dateline (its place, qualifier, date and agency: "LUSAKA, March 3 (Reuters) —") whose place
    names a country (`dateline_country`), or of any wire dateline (a date or an agency: "UNITED NATIONS, Dec 2
    (Reuters) —"): the filing line of a story, where the tagger's organisations are the place and the agency."""
    match = DATELINE.match(doc_text(doc))
    if match is None or (dateline_country(doc, res) is None and not is_wire_dateline(match)):
        return range(0)
    span = doc.char_span(match.start(1), match.end(0) - 1, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _city_country(name: str, res: Resources) -> str | None:
    """The country of the gazetteer city a name means, when one city of that name is large and holds most of the
    people of all of them, else None."""
    cities = [c for c in res.geo.candidates(name) if c.level == "city" and c.iso3]
    if not cities:
        return None
    top = max(cities, key=lambda c: c.population)
    if top.population < CITY_POPULATION or top.population < CITY_SHARE * sum(
            c.population for c in cities):
        return None
    return top.iso3


def _counterpart_state(tok: Token, res: Resources, out: ArticleActors, *, bodies_only: bool = False) -> str | None:
    """The country of the one state a domestic counterpart (`counterpart_roles`: rebels, insurgents,
    separatists, the opposition) of no stated country faces in its own clause: a country, or a state actor
    (`counterpart_states`, the military included), in the same clause, when no other country is named in the
    sentence. CAMEO codes rebels fighting an army, or an opposition addressing a government, as a domestic dyad
    ("Ivorian troops ambushed rebel fighters": CIVMIL -> CIVREB); with two countries in the sentence it says
    nothing ("Kenyan and Somali troops attacked the militants"). `bodies_only`: a civil state body (`state_roles`
    or a legislature), not a country named as such (which may be only where it happens), nor troops, who travel.
    None otherwise."""
    sentence, clause = sentence_of(tok), _clause_head(tok)
    mentioned = [(m, out.actors[m.actor_key]) for m in out.mentions if sentence.start <= m.start < sentence.end]
    countries = {a.country_code for _, a in mentioned if a.country_code}
    if len(countries) != 1:
        return None
    # a country named by a modifier of a noun that is no actor ("near the Sudanese border") is where, not whom,
    # they face; a state body modifying one is still that body ("Syrian army tanks")
    facing = [a for m, a in mentioned if a.country_code and _clause_head(tok.doc[m.start]) == clause and
              not (a.actor_type == "COUNTRY" and tok.doc[m.end - 1].dep_ in ("amod", "compound")) and
              _faced_state(a, res, bodies_only)]
    return facing[0].country_code if facing else None


def _faced_state(actor: Actor, res: Resources, bodies_only: bool) -> bool:
    """Whether an actor is a state a counterpart can face (`_counterpart_state`): a country or a state actor
    (`counterpart_states`); with `bodies_only`, a civil state body or a legislature alone."""
    if bodies_only:
        return actor.role_code in res.code_classes.state_roles or actor.role_code == "LEG"
    return actor.actor_type == "COUNTRY" or actor.role_code in res.code_classes.counterpart_states


def _acting_state(tok: Token, res: Resources, out: ArticleActors) -> str | None:
    """The country of the state that acts on a population noun in the noun's own clause: the noun is the direct
    object of a verb, or the object of an acted-on preposition of it ("fired on demonstrators"), or the
    'of'-phrase of a quantity that is ("detained dozens of students"), and the verb's subject — through
    subjectless complements ("refused to free the opposition leader") — is a country or one of its state bodies
    (`state_roles`: not the military, as troops travel). CAMEO codes a state acting on its own population as a
    domestic dyad ("Laos banned the opposition party": LAO -> LAOOPP); a population its clause places elsewhere
    has already taken that place (`_context_country`, method 1). None when the clause says nothing of the kind."""
    node, words = tok, res.words
    if tok.lemma_.lower() in words.casualty_words:
        return None   # "commemorated the victims of the tsunami": whom a disaster struck, not a population acted on
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in words.quantity_nouns:
        node = node.head.head
    if node.dep_ == "pobj" and node.head.lower_ in words.acted_on_preps:
        node = node.head
    if node.dep_ not in ("dobj", "prep") or node.head.pos_ != "VERB":
        return None
    verb = node.head
    while verb.dep_ in ("xcomp", "conj") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    states = {a.country_code for c in verb.children if c.dep_ == "nsubj" for a in out.actors_at(c.i)
              if a.country_code and (a.actor_type == "COUNTRY" or a.role_code in res.code_classes.state_roles)}
    return states.pop() if len(states) == 1 else None


def _fronted_capital(tok: Token, clause: int, res: Resources) -> tuple[str, str] | None:
    """(country, capital) of the capital a locative phrase opening the sentence names ("In Nairobi, the interior
    minister said ..."), when that phrase belongs to the role noun's clause and comes before it: the setting of a
    statement places its officials in the capital's country (a capital, not any town, because a government sits
    there). The capital is read from the phrase's proper nouns, as the tagger may give it no entity. None when
    there is no such phrase, or it names no capital."""
    sentence = sentence_of(tok)
    prep = sentence[0]
    if prep.dep_ != "prep" or prep.lower_ not in res.words.location_preps or prep.head.i != clause or \
            not prep.i < tok.i < sentence.end:
        return None
    for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
        name = " ".join(t.text for t in pobj.subtree if t.pos_ == "PROPN" and t.i <= pobj.i)
        if name in res.capitals:
            return res.capitals[name], name
    return None


def _clause_head(tok: Token) -> int:
    """The index of the verb whose clause a token is in: the nearest verb above it, or the sentence root; a
    subjectless complement or purpose clause belongs to its governing verb's ("police used tear gas to disperse
    demonstrators in Caracas")."""
    for node in tok.ancestors:
        if node.pos_ in ("VERB", "AUX"):
            while node.dep_ in ("xcomp", "advcl") and not any(c.dep_ in ("nsubj", "nsubjpass", "mark")
                                                                for c in node.children):
                node = node.head
            return node.i
    return tok.sent.root.i if tok.has_head else tok.i


def _is_locative(tok: Token, res: Resources) -> bool:
    """Whether a token sits in a locative phrase ("in Kenya", "near the capital Nairobi", "the streets of
    Harare")."""
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return False
    return any(a.dep_ == "prep" and (a.lower_ in res.words.location_preps or (
        a.lower_ == "of" and a.head.lemma_.lower() in res.words.territory_words)) for a in [tok, *tok.ancestors])


def _preceding_country(tok: Token, out: ArticleActors) -> tuple[str | None, str | None]:
    """The article's country before a token: the country mentioned most often before it (in its sentence or the
    150 tokens before it), the first mentioned of equals ("Zambian officials met Malawian envoys. The government
    ..." is Zambia's)."""
    sentence = sentence_of(tok)
    counts: dict[str, list] = {}
    for m in sorted(out.mentions, key=lambda m: m.start):
        if m.start >= tok.i or (m.start < sentence.start and tok.i - m.start > 150):
            continue
        iso = out.actors[m.actor_key].country_code
        if iso:
            counts.setdefault(iso, [0, m.start, m.text])[0] += 1
    if not counts:
        return None, None
    iso, (_, _, text) = max(counts.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
    return iso, f"context:preceding:{text}"


def _np_start(tok: Token) -> int:
    start = tok.i
    for left in tok.lefts:
        if left.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod"):
            start = min(start, left.left_edge.i)
    return start


def _context_government(doc: Doc, tok: Token, out: ArticleActors) -> tuple[str | None, str | None]:
    """'the administration' belongs to the nearest preceding official with a known country."""
    for index in range(len(out.mentions) - 1, -1, -1):
        m = out.mentions[index]
        if m.start >= tok.i or tok.i - m.start > 80:
            continue
        actor = out.actors[m.actor_key]
        if actor.actor_type == "PERSON" and actor.country_code and actor.role_code == "GOV":
            return actor.country_code, f"context:{actor.name}"
    return None, None


def _add_span(doc: Doc, out: ArticleActors, actor: Actor, start: int, end: int, kind: str,
              sent_of: dict[int, int]) -> None:
    span = doc[start:end]
    out.add(actor, Mention(start=start, end=end, start_char=span.start_char, end_char=span.end_char, text=span.text,
                           kind=kind, sentence_index=sent_of[start], actor_key=actor.key))


# ----------------------------------------------------------------------------- entry point
def resolve_actors(doc: Doc, *, resources: Resources, gazetteer: list[Span] | None = None,
                   on: date | None = None) -> ArticleActors:
    """All actors and mentions of one parsed article; `on`, the article's date, picks the date-bounded roles of
    dictionary actors and the roles known people held that day."""
    out = ArticleActors()
    sent_of = _sentence_index(doc)
    code_people(doc, resources, out, sent_of, gazetteer, on)
    propagate_surnames(doc, out, sent_of)
    code_named_entities(doc, resources, out, sent_of, gazetteer or [], on)
    _merge_parenthetical_names(doc, out, sent_of)
    places = find_places(doc, resources, sent_of)
    code_collectives(doc, resources, out, sent_of, places)
    _dateline_officials(doc, resources, out)
    _counterpart_orgs(doc, resources, out)
    _facing_bodies(doc, resources, out)
    _home_addressees(doc, resources, out)
    _unclaimed_attackers(doc, resources, out)
    _merge_people_by_last_name(out)
    _counterpart_people(resources, out, doc)
    out.mentions.sort(key=lambda m: (m.start_char, m.end_char))
    out.token_index = {}
    for index, m in enumerate(out.mentions):
        for i in [*range(m.start, m.end), *m.extra_tokens]:
            out.token_index.setdefault(i, []).append(index)
    out.places = places
    return out


def _dateline_officials(doc: Doc, res: Resources, out: ArticleActors) -> None:
    """A titled person of an office's role (`context_roles`) and of no country the text or the dictionaries give
    takes the country of the article's dateline, as the bare office does ("MONROVIA - President Albert
    Sowah-Kamara" is Liberia's president, as "MONROVIA - The president" is); the body of an IGO title keeps its
    own code."""
    found = dateline_country(doc, res)
    for actor in out.actors.values():
        if actor.actor_type == "PERSON" and actor.titles and not actor.country_code and actor.role_code and \
                actor.role_code[:3] in res.code_classes.context_roles and actor.cameo_code == actor.role_code:
            iso, evidence = (found[0], f"context:dateline:{found[1]}") if found else \
                _sentence_country(doc, actor, out, res)
            if iso:
                _give_country(actor, iso, evidence)


def _sentence_country(doc: Doc, actor: Actor, out: ArticleActors, res: Resources) -> tuple[str | None, str]:
    """(country, evidence) of the one country the other mentions of the sentence of an actor's first mention name
    ("President Dos Santos conceded to the demands of UNITA" of Angola, "the Angolan opposition"), else (None, "").
    A country standing alone as a party to what is done ("President X accused Morocco") is no evidence of the
    person's own, so only a country named as a modifier, a possessor or a place counts (and every state body)."""
    first = next((m for m in out.mentions if m.actor_key == actor.key), None)
    if first is None:
        return None, ""
    countries = _owned_countries(doc, first, out, res)
    if len(countries) != 1:
        return None, ""
    (iso,) = countries
    return iso, f"context:sentence:{iso}"


def _owning_mention(doc: Doc, m: Mention, out: ArticleActors, res: Resources) -> bool:
    """Whether a mention's country says whose things the sentence is about: any actor but a bare country, or a
    country named as a modifier or possessor ("Angola's opposition") or in a locative phrase ("in Angola")."""
    if out.actors[m.actor_key].actor_type != "COUNTRY":
        return True
    last = doc[m.end - 1]
    return last.dep_ in ("poss", "compound", "amod", "nmod") or _is_locative(last, res)


def _counterpart_people(res: Resources, out: ArticleActors, doc: Doc) -> None:
    """A person of a domestic counterpart's role (`counterpart_roles`: "opposition leader Ana Ruiz") and of no
    known country takes the country of the one state its first mention faces in its clause (`_counterpart_state`):
    an opposition leader calling on Venezuela's president is Venezuela's opposition."""
    for actor in out.actors.values():
        if actor.actor_type != "PERSON" or actor.country_code or actor.role_code not in \
                res.code_classes.counterpart_roles:
            continue
        first = min((m for m in out.mentions if m.actor_key == actor.key), key=lambda m: m.start, default=None)
        state = _counterpart_state(doc[first.end - 1], res, out) if first is not None else None
        if state is not None:
            _give_country(actor, state, f"context:counterpart:{state}")


def _give_country(actor: Actor, iso: str, evidence: str) -> None:
    """Give an actor of no country the one its context found: its code becomes that country's of its role, and the
    evidence records how it was found."""
    actor.country_code, actor.cameo_code = iso, f"{iso}{actor.role_code}"
    actor.evidence = [*actor.evidence, evidence]


def _merge_parenthetical_names(doc: Doc, out: ArticleActors, sent_of: dict[int, int]) -> None:
    """"The International Labour Office (ILO)", "the Popular Front for the Liberation of Zembla (PFLZ)": an
    organisation's name and the short name in parentheses right after it are one actor, coded as the more
    confident of the two (a listed acronym codes an unknown long name; a long name's country codes an unknown
    acronym); an acronym no list knows is a short-name mention of the name before it."""
    by_start = {m.start: m for m in out.mentions}
    for m in list(out.mentions):
        if m.end + 2 >= len(doc) or doc[m.end].text != "(" or doc[m.end + 2].text != ")":
            continue
        short = by_start.get(m.end + 1)
        acronym = doc[m.end + 1]
        if short is None and acronym.text.isupper() and acronym.is_alpha and \
                out.actors[m.actor_key].actor_type != "PERSON":
            _add_span(doc, out, out.actors[m.actor_key], acronym.i, acronym.i + 1, "short_name", sent_of)
            continue
        if short is None or short.end != m.end + 2:
            continue
        first, second = out.actors[m.actor_key], out.actors[short.actor_key]
        if first.key == second.key or "PERSON" in (first.actor_type, second.actor_type):
            continue
        weaker, stronger = (m, second) if second.confidence > first.confidence else (short, first)
        if out.actors[weaker.actor_key].confidence < stronger.confidence:
            weaker.actor_key = stronger.key
    used = {m.actor_key for m in out.mentions}
    for key in [k for k in out.actors if k not in used]:
        del out.actors[key]


def find_places(doc: Doc, res: Resources, sent_of: dict[int, int]) -> dict[int, Place]:
    """Every proper-noun GPE/LOC token whose entity (or, outside any entity, the token itself) names a country,
    a capital or a large city that dominates its name (`_city_country`), by token index."""
    entity_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    places: dict[int, Place] = {}
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.ent_type_ not in ("GPE", "LOC", "PERSON", "ORG"):
            continue
        span = entity_of[tok.i] if tok.i in entity_of else doc[tok.i:tok.i + 1]
        if tok.ent_type_ == "PERSON" and not _is_place_name(span, res):
            continue
        if tok.ent_type_ == "ORG" and lookup_country(span.text, res) is None:
            continue   # "a village in northern Cameroon" with the country tagged ORG is still a country
        iso = lookup_country(span.text, res) or res.capitals.get(span.text) or (
            res.countries.get(tok.text) if span.end - span.start > 1 and tok.i == span.end - 1 and all(
                t.lower_ in res.words.compass_words for t in span[:-1]) else None) or (   # "northern Nigeria"
            # "struck an apartment block in Kharkiv": a large city that dominates its name, in a locative phrase,
            # names its country, as in a dateline or after "police in" (`_city_country`)
            _city_country(span.text, res) if tok.ent_type_ in ("GPE", "LOC") and _is_locative(tok, res) else None)
        if iso:
            places[tok.i] = Place(token=tok.i, start=span.start, end=span.end, start_char=span.start_char,
                                  end_char=span.end_char, text=span.text, iso3=iso, sentence_index=sent_of[tok.i])
    for tok in doc:
        # "in the Malian town of Ogossagou", "the Russian region of Krasnodar": a demonym of a territory word
        demonym = demonym_at(tok, res) if tok.dep_ in ("amod", "compound") else None
        # a state's demonym only: "the Tigrayan town of X" names a region, which locates no event of its country
        if demonym is not None and not demonym.regional and tok.head.lemma_.lower() in res.words.territory_words \
                and tok.i not in places:
            places[tok.i] = Place(token=tok.i, start=demonym.start, end=tok.i + 1, start_char=doc[demonym.start].idx,
                                  end_char=tok.idx + len(tok.text), text=demonym.text, iso3=demonym.iso3,
                                  sentence_index=sent_of[tok.i])
    return places


def _merge_people_by_last_name(out: ArticleActors) -> None:
    """A short name seen before its full form ("Assad" ... "Bashar al-Assad") joins the full-name actor."""
    full = {}
    for actor in out.actors.values():
        if actor.actor_type == "PERSON" and " " in actor.name:
            last = actor.name.split()[-1].lower()
            full.setdefault(last, actor.key)
            if last.startswith("al-"):
                full.setdefault(last[3:], actor.key)
    for actor in list(out.actors.values()):
        if actor.actor_type != "PERSON" or " " in actor.name:
            continue
        target = full.get(actor.name.lower())
        if target and target != actor.key:
            for m in out.mentions:
                if m.actor_key == actor.key:
                    m.actor_key = target
                    m.kind = "short_name"
            merged = out.actors[target]
            merged.country_code = merged.country_code or actor.country_code
            merged.role_code = merged.role_code or actor.role_code
            merged.wikidata_id = merged.wikidata_id or actor.wikidata_id
            merged.titles |= actor.titles
            del out.actors[actor.key]


def resolve_pronoun(doc: Doc, tok: Token, out: ArticleActors, res: Resources, *,
                    before_char: int | None = None) -> Actor | None:
    """Nearest preceding actor a pronoun can refer to (people for he/she, others for it/they)."""
    low = tok.lower_
    limit = before_char if before_char is not None else tok.idx
    want_person = low in res.words.person_pronouns
    if not want_person and low not in res.words.thing_pronouns:
        return None
    for m in reversed(out.mentions):
        if m.start_char >= limit:
            continue
        actor = out.actors[m.actor_key]
        if want_person and actor.actor_type == "PERSON":
            return actor
        if not want_person and actor.actor_type in ("COUNTRY", "ORGANIZATION", "IGO", "GROUP"):
            if low in res.words.plural_pronouns or actor.actor_type != "GROUP":
                return actor
    return None
