"""petrarch2-gsr: per sentence, (source country, target country, CAMEO code) sets, the same with root codes, code/root
multisets, and actor country accuracy."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eval.codes import leftover_pairs, normalise_country, root_code
from eval.halves import ANALYSED_HALF, SplitMeasures, half_of, halves_note
from eval.metrics import Accuracy, Score, score_multisets, score_sets
from eval.predict import Predictions, event_sets, missed_verbs, parse_gold_date, read_jsonl, run_articles
from eval.tally import DatasetResult, tally_leftovers, top


def _sentence_countries(pred: Predictions, article_id: str) -> set[str]:
    return {pred.country(m["actor_id"]) for m in pred.mentions.get(article_id, [])} - {""}


def eval_petrarch_gsr(folder: Path, *, limit: int | None, nlp, resources, **_) -> DatasetResult:
    result = DatasetResult("petrarch2-gsr")
    rows = [r for r in read_jsonl(folder / "dev.jsonl", limit) if not r.get("error")]
    result.items = len(rows)
    pred = run_articles([(r["id"], r["text"], parse_gold_date(r.get("date"))) for r in rows])
    names = ("dyad + code", "dyad + root", "code", "root")
    scores = SplitMeasures(names, Score)
    country_acc = SplitMeasures(("actor country accuracy",), Accuracy)
    missed_codes, wrong_codes, confusion, missing_countries = Counter(), Counter(), Counter(), Counter()
    missed_sentences = []
    for r in rows:
        gold = [] if r.get("noevents") else [
            (normalise_country(e["source"]), normalise_country(e["target"]), e["cameo"]) for e in r["events"]]
        ours = [(s, t, c) for s, t, c, _ in event_sets(pred, r["id"])]
        half = half_of(result.name, r["id"])
        scores.add("dyad + code", half, score_sets(gold, ours))
        scores.add("dyad + root", half, score_sets([(s, t, root_code(c)) for s, t, c in gold],
                                                   [(s, t, root_code(c)) for s, t, c in ours]))
        scores.add("code", half, score_multisets([c for *_, c in gold], [c for *_, c in ours]))
        scores.add("root", half, score_multisets([root_code(c) for *_, c in gold], [root_code(c) for *_, c in ours]))
        found = _sentence_countries(pred, r["id"])
        for country in sorted({x for s, t, _ in gold for x in (s, t)} - {""}):
            for accuracy in country_acc.parts("actor country accuracy", half):
                accuracy.add(country in found)
            if country not in found and half == ANALYSED_HALF:
                missing_countries[country] += 1
        if half != ANALYSED_HALF:
            continue
        pairs = leftover_pairs([c for *_, c in gold], [c for *_, c in ours])
        if tally_leftovers(pairs, missed=missed_codes, wrong=wrong_codes, confusion=confusion):
            missed_sentences.append(r["text"])
    result.measures.update(scores.measures())
    result.measures.update(country_acc.measures())
    result.errors = {"missed codes": top(missed_codes), "wrong (spurious) codes": top(wrong_codes),
                     "confusion gold -> predicted": top(confusion),
                     "gold countries not among our actors": top(missing_countries),
                     "verbs of sentences with missed events": missed_verbs(nlp, resources, missed_sentences)}
    result.notes.append("country = ISO3 prefix of the actor code, '---' = unknown (= our null), IGO* = IGO; "
                        "dyad measures compare sets, code/root multisets per sentence; noevents records only "
                        "count false positives")
    result.notes.append(halves_note(result.name, rows))
    return result
