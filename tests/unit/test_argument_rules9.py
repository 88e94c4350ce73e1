"""Unit tests of the ninth round of argument finding (issue 15): the shape of a wire dateline; a place at home."""

from __future__ import annotations

import pytest

from newsevents.nlp.actors import collective_actor, country_actor
from newsevents.nlp.events import _at_home
from newsevents.nlp.resources import default_resources
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


# ----------------------------------------------------------------------------- a place at home is no target
def test_a_show_of_force_or_a_statement_at_home_is_aimed_at_no_one():
    res = default_resources()
    police, kenya, uganda = collective_actor("KEN", "COP", res, [], 0.6), country_actor("KEN", res), \
        country_actor("UGA", res)
    assert _at_home("151", [police], [kenya], res)          # put on alert in Nairobi
    assert _at_home("013", [police], [kenya], res)          # optimistic about the harvest in Nairobi
    assert not _at_home("151", [police], [uganda], res)     # on alert in Kampala: abroad
    assert not _at_home("173", [police], [kenya], res)      # an arrest in Nairobi is done to people there
    assert not _at_home("151", [collective_actor(None, "COP", res, [], 0.4)], [kenya], res)   # no country known
