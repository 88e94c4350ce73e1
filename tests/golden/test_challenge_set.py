"""The challenge set as golden tests: one test per CAMEO root family (01-20) and one for the sentences that must give
no event (verbal, figurative, electoral and sporting senses, negations, hypotheticals, questions).

The sentences (tests/golden/challenge_events.jsonl) were written for this project: fictional people, real countries
in invented situations, nothing copied from a gold set or from news. Each item states every event it expects as
(source, target, code), actors compared by country as the gold sets are (`eval.challenge`); a code written "023|0233"
accepts either. An item passes when the coder gives exactly its expected events, no more and no fewer.

The only tolerance is `KNOWN_MISSES`: items whose parse (or entity tags) by en_core_web_sm is wrong in a way no rule
should be written around, and one reading the dev halves rejected. They run as strict xfails, so an item that starts
passing must leave the list.

Items c*: the first batch, written before the coder's rules for issue 15 and used to shape them. Items f*: a second
batch written after those rules were in place and scored before any rule was changed for it (see CHANGELOG.md for
its first figures), then used like the first. Items g*: a third batch on event arguments (offices and groups with
no country, possessives, appositions, conjuncts, relative clauses, 'of'-phrases, transfers), written before the
argument rules of issue 15's second round and scored before any of them (figures in CHANGELOG.md); only the items
the coder gets right joined the set, the eight it still misses are listed there.
"""

from __future__ import annotations

import pytest

from eval.challenge import FAMILIES, expected_triples, item_errors, predicted_triples, read_challenge, run_challenge

#: item id -> what the small English model gets wrong in its parse, or why the reading was left out.
KNOWN_MISSES = {
    "c04-012": "the subject's apposition breaks the parse: 'consulted' becomes a modifier of 'Tillman' and 'pact' the "
               "root, so the consultation has no subject",
    "c06-008": "'Qatar trades liquefied gas' is parsed with 'trades' as the subject noun and 'liquefied' as the verb",
    "c09-005": "'by Sudanese militias' is attached to 'launched' rather than to 'atrocities', so the inquiry's target "
               "(the atrocities' agent) is lost",
    "c14-001": "'protested' is parsed as a passive participle modifying 'Thousands' (the sentence has no main verb)",
    "c19-009": "'bombed' is parsed as an adjective of 'villages' (the sentence has no main verb)",
    "f03-003": "'host' is tagged as a noun ('to host talks' has no verb), so the offer to host has no act",
    "f18-002": "'Niger' is tagged as a date, so it is no place and the militants get no country",
    "s3-08-001": "not a parser miss: 'agreed to a ceasefire' coded as the ceasefire (0871) lowered dev half B of "
                 "plover-gsr, so that reading was reverted (the agreement stays 030)",
    "f03-006": "not a parser miss: 'agreed to share' read as a stated intention (0314) lowered dev half B, so "
               "that reading was reverted and the sharing is coded as done (064)",
}


@pytest.fixture(scope="module")
def challenge():
    items = read_challenge()
    return items, run_challenge(items)


def _wrong(items, pred, family: str) -> dict[str, list[str]]:
    out = {}
    for item in items:
        if item["family"] == family and item["id"] not in KNOWN_MISSES:
            errors = item_errors(expected_triples(item), predicted_triples(pred, item))
            if errors:
                out[f"{item['id']}: {item['text']}"] = errors
    return out


@pytest.mark.parametrize("family", FAMILIES)
def test_root_family(challenge, family):
    items, pred = challenge
    assert sum(i["family"] == family for i in items) >= 10
    assert _wrong(items, pred, family) == {}


@pytest.mark.parametrize("item_id", sorted(KNOWN_MISSES))
def test_known_misses_still_fail(challenge, item_id):
    items, pred = challenge
    item = next(i for i in items if i["id"] == item_id)
    if not item_errors(expected_triples(item), predicted_triples(pred, item)):
        pytest.fail(f"{item_id} now passes: take it off KNOWN_MISSES")
    pytest.xfail(KNOWN_MISSES[item_id])


def test_known_misses_are_few_and_exist(challenge):
    items, _ = challenge
    ids = {i["id"] for i in items}
    assert set(KNOWN_MISSES) <= ids
    assert len(KNOWN_MISSES) <= len(items) // 40
