"""plover-gsr: (source country, target country, PLOVER type) sets and PLOVER type sets per sentence (PLOVER 0.5b1 types
mapped to 0.8 first), and actor country accuracy via `actorText`."""

from __future__ import annotations

import re
from collections import Counter
from itertools import permutations
from pathlib import Path

from eval.codes import PLOVER_05_TO_08, leftover_pairs, normalise_country, plover_type_08
from eval.halves import ANALYSED_HALF, SplitMeasures, half_of, halves_note
from eval.metrics import Accuracy, Score, overlaps, score_sets
from eval.predict import Predictions, event_sets, parse_gold_date, parse_lemmas, read_jsonl, run_articles, trigger_label
from eval.tally import DatasetResult, tally_leftovers, top

_MARKUP_RE = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC): ([^()]*)\)")


def markup_segments(markup: str) -> list[tuple[str, str]]:
    """(tag, text) of each marked span of a PLOVER GSR markup string."""
    return [(m.group(1), m.group(2).strip()) for m in _MARKUP_RE.finditer(markup or "")]


def locate(text: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    """Character span of `needle` in `text` (case-sensitive first, then case-insensitive), or None."""
    if not needle:
        return None
    i = text.find(needle, start)
    if i < 0:
        i = text.lower().find(needle.lower(), start)
    if i < 0 and start:
        return locate(text, needle, 0)
    return (i, i + len(needle)) if i >= 0 else None


def _markup(record: dict) -> str:
    """The PLOVER GSR markup string (one record has it as a bare string instead of {"markup": ...})."""
    info = record.get("textInfo") or ""
    return info.get("markup", "") if isinstance(info, dict) else str(info)


def _plover_gold(record: dict) -> tuple[list[tuple[str, str, str]], list[dict]]:
    """Gold (source, target, type) dyads of a PLOVER GSR record and its coded actors (with actorText)."""
    sources = record.get("source") or []
    targets = record.get("target") or []
    event = plover_type_08(record.get("event", ""))
    src = [normalise_country(a.get("code")) for a in sources]
    tgt = [normalise_country(a.get("code")) for a in targets]
    reciprocal = "SRC/TAR" in _markup(record)
    if reciprocal and not tgt and len(set(src)) > 1:
        dyads = [(a, b, event) for a, b in permutations(dict.fromkeys(src), 2)]
    elif src and tgt:
        dyads = [(a, b, event) for a in src for b in tgt]
    elif src:
        dyads = [(a, "", event) for a in src]
    else:
        dyads = [("", b, event) for b in tgt]
    return list(dict.fromkeys(dyads)), [*sources, *targets]


def _score_actor_countries(record: dict, gold_actors: list[dict], pred: Predictions, accuracy: tuple[Accuracy, ...],
                           errors: Counter | None) -> int:
    """Actor country accuracy of one record via the gold `actorText`; returns how many were not in the text."""
    unlocated = 0
    mentions = pred.mentions.get(record["id"], [])
    for actor in gold_actors:
        span = locate(record["text"], actor.get("actorText", ""))
        if span is None:
            unlocated += 1
            continue
        expected = normalise_country(actor.get("code"))
        got = {pred.country(m["actor_id"]) for m in mentions if overlaps(span, (m["start_char"], m["end_char"]))}
        ok = expected in got
        for measure in accuracy:
            measure.add(ok)
        if not ok and errors is not None:
            errors[f"{expected} -> {'/'.join(sorted(x or 'null' for x in got)) or '(no mention)'}"] += 1
    return unlocated


def _missed_triggers(nlp, resources, missed_records: list[dict]) -> Counter:
    """Lemmas of the gold EVT words of records whose type we missed (pattern or not)."""
    triggers: Counter = Counter()
    docs = parse_lemmas(nlp, [r["text"] for r in missed_records])
    for r, doc in zip(missed_records, docs):
        spans, pos = [], 0
        for tag, segment in markup_segments(_markup(r)):
            if tag == "EVT":
                found = locate(r["text"], segment, pos)
                if found:
                    spans.append(found)
                    pos = found[1]
        for tok in doc:
            if tok.pos_ in ("VERB", "NOUN") and any(a <= tok.idx < b for a, b in spans):
                triggers[trigger_label(tok, resources)] += 1
    return triggers


def eval_plover(folder: Path, *, limit: int | None, nlp, resources, **_) -> DatasetResult:
    result = DatasetResult("plover-gsr")
    rows = read_jsonl(folder / "dev.jsonl", limit)
    result.items = len(rows)
    pred = run_articles([(r["id"], r["text"], parse_gold_date(r.get("date"))) for r in rows])
    scores = SplitMeasures(("dyad + PLOVER type", "PLOVER type"), Score)
    country_acc = SplitMeasures(("actor country accuracy",), Accuracy)
    missed_types, wrong_types, confusion = Counter(), Counter(), Counter()
    country_errors: Counter = Counter()
    unlocated = 0
    mapped = Counter(r.get("event") for r in rows if plover_type_08(r.get("event", "")) != r.get("event"))
    missed_records = []
    for r in rows:
        gold_dyads, gold_actors = _plover_gold(r)
        ours = [(s, t, p) for s, t, _, p in event_sets(pred, r["id"]) if p]
        half = half_of(result.name, r["id"])
        scores.add("dyad + PLOVER type", half, score_sets(gold_dyads, ours))
        gold_type = plover_type_08(r.get("event", ""))
        our_types = {p for *_, p in ours}
        scores.add("PLOVER type", half, score_sets([gold_type], our_types))
        analysed = half == ANALYSED_HALF
        unlocated += _score_actor_countries(r, gold_actors, pred, country_acc.parts("actor country accuracy", half),
                                            country_errors if analysed else None)
        if not analysed:
            continue
        tally_leftovers(leftover_pairs([gold_type], sorted(our_types), key=lambda x: x), missed=missed_types,
                        wrong=wrong_types, confusion=confusion)
        if gold_type not in our_types:
            missed_records.append(r)
    result.measures.update(scores.measures())
    result.measures.update(country_acc.measures())
    triggers = _missed_triggers(nlp, resources, missed_records)
    result.errors = {"missed types": top(missed_types), "wrong (spurious) types": top(wrong_types),
                     "confusion gold -> predicted": top(confusion),
                     "missed trigger lemmas (gold EVT words)": top(triggers),
                     "actor country errors gold -> ours": top(country_errors)}
    mapping = ", ".join(f"{k}->{PLOVER_05_TO_08[k]} ({n})" for k, n in sorted(mapped.items()))
    result.notes.append(f"PLOVER 0.5b1 -> 0.8 types mapped: {mapping or 'none'}; types compared as sets per "
                        "sentence (one gold event per record); SRC/TAR compound actors give reciprocal dyads; "
                        f"actor country accuracy over gold actorText found in the text ({unlocated} not found)")
    result.notes.append(halves_note(result.name, rows))
    return result
