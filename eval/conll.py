"""conll2003-en-test: PERSON mentions, exact character spans. Sentences of one CoNLL document are joined with "\\n" and
processed as one article; gold token spans are mapped to character offsets in the joined text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eval.halves import ANALYSED_HALF, SplitMeasures, half_of, halves_note
from eval.metrics import Score, overlaps, score_sets
from eval.predict import read_jsonl, run_articles
from eval.tally import DatasetResult, top

PERSON_MENTION_KINDS = ("name", "short_name", "alias")


def conll_sentence_spans(tokens: list[str], entities: list[dict], entity_type: str = "PER"
                         ) -> tuple[str, list[tuple[int, int]]]:
    """Sentence text (tokens joined by single spaces) and the character spans of its gold entities of a type."""
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    text = " ".join(tokens)
    spans = [(starts[e["start"]], starts[e["end"] - 1] + len(tokens[e["end"] - 1]))
             for e in entities if e["type"] == entity_type]
    return text, spans


def eval_conll(folder: Path, *, limit: int | None, **_) -> DatasetResult:
    result = DatasetResult("conll2003-en-test")
    rows = read_jsonl(folder / "dev.jsonl", limit)
    result.items = len(rows)
    docs: dict[str, list[dict]] = {}
    for row in rows:
        docs.setdefault(row["doc_id"], []).append(row)
    records, gold, other_gold = [], {}, {}
    for doc_id, sentences in docs.items():
        parts, offset = [], 0
        gold[doc_id], other_gold[doc_id] = set(), {}
        for s in sentences:
            text, spans = conll_sentence_spans(s["tokens"], s["entities"], "PER")
            gold[doc_id] |= {(offset + a, offset + b) for a, b in spans}
            for etype in ("LOC", "ORG", "MISC"):
                for a, b in conll_sentence_spans(s["tokens"], s["entities"], etype)[1]:
                    other_gold[doc_id][(offset + a, offset + b)] = etype
            parts.append(text)
            offset += len(text) + 1
        records.append((doc_id, "\n".join(parts), None))
    pred = run_articles(records)
    texts = {doc_id: text for doc_id, text, _ in records}
    scores = SplitMeasures(("PERSON mention (exact span)",), Score)
    missed, spurious, confusion = Counter(), Counter(), Counter()
    for doc_id, text in texts.items():
        mentions = pred.mentions.get(doc_id, [])
        predicted = {(m["start_char"], m["end_char"]) for m in mentions
                     if m["mention_kind"] in PERSON_MENTION_KINDS
                     and pred.actors.get(m["actor_id"], {}).get("actor_type") == "PERSON"}
        half = half_of(result.name, doc_id)
        scores.add("PERSON mention (exact span)", half, score_sets(gold[doc_id], predicted))
        if half != ANALYSED_HALF:
            continue   # half B is scored, never inspected
        _tally_errors(text, gold[doc_id], predicted, other_gold[doc_id], mentions, pred.actors,
                      missed=missed, spurious=spurious, confusion=confusion)
    result.measures.update(scores.measures())
    result.errors = {"missed PERSON names": top(missed), "spurious PERSON names": top(spurious),
                     "confusion gold -> predicted": top(confusion)}
    result.notes.append(f"run per document: {len(records)} CoNLL docs, sentences joined with '\\n', gold token "
                        "spans mapped to char offsets; predicted = PERSON actors' name/short_name/alias mentions")
    result.notes.append(halves_note(result.name, [{"id": doc_id} for doc_id in texts]))
    return result


def _tally_errors(text: str, gold: set, predicted: set, other_gold: dict, mentions: list[dict], actors: dict, *,
                  missed: Counter, spurious: Counter, confusion: Counter) -> None:
    """Count one document's missed and spurious PERSON spans and what the gold or our output had there."""
    for span in gold - predicted:
        missed[text[span[0]:span[1]]] += 1
        over = [m for m in mentions if overlaps(span, (m["start_char"], m["end_char"]))]
        if not over:
            confusion["PER -> (no mention)"] += 1
        else:
            m = over[0]
            actor_type = actors.get(m["actor_id"], {}).get("actor_type", "?")
            exact = (m["start_char"], m["end_char"]) == span
            confusion[f"PER -> {actor_type}/{m['mention_kind']}{'' if exact else ' (other boundary)'}"] += 1
    for span in predicted - gold:
        spurious[text[span[0]:span[1]]] += 1
        if span in other_gold:
            confusion[f"{other_gold[span]} -> PERSON"] += 1
        elif any(overlaps(span, g) for g in gold):
            confusion["PER -> PERSON (boundary differs)"] += 1
        else:
            confusion["O -> PERSON"] += 1
