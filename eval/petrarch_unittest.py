"""petrarch-unittest: CAMEO code and root multisets (fictional actors), with the validation actor dictionary added to a
copy of the resources through a registered spaCy function."""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import spacy

from eval.codes import leftover_pairs, root_code
from eval.halves import ANALYSED_HALF, SplitMeasures, half_of, halves_note
from eval.metrics import Score, score_multisets
from eval.petrarch_dictionary import extend_resources, parse_petrarch_actors
from eval.predict import event_sets, missed_verbs, parse_gold_date, read_jsonl, run_articles
from eval.tally import DatasetResult, tally_leftovers, top
from newsevents.nlp.components import add_components
from newsevents.nlp.resources import default_resources
from newsevents.nlp.runtime import resolve_model_name


@spacy.registry.misc("eval.petrarch_validation_resources.v1")
@functools.lru_cache(maxsize=2)
def petrarch_validation_resources(dictionary: str):
    """The bundled resources extended with a PETRARCH validation actor dictionary (unchanged when the file is
    missing), once per path, so every component of the petrarch-unittest pipeline shares one object."""

    path = Path(dictionary)
    actors = parse_petrarch_actors(path.read_text(encoding="utf-8")) if path.exists() else {}
    return extend_resources(default_resources(), actors)


def eval_petrarch_unittest(folder: Path, *, limit: int | None, **_) -> DatasetResult:
    result = DatasetResult("petrarch-unittest")
    rows_all = read_jsonl(folder / "dev.jsonl", limit)
    rows = [r for r in rows_all if not r.get("error")]
    result.items = len(rows)
    dictionary = folder / "dictionaries" / "PETR.Validate.actors.txt"
    actors = parse_petrarch_actors(dictionary.read_text(encoding="utf-8")) if dictionary.exists() else {}
    nlp = add_components(spacy.load(resolve_model_name()), resources={
        "@misc": "eval.petrarch_validation_resources.v1", "dictionary": str(dictionary)})
    extended = nlp.get_pipe("newsevents_events").resources
    records = [(r["id"], r["text"], parse_gold_date(r.get("date"))) for r in rows]
    pred = run_articles(records, nlp=nlp, resources=extended)
    scores = SplitMeasures(("code", "root"), Score)
    missed_codes, wrong_codes, confusion, no_actor = Counter(), Counter(), Counter(), Counter()
    missed_sentences = []
    for r in rows:
        gold = [] if r.get("noevents") else [e["cameo"] for e in r["events"]]
        ours = [c for _, _, c, _ in event_sets(pred, r["id"])]
        half = half_of(result.name, r["id"])
        scores.add("code", half, score_multisets(gold, ours))
        scores.add("root", half, score_multisets([root_code(c) for c in gold], [root_code(c) for c in ours]))
        if half != ANALYSED_HALF:
            continue
        pairs = leftover_pairs(gold, ours)
        if tally_leftovers(pairs, missed=missed_codes, wrong=wrong_codes, confusion=confusion):
            missed_sentences.append(r["text"])
            coded = {(pred.actors.get(m["actor_id"]) or {}).get("cameo_code") or "" for m in
                     pred.mentions.get(r["id"], [])}
            for e in r["events"]:
                for code in (e["source"], e["target"]):
                    if re.match(r"[A-Z]{3}", code) and code[:3] not in {c[:3] for c in coded}:
                        no_actor[code] += 1
    result.measures.update(scores.measures())
    result.errors = {"missed codes": top(missed_codes), "wrong (spurious) codes": top(wrong_codes),
                     "confusion gold -> predicted": top(confusion),
                     "gold actors not coded (in missed sentences)": top(no_actor),
                     "verbs of sentences with missed events": missed_verbs(nlp, extended, missed_sentences)}
    result.notes.append(f"{len(rows_all) - len(rows)} records with `error` skipped; validation actor dictionary: "
                        f"{len(actors)} names added to a copy of the resources, fresh pipeline")
    result.notes.append(halves_note(result.name, rows))
    return result
