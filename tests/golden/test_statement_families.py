"""Golden records for issue 16's statement families (PolNeAR's attribution convention: a source, a cue and the
content attributed), one test per grammatical class. Sentences are written for these tests; the people and places
are invented."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def contents(process_text):
    """A function: text -> [(content, is_direct, speaker text)] in text order."""
    def _run(text: str) -> list[tuple[str, bool, str | None]]:
        return [(s["quote_text"], s["is_direct"], s["speaker_text"]) for s in process_text(text)["statements"]]

    return _run


def test_a_reported_statement_never_runs_into_another_paragraph(contents):
    found = contents("“We will carry the county in the spring,” said Dale Brennick.\n"
                     "Mara Quint, who chairs the Halvard council, said the budget would pass before the summer.")
    reported = [c for c in found if not c[1]]
    assert all("\n" not in c[0] for c in found)
    assert [c[0] for c in reported] == ["the budget would pass before the summer"]


def test_a_participle_inside_content_before_its_cue_belongs_to_the_content(contents):
    found = contents("Four farmers were detained on charges of trespass, blocking a road and resisting arrest, "
                     "police said.")
    assert [c[0] for c in found] == ["Four farmers were detained on charges of trespass, blocking a road and "
                                     "resisting arrest"]


def test_a_participle_after_the_content_of_a_cue_before_it_is_the_speakers_next_act(contents):
    found = contents("Mara Quint said that the council had approved the new budget, adding that taxes would not "
                     "rise this year.")
    assert found[0][0] == "the council had approved the new budget"


def test_a_participle_cue_after_a_reported_clause_has_the_cues_speaker(contents):
    found = contents("Mara Quint said that the council had approved the new budget, adding that taxes would not "
                     "rise this year.")
    assert found[1] == ("taxes would not rise this year", False, "Mara Quint")
