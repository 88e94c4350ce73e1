"""Reading the project's own JSON Lines sets (challenge, fresh, fresh2 .. fresh8, fresh-people): one record per
non-blank line, each with a unique `id`; the caller checks the rest and names the place (`file:line`) in its error."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def records(path: Path) -> Iterator[tuple[str, dict]]:
    """(`file:line`, record) of every non-blank line, in order; a ValueError for a missing or repeated id."""
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            record, where = json.loads(line), f"{path}:{number}"
            if not record.get("id") or record["id"] in seen:
                raise ValueError(f"{where}: missing or repeated id")
            seen.add(record["id"])
            yield where, record
