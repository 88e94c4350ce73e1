"""Unit tests of the evaluation's pure scoring functions (`eval.evaluation`) and of the skip path of
`python -m eval`. No spaCy model and no gold data are needed."""

from __future__ import annotations

import pytest

from eval.__main__ import main
from eval.challenge import (
    CHALLENGE_FILE,
    FAMILIES,
    FRESH2_FILE,
    FRESH3_FILE,
    FRESH4_FILE,
    FRESH5_FILE,
    FRESH6_FILE,
    FRESH7_FILE,
    FRESH8_FILE,
    FRESH_FILE,
    expected_triples,
    item_errors,
    read_challenge,
)
from eval.codes import leftover_pairs, normalise_country, plover_type_08, predicted_country, root_code
from eval.conll import conll_sentence_spans
from eval.fresh_people import locate_in_order, read_people, speaker_head, speaker_is_right
from eval.halves import SplitMeasures, half_of
from eval.metrics import Score, match_by_jaccard, score_multisets, score_sets, span_jaccard
from eval.plover import locate, markup_segments
from eval.polnear import is_direct_quote, quote_regions


# ----------------------------------------------------------------------------- spans
def test_span_jaccard_contiguous_and_disjoint():
    assert span_jaccard([(0, 10)], [(0, 10)]) == 1.0
    assert span_jaccard([(0, 10)], [(5, 15)]) == pytest.approx(5 / 15)
    assert span_jaccard([(0, 10)], [(10, 20)]) == 0.0
    assert span_jaccard([], [(0, 3)]) == 0.0


def test_span_jaccard_discontinuous_gold_is_the_union_of_its_pieces():
    gold = [(0, 10), (20, 30)]            # 20 chars
    assert span_jaccard(gold, [(0, 30)]) == pytest.approx(20 / 30)
    assert span_jaccard([(20, 30), (0, 10), (5, 8)], [(0, 10), (20, 30)]) == 1.0  # order, overlap ignored


def test_match_by_jaccard_is_one_to_one_and_best_first():
    gold = [[(0, 100)], [(200, 300)]]
    predicted = [[(0, 90)], [(0, 100)], [(260, 300)]]
    matches = match_by_jaccard(gold, predicted, threshold=0.5)
    assert [(g, p) for g, p, _ in matches] == [(0, 1)]   # (0,90) loses to the exact span; (260,300) has J=0.4


# ----------------------------------------------------------------------------- P/R/F1
def test_multiset_scoring_counts_duplicates():
    s = score_multisets(["190", "190", "042"], ["190", "111"])
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(1 / 3)
    assert s.f1 == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


def test_set_scoring_ignores_duplicates_and_empty_is_undefined():
    s = score_sets([("USA", "RUS", "190")], [("USA", "RUS", "190"), ("USA", "RUS", "190")])
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    empty = Score()
    assert empty.precision is None and empty.recall is None and empty.f1 is None
    only_fp = score_multisets([], ["010"])        # a noevents record: false positives only
    assert (only_fp.tp, only_fp.fp, only_fp.fn) == (0, 1, 0) and only_fp.precision == 0.0


def test_scores_add_up():
    total = Score()
    total += score_multisets(["01"], ["01"])
    total += score_multisets(["19"], [])
    assert (total.tp, total.fp, total.fn) == (1, 0, 1)


def test_leftover_pairs_prefer_same_root():
    assert leftover_pairs(["190", "042"], ["193", "042", "111"]) == [("190", "193"), ("-", "111")]
    assert leftover_pairs(["031"], []) == [("031", "-")]


# ----------------------------------------------------------------------------- code normalisation
@pytest.mark.parametrize(("code", "country"), [
    ("USA", "USA"), ("IRQMUS", "IRQ"), ("NGAREB", "NGA"), ("usagov", "USA"),
    ("---GOV", ""), ("---", ""), ("", ""), (None, ""),
    ("IGOUNOMIL", "IGO"), ("IGO", "IGO"),
    ("JAP", "JPN"), ("ITL", "ITA"),
    ("IMGMOSALQ", "IMGMOSALQ"), ("kur", "KUR"),
])
def test_normalise_country(code, country):
    assert normalise_country(code) == country


