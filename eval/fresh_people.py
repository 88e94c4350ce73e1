"""fresh-people: a held-out batch of fictional news passages (eval/fresh_people.jsonl) for the "who" of the output:
PERSON mentions and statements with their speakers, written by a writer who never read the rules and committed before
it was first scored. Scored through the real NLP stage like conll2003 and polnear, whole set and two hash halves.

The file's conventions (one passage per line: `id`, `kind`, `text`, `persons`, `statements`):

- `persons`: every PERSON mention of the passage, as its exact string, in order of appearance (CoNLL convention:
  titles such as "President" or "Coach" and "Mr."/"Mrs." are outside the name, so is a possessive "'s"; a name in an
  all-caps headline line counts like any other mention). Located one after the other at word boundaries.
- `statements`: `{speaker, content}` per quote or reported statement.
  - `content` is the quoted text inside the quotation marks (punctuation inside them kept), or the reported clause
    after the cue ("said that ..." without "that", without the sentence's final period). Each paragraph of a
    multi-paragraph quote is a statement of its own, with the same speaker.
  - `speaker` is the source as it is written in full in the passage: a pronoun or title speaker ("she said", "the
    minister said") is written as the full name of the person it refers to; an institution is its name ("The State
    Department"); a possessive or group subject is the whole phrase ("Senator Mark Ellison's aides", "Opponents of
    the mayor"), whose head noun (aides, Opponents) is the speaker, never the possessor.

Measures: PERSON mentions by exact character span (our PERSON actors' name mentions, as conll2003 counts them);
statement contents matched one-to-one by character-span Jaccard >= 0.5 (as polnear); recall of direct quotes and of
reported statements; speaker accuracy on matched statements: right when the head of our speaker (its text, its
actor's name or any of that actor's mentions) is the head of the gold speaker (`speaker_head`).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path

from eval.conll import PERSON_MENTION_KINDS
from eval.halves import ANALYSED_HALF, SplitMeasures, half_of, halves_note
from eval.jsonl import records
from eval.metrics import Accuracy, Recall, Score, match_by_jaccard, score_sets
from eval.polnear import is_direct_quote, quote_mask
from eval.predict import Predictions, run_articles
from eval.report import REPO_ROOT
from eval.tally import DatasetResult, top

FRESH_PEOPLE_FILE = REPO_ROOT / "eval" / "fresh_people.jsonl"
#: Publication date given to every passage (relative dates resolve against it).
PEOPLE_DATE = datetime(2017, 4, 12, 12, 0)

PERSON, CONTENT, DIRECT, REPORTED, SPEAKER = (
    "PERSON mention (exact span)", "statement content (Jaccard>=0.5)", "direct-quote recall",
    "reported-speech recall", "speaker accuracy (matched)")

Span = tuple[int, int]

#: Prepositions that end the head part of a speaker phrase ("Observers from the African Union" -> Observers).
_POSTMODIFIER = re.compile(r"\s+(?:of|from|in|at|for|with)\s+.*$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def locate_in_order(text: str, strings: list[str]) -> list[Span] | None:
    """Character spans of `strings` found one after the other in `text`, each at word boundaries (so that "Ali" is
    not found inside "Alice"); None when one of them is not found after the previous one."""
    spans, pos = [], 0
    for s in strings:
        m = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)").search(text, pos)
        if not m:
            return None
        spans.append((m.start(), m.end()))
        pos = m.end()
    return spans


def content_span(text: str, content: str) -> Span | None:
    """The first occurrence of a statement's content in the passage (contents of one passage are distinct)."""
    start = text.find(content)
    return (start, start + len(content)) if start >= 0 else None


def speaker_head(phrase: str | None) -> str:
    """The head word of a speaker phrase, lower-cased: the last word before a post-modifying preposition, without a
    leading article or a possessive ending. "Pavel Novak" -> novak; "Senator Mark Ellison's aides" -> aides;
    "Opponents of the mayor" -> opponents; "Hendricks' office" -> office; "" for none."""
    phrase = _POSTMODIFIER.sub("", _LEADING.sub("", (phrase or "").strip()))
    words = phrase.split()
    if not words:
        return ""
    return re.sub(r"(?:'s|’s|'|’)$", "", words[-1]).lower()


def read_people(path: Path = FRESH_PEOPLE_FILE) -> list[dict]:
    """The passages, checked: a unique id, a text, persons found in order at word boundaries, every statement's
    content found in the text and its speaker non-empty; a ValueError naming file and line otherwise."""
    rows = []
    for where, row in records(path):
        if not row.get("text"):
            raise ValueError(f"{where}: no text")
        if locate_in_order(row["text"], row.get("persons", [])) is None:
            raise ValueError(f"{where}: a person is not found in order in the text")
        for st in row.get("statements", []):
            if not st.get("speaker") or content_span(row["text"], st.get("content") or "\0") is None:
                raise ValueError(f"{where}: a statement without speaker or with content not in the text")
        rows.append(row)
    return rows


