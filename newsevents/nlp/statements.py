"""Statements: direct quotes and reported speech, with the speaker resolved to an actor.

Grain: one `Statement` per quotation or reported statement of one article.

Direct quotes are found from the quotation marks themselves (curly or straight,
across sentences, and across paragraphs when the next paragraph reopens the
quote), then attributed through a cue verb just after or just before the quote
("…,” Tillerson said; He said: “…”). Reported speech comes from the parse: a
speech or belief verb with a clausal complement ("Mnuchin said April 7 that …"),
a parenthetical cue and the clause it is set in ("The risk, he said, is …"), a
speech verb's to-infinitive ("vowed to block it"), an appeal's object ("called
for a ceasefire") or a naming ("called the tax a betrayal"), what a speech verb is
about ("spoke about X"), an accusation ("accused X of Y"), a stance verb's object
("endorsed the plan"), "according to X", and a paragraph opening "Name: …" (before
a quotation, "Name: “…”" names its speaker). A quotation that opens inside a
clause is a partial quote: the statement is that clause. Pronoun speakers are resolved to the nearest
person who is the subject of a preceding sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsevents.nlp.actors import ArticleActors, Mention, resolve_pronoun
from newsevents.nlp.resources import Resources
from newsevents.nlp.sentences import char_span, doc_text, sentence_of, sentences

OPENING = {"“": "”", "«": "»", "„": "“"}
STRAIGHT = '"'
SUBJECT_DEPS = ("nsubj", "nsubjpass")
MIN_UNATTRIBUTED_WORDS = 8
MIN_ATTRIBUTED_WORDS = 2
CUE_WINDOW_TOKENS = 8


@dataclass
class Statement:
    start_char: int
    end_char: int
    is_direct: bool
    cue: str | None
    cue_token: int | None
    speaker_text: str | None
    speaker_start_char: int | None
    speaker_end_char: int | None
    speaker_actor_key: str | None
    sentence_index: int
    #: quoted words opening inside a clause with no cue after them: dropped when a reported statement holds them
    is_partial: bool = False


# ----------------------------------------------------------------------------- quotation marks
#: Opening mark -> closing mark, longest first: typographic, guillemets, straight, and the doubled
#: apostrophes (``...'' and ''...'') that some newspapers' feeds use.
QUOTE_MARKS = (("``", "''"), ("''", "''"), ("“", "”"), ("«", "»"), ("„", "“"), ('"', '"'))


def _mark_at(text: str, i: int) -> tuple[str, str] | None:
    for opening, closing in QUOTE_MARKS:
        if text.startswith(opening, i):
            return opening, closing
    return None


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, marks excluded.

    A quote left open at the end of a paragraph continues when the next paragraph
    starts with an opening mark (the news convention for multi-paragraph quotes).
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        mark = _mark_at(text, i) if text[i] in "`'“«„\"" else None
        if mark is None:
            i += 1
            continue
        opening, closing = mark
        j = i + len(opening)
        end = None
        while j < n:
            if text.startswith(closing, j) or _mismatched_close(text, i, j, opening):
                end = j
                break
            if text[j] == "\n":
                # paragraph ends inside the quote: continue only if the next one reopens it
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and text.startswith(opening, k):
                    j = k + len(opening)
                    continue
                break
            if opening == '"' and text[j] == "“":
                break
            j += 1
        if end is not None:
            spans.append((i + len(opening), end))
            i = end + (len(closing) if text.startswith(closing, end) else 1)
            continue
        i += len(opening)
    return spans


def _looks_closing(text: str, j: int) -> bool:
    """Whether the mark at `j` ends a word: after a letter, digit or punctuation, before a space, punctuation or
    the end of the text (an opening mark stands after a space and before a word)."""
    before_ok = j > 0 and not text[j - 1].isspace()
    after_ok = j + 1 >= len(text) or text[j + 1].isspace() or text[j + 1] in ".,;:!?)—-"
    return before_ok and after_ok


def _mismatched_close(text: str, start: int, j: int, opening: str) -> bool:
    """A closing mark of the other style, as typed in copy that mixes them: '"…”' closes at the curly mark;
    '“…"' and '“…?“' close at a straight or a second opening mark that ends a word ('…," she said'). A straight
    mark opening a word inside a curly quote ('“They said "no" …”') is a nested quote, not the end."""
    ch = text[j]
    if opening == '"':
        return ch == "”"
    # an odd count of straight marks since the opening: this one closes a nested quote
    nested = ch == '"' and text.count('"', start, j) % 2 == 1
    return opening == "“" and ch in ('"', "“") and not nested and _looks_closing(text, j)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "“”\"«»„`'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:“”\"«»„`'"):
        end -= 1
    return start, end


# ----------------------------------------------------------------------------- speakers
@dataclass
class SpeakerContext:
    """What speaker resolution needs of one article: the doc, its actors, the word lists, sentence indices, the
    spans inside quotation marks (an actor named only in there never speaks it) and the persons' genders."""

    doc: Doc
    actors: ArticleActors
    res: Resources
    sent_of: dict[int, int]
    quoted: list[tuple[int, int]]
    genders: dict[str, str]

    def outside_quotes(self, mention) -> bool:
        return not any(s <= mention.start_char < e for s, e in self.quoted)


