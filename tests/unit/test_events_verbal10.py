"""Verbal conflict by what it is about, round 10 (issue 15): an accusation coded by the act it charges (force done
to a population 1122, force 1123, mass violence 1124, corrupt dealing 1121), a formal or diplomatic protest lodged
with a government (114, not a demonstration), a nominal threat, demand or refusal coded by the act its own clause
names ("a threat to send troops" 138, "the demand that Peru withdraw" 1056, "demands that he resign" 1231), aid
offered and rejected (121x, not a request turned down), the removal of an office holder demanded (1041), a ban on a
party threatened (1322), a court ruling ignored (128) and a strike that is not called off (1242). Hand-built inputs,
so each rule is tested on the parse it is written for; the sentences are invented."""

from __future__ import annotations

import pytest

from newsevents.nlp.events import decide_code
from tests.hand_built import parse


def _accused(charge: tuple, victim: tuple | None) -> list[tuple]:
    """'Peru accused the troops of <charge> [<victim>] .' (`charge`: word, pos, lemma; `victim`: word, lemma)."""
    rows = [("Peru", "PROPN", "nsubj", 1), ("accused", "VERB", "ROOT", 1, "accuse"), ("the", "DET", "det", 3),
            ("troops", "NOUN", "dobj", 1, "troop"), ("of", "ADP", "prep", 3)]
    word, pos, lemma = charge
    rows.append((word, pos, "pcomp" if pos == "VERB" else "pobj", 4, lemma))
    if victim:
        rows.append((victim[0], "NOUN", "dobj", 5, victim[1]))
    return rows + [(".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("charge, victim, expected", [
    (("shelling", "VERB", "shell"), ("villages", "village"), "1123"),        # force: aggression
    (("bombing", "VERB", "bomb"), ("bridges", "bridge"), "1123"),
    (("executing", "VERB", "execute"), ("civilians", "civilian"), "1122"),   # force on a population: abuses
    (("shooting", "VERB", "shoot"), ("protesters", "protester"), "1122"),
    (("shelling", "NOUN", "shelling"), None, "1123"),                        # an event noun charged
    (("lying", "VERB", "lie"), None, "112"),                                 # no coded act: stays generic
    (("spying", "VERB", "spy"), None, "1125")])                              # the charge's own row still wins
def test_an_accusation_is_coded_by_the_act_it_charges(res, charge, victim, expected):
    assert decide_code(parse(_accused(charge, victim))[1], res) == expected


@pytest.mark.parametrize("word, lemma, expected", [("diverting", "divert", "1121"),
                                                   ("misappropriating", "misappropriate", "1121"),
                                                   ("rigging", "rig", "1121")])
def test_corrupt_dealing_charged_is_an_accusation_of_corruption(res, word, lemma, expected):
    # "Peru accused the troops of <diverting> funds ."
    doc = parse(_accused((word, "VERB", lemma), ("funds", "fund")))
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("verb, lemma, modifier, expected", [
    ("lodged", "lodge", "formal", "114"), ("filed", "file", "diplomatic", "114"), ("lodged", "lodge", "strong", "114"),
    ("staged", "stage", "noisy", "141"), ("held", "hold", "peaceful", "141")])
