"""Golden records for the sense and code rules of issue 15 read from the codebook (fictional sentences written for
these tests, not copied from any gold set or from eval/fresh_events.jsonl): force named by the trigger's own
modifier, markets as subjects, civilians rioting and rallying, withheld acceptances, and the kind of aid given."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def codes_of(process_text):
    def _codes(text: str) -> list[str]:
        return sorted(e["event_code"] for e in process_text(text)["events"])

    return _codes


@pytest.mark.parametrize("text, code", [
    ("Turkish warplanes carried out air strikes on targets south of Qamishli.", "195"),
    ("Pakistan launched an air attack on Afghanistan.", "19"),
])
def test_a_force_modifier_on_the_trigger_is_a_physical_reading(codes_of, text, code):
    assert any(c.startswith(code) for c in codes_of(text))


@pytest.mark.parametrize("text", [
    "The Ghanaian cedi rallied against the dollar on Friday.",
    "Chilean stocks crashed after the copper report.",
])
def test_a_market_or_price_as_subject_is_no_event(codes_of, text):
    assert codes_of(text) == []


@pytest.mark.parametrize("text, code", [
    ("Angry rioters torched buses in the Bolivian city of Cochabamba.", "145"),
    ("Nurses in Portugal rallied against the hospital closures.", "141"),
])
def test_civilians_rioting_or_rallying_are_protest(codes_of, text, code):
    assert codes_of(text) == [code]


def test_a_state_rallying_against_keeps_the_opposition_code(codes_of):
    assert codes_of("Bolivia rallied against the new tariffs.") == ["113"]


@pytest.mark.parametrize("text", [
    "The Zambian government did not accept the arbitration panel's proposal.",
    "Neither Laos nor Cambodia endorsed the river plan.",
])
def test_a_withheld_acceptance_is_a_rejection(codes_of, text):
    codes = codes_of(text)
    assert codes and all(c.startswith("12") for c in codes), codes


def test_a_failed_agreement_is_still_no_event(codes_of):
    assert codes_of("The Fijian and Tongan delegations failed to agree on a fishing plan.") == []


@pytest.mark.parametrize("text, code", [
    ("Finland delivered anti-tank rifles to the Estonian army.", "072"),
    ("Oman shipped 800 tonnes of flour to Somalia.", "073"),
    ("Kuwait gave 50 million dollars to Jordan.", "071"),
])
def test_the_kind_of_goods_given_is_the_kind_of_aid(codes_of, text, code):
    assert codes_of(text) == [code]


@pytest.mark.parametrize("text", [
    "Chad pulled out of the peace talks with Sudan.",
    "The Gabonese delegation withdrew from negotiations with Cameroon.",
])
def test_leaving_talks_halts_negotiations(codes_of, text):
    assert codes_of(text) == ["164"]


@pytest.mark.parametrize("text, code", [
    ("Ghana closed its border with Togo.", "191"),
    ("Bhutan sealed the frontier with Nepal on Tuesday.", "191"),
    ("Ghana threatened to close its border with Togo.", "1381"),
])
def test_closing_a_border_restricts_movement(codes_of, text, code):
    assert codes_of(text) == [code]


def test_closing_an_embassy_still_reduces_relations(codes_of):
    assert codes_of("Ghana closed its embassy in Togo.") == ["161"]


@pytest.mark.parametrize("text, code", [
    ("Nepalese police went on high alert ahead of the vote.", "151"),
    ("Uganda deployed riot police in Kampala against the marchers.", "153"),
])
def test_police_alert_and_reinforcement_are_police_codes(codes_of, text, code):
    assert codes_of(text) == [code]


@pytest.mark.parametrize("text, code", [
    ("Azerbaijani troops shelled Armenian positions, breaking the ceasefire.", "194"),
    ("Rebels attacked a Malian army base, violating the peace deal.", "190"),
])
def test_a_participle_saying_what_the_act_amounts_to_is_no_second_event(codes_of, text, code):
    assert codes_of(text) == [code]


@pytest.mark.parametrize("text, code", [
    ("Kenya expelled thousands of Somali refugees.", "201"),
    ("The Sudanese army carried out the mass expulsion of villagers from Darfur.", "201"),
    ("Kenya expelled two Somali diplomats.", "161"),
])
def test_removing_people_in_large_numbers_is_mass_expulsion(codes_of, text, code):
    assert codes_of(text) == [code]


def test_a_threatened_nationwide_strike_is_a_threat_of_dissent(codes_of):
    assert codes_of("The Chilean miners union threatened a nationwide strike over pensions.") == ["133"]


# ----------------------------------------------------------------------------- third round (issue 15, codes3)
@pytest.mark.parametrize("text, code", [
    ("A Kenyan suicide bomber blew himself up outside a bank in Mombasa.", "1831"),
    ("Iraqi insurgents detonated a truck bomb near a market in Basra.", "1832"),
    ("Nigerian militants detonated a roadside bomb in Borno state.", "1833"),
])
def test_the_kind_of_bomb_codes_the_bombing(codes_of, text, code):
    assert codes_of(text) == [code]


def test_an_exchange_of_fire_breaking_a_truce_is_one_event_per_side(codes_of):
    assert codes_of("Thai and Cambodian soldiers exchanged fire near the temple, breaking the truce.") == [
        "190", "190"]


def test_an_inquiry_into_a_killing_is_the_inquiry(codes_of):
    assert codes_of("The Kenyan army opened an inquiry into the killing of two herders by its soldiers.") == ["090"]


@pytest.mark.parametrize("text", [
    "A new film about the Cambodian genocide opened in Phnom Penh.",
    "Students in Hanoi marked the anniversary of the invasion.",
])
def test_an_act_a_work_or_commemoration_is_about_is_no_event(codes_of, text):
    assert codes_of(text) == []


@pytest.mark.parametrize("text, code", [
    ("Bolivia threatened Peru with sanctions over the border dispute.", "1312"),
    ("Chadian rebels took three Libyan engineers hostage.", "181"),
    ("Burundian militias wiped out an entire village in northern Burundi.", "202"),
])
def test_codebook_phrasings_of_the_third_round(codes_of, text, code):
    assert codes_of(text) == [code]


@pytest.mark.parametrize("text, code", [
    ("Chilean copper miners went on strike over safety rules.", "143"),
    ("Kenyan nurses staged a strike over unpaid salaries.", "143"),
    ("An imprisoned Iranian lawyer went on a hunger strike.", "142"),
])
def test_a_strike_gone_on_or_staged_is_a_labour_strike(codes_of, text, code):
    assert codes_of(text) == [code]


def test_an_appeal_to_help_mediate_is_an_appeal_for_mediation(codes_of):
    assert codes_of("The Malian government asked Senegal to help mediate its dispute with Niger.") == ["028"]


@pytest.mark.parametrize("text, codes", [
    ("A Tunisian government spokesman would not comment on the reports.", ["011"]),
    ("The Icelandic foreign ministry had no comment on the leaked memo.", ["011"]),
    ("The Icelandic foreign minister commented on the leaked memo.", []),
])
def test_a_withheld_comment_is_a_declined_comment(codes_of, text, codes):
    assert codes_of(text) == codes


@pytest.mark.parametrize("text, code", [
    ("The Gabonese government said it would impose a curfew.", "1323"),
    ("Honduras plans to halt the talks with Nicaragua.", "134"),
])
def test_codebook_phrasings_of_the_third_round_second_batch(codes_of, text, code):
    assert codes_of(text) == [code]