#: Dependency labels of a clause whose subject is its head's when it has none of its own ("X did not mention
#: them, but told his supporters", "the judge rejected the request, saying ..."); 'dep' is the parser's unlabelled
#: attachment of such a verb ("X gestured, then leaned in and said: …").
SUBJECT_SHARING_DEPS = ("conj", "advcl", "xcomp", "dep")


def _subject_of(verb: Token) -> Token | None:
    """The subject of a cue verb, or of the verb a subjectless conjunct, participle or complement hangs off."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if verb.dep_ not in SUBJECT_SHARING_DEPS or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        # '…said that the council had approved it, adding that …': the participle is the speaker's next act,
        # hung off the reported clause in the parse; its subject is the cue's, not the clause's
        verb = verb.head.head if verb.head.dep_ == "ccomp" and _belongs_to_cue(verb, verb.head) else verb.head
    return None


def _speaker(ctx: SpeakerContext, subject: Token | None, *,
             before_char: int) -> tuple[str | None, int | None, int | None, str | None]:
    """(speaker text, start, end, actor key) for the subject of a cue verb."""
    if subject is None:
        return None, None, None, None
    antecedent = _antecedent_of_relative(subject)
    if antecedent is not subject:
        # the source is the relative pronoun itself (PolNeAR marks 'who'); the actor is the noun it stands for
        key = _speaker(ctx, antecedent, before_char=before_char)[3]
        return subject.text, subject.idx, subject.idx + len(subject.text), key
    doc, actors = ctx.doc, ctx.actors
    span = doc[subject.left_edge.i:subject.right_edge.i + 1]
    titled = _title_speaker(ctx, subject, before_char)
    if titled is not None:
        return span.text, span.start_char, span.end_char, titled.key
    found = actors.actors_at(subject.i)
    if found:
        person = next((a for a in found if a.actor_type == "PERSON"), found[0])
        mention = next(m for m in actors.mentions if m.actor_key == person.key and
                       (m.start <= subject.i < m.end or subject.i in m.extra_tokens))
        return mention.text, mention.start_char, mention.end_char, person.key
    if subject.pos_ == "PRON":
        actor = _pronoun_speaker(ctx, subject, before_char)
        return subject.text, subject.idx, subject.idx + len(subject.text), actor.key if actor else None
    # the speaker is the head's actor, never an actor inside a possessor ("Trump's opponents said"), a relative
    # clause or an apposition's modifier: those name someone else
    others = {t.i for c in subject.children if c.dep_ in ("poss", "relcl", "acl", "prep") for t in c.subtree}
    for tok in span:
        if tok.i in others:
            continue
        found = actors.actors_at(tok.i)
        if found:
            return span.text, span.start_char, span.end_char, found[0].key
    return span.text, span.start_char, span.end_char, None


RELATIVE_PRONOUNS = ("who", "that", "which")


def _antecedent_of_relative(subject: Token) -> Token:
    """'Dale Brennick, who said …': a relative pronoun subject stands for the noun its clause modifies (through
    the clause's subjectless conjuncts and complements); any other subject is itself."""
    if subject.lower_ not in RELATIVE_PRONOUNS or subject.tag_ not in ("WP", "WDT"):
        return subject
    verb = subject.head
    for _ in range(3):
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ not in SUBJECT_SHARING_DEPS or verb.head.i == verb.i:
            break
        verb = verb.head
    return subject


def _pronoun_speaker(ctx: SpeakerContext, pronoun: Token, before_char: int):
    """The actor a pronoun speaker refers to: for he/she the subject person of its own sentence before it, else of
    the nearest of the three preceding sentences, whose gender agrees, else the nearest such person; for it/they
    the nearest thing (`resolve_pronoun`). Persons named only inside quotation marks are never candidates."""
    res = ctx.res
    if pronoun.lower_ not in res.words.speaker_person_pronouns:
        return resolve_pronoun(ctx.doc, pronoun, ctx.actors, res, before_char=before_char)
    gender = _pronoun_gender(pronoun.lower_, res)
    limit_sentence = _sentence_at(ctx, before_char, pronoun)
    sents = sentences(ctx.doc)
    # the pronoun's own sentence first, up to the pronoun ("Trump insisted that he has ..., claiming that he ..."),
    # then the three sentences before, nearest first
    candidates = [t for t in sents[ctx.sent_of[pronoun.i]] if t.i < pronoun.i and t.idx < before_char]
    for s_i in range(limit_sentence - 1, max(-1, limit_sentence - 4), -1):
        candidates.extend(sents[s_i])
    for tok in candidates:
        if not (tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "conj" and tok.head.dep_ in SUBJECT_DEPS)) or \
                any(s <= tok.idx < e for s, e in ctx.quoted):
            continue
        for actor in ctx.actors.actors_at(tok.i):
            if actor.actor_type == "PERSON" and ctx.genders.get(actor.key, gender) == gender:
                return actor
    for m in reversed(ctx.actors.mentions):
        actor = ctx.actors.actors[m.actor_key]
        if m.start_char < before_char and actor.actor_type == "PERSON" and ctx.outside_quotes(m) and \
                ctx.genders.get(actor.key, gender) == gender:
            return actor
    return None