def test_a_protest_lodged_with_a_government_is_a_complaint_not_a_demonstration(res, verb, lemma, modifier,
                                                                                 expected):
    # "Ghana <lodged> a <formal> protest with Togo ."
    doc = parse([("Ghana", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma), ("a", "DET", "det", 4),
                 (modifier, "ADJ", "amod", 4), ("protest", "NOUN", "dobj", 1), ("with", "ADP", "prep", 4),
                 ("Togo", "PROPN", "pobj", 5), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[4], res) == expected


def _nominal(noun: str, clause: list[tuple]) -> list[tuple]:
    """'The <noun> by Chad <clause> alarmed Peru .' (`clause`: rows whose heads count from the clause's first word;
    its `acl` verb hangs on the noun)."""
    root = 4 + len(clause)
    rows = [("The", "DET", "det", 1), (noun, "NOUN", "nsubj", root), ("by", "ADP", "prep", 1),
            ("Chad", "PROPN", "pobj", 2)]
    rows += [(w, p, d, 1 if d in ("acl", "relcl") else h + 4, lem) for w, p, d, h, lem in clause]
    return rows + [("alarmed", "VERB", "ROOT", root, "alarm"), ("Peru", "PROPN", "dobj", root),
                   (".", "PUNCT", "punct", root)]


@pytest.mark.parametrize("noun, clause, expected", [
    # "The threat by Chad to send troops alarmed Peru ."
    ("threat", [("to", "PART", "aux", 1, "to"), ("send", "VERB", "acl", 0, "send"),
                ("troops", "NOUN", "dobj", 1, "troop")], "138"),
    # "The threat by Chad to impose sanctions alarmed Peru ."
    ("threat", [("to", "PART", "aux", 1, "to"), ("impose", "VERB", "acl", 0, "impose"),
                ("sanctions", "NOUN", "dobj", 1, "sanction")], "1312"),
    # "The demand by Chad that Niger withdraw its troops alarmed Peru ."
    ("demand", [("that", "SCONJ", "mark", 2, "that"), ("Niger", "PROPN", "nsubj", 2, "Niger"),
                ("withdraw", "VERB", "acl", 0, "withdraw"), ("troops", "NOUN", "dobj", 2, "troop")], "1056"),
    # "The demand by Chad that Niger release the prisoners alarmed Peru ."
    ("demand", [("that", "SCONJ", "mark", 2, "that"), ("Niger", "PROPN", "nsubj", 2, "Niger"),
                ("release", "VERB", "acl", 0, "release"), ("prisoners", "NOUN", "dobj", 2, "prisoner")], "1053"),
    # near miss: "The demand by Chad that Niger made alarmed Peru ." (a relative clause: no act)
    ("demand", [("that", "PRON", "dobj", 2, "that"), ("Niger", "PROPN", "nsubj", 2, "Niger"),
                ("made", "VERB", "relcl", 0, "make")], "100")])
def test_a_nominal_threat_or_demand_is_coded_by_the_act_its_clause_names(res, noun, clause, expected):
    doc = parse(_nominal(noun, clause))
    assert decide_code(doc[1], res) == expected


def test_demands_that_he_resign_parsed_as_a_relative_clause_are_refused_leadership_change(res):
    # "Kenya rejected demands that he resign ." (the parser makes 'that' the object of a relative clause)
    doc = parse([("Kenya", "PROPN", "nsubj", 1), ("rejected", "VERB", "ROOT", 1, "reject"),
                 ("demands", "NOUN", "dobj", 1, "demand"), ("that", "PRON", "dobj", 5), ("he", "PRON", "nsubj", 5),
                 ("resign", "VERB", "relcl", 2, "resign"), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == "1231"


@pytest.mark.parametrize("noun, lemma, inner, inner_lemma, expected", [
    ("offer", "offer", "loan", "loan", "1211"),            # aid offered, rejected: economic cooperation rejected
    ("request", "request", "loan", "loan", "1221")])       # near miss: a request for aid turned down stays 122x
def test_aid_offered_and_rejected_is_rejected_cooperation(res, noun, lemma, inner, inner_lemma, expected):
    # "Fiji rejected an <offer> of <loan> ." / "... a request for a loan"
    prep = "of" if noun == "offer" else "for"
    doc = parse([("Fiji", "PROPN", "nsubj", 1), ("rejected", "VERB", "ROOT", 1, "reject"), ("an", "DET", "det", 3),
                 (noun, "NOUN", "dobj", 1, lemma), (prep, "ADP", "prep", 3), (inner, "NOUN", "pobj", 4, inner_lemma),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("modifier, expected", [("military", "1212"), ("economic", "1211")])
def test_aid_of_a_kind_offered_and_rejected_is_cooperation_of_that_kind_rejected(res, modifier, expected):
    # "Fiji turned down an offer of <military> aid ."
    doc = parse([("Fiji", "PROPN", "nsubj", 1), ("turned", "VERB", "ROOT", 1, "turn"), ("down", "ADP", "prt", 1),
                 ("an", "DET", "det", 4), ("offer", "NOUN", "dobj", 1), ("of", "ADP", "prep", 4),
                 (modifier, "ADJ", "amod", 7), ("aid", "NOUN", "pobj", 5), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("noun, holder, holder_pos, expected", [
    ("dismissal", "minister", "NOUN", "1041"), ("ouster", "Kiir", "PROPN", "1041"),
    ("sacking", "governor", "NOUN", "1041"), ("removal", "sanctions", "NOUN", "100")])   # a thing removed: no
def test_the_removal_of_an_office_holder_demanded_is_a_leadership_change(res, noun, holder, holder_pos, expected):
    # "Students demanded the <dismissal> of the <minister> ."
    doc = parse([("Students", "NOUN", "nsubj", 1, "student"), ("demanded", "VERB", "ROOT", 1, "demand"),
                 ("the", "DET", "det", 3), (noun, "NOUN", "dobj", 1), ("of", "ADP", "prep", 3),
                 ("the", "DET", "det", 6), (holder, holder_pos, "pobj", 4), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("verb, lemma, obj, obj_lemma, expected", [
    ("ban", "ban", "party", "party", "1322"), ("outlaw", "outlaw", "movement", "movement", "1322"),
    ("ban", "ban", "newspapers", "newspaper", "1321"), ("ban", "ban", "imports", "import", "1312")])
def test_a_ban_threatened_is_coded_by_what_is_banned(res, verb, lemma, obj, obj_lemma, expected):
    # "The junta threatened to <ban> the <party> ."
    doc = parse([("The", "DET", "det", 1), ("junta", "NOUN", "nsubj", 2), ("threatened", "VERB", "ROOT", 2, "threaten"),
                 ("to", "PART", "aux", 4), (verb, "VERB", "xcomp", 2, lemma), ("the", "DET", "det", 6),
                 (obj, "NOUN", "dobj", 4, obj_lemma), (".", "PUNCT", "punct", 2)])
    assert decide_code(doc[4], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("ruling", "ruling", "128"), ("verdict", "verdict", "128"),
                                                  ("judgment", "judgment", "128"), ("warnings", "warning", "120")])
def test_a_court_ruling_ignored_is_defiance(res, obj, lemma, expected):
    # "Zambia ignored the <ruling> ."
    doc = parse([("Zambia", "PROPN", "nsubj", 1), ("ignored", "VERB", "ROOT", 1, "ignore"), ("the", "DET", "det", 3),
                 (obj, "NOUN", "dobj", 1, lemma), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("strike", "strike", "1242"), ("boycott", "boycott", "1242"),
                                                  ("talks", "talk", None)])   # a refused halt: none
def test_refusing_to_call_off_a_strike_is_refusing_to_end_dissent(res, obj, lemma, expected):
    # "Miners refused to call off the <strike> ."
    doc = parse([("Miners", "NOUN", "nsubj", 1, "miner"), ("refused", "VERB", "ROOT", 1, "refuse"),
                 ("to", "PART", "aux", 3), ("call", "VERB", "xcomp", 1), ("off", "ADP", "prt", 3),
                 ("the", "DET", "det", 6), (obj, "NOUN", "dobj", 3, lemma), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[3], res) == expected


@pytest.mark.parametrize("obj, lemma, expected", [("protesters", "protester", "175"),
                                                  ("demonstrators", "demonstrator", "175"),
                                                  ("rebels", "rebel", "190")])   # near miss: force on fighters
def test_force_used_on_protesters_is_violent_repression(res, obj, lemma, expected):
    # "Police used force against <protesters> ." (the parser hangs 'against' on the noun)
    doc = parse([("Police", "NOUN", "nsubj", 1, "police"), ("used", "VERB", "ROOT", 1, "use"),
                 ("force", "NOUN", "dobj", 1), ("against", "ADP", "prep", 2), (obj, "NOUN", "pobj", 3, lemma),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("addressee, lemma, expected", [("demonstrators", "demonstrator", "137"),
                                                        ("Chad", "chad", "138")])
def test_force_threatened_to_protesters_is_a_threat_of_repression(res, addressee, lemma, expected):
    # "The minister warned <demonstrators> that police would use force ."
    doc = parse([("The", "DET", "det", 1), ("minister", "NOUN", "nsubj", 2), ("warned", "VERB", "ROOT", 2, "warn"),
                 (addressee, "NOUN", "dobj", 2, lemma), ("that", "SCONJ", "mark", 7), ("police", "NOUN", "nsubj", 7),
                 ("would", "AUX", "aux", 7), ("use", "VERB", "ccomp", 2), ("force", "NOUN", "dobj", 7),
                 (".", "PUNCT", "punct", 2)])
    assert decide_code(doc[2], res) == expected


@pytest.mark.parametrize("modifier, head, expected", [("UN", "coordinator", "166"), ("UN", "envoy", "166"),
                                                      ("Peruvian", "envoy", "161")])
def test_an_official_of_the_un_expelled_is_an_international_presence(res, modifier, head, expected):
    # "Mali expelled the <UN> <coordinator> ."
    doc = parse([("Mali", "PROPN", "nsubj", 1), ("expelled", "VERB", "ROOT", 1, "expel"), ("the", "DET", "det", 4),
                 (modifier, "PROPN", "compound", 4), (head, "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("modifier, expected", [("military", "190"), ("legal", "115"), ("swift", None)])
def test_taking_action_of_a_kind_is_coded_by_its_kind(res, modifier, expected):
    # "Peru took <military> action against Chile ."
    doc = parse([("Peru", "PROPN", "nsubj", 1), ("took", "VERB", "ROOT", 1, "take"), (modifier, "ADJ", "amod", 3),
                 ("action", "NOUN", "dobj", 1), ("against", "ADP", "prep", 3), ("Chile", "PROPN", "pobj", 4),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("head, head_lemma, expected", [("tried", "try", "113"), ("sought", "seek", "113")])
def test_trying_or_seeking_to_rally_others_against_a_policy_is_rallying_opposition(res, head, head_lemma, expected):
    # "Kenya <tried> to rally its neighbours against the dam ."
    doc = parse([("Kenya", "PROPN", "nsubj", 1), (head, "VERB", "ROOT", 1, head_lemma), ("to", "PART", "aux", 3),
                 ("rally", "VERB", "xcomp", 1), ("its", "PRON", "poss", 5),
                 ("neighbours", "NOUN", "dobj", 3, "neighbour"),
                 ("against", "ADP", "prep", 3), ("the", "DET", "det", 8), ("dam", "NOUN", "pobj", 6),
                 (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[3], res) == expected


@pytest.mark.parametrize("noun, expected", [("abolition", "1042"), ("repeal", "1042"), ("review", "1042"),
                                            ("picture", "100")])   # near miss: no change of policy named
def test_the_end_of_a_policy_demanded_is_a_demand_for_policy_change(res, noun, expected):
    # "Students demanded the <abolition> of the quota ."
    doc = parse([("Students", "NOUN", "nsubj", 1, "student"), ("demanded", "VERB", "ROOT", 1, "demand"),
                 ("the", "DET", "det", 3), (noun, "NOUN", "dobj", 1), ("of", "ADP", "prep", 3),
                 ("the", "DET", "det", 6), ("quota", "NOUN", "pobj", 4), (".", "PUNCT", "punct", 1)])
    assert decide_code(doc[1], res) == expected


@pytest.mark.parametrize("verb, lemma, prep, inner, inner_lemma, expected", [
    ("called", "call", "for", "fighting", "fighting", "0256"),     # an end to fighting: de-escalation asked for
    ("demanded", "demand", None, "blockade", "blockade", "1056"),
    ("demanded", "demand", None, "curfew", "curfew", "1051"),
    ("demanded", "demand", None, "sanctions", "sanction", "1054"),
    ("demanded", "demand", None, "talks", "talk", "106")])         # near miss: no easing of talks: the talks
def test_an_end_to_an_act_asked_for_is_its_easing(res, verb, lemma, prep, inner, inner_lemma, expected):
    # "Kenya <demanded> an end to the <blockade> ." / "Kenya called for an end to the fighting ."
    rows = [("Kenya", "PROPN", "nsubj", 1), (verb, "VERB", "ROOT", 1, lemma)]
    if prep:
        rows.append((prep, "ADP", "prep", 1))
    end = len(rows) + 1
    rows += [("an", "DET", "det", end), ("end", "NOUN", "pobj" if prep else "dobj", end - 2 if prep else 1),
             ("to", "ADP", "prep", end), ("the", "DET", "det", end + 3), (inner, "NOUN", "pobj", end + 1, inner_lemma),
             (".", "PUNCT", "punct", 1)]
    assert decide_code(parse(rows)[1], res) == expected
