"""The edge between spaCy and the tables: annotated Docs in, contract tables out.

`process_articles` runs the pipeline over an `articles` table and converts each
Doc's extension attributes (actors, statements, events) into rows of the NLP
tables. Ids are content-derived hashes so reruns give identical ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.core.codes import iso3_country_codes
from newsevents.core.contracts import (
    ACTOR_MENTIONS,
    ACTORS,
    EVENTS,
    STATEMENT_ACTORS,
    STATEMENT_EVENTS,
    STATEMENTS,
)
from newsevents.nlp.actors import Actor, ArticleActors, actor_id_for, add_location
from newsevents.nlp.anchoring import date_for_token
from newsevents.nlp.events import CodedEvent
from newsevents.nlp.resources import Resources
from newsevents.nlp.sentences import doc_text
from newsevents.nlp.statements import Statement

BATCH_SIZE = 16


def _hash(prefix: str, *parts: object) -> str:
    raw = "|".join("" if p is None else str(p) for p in parts)
    return f"{prefix}_{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:16]}"


def anchor_for(published_at, partition_date: date) -> tuple[date, str]:
    """The date relative expressions resolve against, and how a fallback date is described."""
    if published_at is not None:
        return published_at.date(), "publication"
    return partition_date, "run_date"


def annotate(nlp: Language, texts_and_anchors: Iterable[tuple[str, date]], *, n_process: int = 1) -> Iterable[Doc]:
    """Run the full pipeline; the anchor date rides on the Doc so the event coder can resolve dates."""
    def docs():
        for text, anchor in texts_and_anchors:
            doc = nlp.make_doc(text)
            doc._.anchor_date = anchor
            yield doc

    return nlp.pipe(docs(), batch_size=BATCH_SIZE, n_process=n_process)


#: The ISO 3166 codes an actor row's country may take (a user dictionary's own country codes stay in cameo_code).
_ISO3 = frozenset(iso3_country_codes())


def actor_row(actor: Actor, partition_date: date) -> dict:
    return {
        "actor_id": actor_id_for(actor.key), "canonical_key": actor.key, "name": actor.name,
        "actor_type": actor.actor_type, "country_code": actor.country_code if actor.country_code in _ISO3 else None,
        "role_code": actor.role_code,
        "cameo_code": actor.cameo_code, "coding_confidence": actor.confidence,
        "coding_evidence": "; ".join(dict.fromkeys(e for e in actor.evidence if e)) or None,
        "partition_date": partition_date,
    }


def article_actors(doc: Doc, resources: Resources) -> ArticleActors:
    """The article's actors and mentions as the tables show them: the actors component's output, plus a
    'location' mention of its country (and that country's actor) for every place the event coder located an
    event in, added in the order the coder used them. The Doc's own extensions are left as they are."""
    actors = doc._.article_actors.copy()
    for place in doc._.event_places:
        add_location(actors, place, resources)
    return actors


def doc_rows(doc: Doc, *, article_id: str, partition_date: date, fallback_method: str,
             resources: Resources) -> dict[str, list[dict]]:
    """Rows of every NLP table for one annotated article."""
    actors = article_actors(doc, resources)
    anchor: date = doc._.anchor_date
    rows: dict[str, list[dict]] = {name: [] for name in
                                   ("actors", "actor_mentions", "events", "statements", "statement_actors",
                                    "statement_events")}
    rows["actors"] = [actor_row(a, partition_date) for a in actors.actors.values()]
    mentions = []
    for m in actors.mentions:
        mention_id = _hash("men", article_id, m.start_char, m.end_char, m.actor_key)
        mentions.append({
            "mention_id": mention_id, "article_id": article_id, "actor_id": actor_id_for(m.actor_key),
            "start_char": m.start_char, "end_char": m.end_char, "text": m.text, "mention_kind": m.kind,
            "sentence_index": m.sentence_index, "partition_date": partition_date,
        })
    events = [_event_row(e, doc, article_id, anchor, fallback_method, resources, partition_date)
              for e in doc._.events]
    rows["events"] = events
    statements = []
    for s in doc._.statements:
        statements.append(_statement_row(s, doc, article_id, anchor, partition_date))
        if s.speaker_actor_key and s.speaker_start_char is not None and not any(
                m["start_char"] == s.speaker_start_char and m["end_char"] == s.speaker_end_char for m in mentions):
            # a pronoun speaker resolved to an actor is a mention of that actor too
            mentions.append({
                "mention_id": _hash("men", article_id, s.speaker_start_char, s.speaker_end_char,
                                    s.speaker_actor_key),
                "article_id": article_id, "actor_id": actor_id_for(s.speaker_actor_key),
                "start_char": s.speaker_start_char, "end_char": s.speaker_end_char, "text": s.speaker_text,
                "mention_kind": "pronoun", "sentence_index": s.sentence_index, "partition_date": partition_date,
            })
    rows["actor_mentions"] = _unique(mentions, "mention_id")
    rows["statements"] = _unique(statements, "statement_id")
    for st in rows["statements"]:
        for m in rows["actor_mentions"]:
            if st["start_char"] <= m["start_char"] and m["end_char"] <= st["end_char"]:
                rows["statement_actors"].append({
                    "statement_id": st["statement_id"], "mention_id": m["mention_id"], "actor_id": m["actor_id"],
                    "article_id": article_id, "partition_date": partition_date})
        for ev, coded in zip(events, doc._.events):
            trigger_char = doc[coded.trigger].idx
            if st["start_char"] <= trigger_char < st["end_char"]:
                rows["statement_events"].append({
                    "statement_id": st["statement_id"], "event_id": ev["event_id"], "article_id": article_id,
                    "partition_date": partition_date})
    rows["events"] = _unique(events, "event_id")
    rows["statement_events"] = _unique_pairs(rows["statement_events"], ("statement_id", "event_id"))
    rows["statement_actors"] = _unique_pairs(rows["statement_actors"], ("statement_id", "mention_id"))
    return rows


def _unique(rows: list[dict], key: str) -> list[dict]:
    seen: dict[str, dict] = {}
    for row in rows:
        seen.setdefault(row[key], row)
    return list(seen.values())


def _unique_pairs(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for row in rows:
        seen.setdefault(tuple(row[k] for k in keys), row)
    return list(seen.values())


def _event_row(e: CodedEvent, doc: Doc, article_id: str, anchor: date, fallback_method: str,
               resources: Resources, partition_date: date) -> dict:
    code = resources.cameo[e.code]
    source_id = actor_id_for(e.source_key)
    target_id = actor_id_for(e.target_key) if e.target_key else None
    if e.date is not None:
        event_date, precision, method, date_text = e.date.date, e.date.precision, e.date.method, e.date.text
    else:
        event_date, precision, method, date_text = anchor, "day", fallback_method, None
    return {
        "event_id": _hash("evt", article_id, e.start_char, doc[e.trigger].idx, source_id, target_id, e.code),
        "article_id": article_id, "source_actor_id": source_id, "target_actor_id": target_id,
        "event_date": event_date, "date_precision": precision, "date_method": method, "date_text": date_text,
        "event_code": code.code, "event_root_code": code.root_code, "quad_class": code.quad_class,
        "goldstein": code.goldstein, "plover_type": code.plover_type, "trigger_text": e.trigger_text,
        "start_char": e.start_char, "end_char": e.end_char, "sentence_index": e.sentence_index,
        "is_alleged": e.is_alleged, "confidence": e.confidence,
        "event_key": _hash("ek", source_id, target_id, code.code, event_date.isoformat(), precision),
        "partition_date": partition_date,
    }


def _statement_row(s: Statement, doc: Doc, article_id: str, anchor: date, partition_date: date) -> dict:
    statement_date = anchor
    if s.cue_token is not None:
        resolved = date_for_token(doc[s.cue_token], anchor=anchor)
        if resolved is not None and resolved.precision == "day":
            statement_date = resolved.date
    return {
        "statement_id": _hash("stm", article_id, s.start_char, s.end_char),
        "article_id": article_id,
        "speaker_actor_id": actor_id_for(s.speaker_actor_key) if s.speaker_actor_key else None,
        "speaker_text": s.speaker_text, "speaker_start_char": s.speaker_start_char,
        "speaker_end_char": s.speaker_end_char, "quote_text": doc_text(doc)[s.start_char:s.end_char],
        "is_direct": s.is_direct, "cue": s.cue, "start_char": s.start_char, "end_char": s.end_char,
        "statement_date": statement_date, "sentence_index": s.sentence_index, "partition_date": partition_date,
    }


def process_articles(articles: pa.Table, *, nlp: Language, resources: Resources, partition_date: date,
                     n_process: int = 1) -> dict[str, pa.Table]:
    """NLP tables (actors, mentions, events, statements and links) for a table of articles."""
    ids = articles.column("article_id").to_pylist()
    texts = articles.column("text").to_pylist()
    published = articles.column("published_at").to_pylist()
    anchors = [anchor_for(p, partition_date) for p in published]
    collected: dict[str, list[dict]] = {t.name: [] for t in (ACTORS, ACTOR_MENTIONS, EVENTS, STATEMENTS,
                                                            STATEMENT_ACTORS, STATEMENT_EVENTS)}
    docs = annotate(nlp, ((t, a[0]) for t, a in zip(texts, anchors)), n_process=n_process)
    for article_id, (_, method), doc in zip(ids, anchors, docs):
        for name, rows in doc_rows(doc, article_id=article_id, partition_date=partition_date,
                                   fallback_method=method, resources=resources).items():
            collected[name].extend(rows)
    contracts = {c.name: c for c in (ACTORS, ACTOR_MENTIONS, EVENTS, STATEMENTS, STATEMENT_ACTORS,
                                     STATEMENT_EVENTS)}
    tables = {name: contracts[name].from_rows(rows) for name, rows in collected.items()}
    tables["actors"] = merge_actor_tables(tables["actors"])
    return tables


def merge_actor_tables(actors: pa.Table) -> pa.Table:
    """One row per actor_id: the most confident coding wins; ties break on the most specific cameo code, then
    on every other column, so the winner never depends on how articles were sharded."""
    if actors.num_rows == 0:
        return actors
    code_len = pc.fill_null(pc.utf8_length(actors.column("cameo_code")), 0)
    tie_breaks = [(c, "ascending") for c in ("cameo_code", "country_code", "role_code", "name", "actor_type",
                                              "coding_evidence", "canonical_key")]
    ranked = actors.append_column("_code_len", code_len).sort_by(
        [("actor_id", "ascending"), ("coding_confidence", "descending"), ("_code_len", "descending"),
         *tie_breaks])
    ids = ranked.column("actor_id").to_pylist()
    keep = [i for i, a in enumerate(ids) if i == 0 or ids[i - 1] != a]
    return ranked.take(keep).drop_columns(["_code_len"])
