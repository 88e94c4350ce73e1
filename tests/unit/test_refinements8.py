"""Sub-codes, round 8 (issue 15): a consultation done by telephone is the codebook's 041 whatever its verb, read from
the medium phrase of the trigger (`recoding.telephone`, `telephone_words`, `telephone_preps`). Hand-built inputs, so
the rule is tested on the parse it is written for."""

from __future__ import annotations

import pytest

from newsevents.nlp.events import _by_telephone, decide_code
from tests.hand_built import parse


def _discussed(prep: str, rows: list[tuple]) -> list[tuple]:
    """'Chad discussed trade <prep> <rows…> .' with the phrase on the verb (rows' heads are absolute indexes)."""
    return [("Chad", "PROPN", "nsubj", 1), ("discussed", "VERB", "ROOT", 1, "discuss"), ("trade", "NOUN", "dobj", 1),
            (prep, "ADP", "prep", 1), *rows, (".", "PUNCT", "punct", 1)]


def test_a_consultation_by_telephone_is_041(res):
    doc = parse(_discussed("by", [("telephone", "NOUN", "pobj", 3)]))
    assert _by_telephone(doc[1], "040", res) == "041"
    assert decide_code(doc[1], res) == "041"


def test_a_telephone_call_as_the_medium_is_041(res):
    # "Chad discussed trade in a phone call ."
    doc = parse(_discussed("in", [("a", "DET", "det", 6), ("phone", "NOUN", "compound", 6),
                                  ("call", "NOUN", "pobj", 3)]))
    assert _by_telephone(doc[1], "040", res) == "041"


@pytest.mark.parametrize("prep, noun", [("about", "tariffs"), ("in", "sector")])
def test_telephones_as_a_topic_are_no_medium(res, prep, noun):
    # "Chad discussed trade about phone tariffs" (no medium preposition), "… in the phone sector" (no consultation)
    doc = parse(_discussed(prep, [("phone", "NOUN", "compound", 5), (noun, "NOUN", "pobj", 3)]))
    assert _by_telephone(doc[1], "040", res) == "040"
    assert decide_code(doc[1], res) == "040"


def test_only_the_generic_consultation_is_recoded(res):
    doc = parse(_discussed("by", [("telephone", "NOUN", "pobj", 3)]))
    assert _by_telephone(doc[1], "046", res) == "046"   # a negotiation by telephone stays a negotiation
    assert res.recoding.telephone == {"040": "041"}
