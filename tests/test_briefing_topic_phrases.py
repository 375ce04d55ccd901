"""Topic phrases that read as subjects: whose debt or visit it is, no ranking or hedging
adjectives, named pacts, and no phrase that only names a party or describes a meeting."""

from __future__ import annotations

import pytest

from bot.briefing import load_nlp
from bot.briefing.article_topics import headline_phrases
from bot.briefing.keyphrases import key_chunks


def _ranked(text: str, title: str | None = None) -> list[str]:
    return [phrase for _score, phrase in key_chunks(load_nlp()(text), title)]


def test_a_country_keeps_its_name_before_what_it_owns() -> None:
    ranked = _ranked(
        "Peru's foreign debt rose again in March, the central bank said. Creditors want "
        "Peru's foreign debt repaid by 2030.",
        "Peru debt rises",
    )
    assert ranked[0] == "Peru's foreign debt"


def test_a_bare_noun_keeps_the_name_of_whose_it_is_without_the_title() -> None:
    ranked = _ranked(
        "Mr Tanaka's visit to Canberra was postponed on Friday. Officials said Mr Tanaka's "
        "visit would take place after the budget vote."
    )
    assert ranked[0] == "Tanaka's visit"


def test_adjectives_that_rank_or_hedge_leave_the_middle_of_a_phrase() -> None:
    ranked = _ranked(
        "Chile's current copper agreement expires in May, and the biggest mining union wants "
        "higher wages."
    )
    assert {"Chile's copper agreement", "mining union"} <= set(ranked)


def test_a_meeting_only_described_is_no_topic_but_what_it_is_against_is() -> None:
    ranked = _ranked(
        "Formal talks began in Geneva on Monday. The anti-piracy summit will follow. The talks "
        "covered fishing quotas."
    )
    assert "Formal talks" not in ranked
    assert {"anti-piracy summit", "fishing quotas"} <= set(ranked)


def test_a_named_pact_or_agenda_is_a_topic() -> None:
    ranked = _ranked(
        "Ministers said the Kyoto Protocol must be strengthened. Critics of the Kyoto Protocol "
        "said the Lisbon Agenda had failed too."
    )
    assert ranked[:2] == ["Kyoto Protocol", "Lisbon Agenda"]


def test_a_subject_outranks_a_party_named_as_often() -> None:
    ranked = _ranked(
        "Debt rescheduling and creditor banks were on the agenda on Tuesday. The creditor banks "
        "said debt rescheduling was possible. It would take months, the creditor banks said."
    )
    lowered = [phrase.lower() for phrase in ranked]
    assert lowered.index("debt rescheduling") < lowered.index("creditor banks")


def test_an_owner_named_often_does_not_lift_what_it_owns() -> None:
    ranked = _ranked(
        "Japan's car exports rose sharply, Japan said. Japan hopes to keep farm subsidies, but "
        "farm subsidies cost Japan dearly, and Japan may cut them."
    )
    assert ranked == ["farm subsidies", "Japan's car exports"]


@pytest.mark.parametrize(
    ("headline", "phrase"),
    [
        ("New steel tariff talks unlikely this summer", "steel tariff talks"),
        ("Textile quotas before October unlikely, say exporters", "Textile quotas"),
        ("Union wins fresh pension guarantees", "pension guarantees"),
    ],
)
def test_a_headline_subject_drops_when_and_how_likely(headline: str, phrase: str) -> None:
    assert headline_phrases(load_nlp()(headline))[0] == phrase


def test_a_headline_subject_keeps_both_halves_of_a_hyphened_word() -> None:
    assert headline_phrases(load_nlp()("Clinic opens for HIV-positive mothers")) == [
        "HIV-positive mothers"
    ]


def test_a_day_owns_nothing() -> None:
    ranked = _ranked(
        "Tuesday's budget speech promised lower fuel duty. The budget speech was short."
    )
    assert "budget speech" in ranked
    assert "Tuesday's budget speech" not in ranked


def test_a_name_with_what_it_is_gives_way_to_a_subject() -> None:
    ranked = _ranked(
        "Water firm Aquaron faces a row over price rises. Aquaron said the price rises were "
        "needed. Aquaron shares fell as Aquaron customers complained."
    )
    assert ranked.index("price rises") < ranked.index("Water firm Aquaron")


def test_a_generic_thing_only_described_is_no_topic() -> None:
    ranked = _ranked(
        "Cost was the main issue at the port. Dockers called the pay deal a major success, "
        "and renewed talks begin soon. Overtime rules remain unpopular."
    )
    assert not {"main issue", "major success", "renewed talks"} & set(ranked)
    assert {"pay deal", "Overtime rules"} <= set(ranked)
