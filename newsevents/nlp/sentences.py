"""Per-Doc sentence index, computed once: spaCy recomputes `doc.sents` and `token.sent` on every access,
which dominated the coders' run time."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_KEY = "newsevents_sentences"
#: "MOSCOW —", "PARIS, Texas (AP) -", "BERLIN, June 4 (dpa) —": a dateline opening a text: a capitalised place, an
#: optional region or country, an optional date (a wire story's "Month day[, year]"), an optional agency (read by
#: the places component, and by the actors component for the story's country)
DATELINE = re.compile(r"\A\s*([A-Z][A-Z.'\- ]{1,40}[A-Z.])(?:,\s*([A-Z][A-Za-z.\- ]{1,30}?))?"
                      r"(?P<date>,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
                      r"(?P<agency>\([^)]{1,30}\)\s*)?[—–-]")


def is_wire_dateline(match: re.Match) -> bool:
    """Whether a `DATELINE` match carries a date or an agency ("UNITED NATIONS, Dec 2 (Reuters) —"): the shape
    of a filing line, so its place is where the story was filed even when it names no country."""
    return bool(match.group("date") or match.group("agency"))


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences (cached on the Doc)."""
    cached = doc.user_data.get(_KEY)
    if cached is None or cached[0] != len(doc):
        sents = list(doc.sents)
        cached = (len(doc), sents, [s.start for s in sents])
        doc.user_data[_KEY] = cached
    return cached[1]


def sentence_index(doc: Doc, token_i: int) -> int:
    """0-based index of the sentence holding a token."""
    sentences(doc)
    return bisect_right(doc.user_data[_KEY][2], token_i) - 1


def sentence_of(tok: Token) -> Span:
    """The sentence holding a token (cached equivalent of `tok.sent`)."""
    return sentences(tok.doc)[sentence_index(tok.doc, tok.i)]


_CHAR_KEY = "newsevents_token_starts"


def char_span(doc: Doc, start_char: int, end_char: int) -> Span | None:
    """Tokens overlapping [start_char, end_char) (a token owns its trailing whitespace), expanded to whole
    tokens: a fast `doc.char_span(..., alignment_mode="expand")`, which scans the whole Doc on every call."""
    cached = doc.user_data.get(_CHAR_KEY)
    if cached is None or len(cached[0]) != len(doc):
        cached = ([t.idx for t in doc], [t.idx + len(t.text_with_ws) for t in doc])
        doc.user_data[_CHAR_KEY] = cached
    starts, ends = cached
    if not starts or end_char <= start_char:
        return None
    first = max(0, bisect_right(starts, start_char) - 1)
    if ends[first] <= start_char:
        first += 1
    last = max(first + 1, bisect_right(starts, end_char - 1))
    if first >= len(doc):
        return None
    return doc[first:min(last, len(doc))]


def doc_text(doc: Doc) -> str:
    """The Doc's text, cached (spaCy rebuilds `doc.text` from every token on each access)."""
    cached = doc.user_data.get("newsevents_text")
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data["newsevents_text"] = cached
    return cached[1]
