"""The word lists of `bot/briefing/data/`: each lists a word once, in lower case, and lists
that must part share no word."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.briefing.countries import is_country
from bot.briefing.wordlists import DATA, capitals, table

# Files whose lists are lower-case words (countries.toml maps them to country names).
WORD_FILES = sorted(p.name for p in DATA.glob("*.toml"))
# Lists no word may be in both of, and why.
MUST_PART = [
    # "the former president" is another office, "the new president" the same one.
    ("titles.toml", "other_office", "titles.toml", "timeless"),
    # "the conference" is where a meeting took place, "the council" a party.
    ("places.toml", "event_words", "places.toml", "institution_nouns"),
    # "X denied he had held talks" drops the meeting; "X boycotted it" drops only X.
    ("triggers.toml", "not_held", "triggers.toml", "stayed_away"),
    # "is trying to meet" is under way, "refused to meet" is not: no word is both.
    ("modality.toml", "attempt_verbs", "modality.toml", "unreal_heads"),
    # Each noun is one kind of occasion: "a dinner for X" a meal, "an agreement between X and
    # Y" an accord, "held talks with X" a meeting.
    ("occasions.toml", "meal_nouns", "occasions.toml", "meeting_nouns"),
    ("occasions.toml", "accord_nouns", "occasions.toml", "meeting_nouns"),
    ("occasions.toml", "accord_nouns", "occasions.toml", "meal_nouns"),
    # "the talks, led by X" names a delegation's head; "held talks" its participants.
    ("occasions.toml", "lead_verbs", "occasions.toml", "hold_verbs"),
    # A list that joins others in code names none of their words again: title heads are
    # heads, honorifics and abbreviated ranks; party heads are those, collective nouns and more.
    ("titles.toml", "heads", "styles.toml", "honorifics"),
    ("titles.toml", "heads", "styles.toml", "abbreviated_ranks"),
    ("topics.toml", "party_heads", "titles.toml", "heads"),
    ("topics.toml", "party_heads", "titles.toml", "collective_nouns"),
    # "the two companies" are two organisations, "both countries" two places: one kind each.
    ("titles.toml", "pair_nouns.org", "titles.toml", "pair_nouns.place"),
    ("titles.toml", "pair_nouns.org", "titles.toml", "pair_nouns.person"),
    ("titles.toml", "pair_nouns.place", "titles.toml", "pair_nouns.person"),
]


def word_lists(name: str) -> dict[str, list[str]]:
    """Every list of words in a data file, named by section (and key, for a table of lists)."""
    found: dict[str, list[str]] = {}
    for section, entry in table(name).items():
        if not isinstance(entry, dict):
            continue
        for key, value in entry.items():
            if isinstance(value, list) and all(isinstance(w, str) for w in value):
                found[section if key in ("words", "verbs") else f"{section}.{key}"] = value
    return found


def twice(words: list[str]) -> list[str]:
    """The words a list names more than once."""
    return sorted(w for w, n in Counter(words).items() if n > 1)


@pytest.mark.parametrize("name", WORD_FILES)
def test_each_list_names_a_word_once(name: str) -> None:
    for section, words in word_lists(name).items():
        assert not twice(words), f"{name} [{section}] lists {twice(words)} twice"


@pytest.mark.parametrize("name", WORD_FILES)
def test_words_are_lower_case_and_trimmed(name: str) -> None:
    for section, words in word_lists(name).items():
        if not section.startswith(("capitals", "country", "states")):  # proper names
            odd = [w for w in words if w != w.lower().strip() or not w]
            assert not odd, f"{name} [{section}]: {odd}"


def test_capitals_are_keyed_lower_case_and_name_known_countries() -> None:
    """ "HANOI" finds Vietnam only if the key is what the lookup lowers the city to, and the
    country is one the country lists know."""
    odd = [city for city in capitals() if city != city.lower().strip()]
    assert not odd, odd
    unknown = [(c, n) for c, names in capitals().items() for n in names if not is_country(n)]
    assert not unknown, unknown


@pytest.mark.parametrize(("one", "first", "other", "second"), MUST_PART)
def test_lists_that_must_part_share_no_word(one: str, first: str, other: str, second: str) -> None:
    both = set(word_lists(one)[first]) & set(word_lists(other)[second])
    assert not both, f"{sorted(both)} in both {one} [{first}] and {other} [{second}]"


def test_a_word_listed_twice_is_found() -> None:
    assert twice(["summit", "talks", "summit"]) == ["summit"]
    assert twice(["summit", "talks"]) == []
