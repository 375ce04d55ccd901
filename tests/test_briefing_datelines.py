"""Wire stories filed from a capital: "talks here" are held in that city, with its country."""

from __future__ import annotations

import pytest

from bot.briefing import Brief
from bot.briefing.capitals import capital_of
from tests.briefing_helpers import brief_text


def _sides(brief: Brief) -> list[tuple[list[str], list[str]]]:
    return [([p.name for p in m.who], [p.name for p in m.with_]) for m in brief.meetings]


@pytest.mark.parametrize(
    ("text", "visitor", "host", "city"),
    [
        (
            "NEW DELHI, May 6 - Australian Trade Minister Don Farrell held talks here on "
            "Tuesday on a free trade agreement, officials said.",
            "Don Farrell",
            "India",
            "New Delhi",
        ),
        (
            "OTTAWA, June 3 - Mexican Economy Minister Marcelo Ebrard negotiated here on Monday "
            "over steel tariffs, his office said.",
            "Marcelo Ebrard",
            "Canada",
            "Ottawa",
        ),
    ],
)
def test_talks_here_are_with_the_host_country(text: str, visitor: str, host: str, city: str):
    brief = brief_text(text)
    assert _sides(brief) == [([visitor], [host])]
    assert brief.meetings[0].where == city


def test_the_country_takes_the_name_the_story_uses() -> None:
    brief = brief_text(
        "MOSCOW, March 3 - U.S. Commerce Secretary Malcolm Baldrige held talks here on Monday "
        "on expanding Soviet trade, officials said."
    )
    assert _sides(brief) == [(["Malcolm Baldrige"], ["Soviet Union"])]


@pytest.mark.parametrize(
    "text",
    [
        # The host's own minister at home.
        "NEW DELHI, May 6 - Indian Commerce Minister Piyush Goyal held talks here on Tuesday on "
        "a free trade agreement, officials said.",
        # A plan.
        "NEW DELHI, May 6 - Australian Trade Minister Don Farrell will hold talks here next week "
        "on a free trade agreement, officials said.",
        # A body seated in the capital holds its own talks there.
        "LONDON, May 6 - Delegates to the International Coffee Organization held talks here on "
        "Tuesday on export quotas.",
        # The seat of European institutions, not only of a government.
        "BRUSSELS, May 6 - Australian Trade Minister Don Farrell held talks here on Tuesday on "
        "a free trade agreement, officials said.",
        # No dateline: "here" names no city.
        "Australian Trade Minister Don Farrell held talks here on Tuesday on a free trade "
        "agreement, officials said.",
    ],
)
def test_no_host_counterpart(text: str) -> None:
    assert brief_text(text).meetings == []


def test_visitors_of_two_countries_met_each_other_not_the_host() -> None:
    brief = brief_text(
        "TOKYO, May 6 - U.S. envoy Rahm Emanuel and Chinese envoy Wu Jianghao held talks here "
        "on Tuesday, officials said."
    )
    assert _sides(brief) == [(["Rahm Emanuel"], ["Wu Jianghao"])]


def test_a_named_counterpart_stays_the_only_one() -> None:
    brief = brief_text(
        "NEW DELHI, May 6 - Australian Trade Minister Don Farrell held talks here on Tuesday "
        "with Indian Commerce Minister Piyush Goyal, officials said."
    )
    assert _sides(brief) == [(["Don Farrell"], ["Piyush Goyal"])]


def test_capitals() -> None:
    assert capital_of("Tokyo", set()) == "Japan"
    assert capital_of("Moscow", {"Soviet Union"}) == "Soviet Union"
    assert capital_of("Moscow", set()) == "Russia"
    assert capital_of("Geneva", set()) is None


@pytest.mark.parametrize(
    ("text", "visitor", "host", "city"),
    [
        (
            "Chilean Finance Minister Mario Marcel, during a visit to Tokyo this week, urged "
            "Japanese investors to back lithium projects.",
            "Mario Marcel",
            "Japan",
            "Tokyo",
        ),
        (
            "Kenyan President William Ruto's visit to Seoul last month produced a deal on "
            "railway funding.",
            "William Ruto",
            "South Korea",
            "Seoul",
        ),
    ],
)
def test_a_visit_to_a_capital_is_with_its_country(text: str, visitor: str, host: str, city: str):
    brief = brief_text(text)
    assert _sides(brief) == [([visitor], [host])]
    assert brief.meetings[0].where == city


@pytest.mark.parametrize(
    "text",
    [
        # Whose minister is not said: he may be at home.
        "Finance Minister Mario Marcel, during a visit to Tokyo this week, urged investors to "
        "back lithium projects.",
        # The host's own minister.
        "Japanese Finance Minister Shunichi Suzuki, during a visit to Tokyo this week, urged "
        "investors to back lithium projects.",
        # Not a capital.
        "Chilean Finance Minister Mario Marcel, during a visit to Osaka this week, urged "
        "Japanese investors to back lithium projects.",
        # A plan.
        "Chilean Finance Minister Mario Marcel will push for lithium investment during a visit "
        "to Tokyo next week.",
    ],
)
def test_no_visit_to_the_host(text: str) -> None:
    assert brief_text(text).meetings == []
