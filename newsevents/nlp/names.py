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
  Swart", "Reto Goetschi");
- so are the athletes of a results line before their country in parentheses ("X ( Portugal ) beat Y ( China )"),
  the batsmen, fielders and bowlers of a cricket scorecard ("Botha c Pieterse b Mahlangu 23"), the players of a
  leaderboard ("132 Des Terblanche 65 67") and of a squad list without clubs ("Forwards : A , B , C"), with the
  lower-case particles inside their names ("Joost van der Westhuizen");
- a one-word "person" the tagger found that is a large city and no surname of the document, of a title or of a
  reporting verb, is the city ("Rotterdam is a prime candidate").

`refine_entities` is pure (a Doc and the resources in, the new entity spans out); the `newsevents_names`
component of `newsevents.nlp.components` writes them to `doc.ents`, so every later component reads one set of
entities.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsevents.nlp.geonames import normalise
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
    tagged = {(e.start, e.end) for e in ents if e.label_ == PERSON}
    for rule in (_scorer_names, _ranked_names, _squad_names, _athlete_names, _cricket_names, _golf_names):
        people = rule(doc, res)
        tagged -= {(p.start, p.end) for p in people}   # a person by the shape of its line, not the tagger's alone
        ents = _add_people(ents, people)
    ents = _add_people(ents, _given_name_spans(doc, res, ents))
    ents = _add_people(ents, _surname_mentions(doc, res, ents))
    ents = _add_people(ents, _headline_names(doc, res, ents))
    ents = [e for e in ents if not unsupported_headline_person(e, ents, res)]
    return _consistent(sorted(ents, key=lambda s: s.start), res, tagged)


# ----------------------------------------------------------------------------- the tagger's PERSON spans
def _refined_person(ent: Span, res: Resources) -> Span | None:
    """A PERSON entity trimmed of role words and trailing numerals, relabelled ORG when it names a club,
    company or team, or None when no name is left."""
    span = _trim(ent, res)
    if span is None or _is_title_alone(span, res):
        return None
    if _is_org_name(span, res) or is_team_in_results(span, res):
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
    # a name holds no spaced dash: what stands before it is a heading ("MOTOR RACING - DAMON HILL")
    dash = [i for i in range(start + 1, end - 1) if doc[i].text == "-" and doc[i - 1].whitespace_ and
            doc[i].whitespace_]
    start = dash[-1] + 1 if dash else start
    # a name ends before a figure ("Everton 2", "Greenock Morton 0": the tagger took the score in)
    end = next((i for i in range(start, end) if FIGURE.fullmatch(doc[i].text)), end)
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s")):
        end -= 1
    if start >= end or is_no_name(doc[start:end], res):
        return None
    return doc[_particle_start(doc, start, res):end]


def _particle_start(doc: Doc, start: int, res: Resources) -> int:
    """The start of a name whose given names and particles the tagger left out before its surname ("Os du" +
    "Randt", "Joost van der" + "Westhuizen"): given names outside any entity, before one or two particles; `start`
    when there are none."""
    particles = _particles_before(doc, start, res)
    if not particles:
        return start
    j = start - particles
    k = _name_start(doc, j, res)
    return k if all(not t.ent_type_ for t in doc[k:j]) else start


def is_no_name(span: Span, res: Resources) -> bool:
    """Whether no word of a span can be part of a person's name ("PREMIER DIVISION" after a title, "Curr Wk"); a
    known person's name always can ("MBS")."""
    return span.text.lower() not in res.known_actors and all(_is_no_name(t, res) for t in span)


def _is_no_name(tok: Token, res: Resources) -> bool:
    """A token that cannot be (part of) a person's name: a table abbreviation or heading word ("Wk", "Curr",
    "Attendance"), a roman numeral, a single letter, a figure or punctuation."""
    text = tok.text
    return tok.lower_ in res.words.non_name_words or ROMAN.fullmatch(text) is not None or len(text) < 2 or \
        not any(c.isalpha() for c in text) or text.isupper() and len(text) <= 3 and not tok.is_sent_start


def _is_title_alone(span: Span, res: Resources) -> bool:
    """A one-word "person" that is a title and no known person's name ("to visit Pope"): a role, not a name."""
    return len(span) == 1 and span[0].lower_ in res.titles and span.text.lower() not in res.known_actors


