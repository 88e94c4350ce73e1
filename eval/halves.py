"""The half split of every event gold set: each dev item falls in half A or half B by a stable hash of its id, and
every event measure is reported for the whole set and for each half.

The discipline it supports: rules are changed only after looking at the errors of half A (the error analysis is
printed for half A only); half B is scored, never inspected. A change that lifts one half and not the other is
fitting to the sentences looked at, and is reverted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Generic, TypeVar

HALVES = ("A", "B")
#: The half whose errors are analysed (the other is only scored).
ANALYSED_HALF = "A"

M = TypeVar("M")


def half_of(dataset: str, item_id: str) -> str:
    """'A' or 'B': the parity of a SHA-256 of the dataset name and the item id (independent of the 30% dev split,
    which hashes the same key without the 'half:' prefix)."""
    digest = hashlib.sha256(f"half:{dataset}:{item_id}".encode()).hexdigest()
    return HALVES[int(digest[:8], 16) % 2]


def half_label(measure: str, half: str) -> str:
    return f"{measure} [{half}]"


class SplitMeasures(Generic[M]):
    """One measure object per (name, whole/half A/half B), filled item by item."""

    def __init__(self, names: tuple[str, ...], factory: Callable[[], M]):
        self.names = names
        self._by = {(name, part): factory() for name in names for part in ("", *HALVES)}

    def parts(self, name: str, half: str) -> tuple[M, M]:
        """The whole-set and the half's measure of `name`, for an item of `half`."""
        return self._by[(name, "")], self._by[(name, half)]

    def add(self, name: str, half: str, score) -> None:
        """Add a Score of one item (of `half`) to the whole set and to its half."""
        for measure in self.parts(name, half):
            measure += score

    def measures(self) -> dict[str, M]:
        """Every measure in report order: whole set, then [A], then [B], per name."""
        out: dict[str, M] = {}
        for name in self.names:
            out[name] = self._by[(name, "")]
            for half in HALVES:
                out[half_label(name, half)] = self._by[(name, half)]
        return out


def halves_note(dataset: str, rows: list[dict], key: str = "id") -> str:
    counts = {h: sum(half_of(dataset, str(r[key])) == h for r in rows) for h in HALVES}
    return (f"halves by sha256('half:{dataset}:<{key}>'): A {counts['A']}, B {counts['B']} items; error analysis "
            f"of half {ANALYSED_HALF} only")
