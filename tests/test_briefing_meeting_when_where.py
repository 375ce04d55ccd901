"""When and where a meeting took place: the day given in its own clause or implied by a wire
story's lead, never another event's; the dateline's city for a wire story's news; meetings of
the same parties on different days kept apart."""

from __future__ import annotations

import pytest

from bot.briefing import Brief
from tests.briefing_helpers import brief_text


def _days(brief: Brief) -> list[str | None]:
    return [m.date for m in brief.meetings]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Foreign ministers Sameh Shoukry and Nikos Dendias gathered in Cairo on Wednesday to "
            "discuss maritime borders.",
            "2024-05-08",
        ),
        (
            "Finance Minister Rachel Reeves said Governor Andrew Bailey had backed the plan at a "
            "meeting they had last night.",
            "2024-05-09",
        ),
        # Said yesterday, but the talks themselves are not dated.
        (
            "Finance Minister Rachel Reeves said on Thursday that her talks with Janet Yellen had "
            "produced no agreement.",
            None,
        ),
        # The day belongs to the offer, not to the summit.
        (
            "Prime Minister Keir Starmer said the offer Thursday was consistent with what Emmanuel "
            "Macron and Olaf Scholz agreed at their summit.",
            None,
        ),
        # A day soon to come is a plan's, never last year's.
        (
            "Emmanuel Macron and Olaf Scholz met to prepare the May 29 visit of Joe Biden.",
            None,
        ),
    ],
)
def test_the_day_comes_from_the_meeting_clause(text: str, day: str | None) -> None:
    brief = brief_text(text)
    assert brief.meetings
    assert _days(brief)[0] == day


def test_a_wire_story_lead_reports_the_day_news() -> None:
    text = (
        "LONDON, May 10 - Nigeria and Britain signed an agreement to reschedule Nigeria's "
        "official debts, government sources said.\n\nThe talks began two days ago."
    )
    assert _days(brief_text(text)) == ["2024-05-10"]


@pytest.mark.parametrize(
    "text",
    [
        # No dateline: no wire convention to lean on.
        "Nigeria and Britain signed an agreement to reschedule Nigeria's official debts.",
        # Background in the past perfect.
        "LONDON, May 10 - Nigeria and Britain had signed an agreement to reschedule debts "
        "before the crisis, sources said.",
        # Not the lead.
        "LONDON, May 10 - Debt talks are going slowly, sources said.\n\nNigeria and Britain "
        "signed an agreement to reschedule Nigeria's official debts.",
    ],
)
def test_no_day_without_a_datelined_lead_in_a_simple_tense(text: str) -> None:
    assert _days(brief_text(text)) == [None]


def test_the_same_parties_meeting_in_other_years_are_other_meetings() -> None:
    text = (
        "On Tuesday Cyprus, Greece and Israel met in Athens to sign the pipeline agreement. "
        "In 2017, a memorandum about the pipeline was signed between Cyprus, Greece and Israel. "
        "During a meeting of Cyprus, Greece and Israel on January 28, 2016, a power cable was "
        "considered instead."
    )
    meetings = brief_text(text).meetings
    assert [(m.date, m.where) for m in meetings] == [
        ("2024-05-07", "Athens"),
        (None, None),
        ("2016-01-28", None),
    ]


def test_a_wire_story_news_meeting_is_in_the_dateline_city() -> None:
    text = (
        "PARIS, May 10 - Poland met the Paris Club of creditor nations for renewed talks on its "
        "debt, diplomatic sources said."
    )
    assert [m.where for m in brief_text(text).meetings] == ["Paris"]


@pytest.mark.parametrize(
    "text",
    [
        # Background: another year, or the past perfect.
        "PARIS, May 10 - Poland and the Paris Club signed a first accord in 1991, sources said.",
        "PARIS, May 10 - Poland had met the Paris Club before the crisis, sources said.",
        # No dateline: the story may be filed from anywhere.
        "Poland met the Paris Club of creditor nations for renewed talks on its debt.",
    ],
)
def test_no_dateline_city_for_background_or_undated_stories(text: str) -> None:
    assert [m.where for m in brief_text(text).meetings] == [None]


def test_talks_scheduled_ahead_are_no_meeting() -> None:
    text = (
        "Two rounds of talks between President Joe Biden and Prime Minister Fumio Kishida, "
        "scheduled for Thursday and Friday, come after new tariffs."
    )
    assert brief_text(text).meetings == []


def test_a_meeting_set_up_by_aides_took_place() -> None:
    text = (
        "A meeting between Olaf Scholz and Emmanuel Macron, set up by aides, took place in "
        "Berlin on Monday."
    )
    assert [m.date for m in brief_text(text).meetings] == ["2024-05-06"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("The Taliban met on Monday with Zalmay Khalilzad, a US peace envoy, in Qatar.", "Qatar"),
        ("EC representatives met in closed session in Brussels on Friday.", "Brussels"),
        # The place of the assembly that judged the accord is not where the accord was made.
        (
            "An assembly of foreign ministers in Cairo on Wednesday denounced the accord that "
            "Turkey and Libya signed in November.",
            None,
        ),
        # Where she lives is not where they met.
        (
            "Angela Walker, who lives in South Carolina, first met Howie Hawkins in 2014.",
            None,
        ),
    ],
)
def test_the_place_comes_from_the_meeting_clause(text: str, where: str | None) -> None:
    assert [m.where for m in brief_text(text).meetings] == [where]


def test_a_sentence_without_a_verb_is_read_to_its_end() -> None:
    text = "Photos of the talks between Olaf Scholz and Emmanuel Macron in Paris on Monday."
    assert [m.where for m in brief_text(text).meetings] == ["Paris"]