def _sentence_at(ctx: SpeakerContext, before_char: int, fallback: Token) -> int:
    if before_char < len(doc_text(ctx.doc)):
        span = char_span(ctx.doc, before_char, before_char + 1)
        if span is not None:
            return ctx.sent_of[span.start]
    return ctx.sent_of[fallback.i]


def _title_speaker(ctx: SpeakerContext, subject: Token, before_char: int):
    """("the president said", "the spokeswoman added") the nearest preceding person, named outside quotation
    marks, who holds that title: one of the person's titles, or the office the gazetteer gives, ends with it."""
    low = subject.lower_
    if subject.pos_ not in ("NOUN", "PROPN") or not subject.text.islower() or low not in ctx.res.titles or \
            not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return None
    for m in reversed(ctx.actors.mentions):
        actor = ctx.actors.actors[m.actor_key]
        if m.start_char >= before_char or actor.actor_type != "PERSON" or not ctx.outside_quotes(m):
            continue
        if any(t.split()[-1] == low for t in actor.titles) or (actor.office and low in actor.office.lower()):
            return actor
    return None


def _pronoun_gender(word: str, res: Resources) -> str | None:
    if word in res.words.male_words:
        return "m"
    return "f" if word in res.words.female_words else None


def person_genders(doc: Doc, actors: ArticleActors, res: Resources, sent_of: dict[int, int]) -> dict[str, str]:
    """The gender of each person the article shows one for, from the strongest evidence: an honorific or gendered
    title in or just before a mention ("Mr. Holtz-Eakin", "spokeswoman Dana Ivers"); else a common given name
    (`given_names.csv`); else the subject or possessive pronouns that follow a mention in its sentence or the next
    while no other person is named ("Ivers said her ...")."""
    mentions = sorted((m for m in actors.mentions if actors.actors[m.actor_key].actor_type == "PERSON"),
                      key=lambda m: m.start)
    titled: dict[str, dict[str, int]] = {}
    for m in mentions:
        for i in (*range(max(0, m.start - 2), m.end), *m.extra_tokens):
            if doc[i].pos_ != "PRON":   # "Mr.", "spokeswoman"; a pronoun next to a name may be anyone's
                _vote(titled, m.actor_key, _pronoun_gender(doc[i].lower_, res))
    genders = _decided(titled)
    for key, actor in actors.actors.items():
        first = actor.name.split()[0] if actor.actor_type == "PERSON" and " " in actor.name else None
        if key not in genders and first in res.given_names:
            genders[key] = res.given_names[first]
    pronouns: dict[str, dict[str, int]] = {}
    for index, m in enumerate(mentions):
        if m.actor_key in genders:
            continue
        stop = mentions[index + 1].start if index + 1 < len(mentions) else len(doc)
        for tok in doc[m.end:stop]:
            if sent_of[tok.i] > m.sentence_index + 1:
                break
            # a subject or possessive pronoun (not an object: "X followed her" is someone else)
            if tok.pos_ == "PRON" and tok.dep_ in (*SUBJECT_DEPS, "poss"):
                _vote(pronouns, m.actor_key, _pronoun_gender(tok.lower_, res))
    return {**_decided(pronouns), **genders}


def _vote(votes: dict[str, dict[str, int]], key: str, gender: str | None) -> None:
    if gender:
        votes.setdefault(key, {}).setdefault(gender, 0)
        votes[key][gender] += 1


def _decided(votes: dict[str, dict[str, int]]) -> dict[str, str]:
    """The gender most votes give each key, where the votes do not tie."""
    return {key: max(v, key=v.get) for key, v in votes.items() if len(v) == 1 or len(set(v.values())) > 1}


# ----------------------------------------------------------------------------- cues
#: Cue kinds that attribute an adjacent quotation: speech verbs, and verbs that only go with a quotation
#: ('“…,” she continued', 'he wondered aloud') and never report a clause of their own.
QUOTE_CUE_KINDS = ("speech", "quote")
#: Cue kinds whose complement is a reported statement; a stance verb's object is one too ('endorsed the plan').
REPORTING_KINDS = ("speech", "belief", "stance")


def _is_cue(tok: Token, res: Resources) -> bool:
    return cue_kind(tok, res) in QUOTE_CUE_KINDS


def _cue_after(doc: Doc, end_char: int, res: Resources) -> Token | None:
    """A speech verb right after the closing mark: '…,” Tillerson said' / '…,” said Tillerson', or after the
    speaker's whole phrase, appositions included ('…,” Dana Ivers, a spokeswoman for the ministry, told AFP')."""
    span = char_span(doc, end_char, min(len(doc_text(doc)), end_char + 1))
    if span is None:
        return None
    i = span.end
    stop = min(len(doc), i + MAX_SPEAKER_PHRASE_TOKENS)
    for j in range(i, stop):
        tok = doc[j]
        opens_quote = tok.text in OPENING or tok.text in (STRAIGHT, "``", "''")
        if opens_quote or (tok.is_sent_start and j > i) or "\n" in tok.text:
            break
        if _is_cue(tok, res) and (j - i < CUE_WINDOW_TOKENS or _speaker_phrase_between(tok, i)):
            return tok
        if tok.text in (".", "?", "!") and j > i:
            break
    return None


