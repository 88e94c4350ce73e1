"""The NLP layer's resources: loaded from data files only, loudly checked, and handed to the components through
one registered, versioned function in the pipeline config."""

from __future__ import annotations

import ast
import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.util import registry

from newsevents.nlp.components import COMPONENTS, RESOURCES_FUNCTION, add_components
from newsevents.nlp.resources import (
    DATA_DIR,
    CodeClasses,
    WordClasses,
    cached_resources,
    default_resources,
    load_resources,
)

NLP = Path(__file__).resolve().parents[2] / "newsevents" / "nlp"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the bundled data directory, to break."""
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def _append(path: Path, line: str) -> int:
    """Append a line to a data file; returns its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


# ----------------------------------------------------------------------------- word lists are data
@pytest.mark.parametrize("cls, attribute", [(WordClasses, "words"), (CodeClasses, "code_classes")])
def test_every_class_has_entries_in_the_bundled_data(cls, attribute):
    loaded = getattr(default_resources(), attribute)
    assert [f.name for f in dataclasses.fields(cls) if not getattr(loaded, f.name)] == []


@pytest.mark.parametrize("module", ["actors.py", "events.py", "senses.py", "statements.py", "resources.py"])
def test_coders_hold_no_word_lists(module):
    """Module-level sets and dicts of strings are lexicons: they belong in newsevents/data."""
    tree = ast.parse((NLP / module).read_text(encoding="utf-8"))
    lexicons = [node.targets[0].id for node in tree.body if isinstance(node, ast.Assign)
                and isinstance(node.value, (ast.Set, ast.Dict)) and any(
                    isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value.isalpha()
                    for c in ast.walk(node.value))]
    assert lexicons == []


def test_recoding_tables_and_display_names_load(data):
    res = load_resources(data)
    assert res.recoding.refusal["*"] == "120" and res.recoding.intent["07"] == "033"
    assert res.country_names["RUS"] == "Russia" and res.role_names["REB"] == "rebels"


# ----------------------------------------------------------------------------- failures are loud
def test_missing_data_file_names_the_file(data):
    (data / "word_classes.csv").unlink()
    with pytest.raises(FileNotFoundError, match="word_classes.csv"):
        load_resources(data)


@pytest.mark.parametrize("name, row, problem", [
    ("office_holders.csv", "Ada Quill,,USA,USALEG,Senator,2019-13-01,,,fictional",
     "start_date .2019-13-01. is not a date"),
    ("office_holders.csv", "Ada Quill,,USA,USALEG,Senator,2019-01-01,2018-01-01,,fictional",
     "end_date before start_date"),
    ("office_holders.csv", "Ada Quill,,USA,USALEG,Senator,2019-01-01,,12345,fictional", "wikidata_id '12345'"),
    ("office_holders.csv", "Ada Quill,,USA,USALEG,Senator,2019-01-01,,,", "empty source"),
])
def test_malformed_office_holder_names_file_and_line(data, name, row, problem):
    line = _append(data / name, row)
    with pytest.raises(ValueError, match=rf"{name}:{line}: {problem}"):
        load_resources(data)


def test_office_holders_pick_the_role_held_on_the_article_date(data):
    _append(data / "office_holders.csv",
            "Ada Quill,Quill,USA,USALEG,U.S. Senator (fictional),2011-01-03,2017-01-20,Q99999991,fictional row")
    _append(data / "office_holders.csv",
            "Ada Quill,,USA,USAGOV,Secretary of Lighthouses (fictional),2017-01-20,2019-06-30,,fictional row")
    quill = load_resources(data).known_actors["quill"]
    assert quill.wikidata_id == "Q99999991" and quill.name == "Ada Quill"
    assert quill.on(date(2010, 5, 1)).cameo_code == "USA"          # before any office: the country alone
    assert quill.on(date(2016, 5, 1)).cameo_code == "USALEG"
    assert quill.on(date(2017, 1, 20)).cameo_code == "USAGOV"      # handover day: the role that starts
    assert quill.on(date(2018, 5, 1)).office.startswith("Secretary of Lighthouses")
    later = quill.on(date(2022, 5, 1))                               # after: the last office, as former
    assert later.cameo_code == "USAGOV" and later.office.startswith("former ")
    assert quill.on(None).cameo_code == "USALEG"


