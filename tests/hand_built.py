"""Hand-built parses for the rule tests: a Doc written out token by token (no model), and country actors placed on
its tokens, so each rule is tested on the parse it is written for."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsevents.nlp.actors import ArticleActors, Mention, country_actor

VOCAB = spacy.blank("en").vocab


def parse(rows: list[tuple], ents: dict[int, str] | None = None) -> Doc:
    """A Doc from (word, pos, dep, head[, lemma]) rows; the lemma defaults to the lower-case word. `ents` puts
    single-token entities on tokens: {index: label}."""
    ents = ents or {}
    return Doc(VOCAB, words=[r[0] for r in rows], pos=[r[1] for r in rows], deps=[r[2] for r in rows],
               heads=[r[3] for r in rows], lemmas=[r[4] if len(r) > 4 else r[0].lower() for r in rows],
               ents=[f"B-{ents[i]}" if i in ents else "O" for i in range(len(rows))])


def countries(doc: Doc, res, iso_by_token: dict[int, str]) -> ArticleActors:
    """Country actors mentioned at the given tokens (added in token order)."""
    out = ArticleActors()
    for i, iso in sorted(iso_by_token.items()):
        actor, tok = country_actor(iso, res), doc[i]
        out.add(actor, Mention(start=i, end=i + 1, start_char=tok.idx, end_char=tok.idx + len(tok.text),
                               text=tok.text, kind="name", sentence_index=0, actor_key=actor.key))
    return out
