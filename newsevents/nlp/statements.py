"""Statements: direct quotes and reported speech, with the speaker resolved to an actor.

Grain: one `Statement` per quotation or reported statement of one article.

Direct quotes are found from the quotation marks themselves (curly or straight,
across sentences, and across paragraphs when the next paragraph reopens the
quote), then attributed through a cue verb just after or just before the quote
("…,” Tillerson said; He said: “…”). Reported speech comes from the parse: a
speech or belief verb with a clausal complement ("Mnuchin said April 7 that …"),
and "according to X". Pronoun speakers are resolved to the nearest person who is
the subject of a preceding sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsevents.nlp.actors import ArticleActors, resolve_pronoun
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
            if text.startswith(closing, j):
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
            if opening == '"' and text[j] in "“”":
                break
            j += 1
        if end is not None:
            spans.append((i + len(opening), end))
            i = end + len(closing)
            continue
        i += len(opening)
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "“”\"«»„`'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:“”\"«»„`'"):
        end -= 1
    return start, end


# ----------------------------------------------------------------------------- speakers
def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    return None


def _speaker(doc: Doc, subject: Token | None, actors: ArticleActors, res: Resources, *, before_char: int,
             sent_of: dict[int, int]) -> tuple[str | None, int | None, int | None, str | None]:
    """(speaker text, start, end, actor key) for the subject of a cue verb."""
    if subject is None:
        return None, None, None, None
    found = actors.actors_at(subject.i)
    if found:
        person = next((a for a in found if a.actor_type == "PERSON"), found[0])
        mention = next(m for m in actors.mentions if m.actor_key == person.key and
                       (m.start <= subject.i < m.end or subject.i in m.extra_tokens))
        return mention.text, mention.start_char, mention.end_char, person.key
    if subject.pos_ == "PRON":
        actor = _preceding_subject_person(doc, subject, actors, res, before_char, sent_of) if subject.lower_ in \
            res.words.speaker_person_pronouns else resolve_pronoun(doc, subject, actors, res, before_char=before_char)
        return subject.text, subject.idx, subject.idx + len(subject.text), actor.key if actor else None
    span = doc[subject.left_edge.i:subject.right_edge.i + 1]
    for tok in span:
        found = actors.actors_at(tok.i)
        if found:
            return span.text, span.start_char, span.end_char, found[0].key
    return span.text, span.start_char, span.end_char, None


def _preceding_subject_person(doc: Doc, pronoun: Token, actors: ArticleActors, res: Resources, before_char: int,
                              sent_of: dict[int, int]):
    """The person a he/she speaker refers to: subject of the nearest preceding sentence, else nearest person."""
    limit_sentence = sent_of[char_span(doc, before_char, before_char + 1).start] \
        if before_char < len(doc_text(doc)) else sent_of[pronoun.i]
    sents = sentences(doc)
    for s_i in range(limit_sentence - 1, max(-1, limit_sentence - 4), -1):
        for tok in sents[s_i]:
            if tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "conj" and tok.head.dep_ in SUBJECT_DEPS):
                for actor in actors.actors_at(tok.i):
                    if actor.actor_type == "PERSON":
                        return actor
    return resolve_pronoun(doc, pronoun, actors, res, before_char=before_char)


# ----------------------------------------------------------------------------- cues
def _is_cue(tok: Token, res: Resources) -> bool:
    return tok.pos_ in ("VERB", "AUX") and res.speech_cues.get(tok.lemma_.lower()) == "speech"


def _cue_after(doc: Doc, end_char: int, res: Resources) -> Token | None:
    """A speech verb right after the closing mark: '…,” Tillerson said' / '…,” said Tillerson'."""
    span = char_span(doc, end_char, min(len(doc_text(doc)), end_char + 1))
    if span is None:
        return None
    i = span.end
    stop = min(len(doc), i + CUE_WINDOW_TOKENS)
    for j in range(i, stop):
        tok = doc[j]
        opens_quote = tok.text in OPENING or tok.text in (STRAIGHT, "``", "''")
        if opens_quote or (tok.is_sent_start and j > i) or "\n" in tok.text:
            break
        if _is_cue(tok, res):
            return tok
        if tok.text in (".", "?", "!") and j > i:
            break
    return None


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
MAX_CONTINUATION_GAP = 160


def _quote_candidates(doc: Doc, res: Resources) -> list[tuple[int, int, int, int, Token | None]]:
    """(content start, end, raw start, raw end, cue) for every quotation with at least two words."""
    text = doc_text(doc)
    out = []
    for raw_start, raw_end in find_quote_spans(text):
        start, end = _trim(text, raw_start, raw_end)
        if end <= start or len(text[start:end].split()) < MIN_ATTRIBUTED_WORDS:
            continue
        cue = _cue_after(doc, raw_end, res) or _cue_before(doc, raw_start - 1, res)
        out.append((start, end, raw_start, raw_end, cue))
    return out


def _merge_continuations(text: str, candidates: list) -> list:
    """One statement per attributed quotation: '“A,” X said, “B.”' and '“A,” X said. “B.”' (same paragraph,
    no new attribution) are one quote interrupted by its attribution."""
    merged: list[list] = []
    for cand in candidates:
        start, end, raw_start, raw_end, cue = cand
        if merged:
            prev = merged[-1]
            gap = text[prev[1]:start]
            same_cue = cue is None or (prev[4] is not None and cue.i == prev[4].i)
            # only a quote interrupted by its own attribution: the cue sits between the two parts
            between = prev[4] is not None and prev[1] <= prev[4].idx < start
            if between and same_cue and "\n" not in gap and len(gap) <= MAX_CONTINUATION_GAP:
                prev[1], prev[3] = end, raw_end
                continue
        merged.append(list(cand))
    return merged


def direct_quotes(doc: Doc, actors: ArticleActors, res: Resources, sent_of: dict[int, int]) -> list[Statement]:
    text = doc_text(doc)
    out: list[Statement] = []
    previous_speaker: Statement | None = None
    for start, end, raw_start, _raw_end, cue in _merge_continuations(text, _quote_candidates(doc, res)):
        first = char_span(doc, start, end)
        if first is None:
            continue
        if cue is None and len(text[start:end].split()) < MIN_UNATTRIBUTED_WORDS:
            continue   # scare quotes, titles, single words
        if cue is not None:
            subject = _subject_of(cue)
            speaker_text, s_start, s_end, key = _speaker(doc, subject, actors, res, before_char=raw_start - 1,
                                                         sent_of=sent_of)
        elif previous_speaker is not None and _starts_paragraph(text, raw_start - 1):
            # an unattributed paragraph-opening quote continues the previous speaker
            speaker_text, s_start, s_end, key = (previous_speaker.speaker_text, None, None,
                                                 previous_speaker.speaker_actor_key)
        else:
            speaker_text, s_start, s_end, key = None, None, None, None
        statement = Statement(start_char=start, end_char=end, is_direct=True, cue=cue.text if cue else None,
                              cue_token=cue.i if cue is not None else None, speaker_text=speaker_text,
                              speaker_start_char=s_start, speaker_end_char=s_end, speaker_actor_key=key,
                              sentence_index=sent_of[first.start])
        out.append(statement)
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
    next act, not the content."""
    return tok.head.i == clause.i and tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > clause.i and \
        tok.i > 0 and tok.doc[tok.i - 1].text == ","


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


