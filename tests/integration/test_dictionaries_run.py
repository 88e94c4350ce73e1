"""A run with NEWSEVENTS_DICTIONARIES set codes with the user's PETRARCH-format dictionaries: a fictional minister
with a date-bounded role (the article's date picks it), a user verb pattern, a discard phrase; a malformed entry
stops `newsevents run` with one line naming the file and line. Every name and sentence here is fictional."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsevents import cli
from newsevents.core.contracts import ARTICLES
from newsevents.nlp.rows import process_articles
from newsevents.nlp.runtime import get_nlp, get_resources

ACTORS = """\
ORLA_VANTBERG   # fictional: foreign minister of France until the end of 2022
\t[FRAGOVFRM 20190301-20221231]
\t[FRAELI >20221231]
"""
VERBS = """\
--- SNUB  [110] ---
SNUB
- * ENVOY  [161]
"""
DISCARDS = "CROQUET LEAGUE\n"
TEXT = ("Orla Vantberg snubbed Norway's envoy on Tuesday. "
        "At the croquet league final, Orla Vantberg snubbed Norway's envoy again.")


@pytest.fixture(scope="module")
def dictionaries(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dictionaries")
    (folder / "Fictional.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "Fictional.verbs.txt").write_text(VERBS, encoding="utf-8")
    (folder / "Fictional.discards.txt").write_text(DISCARDS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def process_on(dictionaries):
    """A function: a publication date -> the NLP tables of TEXT published that day, with the user's dictionaries."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSEVENTS_DICTIONARIES", str(dictionaries))
        nlp, res = get_nlp(), get_resources()
    assert res.dictionary_actors and res.verbs

    def _process(day: date) -> dict[str, list[dict]]:
        articles = ARTICLES.from_rows([{
            "article_id": f"art_{day:%Y%m%d}", "text": TEXT, "published_at": datetime.combine(day, datetime.min.time()),
            "word_count": len(TEXT.split()), "content_sha256": "0" * 64, "input_ref": "test", "partition_date": day}])
        return {k: v.to_pylist() for k, v in process_articles(articles, nlp=nlp, resources=res,
                                                               partition_date=day).items()}

    return _process


def _vantberg(tables: dict[str, list[dict]]) -> dict:
    return next(a for a in tables["actors"] if a["name"] == "Orla Vantberg")


@pytest.mark.parametrize("day, cameo", [(date(2021, 5, 4), "FRAGOVFRM"), (date(2024, 5, 7), "FRAELI")])
def test_the_articles_date_picks_the_users_role(process_on, day, cameo):
    actor = _vantberg(process_on(day))
    assert (actor["actor_type"], actor["country_code"], actor["cameo_code"]) == ("PERSON", "FRA", cameo)


def test_the_users_verb_pattern_codes_and_the_discard_phrase_stops_its_sentence(process_on):
    tables = process_on(date(2021, 5, 4))
    source = _vantberg(tables)["actor_id"]
    events = [(e["source_actor_id"], e["event_code"], e["sentence_index"]) for e in tables["events"]]
    assert events == [(source, "161", 0)]   # "* ENVOY" over SNUB's own 110; sentence 1 is discarded


def test_without_the_setting_our_dictionaries_alone(monkeypatch):
    monkeypatch.delenv("NEWSEVENTS_DICTIONARIES", raising=False)
    assert not get_resources().verbs and not get_resources().dictionary_actors


def test_a_malformed_entry_stops_the_run_with_file_and_line(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "Broken.actors.txt"
    bad.write_text("ORLA_VANTBERG [FRAGOV 2019-2022]\n", encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_DICTIONARIES", str(bad))
    landing = tmp_path / "landing"
    landing.mkdir()
    code = cli.main(["run", "--input", str(landing), "--data-dir", str(tmp_path / "data"), "--date", "2021-05-04",
                     "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == cli.EXIT_USAGE
    assert err == [f"newsevents: dictionary error: {bad}:1: bad date '2019' (YYMMDD or YYYYMMDD)"]
