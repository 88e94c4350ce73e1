"""petrarch-unittest: PETRARCH's own validation records, coded with the validation dictionaries they are written
against (actors, agents, discards, verbs), read by the runtime reader (`NEWSEVENTS_DICTIONARIES` semantics,
`newsevents.nlp.dictionaries`) from the gold folder, never copied. Scores: the CAMEO code multiset, its root, and
(source code, target code, CAMEO code) with the actors' full dictionary codes."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import spacy

from eval.codes import leftover_pairs, root_code
from eval.halves import ANALYSED_HALF, SplitMeasures, half_of, halves_note
from eval.metrics import Score, score_multisets
from eval.predict import Predictions, missed_verbs, parse_gold_date, read_jsonl, run_articles
from eval.tally import DatasetResult, tally_leftovers, top
from newsevents.nlp.components import RESOURCES_FUNCTION, add_components
from newsevents.nlp.runtime import resolve_model_name

#: Where the suite's dictionaries are, inside its gold folder.
DICTIONARY_FOLDER = "dictionaries"


def _actor_code(pred: Predictions, actor_id: str | None) -> str:
    """An actor's full code as the suite writes it ("GONGOV", "ARN"); "---" for none."""
    actor = pred.actors.get(actor_id) if actor_id else None
    return (actor or {}).get("cameo_code") or "---"


def _gold_actor(code: str) -> str:
    code = (code or "").strip().upper()
    return "---" if not code or code.startswith("---") else code


def _triples(pred: Predictions, article_id: str) -> list[tuple[str, str, str]]:
    return [(_actor_code(pred, e["source_actor_id"]), _actor_code(pred, e["target_actor_id"]), e["event_code"])
            for e in pred.events.get(article_id, [])]


def _run_by_date(rows: list[dict], nlp, resources) -> dict[str, Predictions]:
    """Predictions by record id, the records of one date run together as one night: the actors table holds one
    coding per actor and night, so an actor whose dictionary role changes with the date (SAM_GAMGEE) is coded
    for each date apart, as nightly runs would."""
    by_date: dict[str, list[dict]] = {}
    for r in rows:
        by_date.setdefault(r.get("date") or "", []).append(r)
    out: dict[str, Predictions] = {}
    for group in by_date.values():
        pred = run_articles([(r["id"], r["text"], parse_gold_date(r.get("date"))) for r in group], nlp=nlp,
                            resources=resources)
        out.update({r["id"]: pred for r in group})
    return out


def eval_petrarch_unittest(folder: Path, *, limit: int | None, **_) -> DatasetResult:
    result = DatasetResult("petrarch-unittest")
    rows_all = read_jsonl(folder / "dev.jsonl", limit)
    rows = [r for r in rows_all if not r.get("error")]
    result.items = len(rows)
    dictionaries = folder / DICTIONARY_FOLDER
    block = {"@misc": RESOURCES_FUNCTION, "dictionaries": str(dictionaries) if dictionaries.is_dir() else "",
             "keep_unknown_codes": True}   # the suite's verb dictionary has test codes of its own (901, 1717)
    nlp = add_components(spacy.load(resolve_model_name()), resources=block)
    extended = nlp.get_pipe("newsevents_events").resources
    preds = _run_by_date(rows, nlp, extended)
    scores = SplitMeasures(("code", "root", "source-target-code"), Score)
    missed_codes, wrong_codes, confusion, no_actor = Counter(), Counter(), Counter(), Counter()
    missed_sentences = []
    for r in rows:
        gold_events = [] if r.get("noevents") else r["events"]
        gold = [e["cameo"] for e in gold_events]
        pred = preds[r["id"]]
        ours = [e["event_code"] for e in pred.events.get(r["id"], [])]
        half = half_of(result.name, r["id"])
        scores.add("code", half, score_multisets(gold, ours))
        scores.add("root", half, score_multisets([root_code(c) for c in gold], [root_code(c) for c in ours]))
        scores.add("source-target-code", half, score_multisets(
            [(_gold_actor(e["source"]), _gold_actor(e["target"]), e["cameo"]) for e in gold_events],
            _triples(pred, r["id"])))
        if half != ANALYSED_HALF:
            continue
        pairs = leftover_pairs(gold, ours)
        if tally_leftovers(pairs, missed=missed_codes, wrong=wrong_codes, confusion=confusion):
            missed_sentences.append(r["text"])
            coded = {_actor_code(pred, m["actor_id"]) for m in pred.mentions.get(r["id"], [])}
            for e in gold_events:
                for code in (e["source"], e["target"]):
                    if re.match(r"[A-Z]{3}", code) and code not in coded:
                        no_actor[code] += 1
    result.measures.update(scores.measures())
    result.errors = {"missed codes": top(missed_codes), "wrong (spurious) codes": top(wrong_codes),
                     "confusion gold -> predicted": top(confusion),
                     "gold actors not coded (in missed sentences)": top(no_actor),
                     "verbs of sentences with missed events": missed_verbs(nlp, extended, missed_sentences)}
    result.notes.append(f"{len(rows_all) - len(rows)} records with `error` skipped; the suite's dictionaries "
                        f"({len(extended.dictionary_actors)} actor names, {len(extended.verbs)} verb forms, "
                        f"{len(extended.discards)} discards) read from {dictionaries} by the runtime reader")
    result.notes.append(halves_note(result.name, rows))
    return result
