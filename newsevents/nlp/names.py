"""Person names refined before the actors are coded: the English model's entities, corrected with data and grammar.

en_core_web_sm recognises about two thirds of the people in wire news. Its errors fall into classes that a
word list and the shape of a line can fix without a larger model:

- a person span that starts with a role or position word ("Defender Hassan Abbas", "Forwards - Antonio Folha")
  or a lower-case particle ("van Boxmeer") is the name after it;
- a "person" that ends on a club or company word ("Manchester United", "Munich Re", "Brewpole BV") is an
  organisation, and one made of table abbreviations or roman numerals ("Curr Wk", "III") is no name at all;
- a name that heads a row of five or more figures ("Blackburn 16 2 7 7 16 21 13") or a score followed by its
  scorers ("Tottenham 2 ( Sheringham 27 )") is a team;
- the names in such a scorers' list ("( Adams 45 , Vieira 90 )") are people, and so is a known given name
  followed by capitalised words the tagger called an organisation, a facility, a place or nothing ("Hennie
  Swart", "Reto Goetschi").

`refine_entities` is pure (a Doc and the resources in, the new entity spans out); the `newsevents_names`
component of `newsevents.nlp.components` writes them to `doc.ents`, so every later component reads one set of
entities.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsevents.nlp.resources import Resources

PERSON, ORG = "PERSON", "ORG"
#: A roman numeral as written after a team or a name ("Germany III", "Henry VIII").
ROMAN = re.compile(r"[IVX]{1,4}")
#: A figure in a results line: an integer, a time, a score or a decimal ("65", "1:17.97", "2-0", "303.4").
FIGURE = re.compile(r"\d[\d.,:/-]*")
#: Figures after a name that make its line a table row (played, won, drawn, lost, for, against, points).
TABLE_ROW_FIGURES = 5
#: Longest name the given-name rule makes (given name plus two more words: "Joao Vieira Pinto").
MAX_NAME_TOKENS = 3


def refine_entities(doc: Doc, res: Resources) -> list[Span]:
    """The Doc's entities with person names corrected (see the module docstring); non-overlapping, in order."""
    ents: list[Span] = []
    for ent in doc.ents:
        ent = _refined_person(ent, res) if ent.label_ == PERSON else ent
        if ent is not None:
            ents.append(ent)
    ents = _add_people(ents, _scorer_names(doc, res))
    ents = _add_people(ents, _given_name_spans(doc, res, ents))
    return sorted(ents, key=lambda s: s.start)


# ----------------------------------------------------------------------------- the tagger's PERSON spans
def _refined_person(ent: Span, res: Resources) -> Span | None:
    """A PERSON entity trimmed of role words and trailing numerals, relabelled ORG when it names a club,
    company or team, or None when no name is left."""
    span = _trim(ent, res)
    if span is None:
        return None
    if _is_org_name(span, res) or _is_team_in_results(span, res):
        return Span(ent.doc, span.start, span.end, label=ORG)
    return Span(ent.doc, span.start, span.end, label=PERSON)


def _trim(span: Span, res: Resources) -> Span | None:
    """Without leading role or position words and lower-case particles ("Defender Hassan Abbas", "van
    Boxmeer"); None when nothing that can be a name is left ("Curr Wk", "III")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in res.words.name_position_words or doc[start].is_punct or
                           doc[start].is_space or doc[start].text[:1].islower()):
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if start >= end or all(_is_no_name(doc[i], res) for i in range(start, end)):
        return None
    return doc[start:end]


def _is_no_name(tok: Token, res: Resources) -> bool:
    """A token that cannot be (part of) a person's name: a table abbreviation or heading word ("Wk", "Curr",
    "Attendance"), a roman numeral, a single letter, a figure or punctuation."""
    text = tok.text
    return tok.lower_ in res.words.non_name_words or ROMAN.fullmatch(text) is not None or len(text) < 2 or \
        not any(c.isalpha() for c in text) or text.isupper() and len(text) <= 3 and not tok.is_sent_start


def _is_org_name(span: Span, res: Resources) -> bool:
    """A name whose last word is a club or company word ("Manchester United", "Munich Re", "Brewpole BV"), or a
    country with a roman numeral: a national team's crew ("Austria III")."""
    if len(span) < 2:
        return False
    return span[-1].lower_ in res.words.org_name_suffixes or (
        ROMAN.fullmatch(span[-1].text) is not None and span[:-1].text in res.countries)


