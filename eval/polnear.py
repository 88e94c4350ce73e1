"""polnear: statements vs gold attribution contents (character-span Jaccard >= 0.5, one-to-one), recall of direct
quotes and of reported speech, speaker accuracy on matched pairs."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from eval.halves import ANALYSED_HALF, SplitMeasures, half_of, halves_note
from eval.metrics import Accuracy, Recall, Score, match_by_jaccard, merge_spans, overlaps
from eval.predict import parse_gold_date, read_jsonl, run_articles
from eval.tally import DatasetResult, top

#: A gold attribution is a direct quote when at least this share of its content characters (whitespace and
#: quotation marks not counted) lies inside a pair of quotation marks.
DIRECT_QUOTE_SHARE = 0.9


CONTENT, DIRECT, REPORTED, SPEAKER = ("statement content (Jaccard>=0.5)", "direct-quote recall",
                                      "reported-speech recall", "speaker accuracy (matched)")

QUOTE_OPEN_CLOSE = {"“": "”", '"': '"'}


QUOTE_CHARS = set("“”\"")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (marks excluded), paragraph by paragraph.

    Curly quotes pair “ with the next ”; straight quotes pair alternately. A quote still open at the end of a
    paragraph runs to the paragraph's end (the news convention for multi-paragraph quotes).
    """
    regions = []
    for para in re.finditer(r"[^\n]+", text):
        base, body = para.start(), para.group(0)
        opened_at: int | None = None
        closing = ""
        for j, ch in enumerate(body):
            if opened_at is None:
                if ch in QUOTE_OPEN_CLOSE:
                    opened_at, closing = j + 1, QUOTE_OPEN_CLOSE[ch]
            elif ch == closing:
                regions.append((base + opened_at, base + j))
                opened_at = None
        if opened_at is not None and opened_at < len(body):
            regions.append((base + opened_at, base + len(body)))
    return regions


def quote_mask(text: str) -> bytearray:
    """1 for every character inside quotation marks (`quote_regions`), else 0."""
    mask = bytearray(len(text))
    for start, end in quote_regions(text):
        mask[start:end] = b"\x01" * (end - start)
    return mask


def is_direct_quote(text: str, spans: list[tuple[int, int]], mask: bytearray | None = None) -> bool:
    """A content span is a direct quote when >= DIRECT_QUOTE_SHARE of its characters, not counting whitespace
    and quotation marks, lie inside quotation-mark pairs (`quote_regions`; pass `quote_mask(text)` to reuse)."""
    mask = quote_mask(text) if mask is None else mask
    total = inside = 0
    for start, end in merge_spans(spans):
        for i in range(start, min(end, len(text))):
            ch = text[i]
            if ch.isspace() or ch in QUOTE_CHARS:
                continue
            total += 1
            inside += mask[i]
    return total > 0 and inside / total >= DIRECT_QUOTE_SHARE


def eval_polnear(folder: Path, *, limit: int | None, workers: int = 1, **_) -> DatasetResult:
    result = DatasetResult("polnear")
    rows = read_jsonl(folder / "dev.jsonl", limit)
    result.items = len(rows)
    records = [(r["id"], r["text"], parse_gold_date(r.get("publication_date"))) for r in rows]
    pred = run_articles(records, workers=workers)
    scores = SplitMeasures((CONTENT,), Score)
    recalls = SplitMeasures((DIRECT, REPORTED), Recall)
    speakers = SplitMeasures((SPEAKER,), Accuracy)
    missed_cues, spurious_cues, speaker_errors = Counter(), Counter(), Counter()
    for r in rows:
        text = r["text"]
        mask = quote_mask(text)
        attributions = [a for a in r["attributions"] if (a.get("content") or {}).get("spans")]
        gold = [[tuple(s) for s in a["content"]["spans"]] for a in attributions]
        statements = pred.statements.get(r["id"], [])
        ours = [[(s["start_char"], s["end_char"])] for s in statements]
        matches = match_by_jaccard(gold, ours)
        half = half_of(result.name, r["id"])
        analysed = half == ANALYSED_HALF
        scores.add(CONTENT, half, Score(tp=len(matches), fp=len(ours) - len(matches), fn=len(gold) - len(matches)))
        matched_gold = {gi: pi for gi, pi, _ in matches}
        matched_ours = set(matched_gold.values())
        mentions = pred.mentions.get(r["id"], [])
        for gi, a in enumerate(attributions):
            found = gi in matched_gold
            for measure in recalls.parts(DIRECT if is_direct_quote(text, gold[gi], mask) else REPORTED, half):
                measure.add(found)
            if not found:
                if analysed:
                    missed_cues[((a.get("cue") or {}).get("text") or "(no cue)").lower()] += 1
                continue
            if a.get("no_source") or not (a.get("source") or {}).get("spans"):
                continue
            st = statements[matched_gold[gi]]
            source_spans = [tuple(s) for s in a["source"]["spans"]]
            ok = st["speaker_start_char"] is not None and any(
                overlaps((st["speaker_start_char"], st["speaker_end_char"]), s) for s in source_spans)
            if not ok and st["speaker_actor_id"]:
                ok = any(m["actor_id"] == st["speaker_actor_id"] and overlaps((m["start_char"], m["end_char"]), s)
                         for m in mentions for s in source_spans)
            for measure in speakers.parts(SPEAKER, half):
                measure.add(ok)
            if not ok and analysed:
                speaker_errors[f"{a['source'].get('text', '')[:30]!r} -> {(st['speaker_text'] or 'null')[:30]!r}"] += 1
        for pi, s in enumerate(statements):
            if analysed and pi not in matched_ours:
                spurious_cues[f"{(s['cue'] or '(no cue)').lower()} ({'direct' if s['is_direct'] else 'reported'})"
                              ] += 1
    result.measures.update(scores.measures())
    result.measures.update(recalls.measures())
    result.measures.update(speakers.measures())
    result.errors = {"missed attributions by gold cue": top(missed_cues),
                     "spurious statements by our cue": top(spurious_cues),
                     "speaker errors gold source -> our speaker": top(speaker_errors)}
    result.notes.append(f"{len(rows)} articles as real articles (published_at = publication_date), "
                        f"{workers} worker process(es); content spans = union of gold pieces; direct quote = >= "
                        f"{DIRECT_QUOTE_SHARE:.0%} of content chars (no spaces/quote marks) inside quotation marks; "
                        "speaker accuracy over matched pairs whose gold has a source")
    result.notes.append(halves_note(result.name, rows))
    return result
