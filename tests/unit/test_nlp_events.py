"""The event coder on hand-built parses (no model): slot finders, the code decision, and places.

Each Doc is written out token by token (word, POS, dependency, head, lemma) the way spaCy's own tests build
them, with `spacy.blank("en")`, so a test fails only when the rule it names changes. Actors are placed on
tokens by hand (countries), except in the component test at the end, which runs the real components.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.nlp.actors import (
    Actor,
    ArticleActors,
    Mention,
    _body_of,
    _fronted_capital,
    _title_start,
    collective_actor,
)
from newsevents.nlp.components import add_components
from newsevents.nlp.events import (
    code_decision,
    code_events,
    decide_code,
    is_alleged,
    is_work_topic,
    modality,
    negation,
    noun_slots,
    select_pattern,
    verb_slots,
)
from newsevents.nlp.rows import doc_rows
from newsevents.nlp.senses import sense_code
from tests.hand_built import countries, parse


def keys(actors) -> list[str]:
    return [a.key for a in actors]


def verb(doc: Doc, i: int, res, actors: ArticleActors):
    tok = doc[i]
    return verb_slots(doc, tok, select_pattern(tok, res), actors, res)


def _subject_verb_object(subject: str, verb_word: str, lemma: str, obj: str = "Ukraine") -> list[tuple]:
    """'<subject> <verb> <obj> .'"""
    return [(subject, "PROPN", "nsubj", 1), (verb_word, "VERB", "ROOT", 1, lemma), (obj, "PROPN", "dobj", 1),
            (".", "PUNCT", "punct", 1)]


ATTACK = _subject_verb_object("Russia", "attacked", "attack")


def _embedded(head_word: str, head_lemma: str, verb_word: str, lemma: str, obj: tuple) -> list[tuple]:
    """'Russia <head> to <verb> <obj> .' with the verb an open complement (xcomp) of the head."""
    return [("Russia", "PROPN", "nsubj", 1), (head_word, "VERB", "ROOT", 1, head_lemma), ("to", "PART", "aux", 3),
            (verb_word, "VERB", "xcomp", 1, lemma), (obj[0], obj[1], "dobj", 3), (".", "PUNCT", "punct", 1)]


# ----------------------------------------------------------------------------- slot finders
def test_subject_is_source_and_direct_object_target(res):
    doc = parse(ATTACK)
    sources, targets, inherited = verb(doc, 1, res, countries(doc, res, {0: "RUS", 2: "UKR"}))
    assert (keys(sources), keys(targets), inherited) == (["country:RUS"], ["country:UKR"], False)


def test_passive_agent_is_source_and_passive_subject_target(res):
    doc = parse([("Ukraine", "PROPN", "nsubjpass", 2), ("was", "AUX", "auxpass", 2),
                 ("attacked", "VERB", "ROOT", 2, "attack"), ("by", "ADP", "agent", 2), ("Russia", "PROPN", "pobj", 3),
                 (".", "PUNCT", "punct", 2)])
    sources, targets, _ = verb(doc, 2, res, countries(doc, res, {0: "UKR", 4: "RUS"}))
    assert (keys(sources), keys(targets)) == (["country:RUS"], ["country:UKR"])


def test_object_of_the_patterns_preposition_is_target(res):
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("fired", "VERB", "ROOT", 1, "fire"), ("at", "ADP", "prep", 1),
                 ("Ukraine", "PROPN", "pobj", 2), (".", "PUNCT", "punct", 1)])
    assert select_pattern(doc[1], res).prep == "at"
    _, targets, _ = verb(doc, 1, res, countries(doc, res, {0: "RUS", 3: "UKR"}))
    assert keys(targets) == ["country:UKR"]


def test_conjoined_subjects_are_all_sources(res):
    doc = parse([("Russia", "PROPN", "nsubj", 3), ("and", "CCONJ", "cc", 0), ("China", "PROPN", "conj", 0),
                 ("met", "VERB", "ROOT", 3, "meet"), ("Iran", "PROPN", "dobj", 3), (".", "PUNCT", "punct", 3)])
    sources, targets, _ = verb(doc, 3, res, countries(doc, res, {0: "RUS", 2: "CHN", 4: "IRN"}))
    assert (keys(sources), keys(targets)) == (["country:RUS", "country:CHN"], ["country:IRN"])


def test_subject_inherited_from_the_governing_verb(res):
    doc = parse(_embedded("agreed", "agree", "attack", "attack", ("Ukraine", "PROPN")))
    sources, targets, inherited = verb(doc, 3, res, countries(doc, res, {0: "RUS", 4: "UKR"}))
    assert (keys(sources), keys(targets), inherited) == (["country:RUS"], ["country:UKR"], True)


def test_direct_object_of_a_topic_verb_is_no_target(res):
    doc = parse(_subject_verb_object("Russia", "discussed", "discuss", "Syria"))
    sources, targets, _ = verb(doc, 1, res, countries(doc, res, {0: "RUS", 2: "SYR"}))
    assert (keys(sources), targets) == (["country:RUS"], [])


def test_demand_addresses_the_subject_of_its_complement(res):
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("demanded", "VERB", "ROOT", 1, "demand"),
                 ("that", "SCONJ", "mark", 4), ("Ukraine", "PROPN", "nsubj", 4),
                 ("withdraw", "VERB", "ccomp", 1, "withdraw"), (".", "PUNCT", "punct", 1)])
    _, targets, _ = verb(doc, 1, res, countries(doc, res, {0: "RUS", 3: "UKR"}))
    assert keys(targets) == ["country:UKR"]


def test_pronoun_subject_resolves_to_the_preceding_country(res):
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("warned", "VERB", "ROOT", 1, "warn"), (".", "PUNCT", "punct", 1),
                 ("It", "PRON", "nsubj", 4, "it"), ("attacked", "VERB", "ROOT", 4, "attack"),
                 ("Ukraine", "PROPN", "dobj", 4), (".", "PUNCT", "punct", 4)])
    sources, _, _ = verb(doc, 4, res, countries(doc, res, {0: "RUS", 5: "UKR"}))
    assert keys(sources) == ["country:RUS"]


def test_nominal_event_modifier_is_source_and_on_object_target(res):
    # "the Russian attack on Ukraine"
    doc = parse([("the", "DET", "det", 2), ("Russian", "ADJ", "amod", 2), ("attack", "NOUN", "ROOT", 2),
                 ("on", "ADP", "prep", 2), ("Ukraine", "PROPN", "pobj", 3)])
    sources, targets, inherited = noun_slots(doc, doc[2], countries(doc, res, {1: "RUS", 4: "UKR"}), res)
    assert (keys(sources), keys(targets), inherited) == (["country:RUS"], ["country:UKR"], False)


def test_by_phrase_is_the_source_of_a_nominal_event(res):
    # "an attack by Russia on Ukraine"
    doc = parse([("an", "DET", "det", 1), ("attack", "NOUN", "ROOT", 1), ("by", "ADP", "prep", 1),
                 ("Russia", "PROPN", "pobj", 2), ("on", "ADP", "prep", 1), ("Ukraine", "PROPN", "pobj", 4)])
    sources, targets, _ = noun_slots(doc, doc[1], countries(doc, res, {3: "RUS", 5: "UKR"}), res)
    assert (keys(sources), keys(targets)) == (["country:RUS"], ["country:UKR"])


def test_light_verb_subject_is_the_inherited_source_of_its_event_noun(res):
    # "Russia launched an attack on Ukraine ."
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("launched", "VERB", "ROOT", 1, "launch"), ("an", "DET", "det", 3),
                 ("attack", "NOUN", "dobj", 1), ("on", "ADP", "prep", 3), ("Ukraine", "PROPN", "pobj", 4),
                 (".", "PUNCT", "punct", 1)])
    sources, targets, inherited = noun_slots(doc, doc[3], countries(doc, res, {0: "RUS", 5: "UKR"}), res)
    assert (keys(sources), keys(targets), inherited) == (["country:RUS"], ["country:UKR"], True)


def test_light_verb_object_is_the_target_of_its_event_noun(res):
    # "Russia engaged Ukraine in a battle ."
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("engaged", "VERB", "ROOT", 1, "engage"),
                 ("Ukraine", "PROPN", "dobj", 1), ("in", "ADP", "prep", 1), ("a", "DET", "det", 5),
                 ("battle", "NOUN", "pobj", 3), (".", "PUNCT", "punct", 1)])
    sources, targets, _ = noun_slots(doc, doc[5], countries(doc, res, {0: "RUS", 2: "UKR"}), res)
    assert (keys(sources), keys(targets)) == (["country:RUS"], ["country:UKR"])


def test_of_object_beside_an_agent_is_the_target_even_when_the_agent_hangs_on_it(res):
    # "the expulsion of Ghanaian diplomats by Togo": the parser hangs "by Togo" on "diplomats"
    doc = parse([("the", "DET", "det", 1), ("expulsion", "NOUN", "ROOT", 1, "expulsion"), ("of", "ADP", "prep", 1),
                 ("diplomats", "NOUN", "pobj", 2, "diplomat"), ("by", "ADP", "prep", 3),
                 ("Togo", "PROPN", "pobj", 4)])
    sources, targets, _ = noun_slots(doc, doc[1], countries(doc, res, {3: "GHA", 5: "TGO"}), res)
    assert (keys(sources), keys(targets)) == (["country:TGO"], ["country:GHA"])


def test_of_object_beside_a_goal_is_the_source_and_alone_is_unread(res):
    # "the visit of Iran to Iraq" / "the visit of Iran" / "meetings of Iran with Iraq" (forum or party: unread)
    visit = parse([("the", "DET", "det", 1), ("visit", "NOUN", "ROOT", 1), ("of", "ADP", "prep", 1),
                   ("Iran", "PROPN", "pobj", 2), ("to", "ADP", "prep", 1), ("Iraq", "PROPN", "pobj", 4)])
    sources, targets, _ = noun_slots(visit, visit[1], countries(visit, res, {3: "IRN", 5: "IRQ"}), res)
    assert (keys(sources), keys(targets)) == (["country:IRN"], ["country:IRQ"])
    alone = parse([("the", "DET", "det", 1), ("visit", "NOUN", "ROOT", 1), ("of", "ADP", "prep", 1),
                   ("Iran", "PROPN", "pobj", 2)])
    assert noun_slots(alone, alone[1], countries(alone, res, {3: "IRN"}), res)[:2] == ([], [])
    meeting = parse([("meetings", "NOUN", "ROOT", 0, "meeting"), ("of", "ADP", "prep", 0),
                     ("Iran", "PROPN", "pobj", 1), ("with", "ADP", "prep", 0), ("Iraq", "PROPN", "pobj", 3)])
    sources, targets, _ = noun_slots(meeting, meeting[0], countries(meeting, res, {2: "IRN", 4: "IRQ"}), res)
    assert (keys(sources), keys(targets)) == ([], ["country:IRQ"])


def test_the_subject_of_an_undergoing_verb_is_the_target_of_the_attack_it_repels(res):
    # "Chad repelled an attack by Sudan" -> Sudan on Chad; "Chad reported an attack by Sudan" -> no target
    def doc_for(verb: str, lemma: str) -> Doc:
        return parse([("Chad", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma), ("an", "DET", "det", 3),
                      ("attack", "NOUN", "dobj", 1), ("by", "ADP", "prep", 3), ("Sudan", "PROPN", "pobj", 4)])

    repelled = doc_for("repelled", "repel")
    sources, targets, _ = noun_slots(repelled, repelled[3], countries(repelled, res, {0: "TCD", 5: "SDN"}), res)
    assert (keys(sources), keys(targets)) == (["country:SDN"], ["country:TCD"])
    reported = doc_for("reported", "report")
    assert noun_slots(reported, reported[3], countries(reported, res, {0: "TCD", 5: "SDN"}), res)[1] == []

def test_a_noun_demand_is_addressed_to_the_subject_of_its_content_clause(res):
    # "Kenya 's demand that Somalia withdraw" (root 10 addresses the complement's subject); without the code's
    # root, or without a complementiser, no addressee
    doc = parse([("Kenya", "PROPN", "poss", 2), ("'s", "PART", "case", 0), ("demand", "NOUN", "ROOT", 2),
                 ("that", "SCONJ", "mark", 5), ("Somalia", "PROPN", "nsubj", 5), ("withdraw", "VERB", "acl", 2)])
    acts = countries(doc, res, {0: "KEN", 4: "SOM"})
    assert [keys(x) for x in noun_slots(doc, doc[2], acts, res, "100")[:2]] == [["country:KEN"], ["country:SOM"]]
    assert noun_slots(doc, doc[2], acts, res, "190")[1] == []
    bare = parse([("Kenya", "PROPN", "poss", 2), ("'s", "PART", "case", 0), ("demand", "NOUN", "ROOT", 2),
                  ("Somalia", "PROPN", "nsubj", 4), ("withdrawing", "VERB", "acl", 2)])
    assert noun_slots(bare, bare[2], countries(bare, res, {0: "KEN", 3: "SOM"}), res, "100")[1] == []


# ----------------------------------------------------------------------------- the code decision
def test_factual_event_keeps_its_pattern_code(res):
    assert decide_code(parse(ATTACK)[1], res) == "190"


def test_a_preposition_selects_its_own_pattern(res):
    to = parse([("Russia", "PROPN", "nsubj", 1), ("protested", "VERB", "ROOT", 1, "protest"),
                ("to", "ADP", "prep", 1), ("Ukraine", "PROPN", "pobj", 2)])
    bare = parse([("Students", "NOUN", "nsubj", 1, "student"), ("protested", "VERB", "ROOT", 1, "protest")])
    assert (decide_code(to[1], res), decide_code(bare[1], res)) == ("114", "141")


def test_negated_event_is_dropped(res):
    doc = parse([("Russia", "PROPN", "nsubj", 3), ("did", "AUX", "aux", 3, "do"), ("not", "PART", "neg", 3),
                 ("attack", "VERB", "ROOT", 3), ("Ukraine", "PROPN", "dobj", 3), (".", "PUNCT", "punct", 3)])
    assert negation(doc[3], res) == "negated"
    assert decide_code(doc[3], res) is None


def test_failed_action_is_dropped(res):
    assert decide_code(parse(_embedded("failed", "fail", "attack", "attack", ("Ukraine", "PROPN")))[3], res) is None


def test_refused_cooperation_is_a_rejection(res):
    doc = parse(_embedded("refused", "refuse", "meet", "meet", ("Ukraine", "PROPN")))
    assert negation(doc[3], res) == "refusal"
    decision = code_decision(doc[3], res)
    assert (decision.code, decision.mood) == ("125", None)


def test_refused_conflict_did_not_happen(res):
    assert decide_code(parse(_embedded("refused", "refuse", "attack", "attack", ("Ukraine", "PROPN")))[3], res) is None


def test_negated_future_cooperation_is_a_rejection(res):
    # "Russia will not meet Ukraine ."
    doc = parse([("Russia", "PROPN", "nsubj", 3), ("will", "AUX", "aux", 3), ("not", "PART", "neg", 3),
                 ("meet", "VERB", "ROOT", 3), ("Ukraine", "PROPN", "dobj", 3), (".", "PUNCT", "punct", 3)])
    assert decide_code(doc[3], res) == "125"


def test_stated_intention_to_cooperate_is_express_intent(res):
    decision = code_decision(parse(_embedded("plans", "plan", "provide", "provide", ("aid", "NOUN")))[3], res)
    assert (decision.code, decision.mood) == ("033", "intent")


def test_future_aid_is_express_intent(res):
    doc = parse([("Russia", "PROPN", "nsubj", 2), ("will", "AUX", "aux", 2), ("provide", "VERB", "ROOT", 2),
                 ("aid", "NOUN", "dobj", 2), (".", "PUNCT", "punct", 2)])
    assert decide_code(doc[2], res) == "033"


def test_intention_to_attack_is_a_threat(res):
    assert decide_code(parse(_embedded("wants", "want", "attack", "attack", ("Ukraine", "PROPN")))[3], res) == "138"


def test_threatened_sanctions_are_a_threat_and_the_threat_verb_yields_to_them(res):
    doc = parse(_embedded("threatened", "threaten", "impose", "impose", ("sanctions", "NOUN")))
    decision = code_decision(doc[3], res)
    assert (decision.code, decision.mood) == ("1312", "threat")
    assert decide_code(doc[1], res) is None   # the embedded coded action carries the event


def test_hypothetical_would_is_dropped(res):
    doc = parse([("Russia", "PROPN", "nsubj", 2), ("would", "AUX", "aux", 2), ("attack", "VERB", "ROOT", 2),
                 ("Ukraine", "PROPN", "dobj", 2), (".", "PUNCT", "punct", 2)])
    assert decide_code(doc[2], res) is None


def test_conditional_is_dropped(res):
    doc = parse([("If", "SCONJ", "mark", 2, "if"), ("Russia", "PROPN", "nsubj", 2),
                 ("attacks", "VERB", "ROOT", 2, "attack"), ("Ukraine", "PROPN", "dobj", 2)])
    assert decide_code(doc[2], res) is None


def test_would_in_reported_speech_is_a_stated_intention(res):
    # "Russia said it would attack Ukraine ."
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("said", "VERB", "ROOT", 1, "say"), ("it", "PRON", "nsubj", 4),
                 ("would", "AUX", "aux", 4), ("attack", "VERB", "ccomp", 1), ("Ukraine", "PROPN", "dobj", 4),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[4], res) == "138"


def test_denied_complement_did_not_happen(res):
    # "Russia denied that its soldiers attacked Ukraine ."
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("denied", "VERB", "ROOT", 1, "deny"), ("that", "SCONJ", "mark", 5),
                 ("its", "PRON", "poss", 4), ("soldiers", "NOUN", "nsubj", 5, "soldier"),
                 ("attacked", "VERB", "ccomp", 1, "attack"), ("Ukraine", "PROPN", "dobj", 5),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[5], res) is None


def test_modifier_refines_the_code(res):
    doc = parse([("a", "DET", "det", 2), ("chemical", "ADJ", "amod", 2), ("attack", "NOUN", "ROOT", 2)])
    assert decide_code(doc[2], res) == "2041"


def test_appeal_is_refined_by_the_requested_action_which_is_not_coded(res):
    # "Iran asked Russia to help Syria ."
    doc = parse([("Iran", "PROPN", "nsubj", 1), ("asked", "VERB", "ROOT", 1, "ask"), ("Russia", "PROPN", "dobj", 1),
                 ("to", "PART", "aux", 4), ("help", "VERB", "xcomp", 1), ("Syria", "PROPN", "dobj", 4),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "023"   # appeal for aid
    assert decide_code(doc[4], res) is None    # the requested help has not happened


def test_alleged_is_a_flag(res):
    doc = parse([("the", "DET", "det", 2), ("alleged", "ADJ", "amod", 2), ("attack", "NOUN", "ROOT", 2)])
    assert is_alleged(doc[2], res) and decide_code(doc[2], res) == "190"


# ----------------------------------------------------------------------------- places (components and the edge)
def test_event_located_in_a_capital_reads_places_and_the_edge_writes_the_location_mention():
    nlp = add_components(spacy.blank("en"))
    res = nlp.get_pipe("newsevents_events").resources
    # "Students protested in Ankara ." -- a domestic action without a target, aimed at the country it happens in
    doc = Doc(nlp.vocab, words=["Students", "protested", "in", "Ankara", "."], heads=[1, 1, 1, 2, 1],
              deps=["nsubj", "ROOT", "prep", "pobj", "punct"], pos=["NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
              lemmas=["student", "protest", "in", "Ankara", "."], ents=["O", "O", "O", "B-GPE", "O"])
    doc._.anchor_date = date(2017, 4, 12)
    for _, component in nlp.pipeline:
        doc = component(doc)
    actors = doc._.article_actors
    assert [(p.text, p.iso3) for p in actors.places.values()] == [("Ankara", "TUR")]
    [event] = doc._.events
    assert (event.code, event.target_key, event.place.text) == ("141", "country:TUR", "Ankara")
    assert doc._.event_places == [actors.places[3]]
    # the event coder wrote nothing into the actors component's output ...
    assert "country:TUR" not in actors.actors and all(m.kind != "location" for m in actors.mentions)
    rows = doc_rows(doc, article_id="art", partition_date=date(2017, 4, 12), fallback_method="publication",
                    resources=res)
    # ... the edge emits the location mention and the country's actor
    assert [(m["text"], m["mention_kind"]) for m in rows["actor_mentions"]][-1] == ("Ankara", "location")
    assert {a["canonical_key"]: a["name"] for a in rows["actors"]}["country:TUR"] == "Turkey"
    assert "country:TUR" not in doc._.article_actors.actors


# ----------------------------------------------------------------------------- senses, objects, reactions (issue 15)
def _events(doc: Doc, res, iso_by_token: dict[int, str]):
    """(source, target, code) of every event the coder gives a hand-built Doc with countries at the tokens."""
    coded = code_events(doc, actors=countries(doc, res, iso_by_token), resources=res, anchor=date(2017, 4, 12))
    return [(e.source_key, e.target_key, e.code) for e in coded.events]


def test_a_negative_subject_negates_the_clause(res):
    # "Nobody attacked Ukraine ."
    doc = parse([("Nobody", "PRON", "nsubj", 1, "nobody"), ("attacked", "VERB", "ROOT", 1, "attack"),
                 ("Ukraine", "PROPN", "dobj", 1), (".", "PUNCT", "punct", 1)])
    assert negation(doc[1], res) == "negated" and decide_code(doc[1], res) is None


def test_neither_nor_subjects_negate_the_clause(res):
    # "Neither Russia nor China met Iran ."
    doc = parse([("Neither", "CCONJ", "det", 1, "neither"), ("Russia", "PROPN", "nsubj", 4), ("nor", "CCONJ", "cc", 1),
                 ("China", "PROPN", "conj", 1), ("met", "VERB", "ROOT", 4, "meet"), ("Iran", "PROPN", "dobj", 4),
                 (".", "PUNCT", "punct", 4)])
    assert decide_code(doc[4], res) is None


def test_a_question_is_hypothetical(res):
    # "Will Russia attack Ukraine ?"
    doc = parse([("Will", "AUX", "aux", 2, "will"), ("Russia", "PROPN", "nsubj", 2), ("attack", "VERB", "ROOT", 2),
                 ("Ukraine", "PROPN", "dobj", 2), ("?", "PUNCT", "punct", 2)])
    assert decide_code(doc[2], res) is None


@pytest.mark.parametrize("predicate, code", [("weak", "111"), ("productive", None)])
def test_a_call_with_an_object_predicate_is_a_characterisation(res, predicate, code):
    # "Russia called Ukraine <predicate> ."
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("called", "VERB", "ROOT", 1, "call"),
                 ("Ukraine", "PROPN", "dobj", 1), (predicate, "ADJ", "oprd", 1), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == code


@pytest.mark.parametrize("obj, lemma, code", [("aid", "aid", "162"), ("taxes", "tax", None), ("ties", "tie", "161")])
def test_the_object_refines_the_code_or_makes_it_no_event(res, obj, lemma, code):
    # "Russia cut <obj> ."
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("cut", "VERB", "ROOT", 1, "cut"), (obj, "NOUN", "dobj", 1, lemma),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == code


def test_an_appeal_is_coded_by_the_act_it_is_about(res):
    # "Iran urged Russia to withdraw ."
    doc = parse([("Iran", "PROPN", "nsubj", 1), ("urged", "VERB", "ROOT", 1, "urge"), ("Russia", "PROPN", "dobj", 1),
                 ("to", "PART", "aux", 4), ("withdraw", "VERB", "xcomp", 1), (".", "PUNCT", "punct", 1)])
    # withdraw (troops) is military de-escalation (0874): the appeal is for military de-escalation, 0256
    assert decide_code(doc[1], res) == "0256" and decide_code(doc[4], res) is None


def test_a_sent_thing_is_no_target_when_there_is_a_recipient(res):
    # "Russia sent troops to Syria ." (troops: a countryless military actor)
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("sent", "VERB", "ROOT", 1, "send"),
                 ("troops", "NOUN", "dobj", 1, "troop"), ("to", "ADP", "prep", 1), ("Syria", "PROPN", "pobj", 3),
                 (".", "PUNCT", "punct", 1)])
    actors = countries(doc, res, {0: "RUS", 4: "SYR"})
    troops = collective_actor(None, "MIL", res, ["group:troops"], 0.4)
    actors.add(troops, Mention(start=2, end=3, start_char=doc[2].idx, end_char=doc[2].idx + 6, text="troops",
                               kind="nominal", sentence_index=0, actor_key=troops.key))
    assert decide_code(doc[1], res) == "154"
    _, targets, _ = verb(doc, 1, res, actors)
    assert keys(targets) == ["country:SYR"]


def test_a_condemned_act_is_not_coded_and_its_source_is_the_target(res):
    # "Iran condemned Russia 's attack ."
    doc = parse([("Iran", "PROPN", "nsubj", 1), ("condemned", "VERB", "ROOT", 1, "condemn"),
                 ("Russia", "PROPN", "poss", 4), ("'s", "PART", "case", 2), ("attack", "NOUN", "dobj", 1),
                 (".", "PUNCT", "punct", 1)])
    assert _events(doc, res, {0: "IRN", 2: "RUS"}) == [("country:IRN", "country:RUS", "111")]


def test_two_sources_of_a_reciprocal_trigger_are_each_others_targets(res):
    # "Russia and Ukraine clashed near the border ."
    doc = parse([("Russia", "PROPN", "nsubj", 3), ("and", "CCONJ", "cc", 0), ("Ukraine", "PROPN", "conj", 0),
                 ("clashed", "VERB", "ROOT", 3, "clash"), ("near", "ADP", "prep", 3), ("the", "DET", "det", 6),
                 ("border", "NOUN", "pobj", 4), (".", "PUNCT", "punct", 3)])
    assert sorted(_events(doc, res, {0: "RUS", 2: "UKR"})) == [
        ("country:RUS", "country:UKR", "190"), ("country:UKR", "country:RUS", "190")]


def test_a_purpose_infinitive_of_a_coded_act_is_no_event(res):
    # "Russia blocked roads to protest ."
    doc = parse([("Russia", "PROPN", "nsubj", 1), ("blocked", "VERB", "ROOT", 1, "block"),
                 ("roads", "NOUN", "dobj", 1, "road"), ("to", "PART", "aux", 4), ("protest", "VERB", "advcl", 1),
                 (".", "PUNCT", "punct", 1)])
    assert [c for *_, c in _events(doc, res, {0: "RUS"})] == ["144"]


def test_verbal_and_contest_senses_of_a_material_trigger(res):
    person = Actor(key="person:a", name="A", actor_type="PERSON")
    rival = Actor(key="person:b", name="B", actor_type="PERSON")
    # "A attacked B 's record ."
    doc = parse([("A", "PROPN", "nsubj", 1), ("attacked", "VERB", "ROOT", 1, "attack"), ("B", "PROPN", "poss", 4),
                 ("'s", "PART", "case", 2), ("record", "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1)])
    assert sense_code(doc[1], "190", [person], [rival], res) == "111"
    # "A beat B in the election ."
    doc = parse([("A", "PROPN", "nsubj", 1), ("beat", "VERB", "ROOT", 1, "beat"), ("B", "PROPN", "dobj", 1),
                 ("in", "ADP", "prep", 1), ("the", "DET", "det", 5), ("election", "NOUN", "pobj", 3),
                 (".", "PUNCT", "punct", 1)])
    assert sense_code(doc[1], "182", [person], [rival], res) is None
    # "A attacked the convoy with rockets ." - an instrument: force
    doc = parse([("A", "PROPN", "nsubj", 1), ("attacked", "VERB", "ROOT", 1, "attack"), ("the", "DET", "det", 3),
                 ("convoy", "NOUN", "dobj", 1), ("with", "ADP", "prep", 1), ("rockets", "NOUN", "pobj", 4, "rocket"),
                 (".", "PUNCT", "punct", 1)])
    assert sense_code(doc[1], "190", [person], [], res) == "190"


def test_title_start_is_the_noun_when_no_left_dependent_belongs_to_the_title():
    """"his minister": a possessive is no part of the title; the span starts at the noun (this crashed once)."""
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=["his", "minister", "spoke"], heads=[1, 2, 2], deps=["poss", "nsubj", "ROOT"],
              pos=["PRON", "NOUN", "VERB"])
    assert _title_start(doc[1]) == 1
    doc = Doc(vocab, words=["the", "foreign", "minister", "spoke"], heads=[2, 2, 3, 3],
              deps=["det", "amod", "nsubj", "ROOT"], pos=["DET", "ADJ", "NOUN", "VERB"])
    assert _title_start(doc[2]) == 0


# ----------------------------------------------------------------------------- codes from instruments and works
def test_the_kind_of_weapon_named_by_the_object_refines_a_bombing(res):
    """'Yemen detonated a car bomb .': the object's compound (car) makes it a vehicle bombing; without it, 183."""
    car = parse([("Yemen", "PROPN", "nsubj", 1), ("detonated", "VERB", "ROOT", 1, "detonate"),
                 ("a", "DET", "det", 4), ("car", "NOUN", "compound", 4), ("bomb", "NOUN", "dobj", 1),
                 (".", "PUNCT", "punct", 1)])
    bare = parse([("Yemen", "PROPN", "nsubj", 1), ("detonated", "VERB", "ROOT", 1, "detonate"),
                  ("a", "DET", "det", 3), ("bomb", "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1)])
    assert (decide_code(car[1], res), decide_code(bare[1], res)) == ("1832", "183")


def test_the_kind_of_weapon_named_by_the_subject_refines_a_bombing(res):
    """'A suicide bomber blew up a bus .': suicide bombing."""
    doc = parse([("A", "DET", "det", 2), ("suicide", "NOUN", "compound", 2), ("bomber", "NOUN", "nsubj", 3),
                 ("blew", "VERB", "ROOT", 3, "blow"), ("up", "ADP", "prt", 3), ("a", "DET", "det", 6),
                 ("bus", "NOUN", "dobj", 3), (".", "PUNCT", "punct", 3)])
    assert decide_code(doc[3], res) == "1831"


def test_the_with_object_of_a_threat_is_what_is_threatened(res):
    """'Hungary threatened Romania with sanctions .' -> 1312; without the 'with' phrase the generic threat."""
    rows = [("Hungary", "PROPN", "nsubj", 1), ("threatened", "VERB", "ROOT", 1, "threaten"),
            ("Romania", "PROPN", "dobj", 1), ("with", "ADP", "prep", 1), ("sanctions", "NOUN", "pobj", 3, "sanction"),
            (".", "PUNCT", "punct", 1)]
    assert decide_code(parse(rows)[1], res) == "1312"
    assert decide_code(parse(rows[:3] + rows[5:])[1], res) == "130"


def test_taking_people_hostage_is_abduction_and_other_taking_no_event(res):
    hostage = parse([("Mali", "PROPN", "nsubj", 1), ("took", "VERB", "ROOT", 1, "take"),
                     ("workers", "NOUN", "compound", 3, "worker"), ("hostage", "NOUN", "dobj", 1),
                     (".", "PUNCT", "punct", 1)])
    photos = parse([("Mali", "PROPN", "nsubj", 1), ("took", "VERB", "ROOT", 1, "take"),
                    ("photos", "NOUN", "dobj", 1, "photo"), (".", "PUNCT", "punct", 1)])
    assert (decide_code(hostage[1], res), decide_code(photos[1], res)) == ("181", None)


def test_an_event_noun_that_a_work_is_about_is_no_event(res):
    """'The film about the genocide won .' / 'the anniversary of the massacre' / 'a war memorial'; an event noun
    that a report of an act is about is not a work's subject."""
    film = parse([("The", "DET", "det", 1), ("film", "NOUN", "nsubj", 5), ("about", "ADP", "prep", 1),
                  ("the", "DET", "det", 4), ("genocide", "NOUN", "pobj", 2), ("won", "VERB", "ROOT", 5, "win"),
                  (".", "PUNCT", "punct", 5)])
    memorial = parse([("a", "DET", "det", 2), ("war", "NOUN", "compound", 2), ("memorial", "NOUN", "ROOT", 2)])
    talks = parse([("The", "DET", "det", 1), ("talks", "NOUN", "nsubj", 5, "talk"), ("about", "ADP", "prep", 1),
                   ("the", "DET", "det", 4), ("war", "NOUN", "pobj", 2), ("ended", "VERB", "ROOT", 5, "end"),
                   (".", "PUNCT", "punct", 5)])
    assert is_work_topic(film[4], res) and is_work_topic(memorial[1], res)
    assert not is_work_topic(talks[4], res)


def test_a_strike_noun_gone_on_is_a_labour_strike(res):
    """'Workers went on strike .' (light verb 'go' + 'on') -> 143; 'jets carried out a strike' keeps 195."""
    gone = parse([("Workers", "NOUN", "nsubj", 1, "worker"), ("went", "VERB", "ROOT", 1, "go"),
                  ("on", "ADP", "prep", 1), ("strike", "NOUN", "pobj", 2), (".", "PUNCT", "punct", 1)])
    carried = parse([("Jets", "NOUN", "nsubj", 1, "jet"), ("carried", "VERB", "ROOT", 1, "carry"),
                     ("out", "ADP", "prt", 1), ("a", "DET", "det", 4), ("strike", "NOUN", "dobj", 1),
                     (".", "PUNCT", "punct", 1)])
    assert (decide_code(gone[3], res), decide_code(carried[4], res)) == ("143", "195")


def test_the_act_a_helping_verb_helps_with_is_the_act_appealed_for(res):
    """'Nepal asked India to help mediate .' -> 028 (appeal for mediation); 'to help Nepal' stays 023."""
    mediate = parse([("Nepal", "PROPN", "nsubj", 1), ("asked", "VERB", "ROOT", 1, "ask"), ("India", "PROPN", "dobj", 1),
                     ("to", "PART", "aux", 4), ("help", "VERB", "xcomp", 1), ("mediate", "VERB", "xcomp", 4),
                     (".", "PUNCT", "punct", 1)])
    helped = parse([("Nepal", "PROPN", "nsubj", 1), ("asked", "VERB", "ROOT", 1, "ask"), ("India", "PROPN", "dobj", 1),
                    ("to", "PART", "aux", 4), ("help", "VERB", "xcomp", 1), ("Bhutan", "PROPN", "dobj", 4),
                    (".", "PUNCT", "punct", 1)])
    assert (decide_code(mediate[1], res), decide_code(helped[1], res)) == ("028", "023")


def test_a_negated_comment_is_a_declined_comment_and_a_comment_no_event(res):
    withheld = parse([("Oman", "PROPN", "nsubj", 3), ("would", "AUX", "aux", 3), ("not", "PART", "neg", 3),
                      ("comment", "VERB", "ROOT", 3), (".", "PUNCT", "punct", 3)])
    made = parse([("Oman", "PROPN", "nsubj", 1), ("commented", "VERB", "ROOT", 1, "comment"),
                  (".", "PUNCT", "punct", 1)])
    none = parse([("Oman", "PROPN", "nsubj", 1), ("had", "VERB", "ROOT", 1, "have"), ("no", "DET", "det", 3),
                  ("comment", "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1)])
    assert (decide_code(withheld[3], res), decide_code(made[1], res), decide_code(none[3], res)) == (
        "011", None, "011")
# ----------------------------------------------------------------------------- an office's country
def test_a_capital_opening_the_sentence_gives_an_office_of_its_clause_the_country(res):
    # "In Lima , the minister condemned Bolivia" -> Peru; a town, or a capital later in the clause, gives none
    def doc_for(place: str, fronted: bool = True) -> Doc:
        rows = [("In", "ADP", "prep", 5), (place, "PROPN", "pobj", 0), (",", "PUNCT", "punct", 5),
                ("the", "DET", "det", 4), ("minister", "NOUN", "nsubj", 5), ("condemned", "VERB", "ROOT", 5, "condemn"),
                ("Bolivia", "PROPN", "dobj", 5)]
        if not fronted:
            rows = [("Then", "ADV", "advmod", 6), *[(w, p, d, h + 1, *rest) for w, p, d, h, *rest in rows]]
        return parse(rows)

    lima = doc_for("Lima")
    assert _fronted_capital(lima[4], 5, res) == ("PER", "Lima")
    assert _fronted_capital(doc_for("Cusco")[4], 5, res) is None
    later = doc_for("Lima", fronted=False)
    assert _fronted_capital(later[5], 6, res) is None


def test_a_role_noun_of_a_named_body_is_that_body_and_of_a_country_is_not(res):
    # "officials of the Bank" -> the Bank; "officials of Kenya" -> none here (the role's modifiers give Kenya)
    doc = parse([("officials", "NOUN", "ROOT", 0, "official"), ("of", "ADP", "prep", 0), ("the", "DET", "det", 3),
                 ("Bank", "PROPN", "pobj", 1)])
    out = countries(doc, res, {3: "KEN"})
    assert _body_of(doc[0], out, res) is None
    bank = Actor(key="org:bank", name="Bank", actor_type="IGO", cameo_code="IGOUNOWBK")
    out = ArticleActors()
    out.add(bank, Mention(start=3, end=4, start_char=0, end_char=4, text="Bank", kind="name", sentence_index=0,
                          actor_key=bank.key))
    assert _body_of(doc[0], out, res) is bank


def test_a_role_noun_for_a_named_body_speaks_for_it(res):
    # "spokesman for the Bank" -> the Bank; "spokesman at the Bank" -> none (a place of work is no body spoken for)
    def doc_with(prep: str) -> Doc:
        return parse([("spokesman", "NOUN", "ROOT", 0), (prep, "ADP", "prep", 0), ("the", "DET", "det", 3),
                      ("Bank", "PROPN", "pobj", 1)])

    bank = Actor(key="org:bank", name="Bank", actor_type="IGO", cameo_code="IGOUNOWBK")
    for prep, expected in (("for", bank), ("at", None)):
        doc, out = doc_with(prep), ArticleActors()
        out.add(bank, Mention(start=3, end=4, start_char=0, end_char=4, text="Bank", kind="name", sentence_index=0,
                              actor_key=bank.key))
        assert _body_of(doc[0], out, res) is expected


# ----------------------------------------------------------------------------- issue 15: material-conflict senses
def test_an_attempted_killing_is_an_attempted_assassination(res):
    """'Russia tried to kill the envoy .': the attempt (185), not a threat (138); 'tried to broker' stays intent."""
    kill = parse([("Russia", "PROPN", "nsubj", 1), ("tried", "VERB", "ROOT", 1, "try"), ("to", "PART", "aux", 3),
                  ("kill", "VERB", "xcomp", 1), ("the", "DET", "det", 5), ("envoy", "NOUN", "dobj", 3),
                  (".", "PUNCT", "punct", 1)])
    decision = code_decision(kill[3], res)
    assert decision is not None and (decision.code, decision.mood) == ("185", "attempt")
    broker = parse([("Russia", "PROPN", "nsubj", 1), ("tried", "VERB", "ROOT", 1, "try"), ("to", "PART", "aux", 3),
                    ("broker", "VERB", "xcomp", 1), ("a", "DET", "det", 5), ("truce", "NOUN", "dobj", 3),
                    (".", "PUNCT", "punct", 1)])
    decision = code_decision(broker[3], res)
    assert decision is None or decision.mood == "intent"


def test_the_content_of_a_claim_is_not_coded(res):
    """'claims that Russia shelled Kyiv': the shelling is an assertion; without the claim noun it is coded."""
    claimed = parse([("claims", "NOUN", "ROOT", 0, "claim"), ("that", "SCONJ", "mark", 3),
                     ("Russia", "PROPN", "nsubj", 3), ("shelled", "VERB", "acl", 0, "shell"),
                     ("Kyiv", "PROPN", "dobj", 3), (".", "PUNCT", "punct", 0)])
    assert decide_code(claimed[3], res) is None
    plain = parse([("Russia", "PROPN", "nsubj", 1), ("shelled", "VERB", "ROOT", 1, "shell"),
                   ("Kyiv", "PROPN", "dobj", 1), (".", "PUNCT", "punct", 1)])
    assert decide_code(plain[1], res) is not None


def test_troops_sent_to_protect_are_military_protection(res):
    """'Senegal deployed troops to Gambia to protect the palace .': 074; with no purpose, a show of force (154)."""
    rows = [("Senegal", "PROPN", "nsubj", 1), ("deployed", "VERB", "ROOT", 1, "deploy"),
            ("troops", "NOUN", "dobj", 1, "troop"), ("to", "ADP", "prep", 1), ("Gambia", "PROPN", "pobj", 3)]
    purpose = parse(rows + [("to", "PART", "aux", 6), ("protect", "VERB", "advcl", 1), ("the", "DET", "det", 8),
                            ("palace", "NOUN", "dobj", 6), (".", "PUNCT", "punct", 1)])
    assert _events(purpose, res, {0: "SEN", 4: "GMB"}) == [("country:SEN", "country:GMB", "074")]
    bare = parse(rows + [(".", "PUNCT", "punct", 1)])
    assert _events(bare, res, {0: "SEN", 4: "GMB"}) == [("country:SEN", "country:GMB", "154")]


def test_an_object_row_is_the_physical_reading_of_a_seizure(res):
    """'Uganda seized the assets .': the object row (1711) needs no instrument or target; 'seized the initiative'
    without a row the seizure of a thing that is no physical target is figurative."""
    gov = Actor(key="country:UGA", name="Uganda", actor_type="COUNTRY", country_code="UGA")
    assets = parse([("Uganda", "PROPN", "nsubj", 1), ("seized", "VERB", "ROOT", 1, "seize"), ("the", "DET", "det", 3),
                    ("assets", "NOUN", "dobj", 1, "asset"), (".", "PUNCT", "punct", 1)])
    assert sense_code(assets[1], "1711", [gov], [], res) == "1711"
    figurative = parse([("Uganda", "PROPN", "nsubj", 1), ("seized", "VERB", "ROOT", 1, "seize"),
                        ("the", "DET", "det", 3), ("agenda", "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1)])
    assert sense_code(figurative[1], "171", [gov], [], res) is None


# ----------------------------------------------------------------------------- sub-codes (issue 15, codes5)
@pytest.mark.parametrize("kind, code", [("military", "1622"), ("economic", "1621"), ("humanitarian", "1623"),
                                        (None, "162")])
def test_the_kind_of_aid_cut_is_the_kind_of_cut(res, kind, code):
    """'Chile halted [<kind>] aid .': the aid noun's own refinement (072, 071, 073) names the cut's sub-code."""
    head = 3 if kind else 2
    rows = [("Chile", "PROPN", "nsubj", 1), ("halted", "VERB", "ROOT", 1, "halt")]
    rows += [(kind, "ADJ", "amod", head)] if kind else []
    rows += [("aid", "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1)]
    assert decide_code(parse(rows)[1], res) == code


@pytest.mark.parametrize("verb_word, lemma, code", [("mediate", "mediate", "126"), ("resign", "resign", "1231"),
                                                    ("sing", "sing", "120")])
def test_a_nouns_infinitive_names_the_act_rejected(res, verb_word, lemma, code):
    """'Peru rejected the offer to <verb> .': the infinitive of the rejected noun is the act refused (mediation
    126, leadership change 1231); an infinitive that is no act leaves the generic rejection."""
    doc = parse([("Peru", "PROPN", "nsubj", 1), ("rejected", "VERB", "ROOT", 1, "reject"), ("the", "DET", "det", 3),
                 ("offer", "NOUN", "dobj", 1), ("to", "PART", "aux", 5), (verb_word, "VERB", "acl", 3, lemma),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == code


@pytest.mark.parametrize("charge, pos, dep, lemma, code", [
    ("espionage", "NOUN", "pobj", "espionage", "1125"), ("spying", "VERB", "pcomp", "spy", "1125"),
    ("bribery", "NOUN", "pobj", "bribery", "1121"), ("aggression", "NOUN", "pobj", "aggression", "1123"),
    ("lying", "VERB", "pcomp", "lie", "112"),
])
def test_the_charge_of_an_accusation_names_its_sub_code(res, charge, pos, dep, lemma, code):
    """'Peru accused Chile of <charge> .': the 'of'-phrase's head is the charge (corruption, espionage,
    aggression); a charge the codebook gives no sub-code stays 112."""
    doc = parse([("Peru", "PROPN", "nsubj", 1), ("accused", "VERB", "ROOT", 1, "accuse"), ("Chile", "PROPN", "dobj", 1),
                 ("of", "ADP", "prep", 1), (charge, pos, dep, 3, lemma), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == code


def test_the_compound_of_a_charge_names_its_kind(res):
    """'Peru accused Chile of war crimes .': 'crime' alone has no sub-code, its compound 'war' does (1124)."""
    doc = parse([("Peru", "PROPN", "nsubj", 1), ("accused", "VERB", "ROOT", 1, "accuse"), ("Chile", "PROPN", "dobj", 1),
                 ("of", "ADP", "prep", 1), ("war", "NOUN", "compound", 5), ("crimes", "NOUN", "pobj", 3, "crime"),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "1124"


def test_the_charge_on_the_object_and_a_gerunds_object_count_too(res):
    """'Peru accused the minister of taking bribes .': 'of' hangs on the object, the charge is the gerund's
    object (bribe: 1121)."""
    doc = parse([("Peru", "PROPN", "nsubj", 1), ("accused", "VERB", "ROOT", 1, "accuse"), ("the", "DET", "det", 3),
                 ("minister", "NOUN", "dobj", 1), ("of", "ADP", "prep", 3), ("taking", "VERB", "pcomp", 4, "take"),
                 ("bribes", "NOUN", "dobj", 5, "bribe"), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "1121"


@pytest.mark.parametrize("weapon, lemma, code", [("rifles", "rifle", "193"), ("mortars", "mortar", "194"),
                                                 ("stones", "stone", "190"), ("police", "police", "190")])
def test_the_weapon_a_clash_is_fought_with_names_the_force(res, weapon, lemma, code):
    """'Chad clashed with <weapon> .': small arms 193, artillery 194; an instrument with no row (stones) or a
    'with'-phrase that is no weapon (police: the other side) leaves the generic 190."""
    doc = parse([("Chad", "PROPN", "nsubj", 1), ("clashed", "VERB", "ROOT", 1, "clash"), ("with", "ADP", "prep", 1),
                 (weapon, "NOUN", "pobj", 2, lemma), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == code


def test_an_infinitive_hung_on_an_appeal_verb_is_what_is_asked_for(res):
    """'Mali pleaded with Chad to resume economic aid .': the parser's adverbial 'to'-clause of a request verb is
    the act appealed for (0231), and is itself requested, not done."""
    doc = parse([("Mali", "PROPN", "nsubj", 1), ("pleaded", "VERB", "ROOT", 1, "plead"), ("with", "ADP", "prep", 1),
                 ("Chad", "PROPN", "pobj", 2), ("to", "PART", "aux", 5), ("resume", "VERB", "advcl", 1),
                 ("economic", "ADJ", "amod", 7), ("aid", "NOUN", "dobj", 5), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "0231"
    assert modality(doc[7], res) == "requested" and decide_code(doc[7], res) is None


@pytest.mark.parametrize("goods, lemma, code", [("weapons", "weapon", "0232"), ("medicine", "medicine", "0233"),
                                                ("patience", "patience", "020")])
def test_goods_asked_for_are_the_aid_supplying_them_would_be(res, goods, lemma, code):
    """'Mali appealed for <goods> .': supplying weapons is military aid (072), medicine humanitarian aid (073);
    a thing no giving verb codes as aid leaves the generic appeal."""
    doc = parse([("Mali", "PROPN", "nsubj", 1), ("appealed", "VERB", "ROOT", 1, "appeal"), ("for", "ADP", "prep", 1),
                 (goods, "NOUN", "pobj", 2, lemma), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == code


@pytest.mark.parametrize("kind, code", [("military", "1622"), (None, "162")])
def test_a_generic_reduction_of_aid_is_a_cut_of_aid(res, kind, code):
    """'the suspension of [<kind>] aid': a generic reduction (160) about aid is a cut of aid, of its kind."""
    head = 4 if kind else 3
    rows = [("the", "DET", "det", 1), ("suspension", "NOUN", "ROOT", 1), ("of", "ADP", "prep", 1)]
    rows += [(kind, "ADJ", "amod", head)] if kind else []
    rows += [("aid", "NOUN", "pobj", 2)]
    assert decide_code(parse(rows)[1], res) == code