def _is_team_in_results(span: Span, res: Resources) -> bool:
    """A name that heads a table row of figures, or is followed by a score and its scorers in parentheses: a
    team ("Blackburn 16 2 7 7 16 21 13", "Tottenham 2 ( Sheringham 27 )"); a known given name stays a person."""
    if span[0].text in res.given_names:
        return False
    after = _rest_of_line(span)
    figures = 0
    for tok in after:
        if not FIGURE.fullmatch(tok.text):
            break
        figures += 1
    if figures >= TABLE_ROW_FIGURES and figures == len(after) and _starts_line(span):
        return True
    return figures == 1 and len(after) > 1 and after[1].text == "("


def _rest_of_line(span: Span) -> list[Token]:
    """The tokens after a span up to the end of its line."""
    out = []
    for tok in span.doc[span.end:]:
        if "\n" in tok.text:
            break
        out.append(tok)
    return out


def _starts_line(span: Span) -> bool:
    doc = span.doc
    return span.start == 0 or "\n" in doc[span.start - 1].text


# ----------------------------------------------------------------------------- names the tagger missed
def _scorer_names(doc: Doc, res: Resources) -> list[Span]:
    """The names in a scorers' list: capitalised words each followed by a minute, inside parentheses right after
    a score ("Arsenal 2 ( Adams 45 , Vieira 90 )")."""
    spans = []
    for tok in doc:
        if tok.text != "(" or tok.i < 2 or not FIGURE.fullmatch(doc[tok.i - 1].text) or \
                not doc[tok.i - 2].text[:1].isupper():
            continue
        spans += _list_items(doc, tok.i + 1, res)
    return spans


def _list_items(doc: Doc, i: int, res: Resources) -> list[Span]:
    """The 'Name figure[, figure]' items of a scorers' list starting at token i, up to its ')'; none when an item
    does not have that shape (the parentheses hold something else)."""
    items = []
    while i < len(doc) and doc[i].text != ")":
        start = i
        while i < len(doc) and i - start < MAX_NAME_TOKENS and _is_name_word(doc[i], res):
            i += 1
        if i == start or i >= len(doc) or not FIGURE.fullmatch(doc[i].text):
            return []
        items.append(Span(doc, start, i, label=PERSON))
        while i < len(doc) and (FIGURE.fullmatch(doc[i].text) or doc[i].text == ","):
            i += 1
    return items


def _is_name_word(tok: Token, res: Resources) -> bool:
    """A capitalised word that may be part of a person's name (not a place, people, title or table word)."""
    text = tok.text
    return text[:1].isupper() and any(c.isalpha() for c in text) and not _is_no_name(tok, res) and \
        text not in res.countries and text not in res.demonyms and tok.lower_ not in res.titles and \
        tok.lower_ not in res.words.org_name_suffixes and "\n" not in text


def _given_name_spans(doc: Doc, res: Resources, ents: list[Span]) -> list[Span]:
    """A common given name followed by one or two capitalised name words, where the tagger saw an organisation,
    a facility, a place, a figure or nothing ("Hennie Swart", "Reto Goetschi", "Justin" + "Hobday 71 65")."""
    label_of = {i: e.label_ for e in ents for i in range(e.start, e.end)}
    spans = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.text not in res.given_names or label_of.get(i) == PERSON or not tok.text[1:].islower():
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end - i < MAX_NAME_TOKENS and _is_name_word(doc[end], res) and \
                label_of.get(end) != PERSON:
            end += 1
        if end > i + 1 and not _inside_longer_entity(doc, i, end, ents):
            spans.append(Span(doc, i, end, label=PERSON))
        i = end
    return spans


def _inside_longer_entity(doc: Doc, start: int, end: int, ents: list[Span]) -> bool:
    """Whether an entity covers the span and more words than figures and punctuation ("Brian Smith Foundation"
    stays an organisation; "Hobday 71 65" as a date gives way)."""
    for e in ents:
        if e.start < end and start < e.end:
            rest = [t for t in e if not start <= t.i < end]
            if any(not (FIGURE.fullmatch(t.text) or t.is_punct or t.is_space) for t in rest):
                return True
    return False


def _add_people(ents: list[Span], people: list[Span]) -> list[Span]:
    """The entities with these person spans added; an entity they overlap is dropped."""
    for person in people:
        ents = [e for e in ents if not (e.start < person.end and person.start < e.end)]
        ents.append(person)
    return ents
