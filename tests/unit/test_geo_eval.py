"""The geoparsing scores of eval/geo.py: span matching, the error curve's median and AUC, the report rows."""

from __future__ import annotations

import math

import pytest

from eval.geo import MAX_ERROR_KM, ErrorCurve, Value, match_spans
from eval.report import render_table
from newsevents.nlp.places import distance_km


def test_spans_match_one_to_one_by_overlap():
    gold = [{"start_char": 0, "end_char": 5}, {"start_char": 10, "end_char": 20}]
    predicted = [{"start_char": 12, "end_char": 14}, {"start_char": 15, "end_char": 19},
                 {"start_char": 2, "end_char": 4}]
    pairs = match_spans(gold, predicted)
    assert [(g["start_char"], p["start_char"]) for g, p in pairs] == [(0, 2), (10, 12)]


def test_auc_is_zero_for_perfect_and_one_for_the_largest_errors():
    perfect, worst = ErrorCurve(), ErrorCurve()
    perfect.errors = [0.0, 0.0, 0.0]
    worst.errors = [MAX_ERROR_KM] * 3
    assert perfect.auc() == 0.0 and worst.auc() == pytest.approx(1.0, abs=1e-4)
    mixed = ErrorCurve()
    mixed.errors = [0.0, MAX_ERROR_KM]   # a line from 0 to the maximum: half the area
    assert mixed.auc() == pytest.approx(0.5 * math.log(1 + MAX_ERROR_KM) / math.log(MAX_ERROR_KM))


def test_median_error_and_value_rows():
    curve = ErrorCurve()
    curve.errors = [1.0, 100.0, 10.0, 1000.0]
    assert curve.median() == 55.0
    row = Value(curve, "median").as_dict()
    assert row == {"kind": "value", "n": 4, "value": 55.0}
    table = render_table({"datasets": {"tr-news": {"items": 1, "seconds": 1.0, "measures": {"median error km": row}}}})
    assert "median error km" in table and "55.000" in table


def test_great_circle_distance():
    assert distance_km(0, 0, 0, 0) == 0.0
    assert distance_km(48.85341, 2.3488, 55.75204, 37.61781) == pytest.approx(2486, abs=10)   # Paris - Moscow
