"""tr-news and geowebnews: toponym recognition and resolution (geoparsing) against gold GeoNames coordinates.

Per dataset, as a whole and in the two hash halves:
- recognition P/R/F1: a predicted toponym (any `location_mentions` row) matches a gold toponym whose character span
  it overlaps (one to one, in text order). GeoWebNews also gets "literal" recognition: gold toponyms of a literal
  type (`LITERAL_TYPES`) against predicted mentions of `usage` literal;
- on the matched toponyms with gold coordinates, as Gritta et al. (2020) evaluate geocoding: country accuracy,
  accuracy@161 km, median error in km and the AUC of the error curve (errors ln(1 + km), sorted, the area under
  that curve over the area of the largest possible error, ln(20039 km): 0 is perfect, lower is better). A matched
  toponym left unresolved counts as the largest error.

The gold country is TR-News's `country` field (a name, read with the project's country names); GeoWebNews has
none, so it is the country of the gold GeoNames id when the gazetteer has it, else of the nearest gazetteer place
within 50 km of the gold point (else not counted).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from pathlib import Path

from eval.halves import HALVES, SplitMeasures, half_of, halves_note
from eval.metrics import Accuracy, Score
from eval.predict import EVAL_PARTITION_DATE, _articles_table, read_jsonl
from eval.tally import DatasetResult, top
from newsevents.nlp.places import distance_km
from newsevents.nlp.rows import process_articles

#: GeoWebNews types of literal (locational) toponyms, after Gritta et al.'s taxonomy; the rest are not places.
LITERAL_TYPES = ("Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier")
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0
_GRID = 1.0   # degrees per cell of the reverse-lookup grid


class ErrorCurve:
    """Resolution errors in km; reported as median and AUC (see the module docstring)."""

    def __init__(self):
        self.errors: list[float] = []

    def __iadd__(self, other: ErrorCurve) -> ErrorCurve:
        self.errors += other.errors
        return self

    def median(self) -> float | None:
        if not self.errors:
            return None
        ordered = sorted(self.errors)
        mid = len(ordered) // 2
        return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2

    def auc(self) -> float | None:
        if len(self.errors) < 2:
            return None
        logs = sorted(math.log(1 + e) for e in self.errors)
        area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))
        return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


class Value:
    """A figure that is neither a ratio nor P/R/F1 (median km, AUC), from an ErrorCurve."""

    def __init__(self, curve: ErrorCurve, which: str):
        self.curve, self.which = curve, which

    def as_dict(self) -> dict:
        value = self.curve.median() if self.which == "median" else self.curve.auc()
        return {"kind": "value", "n": len(self.curve.errors), "value": None if value is None else round(value, 4)}


class _ReverseLookup:
    """Country of a gold point: by GeoNames id, else the nearest gazetteer place within 50 km (grid cells)."""

    def __init__(self, index):
        self.by_id = {p.geonames_id: p for p in index.places if p.geonames_id is not None}
        self.cells: dict[tuple[int, int], list] = defaultdict(list)
        for p in index.places:
            if p.level == "city":
                self.cells[(int(p.latitude // _GRID), int(p.longitude // _GRID))].append(p)

    def country(self, geonames_id, lat: float, lon: float) -> str | None:
        place = self.by_id.get(geonames_id) if geonames_id is not None else None
        if place is not None:
            return place.iso2
        cell = (int(lat // _GRID), int(lon // _GRID))
        near = [p for dy in (-1, 0, 1) for dx in (-1, 0, 1) for p in self.cells.get((cell[0] + dy, cell[1] + dx), ())]
        best = min(near, key=lambda p: distance_km(lat, lon, p.latitude, p.longitude), default=None)
        if best is None or distance_km(lat, lon, best.latitude, best.longitude) > 50:
            return None
        return best.iso2


def match_spans(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping spans, in text order."""
    pairs, used = [], set()
    for g in sorted(gold, key=lambda t: t["start_char"]):
        for i, p in enumerate(predicted):
            if i not in used and p["start_char"] < g["end_char"] and g["start_char"] < p["end_char"]:
                pairs.append((g, p))
                used.add(i)
                break
    return pairs


def _score(gold: list[dict], predicted: list[dict]) -> Score:
    n = len(match_spans(gold, predicted))
    return Score(tp=n, fp=len(predicted) - n, fn=len(gold) - n)


MEASURES = ("toponym recognition (span overlap)", "toponym recognition, literal (span overlap)",
            "country accuracy", "accuracy@161km")