def predicted_persons(pred: Predictions, passage_id: str) -> set[Span]:
    """Spans of our PERSON actors' name mentions in one passage (as conll2003 counts them)."""
    return {(m["start_char"], m["end_char"]) for m in pred.mentions.get(passage_id, [])
            if m["mention_kind"] in PERSON_MENTION_KINDS
            and pred.actors.get(m["actor_id"], {}).get("actor_type") == "PERSON"}


def speaker_candidates(pred: Predictions, passage_id: str, statement: dict) -> list[str]:
    """What our statement names as its speaker: its speaker text, its actor's name and the actor's mentions."""
    out = [statement.get("speaker_text") or ""]
    actor_id = statement.get("speaker_actor_id")
    if actor_id:
        out.append((pred.actors.get(actor_id) or {}).get("name") or "")
        out += [m["text"] for m in pred.mentions.get(passage_id, []) if m["actor_id"] == actor_id]
    return [c for c in out if c]


def speaker_is_right(gold_speaker: str, candidates: list[str]) -> bool:
    """Our speaker is right when one of its names has the gold speaker's head word."""
    head = speaker_head(gold_speaker)
    return bool(head) and any(speaker_head(c) == head for c in candidates)


def eval_fresh_people(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """Score eval/fresh_people.jsonl: PERSON P/R/F1, statement content F1, quote recalls and speaker accuracy,
    whole set and hash halves; errors of half A only."""
    result = DatasetResult("fresh-people")
    rows = read_people()[:limit] if limit else read_people()
    result.items = len(rows)
    pred = run_articles([(r["id"], r["text"], PEOPLE_DATE) for r in rows])
    split = {"persons": SplitMeasures((PERSON,), Score), "contents": SplitMeasures((CONTENT,), Score),
             "recalls": SplitMeasures((DIRECT, REPORTED), Recall), "speakers": SplitMeasures((SPEAKER,), Accuracy)}
    errors = {k: Counter() for k in ("missed PERSON names", "spurious PERSON names", "missed statements",
                                     "speaker errors gold -> ours")}
    for r in rows:
        half = half_of(result.name, r["id"])
        _score_passage(pred, r, half, split, errors if half == ANALYSED_HALF else None)
    for measures in split.values():
        result.measures.update(measures.measures())
    result.errors = {k: top(v) for k, v in errors.items()}
    result.notes.append(f"{len(rows)} fictional passages of {FRESH_PEOPLE_FILE.relative_to(REPO_ROOT)}; PERSON = "
                        "exact character spans; contents one-to-one by Jaccard >= 0.5; speaker right when the head "
                        "word of our speaker text, actor name or actor mention is the gold speaker's head")
    result.notes.append(halves_note(result.name, rows))
    return result


def _score_passage(pred: Predictions, row: dict, half: str, split: dict, errors: dict | None) -> None:
    """Add one passage's PERSON, content, recall and speaker figures to its half; tally errors when asked."""
    text = row["text"]
    gold_persons = set(locate_in_order(text, row["persons"]) or [])
    ours_persons = predicted_persons(pred, row["id"])
    split["persons"].add(PERSON, half, score_sets(gold_persons, ours_persons))
    statements = pred.statements.get(row["id"], [])
    gold = [[content_span(text, st["content"])] for st in row["statements"]]
    matches = match_by_jaccard(gold, [[(s["start_char"], s["end_char"])] for s in statements])
    split["contents"].add(CONTENT, half, Score(tp=len(matches), fp=len(statements) - len(matches),
                                               fn=len(gold) - len(matches)))
    matched = {gi: pi for gi, pi, _ in matches}
    mask = quote_mask(text)
    for gi, st in enumerate(row["statements"]):
        kind = DIRECT if is_direct_quote(text, gold[gi], mask) else REPORTED
        for measure in split["recalls"].parts(kind, half):
            measure.add(gi in matched)
        if gi not in matched:
            if errors is not None:
                errors["missed statements"][f"{kind.split()[0]}: {st['content'][:40]!r}"] += 1
            continue
        ours = statements[matched[gi]]
        ok = speaker_is_right(st["speaker"], speaker_candidates(pred, row["id"], ours))
        for measure in split["speakers"].parts(SPEAKER, half):
            measure.add(ok)
        if not ok and errors is not None:
            errors["speaker errors gold -> ours"][f"{st['speaker'][:30]!r} -> {(ours['speaker_text'] or 'null')[:30]!r}"
                                                  ] += 1
    if errors is not None:
        errors["missed PERSON names"].update(text[a:b] for a, b in gold_persons - ours_persons)
        errors["spurious PERSON names"].update(text[a:b] for a, b in ours_persons - gold_persons)
