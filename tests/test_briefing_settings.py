"""A meeting as the setting of what its parties did: "at the talks X proposed ...", "in a
meeting he was told by X"; and topics that keep the words a reader would search for."""

from __future__ import annotations

import pytest

from bot.briefing import ArticleInput, Brief, brief_article


def _brief(text: str, title: str | None = None) -> Brief:
    return brief_article(ArticleInput(text=text, title=title, published="2024-05-10"))


def _names(brief: Brief) -> set[str]:
    return {p.name for m in brief.meetings for p in (*m.who, *m.with_)}


def test_what_parties_proposed_at_the_talks_does_not_unmake_the_talks() -> None:
    brief = _brief("At the London talks, Brazil and Colombia proposed keeping the old quotas.")
    assert _names(brief) == {"Brazil", "Colombia"}


def test_the_agent_of_what_happened_at_a_meeting_took_part() -> None:
    brief = _brief(
        "President Vladimir Putin flew to Magnitogorsk on Monday. In a meeting that day he was "
        "told by Emergencies Minister Yevgeny Zinichev that dozens were missing."
    )
    assert _names(brief) == {"Vladimir Putin", "Yevgeny Zinichev"}


@pytest.mark.parametrize(
    "text",
    [
        "Germany called for talks with Russia, a proposal rejected by Moscow.",
        "The plan was rejected by France and Italy ahead of the summit.",
    ],
)
def test_calls_and_previews_stay_no_meeting(text: str) -> None:
    assert _brief(text).meetings == []


def test_topics_keep_hyphenated_words_and_drop_a_persons_possessive() -> None:
    brief = _brief(
        "Chancellor Gordon Brown's pre-Budget report promised no-deal Brexit planning. "
        "The pre-Budget report was welcomed by business groups. Critics said the pre-Budget "
        "report ignored pro-democracy campaigners."
    )
    assert brief.topics[0] == "pre-Budget report"
    assert {"no-deal Brexit planning", "pro-democracy campaigners"} <= set(brief.topics)


def test_the_person_the_headline_names_is_a_topic() -> None:
    brief = _brief(
        "Robert Mugabe, who led Zimbabwe for decades, died on Friday in Singapore. The former "
        "president had been treated in hospital for months. Mugabe ruled from 1980 until a "
        "military takeover in 2017.",
        title="Longtime leader Mugabe dies aged 95",
    )
    # Inside a phrase that says what happened: a bare name is no topic.
    assert "death of Robert Mugabe" in brief.topics
    assert 2 <= len(brief.topics) <= 6


def test_a_person_quoted_as_speaking_at_the_meeting_took_part() -> None:
    brief = _brief(
        "Belgian Finance Minister Mark Eyskens spoke to reporters after chairing a joint meeting "
        "of EC finance and agriculture ministers. Diplomats quoted Commission president Jacques "
        "Delors as saying at the same meeting that a deadlock would be a disaster."
    )
    assert {"Mark Eyskens", "Jacques Delors"} <= _names(brief)


def test_a_person_quoted_from_an_interview_met_nobody() -> None:
    brief = _brief(
        "Diplomats quoted Commission president Jacques Delors as saying in an interview that "
        "a deadlock would be a disaster."
    )
    assert brief.meetings == []
