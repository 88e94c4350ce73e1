"""Golden records for user dictionaries in PETRARCH/Phoenix format on fictional sentences: each pattern feature
(words after and before the verb, synsets, joined words, slots, `[A:B]`, `[---]`, negation spelled out by the
pattern, agents, date-bounded roles, discards) and what stays ours. Names and sentences are invented; the
dictionaries are written here."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import spacy

from newsevents.core.contracts import ARTICLES
from newsevents.nlp.components import RESOURCES_FUNCTION, add_components
from newsevents.nlp.rows import process_articles
from newsevents.nlp.runtime import resolve_model_name

ACTORS = """\
VALDORIA [VLD]
+VALDORIANS
MERENTH [MRN]
KESSARA [KSR]
ISOLDE_FARRAN [VLD]   # a person: the title in the article adds the role
TWIN_HARBOURS [VLD/MRN]   # a compound: one name for two actors
TOMAS_HALE
\t[MRNMIL 20190101-20201231]
\t[MRNGOV >20201231]
"""
AGENTS = """\
HARBOUR_WARDEN [~COP]
"""
DISCARDS = "+CROQUET_LEAGUE\n"
VERBS = """\
&TIEKINDS
+TRADE
+CULTURAL

&NEGAUX
+DID N'T
+WILL NOT

--- SEVER  [161]  ---
SEVER
- * &TIEKINDS TIES [1621]
- &NEGAUX * [012]
- * TIES_WITH + [164]

--- GREET  [042:043] ---
GREET

--- MUSE [---] ---
MUSE
- * ALLIANCE [036]

--- POSTPONE [191] ---
POSTPONE
- % HAVE * [192]

--- CRITICIZE [111] ---
CRITICIZE
- * ON BEHALF_OF $ [122]
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("user_dictionaries")
    for name, text in (("Test.actors.txt", ACTORS), ("Test.agents.txt", AGENTS), ("Test.discards.txt", DISCARDS),
                       ("Test.verbs.txt", VERBS)):
        (folder / name).write_text(text, encoding="utf-8")
    nlp = add_components(spacy.load(resolve_model_name()),
                         resources={"@misc": RESOURCES_FUNCTION, "dictionaries": str(folder)})
    res = nlp.get_pipe("newsevents_events").resources

    def _run(text: str, day: date = date(2021, 6, 1)) -> list[tuple]:
        articles = ARTICLES.from_rows([{
            "article_id": "art_test", "text": text, "published_at": datetime.combine(day, datetime.min.time()),
            "word_count": len(text.split()), "content_sha256": "0" * 64, "input_ref": "test", "partition_date": day}])
        tables = {k: v.to_pylist() for k, v in process_articles(articles, nlp=nlp, resources=res,
                                                                 partition_date=day).items()}
        code = {a["actor_id"]: a["cameo_code"] for a in tables["actors"]}
        return sorted((code[e["source_actor_id"]], code.get(e["target_actor_id"]), e["event_code"])
                      for e in tables["events"])

    return _run


@pytest.mark.parametrize("text, expected", [
    # the verb's own code, the user's country names
    ("Valdoria severed relations with Merenth.", [("VLD", "MRN", "161")]),
    # a synset member and the word after it, in the verb's phrase
    ("Valdoria severed its cultural ties with Merenth.", [("VLD", "MRN", "1621")]),
    # joined words and a target slot after them
    ("Valdoria severed ties with Merenth.", [("VLD", "MRN", "164")]),
    # a negation the pattern spells out is the pattern's code, not a dropped event
    ("Valdoria didn't sever ties.", [("VLD", None, "012")]),
    # a negation it does not spell out stops the event, as for our own patterns
    ("Valdoria never severed relations with Merenth.", []),
    # [A:B]: A from source to target, B back
    ("Valdoria greeted Merenth.", [("MRN", "VLD", "043"), ("VLD", "MRN", "042")]),
    # [---]: a verb the user lists as no event is none, unless a pattern codes it
    ("Valdoria mused about Merenth.", []),
    ("Valdoria mused about an alliance with Merenth.", [("VLD", "MRN", "036")]),
    # %: the compound subject acts on itself
    ("Valdoria and Merenth have postponed their summit.", [("MRN", "VLD", "192"), ("VLD", "MRN", "192")]),
    # $ after a preposition: its object is the source (the object stays the target)
    ("Merenth criticized Kessara on behalf of Valdoria.", [("VLD", "KSR", "122")]),
    ("Merenth was criticized by Kessara.", [("KSR", "MRN", "111")]),
    # a plain-country synonym of the actors dictionary
    ("The Valdorians severed relations with Merenth.", [("VLD", "MRN", "161")]),
    # an agent: the user's role word with the country that modifies it
    ("Valdoria's harbour wardens greeted Merenth.", [("MRN", "VLDCOP", "043"), ("VLDCOP", "MRN", "042")]),
    # a dictionary person with a title in the article: the title adds the role
    ("Valdorian Foreign Minister Isolde Farran severed relations with Merenth.", [("VLDGOV", "MRN", "161")]),
    # a compound code: each of its actors acts
    ("The Twin Harbours severed relations with Kessara.", [("MRN", "KSR", "161"), ("VLD", "KSR", "161")]),
    # a story-level discard: the article codes nothing
    ("Valdoria severed relations with Merenth after the croquet league final.", []),
])
def test_user_verb_patterns(run, text, expected):
    assert run(text) == expected


def test_verbs_the_user_does_not_list_keep_our_patterns(run):
    # the charge names the sub-code: espionage (1125)
    assert run("Valdoria accused Merenth of espionage.") == [("VLD", "MRN", "1125")]


@pytest.mark.parametrize("day, code", [(date(2020, 6, 1), "MRNMIL"), (date(2022, 6, 1), "MRNGOV")])
def test_the_articles_date_picks_the_role(run, day, code):
    assert run("Tomas Hale severed relations with Kessara.", day) == [(code, "KSR", "161")]
