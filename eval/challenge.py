"""challenge: the project's own challenge set (tests/golden/challenge_events.jsonl), fictional sentences written for
this project, at least ten per CAMEO root and a family of sentences that must give no event (verbal, figurative,
electoral and sports senses, negations, hypotheticals, denials). Independent of every gold set; scored through the
real NLP stage like them.

Measures: (source country, target country, code) and (source country, target country, root) sets per sentence;
items coded exactly right; and precision by QuadClass of the predicted code, a predicted event counting as right when
the sentence expects the same (source country, target country, root). QuadClass 4 precision is what conflict counts
rest on.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from eval.codes import normalise_country, root_code
from eval.halves import ANALYSED_HALF, HALVES, half_label, half_of, halves_note
from eval.jsonl import records
from eval.metrics import Accuracy, Score, score_sets
from eval.predict import Predictions, run_articles
from eval.report import REPO_ROOT
from eval.tally import DatasetResult, top
from newsevents.core.codes import cameo_codes

CHALLENGE_FILE = REPO_ROOT / "tests" / "golden" / "challenge_events.jsonl"
#: A fresh batch of fictional sentences written before any rule was changed for them, scored like the challenge set
#: (and in two hash halves) but never used by a test: the honest estimate of quality on text nobody tuned on.
FRESH_FILE = REPO_ROOT / "eval" / "fresh_events.jsonl"
#: A second fresh batch, written by a writer who never read the rules or their data (nor the challenge set), and
#: committed before it was first scored: a held-out estimate independent of the rule writers' own phrasings.
FRESH2_FILE = REPO_ROOT / "eval" / "fresh2_events.jsonl"
#: A third fresh batch by another independent writer (same rules: no reading of the rules, their data, the challenge
#: set or the earlier batches; committed before first scoring), with wire-copy phrasings: datelines, passives,
#: nominal events, quotes that report acts.
FRESH3_FILE = REPO_ROOT / "eval" / "fresh3_events.jsonl"
#: A fourth fresh batch by another independent writer (same rules; committed before first scoring), with more varied
#: registers: regional wire styles, long two-clause sentences, nominal events in subject position, acts reported
#: through a named official's quote, and domestic dyads coded with the country on both sides.
FRESH4_FILE = REPO_ROOT / "eval" / "fresh4_events.jsonl"
#: A fifth fresh batch by another independent writer (same rules; committed before first scoring), with agency wire
#: leads, parliamentary and court reporting, press releases, translated statements, live-blog fragments, headline-plus-
#: lead pairs, long sentences whose event sits in a subordinate clause, and ministries, agencies and sub-national
#: actors (governors, state police, separatists) coded with their country.
FRESH5_FILE = REPO_ROOT / "eval" / "fresh5_events.jsonl"
#: A sixth fresh batch by another independent writer (same rules; committed before first scoring), with radio and TV
#: transcripts, Pacific, Caribbean, Central Asian, West African and Balkan news, business and energy desks with state
#: actors, human-rights reports, police blotters, election-season copy, retrospectives mixing past and present,
#: passives and nominal events, events in relative clauses and actors introduced in a preceding clause.
FRESH6_FILE = REPO_ROOT / "eval" / "fresh6_events.jsonl"
#: A seventh fresh batch by another independent writer (same rules; committed before first scoring), with translated
#: wire copy (Arabic, French, Spanish, Russian services: titles before names, "the official news agency reported"),
#: South and South-East Asian regional press, municipal and provincial politics, maritime, airspace, cyber and space
#: incidents, refugee and migration desks, court and tribunal rulings, factbox lines, anonymous sources, headline
#: leads, phrasal verbs and light-verb nouns, and agentless passives.
FRESH7_FILE = REPO_ROOT / "eval" / "fresh7_events.jsonl"
FRESH8_FILE = REPO_ROOT / "eval" / "fresh8_events.jsonl"
#: Publication date given to every challenge sentence (relative dates resolve against it).
CHALLENGE_DATE = datetime(2017, 4, 12, 12, 0)
FAMILIES = tuple(f"{n:02d}" for n in range(1, 21)) + ("none",)
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

Triple = tuple[str, str, str]


def read_challenge(path: Path = CHALLENGE_FILE) -> list[dict]:
    """The challenge items, checked: a unique id, a family (a root '01'..'20' or 'none'), a text and a list of
    expected events, each with source, target (CAMEO actor codes, '' for none) and code."""
    items = []
    for where, item in records(path):
        if item.get("family") not in FAMILIES or not item.get("text"):
            raise ValueError(f"{where}: bad family or text")
        if item["family"] == "none" and item["events"] or item["family"] != "none" and not item["events"]:
            raise ValueError(f"{where}: family 'none' has no events, every other family has some")
        items.append(item)
    return items


def _expected(item: dict) -> list[tuple[str, str, list[str]]]:
    """(source country, target country, acceptable codes) of an item's expected events: '' is no target or an
    unknown country; a code written '023|0233' accepts either, the first being the one reported."""
    return [(normalise_country(e["source"]), normalise_country(e.get("target")), e["code"].split("|"))
            for e in item["events"]]


def expected_triples(item: dict) -> set[Triple]:
    """(source country, target country, code) of an item's expected events, each with its first code."""
    return {(s, t, codes[0]) for s, t, codes in _expected(item)}


