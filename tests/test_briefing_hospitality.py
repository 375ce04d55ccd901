"""Who met whom over a meal, and around a meeting's moments: people present at its end,
parties acting in a "with X saying" phrase of its clause."""

from __future__ import annotations

import pytest

from tests.briefing_helpers import brief_pairs, brief_text


def test_a_party_acting_in_a_with_phrase_took_part() -> None:
    text = (
        "The Nordic Council of Ministers "
        "ended its two-day session in Bergen on Wednesday, with Iceland saying it would block "
        "the proposed quota cuts."
    )
    assert frozenset(("Nordic Council of Ministers", "Iceland")) in brief_pairs(brief_text(text))


def test_a_with_phrase_in_a_quoted_clause_tells_of_something_else() -> None:
    text = (
        "The Nordic Council of Ministers ended its two-day session in Bergen on Wednesday. "
        "Officials said the quota talks had stalled, with Iceland saying it would block the cuts."
    )
    pairs = brief_pairs(brief_text(text))
    assert not any("Iceland" in p for p in pairs)


def test_a_statement_made_at_the_end_of_the_meeting_puts_its_maker_there() -> None:
    text = (
        "The Nordic Council of Ministers ended its two-day session in Bergen on Wednesday, "
        "with Iceland saying it would block the proposed quota cuts. The council published a "
        "statement by Norwegian Fisheries Minister Kari Solberg made in Bergen at the end of the "
        "ministers' session."
    )
    pairs = brief_pairs(brief_text(text))
    assert frozenset(("Kari Solberg", "Iceland")) in pairs
    assert frozenset(("Kari Solberg", "Nordic Council of Ministers")) in pairs


def test_a_statement_made_before_the_end_of_the_meeting_names_no_one_there() -> None:
    text = (
        "The Nordic Council of Ministers ended its two-day session in Bergen on Wednesday, "
        "with Iceland saying it would block the proposed quota cuts. The council published a "
        "statement by Norwegian Fisheries Minister Kari Solberg made in Oslo ahead of the "
        "ministers' session."
    )
    pairs = brief_pairs(brief_text(text))
    assert not any("Kari Solberg" in p for p in pairs)


def test_a_person_speaking_at_the_end_of_a_gathering_joins_it() -> None:
    text = (
        "The meeting of Baltic Council energy ministers in Riga ended without a statement. At "
        "the end of the meeting, Latvian Economy Minister Viktors Valainis said the grid link "
        "was on schedule."
    )
    assert frozenset(("Baltic Council", "Viktors Valainis")) in brief_pairs(brief_text(text))


def test_a_person_at_the_end_of_a_meeting_not_told_of_is_no_meeting() -> None:
    text = (
        "At the end of the meeting, Latvian Economy Minister Viktors Valainis said the grid "
        "link was on schedule."
    )
    assert brief_text(text).meetings == []


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Spanish Prime Minister Pedro Sanchez hosted a dinner for Portuguese Prime Minister "
            "Luis Montenegro in Madrid on Tuesday.",
            "Pedro Sanchez",
            "Luis Montenegro",
        ),
        (
            "Canadian Trade Minister Mary Ng had lunch with Mexican Economy Minister Raquel "
            "Buenrostro in Ottawa.",
            "Mary Ng",
            "Raquel Buenrostro",
        ),
        (
            "Dutch Prime Minister Dick Schoof held a working breakfast with Belgian Prime "
            "Minister Bart De Wever in Brussels on Friday.",
            "Dick Schoof",
            "Bart De Wever",
        ),
        (
            "King Felipe gave a banquet in honour of Japanese Emperor Naruhito at the Royal "
            "Palace.",
            "Felipe",
            "Naruhito",
        ),
    ],
)
def test_a_meal_with_a_named_guest_is_a_meeting(text: str, a: str, b: str) -> None:
    assert frozenset((a, b)) in brief_pairs(brief_text(text))


def test_people_acting_in_a_clause_set_at_a_dinner_were_at_it() -> None:
    text = (
        "A new memoir says Senator Ana Ruiz hosted a dinner in March 2019 where Governor Tom "
        "Hale told Mayor Lisa Park he would not seek re-election."
    )
    pairs = brief_pairs(brief_text(text))
    assert frozenset(("Ana Ruiz", "Lisa Park")) in pairs
    assert frozenset(("Tom Hale", "Lisa Park")) in pairs


@pytest.mark.parametrize(
    "text",
    [
        "Spanish Prime Minister Pedro Sanchez will host a dinner for Portuguese Prime Minister "
        "Luis Montenegro in Madrid next week.",
        "Spanish Prime Minister Pedro Sanchez attended a charity dinner in Madrid on Tuesday.",
        "Spanish Prime Minister Pedro Sanchez hosted a fundraising dinner for the Red Cross.",
        "The planned dinner between Pedro Sanchez and Luis Montenegro was called off.",
        "The Commission proposal met a cool reception from French President Emmanuel Macron.",
        "Senator Ana Ruiz hosted a dinner in Denver, where Governor Tom Hale was born.",
    ],
)
def test_meals_without_a_named_counterpart_or_still_planned_are_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []
