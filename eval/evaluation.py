"""`newsevents eval`: score the NLP stage against third-party gold data.

The gold sets live outside the project (``NEWSEVENTS_EVAL_DIR``, default ``<repo>/../shared/eval``) and are
read at run time, never copied. Every dataset goes through the real NLP stage
(`newsevents.nlp.rows.process_articles`) and is scored from the contract tables it returns:

- ``conll2003-en-test``: PERSON mentions, exact character spans. Sentences of one CoNLL document are joined with
  "\\n" and processed as one article (headline, dateline and body together, as the pipeline sees news); gold token
  spans are mapped to character offsets in that joined text. The CoNLL text is pre-tokenised ("U.S. 's"), which
  costs the parser some accuracy; that is part of the number.
- ``petrarch2-gsr``: per sentence, (source country, target country, CAMEO code) sets, the same with root codes,
  and code/root multisets; plus actor country accuracy.
- ``plover-gsr``: (source country, target country, PLOVER type) sets and PLOVER type sets per sentence; PLOVER
  0.5b1 types that PLOVER 0.8 merged are mapped first (`PLOVER_05_TO_08`); plus actor country accuracy via
  ``actorText``.
- ``petrarch-unittest``: CAMEO code and root multisets only (fictional actors), with the validation actor
  dictionary added to a copy of the resources and a fresh pipeline built on it.
- ``polnear``: statements vs. gold attribution contents (character-span Jaccard >= 0.5, one-to-one), recall of
  direct quotes and of reported speech, speaker accuracy on matched pairs.

The pure functions (span Jaccard, multiset P/R/F1, code normalisation, dictionary parsing, quote regions) are
at the top and unit-tested; the dataset runners below them do the I/O.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import permutations
from pathlib import Path

import pycountry

REPO_ROOT = Path(__file__).resolve().parents[1]
DATASETS = ("conll2003-en-test", "petrarch2-gsr", "plover-gsr", "petrarch-unittest", "polnear")
#: Partition date stamped on the rows of an evaluation run (never published anywhere).
EVAL_PARTITION_DATE = date(2000, 1, 1)
SPAN_JACCARD_THRESHOLD = 0.5
#: A gold attribution is a direct quote when at least this share of its content characters (whitespace and
#: quotation marks not counted) lies inside a pair of quotation marks.
DIRECT_QUOTE_SHARE = 0.9
PERSON_MENTION_KINDS = ("name", "short_name", "alias")
TOP_N = 8

#: PLOVER 0.5b1 categories that PLOVER 0.8 (the version our CAMEO->PLOVER table follows) merged or renamed:
#: DISAPPROVE and INVESTIGATE became modes of ACCUSE (CAMEO 09x/11x -> ACCUSE in CAMEO2PLOVER-2021), DEMAND was
#: renamed REQUEST (CAMEO 10x), FIGHT (conventional military force, CAMEO 19x) became part of ASSAULT.
PLOVER_05_TO_08 = {"DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}
#: Non-ISO country codes used by the gold coders (old CAMEO/TABARI codes), checked against the gold actorText.
LEGACY_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
QUOTE_OPEN_CLOSE = {"“": "”", '"': '"'}
QUOTE_CHARS = set("“”\"")


# =============================================================================== pure scoring functions
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
                "precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1)}


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
        return {"kind": "accuracy", "correct": self.hits, "total": self.total, "accuracy": _round(self.value)}


class Recall(_Ratio):
    """A recall-only figure (the predictions have no matching notion of 'direct' to give a precision)."""

    def as_dict(self) -> dict:
        return {"kind": "recall", "tp": self.hits, "fn": self.total - self.hits, "recall": _round(self.value)}


def _round(value: float | None) -> float | None:
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


_ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def is_iso3(code: str) -> bool:
    return code.upper() in _ISO3


def normalise_country(code: str | None) -> str:
    """The 'country' of a gold or predicted actor code, for dyad comparison.

    ISO alpha-3 prefix -> those 3 letters (USA, IRQMUS -> IRQ, NGAREB -> NGA); a code starting with "---"
    (CAMEO's unknown country, e.g. ---GOV) -> "" (what a null country compares as); IGO codes (IGOUNO, IGOUNOMIL,
    PLOVER's bare IGO) -> "IGO"; a few legacy gold codes (JAP, ITL, VTN) -> their ISO code; anything else (ethnic
    ISO-639 codes, non-state codes such as IMGMOSALQ) stays the full upper-case code.
    """
    code = (code or "").strip().strip('"').upper()
    if not code or code.startswith("---"):
        return ""
    if code[:3] in LEGACY_COUNTRY_CODES and not is_iso3(code[:3]):
        return LEGACY_COUNTRY_CODES[code[:3]]
    if is_iso3(code[:3]):
        return code[:3]
    if code.startswith("IGO"):
        return "IGO"
    return code


def predicted_country(country_code: str | None, cameo_code: str | None) -> str:
    """Our actor's country for comparison: its ISO country; an IGO (no country) compares as "IGO"; else ""."""
    if country_code:
        return normalise_country(country_code)
    if cameo_code and cameo_code.upper().startswith("IGO"):
        return "IGO"
    return ""


