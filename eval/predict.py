"""Running the real NLP stage (`newsevents.nlp.rows.process_articles`) over gold texts and indexing the contract tables
it returns by article."""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa

from eval.codes import predicted_country
from eval.tally import top
from newsevents.nlp.components import COMPONENTS
from newsevents.nlp.rows import merge_actor_tables, process_articles
from newsevents.nlp.runtime import get_nlp, get_resources

#: Partition date stamped on the rows of an evaluation run (never published anywhere).
EVAL_PARTITION_DATE = date(2000, 1, 1)


@dataclass
class Predictions:
    """The contract tables of one evaluation run, indexed by article."""
    actors: dict[str, dict]
    mentions: dict[str, list[dict]]
    events: dict[str, list[dict]]
    statements: dict[str, list[dict]]

    def country(self, actor_id: str | None) -> str:
        actor = self.actors.get(actor_id) if actor_id else None
        return predicted_country(actor["country_code"], actor["cameo_code"]) if actor else ""


def _articles_table(records: list[tuple[str, str, datetime | None]]):
    return pa.table({
        "article_id": pa.array([r[0] for r in records], pa.string()),
        "text": pa.array([r[1] for r in records], pa.string()),
        "published_at": pa.array([r[2] for r in records], pa.timestamp("us")),
    })


def _process_default(records: list[tuple[str, str, datetime | None]]):
    """Worker entry point: the default pipeline and resources on a chunk of articles."""
    return process_articles(_articles_table(records), nlp=get_nlp(), resources=get_resources(),
                            partition_date=EVAL_PARTITION_DATE)


def run_articles(records: list[tuple[str, str, datetime | None]], *, nlp=None, resources=None,
                 workers: int = 1) -> Predictions:
    """Run `process_articles` on (id, text, published_at) records; several worker processes if asked.

    spaCy's own `n_process` cannot be used: the Docs carry Python objects (dates, actor tables) in extension
    attributes that spaCy cannot serialise between processes. Workers here each run `process_articles` on a
    share of the articles instead and the actor tables are merged as `process_articles` does.
    """


    if workers > 1 and nlp is None and len(records) >= 2 * workers:

        # interleave long and short articles so that workers finish together
        ordered = sorted(records, key=lambda r: -len(r[1]))
        chunks = [ordered[i::workers] for i in range(workers)]
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            parts = list(pool.map(_process_default, chunks))
        tables = {name: pa.concat_tables([p[name] for p in parts]) for name in parts[0]}
        tables["actors"] = merge_actor_tables(tables["actors"])
    elif nlp is None:
        tables = _process_default(records)
    else:
        tables = process_articles(_articles_table(records), nlp=nlp, resources=resources,
                                  partition_date=EVAL_PARTITION_DATE)
    by_article: dict[str, dict[str, list[dict]]] = {}
    for name in ("actor_mentions", "events", "statements"):
        grouped: dict[str, list[dict]] = defaultdict(list)
        for row in tables[name].to_pylist():
            grouped[row["article_id"]].append(row)
        by_article[name] = grouped
    actors = {row["actor_id"]: row for row in tables["actors"].to_pylist()}
    return Predictions(actors=actors, mentions=by_article["actor_mentions"], events=by_article["events"],
                       statements=by_article["statements"])


def read_jsonl(path: Path, limit: int | None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


def parse_gold_date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    return None


def parse_lemmas(nlp, texts: list[str]):
    """Parse sentences with the English model only (for the error analysis of missed triggers)."""
    disabled = [name for name in COMPONENTS if name in nlp.pipe_names]
    return list(nlp.pipe(texts, disable=disabled))


def trigger_label(tok, resources) -> str:
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN"
    status = "pattern exists" if (pos, tok.lemma_.lower()) in resources.patterns else "no pattern"
    return f"{tok.lemma_.lower()}/{pos} ({status})"


def event_sets(pred: Predictions, article_id: str) -> list[tuple[str, str, str, str | None]]:
    """(source country, target country, CAMEO code, PLOVER type) of each of our events in an article."""
    out = []
    for e in pred.events.get(article_id, []):
        out.append((pred.country(e["source_actor_id"]), pred.country(e["target_actor_id"]), e["event_code"],
                    e["plover_type"]))
    return out


def missed_verbs(nlp, resources, sentences: list[str]) -> list[tuple[str, int]]:
    counts: Counter = Counter()
    for doc in parse_lemmas(nlp, sentences):
        for tok in doc:
            if tok.pos_ == "VERB" and tok.lemma_.lower() not in resources.speech_cues:
                counts[trigger_label(tok, resources)] += 1
    return top(counts)