def test_predicted_country_and_codes():
    assert predicted_country("RUS", "RUSGOV") == "RUS"
    assert predicted_country(None, "IGOUNO") == "IGO"
    assert predicted_country(None, "GOV") == ""
    assert predicted_country(None, "IMGMUSISI") == "IMGMUSISI" and predicted_country(None, "NGOHRIAMN") == "NGOHRIAMN"
    assert root_code("0352") == "03" and root_code("190") == "19"
    assert plover_type_08("DISAPPROVE") == "ACCUSE"
    assert plover_type_08("INVESTIGATE") == "ACCUSE"
    assert plover_type_08("demand") == "REQUEST"
    assert plover_type_08("ASSAULT") == "ASSAULT"


# ----------------------------------------------------------------------------- halves and the challenge set
def test_halves_are_stable_and_balanced():
    assert half_of("plover-gsr", "X-1") == half_of("plover-gsr", "X-1")
    halves = [half_of("plover-gsr", f"item-{i}") for i in range(400)]
    assert set(halves) == {"A", "B"} and 160 < halves.count("A") < 240


def test_split_measures_add_to_the_whole_and_the_half():
    split = SplitMeasures(("root",), Score)
    split.add("root", "A", score_multisets(["19"], ["19"]))
    split.add("root", "B", score_multisets(["19"], []))
    measures = split.measures()
    assert list(measures) == ["root", "root [A]", "root [B]"]
    assert (measures["root"].tp, measures["root"].fn) == (1, 1)
    assert (measures["root [A]"].tp, measures["root [B]"].fn) == (1, 1)


def test_challenge_set_is_well_formed_and_covers_every_root():
    items = read_challenge()
    assert len(items) >= 300
    per_family = {f: sum(i["family"] == f for i in items) for f in FAMILIES}
    assert all(n >= 10 for n in per_family.values()), per_family
    for item in items:
        if item["family"] != "none":
            assert any(code[:2] == item["family"] for e in item["events"] for code in e["code"].split("|")), item["id"]
    item = {"id": "x", "family": "02", "text": "t",
            "events": [{"source": "LBN", "target": "IGOUNO", "code": "023|020"}, {"source": "---REB", "target": "",
                                                                                    "code": "020"}]}
    assert expected_triples(item) == {("LBN", "IGO", "023"), ("", "", "020")}
    assert item_errors({("LBN", "IGO", "023")}, {("LBN", "", "023")}) == [
        "missed ('LBN', 'IGO', '023')", "spurious ('LBN', '', '023')"]


def test_codebook_subcode_rows_are_well_formed():
    """The g4 rows (issue 15, codebook sub-codes): military hardware (072), investigation kinds (091/092/094) and
    judicial cooperation (063), each id naming its family, with a control that keeps police cooperation at 060."""
    rows = [i for i in read_challenge() if i["id"].startswith("g4-")]
    assert len(rows) >= 10
    for item in rows:
        assert item["id"].startswith(f"g4-{item['family']}-"), item["id"]
        assert item.get("note"), item["id"]
    codes = {e["code"] for i in rows for e in i["events"]}
    assert {"072", "091", "092", "094", "063", "060"} <= codes


def test_fresh_batch_is_well_formed_and_apart_from_the_challenge_set():
    """The fresh batch (a measure, never a test of the coder): every root at least six times, sentences of its own."""
    fresh = read_challenge(FRESH_FILE)
    assert len(fresh) >= 200
    per_family = {f: sum(i["family"] == f for i in fresh) for f in FAMILIES}
    assert all(n >= 6 for n in per_family.values()), per_family
    assert not {i["text"] for i in fresh} & {i["text"] for i in read_challenge()}