#: How far past a closing mark a cue may stand when the speaker's phrase (with appositions) fills the gap.
MAX_SPEAKER_PHRASE_TOKENS = 30


def _speaker_phrase_between(cue: Token, start: int) -> bool:
    """Whether everything between a quote's end and a later cue is the cue's subject phrase."""
    subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)
    return subject is not None and subject.left_edge.i >= start and subject.right_edge.i < cue.i and \
        all(not t.is_alpha for t in cue.doc[start:subject.left_edge.i])


def _cue_before(doc: Doc, start_char: int, res: Resources) -> Token | None:
    """A speech verb just before the opening mark: 'Tillerson said: “…' / 'He told reporters, “…'."""
    span = char_span(doc, start_char, start_char + 1)  # the opening mark itself
    if span is None:
        return None
    j = span.start - 1
    stop = max(-1, j - CUE_WINDOW_TOKENS)
    saw_colon_or_comma = False
    while j > stop:
        tok = doc[j]
        if tok.text in (":", ","):
            saw_colon_or_comma = True
        elif tok.text in (".", "?", "!", "\n") or "\n" in tok.text:
            break
        elif _is_cue(tok, res) and (saw_colon_or_comma or j == span.start - 1):
            return tok
        j -= 1
    return None


# ----------------------------------------------------------------------------- direct quotes
#: an attribution between two parts of one quotation is rarely longer; past it, the second part is a new quote
MAX_CONTINUATION_GAP = 80


@dataclass
class _Quote:
    """One quotation: its content (marks trimmed), the raw span inside the marks, its cue, and whether it opens
    in the middle of a clause (a partial quote)."""

    start: int
    end: int
    raw_start: int
    raw_end: int
    cue: Token | None
    partial: bool = False
    #: the actor's mention in 'Name: “…”' (the transcript convention), when the quote has no cue verb
    named: Mention | None = None


def _opens_mid_clause(doc: Doc, raw_start: int, res: Resources) -> bool:
    """Whether the quotation opening before `raw_start` follows a word of its own clause ('Romney “were stiff”',
    'the plan is “a disaster”'): the quoted words are part of a reported statement, not one of their own. A quote
    after punctuation, at a paragraph's start, or right after its cue verb ('said “…') opens a statement."""
    span = char_span(doc, raw_start - 1, raw_start)
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    return (prev.is_alpha or prev.like_num) and "\n" not in prev.whitespace_ and not _is_cue(prev, res)


def _quote_candidates(doc: Doc, res: Resources) -> list[_Quote]:
    """Every quotation with at least two words, with its cue: after the quote, else before it."""
    text = doc_text(doc)
    out = []
    for raw_start, raw_end in find_quote_spans(text):
        start, end = _trim(text, raw_start, raw_end)
        if end <= start or len(text[start:end].split()) < MIN_ATTRIBUTED_WORDS:
            continue
        partial = _opens_mid_clause(doc, raw_start, res)
        after = _cue_after(doc, raw_end, res)
        cue = after or _cue_before(doc, raw_start - 1, res)
        out.append(_Quote(start, end, raw_start, raw_end, cue, partial and after is not None))
    return out


