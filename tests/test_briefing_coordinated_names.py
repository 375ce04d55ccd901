"""People listed with titles between their names ("A and Trade Minister B") all take part,
each with the title written before the name; short forms of a titled name ("Gen X", "Sir
Alan") are the person named in full."""

from __future__ import annotations

import pytest

from bot.briefing import Brief
from tests.briefing_helpers import brief_pairs, brief_text


def _titles(brief: Brief) -> dict[str, str | None]:
    return {p.name: p.title for m in brief.meetings for p in (*m.who, *m.with_)}


def test_a_titled_name_hung_on_the_next_one_takes_part() -> None:
    brief = brief_text(
        "Energy Minister Maria Lopez and Trade Commissioner Peter Brandt met Chinese Premier "
        "Li Qiang in Beijing on Monday."
    )
    assert brief_pairs(brief) == {
        frozenset(("Maria Lopez", "Li Qiang")),
        frozenset(("Peter Brandt", "Li Qiang")),
    }


def test_each_listed_person_keeps_the_title_before_the_name() -> None:
    brief = brief_text(
        "Energy Minister Maria Lopez and Trade Commissioner Peter Brandt met Chinese Premier "
        "Li Qiang in Beijing on Monday."
    )
    titles = _titles(brief)
    assert titles["Maria Lopez"] == "Energy Minister"
    assert titles["Peter Brandt"] == "Trade Commissioner"


def test_a_name_lost_after_a_coordinated_title_takes_part() -> None:
    brief = brief_text(
        "Prime Minister Mark Carney met Finance Minister Chrystia Freeland and Trade Minister "
        "Mary Ng on Monday."
    )
    assert frozenset(("Mark Carney", "Mary Ng")) in brief_pairs(brief)
    assert _titles(brief)["Mary Ng"] == "Trade Minister"


def test_every_name_of_a_list_of_three_takes_part() -> None:
    brief = brief_text(
        "Finance Minister Karl Weber, Economy Minister Lena Fischer and Chancellor of the "
        "Exchequer Rachel Reeves met in London."
    )
    names = {p.name for m in brief.meetings for p in (*m.who, *m.with_)}
    assert names == {"Karl Weber", "Lena Fischer", "Rachel Reeves"}


def test_a_list_of_appositions_takes_part_in_full() -> None:
    brief = brief_text(
        "Spanish Prime Minister Pedro Sanchez and his Portuguese counterpart, Luis Montenegro, "
        "and the Moroccan leader, Aziz Akhannouch, met in Madrid."
    )
    assert frozenset(("Pedro Sanchez", "Aziz Akhannouch")) in brief_pairs(brief)


def test_a_name_in_another_clause_is_not_listed() -> None:
    brief = brief_text(
        "Health Secretary Anna Berg met union leader Sara Cole, and Labour Secretary Tom Hughes "
        "spoke to reporters."
    )
    assert brief_pairs(brief) == {frozenset(("Anna Berg", "Sara Cole"))}


def test_a_comma_between_names_without_a_closing_and_is_no_list() -> None:
    brief = brief_text("Analyst Mark Reed, Mr Weber's adviser, met Economy Minister Lena Fischer.")
    names = {p.name for m in brief.meetings for p in (*m.who, *m.with_)}
    assert "Weber" not in names


def test_an_appeal_backed_by_a_list_of_people_is_no_meeting() -> None:
    text = "Her call was backed by Health Secretary Anna Berg and Labour Secretary Tom Hughes."
    assert brief_text(text).meetings == []


def test_a_call_welcomed_by_countries_is_no_conversation() -> None:
    text = "The minister's call for a ceasefire was welcomed by Spain and Portugal."
    assert brief_text(text).meetings == []


def test_titled_colleagues_acting_in_talks_here_face_the_host() -> None:
    brief = brief_text(
        "TOKYO, March 8 - Agriculture Secretary Tom Vilsack and Trade Representative Katherine "
        "Tai insisted in talks here last week that the rice tariffs be cut."
    )
    assert brief_pairs(brief) == {
        frozenset(("Tom Vilsack", "Japan")),
        frozenset(("Katherine Tai", "Japan")),
    }


def test_titled_people_holding_talks_here_meet_each_other() -> None:
    brief = brief_text(
        "TOKYO, March 8 - Agriculture Secretary Tom Vilsack and Trade Representative Katherine "
        "Tai held talks here on Tuesday."
    )
    assert brief_pairs(brief) == {frozenset(("Tom Vilsack", "Katherine Tai"))}


@pytest.mark.parametrize(
    "text",
    [
        # No titles: nothing says the two are one government's colleagues.
        "TOKYO, March 8 - Tom Vilsack and Katherine Tai insisted in talks here last week that "
        "the rice tariffs be cut.",
        # One is written as the host's own: the other met that country's minister.
        "TOKYO, March 8 - Japanese Farm Minister Tetsushi Sakamoto and Trade Representative "
        "Katherine Tai insisted in talks here last week that the rice tariffs be cut.",
    ],
)
def test_people_acting_in_talks_here_not_known_as_colleagues_meet_each_other(text: str) -> None:
    pairs = brief_pairs(brief_text(text))
    assert any("Katherine Tai" in p and "Japan" not in p for p in pairs)
    assert not any("Japan" in p for p in pairs)


def test_an_abbreviated_rank_is_a_title_not_part_of_the_name() -> None:
    brief = brief_text(
        "Gen Kofi Mensah, the army chief, arrived in London on Sunday. Gen Mensah held talks "
        "with Prime Minister Ama Owusu on Monday."
    )
    assert brief_pairs(brief) == {frozenset(("Kofi Mensah", "Ama Owusu"))}


def test_a_knight_called_by_the_given_name_is_the_knight_named_in_full() -> None:
    brief = brief_text(
        "Sir Alan Reid, the bank's chairman, flew to Lagos on Sunday. On Monday Sir Alan held "
        "talks with Finance Minister Ruth Okafor."
    )
    assert brief_pairs(brief) == {frozenset(("Alan Reid", "Ruth Okafor"))}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A surname after "Mr" is still the person of that surname.
        (
            "Alan Reid chairs the bank. On Monday Mr Reid held talks with Finance Minister "
            "Ruth Okafor.",
            "Alan Reid",
        ),
        # A knight never named in full keeps the name the text gives.
        ("On Monday Sir Alan held talks with Finance Minister Ruth Okafor.", "Alan"),
    ],
)
def test_other_short_names_keep_their_reading(text: str, name: str) -> None:
    assert brief_pairs(brief_text(text)) == {frozenset((name, "Ruth Okafor"))}