def _check_held_out_batch(items: list[dict], *, prefix: str, min_items: int, min_per_root: int, min_none: int) -> None:
    """The form every held-out event batch keeps: enough items, unique ids named `<prefix><family>-`, every CAMEO
    root and the no-event family often enough, codes from the CAMEO table, each item's family among its codes."""
    from newsevents.core.codes import cameo_codes
    assert len(items) >= min_items
    assert len({i["id"] for i in items}) == len(items)
    per_family = {f: sum(i["family"] == f for i in items) for f in FAMILIES}
    assert all(n >= min_per_root for f, n in per_family.items() if f != "none"), per_family
    assert per_family["none"] >= min_none
    known = set(cameo_codes())
    for item in items:
        assert item["id"].startswith(f"{prefix}{item['family']}-"), item["id"]
        codes = [code for e in item["events"] for code in e["code"].split("|")]
        assert set(codes) <= known, item["id"]
        assert item["family"] == "none" or any(code[:2] == item["family"] for code in codes), item["id"]


def test_second_fresh_batch_is_well_formed_and_apart_from_the_other_sets():
    """The second fresh batch (a measure, never a test of the coder): unique ids, codes from the CAMEO table, every
    root at least nine times and 35 no-event items, each item's family among its codes, sentences of its own."""
    fresh2 = read_challenge(FRESH2_FILE)
    _check_held_out_batch(fresh2, prefix="h", min_items=220, min_per_root=9, min_none=35)
    texts = {i["text"] for i in fresh2}
    assert not texts & {i["text"] for i in read_challenge()}
    assert not texts & {i["text"] for i in read_challenge(FRESH_FILE)}


def test_third_fresh_batch_is_well_formed_and_apart_from_the_other_sets():
    """The third fresh batch (a measure, never a test of the coder): 240+ items, unique ids named by family, codes from
    the CAMEO table, every root at least ten times and 40 no-event items, each item's family among its codes, actors
    written as country + sector, IGO or '---', sentences of its own."""
    from eval.codes import is_iso3
    fresh3 = read_challenge(FRESH3_FILE)
    _check_held_out_batch(fresh3, prefix="k", min_items=240, min_per_root=10, min_none=40)
    for item in fresh3:
        actors = [a for e in item["events"] for a in (e["source"], e["target"]) if a]
        assert all(is_iso3(a[:3]) or a.startswith(("IGO", "---")) for a in actors), item["id"]
    texts = {i["text"] for i in fresh3}
    for other in (read_challenge(), read_challenge(FRESH_FILE), read_challenge(FRESH2_FILE)):
        assert not texts & {i["text"] for i in other}


def _check_actor_codes_and_own_sentences(items: list[dict], *, earlier: tuple) -> None:
    """Every actor written as country + sector, IGO, NGO or '---', and no sentence shared with an earlier set
    (`earlier`: the sets' files)."""
    from eval.codes import is_iso3
    for item in items:
        actors = [a for e in item["events"] for a in (e["source"], e["target"]) if a]
        assert all(is_iso3(a[:3]) or a.startswith(("IGO", "NGO", "---")) for a in actors), item["id"]
    texts = {i["text"] for i in items}
    for path in earlier:
        assert not texts & {i["text"] for i in read_challenge(path)}


#: The held-out batches written after the third (file, id prefix, least items, least items per root, least no-event
#: items), each by its own writer, in the order written: each batch's sentences are apart from every earlier set.
LATER_BATCHES = [(FRESH4_FILE, "n", 280, 12, 40), (FRESH5_FILE, "p", 300, 13, 45), (FRESH6_FILE, "q", 300, 13, 45),
                 (FRESH7_FILE, "r", 300, 13, 45), (FRESH8_FILE, "s", 340, 14, 50)]