def _clause_of_its_own(cue: Token, start: int, end: int) -> bool:
    """Whether the text between two quoted parts (`start`..`end`) says more than who spoke: a clause or a
    coordination hung on the cue itself (', adding …', ', noting that …', 'but she cautions …'). Words that
    describe the speaker (an apposition, a 'who' clause) hang on the speaker, not on the cue, and do not count."""
    for tok in cue.children:
        if start <= tok.idx < end and (tok.dep_ in ("cc", "conj", "advcl", "ccomp", "xcomp", "parataxis")
                                       or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux")):
            return True
    return False


def _merge_continuations(text: str, candidates: list[_Quote]) -> list[_Quote]:
    """One statement per attributed quotation: '“A,” X said, “B.”' and '“A,” X said. “B.”' (same paragraph,
    no new attribution) are one quote interrupted by its attribution, a description of the speaker included
    ('“A,” said X, who chairs it, “B.”'); an attribution that adds a clause of its own (', adding …') ends the
    first quote."""
    merged: list[_Quote] = []
    for cand in candidates:
        if merged and not cand.partial and not merged[-1].partial:
            prev = merged[-1]
            gap = text[prev.end:cand.start]
            same_cue = cand.cue is None or (prev.cue is not None and cand.cue.i == prev.cue.i)
            # only a quote interrupted by its own attribution: the cue sits between the two parts
            between = prev.cue is not None and prev.end <= prev.cue.idx < cand.start
            if between and same_cue and "\n" not in gap and len(gap) <= MAX_CONTINUATION_GAP and \
                    not _clause_of_its_own(prev.cue, prev.raw_end, cand.raw_start):
                prev.end, prev.raw_end = cand.end, cand.raw_end
                continue
        merged.append(cand)
    return merged


def _partial_quote_span(doc: Doc, quote: _Quote) -> tuple[int, int] | None:
    """The reported statement a partial quote with a cue after it belongs to ('GOP nominees “were stiff” in
    comparison to Obama, X said'): from the start of the quote's sentence to the last word before the
    attribution (the cue, or its subject when that comes first)."""
    opening = char_span(doc, quote.raw_start - 1, quote.raw_start)
    if opening is None or quote.cue is None:
        return None
    subject = next((c for c in quote.cue.children if c.dep_ in SUBJECT_DEPS), None)
    stop = min(quote.cue.i, subject.left_edge.i) if subject is not None else quote.cue.i
    sent = sentence_of(doc[opening.start])
    words = [t for t in doc[sent.start:stop] if not (t.is_punct or t.is_space)]
    if not words or words[0].i >= opening.start:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


#: What may stand before 'Name:' when a transcript-style attribution opens there: a paragraph or sentence end, or
#: the closing mark of the previous speaker's quotation.
NAME_COLON_OPENERS = (".", "!", "?", "”", '"', "''", "»")


def _colon_name(ctx: SpeakerContext, raw_start: int) -> Mention | None:
    """The mention in 'Quint: “…”' — an actor's name and a colon right before the opening mark, at the start of a
    paragraph or after the end of a sentence or of another quotation."""
    doc = ctx.doc
    opening = char_span(doc, raw_start - 1, raw_start)
    if opening is None or opening.start < 2 or doc[opening.start - 1].text != ":":
        return None
    colon = opening.start - 1
    mention = next((m for m in ctx.actors.mentions if m.end == colon), None)
    if mention is None:
        return None
    before = doc[mention.start - 1] if mention.start > 0 else None
    if before is None or "\n" in before.whitespace_ or "\n" in before.text or before.text in NAME_COLON_OPENERS:
        return mention
    return None


def _same_speaker(previous: Statement, *, keep_span: bool) -> tuple:
    return (previous.speaker_text, previous.speaker_start_char if keep_span else None,
            previous.speaker_end_char if keep_span else None, previous.speaker_actor_key)


#: Finite verb tags: a verb with one of these heads a clause with a subject of its own.
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")


def _is_comma_participle_cue(cue: Token, res: Resources) -> bool:
    """', shouting “…”' / ', chanting “…”': a subjectless manner-of-speaking participle set off by a comma. Its
    subject is the one who did the act before it; the parser often hangs it off another verb (the reporting
    verb of the sentence), so its head is no guide to the speaker."""
    return cue_kind(cue, res) == "quote" and cue.tag_ == "VBG" and cue.i > 0 and cue.doc[cue.i - 1].text == "," \
        and not any(c.dep_ in SUBJECT_DEPS for c in cue.children)


def _misparsed_relative_subject(cue: Token) -> Token | None:
    """'…, a man yelled “Stay there!”': a past-tense cue the parser took for a reduced relative on its subject
    (acl of 'man'). A reduced relative is a participle (VBN), never a finite past (VBD), so the noun is the subject."""
    if cue.dep_ == "acl" and cue.tag_ == "VBD" and cue.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return cue.head
    return None


def _nearest_clause_subject(ctx: SpeakerContext, cue: Token) -> Token | None:
    """The subject of the nearest finite verb before `cue` in its sentence, outside quotation marks (the
    clause a comma participle continues: 'Witnesses said the farmers marched to the palace, shouting …' — the
    farmers shout). None when that clause has no subject the parse can give."""
    for tok in reversed(cue.doc[cue.sent.start:cue.i]):
        if tok.tag_ not in FINITE_TAGS or any(s <= tok.idx < e for s, e in ctx.quoted):
            continue
        # 'had approved', 'will close': the auxiliary is finite, its verb holds the subject
        verb = tok.head if tok.dep_ in ("aux", "auxpass") else tok
        return _subject_of(verb)
    return None


def _quote_speaker(ctx: SpeakerContext, quote: _Quote, continues: bool, previous: Statement | None) -> tuple:
    """(text, start, end, actor key) of a quotation's speaker: its cue's subject; for a continuation of the
    previous attributed quote, or an unattributed quote opening a paragraph after one, that quote's speaker."""
    if quote.cue is not None:
        subject = _nearest_clause_subject(ctx, quote.cue) if _is_comma_participle_cue(quote.cue, ctx.res) else \
            _misparsed_relative_subject(quote.cue)
        return _speaker(ctx, subject or _subject_of(quote.cue), before_char=quote.raw_start - 1)
    if quote.named is not None:
        m = quote.named
        return m.text, m.start_char, m.end_char, m.actor_key
    if continues:
        return _same_speaker(previous, keep_span=True)
    if previous is not None and _starts_paragraph(doc_text(ctx.doc), quote.raw_start - 1):
        return _same_speaker(previous, keep_span=False)
    return None, None, None, None


def direct_quotes(ctx: SpeakerContext) -> list[Statement]:
    doc, sent_of = ctx.doc, ctx.sent_of
    text = doc_text(doc)
    out: list[Statement] = []
    previous_speaker: Statement | None = None
    previous_end = 0
    for quote in _merge_continuations(text, _quote_candidates(doc, ctx.res)):
        start, end, is_direct = quote.start, quote.end, True
        if quote.partial:
            # quoted words inside a clause whose cue follows: the statement is the clause, not the words alone
            clause = _partial_quote_span(doc, quote)
            if clause is None:
                continue
            (start, _), end, is_direct = clause, max(end, clause[1]), False
        first = char_span(doc, start, end)
        if first is None:
            continue
        # a quote in the paragraph of an attributed one, with no attribution of its own, goes on with it
        # ('“A,” X said. “B.”')
        quote.named = _colon_name(ctx, quote.raw_start) if quote.cue is None else None
        continues = quote.cue is None and quote.named is None and bool(out) and out[-1] is previous_speaker and \
            "\n" not in text[previous_end:quote.raw_start]
        if quote.cue is None and quote.named is None and not continues and \
                len(text[start:end].split()) < MIN_UNATTRIBUTED_WORDS:
            continue   # scare quotes, titles, single words
        speaker_text, s_start, s_end, key = _quote_speaker(ctx, quote, continues, previous_speaker)
        cue = quote.cue or (doc[quote.named.end] if quote.named is not None else None)
        statement = Statement(start_char=start, end_char=end, is_direct=is_direct, cue=cue.text if cue else None,
                              cue_token=cue.i if cue is not None else None, speaker_text=speaker_text,
                              speaker_start_char=s_start, speaker_end_char=s_end, speaker_actor_key=key,
                              sentence_index=sent_of[first.start],
                              is_partial=is_direct and _opens_mid_clause(doc, quote.raw_start, ctx.res))
        out.append(statement)
        previous_end = quote.raw_end
        if key:
            previous_speaker = statement
    return out


def _starts_paragraph(text: str, index: int) -> bool:
    k = index - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] == "\n"