@pytest.mark.parametrize("name, row, problem", [
    ("demonyms.csv", "ARN", "1 fields, the header has 2"),
    ("capitals.csv", "ARN,", "empty capital"),
    ("word_classes.csv", "negating_head,fail,a typo of negating_heads", "unknown class 'negating_head'"),
    ("word_classes.csv", "light_verbs,Launch,capitalised", "bad term 'Launch'"),
    ("word_classes.csv", "light_verbs,launch,twice", "'launch' repeated"),
    ("recoding.csv", "intent,09,0999,no such CAMEO code", "to_code '0999' is not in cameo_codes.csv"),
    ("roles.csv", "warlord,REB,person", "kind 'person' is not one of title, group"),
    ("display_names.csv", "country,ARN,Arnor,no such country", "unknown country code 'ARN'"),
])
def test_malformed_row_names_file_and_line(data, name, row, problem):
    line = _append(data / name, row)
    with pytest.raises(ValueError, match=rf"{name}:{line}: {problem}"):
        load_resources(data)


def test_class_without_rows_fails(data):
    path = data / "word_classes.csv"
    kept = [row for row in path.read_text(encoding="utf-8").splitlines() if not row.startswith("denial_heads,")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no rows for class.*denial_heads"):
        load_resources(data)


def test_missing_column_fails(data):
    path = data / "statement_cues.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("lemma,kind", "lemma,sort", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="statement_cues.csv:1: missing column"):
        load_resources(data)


# ----------------------------------------------------------------------------- the registered function
def test_registered_function_returns_the_cached_bundled_resources():
    create = registry.misc.get(RESOURCES_FUNCTION)
    assert create() is default_resources() and create(data_dir="") is default_resources()


def test_pipeline_config_names_the_function_and_components_share_its_resources(data):
    nlp = add_components(spacy.blank("en"), resources={"@misc": RESOURCES_FUNCTION, "data_dir": str(data)})
    assert nlp.config["components"]["newsevents_events"]["resources"] == {
        "@misc": RESOURCES_FUNCTION, "data_dir": str(data), "dictionaries": "", "keep_unknown_codes": False}
    assert all(nlp.get_pipe(name).resources is cached_resources(str(data)) for name in COMPONENTS)
    assert cached_resources(str(data)) is not default_resources()


def test_default_pipeline_uses_the_bundled_resources():
    nlp = add_components(spacy.blank("en"))
    assert nlp.config["components"]["newsevents_actors"]["resources"]["@misc"] == RESOURCES_FUNCTION
    assert all(nlp.get_pipe(name).resources is default_resources() for name in COMPONENTS)


@pytest.mark.parametrize("factory, required, assigned", [
    ("newsevents_names", ["doc.ents", "token.pos"], ["doc.ents", "token.ent_type", "token.ent_iob"]),
    ("newsevents_gazetteer", [], ["doc.spans"]),
    ("newsevents_actors", ["doc.ents", "token.dep"], ["doc._.article_actors"]),
    ("newsevents_statements", ["doc._.article_actors", "token.dep"], ["doc._.statements"]),
    ("newsevents_events", ["doc._.article_actors", "doc._.anchor_date"], ["doc._.events", "doc._.event_places"]),
    ("newsevents_places", ["doc.ents", "doc._.article_actors"], ["doc._.location_mentions"]),
    ("newsevents_where", ["doc._.events", "doc._.location_mentions"], ["doc._.event_locations"]),
])
def test_factories_declare_what_they_require_and_assign(factory, required, assigned):
    meta = Language.get_factory_meta(factory)
    assert set(required) <= set(meta.requires) and list(meta.assigns) == assigned
    assert meta.default_config == {"resources": {"@misc": RESOURCES_FUNCTION}}


def test_place_data_files_are_checked(data):
    path = data / "country_points.csv"
    path.write_text(path.read_text(encoding="utf-8") + "ZZZ,1.0,2.0,not a country\n", encoding="utf-8")
    with pytest.raises(ValueError, match="country_points.csv:.*unknown country code 'ZZZ'"):
        load_resources(data)


def test_admin1_links_name_real_iso_regions(data):
    path = data / "admin1_codes.csv"
    path.write_text(path.read_text(encoding="utf-8") + "CA-XX,99,no such province\n", encoding="utf-8")
    with pytest.raises(ValueError, match="admin1_codes.csv:.*unknown ISO 3166-2 code 'CA-XX'"):
        load_resources(data)