@pytest.mark.parametrize("index", range(len(LATER_BATCHES)), ids=["fresh4", "fresh5", "fresh6", "fresh7", "fresh8"])
def test_later_fresh_batches_are_well_formed_and_apart_from_the_other_sets(index):
    """The fourth to eighth fresh batches (measures, never tests of the coder): enough items, unique ids named
    `<prefix><family>-`, codes from the CAMEO table, every root and no-event items enough times, each item's family
    among its codes, actors written as country + sector, IGO, NGO or '---', sentences of their own (none in the
    challenge set nor in any earlier batch)."""
    path, prefix, min_items, min_per_root, min_none = LATER_BATCHES[index]
    items = read_challenge(path)
    _check_held_out_batch(items, prefix=prefix, min_items=min_items, min_per_root=min_per_root, min_none=min_none)
    earlier = (CHALLENGE_FILE, FRESH_FILE, FRESH2_FILE, FRESH3_FILE, *(b[0] for b in LATER_BATCHES[:index]))
    _check_actor_codes_and_own_sentences(items, earlier=earlier)


def test_people_batch_is_well_formed_and_covers_its_speaker_kinds():
    """fresh-people (a measure, never a test of the coder): 60+ passages whose persons and contents are all found,
    with all-caps sports lines, pronoun, title, institution and possessive speakers and multi-paragraph quotes."""
    rows = read_people()
    assert len(rows) >= 60
    assert len({r["id"] for r in rows}) == len(rows)
    assert sum(r["kind"] == "sports" for r in rows) >= 8
    assert sum(bool(r["persons"]) and r["persons"][0].isupper() for r in rows) >= 5       # headline names
    texts = " ".join(r["text"] for r in rows)
    for cue in ('" she said', '" he said', "the minister said", "said in a statement", "'s aides said", "\n\""):
        assert cue in texts, cue
    assert sum(len(r["statements"]) for r in rows) >= 80


def test_read_people_names_file_and_line_of_a_bad_passage(tmp_path):
    bad = tmp_path / "people.jsonl"
    bad.write_text('{"id": "p1", "text": "Ana Li spoke.", "persons": ["Ana Lee"], "statements": []}\n')
    with pytest.raises(ValueError, match="people.jsonl:1"):
        read_people(bad)


def test_locate_in_order_keeps_word_boundaries_and_order():
    text = "Alice met Ali. Ali left; Alice stayed."
    assert locate_in_order(text, ["Alice", "Ali", "Ali"]) == [(0, 5), (10, 13), (15, 18)]
    assert locate_in_order(text, ["Ali", "Alice", "Ali"]) is None      # no "Ali" after the second Alice


def test_speaker_head_is_the_group_not_the_possessor():
    assert speaker_head("Senator Mark Ellison's aides") == "aides"
    assert speaker_head("Opponents of the mayor") == "opponents"
    assert speaker_head("The State Department") == "department"
    assert speaker_head("Hendricks' office") == "office"
    assert speaker_is_right("Pavel Novak", ["Novak"])
    assert speaker_is_right("The State Department", ["State Department"])
    assert not speaker_is_right("Senator Mark Ellison's aides", ["Mark Ellison", "Ellison"])
    assert not speaker_is_right("Oskar Brandt", [])


# ----------------------------------------------------------------------------- the suite's own dictionaries
def test_add_components_reads_dictionaries_through_the_resources_function(tmp_path):
    """petrarch-unittest's dictionaries reach the components through the registered resources function, as
    NEWSEVENTS_DICTIONARIES does: one shared Resources object, the user's names matched by the gazetteer."""
    import spacy

    from newsevents.nlp.components import COMPONENTS, DICTIONARY_LABEL, RESOURCES_FUNCTION, add_components

    (tmp_path / "Fictional.actors.txt").write_text("VALDORIA [VLD]\n", encoding="utf-8")
    block = {"@misc": RESOURCES_FUNCTION, "dictionaries": str(tmp_path), "keep_unknown_codes": True}
    nlp = add_components(spacy.blank("en"), resources=block)
    assert nlp.config["components"]["newsevents_actors"]["resources"] == {**block, "data_dir": ""}
    res = nlp.get_pipe("newsevents_actors").resources
    assert all(nlp.get_pipe(name).resources is res for name in COMPONENTS)
    assert res.countries["Valdoria"] == "VLD"
    doc = nlp.get_pipe("newsevents_gazetteer")(nlp.make_doc("VALDORIA thanked Valdoria, not valdoria."))
    assert [(s.text, s.label_) for s in doc.spans["newsevents_gazetteer"] if s.label_ == DICTIONARY_LABEL] == [
        ("VALDORIA", DICTIONARY_LABEL), ("Valdoria", DICTIONARY_LABEL)]


