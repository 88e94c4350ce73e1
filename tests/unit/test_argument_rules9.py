"""Unit tests of the ninth round of argument finding (issue 15): the shape of a wire dateline."""

from __future__ import annotations

import pytest

from newsevents.nlp.sentences import DATELINE, is_wire_dateline


@pytest.mark.parametrize("text, place, qualifier, wire", [
    ("MOSCOW — The ministry said", "MOSCOW", None, False),
    ("PARIS, Texas (AP) - The mayor said", "PARIS", "Texas", True),
    ("LUSAKA, March 3 (Reuters) — Zambia's ministry", "LUSAKA", None, True),
    ("UNITED NATIONS, Dec 2 — China vetoed", "UNITED NATIONS", None, True),
    ("HANOI, Oct. 2, 2026 (AFP) - Vietnam", "HANOI", None, True),
    ("NAIROBI, Kenya, Sept 9 — Police", "NAIROBI", "Kenya", True),
])
def test_a_dateline_with_a_date_is_read_whole(text, place, qualifier, wire):
    match = DATELINE.match(text)
    assert match is not None
    assert (match.group(1), match.group(2), is_wire_dateline(match)) == (place, qualifier, wire)


@pytest.mark.parametrize("text", ["President Kone said on Monday — the", "NATO, the alliance, said"])
def test_a_sentence_is_no_dateline(text):
    assert DATELINE.match(text) is None
