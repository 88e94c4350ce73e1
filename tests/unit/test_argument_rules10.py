"""Unit tests on hand-built Docs for the tenth round of argument finding (issue 15, args10): the verb that addresses
a domestic sector (`_addressing_verb`) and the one country of its subjects (`_subject_country`), a sector so
addressed taking that country (`_home_addressees`), the compound owner of a demand (`_owns_demand`), a group's
leader's country (`_leader_countries`), and the demonym-named victims of a nominal event with an agent
(`_demonym_people`)."""

from __future__ import annotations

from newsevents.nlp.actors import (
    ArticleActors,
    Mention,
    _addressing_verb,
    _home_addressees,
    _leader_countries,
    _owns_demand,
    _subject_country,
    collective_actor,
    country_actor,
)
from newsevents.nlp.events import _demonym_people
from tests.hand_built import countries, parse


def _collective(out: ArticleActors, doc, at: int, iso: str | None, role: str, res):
    """A collective of `role` (of `iso`, or of no country) mentioned at token `at`."""
    actor = collective_actor(iso, role, res, ["test"], 0.6)
    tok = doc[at]
    out.add(actor, Mention(start=at, end=at + 1, start_char=tok.idx, end_char=tok.idx + len(tok.text),
                           text=tok.text, kind="nominal", sentence_index=0, actor_key=actor.key))
    return actor


#: "Ghana appealed to the public ."
APPEAL = [("Ghana", "PROPN", "nsubj", 1), ("appealed", "VERB", "ROOT", 1, "appeal"), ("to", "ADP", "prep", 1),
          ("the", "DET", "det", 4), ("public", "NOUN", "pobj", 2), (".", "PUNCT", "punct", 1)]
#: "Peru rejected union demands ."
DEMANDS = [("Peru", "PROPN", "nsubj", 1), ("rejected", "VERB", "ROOT", 1, "reject"),
           ("union", "NOUN", "compound", 3), ("demands", "NOUN", "dobj", 1, "demand"), (".", "PUNCT", "punct", 1)]
#: "Tonga met the leaders of the church ."
LEADERS = [("Tonga", "PROPN", "nsubj", 1), ("met", "VERB", "ROOT", 1, "meet"), ("the", "DET", "det", 3),
           ("leaders", "NOUN", "dobj", 1, "leader"), ("of", "ADP", "prep", 3), ("the", "DET", "det", 6),
           ("church", "NOUN", "pobj", 4), (".", "PUNCT", "punct", 1)]
#: "the public appealed to Ghana ."
ACTING = [("the", "DET", "det", 1), ("public", "NOUN", "nsubj", 2), ("appealed", "VERB", "ROOT", 2, "appeal"),
          ("to", "ADP", "prep", 2), ("Ghana", "PROPN", "pobj", 3), (".", "PUNCT", "punct", 2)]


def test_the_verb_addressing_a_sector_is_found_through_its_phrase_owner_or_of_phrase(res):
    assert _addressing_verb(parse(APPEAL)[4], res).i == 1      # appealed to the public
    assert _addressing_verb(parse(DEMANDS)[2], res).i == 1     # rejected union demands
    assert _addressing_verb(parse(LEADERS)[6], res).i == 1     # met the leaders of the church
    assert _addressing_verb(parse(ACTING)[1], res) is None     # the public acts itself


def test_the_subject_country_is_one_and_not_of_the_addressees_own_role(res):
    doc = parse(APPEAL)
    out = countries(doc, res, {0: "GHA"})
    assert _subject_country(doc[1], res, out, "CVL") == "GHA"
    doc = parse(APPEAL)
    out = ArticleActors()
    _collective(out, doc, 0, "GHA", "GOV", res)
    assert _subject_country(doc[1], res, out, "GOV") is None   # leaders a government meets: itself, or nobody's


def test_a_countryless_sector_addressed_by_one_country_is_its_own(res):
    doc = parse(APPEAL)
    out = countries(doc, res, {0: "GHA"})
    _collective(out, doc, 4, None, "CVL", res)
    _home_addressees(doc, res, out)
    assert out.actors[out.mentions[1].actor_key].cameo_code == "GHACVL"
    assert "collective:---:CVL" not in out.actors


def test_a_sector_in_a_sentence_of_two_countries_is_left_alone(res):
    #: "Ghana appealed to the public in Togo ." with Togo a second country of the sentence
    rows = APPEAL[:5] + [("in", "ADP", "prep", 1), ("Togo", "PROPN", "pobj", 5), (".", "PUNCT", "punct", 1)]
    doc = parse(rows)
    out = countries(doc, res, {0: "GHA", 6: "TGO"})
    _collective(out, doc, 4, None, "CVL", res)
    _home_addressees(doc, res, out)
    assert out.actors[out.mentions[2].actor_key].country_code is None


def test_a_role_word_compounded_with_a_demand_owns_it(res):
    assert _owns_demand(parse(DEMANDS)[2], res)
    doc = parse([("union", "NOUN", "compound", 1), ("leaders", "NOUN", "ROOT", 1, "leader")])
    assert not _owns_demand(doc[0], res)


def test_a_group_led_by_another_is_of_its_leaders_country(res):
    #: "a consortium led by a Chinese company"
    doc = parse([("a", "DET", "det", 1), ("consortium", "NOUN", "ROOT", 1), ("led", "VERB", "acl", 1, "lead"),
                 ("by", "ADP", "agent", 2), ("a", "DET", "det", 6), ("Chinese", "ADJ", "amod", 6),
                 ("company", "NOUN", "pobj", 3)])
    assert [iso for iso, _, _ in _leader_countries(doc, doc[1], res, ArticleActors())] == ["CHN"]
    #: "a consortium led by Nigeria"
    doc = parse([("a", "DET", "det", 1), ("consortium", "NOUN", "ROOT", 1), ("led", "VERB", "acl", 1, "lead"),
                 ("by", "ADP", "agent", 2), ("Nigeria", "PROPN", "pobj", 3)])
    assert [iso for iso, _, _ in _leader_countries(doc, doc[1], res, ArticleActors())] == ["NGA"]


#: "the arrest of Malian traders by police" with Malian a country mention
ARREST = [("the", "DET", "det", 1), ("arrest", "NOUN", "ROOT", 1), ("of", "ADP", "prep", 1),
          ("Malian", "ADJ", "amod", 4), ("traders", "NOUN", "pobj", 2), ("by", "ADP", "prep", 1),
          ("police", "NOUN", "pobj", 5)]


def test_demonym_named_victims_of_an_agents_act_are_its_target(res):
    doc = parse(ARREST)
    out = countries(doc, res, {3: "MLI"})
    senegal_police = collective_actor("SEN", "COP", res, ["test"], 0.8)
    assert [a.country_code for a in _demonym_people(doc, doc[4], out, [senegal_police])] == ["MLI"]
    assert _demonym_people(doc, doc[4], out, []) == []                        # no agent, nothing said
    malian_police = collective_actor("MLI", "COP", res, ["test"], 0.8)
    assert _demonym_people(doc, doc[4], out, [malian_police]) == []           # its own means, not whom
    assert country_actor("MLI", res).actor_type == "COUNTRY"