# ----------------------------------------------------------------------------- CoNLL, markup, quotes
def test_conll_sentence_spans():
    tokens = ["U.S.", "President", "Bill", "Clinton", "met", "Boris", "Yeltsin", "."]
    entities = [{"start": 0, "end": 1, "type": "LOC"}, {"start": 2, "end": 4, "type": "PER"},
                {"start": 5, "end": 7, "type": "PER"}]
    text, spans = conll_sentence_spans(tokens, entities)
    assert text == "U.S. President Bill Clinton met Boris Yeltsin ."
    assert [text[a:b] for a, b in spans] == ["Bill Clinton", "Boris Yeltsin"]


def test_markup_segments_and_locate():
    markup = "(SRC/TAR: Israel) and the (SRC/TAR: Palestinians) (EVT: reached) a (EVT: consensus) on water"
    assert markup_segments(markup) == [("SRC/TAR", "Israel"), ("SRC/TAR", "Palestinians"), ("EVT", "reached"),
                                          ("EVT", "consensus")]
    assert locate("Israel and Israel", "israel", 1) == (11, 17)
    assert locate("abc", "zzz") is None


def test_quote_regions_and_direct_quotes():
    text = ('He said “we will win,” and added that taxes would fall.\n\n'
            '“This is the first paragraph\n\n“and this the second,” she said.')
    regions = quote_regions(text)
    assert [text[a:b] for a, b in regions] == ["we will win,", "This is the first paragraph", "and this the second,"]
    win = text.index("we will win")
    assert is_direct_quote(text, [(win - 1, win + len("we will win,") + 1)])          # marks included
    assert is_direct_quote(text, [(win, win + len("we will win"))])                   # marks excluded
    taxes = text.index("taxes")
    assert not is_direct_quote(text, [(taxes, taxes + len("taxes would fall"))])
    mixed = text.index("we will win")
    assert not is_direct_quote(text, [(mixed, taxes + len("taxes would fall"))])     # half quoted


# ----------------------------------------------------------------------------- CLI skip path
def test_eval_skips_cleanly_without_data(tmp_path, capsys):
    out = tmp_path / "out" / "latest.json"
    code = main(["--eval-dir", str(tmp_path / "empty"), "--out", str(out)])
    assert code == 0
    assert "skipping" in capsys.readouterr().out
    assert not out.exists()
    (tmp_path / "empty").mkdir()
    assert main(["--eval-dir", str(tmp_path / "empty"), "--out", str(out)]) == 0
    assert "no evaluation data" in capsys.readouterr().out


def test_a_held_back_batch_is_scored_but_never_listed_in_the_error_analysis():
    """fresh7 and fresh8 are the unseen yardsticks: their figures are reported, their items never appear in the printed
    errors."""
    from eval.challenge import HELD_BACK, score_items_file
    assert HELD_BACK == ("fresh7", "fresh8")
    result = score_items_file("fresh7", FRESH7_FILE, limit=6, halves=True)
    assert result.measures["event (source, target, code)"].tp + result.measures["event (source, target, code)"].fn > 0
    assert all(not entries for entries in result.errors.values())
    assert any("held back" in note for note in result.notes)