def predicted_triples(pred: Predictions, item: dict) -> set[Triple]:
    """(source country, target country, code) of our events of an item; a code the item accepts for that dyad is
    reported as the item's first code for it."""
    accepted = {(s, t, code): (s, t, codes[0]) for s, t, codes in _expected(item) for code in codes}
    out = set()
    for e in pred.events.get(item["id"], []):
        triple = (pred.country(e["source_actor_id"]), pred.country(e["target_actor_id"]), e["event_code"])
        out.add(accepted.get(triple, triple))
    return out


def item_errors(expected: set[Triple], predicted: set[Triple]) -> list[str]:
    """What is wrong with one item: missed and spurious (source, target, code), empty when it is right."""
    return [f"missed {t}" for t in sorted(expected - predicted)] + [f"spurious {t}" for t in
                                                                     sorted(predicted - expected)]


def run_challenge(items: list[dict]) -> Predictions:
    return run_articles([(item["id"], item["text"], CHALLENGE_DATE) for item in items])


def _roots(triples: set[Triple]) -> set[Triple]:
    return {(s, t, root_code(c)) for s, t, c in triples}


def eval_challenge(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """The challenge set (tests/golden/challenge_events.jsonl), whole set only (it may be inspected freely)."""
    return score_items_file("challenge", CHALLENGE_FILE, limit=limit, halves=False)


def eval_fresh(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """The fresh batch (eval/fresh_events.jsonl), whole set and two hash halves; errors of half A only."""
    return score_items_file("fresh", FRESH_FILE, limit=limit, halves=True)


def eval_fresh2(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """The second fresh batch (eval/fresh2_events.jsonl), scored as `fresh` is: whole set and two hash halves."""
    return score_items_file("fresh2", FRESH2_FILE, limit=limit, halves=True)


def eval_fresh3(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """The third fresh batch (eval/fresh3_events.jsonl), scored as `fresh` is: whole set and two hash halves."""
    return score_items_file("fresh3", FRESH3_FILE, limit=limit, halves=True)


def eval_fresh4(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """The fourth fresh batch (eval/fresh4_events.jsonl), scored as `fresh` is: whole set and two hash halves, errors of
    half A only (held back in rounds 5 and 6; its half A is open for inspection from round 7)."""
    return score_items_file("fresh4", FRESH4_FILE, limit=limit, halves=True)


def eval_fresh5(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """The fifth fresh batch (eval/fresh5_events.jsonl), scored as `fresh` is: whole set and two hash halves, errors of
    half A only (held back in rounds 6 and 7; its half A is open for inspection from round 8)."""
    return score_items_file("fresh5", FRESH5_FILE, limit=limit, halves=True)


def eval_fresh6(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """The sixth fresh batch (eval/fresh6_events.jsonl), scored as `fresh` is: whole set and two hash halves, errors of
    half A only (held back in rounds 7 and 8; its half A is open for inspection from round 9)."""
    return score_items_file("fresh6", FRESH6_FILE, limit=limit, halves=True)


def eval_fresh7(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """The seventh fresh batch (eval/fresh7_events.jsonl): whole set and two hash halves, figures only. It is held
    back as a yardstick nobody has inspected, so no error list of it is printed (see HELD_BACK)."""
    return score_items_file("fresh7", FRESH7_FILE, limit=limit, halves=True)


def eval_fresh8(folder: Path | None = None, *, limit: int | None = None, **_) -> DatasetResult:
    """The eighth fresh batch (eval/fresh8_events.jsonl): whole set and two hash halves, figures only. It is held
    back as an unseen yardstick with fresh7, so no error list of it is printed (see HELD_BACK)."""
    return score_items_file("fresh8", FRESH8_FILE, limit=limit, halves=True)


#: Sets held back as unseen yardsticks: scored and reported as figures, their items never listed in the error analysis
#: (a set leaves this tuple in the round that opens its half A for inspection).
HELD_BACK = ("fresh7", "fresh8")


def _parts(name: str, item_id: str, halves: bool) -> tuple[str, ...]:
    """The measure suffixes an item counts in: the whole set, and with halves its half."""
    return ("", half_label("", half_of(name, item_id))) if halves else ("",)


def score_items_file(name: str, path: Path, *, limit: int | None, halves: bool) -> DatasetResult:
    """Score a file of fictional items through the real NLP stage: (source, target, code) and root sets, items exactly
    right, precision by QuadClass; with `halves`, each measure also for half A and half B (eval.halves), and the error
    lists of half A only."""
    result = DatasetResult(name)
    items = read_challenge(path)[:limit] if limit else read_challenge(path)
    result.items = len(items)
    pred = run_challenge(items)
    quad_of = {code: c.quad_class for code, c in cameo_codes().items()}
    suffixes = ("", *(half_label("", h) for h in HALVES)) if halves else ("",)
    codes, roots = {p: Score() for p in suffixes}, {p: Score() for p in suffixes}
    exact = {p: Accuracy() for p in suffixes}
    by_quad = {(q, p): Score() for q in QUAD_NAMES for p in suffixes}
    families: dict[str, Accuracy] = {f: Accuracy() for f in FAMILIES}
    missed, spurious, wrong_items = Counter(), Counter(), Counter()
    for item in items:
        parts = _parts(name, item["id"], halves)
        gold, ours = expected_triples(item), predicted_triples(pred, item)
        ok = gold == ours
        for p in parts:
            codes[p] += score_sets(gold, ours)
            roots[p] += score_sets(_roots(gold), _roots(ours))
            exact[p].add(ok)
            for q, score in _quad_scores(gold, ours, quad_of).items():
                by_quad[(q, p)] += score
        if name in HELD_BACK or (halves and half_of(name, item["id"]) != ANALYSED_HALF):
            continue
        families[item["family"]].add(ok)
        missed.update(c for *_, c in gold - ours)
        spurious.update(c for *_, c in ours - gold)
        if not ok:
            wrong_items[f"{item['id']}: {'; '.join(item_errors(gold, ours))}"] += 1
    for p in suffixes:
        result.measures[f"event (source, target, code){p}"] = codes[p]
        result.measures[f"event (source, target, root){p}"] = roots[p]
        result.measures[f"items exactly right{p}"] = exact[p]
        for q, label in QUAD_NAMES.items():
            result.measures[f"QuadClass {q} ({label}){p}"] = by_quad[(q, p)]
    result.errors = {"families (items right)": [(f, a.hits) for f, a in families.items() if a.total],
                     "missed codes": top(missed), "spurious codes": top(spurious),
                     "wrong items": top(wrong_items, 40)}
    result.notes.append(f"{len(items)} fictional sentences of {path.relative_to(REPO_ROOT)}; QuadClass rows: "
                        "a predicted event is right when the item expects its (source, target, root), fn = expected "
                        "events of that class not found")
    if halves:
        result.notes.append(halves_note(name, items))
    if name in HELD_BACK:
        result.notes.append(f"{name}: held back (unseen yardstick): figures only, no error analysis")
    return result


def _quad_scores(gold: set[Triple], ours: set[Triple], quad_of: dict[str, int]) -> dict[int, Score]:
    """Precision and recall by QuadClass of one item: a predicted event is right when the item expects its
    (source, target, root); an expected event whose (source, target, root) we do not give is a miss of its class."""
    out = {q: Score() for q in QUAD_NAMES}
    gold_roots, our_roots = _roots(gold), _roots(ours)
    for s, t, c in ours:
        right = (s, t, root_code(c)) in gold_roots
        out[quad_of[c]] += Score(tp=int(right), fp=int(not right))
    for s, t, c in gold:
        if (s, t, root_code(c)) not in our_roots:
            out[quad_of[c]] += Score(fn=1)
    return out
