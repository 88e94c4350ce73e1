"""Pure span helpers of nlp/statements.py on hand-built strings."""

from __future__ import annotations

from newsevents.nlp.statements import _in_paragraph

TEXT = "First paragraph ends here.\nThe budget would pass, Quint said.\nLast one."


def test_a_content_inside_its_cues_paragraph_is_kept():
    start = TEXT.index("The budget")
    end = TEXT.index(", Quint")
    assert _in_paragraph(TEXT, (start, end), TEXT.index("said")) == (start, end)


def test_a_content_running_into_another_paragraph_is_cut_at_the_break():
    start = TEXT.index("paragraph ends")
    end = TEXT.index(", Quint")
    clipped = _in_paragraph(TEXT, (start, end), TEXT.index("said"))
    assert TEXT[clipped[0]:clipped[1]] == "The budget would pass"


def test_a_content_wholly_in_another_paragraph_is_none():
    start, end = TEXT.index("First"), TEXT.index(" ends")
    assert _in_paragraph(TEXT, (start, end), TEXT.index("said")) is None
