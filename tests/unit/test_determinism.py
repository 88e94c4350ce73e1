"""Identical input gives identical rows whatever the Python hash seed (the nightly writes must be idempotent).

Each check runs in fresh interpreters with different PYTHONHASHSEED values, since the seed of the running process
cannot change: a set's iteration order (strings hash by the seed) that decides an output shows as a difference
between them. Texts are fictional."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Seeds whose string-hash orders differ: "GPE" and "ORG" iterate in opposite orders under 0/1 and 2/3.
SEEDS = ("0", "2")

# A one-word name the tagger calls a place once, an organisation once and a person once: the person reading
# takes the document's other label, and on this tie it must be the first one seen (GPE), not the set's pick.
_TIED_LABELS = r"""
import json, spacy
from spacy.tokens import Doc
from newsevents.nlp.names import refine_entities
from newsevents.nlp.runtime import get_resources
words = ("Fire broke out in Varnholm on Monday . Varnholm Water said Varnholm had cut supplies . "
         "Later Varnholm said the town was calm .").split(" ")
tags = ["O"] * len(words)
tags[4], tags[11], tags[17] = "B-GPE", "B-ORG", "B-PERSON"
pos = ["PROPN" if w[:1].isupper() else "X" for w in words]
doc = Doc(spacy.blank("en").vocab, words=words, ents=tags, pos=pos)
print(json.dumps([[e.start, e.label_] for e in refine_entities(doc, get_resources())]))
"""

# The whole pipeline on a multi-place article: every NLP table, rows sorted.
_PIPELINE = r"""
import json
from datetime import date, datetime
from newsevents.core.contracts import ARTICLES
from newsevents.nlp.rows import process_articles
from newsevents.nlp.runtime import get_nlp, get_resources
text = open(0).read()
articles = ARTICLES.from_rows([{
    "article_id": "art_det", "text": text, "published_at": datetime(2017, 4, 12, 12, 0),
    "word_count": len(text.split()), "content_sha256": "0" * 64, "input_ref": "test",
    "partition_date": date(2017, 4, 12)}])
tables = process_articles(articles, nlp=get_nlp(), resources=get_resources(), partition_date=date(2017, 4, 12))
print(json.dumps({k: sorted(json.dumps(r, sort_keys=True, default=str) for r in v.to_pylist())
                  for k, v in sorted(tables.items())}))
"""

ARTICLE = """KELSAR, Norway - Police in Kelsar arrested four men on Tuesday after a fire at the harbour, officials said.
The mayor of Kelsar, Ingrid Varsholt, said the blaze had spread to warehouses in Tromso and Bergen.
Russian officials in Moscow condemned the arrests, and Norway summoned the Russian ambassador in Oslo.
Varsholt said the men would appear before a court in Paris, Texas, next week. Protesters marched through
Springfield and Georgetown on Wednesday, and troops from Sweden crossed into Finland near Tornio.
"We will rebuild Kelsar," Varsholt told reporters in Washington."""


def _run(script: str, seed: str, stdin: str = "") -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(stdin)
    proc.stdin.close()
    return proc


def _outputs(script: str, stdin: str = "") -> dict[str, object]:
    """The JSON each seed's interpreter prints (all started at once, then awaited)."""
    procs = {seed: _run(script, seed, stdin) for seed in SEEDS}
    out = {}
    for seed, proc in procs.items():
        stdout, stderr = proc.stdout.read(), proc.stderr.read()
        assert proc.wait(timeout=120) == 0, stderr
        out[seed] = json.loads(stdout.splitlines()[-1])
    return out


def test_tied_document_label_is_the_first_seen_whatever_the_seed():
    out = _outputs(_TIED_LABELS)
    for seed in SEEDS:
        assert out[seed] == [[4, "GPE"], [11, "ORG"], [17, "GPE"]], seed


def test_pipeline_rows_identical_across_hash_seeds():
    out = _outputs(_PIPELINE, ARTICLE)
    first = out[SEEDS[0]]
    assert first["location_mentions"] and first["actors"]   # the article exercises places and actors
    for seed in SEEDS[1:]:
        for table in first:
            assert out[seed][table] == first[table], (seed, table)
