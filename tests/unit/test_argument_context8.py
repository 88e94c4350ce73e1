"""Unit tests on hand-built Docs for the eighth round of argument context (issue 15, args8): a possessor country of
several words (`_country_ending_at`), coordinated demonyms the parse hung elsewhere (`_preceding_demonyms`), a
titled person of no country and the dateline (`_dateline_officials`), and a named group a counterpart's word
introduces (`_introducing_role`, `_counterpart_orgs`)."""

from __future__ import annotations

import spacy

from newsevents.nlp.actors import (
    Actor,
    ArticleActors,
    Mention,
    _counterpart_orgs,
    _country_ending_at,
    _dateline_officials,
    _introducing_role,
    _preceding_demonyms,
)
from tests.hand_built import countries, parse

#: "Papua New Guinea 's minister criticised Australia ."
PNG = [("Papua", "PROPN", "compound", 2), ("New", "PROPN", "compound", 2), ("Guinea", "PROPN", "poss", 4),
       ("'s", "PART", "case", 2), ("minister", "NOUN", "nsubj", 5), ("criticised", "VERB", "ROOT", 5),
       ("Australia", "PROPN", "dobj", 5), (".", "PUNCT", "punct", 5)]


def test_a_possessor_country_of_several_words_is_read_whole(res):
    assert _country_ending_at(parse(PNG)[2], res) == "PNG"


def test_a_one_word_possessor_is_its_own_country(res):
    doc = parse([("Guinea", "PROPN", "poss", 2), ("'s", "PART", "case", 0), ("minister", "NOUN", "ROOT", 2)])
    assert _country_ending_at(doc[0], res) == "GIN"


#: "The Kenyan and Sri Lankan navies drilled ." with "Kenyan" misparsed as a subject of its own
NAVIES = [("The", "DET", "det", 1), ("Kenyan", "PROPN", "nsubj", 5), ("and", "CCONJ", "cc", 1),
          ("Sri", "PROPN", "compound", 4), ("Lankan", "PROPN", "conj", 1), ("navies", "NOUN", "nsubj", 6),
          ("drilled", "VERB", "ROOT", 6), (".", "PUNCT", "punct", 6)]


def test_coordinated_demonyms_before_a_noun_are_read_off_the_words(res):
    assert [iso for iso, _, _ in _preceding_demonyms(parse(NAVIES), parse(NAVIES)[5], res)] == ["KEN", "LKA"]


def test_a_single_demonym_before_a_noun_is_left_to_the_parse(res):
    doc = parse([("Kenyan", "ADJ", "amod", 1), ("navies", "NOUN", "nsubj", 2), ("drilled", "VERB", "ROOT", 2)])
    assert _preceding_demonyms(doc, doc[1], res) == []


def _person(out: ArticleActors, doc, at: int, role: str = "GOV", cameo: str | None = None) -> Actor:
    person = Actor(key="person:mwale", name="Mwale", actor_type="PERSON", role_code=role, cameo_code=cameo or role,
                   titles={"president"})
    tok = doc[at]
    out.add(person, Mention(start=at, end=at + 1, start_char=tok.idx, end_char=tok.idx + len(tok.text),
                            text=tok.text, kind="name", sentence_index=0, actor_key=person.key))
    return person


TOKENIZE = spacy.blank("en")   # the dateline is read from the text


def test_a_titled_person_of_no_country_takes_the_datelines(res):
    doc = TOKENIZE("LUSAKA - President Mwale spoke.")
    out = ArticleActors()
    person = _person(out, doc, 3)
    _dateline_officials(doc, res, out)
    assert person.cameo_code == "ZMBGOV"


def test_without_a_dateline_or_with_a_body_the_person_is_left_alone(res):
    doc = TOKENIZE("President Mwale spoke.")
    out = ArticleActors()
    person = _person(out, doc, 1)
    _dateline_officials(doc, res, out)
    assert person.country_code is None
    doc = TOKENIZE("LUSAKA - Envoy Mwale spoke.")
    out = ArticleActors()
    envoy = _person(out, doc, 3, cameo="IGOUNO")
    _dateline_officials(doc, res, out)
    assert envoy.cameo_code == "IGOUNO"


#: "Congo accused the rebel Kivu Front ." with the name an organisation
REBEL = [("Congo", "PROPN", "nsubj", 1), ("accused", "VERB", "ROOT", 1, "accuse"), ("the", "DET", "det", 5),
         ("rebel", "NOUN", "compound", 5), ("Kivu", "PROPN", "compound", 5), ("Front", "PROPN", "dobj", 1),
         (".", "PUNCT", "punct", 1)]


def test_a_rebel_word_before_a_name_makes_it_a_rebel_group(res):
    doc = parse(REBEL)
    assert _introducing_role(doc, doc[4:6], res) == "REB"
    assert _introducing_role(doc, doc[0:1], res) is None


