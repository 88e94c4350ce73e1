"""PETRARCH/Phoenix-format dictionaries: the pure parser (`nlp.dictionaries`), the merge over our resources
(`nlp.resources.with_dictionaries`) and the verb patterns on a parse (`nlp.dictionary_verbs`). Every snippet here is
fictional."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.nlp.dictionaries import (
    NO_EVENT,
    DatedCode,
    DictionaryError,
    parse_actors,
    parse_agents,
    parse_discards,
    parse_verbs,
)
from newsevents.nlp.resources import default_resources, dictionary_kind, with_dictionaries

ACTORS = """\
<!-- fictional actors for the tests
     over two lines -->
VALDORIA [VLD]   # a country
+VALDORIAN_REPUBLIC
+THE_VALDORIANS
PORT_SENNA [VLDGOV]
ORLA_VANTBERG   # a minister, then a former one
\t[VLDGOVFRM 20190301-20221231]
\t[VLDELI >20221231]
MIRO_TASK [VLDREB <950601] [VLDGOV]
KESTREL_LEAGUE [IGOKSL/VLD]
NOBODY_IN_PARTICULAR [---]
"""


def test_actors_names_synonyms_and_codes():
    entries = {e.names[0]: e for e in parse_actors(ACTORS, "test.actors.txt")}
    assert set(entries) == {"valdoria", "port senna", "orla vantberg", "miro task", "kestrel league",
                            "nobody in particular"}
    assert entries["nobody in particular"].code_on(None) is None   # [---]: a name that is no actor
    assert entries["valdoria"].names == ("valdoria", "valdorian republic", "the valdorians")
    assert entries["valdoria"].codes == (DatedCode("VLD"),)
    assert entries["kestrel league"].code_on(None) == "IGOKSL"   # a compound code: one name, several actors
    assert entries["kestrel league"].codes_on(None) == ("IGOKSL", "VLD")
    assert entries["valdoria"].where == "test.actors.txt:3"


def test_actor_roles_by_the_articles_date():
    entries = {e.names[0]: e for e in parse_actors(ACTORS, "test.actors.txt")}
    orla = entries["orla vantberg"]
    assert orla.code_on(date(2019, 3, 1)) == "VLDGOVFRM"      # ranges are inclusive
    assert orla.code_on(date(2022, 12, 31)) == "VLDGOVFRM"
    assert orla.code_on(date(2023, 1, 1)) == "VLDELI"         # ">D" starts the day after D
    assert orla.code_on(date(2018, 1, 1)) is None             # no role then, and no default
    miro = entries["miro task"]
    assert miro.code_on(date(1995, 5, 31)) == "VLDREB"        # YYMMDD: 95 -> 1995; "<D" ends the day before
    assert miro.code_on(date(1995, 6, 1)) == "VLDGOV"         # the undated block is the default
    assert miro.code_on(None) == "VLDGOV"


def test_the_first_listed_range_wins_an_overlap():
    [entry] = parse_actors("TESSA_MOOR [VLD]\n\t[VLDMIL 20100101-20101231]\n\t[VLDGOV 20100601-20111231]\n", "t")
    assert entry.code_on(date(2010, 7, 1)) == "VLDMIL"
    assert entry.code_on(date(2011, 7, 1)) == "VLDGOV"
    assert entry.code_on(date(2012, 7, 1)) == "VLD"


@pytest.mark.parametrize("text, line, problem", [
    ("VALDORIA [VLD\n", 1, "unbalanced brackets"),
    ("+VALDORIAN\n", 1, "synonym"),
    ("ORLA [VLDGOV 2019x301-20221231]\n", 1, "bad code block"),
    ("VALDORIA [VLD]\nORLA [VLDGOV 20191301-20221231]\n", 2, "bad date"),
    ("ORLA [VLDGOV 20221231-20190101]\n", 1, "ends before it starts"),
    ("VALDORIA [V@LD]\n", 1, "bad actor code"),
])
def test_malformed_actor_entries_name_file_and_line(text, line, problem):
    with pytest.raises(DictionaryError, match=rf"^my\.actors\.txt:{line}: .*{problem}"):
        parse_actors(text, "my.actors.txt")


AGENTS = """\
!OFFICER! = OFFICER, OFFICERS, CHIEF, CHIEFS
HARBOUR_WARDEN [~COP]
TREASURY_!OFFICER! [~GOV]
RELIEF_CORPS {} [~NGO]
GOOSE_HERD {GEESE_HERDS} [~AGR]
FIELD_MEDIC [NGO~]
"""


def test_agents_plurals_substitutions_and_prefixes():
    agents = {a.term: a for a in parse_agents(AGENTS, "test.agents.txt")}
    assert agents["harbour warden"].role == "COP" and not agents["harbour warden"].plural
    assert agents["harbour wardens"].plural                      # the regular plural
    assert {"treasury officer", "treasury officers", "treasury chief", "treasury chiefs"} <= set(agents)
    assert "treasury officerss" not in agents                     # a substitution set lists its own plurals
    assert "relief corpss" not in agents and "relief corps" in agents   # {}: no plural
    assert agents["geese herds"].plural and "goose herds" not in agents  # the listed plural only
    assert agents["field medic"].prefix and agents["field medic"].role == "NGO"


@pytest.mark.parametrize("text, problem", [
    ("HARBOUR_WARDEN [COP]\n", "bad agent code"),
    ("HARBOUR_WARDEN ~COP\n", "bad agent entry"),
    ("TREASURY_!CLERK! [~GOV]\n", "unknown substitution"),
])
def test_malformed_agents(text, problem):
    with pytest.raises(DictionaryError, match=rf"^a\.txt:1: .*{problem}"):
        parse_agents(text, "a.txt")


def test_discards():
    entries = parse_discards("HARVEST_FESTIVAL  # a sentence\n+CROQUET LEAGUE\n", "d.txt")
    assert [(d.phrase, d.whole_story) for d in entries] == [("harvest festival", False), ("croquet league", True)]
    with pytest.raises(DictionaryError, match=r"^d\.txt:1: "):
        parse_discards("[120]\n", "d.txt")


VERBS = """\
&TIEKINDS
+TRADE
+CULTURAL

