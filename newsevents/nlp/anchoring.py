"""Anchor a trigger token in time: pick the date expression that syntactically belongs to it.

Grain: one token in, at most one resolved date out. The candidate closest to the
trigger in the dependency tree wins ("used its veto power Wednesday to block a
resolution ... on the April 4 attack": the veto is dated Wednesday, the attack
April 4); with no resolvable candidate the caller falls back to publication.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from newsevents.nlp.dates import ResolvedDate, find_date_expressions, resolve_date_expression
from newsevents.nlp.sentences import char_span, sentence_of

MAX_TREE_DISTANCE = 6


def _ancestors_with_depth(tok: Token) -> dict[int, int]:
    depth = {tok.i: 0}
    for d, anc in enumerate(tok.ancestors, start=1):
        depth[anc.i] = d
    return depth


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up_a = _ancestors_with_depth(a)
    if b.i in up_a:
        return up_a[b.i]
    for d, anc in enumerate([b, *b.ancestors]):
        if anc.i in up_a:
            return up_a[anc.i] + d
    return 99


def date_candidates(sent: Span) -> list[Span]:
    """DATE entities of the sentence, plus regex finds spaCy missed."""
    spans = [e for e in sent.ents if e.label_ == "DATE"]
    covered = {t.i for s in spans for t in s}
    for start, end, _ in find_date_expressions(text=sent.text):
        span = char_span(sent.doc, sent.start_char + start, sent.start_char + end)
        if span is not None and not any(t.i in covered for t in span):
            spans.append(span)
    return spans


#: A date reached only through one of these belongs to another clause, not to the trigger.
FOREIGN_CLAUSES = {"ccomp", "relcl", "acl", "xcomp", "csubj", "parataxis"}


def attaches_to(date_root: Token, trigger: Token) -> bool:
    """Whether a date phrase modifies the trigger's clause: its path up to the common ancestor with the
    trigger crosses no other noun phrase ("meddling in the 2016 elections") and no embedded clause."""
    trigger_line = {trigger.i, *(a.i for a in trigger.ancestors)}
    node = date_root
    while node.i not in trigger_line:
        if node.dep_ in FOREIGN_CLAUSES:
            return False
        head = node.head
        if head.i == node.i:
            return False
        if head.pos_ in ("NOUN", "PROPN") and head.i != trigger.i and head.ent_type_ != "DATE":
            return False
        node = head
    return True


def date_for_token(tok: Token, *, anchor: date, candidates: list[Span] | None = None) -> ResolvedDate | None:
    """The date expression that belongs to `tok`: the nearest one attached to its clause, within
    MAX_TREE_DISTANCE arcs; else the sentence's only resolvable day, if it names exactly one."""
    best: tuple[int, int, ResolvedDate] | None = None
    resolvable: list[ResolvedDate] = []
    for span in candidates if candidates is not None else date_candidates(sentence_of(tok)):
        resolved = resolve_date_expression(text=span.text, anchor=anchor)
        if resolved is None:
            continue
        resolvable.append(resolved)
        dist = tree_distance(tok, span.root)
        if dist > MAX_TREE_DISTANCE or not attaches_to(span.root, tok):
            continue
        rank = (dist, abs(span.start - tok.i))
        if best is None or rank < best[:2]:
            best = (*rank, resolved)
    if best is not None:
        return best[2]
    days = {r.date for r in resolvable}
    if len(days) == 1 and resolvable[0].precision == "day":
        return resolvable[0]
    return None