# ----------------------------------------------------------------------------- reported speech
def _inside(spans: list[tuple[int, int]], char: int) -> bool:
    return any(s <= char < e for s, e in spans)


def _belongs_to_cue(tok: Token, clause: Token) -> bool:
    """', arguing that …' / ', adding …' hang off the complement in the parse but report the speaker's own
    next act, not the content — when the complement follows its cue. Before its cue ('… on charges of
    trespass, blocking a road …, police said') a participle is inside the reported words."""
    return tok.head.i == clause.i and tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > clause.i and \
        tok.i > 0 and tok.doc[tok.i - 1].text == "," and clause.head.i < clause.i


def _clause_span(doc: Doc, clause: Token) -> tuple[int, int]:
    excluded = {t.i for child in clause.children if _belongs_to_cue(child, clause) for t in child.subtree}
    tokens = [t for t in clause.subtree if t.i not in excluded]
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return clause.idx, clause.idx + len(clause.text)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def cue_kind(tok: Token, res: Resources) -> str | None:
    """'speech' or 'belief' for a cue verb, else None. The lemma decides; a third-person form the lemmatiser
    cuts wrong ("hopes" -> "hop") is read without its -s."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    kind = res.speech_cues.get(tok.lemma_.lower())
    if kind is None and tok.tag_ == "VBZ" and tok.lower_.endswith("s"):
        kind = res.speech_cues.get(tok.lower_[:-1])
    return kind


def _is_parenthetical_cue(tok: Token) -> bool:
    """'The bigger risk, he said, is a clash' / 'Russia is stalling, they say': a cue set off inside or after the
    clause it reports, with its own subject and no complement."""
    return tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX") and \
        any(c.dep_ in SUBJECT_DEPS for c in tok.children) and \
        not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children)


def _cue_candidates(doc: Doc, res: Resources) -> list[Token]:
    """Speech/belief verbs with a clausal complement or set off in the clause they report, and 'according to',
    outermost first so that a statement nested in another's content ("stated that he believes …") is not split
    off."""
    found = [t for t in doc if (cue_kind(t, res) in REPORTING_KINDS and (any(c.dep_ == "ccomp" for c in t.children) or
                                                      _is_parenthetical_cue(t) or _infinitive_of(t, res) or
                                                      _appeal_or_naming(t, res) or _topic_or_charge(t, res) or
                                                      _stance_object(t, res)))
             or (t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to")]
    return sorted(found, key=lambda t: (sum(1 for _ in t.ancestors), t.i))


def _parenthetical_span(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """The clause a parenthetical cue reports: its head's phrase without the cue's own words."""
    own = {t.i for t in cue.subtree}
    tokens = [t for t in cue.head.subtree if t.i not in own and not (t.is_punct or t.is_space)]
    if len(tokens) < 3:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _infinitive_of(cue: Token, res: Resources) -> Token | None:
    """The to-infinitive a speech verb reports ('vowed to block it', 'urged people to seek shelter'): a promise,
    an appeal or a request is its speaker's statement."""
    if cue_kind(cue, res) != "speech" or any(c.dep_ == "ccomp" for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i > cue.i and
                 any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _infinitive_span(cue: Token, infinitive: Token) -> tuple[int, int]:
    """From the addressee ('urged people to ...') or the 'to' to the end of the infinitive's phrase."""
    addressee = next((c for c in cue.children if c.dep_ == "dobj" and c.i < infinitive.i), None)
    first = addressee.left_edge if addressee is not None else infinitive.left_edge
    tokens = [t for t in cue.doc[first.i:infinitive.right_edge.i + 1] if not (t.is_punct or t.is_space)]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _appeal_or_naming(cue: Token, res: Resources) -> tuple[Token, Token] | None:
    """(first, last) token of what an appeal asks for ('called for a ceasefire', 'asked for help': the object of
    'for') or of a naming ('called the plan "a disaster"': the object and its predicate)."""
    if cue_kind(cue, res) != "speech" or any(c.dep_ == "ccomp" for c in cue.children):
        return None
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ == "for" and child.i == cue.i + 1:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return pobj.left_edge, pobj.right_edge
    dobj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    oprd = next((c for c in cue.children if c.dep_ == "oprd"), None)
    if dobj is not None and oprd is not None and dobj.i < oprd.i:
        return dobj.left_edge, oprd.right_edge
    return None


#: Prepositions whose object is what a speech verb is about ('spoke about the drought', 'warned of power cuts',
#: 'commented on the vote'): PolNeAR attributes the topic of speech to its speaker.
TOPIC_PREPOSITIONS = ("about", "of", "on")
#: Prepositions giving the charge or the reason after an accusation's target ('accused X of hiding the audit',
#: 'blamed the governor for the closure').
CHARGE_PREPOSITIONS = ("of", "for")


def _topic_or_charge(cue: Token, res: Resources) -> tuple[Token, Token] | None:
    """(first, last) token of what a speech verb with no clausal complement is about ('spoke about X': the
    preposition's object) or of an accusation ('accused X of Y': the target and the charge). Only a cue with a
    subject of its own or shared: a participle modifying a noun ('a resolution condemning Assad, blaming him for
    the attack') describes the noun, it reports no one's speech."""
    if cue_kind(cue, res) != "speech" or any(c.dep_ in ("ccomp", "xcomp") for c in cue.children) or \
            _subject_of(cue) is None:
        return None
    dobj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    for child in cue.children:
        if child.dep_ != "prep" or child.i < cue.i:
            continue
        pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            continue
        if dobj is None and child.lower_ in TOPIC_PREPOSITIONS:
            return pobj.left_edge, pobj.right_edge
        if dobj is not None and dobj.i < child.i and child.lower_ in CHARGE_PREPOSITIONS:
            return dobj.left_edge, pobj.right_edge
    return None


def _stance_object(cue: Token, res: Resources) -> tuple[Token, Token] | None:
    """(first, last) token of the object of a stance verb with a subject ('Quint endorsed the plan', 'opposes the
    tax'): PolNeAR attributes a stated position to its holder, the object being what the position is on."""
    if cue_kind(cue, res) != "stance" or _subject_of(cue) is None or \
            any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        return None
    dobj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    return (dobj.left_edge, dobj.right_edge) if dobj is not None else None


def _content_span(doc: Doc, cue: Token, quoted: list[tuple[int, int]], res: Resources) -> tuple[int, int] | None:
    """The reported content of a cue verb: its clausal complement, or the clause a parenthetical cue is set in."""
    if _is_parenthetical_cue(cue) and not any(c.dep_ == "ccomp" for c in cue.children):
        return _parenthetical_span(doc, cue)
    clauses = [c for c in cue.children if c.dep_ == "ccomp" and not _inside(quoted, c.idx)]
    if clauses:
        return _clause_span(doc, clauses[0])
    infinitive = _infinitive_of(cue, res)
    if infinitive is not None:
        return _infinitive_span(cue, infinitive)
    bounds = _appeal_or_naming(cue, res) or _topic_or_charge(cue, res) or _stance_object(cue, res)
    if bounds is None:
        return None
    tokens = [t for t in doc[bounds[0].i:bounds[1].i + 1] if not (t.is_punct or t.is_space)]
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) if tokens else None