def _is_org_name(span: Span, res: Resources) -> bool:
    """A name whose last word is a club or company word ("Manchester United", "Munich Re", "Brewpole BV"), whose
    first word is a club word ("Dynamo", "Sporting"), that ends on a capital city without starting on a given
    name ("Rapid Vienna", "Red Star Belgrade"; "Jack London" stays a person), or a country with a roman numeral:
    a national team's crew ("Austria III")."""
    if len(span) < 2 or span.text.lower() in res.known_actors:
        return False
    return span[-1].lower_ in res.words.org_name_suffixes or span[0].lower_ in res.words.club_name_prefixes or (
        span[-1].text in res.capitals and span[0].text not in res.given_names) or (
        ROMAN.fullmatch(span[-1].text) is not None and span[:-1].text in res.countries)


def is_team_in_results(span: Span, res: Resources) -> bool:
    """A name that heads a table row of figures, or is followed by a score and its scorers in parentheses: a
    team ("Blackburn 16 2 7 7 16 21 13", "Tottenham 2 ( Sheringham 27 )"); a given name of our own list stays a
    person (one of the international lists only does not: "Aston Villa" heading a table row is a club)."""
    if span[0].text in res.given_names and span[0].text not in res.intl_given_names:
        return False
    after = _rest_of_line(span)
    figures = 0
    for tok in after:
        if not FIGURE.fullmatch(tok.text):
            break
        figures += 1
    if figures >= TABLE_ROW_FIGURES and figures == len(after) and _starts_line(span):
        return True
    if any(t.lower_ in res.words.versus_words for t in span):
        return True   # "Forfar v Alloa": two teams
    return figures == 1 and len(after) > 1 and after[1].text == "(" or _on_score_line(span)


#: A results line of two teams and their scores, in token shapes: C a capitalised word, N a figure, ' a
#: possessive ("Dunfermline 2 Aberdeen 3", "Greenock Morton 0 St Johnstone 2", "Queen 's Park 1 Alloa 0").
SCORE_LINE = re.compile(r"C[C']*NC[C']*N")


def _on_score_line(span: Span) -> bool:
    """Whether the span is one of the two teams of a line that is only 'Team score Team score'."""
    line = _line_of(span)
    shapes = "".join("N" if FIGURE.fullmatch(t.text) else "'" if t.text in ("'s", "’s") else
                     "C" if t.text[:1].isupper() else "x" for t in line)
    return SCORE_LINE.fullmatch(shapes) is not None


def _line_of(span: Span) -> list[Token]:
    """The tokens of the span's line, without the line breaks."""
    doc = span.doc
    start = span.start
    while start > 0 and "\n" not in doc[start - 1].text:
        start -= 1
    return [t for t in doc[start:span.end] if not t.is_space] + [t for t in _rest_of_line(span) if not t.is_space]


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
        after_score = tok.text == "(" and tok.i >= 2 and FIGURE.fullmatch(doc[tok.i - 1].text) is not None and \
            doc[tok.i - 2].text[:1].isupper()
        if after_score or tok.text == "-" and _after_line_heading(tok):
            spans += _list_items(doc, tok.i + 1, res)
    return spans


