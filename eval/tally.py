"""One gold set's result: its measures, error tallies (most frequent first) and notes; the shared shape every dataset
module returns."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from eval.metrics import Accuracy, Recall, Score

TOP_N = 8


@dataclass
class DatasetResult:
    name: str
    items: int = 0
    seconds: float = 0.0
    measures: dict[str, Score | Accuracy | Recall] = field(default_factory=dict)
    errors: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None

    def as_dict(self) -> dict:
        return {"items": self.items, "seconds": round(self.seconds, 1), "skipped": self.skipped,
                "measures": {k: v.as_dict() for k, v in self.measures.items()},
                "errors": {k: [[label, n] for label, n in v] for k, v in self.errors.items()},
                "notes": self.notes}


def top(counter: Counter, n: int = TOP_N) -> list[tuple[str, int]]:
    return [(str(k), v) for k, v in counter.most_common(n)]


def tally_leftovers(pairs: list[tuple[str, str]], *, missed: Counter, wrong: Counter, confusion: Counter) -> bool:
    """Count the unmatched (gold, predicted) pairs of one item ("-" = none) into the error tallies; True when a
    gold label was missed."""
    for g, p in pairs:
        confusion[f"{g} -> {p}"] += 1
        if g != "-":
            missed[g] += 1
        if p != "-":
            wrong[p] += 1
    return any(g != "-" for g, _ in pairs)