def reported_speech(ctx: SpeakerContext, quoted: list[tuple[int, int]]) -> list[Statement]:
    doc, res, sent_of = ctx.doc, ctx.res, ctx.sent_of
    out: list[Statement] = []
    taken: list[tuple[int, int]] = list(quoted)
    for tok in _cue_candidates(doc, res):
        if _inside(taken, tok.idx):
            continue
        if tok.lower_ == "according":
            statement = _according_to(ctx, tok)
            if statement is not None and not _inside(taken, statement.start_char):
                out.append(statement)
                taken.append((statement.start_char, statement.end_char))
            continue
        content = _content_span(doc, tok, quoted, res)
        content = _in_paragraph(doc_text(doc), content, tok.idx) if content is not None else None
        if content is None:
            continue
        start, end = content
        if doc_text(doc)[start:end].count(" ") < 2 or _quotes_a_quotation(ctx, tok, content):
            continue
        subject = _subject_of(tok)
        # a pronoun's antecedent comes before the content: an actor named in the content never speaks it
        text, s_start, s_end, key = _speaker(ctx, subject, before_char=min(start, tok.idx))
        out.append(Statement(start_char=start, end_char=end, is_direct=False, cue=tok.text, cue_token=tok.i,
                             speaker_text=text, speaker_start_char=s_start, speaker_end_char=s_end,
                             speaker_actor_key=key, sentence_index=sent_of[tok.i]))
        taken.append((start, end))
    return out


def _quotes_a_quotation(ctx: SpeakerContext, cue: Token, content: tuple[int, int]) -> bool:
    """Whether a stance verb's object holds quoted words ('mocked the “…” slogan'): the quotation is someone's
    statement of its own, and the object around it is left to it."""
    return cue_kind(cue, ctx.res) == "stance" and any(s < content[1] and content[0] < e for s, e in ctx.quoted)


