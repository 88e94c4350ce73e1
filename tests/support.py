"""Helpers shared by the test tiers."""

from __future__ import annotations

from pathlib import Path


def expected_read(landing: Path) -> int:
    """Input records a landing folder holds: one per JSON line (valid or not), one per text/HTML file."""
    n = 0
    for path in sorted(landing.iterdir()):
        if path.suffix == ".jsonl":
            n += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        elif path.suffix in (".txt", ".html"):
            n += 1
    return n