&NEGAUX
+DID N'T
+WILL NOT

--- SEVER  [161]  ---
SEVER {SEVERS SEVERED}
+CUT_OFF [162]
- * &TIEKINDS TIES [1699]
- &NEGAUX * [---]
- * TIES_WITH + [164]

--- GREET  [042:043] ---
GREET
- * WARMLY [+++]   # a test marker, no code: passed over

--- MUSE [---] ---
MUSE
"""


def test_verbs_groups_patterns_synsets():
    dictionary = parse_verbs(VERBS, "v.txt")
    assert dictionary.synsets["TIEKINDS"] == [("trade",), ("cultural",)]
    assert dictionary.synsets["NEGAUX"] == [("did", "n't"), ("will", "not")]
    verbs = {v.word: v for v in dictionary.verbs}
    sever, cut, greet, muse = verbs["sever"], verbs["cut"], verbs["greet"], verbs["muse"]
    assert sever.forms == ("severs", "severed") and sever.code == "161"
    assert cut.words == ("cut", "off") and cut.head == 0 and cut.code == "162"
    assert len(sever.patterns) == 3 and cut.patterns == sever.patterns   # a group's verbs share its patterns
    first, null, slot = sever.patterns
    assert [a.kind for a in first.after] == ["synset", "word"] and first.code == "1699" and first.words == 2
    assert null.code == NO_EVENT and [a.kind for a in null.before] == ["synset"]
    assert [(a.kind, a.joined) for a in slot.after] == [("word", False), ("word", True), ("target", False)]
    assert (greet.code, greet.reverse_code, greet.patterns) == ("042", "043", ())
    assert muse.code == NO_EVENT


@pytest.mark.parametrize("text, line, problem", [
    ("- * TIES [064]\n", 1, "pattern outside a verb group"),
    ("--- SEVER ---\nSEVER\n", 1, "without a code"),
    ("--- SEVER [161] ---\nSEVER\n- TIES [064]\n", 3, "exactly one"),
    ("--- SEVER [161] ---\nSEVER\n- * TIES\n", 3, "without a \\[CODE\\]"),
    ("--- SEVER [161] ---\nSEVER\n- * TIES [064:]\n", 3, "bad event code"),
    ("SEVER\n", 1, "outside a synset or verb group"),
])
def test_malformed_verbs(text, line, problem):
    with pytest.raises(DictionaryError, match=rf"^v\.txt:{line}: .*{problem}"):
        parse_verbs(text, "v.txt")


PETRARCH2_STYLE = """\
####### SYNONYM SETS #######
&VESSEL_
+FERRY
+BARGE_
####### VERB PATTERNS #######
---  BESEECH   [---]  ---
+PLEAD_WITH {+PLEADED_WITH +PLEADING_WITH} [020]
BESEECH
- * {FERRY SERVICE}                                   [0233]        # BESEECH
- * (FOR &VESSEL) (OF $)                             [0234]        # PLEAD
- * (BEFORE TRIBUNAL)                                 [:173]        # APPEAR
"""


def test_petrarch2_verb_dictionary_style():
    dictionary = parse_verbs(PETRARCH2_STYLE, "CAMEO.test.txt")
    assert dictionary.synsets["VESSEL"] == [("ferry",), ("barge",)]
    verbs = {v.word: v for v in dictionary.verbs}
    plead = verbs["plead"]
    assert (plead.words, plead.forms, plead.code) == (("plead", "with"), ("pleaded with", "pleading with"), "020")
    assert verbs["beseech"].code == NO_EVENT
    phrase_np, phrase_pp, back = plead.patterns
    assert [a.text for a in phrase_np.after] == ["ferry", "service"]   # {NP}: its words
    assert [(a.kind, a.text) for a in phrase_pp.after] == [("word", "for"), ("synset", "VESSEL"), ("word", "of"),
                                                           ("source", "$")]
    assert (back.code, back.reverse_code) == (NO_EVENT, "173")      # [:B]: only the code back


def test_phoenix_style_actor_names_and_two_digit_years():
    text = "BRENLAND_  [BRN]\n+BRENLANDER_ \nOTTO_VASK_  # CountryInfo.txt\n\t[BRNELI 310101-840224]\n\t[BRNGOV]\n"
    entries = {e.names[0]: e for e in parse_actors(text, "Phoenix.test.actors.txt")}
    assert entries["brenland"].names == ("brenland", "brenlander")   # a trailing "_" (whole word) is no space
    vask = entries["otto vask"]
    assert vask.codes[0] == DatedCode("BRNELI", date(1931, 1, 1), date(1984, 2, 24))   # 30-99: 19xx
    assert vask.code_on(date(1990, 1, 1)) == "BRNGOV"


def test_merged_multiword_verbs_are_found_by_their_verb_word(tmp_path):
    (tmp_path / "CAMEO.test.verbs.txt").write_text(PETRARCH2_STYLE.replace("0233", "023").replace("0234", "023"),
                                                   encoding="utf-8")
    res = with_dictionaries(default_resources(), [str(tmp_path)])
    assert {v.word for v in res.verbs["pleaded"]} == {"plead"} and "pleaded with" not in res.verbs


# ----------------------------------------------------------------------------- merged over our resources
@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "Test.Countries.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "Test.agents.txt").write_text(AGENTS + "MINISTER [~GOVXYZ]\n", encoding="utf-8")
    (tmp_path / "Test.discards.txt").write_text("HARVEST_FESTIVAL\n", encoding="utf-8")
    (tmp_path / "Test.verbs.txt").write_text(VERBS.replace("1699", "1621").replace("[164]", "[163]"),
                                             encoding="utf-8")
    return tmp_path


def test_merge_adds_the_users_entries_over_ours(folder):
    base = default_resources()
    res = with_dictionaries(base, [str(folder)])
    assert res.countries["Valdoria"] == "VLD" and res.country_names["VLD"] == "Valdoria"
    assert res.countries["Valdorian Republic"] == "VLD" and res.countries["Valdorians"] == "VLD"
    assert res.dictionary_actors["orla vantberg"].code_on(date(2020, 1, 1)) == "VLDGOVFRM"
    assert res.titles["minister"] == "GOVXYZ" and base.titles["minister"] != "GOVXYZ"   # the user's role wins
    assert res.groups["harbour wardens"] == "COP" and res.titles["harbour warden"] == "COP"
    assert [d.phrase for d in res.discards] == ["harvest festival"]
    assert {v.word for v in res.verbs["severed"]} == {"sever"}
    assert "Valdoria" not in base.countries and not base.verbs and not base.dictionary_actors   # untouched


def test_merge_refuses_codes_outside_the_cameo_table(folder):
    (folder / "Test.verbs.txt").write_text(VERBS, encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"Test\.verbs\.txt:\d+: event code 1699 is not a CAMEO code"):
        with_dictionaries(default_resources(), [str(folder)])
    res = with_dictionaries(default_resources(), [str(folder)], keep_unknown_codes=True)
    assert res.cameo["1699"].root_code == "16"


def test_dictionary_files_and_kinds(tmp_path):
    assert dictionary_kind(tmp_path / "Phoenix.Countries.actors.txt") == "actors"
    assert dictionary_kind(tmp_path / "PETR.Validate.verbs.txt") == "verbs"
    with pytest.raises(DictionaryError, match="cannot tell the kind"):
        dictionary_kind(tmp_path / "my_words.txt", "VALDORIA [VLD]\n")
    assert dictionary_kind(tmp_path / "CAMEO.9.9.txt", PETRARCH2_STYLE) == "verbs"   # verb groups say so
    with pytest.raises(DictionaryError, match="dictionary not found"):
        with_dictionaries(default_resources(), [str(tmp_path / "missing")])
    (tmp_path / "Bad.actors.txt").write_text("VALDORIA [VLD]\nORLA [VLDGOV 2019-2022]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"Bad\.actors\.txt:2: "):
        with_dictionaries(default_resources(), [str(tmp_path / "Bad.actors.txt")])