def _after_line_heading(tok: Token) -> bool:
    """Whether only one to three capitalised words stand before the token on its line ("Kuwait -", "South Korea
    -": a team whose scorers follow)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and tok.i - start < MAX_NAME_TOKENS and doc[start - 1].text[:1].isupper():
        start -= 1
    return start < tok.i and (start == 0 or "\n" in doc[start - 1].text)


def _list_items(doc: Doc, i: int, res: Resources) -> list[Span]:
    """The 'Name figure[, figure]' items of a scorers' list starting at token i, up to its ')' or the end of the
    line, or up to the first item of another shape (none when the parentheses hold something else)."""
    items = []
    while i < len(doc) and doc[i].text != ")" and not doc[i].is_space:
        end = _name_end(doc, i, res)
        if end == i or end >= len(doc) or not FIGURE.fullmatch(doc[end].text):
            break
        items.append(Span(doc, i, end, label=PERSON))
        i = end
        while i < len(doc) and (FIGURE.fullmatch(doc[i].text) or doc[i].text == "," or doc[i].lower_ == "and"):
            i += 1
    return items


def _name_end(doc: Doc, i: int, res: Resources, max_words: int = MAX_NAME_TOKENS) -> int:
    """The end of the run of name words from token i (at most `max_words` of them; a hyphen written without spaces
    joins two: "Ari-Pekka Nikkola", "Al-Huwaidi"; lower-case particles inside the name do not count: "Joost van
    der Westhuizen"); i when token i is no name word."""
    end, words = i, 0
    while end < len(doc) and words < max_words and _is_name_word(doc[end], res):
        end += 1
        words += 1
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and \
                not doc[end].whitespace_ and _is_name_word(doc[end + 1], res):
            end += 1
        if words < max_words:
            end = _past_particles(doc, end, res)
    return end


def _past_particles(doc: Doc, i: int, res: Resources) -> int:
    """The index after the lower-case name particles at token i ("van der", "du", "bin") when a name word
    follows them; i otherwise."""
    j = i
    while j < len(doc) and j - i < 2 and doc[j].text in res.words.name_particles:
        j += 1
    return j if j > i and j < len(doc) and _is_name_word(doc[j], res) else i


def _is_name_word(tok: Token, res: Resources) -> bool:
    """A capitalised word that may be part of a person's name (not a place, people, title or table word)."""
    text = tok.text
    return text[:1].isupper() and any(c.isalpha() for c in text) and not _is_no_name(tok, res) and \
        text not in res.countries and text not in res.demonyms and tok.lower_ not in res.titles and \
        tok.lower_ not in res.words.org_name_suffixes and "\n" not in text


def _line_starts(doc: Doc) -> list[int]:
    """The index of the first token of every line."""
    return [0] + [t.i + 1 for t in doc if "\n" in t.text and t.i + 1 < len(doc)]


#: A rank at the start of a results line: "2.", "22=", "1)".
RANK = re.compile(r"\d{1,3}[.=)]?")


def _ranked_names(doc: Doc, res: Resources) -> list[Span]:
    """The name in a ranked results line, before the athlete's country in parentheses ("2. Pernila Wiberg
    ( Sweden ) 1:17.97", "1. Takanobu Okabe ( Japan ) 303.4 points")."""
    spans = []
    for i in _line_starts(doc):
        if not RANK.fullmatch(doc[i].text):
            continue
        i += 1 + (i + 1 < len(doc) and doc[i + 1].text in (".", "=", ")"))
        end = _name_end(doc, i, res)
        if end > i and _country_in_parentheses(doc, end, res) and not _is_org_name(doc[i:end], res):
            spans.append(Span(doc, i, end, label=PERSON))
    return spans


def _country_in_parentheses(doc: Doc, i: int, res: Resources) -> bool:
    """Whether token i opens parentheses that hold a country and at most a club or town before it ("( Japan )",
    "( U.S. )", "( Barcelona , Spain )")."""
    if i >= len(doc) or doc[i].text != "(":
        return False
    close = next((j for j in range(i + 1, min(i + 6, len(doc))) if doc[j].text == ")"), None)
    return close is not None and close > i + 1 and (doc[close - 1].text in res.countries or
                                                     doc[i + 1:close].text in res.countries)


def _squad_names(doc: Doc, res: Resources) -> list[Span]:
    """The players of a squad list under a position heading ("Defenders - Paulinho Santos ( Porto ) , Sergio
    Conceicao ( Porto )") and the crew of a team in a results line ("Switzerland I ( Reto Goetschi , Guido
    Acklin )"): each name before its club in parentheses, or between the crew's commas. The clubs of a squad
    list come back as organisations."""
    spans = []
    for i in _line_starts(doc):
        if doc[i].lower_ in res.words.name_position_words and i + 1 < len(doc) and doc[i + 1].text in ("-", ":"):
            spans += _items_before_parentheses(doc, i + 2, res) or _comma_names(doc, i + 2, res)
        elif doc[i].text.isdigit() and i + 1 < len(doc) and doc[i + 1].text == "-":
            # a goalscorers' table: "12 - Ronaldo ( Barcelona ) , Suker ( Real Madrid )"; the parentheses may
            # hold a club or a country, so only the names are taken
            spans += [s for s in _items_before_parentheses(doc, i + 2, res) if s.label_ == PERSON]
    for tok in doc:
        if tok.text == "(" and tok.i >= 2 and ROMAN.fullmatch(doc[tok.i - 1].text) and \
                doc[tok.i - 2].text in {**res.countries, **res.demonyms}:
            spans += _crew(doc, tok.i + 1, res)
    return spans


def _items_before_parentheses(doc: Doc, i: int, res: Resources) -> list[Span]:
    """'Name ( Club ) , Name ( Club )' items from token i to the end of the line: the names, and each club as an
    organisation ("( Deportivo Coruna )": a club, whatever the tagger said)."""
    items = []
    while i < len(doc) and not doc[i].is_space:
        end = _name_end(doc, i, res)
        if end == i or end >= len(doc) or doc[end].text != "(":
            break
        items.append(Span(doc, i, end, label=PERSON))
        close = next((j for j in range(end, len(doc)) if doc[j].text == ")" or doc[j].is_space), len(doc) - 1)
        if close > end + 1 and doc[close].text == ")" and all(t.text[:1].isupper() for t in doc[end + 1:close]):
            items.append(Span(doc, end + 1, close, label=ORG))
        i = close + 1
        if i < len(doc) and doc[i].text in (",", ":", ";"):
            i += 1
    return items


def _comma_names(doc: Doc, i: int, res: Resources) -> list[Span]:
    """'Name , Name , Name' from token i to the end of the line, each item a whole name (a squad list without
    clubs: "Forwards : Os du Randt , Naka Drotske"); none when an item is something else."""
    items = []
    while i < len(doc) and not doc[i].is_space:
        end = _name_end(doc, i, res)
        if end == i or end < len(doc) and not (doc[end].text in (",", ".") or "\n" in doc[end].text or
                                               doc[end].lower_ == "and"):
            return []
        items.append(Span(doc, i, end, label=PERSON))
        i = end + 1 if end < len(doc) and not doc[end].is_space else end
        if end < len(doc) and "\n" in doc[end].text:
            break
    return items


def _crew(doc: Doc, i: int, res: Resources) -> list[Span]:
    """'Name , Name )' from token i: the crew of a bobsleigh or relay team."""
    items = []
    while i < len(doc):
        end = _name_end(doc, i, res)
        if end == i or end >= len(doc) or doc[end].text not in (",", ")"):
            return items
        items.append(Span(doc, i, end, label=PERSON))
        if doc[end].text == ")":
            return items
        i = end + 1
    return items


def _athlete_names(doc: Doc, res: Resources) -> list[Span]:
    """A name of two or more words, or one that starts on a given name, right before its country in parentheses
    in a results line ("Marta Novakova ( Czech Republic ) beat Ines Carvalho ( Portugal ) 6-3 6-4", "3 - Sun
    Lihua ( China )"): an athlete, whatever the tagger said. A club before its country and a lone score is a
    team ("Barcelona ( Spain ) 2 Red Star ( Yugoslavia ) 1")."""
    spans = []
    for tok in doc:
        if tok.text != "(" or not (_country_in_parentheses(doc, tok.i, res) or
                                   _tagged_place_in_parentheses(doc, tok.i)):
            continue
        start = _name_start(doc, tok.i, res)
        span = doc[start:tok.i]
        if start < tok.i and (len([t for t in span if t.text not in res.words.name_particles]) > 1 or
                              span[0].text in res.given_names) and \
                not _is_org_name(span, res) and not _names_known_place_or_body(span, [], res) and \
                not _team_score_after(doc, tok.i):
            spans.append(Span(doc, start, tok.i, label=PERSON))
    return spans


def _tagged_place_in_parentheses(doc: Doc, i: int) -> bool:
    """Whether token i opens parentheses that hold one place the tagger found and nothing else ("( Yugoslavia )":
    a country of its day that our tables no longer list)."""
    close = next((j for j in range(i + 1, min(i + 5, len(doc))) if doc[j].text == ")"), None)
    return close is not None and close > i + 1 and all(t.ent_type_ == "GPE" for t in doc[i + 1:close]) and \
        doc[i + 1].ent_iob_ == "B" and all(t.ent_iob_ == "I" for t in doc[i + 2:close])


def _name_start(doc: Doc, end: int, res: Resources) -> int:
    """The start of the run of (at most three) name words that ends before token `end`, particles inside it
    ("Schalk van der Merwe"); `end` when the token before it is no name word."""
    start, words = end, 0
    while start > 0 and words < MAX_NAME_TOKENS:
        if _is_name_word(doc[start - 1], res):
            start, words = start - 1, words + 1
            if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and \
                    not doc[start - 2].whitespace_ and _is_name_word(doc[start - 2], res):
                start -= 2   # "Lars-Erik Holmqvist"
        elif words and _particles_before(doc, start, res):
            start -= _particles_before(doc, start, res)
        else:
            break
    return start


def _particles_before(doc: Doc, i: int, res: Resources) -> int:
    """How many (one or two) name particles stand right before token i with a name word before them ("Jorrit
    van der" + "Wessel"); 0 when none do."""
    j = i
    while j > 0 and i - j < 2 and doc[j - 1].text in res.words.name_particles:
        j -= 1
    return i - j if j < i and j > 0 and _is_name_word(doc[j - 1], res) else 0


def _team_score_after(doc: Doc, open_paren: int) -> bool:
    """Whether the parentheses at `open_paren` are followed by one whole number and then a capitalised word or
    the end of the line: a team's score in a results line, not an athlete's time or sets."""
    close = next((j for j in range(open_paren, min(open_paren + 8, len(doc))) if doc[j].text == ")"), None)
    if close is None or close + 1 >= len(doc) or not doc[close + 1].text.isdigit():
        return False
    nxt = doc[close + 2] if close + 2 < len(doc) else None
    return nxt is None or "\n" in nxt.text or nxt.text[:1].isupper()


def _cricket_names(doc: Doc, res: Resources) -> list[Span]:
    """The people of a cricket scorecard line: the batsman before his dismissal and the fielder and bowler in it
    ("H. Botha c Pieterse b Mahlangu 23", "Deon Vermeulen lbw b Ramdin 71", "Kobus Terreblanche not out 44"),
    and a bowler before his figures ("Mahlangu 10-2-34-1")."""
    spans = []
    for i in _line_starts(doc):
        end = _initialled_name_end(doc, i, res)
        if end == i or end >= len(doc):
            continue
        if _dismissal_at(doc, end, res) or BOWLING.fullmatch(doc[end].text):
            spans.append(Span(doc, i, end, label=PERSON))
            spans += _dismissal_names(doc, end, res)
    return spans


#: A bowler's figures: overs, maidens, runs, wickets ("10-2-34-1").
BOWLING = re.compile(r"\d+(?:\.\d)?-\d+-\d+-\d+")


def _initialled_name_end(doc: Doc, i: int, res: Resources) -> int:
    """The end of a name from token i that may start with initials ("H. Botha", "M.J. Slater")."""
    j = i
    while j < len(doc) and re.fullmatch(r"(?:[A-Z]\.)+", doc[j].text):
        j += 1
    end = _name_end(doc, j, res)
    return end if end > j else i


def _dismissal_at(doc: Doc, i: int, res: Resources) -> bool:
    """Whether token i starts a dismissal: "c X b Y", "b Y", "lbw b Y", "st X b Y", "run out", "not out",
    "retired hurt"."""
    word = doc[i].text
    if word not in res.words.cricket_dismissals or i + 1 >= len(doc):
        return False
    nxt = doc[i + 1].text
    if word in ("run", "not"):
        return nxt == "out"
    if word == "retired":
        return nxt in ("hurt", "ill", "out")
    if word == "lbw":
        return nxt == "b"
    return _initialled_name_end(doc, i + 1, res) > i + 1


def _dismissal_names(doc: Doc, i: int, res: Resources) -> list[Span]:
    """The fielder and the bowler of the dismissal at token i, up to the end of the line."""
    spans = []
    while i < len(doc) and "\n" not in doc[i].text:
        if doc[i].text in ("c", "b", "st"):
            end = _initialled_name_end(doc, i + 1, res)
            if end > i + 1:
                spans.append(Span(doc, i + 1, end, label=PERSON))
                i = end
                continue
        i += 1
    return spans


def _golf_names(doc: Doc, res: Resources) -> list[Span]:
    """The players of a leaderboard line: a total, then 'Name [( Country )] score score' items between commas
    ("132 Des Terblanche 65 67 , Mark Cayburn ( Zimbabwe ) 72 60"). A table row starts on its team, not on a
    figure, and a ranked line on a rank with its dot ("1."), so neither is read here."""
    spans = []
    for i in _line_starts(doc):
        if not doc[i].text.isdigit() or i + 1 >= len(doc) or doc[i].whitespace_ == "":
            continue
        spans += _leaderboard_items(doc, i + 1, res)
    return spans


def _leaderboard_items(doc: Doc, i: int, res: Resources) -> list[Span]:
    """The 'Name [( Country )] score score ...' items from token i to the end of the line; none when the first
    item has another shape."""
    items = []
    while i < len(doc) and not doc[i].is_space:
        end = _initialled_name_end(doc, i, res)
        if end == i or _names_known_place_or_body(doc[i:end], [], res):
            break
        j = end
        if j < len(doc) and doc[j].text == "(":
            j = next((k + 1 for k in range(j, min(j + 6, len(doc))) if doc[k].text == ")"), j)
        scores = 0
        while j < len(doc) and doc[j].text.isdigit() and len(doc[j].text) <= 2:
            j, scores = j + 1, scores + 1
        if scores < 2:
            break
        items.append(Span(doc, i, end, label=PERSON))
        i = j + 1 if j < len(doc) and doc[j].text == "," else j
    return items


def _given_name_spans(doc: Doc, res: Resources, ents: list[Span]) -> list[Span]:
    """A given name followed by one or two capitalised name words, where the tagger saw an organisation, a
    facility, a place, a figure or nothing ("Hennie Swart", "Justin" + "Hobday 71 65"); given names are those of
    `given_names.csv` only."""
    label_of = {i: e.label_ for e in ents for i in range(e.start, e.end)}
    spans = []
    i = 0
    while i < len(doc):
        if not _may_start_name(doc[i], res, label_of.get(i)):
            i += 1
            continue
        end, words = _past_particles(doc, i + 1, res), 1
        while end < len(doc) and words < MAX_NAME_TOKENS and _is_name_word(doc[end], res) and \
                label_of.get(end) != PERSON:
            end, words = _past_particles(doc, end + 1, res), words + 1
        while end > i + 1 and doc[end - 1].text in res.words.name_particles:
            end -= 1   # particles only inside a name
        if end > i + 1 and not _inside_longer_entity(doc, i, end, ents) and not _names_known_place_or_body(
                doc[i:end], ents, res) and not is_team_in_results(doc[i:end], res):
            spans.append(Span(doc, i, end, label=PERSON))
        i = end
    return spans


def _may_start_name(tok: Token, res: Resources, label: str | None) -> bool:
    """Whether a token is a given name that may start a person's name here: title case, a proper noun (not "On"
    or "Will" as words), not already in a person, and of our list."""
    text = tok.text
    if label == PERSON or not text[1:].islower() or tok.is_stop or tok.pos_ != "PROPN":
        return False
    return text in res.given_names


def _inside_longer_entity(doc: Doc, start: int, end: int, ents: list[Span]) -> bool:
    """Whether an entity covers the span and more words than figures and punctuation ("Brian Smith Foundation"
    stays an organisation; "Hobday 71 65" as a date gives way)."""
    for e in ents:
        if e.start < end and start < e.end:
            rest = [t for t in e if not start <= t.i < end]
            if any(not (FIGURE.fullmatch(t.text) or t.is_punct or t.is_space) for t in rest):
                return True
    return False


def _names_known_place_or_body(span: Span, ents: list[Span], res: Resources) -> bool:
    """Whether the span, or an entity it overlaps, is a country, capital, US state or organisation of our lists
    ("Sri Lanka", "Hong Kong": "Sri" and "Hong" are given names too)."""
    texts = [span.text] + [e.text for e in ents if e.start < span.end and span.start < e.end]
    return any(t in res.countries or t in res.capitals or t in res.us_states or t in res.orgs for t in texts) or \
        is_large_city(span.text, res)


#: Population from which a GeoNames city's name, standing alone, is read as the city ("Santa Cruz", "San Jose").
LARGE_CITY = 100_000


def is_large_city(text: str, res: Resources) -> bool:
    """Whether the GeoNames gazetteer knows the text as the name of a city of LARGE_CITY people or more (its own
    name, not one of its other names: "Levi" is no name of Lévis)."""
    key = normalise(text)
    return any(p.feature_class == "P" and p.population >= LARGE_CITY and normalise(p.name) == key
               for p in res.geo.candidates(text))


def _add_people(ents: list[Span], people: list[Span]) -> list[Span]:
    """The entities with these person (or, from a squad list, club) spans added; an entity they overlap is
    dropped."""
    for person in people:
        ents = [e for e in ents if not (e.start < person.end and person.start < e.end)]
        ents.append(person)
    return ents


def _surname_mentions(doc: Doc, res: Resources, ents: list[Span]) -> list[Span]:
    """A capitalised word that is the surname of a full name the document calls a person, where the tagger saw
    no person ("Kazuyoshi Funaki" ... "5. Funaki 143"): the same person, a short mention (CoNLL and wire style)."""
    surnames = {e[-1].text for e in ents if e.label_ == PERSON and len(e) > 1 and len(e[-1].text) > 2 and
                e[-1].text[:1].isupper() and not e[-1].text.isupper()}
    surnames = {s for s in surnames if _may_be_surname(s, res)}
    label_of = {i: e.label_ for e in ents for i in range(e.start, e.end)}
    return [Span(doc, t.i, t.i + 1, label=PERSON) for t in doc
            if t.text in surnames and label_of.get(t.i) != PERSON and not _parsed_as_place(t, res) and
            not _inside_longer_entity(doc, t.i, t.i + 1, ents) and not is_team_in_results(doc[t.i:t.i + 1], res)]


def _parsed_as_place(tok: Token, res: Resources) -> bool:
    """Whether the parse puts a word where a place goes: the object of a place preposition ("flooding in Brant",
    "drove from Marlow"), so that a person's surname is not read into a town of the same name."""
    return tok.dep_ == "pobj" and tok.head.lower_ in res.words.place_preps


def _headline_names(doc: Doc, res: Resources, ents: list[Span]) -> list[Span]:
    """Upper-case words of a headline that the document writes in mixed case as a person's name or surname
    ("SOCCER - WEAH HEAD-BUTT ..." with "George Weah" in the story; "RUI COSTA" with "Rui Costa"): the case of a
    headline says nothing, the story's mentions do."""
    people = [e for e in ents if e.label_ == PERSON and not e.text.isupper()]
    full = {e.text.upper() for e in people if len(e) > 1}
    surnames = {e[-1].text.upper() for e in people if len(e[-1].text) > 2 and _may_be_surname(e[-1].text, res)}
    label_of = {i: e.label_ for e in ents for i in range(e.start, e.end)}
    spans = []
    i = 0
    while i < len(doc):
        end = _headline_name_end(doc, i, full, surnames) if label_of.get(i) != PERSON else i
        if end > i:
            spans.append(Span(doc, i, end, label=PERSON))
        i = max(end, i + 1)
    return spans


def unsupported_headline_person(e: Span, ents: list[Span], res: Resources) -> bool:
    """Whether a "person" of an upper-case headline line is a guess the story does not bear out: no word of it
    is a word of a person the story names in mixed case, a given name or a known actor ("NORWAY - OIL MINISTER
    QUITS", "KING RECEIVES ENVOY": the tagger reads capitals as names). A story all in capitals says nothing."""
    if e.label_ != PERSON or not all(t.text.isupper() for t in e if t.is_alpha) or not _in_headline_line(e):
        return False
    if e.text.lower() in res.known_actors or not any(t.is_alpha and not t.text.isupper() for t in e.doc):
        return False
    words = {t.text.upper() for p in ents if p.label_ == PERSON and not p.text.isupper() for t in p}
    return not any(t.text in words or t.text.title() in res.given_names for t in e)


def _in_headline_line(e: Span) -> bool:
    """Whether the span's line has no lower-case word (a headline or a heading)."""
    return not any(t.is_alpha and not t.text.isupper() for t in _line_of(e))


def _headline_name_end(doc: Doc, i: int, full: set[str], surnames: set[str]) -> int:
    """The end of the upper-case name at token i (a full name of up to three words first, then a surname), or
    i when none starts there."""
    if not (doc[i].text.isupper() and doc[i].is_alpha) or _hyphenated(doc, i):
        return i
    for n in range(MAX_NAME_TOKENS, 1, -1):
        if i + n <= len(doc) and doc[i:i + n].text in full:
            return i + n
    return i + 1 if doc[i].text in surnames else i


def _hyphenated(doc: Doc, i: int) -> bool:
    """Whether token i is glued by a hyphen to the word before it ("BOBSLEIGH-SHIMER", "INTERVIEW-ZYWIEC"): one
    compound word of a headline, not a name of its own."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_


# ----------------------------------------------------------------------------- one document, one reading
#: Labels of entities that name no person, which a one-word name may carry elsewhere in the document.
OTHER_LABELS = ("ORG", "GPE", "LOC", "FAC", "NORP")


def _consistent(ents: list[Span], res: Resources, tagged: set[tuple[int, int]] = frozenset()) -> list[Span]:
    """One reading of a one-word name in a document: the surname of a full name the document calls a person
    is a person where the tagger said otherwise ("Rui Costa" ... "Costa" as ORG); a one-word "person" that is
    nobody's surname here and that the tagger calls a place or organisation elsewhere in the document takes that
    label ("Zywiec", a brewery, tagged GPE and PERSON); and one that the GeoNames gazetteer knows as a city of
    LARGE_CITY people or more is that city unless a title or a reporting verb marks it as a person (Kennedy,
    Houston, Austin and Santos are surnames too: the surname of a full name in the document stays a person)."""
    surnames = {e[-1].text for e in ents if e.label_ == PERSON and len(e) > 1}
    others: dict[str, list[str]] = {}
    for e in ents:
        if len(e) == 1 and e.label_ in OTHER_LABELS:
            others.setdefault(e.text, []).append(e.label_)
    out = []
    for e in ents:
        label = _label_in_document(e, surnames, others, res, (e.start, e.end) in tagged)
        out.append(e if label == e.label_ else Span(e.doc, e.start, e.end, label=label))
    return out


def _label_in_document(e: Span, surnames: set[str], others: dict[str, list[str]], res: Resources,
                       tagger_person: bool = False) -> str:
    """The label of one entity given the document's surnames and the other labels of its one-word names; a city
    is read only into a person the tagger found (a name of a scorers' list or a scorecard is a person by its
    line)."""
    label = e.label_
    if len(e) != 1:
        return label
    if e.text in surnames and label in OTHER_LABELS and _may_be_surname(e.text, res):
        return PERSON
    if label != PERSON or e.text in surnames or e.text.lower() in res.known_actors:
        return label
    if tagger_person and e.text.lower() not in res.words.surname_cities and is_large_city(e.text, res) and \
            not _person_cue(e, res) and not (e.start > 0 and e.doc[e.start - 1].lower_ == "the"):
        # a city standing alone ("Rotterdam is a prime candidate"), nobody's surname here; a city takes no
        # article, so "the Duma" is some body, not the Syrian town
        return "GPE"
    if e.text in others:
        # the most frequent other label; on a tie the one seen first in the document. (Not `max(set(...))`:
        # a set's order follows the hash seed, and so would the label.)
        labels = others[e.text]
        return max(dict.fromkeys(labels), key=labels.count)
    return label


def _person_cue(e: Span, res: Resources) -> bool:
    """Whether a one-word name is marked as a person by its words: a title, honorific or position word before it
    ("Coach Bolton"), or a reporting verb it is the subject of ("Houston said")."""
    before = e.doc[e.start - 1] if e.start > 0 else None
    if before is not None and (before.lower_ in res.titles or before.lower_ in res.words.honorifics or
                               before.lower_ in res.words.name_position_words):
        return True
    return e[0].dep_ in ("nsubj", "nsubjpass") and e[0].head.lemma_.lower() in res.words.reporting_verbs


def _may_be_surname(text: str, res: Resources) -> bool:
    """Not a country, capital, demonym or organisation of our lists."""
    return text not in res.countries and text not in res.capitals and text not in res.demonyms and \
        text not in res.orgs