def root_code(code: str) -> str:
    """CAMEO root: the first two digits ('0352' -> '03', '190' -> '19')."""
    return code[:2]


def plover_type_08(event_type: str) -> str:
    """A gold PLOVER 0.5b1 type in PLOVER 0.8 terms (our 16 categories)."""
    event_type = (event_type or "").strip().upper()
    return PLOVER_05_TO_08.get(event_type, event_type)


def leftover_pairs(gold: list[str], predicted: list[str], *, key: Callable[[str], str] = root_code
                   ) -> list[tuple[str, str]]:
    """Unmatched labels of one item as (gold, predicted) confusion pairs; '-' means none.

    Leftover gold labels are paired first with a leftover prediction of the same `key` (CAMEO root), then with
    any leftover prediction in order; what remains is a miss (gold, '-') or a spurious prediction ('-', pred).
    """
    g, p = Counter(gold), Counter(predicted)
    common = g & p
    g_left = sorted((g - common).elements())
    p_left = sorted((p - common).elements())
    pairs: list[tuple[str, str]] = []
    for label in list(g_left):
        same = next((x for x in p_left if key(x) == key(label)), None)
        if same is not None:
            pairs.append((label, same))
            p_left.remove(same)
            g_left.remove(label)
    for label in g_left:
        pairs.append((label, p_left.pop(0) if p_left else "-"))
    pairs += [("-", x) for x in p_left]
    return pairs


# ----------------------------------------------------------------------------- PETRARCH actor dictionary
_CODE_RE = re.compile(r"\[([^\]]*)\]")


def _strip_dictionary_comments(text: str) -> str:
    text = re.sub(r"<!.*?-->", "", text, flags=re.S)   # <!-- ... --> blocks (also the malformed "<! --")
    return "\n".join(line.split("#", 1)[0].rstrip() for line in text.splitlines())


def parse_petrarch_actors(text: str) -> dict[str, str]:
    """PETRARCH/TABARI actor dictionary -> {name: code}.

    Format: an entry line ``NAME [CODE]`` or a bare ``NAME`` whose code lines (``[CODE]``, ``[CODE <date]``,
    ``[CODE 19950601-19990815]``) follow, indented; ``+SYNONYM`` lines add names to the current entry; ``#`` starts
    a comment; ``<!-- -->`` blocks are comments. Underscores in names stand for spaces (a trailing underscore
    means "whole word only"). Of several codes the undated default wins, else the first listed; of a compound
    code (``FRO/BIL/SAM``) the first actor. Entries without a real code (``---``, ``+++``, ``###``) are dropped.
    Names are returned with spaces, upper case as written; codes upper case.
    """
    entries: list[tuple[list[str], list[tuple[str, bool]]]] = []
    current: tuple[list[str], list[tuple[str, bool]]] | None = None
    for raw in _strip_dictionary_comments(text).splitlines():
        line = raw.strip()
        if not line:
            continue
        codes = [(m.group(1).strip(), True) for m in _CODE_RE.finditer(line)]
        head = _CODE_RE.sub("", line).strip()
        if line.startswith("+"):
            if current is not None:
                current[0].append(head[1:])
            continue
        if head:
            current = ([head], [])
            entries.append(current)
        if current is not None:
            current[1].extend(codes)
    out: dict[str, str] = {}
    for names, codes in entries:
        code = _pick_code([c for c, _ in codes])
        if code is None:
            continue
        for name in names:
            clean = " ".join(name.replace("_", " ").split())
            if clean:
                out.setdefault(clean, code)
    return out


def _pick_code(blocks: list[str]) -> str | None:
    parsed = []
    for block in blocks:
        parts = block.split(None, 1)
        if not parts:
            continue
        code = parts[0].split("/")[0].upper()
        dated = len(parts) > 1 or any(ch in parts[0] for ch in "<>")
        code = re.sub(r"[<>].*", "", code)
        if re.fullmatch(r"[A-Z0-9]{3,}", code):
            parsed.append((code, dated))
    if not parsed:
        return None
    undated = [c for c, dated in parsed if not dated]
    return undated[0] if undated else parsed[0][0]


_SMALL_WORDS = {"of", "the", "and", "for", "de", "al"}