def _in_paragraph(text: str, content: tuple[int, int], cue_char: int) -> tuple[int, int] | None:
    """The part of a reported content inside its cue's paragraph, or None when it lies wholly elsewhere. Reported
    speech is a clause of its cue's sentence; a parse (or a sentence split) running across a paragraph break
    reaches into another statement."""
    p_start = text.rfind("\n", 0, cue_char) + 1
    p_end = text.find("\n", cue_char)
    p_end = len(text) if p_end < 0 else p_end
    start, end = content
    if start >= p_start and end <= p_end:
        return content
    if end <= p_start or start >= p_end:
        return None
    start, end = _trim(text, max(start, p_start), min(end, p_end))
    while end > start and text[end - 1] in ".!?":
        end -= 1
    return (start, end) if end > start else None


def _according_to(ctx: SpeakerContext, tok: Token) -> Statement | None:
    """'…, according to X' / 'According to X, …': content is the rest of the sentence."""
    doc, sent_of = ctx.doc, ctx.sent_of
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase_start = tok.i
    phrase_end = pobj.right_edge.i + 1
    sent = sentence_of(tok)
    before = [t for t in sent if t.i < phrase_start and not t.is_punct and not t.is_space]
    after = [t for t in sent if t.i >= phrase_end and not t.is_punct and not t.is_space]
    content = after if len(after) > len(before) else before
    if len(content) < 3:
        return None
    start, end = content[0].idx, content[-1].idx + len(content[-1].text)
    text, s_start, s_end, key = _speaker(ctx, pobj, before_char=tok.idx)
    return Statement(start_char=start, end_char=end, is_direct=False, cue="according to", cue_token=tok.i,
                     speaker_text=text, speaker_start_char=s_start, speaker_end_char=s_end, speaker_actor_key=key,
                     sentence_index=sent_of[tok.i])


# ----------------------------------------------------------------------------- headline attributions
#: Most words a speaker's name before a headline colon may have ("Elizabeth Warren: Trump Is a Failure").
MAX_COLON_SPEAKER_TOKENS = 5


def colon_attributions(ctx: SpeakerContext, taken: list[tuple[int, int]]) -> list[Statement]:
    """'Elizabeth Warren: Trump Is a Proven Failure' — a paragraph opening with an actor's name and a colon
    attributes the rest of the paragraph to that actor (the headline and interview convention)."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    out = []
    for tok in doc:
        if tok.text != ":" or tok.i == 0 or _inside(taken, tok.idx):
            continue
        window = doc[max(0, tok.i - MAX_COLON_SPEAKER_TOKENS - 1):tok.i]
        first = next((t for t in reversed(window) if "\n" in t.whitespace_ or "\n" in t.text), None)
        start = first.i + 1 if first is not None else window.start
        if start > 0 and first is None:
            continue   # no paragraph start within reach: the colon is inside a sentence
        mention = next((m for m in ctx.actors.mentions if m.start == start and m.end == tok.i), None)
        para_end = text.find("\n", tok.idx)
        para_end = len(text) if para_end < 0 else para_end
        c_start, c_end = _trim(text, tok.idx + 1, para_end)
        while c_end > c_start and text[c_end - 1] in ".!":
            c_end -= 1
        if mention is None or len(text[c_start:c_end].split()) < 3 or _inside(taken, c_start):
            continue   # not a name, too short, or a quotation (a direct quote of its own)
        out.append(Statement(start_char=c_start, end_char=c_end, is_direct=False, cue=":", cue_token=tok.i,
                             speaker_text=mention.text, speaker_start_char=mention.start_char,
                             speaker_end_char=mention.end_char, speaker_actor_key=mention.actor_key,
                             sentence_index=ctx.sent_of[tok.i]))
    return out


# ----------------------------------------------------------------------------- entry point
def extract_statements(doc: Doc, *, actors: ArticleActors, resources: Resources) -> list[Statement]:
    """Every direct and reported statement of one parsed article, in text order."""
    sent_of = {t.i: s_i for s_i, s in enumerate(sentences(doc)) for t in s}
    marks = [_trim(doc_text(doc), a, b) for a, b in find_quote_spans(doc_text(doc))]
    ctx = SpeakerContext(doc, actors, resources, sent_of, marks, person_genders(doc, actors, resources, sent_of))
    direct = direct_quotes(ctx)
    quoted = [(s.start_char, s.end_char) for s in direct if not s.is_partial]
    indirect = reported_speech(ctx, quoted)
    indirect += colon_attributions(ctx, quoted + [(s.start_char, s.end_char) for s in indirect])
    # quoted words inside a reported clause ('said he is “weak on immigration”') are part of that statement
    direct = [s for s in direct if not (s.is_partial and any(
        r.start_char <= s.start_char and s.end_char <= r.end_char + 2 for r in indirect))]
    return sorted(direct + indirect, key=lambda s: (s.start_char, s.end_char))


def statement_sentences(doc: Doc, statement: Statement) -> Span | None:
    return char_span(doc, statement.start_char, statement.end_char)
