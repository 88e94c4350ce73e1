"""Scoring arithmetic shared by every gold set: P/R/F1 over multisets and sets, accuracies, character-span overlap and
one-to-one span matching."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

SPAN_JACCARD_THRESHOLD = 0.5


@dataclass
class Score:
    """Counts of one precision/recall measure."""
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def as_dict(self) -> dict:
        return {"kind": "prf", "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round_or_none(self.precision), "recall": round_or_none(self.recall),
                "f1": round_or_none(self.f1)}


@dataclass
class _Ratio:
    """Hits out of trials; the subclasses differ only in how they are reported."""
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += int(ok)
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


class Accuracy(_Ratio):
    def as_dict(self) -> dict:
        return {"kind": "accuracy", "correct": self.hits, "total": self.total, "accuracy": round_or_none(self.value)}


class Recall(_Ratio):
    """A recall-only figure (the predictions have no matching notion of 'direct' to give a precision)."""
    def as_dict(self) -> dict:
        return {"kind": "recall", "tp": self.hits, "fn": self.total - self.hits, "recall": round_or_none(self.value)}


def round_or_none(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def score_multisets(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Score:
    """P/R/F1 counts of one item: items are matched with multiplicity (two gold 190s need two predicted 190s)."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return Score(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


def score_sets(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Score:
    """P/R/F1 counts of one item, duplicates ignored on both sides."""
    return score_multisets(set(gold), set(predicted))


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of character spans as sorted, disjoint, non-empty [start, end) intervals."""
    out: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans if e > s):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def span_length(spans: Iterable[tuple[int, int]]) -> int:
    return sum(e - s for s, e in merge_spans(spans))


def span_overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> int:
    """Characters in both unions."""
    a, b = merge_spans(a), merge_spans(b)
    total, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        total += max(0, hi - lo)
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def span_jaccard(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> float:
    """|A ∩ B| / |A ∪ B| over characters; a discontinuous span is the union of its pieces."""
    a, b = merge_spans(a), merge_spans(b)
    inter = span_overlap(a, b)
    union = span_length(a) + span_length(b) - inter
    return inter / union if union else 0.0


def match_by_jaccard(gold: list[list[tuple[int, int]]], predicted: list[list[tuple[int, int]]],
                     threshold: float = SPAN_JACCARD_THRESHOLD) -> list[tuple[int, int, float]]:
    """One-to-one matching (gold index, predicted index, jaccard), best pairs first, all >= threshold."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if span_overlap(g, p):
                j = span_jaccard(g, p)
                if j >= threshold:
                    candidates.append((j, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for j, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, j))
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
