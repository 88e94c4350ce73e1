"""The benchmark corpus: the real article texts of the evaluation data, repeated to N landing records.

Corpus: ``<eval dir>/articles/dev.jsonl`` (VOA) then the article texts of ``<eval dir>/polnear/dev.jsonl``,
repeated to N articles. Every copy gets its own ``url`` (``https://bench.invalid/<i>``) and ``id``, so extract's
duplicate detection (article_id = hash of the canonical URL) keeps every copy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

BENCH_URL = "https://bench.invalid/"
LANDING_FILE_ARTICLES = 500
#: The datasets of the corpus: (name, path under the eval dir, field holding the publication time).
CORPUS_SOURCES = (("voa", "articles/dev.jsonl", "published"), ("polnear", "polnear/dev.jsonl", "publication_date"))


def _published(value) -> str | None:
    """VOA's "2025-03-10 21:53:04Z" as ISO 8601 ("2025-03-10T21:53:04Z"); PolNeAR's dates as they are."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    return value[:10] + "T" + value[11:] if len(value) > 10 and value[10] == " " else value


def read_sources(eval_dir: Path) -> list[dict]:
    """The distinct source articles: {dataset, source_id, title, text, published_at}, VOA first, file order.
    A missing dataset file is skipped; rows without text are skipped."""
    out = []
    for dataset, relative, date_field in CORPUS_SOURCES:
        path = Path(eval_dir) / relative
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                text = row.get("text")
                if not isinstance(text, str) or not text.strip():
                    continue
                out.append({"dataset": dataset, "source_id": str(row.get("id")), "title": row.get("title"),
                            "text": text, "published_at": _published(row.get(date_field))})
    return out


def build_corpus(sources: Sequence[dict], n: int) -> list[dict]:
    """N landing records: the sources in order, repeated; copy i gets url ``https://bench.invalid/<i>`` and id
    ``bench-<i>`` so that no two records share an article_id."""
    if not sources:
        raise ValueError("no source articles to build a corpus from")
    records = []
    for i in range(n):
        src = sources[i % len(sources)]
        records.append({
            "id": f"bench-{i:06d}", "url": f"{BENCH_URL}{i}", "source": f"bench:{src['dataset']}:{src['source_id']}",
            "title": src["title"], "published_at": src["published_at"], "text": src["text"],
        })
    return records


def write_landing(records: Sequence[dict], folder: Path, per_file: int = LANDING_FILE_ARTICLES) -> list[Path]:
    """Write the records as JSONL files of at most `per_file` lines; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for part, start in enumerate(range(0, len(records), per_file)):
        path = folder / f"bench-{part:03d}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for record in records[start:start + per_file]:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def logical_date_for(records: Iterable[dict], today: date | None = None) -> date:
    """The night the corpus is run as: the latest publication date (so no article is 'from the future')."""
    days = [date.fromisoformat(r["published_at"][:10]) for r in records if r.get("published_at")]
    return max(days) if days else (today or datetime.now(UTC).date())