def test_a_named_rebel_group_is_of_the_state_it_faces(res):
    doc = parse(REBEL)
    out = countries(doc, res, {0: "COD"})
    group = Actor(key="org:kivu front", name="Kivu Front", actor_type="ORGANIZATION", role_code="REB",
                  cameo_code="REB")
    out.add(group, Mention(start=4, end=6, start_char=doc[4].idx, end_char=doc[5].idx + 5, text="Kivu Front",
                           kind="name", sentence_index=0, actor_key=group.key))
    _counterpart_orgs(doc, res, out)
    assert group.cameo_code == "CODREB"


def _facing(res, rows, iso_by_token: dict[int, str], body_at: int, role: str = "UAF") -> ArticleActors:
    """A countryless collective of `role` at token `body_at`, beside police (COP) of the given tokens' countries."""
    from newsevents.nlp.actors import _facing_bodies, collective_actor
    doc = parse(rows)
    out = ArticleActors()
    for i, iso in sorted(iso_by_token.items()):
        actor = collective_actor(iso, "COP", res, ["test"], 0.9)
        out.add(actor, Mention(start=i, end=i + 1, start_char=doc[i].idx, end_char=doc[i].idx + len(doc[i].text),
                               text=doc[i].text, kind="nominal", sentence_index=0, actor_key=actor.key))
    body = collective_actor(None, role, res, ["test"], 0.6)
    tok = doc[body_at]
    out.add(body, Mention(start=body_at, end=body_at + 1, start_char=tok.idx, end_char=tok.idx + len(tok.text),
                          text=tok.text, kind="nominal", sentence_index=0, actor_key=body.key))
    _facing_bodies(doc, res, out)
    return out


#: "police bombed militias ."
BOMBED = [("police", "NOUN", "nsubj", 1), ("bombed", "VERB", "ROOT", 1, "bomb"), ("militias", "NOUN", "dobj", 1),
          (".", "PUNCT", "punct", 1)]


def test_an_armed_group_a_state_body_acts_on_is_that_states(res):
    out = _facing(res, BOMBED, {0: "GHA"}, 2)
    assert out.actors[out.mentions[-1].actor_key].cameo_code == "GHAUAF"


def test_an_armed_group_acting_or_troops_keep_no_country(res):
    acting = [("militias", "NOUN", "nsubj", 1), ("bombed", "VERB", "ROOT", 1, "bomb"), ("police", "NOUN", "dobj", 1),
              (".", "PUNCT", "punct", 1)]
    out = _facing(res, acting, {2: "GHA"}, 0)
    assert out.actors[out.mentions[-1].actor_key].country_code is None
    out = _facing(res, BOMBED, {0: "GHA"}, 2, role="CVL")   # not a facing role
    assert out.actors[out.mentions[-1].actor_key].country_code is None


def test_soldiers_a_civil_body_acts_on_are_its_own(res):
    out = _facing(res, BOMBED, {0: "GHA"}, 2, role="MIL")
    assert out.actors[out.mentions[-1].actor_key].cameo_code == "GHAMIL"


def _titled_beside(res, rows, iso_at: int) -> Actor:
    """A titled person (GOV, no country) at token 1 beside a country mention at `iso_at`, then `_dateline_officials`
    (no dateline: the hand-built text has none)."""
    doc = parse(rows)
    out = countries(doc, res, {iso_at: "MLI"})
    person = _person(out, doc, 1)
    out.mentions.sort(key=lambda m: m.start)
    _dateline_officials(doc, res, out)
    return person


def test_a_titled_person_takes_the_one_country_the_sentence_names_as_a_possessor(res):
    # "President Kone praised Mali 's army ."
    rows = [("President", "PROPN", "compound", 1), ("Kone", "PROPN", "nsubj", 2), ("praised", "VERB", "ROOT", 2),
            ("Mali", "PROPN", "poss", 5), ("'s", "PART", "case", 3), ("army", "NOUN", "dobj", 2),
            (".", "PUNCT", "punct", 2)]
    assert _titled_beside(res, rows, 3).cameo_code == "MLIGOV"


def test_a_country_standing_alone_as_the_other_party_gives_the_person_nothing(res):
    # "President Kone accused Mali ."
    rows = [("President", "PROPN", "compound", 1), ("Kone", "PROPN", "nsubj", 2), ("accused", "VERB", "ROOT", 2),
            ("Mali", "PROPN", "dobj", 2), (".", "PUNCT", "punct", 2)]
    assert _titled_beside(res, rows, 3).country_code is None


def test_a_named_first_level_region_gives_its_country(res):
    from newsevents.nlp.actors import _region_country
    # "governor of Kano state"
    doc = parse([("governor", "NOUN", "ROOT", 0), ("of", "ADP", "prep", 0), ("Kano", "PROPN", "compound", 3),
                 ("state", "NOUN", "pobj", 1)])
    assert _region_country(doc, doc[3], res) == ("NGA", "Kano")
    # "governor of the state": no name
    doc = parse([("governor", "NOUN", "ROOT", 0), ("of", "ADP", "prep", 0), ("the", "DET", "det", 3),
                 ("state", "NOUN", "pobj", 1)])
    assert _region_country(doc, doc[3], res) is None