def name_variants(name: str) -> list[str]:
    """Surface forms of an upper-case dictionary name: as written and in title case ("MINAS TIRITH" ->
    "Minas Tirith", "AL-QAEDA" -> "Al-Qaeda", "THE SHIRE" -> "The Shire", "the Shire")."""
    def cap(word: str, first: bool) -> str:
        if not first and word.lower() in _SMALL_WORDS:
            return word.lower()
        if "." in word:
            return word   # initials and abbreviations: "U.N.", "W."
        return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))

    words = name.split()
    titled = " ".join(cap(w, i == 0) for i, w in enumerate(words))
    variants = [name, titled]
    if words and words[0].upper() == "THE" and len(words) > 1:
        variants.append("the " + titled.split(" ", 1)[1])
    return list(dict.fromkeys(v for v in variants if len(v) > 1))


def extend_resources(resources, actors: dict[str, str]):
    """A copy of `resources` that also knows the dictionary's actors (the original is left untouched).

    Every name becomes an organisation entry (actor type COUNTRY for a 3-letter code, else GROUP; country =
    first 3 letters, cameo = the code); 3-letter codes are also country names. Surface forms that the project
    already knows as demonyms ("French", "Danish") are left to the demonym logic.
    """
    from newsevents.nlp.resources import OrgEntry

    extended = dataclasses.replace(resources, orgs=dict(resources.orgs), countries=dict(resources.countries))
    for name, code in actors.items():
        variants = name_variants(name)
        canonical = variants[1] if len(variants) > 1 else variants[0]
        kind = "COUNTRY" if len(code) == 3 else "GROUP"
        for alias in variants:
            if alias in resources.demonyms:
                continue
            extended.orgs[alias] = OrgEntry(canonical_name=canonical, actor_type=kind, country_code=code[:3],
                                            cameo_code=code)
            if len(code) == 3:
                extended.countries[alias] = code
    return extended


# ----------------------------------------------------------------------------- CoNLL, PLOVER markup, quotes
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


_MARKUP_RE = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC): ([^()]*)\)")


def markup_segments(markup: str) -> list[tuple[str, str]]:
    """(tag, text) of each marked span of a PLOVER GSR markup string."""
    return [(m.group(1), m.group(2).strip()) for m in _MARKUP_RE.finditer(markup or "")]