class _Tally:
    """Every measure of one dataset, item by item."""

    def __init__(self, name: str, resources, literal_known: bool):
        self.name, self.resources, self.literal_known = name, resources, literal_known
        self.lookup = _ReverseLookup(resources.geo)
        self.split = SplitMeasures(MEASURES[:2], Score)
        self.accuracy = SplitMeasures(MEASURES[2:], Accuracy)
        self.curves = {part: ErrorCurve() for part in ("", *HALVES)}
        self.missed, self.spurious, self.wrong, self.wrong_country = Counter(), Counter(), Counter(), Counter()

    def add(self, half: str, gold: list[dict], predicted: list[dict]) -> None:
        self.split.add(MEASURES[0], half, _score(gold, predicted))
        if self.literal_known:
            self.split.add(MEASURES[1], half, _score([t for t in gold if t.get("type") in LITERAL_TYPES],
                                                     [p for p in predicted if p["usage"] == "literal"]))
        pairs = match_spans(gold, predicted)
        if half == "A":
            matched_g, matched_p = {id(g) for g, _ in pairs}, {id(p) for _, p in pairs}
            self.missed.update(t["text"] for t in gold if id(t) not in matched_g)
            self.spurious.update(p["text"] for p in predicted if id(p) not in matched_p)
        for g, p in pairs:
            if g.get("lat") is not None:
                self._resolution(half, g, p)

    def _resolution(self, half: str, g: dict, p: dict) -> None:
        error = (distance_km(g["lat"], g["lon"], p["latitude"], p["longitude"])
                 if p["latitude"] is not None else MAX_ERROR_KM)
        for part in ("", half):
            self.curves[part].errors.append(error)
        for measure in self.accuracy.parts(MEASURES[3], half):
            measure.add(error <= ACCURACY_KM)
        gold_country = _iso2(self.resources.countries.get(g.get("country") or ""), self.resources) or \
            self.lookup.country(g.get("geonames_id"), g["lat"], g["lon"])
        if gold_country:
            right = _iso2(p["country_code"], self.resources) == gold_country
            for measure in self.accuracy.parts(MEASURES[2], half):
                measure.add(right)
            if half == "A" and not right:
                self.wrong_country[f"{g['text']} ({gold_country}) -> {p['country_code'] or '(none)'} "
                                   f"[{p['resolution_reason']}]"] += 1
        if half == "A" and error > ACCURACY_KM:
            self.wrong[f"{g['text']} -> {p['name'] or '(unresolved)'} [{p['resolution_reason']}]"] += 1

    def measures(self) -> dict:
        measures = self.split.measures()
        if not self.literal_known:
            measures = {k: v for k, v in measures.items() if not k.startswith(MEASURES[1])}
        out = {**measures, **self.accuracy.measures()}
        for part, curve in self.curves.items():
            suffix = f" [{part}]" if part else ""
            out[f"median error km{suffix}"] = Value(curve, "median")
            out[f"AUC of error curve{suffix}"] = Value(curve, "auc")
        return out


def eval_geo(folder: Path, *, limit: int | None, nlp, resources, **_) -> DatasetResult:
    name = folder.name
    rows = read_jsonl(folder / "dev.jsonl", limit)
    result = DatasetResult(name, items=len(rows))
    records = [(str(r["id"]), r["text"], None) for r in rows]
    tables = process_articles(_articles_table(records), nlp=nlp, resources=resources,
                              partition_date=EVAL_PARTITION_DATE)
    by_article: dict[str, list[dict]] = defaultdict(list)
    for m in tables["location_mentions"].to_pylist():
        by_article[m["article_id"]].append(m)
    tally = _Tally(name, resources, any("type" in t for r in rows for t in r["toponyms"]))
    for row in rows:
        tally.add(half_of(name, str(row["id"])), row["toponyms"], by_article.get(str(row["id"]), []))
    result.measures = tally.measures()
    result.errors = {"missed toponyms": top(tally.missed), "spurious toponyms": top(tally.spurious),
                     "resolved > 161 km off": top(tally.wrong), "wrong country": top(tally.wrong_country)}
    result.notes.append(halves_note(name, rows))
    result.notes.append("recognition counts every location mention (literal, metonymic, modifier); demonyms are "
                        "not toponyms for us; geocoding figures on recognised gold toponyms with coordinates")
    return result


def _iso2(iso3: str | None, resources) -> str | None:
    place = resources.geo.countries_iso3.get(iso3) if iso3 else None
    return place.iso2 if place else None