def _cue_candidates(doc: Doc, res: Resources) -> list[Token]:
    """Speech/belief verbs with a clausal complement, and 'according to', outermost first so that a
    statement nested in another's content ("stated that he believes …") is not split off."""
    found = [t for t in doc if (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in res.speech_cues and
                                any(c.dep_ == "ccomp" for c in t.children))
             or (t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to")]
    return sorted(found, key=lambda t: (sum(1 for _ in t.ancestors), t.i))


def reported_speech(doc: Doc, actors: ArticleActors, res: Resources, sent_of: dict[int, int],
                    quoted: list[tuple[int, int]]) -> list[Statement]:
    out: list[Statement] = []
    taken: list[tuple[int, int]] = list(quoted)
    for tok in _cue_candidates(doc, res):
        if _inside(taken, tok.idx):
            continue
        if tok.lower_ == "according":
            statement = _according_to(doc, tok, actors, res, sent_of)
            if statement is not None and not _inside(taken, statement.start_char):
                out.append(statement)
                taken.append((statement.start_char, statement.end_char))
            continue
        clauses = [c for c in tok.children if c.dep_ == "ccomp" and not _inside(quoted, c.idx)]
        if not clauses:
            continue
        start, end = _clause_span(doc, clauses[0])
        if doc_text(doc)[start:end].count(" ") < 2:
            continue
        subject = _subject_of(tok)
        text, s_start, s_end, key = _speaker(doc, subject, actors, res, before_char=tok.idx, sent_of=sent_of)
        out.append(Statement(start_char=start, end_char=end, is_direct=False, cue=tok.text, cue_token=tok.i,
                             speaker_text=text, speaker_start_char=s_start, speaker_end_char=s_end,
                             speaker_actor_key=key, sentence_index=sent_of[tok.i]))
        taken.append((start, end))
    return out


def _according_to(doc: Doc, tok: Token, actors: ArticleActors, res: Resources,
                  sent_of: dict[int, int]) -> Statement | None:
    """'…, according to X' / 'According to X, …': content is the rest of the sentence."""
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
    text, s_start, s_end, key = _speaker(doc, pobj, actors, res, before_char=tok.idx, sent_of=sent_of)
    return Statement(start_char=start, end_char=end, is_direct=False, cue="according to", cue_token=tok.i,
                     speaker_text=text, speaker_start_char=s_start, speaker_end_char=s_end, speaker_actor_key=key,
                     sentence_index=sent_of[tok.i])


# ----------------------------------------------------------------------------- entry point
def extract_statements(doc: Doc, *, actors: ArticleActors, resources: Resources) -> list[Statement]:
    """Every direct and reported statement of one parsed article, in text order."""
    sent_of = {t.i: s_i for s_i, s in enumerate(sentences(doc)) for t in s}
    direct = direct_quotes(doc, actors, resources, sent_of)
    quoted = [(s.start_char, s.end_char) for s in direct]
    indirect = reported_speech(doc, actors, resources, sent_of, quoted)
    return sorted(direct + indirect, key=lambda s: (s.start_char, s.end_char))


def statement_sentences(doc: Doc, statement: Statement) -> Span | None:
    return char_span(doc, statement.start_char, statement.end_char)