def locate(text: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    """Character span of `needle` in `text` (case-sensitive first, then case-insensitive), or None."""
    if not needle:
        return None
    i = text.find(needle, start)
    if i < 0:
        i = text.lower().find(needle.lower(), start)
    if i < 0 and start:
        return locate(text, needle, 0)
    return (i, i + len(needle)) if i >= 0 else None


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


# =============================================================================== results
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


def _top(counter: Counter, n: int = TOP_N) -> list[tuple[str, int]]:
    return [(str(k), v) for k, v in counter.most_common(n)]


# =============================================================================== running the NLP stage
@dataclass
class Predictions:
    """The contract tables of one evaluation run, indexed by article."""

    actors: dict[str, dict]
    mentions: dict[str, list[dict]]
    events: dict[str, list[dict]]
    statements: dict[str, list[dict]]

    def country(self, actor_id: str | None) -> str:
        actor = self.actors.get(actor_id) if actor_id else None
        return predicted_country(actor["country_code"], actor["cameo_code"]) if actor else ""


def _articles_table(records: list[tuple[str, str, datetime | None]]):
    import pyarrow as pa

    return pa.table({
        "article_id": pa.array([r[0] for r in records], pa.string()),
        "text": pa.array([r[1] for r in records], pa.string()),
        "published_at": pa.array([r[2] for r in records], pa.timestamp("us")),
    })


def _process_default(records: list[tuple[str, str, datetime | None]]):
    """Worker entry point: the default pipeline and resources on a chunk of articles."""
    from newsevents.nlp.rows import process_articles
    from newsevents.nlp.runtime import get_nlp, get_resources

    return process_articles(_articles_table(records), nlp=get_nlp(), resources=get_resources(),
                            partition_date=EVAL_PARTITION_DATE)


def run_articles(records: list[tuple[str, str, datetime | None]], *, nlp=None, resources=None,
                 workers: int = 1) -> Predictions:
    """Run `process_articles` on (id, text, published_at) records; several worker processes if asked.

    spaCy's own `n_process` cannot be used: the Docs carry Python objects (dates, actor tables) in extension
    attributes that spaCy cannot serialise between processes. Workers here each run `process_articles` on a
    share of the articles instead and the actor tables are merged as `process_articles` does.
    """
    import pyarrow as pa

    from newsevents.nlp.rows import merge_actor_tables, process_articles

    if workers > 1 and nlp is None and len(records) >= 2 * workers:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # interleave long and short articles so that workers finish together
        ordered = sorted(records, key=lambda r: -len(r[1]))
        chunks = [ordered[i::workers] for i in range(workers)]
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            parts = list(pool.map(_process_default, chunks))
        tables = {name: pa.concat_tables([p[name] for p in parts]) for name in parts[0]}
        tables["actors"] = merge_actor_tables(tables["actors"])
    elif nlp is None:
        tables = _process_default(records)
    else:
        tables = process_articles(_articles_table(records), nlp=nlp, resources=resources,
                                  partition_date=EVAL_PARTITION_DATE)
    by_article: dict[str, dict[str, list[dict]]] = {}
    for name in ("actor_mentions", "events", "statements"):
        grouped: dict[str, list[dict]] = defaultdict(list)
        for row in tables[name].to_pylist():
            grouped[row["article_id"]].append(row)
        by_article[name] = grouped
    actors = {row["actor_id"]: row for row in tables["actors"].to_pylist()}
    return Predictions(actors=actors, mentions=by_article["actor_mentions"], events=by_article["events"],
                       statements=by_article["statements"])


def _read_jsonl(path: Path, limit: int | None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    return None


def _parse_lemmas(nlp, texts: list[str]):
    """Parse sentences with the English model only (for the error analysis of missed triggers)."""
    from newsevents.nlp.components import COMPONENTS

    disabled = [name for name in COMPONENTS if name in nlp.pipe_names]
    return list(nlp.pipe(texts, disable=disabled))


def _trigger_label(tok, resources) -> str:
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN"
    status = "pattern exists" if (pos, tok.lemma_.lower()) in resources.patterns else "no pattern"
    return f"{tok.lemma_.lower()}/{pos} ({status})"


# =============================================================================== datasets
def eval_conll(folder: Path, *, limit: int | None, **_) -> DatasetResult:
    result = DatasetResult("conll2003-en-test")
    rows = _read_jsonl(folder / "dev.jsonl", limit)
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
    score = Score()
    missed, spurious, confusion = Counter(), Counter(), Counter()
    for doc_id, text in texts.items():
        mentions = pred.mentions.get(doc_id, [])
        predicted = {(m["start_char"], m["end_char"]) for m in mentions
                     if m["mention_kind"] in PERSON_MENTION_KINDS
                     and pred.actors.get(m["actor_id"], {}).get("actor_type") == "PERSON"}
        score += score_sets(gold[doc_id], predicted)
        for span in gold[doc_id] - predicted:
            missed[text[span[0]:span[1]]] += 1
            over = [m for m in mentions if overlaps(span, (m["start_char"], m["end_char"]))]
            if not over:
                confusion["PER -> (no mention)"] += 1
            else:
                m = over[0]
                actor_type = pred.actors.get(m["actor_id"], {}).get("actor_type", "?")
                exact = (m["start_char"], m["end_char"]) == span
                confusion[f"PER -> {actor_type}/{m['mention_kind']}{'' if exact else ' (other boundary)'}"] += 1
        for span in predicted - gold[doc_id]:
            spurious[text[span[0]:span[1]]] += 1
            if span in other_gold[doc_id]:
                confusion[f"{other_gold[doc_id][span]} -> PERSON"] += 1
            elif any(overlaps(span, g) for g in gold[doc_id]):
                confusion["PER -> PERSON (boundary differs)"] += 1
            else:
                confusion["O -> PERSON"] += 1
    result.measures["PERSON mention (exact span)"] = score
    result.errors = {"missed PERSON names": _top(missed), "spurious PERSON names": _top(spurious),
                     "confusion gold -> predicted": _top(confusion)}
    result.notes.append(f"run per document: {len(records)} CoNLL docs, sentences joined with '\\n', gold token "
                        "spans mapped to char offsets; predicted = PERSON actors' name/short_name/alias mentions")
    return result


def _event_sets(pred: Predictions, article_id: str) -> list[tuple[str, str, str, str | None]]:
    """(source country, target country, CAMEO code, PLOVER type) of each of our events in an article."""
    out = []
    for e in pred.events.get(article_id, []):
        out.append((pred.country(e["source_actor_id"]), pred.country(e["target_actor_id"]), e["event_code"],
                    e["plover_type"]))
    return out


def _sentence_countries(pred: Predictions, article_id: str) -> set[str]:
    return {pred.country(m["actor_id"]) for m in pred.mentions.get(article_id, [])} - {""}


def eval_petrarch_gsr(folder: Path, *, limit: int | None, nlp, resources, **_) -> DatasetResult:
    result = DatasetResult("petrarch2-gsr")
    rows = [r for r in _read_jsonl(folder / "dev.jsonl", limit) if not r.get("error")]
    result.items = len(rows)
    pred = run_articles([(r["id"], r["text"], _date(r.get("date"))) for r in rows])
    names = ("dyad + code", "dyad + root", "code", "root")
    scores = {n: Score() for n in names}
    country_acc = Accuracy()
    missed_codes, wrong_codes, confusion, missing_countries = Counter(), Counter(), Counter(), Counter()
    missed_sentences = []
    for r in rows:
        gold = [] if r.get("noevents") else [
            (normalise_country(e["source"]), normalise_country(e["target"]), e["cameo"]) for e in r["events"]]
        ours = [(s, t, c) for s, t, c, _ in _event_sets(pred, r["id"])]
        scores["dyad + code"] += score_sets(gold, ours)
        scores["dyad + root"] += score_sets([(s, t, root_code(c)) for s, t, c in gold],
                                            [(s, t, root_code(c)) for s, t, c in ours])
        scores["code"] += score_multisets([c for *_, c in gold], [c for *_, c in ours])
        scores["root"] += score_multisets([root_code(c) for *_, c in gold], [root_code(c) for *_, c in ours])
        found = _sentence_countries(pred, r["id"])
        for country in sorted({x for s, t, _ in gold for x in (s, t)} - {""}):
            country_acc.add(country in found)
            if country not in found:
                missing_countries[country] += 1
        pairs = leftover_pairs([c for *_, c in gold], [c for *_, c in ours])
        for g, p in pairs:
            confusion[f"{g} -> {p}"] += 1
            if g != "-":
                missed_codes[g] += 1
            if p != "-":
                wrong_codes[p] += 1
        if any(g != "-" for g, _ in pairs):
            missed_sentences.append(r["text"])
    for n in names:
        result.measures[n] = scores[n]
    result.measures["actor country accuracy"] = country_acc
    result.errors = {"missed codes": _top(missed_codes), "wrong (spurious) codes": _top(wrong_codes),
                     "confusion gold -> predicted": _top(confusion),
                     "gold countries not among our actors": _top(missing_countries),
                     "verbs of sentences with missed events": _missed_verbs(nlp, resources, missed_sentences)}
    result.notes.append("country = ISO3 prefix of the actor code, '---' = unknown (= our null), IGO* = IGO; "
                        "dyad measures compare sets, code/root multisets per sentence; noevents records only "
                        "count false positives")
    return result


def _missed_verbs(nlp, resources, sentences: list[str]) -> list[tuple[str, int]]:
    counts: Counter = Counter()
    for doc in _parse_lemmas(nlp, sentences):
        for tok in doc:
            if tok.pos_ == "VERB" and tok.lemma_.lower() not in resources.speech_cues:
                counts[_trigger_label(tok, resources)] += 1
    return _top(counts)


def _markup(record: dict) -> str:
    """The PLOVER GSR markup string (one record has it as a bare string instead of {"markup": ...})."""
    info = record.get("textInfo") or ""
    return info.get("markup", "") if isinstance(info, dict) else str(info)


def _plover_gold(record: dict) -> tuple[list[tuple[str, str, str]], list[dict]]:
    """Gold (source, target, type) dyads of a PLOVER GSR record and its coded actors (with actorText)."""
    sources = record.get("source") or []
    targets = record.get("target") or []
    event = plover_type_08(record.get("event", ""))
    src = [normalise_country(a.get("code")) for a in sources]
    tgt = [normalise_country(a.get("code")) for a in targets]
    reciprocal = "SRC/TAR" in _markup(record)
    if reciprocal and not tgt and len(set(src)) > 1:
        dyads = [(a, b, event) for a, b in permutations(dict.fromkeys(src), 2)]
    elif src and tgt:
        dyads = [(a, b, event) for a in src for b in tgt]
    elif src:
        dyads = [(a, "", event) for a in src]
    else:
        dyads = [("", b, event) for b in tgt]
    return list(dict.fromkeys(dyads)), [*sources, *targets]


def eval_plover(folder: Path, *, limit: int | None, nlp, resources, **_) -> DatasetResult:
    result = DatasetResult("plover-gsr")
    rows = _read_jsonl(folder / "dev.jsonl", limit)
    result.items = len(rows)
    pred = run_articles([(r["id"], r["text"], _date(r.get("date"))) for r in rows])
    dyad_score, type_score, country_acc = Score(), Score(), Accuracy()
    missed_types, wrong_types, confusion, triggers = Counter(), Counter(), Counter(), Counter()
    country_errors: Counter = Counter()
    unlocated = 0
    mapped = Counter(r.get("event") for r in rows if plover_type_08(r.get("event", "")) != r.get("event"))
    missed_records = []
    for r in rows:
        gold_dyads, gold_actors = _plover_gold(r)
        ours = [(s, t, p) for s, t, _, p in _event_sets(pred, r["id"]) if p]
        dyad_score += score_sets(gold_dyads, ours)
        gold_type = plover_type_08(r.get("event", ""))
        our_types = {p for *_, p in ours}
        type_score += score_sets([gold_type], our_types)
        for g, p in leftover_pairs([gold_type], sorted(our_types), key=lambda x: x):
            confusion[f"{g} -> {p}"] += 1
            if g != "-":
                missed_types[g] += 1
            if p != "-":
                wrong_types[p] += 1
        if gold_type not in our_types:
            missed_records.append(r)
        mentions = pred.mentions.get(r["id"], [])
        for actor in gold_actors:
            span = locate(r["text"], actor.get("actorText", ""))
            if span is None:
                unlocated += 1
                continue
            expected = normalise_country(actor.get("code"))
            got = {pred.country(m["actor_id"]) for m in mentions if overlaps(span, (m["start_char"], m["end_char"]))}
            ok = expected in got
            country_acc.add(ok)
            if not ok:
                country_errors[f"{expected} -> {'/'.join(sorted(x or 'null' for x in got)) or '(no mention)'}"] += 1
    result.measures["dyad + PLOVER type"] = dyad_score
    result.measures["PLOVER type"] = type_score
    result.measures["actor country accuracy"] = country_acc
    docs = _parse_lemmas(nlp, [r["text"] for r in missed_records])
    for r, doc in zip(missed_records, docs):
        spans, pos = [], 0
        for tag, segment in markup_segments(_markup(r)):
            if tag == "EVT":
                found = locate(r["text"], segment, pos)
                if found:
                    spans.append(found)
                    pos = found[1]
        for tok in doc:
            if tok.pos_ in ("VERB", "NOUN") and any(a <= tok.idx < b for a, b in spans):
                triggers[_trigger_label(tok, resources)] += 1
    result.errors = {"missed types": _top(missed_types), "wrong (spurious) types": _top(wrong_types),
                     "confusion gold -> predicted": _top(confusion),
                     "missed trigger lemmas (gold EVT words)": _top(triggers),
                     "actor country errors gold -> ours": _top(country_errors)}
    mapping = ", ".join(f"{k}->{PLOVER_05_TO_08[k]} ({n})" for k, n in sorted(mapped.items()))
    result.notes.append(f"PLOVER 0.5b1 -> 0.8 types mapped: {mapping or 'none'}; types compared as sets per "
                        "sentence (one gold event per record); SRC/TAR compound actors give reciprocal dyads; "
                        f"actor country accuracy over gold actorText found in the text ({unlocated} not found)")
    return result


def eval_petrarch_unittest(folder: Path, *, limit: int | None, resources, **_) -> DatasetResult:
    import spacy

    from newsevents.nlp.components import add_components
    from newsevents.nlp.runtime import resolve_model_name

    result = DatasetResult("petrarch-unittest")
    rows_all = _read_jsonl(folder / "dev.jsonl", limit)
    rows = [r for r in rows_all if not r.get("error")]
    result.items = len(rows)
    dictionary = folder / "dictionaries" / "PETR.Validate.actors.txt"
    actors = parse_petrarch_actors(dictionary.read_text(encoding="utf-8")) if dictionary.exists() else {}
    extended = extend_resources(resources, actors)
    nlp = add_components(spacy.load(resolve_model_name()), resources=extended)
    pred = run_articles([(r["id"], r["text"], _date(r.get("date"))) for r in rows], nlp=nlp, resources=extended)
    code_score, root_score = Score(), Score()
    missed_codes, wrong_codes, confusion, no_actor = Counter(), Counter(), Counter(), Counter()
    missed_sentences = []
    for r in rows:
        gold = [] if r.get("noevents") else [e["cameo"] for e in r["events"]]
        ours = [c for _, _, c, _ in _event_sets(pred, r["id"])]
        code_score += score_multisets(gold, ours)
        root_score += score_multisets([root_code(c) for c in gold], [root_code(c) for c in ours])
        pairs = leftover_pairs(gold, ours)
        for g, p in pairs:
            confusion[f"{g} -> {p}"] += 1
            if g != "-":
                missed_codes[g] += 1
            if p != "-":
                wrong_codes[p] += 1
        if any(g != "-" for g, _ in pairs):
            missed_sentences.append(r["text"])
            coded = {(pred.actors.get(m["actor_id"]) or {}).get("cameo_code") or "" for m in
                     pred.mentions.get(r["id"], [])}
            for e in r["events"]:
                for code in (e["source"], e["target"]):
                    if re.match(r"[A-Z]{3}", code) and code[:3] not in {c[:3] for c in coded}:
                        no_actor[code] += 1
    result.measures["code"] = code_score
    result.measures["root"] = root_score
    result.errors = {"missed codes": _top(missed_codes), "wrong (spurious) codes": _top(wrong_codes),
                     "confusion gold -> predicted": _top(confusion),
                     "gold actors not coded (in missed sentences)": _top(no_actor),
                     "verbs of sentences with missed events": _missed_verbs(nlp, extended, missed_sentences)}
    result.notes.append(f"{len(rows_all) - len(rows)} records with `error` skipped; validation actor dictionary: "
                        f"{len(actors)} names added to a copy of the resources, fresh pipeline")
    return result


def eval_polnear(folder: Path, *, limit: int | None, workers: int = 1, **_) -> DatasetResult:
    result = DatasetResult("polnear")
    rows = _read_jsonl(folder / "dev.jsonl", limit)
    result.items = len(rows)
    pred = run_articles([(r["id"], r["text"], _date(r.get("publication_date"))) for r in rows], workers=workers)
    score = Score()
    direct, indirect, speaker = Recall(), Recall(), Accuracy()
    missed_cues, spurious_cues, speaker_errors = Counter(), Counter(), Counter()
    for r in rows:
        text = r["text"]
        mask = quote_mask(text)
        attributions = [a for a in r["attributions"] if (a.get("content") or {}).get("spans")]
        gold = [[tuple(s) for s in a["content"]["spans"]] for a in attributions]
        statements = pred.statements.get(r["id"], [])
        ours = [[(s["start_char"], s["end_char"])] for s in statements]
        matches = match_by_jaccard(gold, ours)
        score += Score(tp=len(matches), fp=len(ours) - len(matches), fn=len(gold) - len(matches))
        matched_gold = {gi: pi for gi, pi, _ in matches}
        matched_ours = set(matched_gold.values())
        mentions = pred.mentions.get(r["id"], [])
        for gi, a in enumerate(attributions):
            found = gi in matched_gold
            (direct if is_direct_quote(text, gold[gi], mask) else indirect).add(found)
            if not found:
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
            speaker.add(ok)
            if not ok:
                speaker_errors[f"{a['source'].get('text', '')[:30]!r} -> {(st['speaker_text'] or 'null')[:30]!r}"] += 1
        for pi, s in enumerate(statements):
            if pi not in matched_ours:
                spurious_cues[f"{(s['cue'] or '(no cue)').lower()} ({'direct' if s['is_direct'] else 'reported'})"
                              ] += 1
    result.measures["statement content (Jaccard>=0.5)"] = score
    result.measures["direct-quote recall"] = direct
    result.measures["reported-speech recall"] = indirect
    result.measures["speaker accuracy (matched)"] = speaker
    result.errors = {"missed attributions by gold cue": _top(missed_cues),
                     "spurious statements by our cue": _top(spurious_cues),
                     "speaker errors gold source -> our speaker": _top(speaker_errors)}
    result.notes.append(f"{len(rows)} articles as real articles (published_at = publication_date), "
                        f"{workers} worker process(es); content spans = union of gold pieces; direct quote = >= "
                        f"{DIRECT_QUOTE_SHARE:.0%} of content chars (no spaces/quote marks) inside quotation marks; "
                        "speaker accuracy over matched pairs whose gold has a source")
    return result


EVALUATORS: dict[str, Callable[..., DatasetResult]] = {
    "conll2003-en-test": eval_conll,
    "petrarch2-gsr": eval_petrarch_gsr,
    "plover-gsr": eval_plover,
    "petrarch-unittest": eval_petrarch_unittest,
    "polnear": eval_polnear,
}


# =============================================================================== runner and report
def default_eval_dir() -> Path:
    return Path(os.environ.get("NEWSEVENTS_EVAL_DIR") or REPO_ROOT.parent / "shared" / "eval")


def available_datasets(eval_dir: Path) -> list[str]:
    return [name for name in DATASETS if (eval_dir / name / "dev.jsonl").is_file()]


def run_evaluation(eval_dir: Path, *, limit: int | None = None, workers: int = 2,
                   log: Callable[[str], None] | None = None) -> dict:
    """Score every available dataset; the figures as a JSON-ready dict."""
    from newsevents.nlp.runtime import get_nlp, get_resources, resolve_model_name

    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    started = time.perf_counter()
    nlp, resources = get_nlp(), get_resources()
    setup = time.perf_counter() - started
    results: list[DatasetResult] = []
    for name in DATASETS:
        if not (eval_dir / name / "dev.jsonl").is_file():
            results.append(DatasetResult(name, skipped="no dev.jsonl"))
            continue
        log(f"newsevents eval: {name} ...")
        t0 = time.perf_counter()
        result = EVALUATORS[name](eval_dir / name, limit=limit, nlp=nlp, resources=resources, workers=workers)
        result.seconds = time.perf_counter() - t0
        results.append(result)
    return {
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "eval_dir": str(eval_dir), "limit": limit, "workers": workers, "model": resolve_model_name(),
        "git_commit": git_commit(), "setup_seconds": round(setup, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
        "datasets": {r.name: r.as_dict() for r in results},
    }


def git_commit() -> str | None:
    head = REPO_ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            return (REPO_ROOT / ".git" / ref[5:]).read_text().strip()[:12]
        return ref[:12]
    except OSError:
        return None


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_table(report: dict, previous: dict | None = None) -> str:
    """One table: dataset, items, seconds, measure, counts, P, R, F1 (or accuracy/recall), change vs previous."""
    header = ["dataset", "items", "secs", "measure", "tp", "fp", "fn", "P", "R", "F1/acc"]
    if previous:
        header.append("dF1/acc")
    rows: list[list[str]] = []
    for name, ds in report["datasets"].items():
        if ds.get("skipped"):
            rows.append([name, "-", "-", f"skipped: {ds['skipped']}", "", "", "", "", "", ""] + ([""] if previous
                                                                                                   else []))
            continue
        first = True
        for measure, m in ds["measures"].items():
            if m["kind"] == "prf":
                cells = [str(m["tp"]), str(m["fp"]), str(m["fn"]), _fmt(m["precision"]), _fmt(m["recall"]),
                         _fmt(m["f1"])]
                value = m["f1"]
            elif m["kind"] == "recall":
                cells = [str(m["tp"]), "", str(m["fn"]), "", _fmt(m["recall"]), _fmt(m["recall"])]
                value = m["recall"]
            else:
                cells = [str(m["correct"]), "", str(m["total"] - m["correct"]), "", "", _fmt(m["accuracy"])]
                value = m["accuracy"]
            row = [name if first else "", str(ds["items"]) if first else "", f"{ds['seconds']:.1f}" if first else "",
                   measure, *cells]
            if previous:
                old = (((previous.get("datasets") or {}).get(name) or {}).get("measures") or {}).get(measure) or {}
                old_value = old.get("f1", old.get("accuracy", old.get("recall")))
                row.append("" if value is None or old_value is None else f"{value - old_value:+.3f}")
            rows.append(row)
            first = False
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    numeric = {1, 2, 4, 5, 6, 7, 8, 9, 10}

    def fmt(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if i in numeric else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths)))

    lines = [fmt(header), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def render_report(report: dict, previous: dict | None = None) -> str:
    lines = [f"newsevents eval: {report['eval_dir']} (model {report['model']}, limit "
             f"{report['limit'] if report['limit'] is not None else 'none'}, commit {report['git_commit']})", "",
             render_table(report, previous),
             "(accuracy rows: tp = correct, fn = wrong; recall-only rows: tp = found, fn = missed)", "",
             f"total {report['total_seconds']:.1f} s (model load {report['setup_seconds']:.1f} s)"]
    notes = [(name, note) for name, ds in report["datasets"].items() for note in ds.get("notes", [])]
    if notes:
        lines += ["", "notes:"]
        lines += [f"  {name}: {note}" for name, note in notes]
    lines += ["", "error analysis (most frequent first):"]
    for name, ds in report["datasets"].items():
        for title, entries in (ds.get("errors") or {}).items():
            if entries:
                shown = "; ".join(f"{' '.join(label.split())} x{n}" for label, n in entries)
                lines.append(f"  {name} | {title}: {shown}")
    return "\n".join(lines)


def main_eval(*, eval_dir: Path | None = None, out: Path | None = None, limit: int | None = None,
              workers: int = 2) -> int:
    """`newsevents eval`: print the table and the error analysis, write the JSON figures; 0 when data is absent."""
    eval_dir = Path(eval_dir) if eval_dir else default_eval_dir()
    if not available_datasets(eval_dir):
        print(f"newsevents eval: no evaluation data under {eval_dir} (set NEWSEVENTS_EVAL_DIR or --eval-dir); "
              "skipping")
        return 0
    report = run_evaluation(eval_dir, limit=limit, workers=workers)
    previous = None
    if out is not None and Path(out).is_file():
        try:
            previous = json.loads(Path(out).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = None
    print(render_report(report, previous))
    if out is not None:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfigures written to {out}" + (" (dF1/acc: change vs the previous file)" if previous else ""))
    return 0
