"""Consistency checks for the CAMEO reference data in newsevents/data."""

import csv
import re
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "newsevents" / "data"
CODES_CSV = DATA_DIR / "cameo_codes.csv"
PATTERNS_CSV = DATA_DIR / "event_patterns.csv"

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def _read(path):
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def codes():
    header, rows = _read(CODES_CSV)
    assert header == [
        "code",
        "label",
        "root_code",
        "quad_class",
        "goldstein",
        "plover_type",
    ]
    return rows


@pytest.fixture(scope="module")
def patterns():
    header, rows = _read(PATTERNS_CSV)
    assert header == ["pos", "lemma", "prep", "object_required", "code", "note"]
    return rows


def _quad_for_root(root):
    r = int(root)
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 9:
        return 2
    if 10 <= r <= 14:
        return 3
    if 15 <= r <= 20:
        return 4
    raise AssertionError(f"root out of range: {root}")


def test_codes_unique(codes):
    seen = [r["code"] for r in codes]
    assert len(seen) == len(set(seen))


def test_codes_are_two_to_four_digits(codes):
    for r in codes:
        assert re.fullmatch(r"\d{2,4}", r["code"]), r


def test_all_roots_present(codes):
    roots = {r["code"] for r in codes if len(r["code"]) == 2}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_root_code_matches_prefix(codes):
    for r in codes:
        assert r["root_code"] == r["code"][:2], r


def test_sub_codes_have_parent(codes):
    known = {r["code"] for r in codes}
    for r in codes:
        if len(r["code"]) == 4:
            assert r["code"][:3] in known, r
        if len(r["code"]) == 3:
            assert r["code"][:2] in known, r


def test_quad_class_matches_root(codes):
    for r in codes:
        assert int(r["quad_class"]) == _quad_for_root(r["root_code"]), r


def test_goldstein_in_range(codes):
    for r in codes:
        assert -10.0 <= float(r["goldstein"]) <= 10.0, r


def test_labels_present(codes):
    for r in codes:
        assert r["label"].strip(), r


def test_plover_type_valid(codes):
    for r in codes:
        assert r["plover_type"] == "" or r["plover_type"] in PLOVER_TYPES, r


def test_known_values(codes):
    by_code = {r["code"]: r for r in codes}
    assert float(by_code["010"]["goldstein"]) == 0.0
    assert float(by_code["040"]["goldstein"]) == 1.0
    assert float(by_code["042"]["goldstein"]) == 1.9
    assert float(by_code["043"]["goldstein"]) == 2.8
    assert by_code["129"]["plover_type"] == "REJECT"
    assert by_code["040"]["plover_type"] == "CONSULT"
    assert by_code["195"]["plover_type"] == "ASSAULT"
    assert by_code["010"]["plover_type"] == ""


def test_pattern_codes_exist(codes, patterns):
    known = {r["code"] for r in codes}
    for p in patterns:
        assert p["code"] in known, p


def test_pattern_fields_valid(patterns):
    for p in patterns:
        assert p["pos"] in {"VERB", "NOUN"}, p
        assert p["lemma"] and p["lemma"] == p["lemma"].strip().lower(), p
        assert p["object_required"] in {"yes", "no", "intransitive", "listed"}, p


def test_no_duplicate_pattern_keys(patterns):
    keys = [(p["pos"], p["lemma"], p["prep"]) for p in patterns]
    assert len(keys) == len(set(keys))


def test_patterns_span_all_roots(patterns):
    assert {p["code"][:2] for p in patterns} == {f"{i:02d}" for i in range(1, 21)}


def test_seed_patterns_present(patterns):
    index = {(p["pos"], p["lemma"], p["prep"]): p["code"] for p in patterns}
    assert index[("VERB", "veto", "")] == "129"
    assert index[("NOUN", "veto", "")] == "129"
    assert index[("VERB", "meet", "with")] == "040"
    assert index[("VERB", "discuss", "")] == "040"
    assert index[("VERB", "blame", "")] == "112"
    assert index[("NOUN", "sanction", "")] == "163"
