"""Fixtures shared by the golden tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsevents.core.contracts import ARTICLES
from newsevents.nlp.rows import process_articles
from newsevents.nlp.runtime import get_nlp, get_resources

ANCHOR = datetime(2017, 4, 12, 12, 0)   # a Wednesday


@pytest.fixture(scope="session")
def process_text():
    """A function: one article's text -> every NLP table as lists of rows (published at ANCHOR)."""
    nlp, res = get_nlp(), get_resources()

    def _process(text: str) -> dict[str, list[dict]]:
        articles = ARTICLES.from_rows([{
            "article_id": "art_test", "text": text, "published_at": ANCHOR, "word_count": len(text.split()),
            "content_sha256": "0" * 64, "input_ref": "test", "partition_date": date(2017, 4, 12)}])
        return {k: v.to_pylist() for k, v in process_articles(
            articles, nlp=nlp, resources=res, partition_date=date(2017, 4, 12)).items()}

    return _process


@pytest.fixture(scope="session")
def triples(process_text):
    """A function: one article's text -> its events as (source CAMEO code, target CAMEO code or None, event code)."""
    def _triples(text: str) -> list[tuple]:
        tables = process_text(text)
        actors = {a["actor_id"]: a for a in tables["actors"]}
        return [(actors[e["source_actor_id"]]["cameo_code"],
                 actors[e["target_actor_id"]]["cameo_code"] if e["target_actor_id"] else None,
                 e["event_code"]) for e in tables["events"]]

    return _triples
