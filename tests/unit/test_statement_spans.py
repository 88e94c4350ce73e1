"""Pure span helpers of nlp/statements.py on hand-built strings."""

from __future__ import annotations

import pytest

from newsevents.nlp.statements import _in_paragraph, find_quote_spans

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


# ---------------------------------------------------------------- comma-participle quote cues, on a hand-built parse
def _parsed(words, heads, deps, tags, pos):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos,
               sent_starts=[True] + [False] * (len(words) - 1))


# 'Aides said the crowd had marched , chanting' with the participle hung off 'said' (the parse this rule distrusts)
WORDS = ["Aides", "said", "the", "crowd", "had", "marched", ",", "chanting"]
HEADS = [1, 1, 3, 5, 5, 1, 1, 1]
DEPS = ["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "punct", "advcl"]
TAGS = ["NNS", "VBD", "DT", "NN", "VBD", "VBN", ",", "VBG"]
POS = ["NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT", "VERB"]


def test_a_comma_participle_takes_the_subject_of_the_nearest_finite_clause_not_its_head():
    from types import SimpleNamespace

    from newsevents.nlp.statements import _nearest_clause_subject
    doc = _parsed(WORDS, HEADS, DEPS, TAGS, POS)
    assert _nearest_clause_subject(SimpleNamespace(quoted=[]), doc[7]).text == "crowd"


def test_a_finite_verb_inside_quotation_marks_is_not_the_clause_continued():
    from types import SimpleNamespace

    from newsevents.nlp.statements import _nearest_clause_subject
    doc = _parsed(WORDS, HEADS, DEPS, TAGS, POS)
    quoted = [(doc[2].idx, doc[5].idx + len("marched"))]
    assert _nearest_clause_subject(SimpleNamespace(quoted=quoted), doc[7]).text == "Aides"


def test_only_a_subjectless_manner_cue_after_a_comma_is_a_comma_participle_cue():
    from types import SimpleNamespace

    from newsevents.nlp.statements import _is_comma_participle_cue
    res = SimpleNamespace(speech_cues={"chanting": "quote", "marched": None})
    doc = _parsed(WORDS, HEADS, DEPS, TAGS, POS)
    for tok in doc:
        tok.lemma_ = tok.text.lower()
    assert _is_comma_participle_cue(doc[7], res)
    assert not _is_comma_participle_cue(doc[5], res)
    res.speech_cues["chanting"] = "speech"   # ', adding …' keeps the cue's own subject rule
    assert not _is_comma_participle_cue(doc[7], res)


def test_a_finite_past_cue_parsed_as_a_relative_on_a_noun_has_that_noun_as_subject():
    from newsevents.nlp.statements import _misparsed_relative_subject
    # 'a man yelled Stay' with 'yelled' hung off 'man' as acl (the parser's mistake) vs a true participle 'shouted'
    doc = _parsed(["a", "man", "yelled", "Stay"], [1, 3, 1, 3], ["det", "nsubj", "acl", "ROOT"],
                  ["DT", "NN", "VBD", "VB"], ["DET", "NOUN", "VERB", "VERB"])
    assert _misparsed_relative_subject(doc[2]).text == "man"
    doc = _parsed(["a", "man", "shouted", "at"], [1, 1, 1, 2], ["det", "ROOT", "acl", "prep"],
                  ["DT", "NN", "VBN", "IN"], ["DET", "NOUN", "VERB", "ADP"])
    assert _misparsed_relative_subject(doc[2]) is None


def test_a_straight_opening_mark_closes_at_a_curly_closing_mark():
    text = 'He said. "We will win the county.” Then he left.'
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["We will win the county."]


def test_a_curly_opening_mark_closes_at_a_straight_mark_that_ends_a_word():
    text = '“We will win the county," she said.'
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["We will win the county,"]


def test_a_straight_mark_opening_a_word_inside_a_curly_quote_does_not_close_it():
    text = '“They said "no" to the plan,” she said.'
    assert [text[s:e] for s, e in find_quote_spans(text)] == ['They said "no" to the plan,']


def test_a_curly_opening_mark_after_a_word_and_before_a_space_closes_a_quote():
    text = '“Will you sign it?“ he asked. “No.”'
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["Will you sign it?", "No."]


# ---------------------------------------------------------------- what the text between two quoted parts says
# '” said Quint , adding that tolls stay , “' and '” said Quint , who chairs it , “' as parsed
ADDING = (["”", "said", "Quint", ",", "adding", "that", "tolls", "stay", ",", "“"],
          [1, 1, 1, 1, 1, 7, 7, 4, 1, 1],
          ["punct", "ROOT", "nsubj", "punct", "advcl", "mark", "nsubj", "ccomp", "punct", "punct"],
          ["''", "VBD", "NNP", ",", "VBG", "IN", "NNS", "VBP", ",", "``"],
          ["PUNCT", "VERB", "PROPN", "PUNCT", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT", "PUNCT"])
WHO = (["”", "said", "Quint", ",", "who", "chairs", "it", ",", "“"],
       [1, 1, 1, 2, 5, 2, 5, 1, 1],
       ["punct", "ROOT", "nsubj", "punct", "nsubj", "relcl", "dobj", "punct", "punct"],
       ["''", "VBD", "NNP", ",", "WP", "VBZ", "PRP", ",", "``"],
       ["PUNCT", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PRON", "PUNCT", "PUNCT"])


@pytest.mark.parametrize(("parse", "expected"), [(ADDING, True), (WHO, False)], ids=["adding", "who-clause"])
def test_a_clause_hung_on_the_cue_between_quoted_parts_is_a_clause_of_its_own(parse, expected):
    from newsevents.nlp.statements import _clause_of_its_own
    doc = _parsed(*parse)
    assert _clause_of_its_own(doc[1], doc[0].idx + 1, doc[-1].idx) is expected
