"""References by office ("the Peruvian president", "Ghana's president", "the prime minister")
stand for the one person the article names with that office; names lose ranks ("Gen")."""

from __future__ import annotations

import pytest

from tests.briefing_helpers import brief_pairs, brief_text, party_names


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Peruvian President Dina Boluarte opened a mining fair in Lima on Monday. "
            "On Tuesday the Chilean foreign minister met the Peruvian president to discuss "
            "border crossings.",
            "Chile",
            "Dina Boluarte",
        ),
        (
            "Ghanaian President John Mahama toured a cocoa plant near Kumasi. "
            "A day later Nigeria's foreign minister held talks with Ghana's president in Accra.",
            "Nigeria",
            "John Mahama",
        ),
        (
            "Prime Minister Mark Carney spoke to reporters in Ottawa on Wednesday. "
            "On Friday the prime minister met Ontario Premier Doug Ford in Toronto.",
            "Mark Carney",
            "Doug Ford",
        ),
        (
            "Elena Marquez, the Spanish foreign minister, arrived in Rabat on Sunday. "
            "The Spanish foreign minister held talks with Moroccan officials and with "
            "Nasser Bourita on Monday.",
            "Elena Marquez",
            "Nasser Bourita",
        ),
        (
            "Shadow Chancellor Rachel Hughes attacked the budget. Chancellor Tom Hayes defended "
            "it, and later that day the chancellor met Andrew Bailey at the Treasury.",
            "Tom Hayes",
            "Andrew Bailey",
        ),
    ],
)
def test_office_reference_is_the_named_holder(text: str, a: str, b: str) -> None:
    assert frozenset((a, b)) in brief_pairs(brief_text(text))


def test_a_deputy_is_not_the_office_holder() -> None:
    text = (
        "Prime Minister Mark Carney and Deputy Prime Minister Anna Berg toured a factory. "
        "On Friday the prime minister met Ontario Premier Doug Ford in Toronto."
    )
    pairs = brief_pairs(brief_text(text))
    assert frozenset(("Mark Carney", "Doug Ford")) in pairs
    assert frozenset(("Anna Berg", "Doug Ford")) not in pairs


def test_two_holders_of_the_office_name_no_one() -> None:
    text = (
        "Foreign Minister Ana Costa of Brazil and Foreign Minister Luis Mora of Chile signed a "
        "fisheries accord on Monday. On Tuesday the foreign minister met Kristalina Georgieva "
        "in Washington."
    )
    pairs = brief_pairs(brief_text(text))
    names = {n for pair in pairs if "Kristalina Georgieva" in pair for n in pair}
    assert not names & {"Ana Costa", "Luis Mora"}


def test_a_holder_of_another_country_is_not_the_reference() -> None:
    text = (
        "President Claire Dubois of France opened a wine fair on Monday. "
        "On Tuesday the Italian president met Austrian Chancellor Olaf Berger in Vienna."
    )
    pairs = brief_pairs(brief_text(text))
    assert frozenset(("Italy", "Olaf Berger")) in pairs
    assert "Claire Dubois" not in party_names(brief_text(text))


def test_a_holder_of_unknown_country_is_not_taken_for_a_nationality() -> None:
    text = (
        "President Tomas Herrera opened the summit on Monday. "
        "On Tuesday the Colombian president met Ecuadorian President Daniel Noboa in Quito."
    )
    pairs = brief_pairs(brief_text(text))
    assert frozenset(("Colombia", "Daniel Noboa")) in pairs
    assert "Tomas Herrera" not in party_names(brief_text(text))


def test_an_office_never_named_stays_a_country() -> None:
    text = "The Polish prime minister met Lithuanian President Gitanas Nauseda in Vilnius."
    assert frozenset(("Poland", "Gitanas Nauseda")) in brief_pairs(brief_text(text))


def test_a_titled_apposition_beside_a_name_is_a_party() -> None:
    text = (
        "Prime Minister Anthony Albanese met Shigeru Ishiba and the Indonesian leader, "
        "Prabowo Subianto, in Jakarta on Monday."
    )
    pairs = brief_pairs(brief_text(text))
    assert frozenset(("Anthony Albanese", "Shigeru Ishiba")) in pairs
    assert frozenset(("Anthony Albanese", "Prabowo Subianto")) in pairs


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Gen Rafael Ortiz, the army chief, held talks with Colombian Defence Minister "
            "Pedro Sanchez in Bogota on Monday.",
            "Rafael Ortiz",
            "Pedro Sanchez",
        ),
        (
            "Lt Gen Omar Haddad arrived in Amman on Sunday. Gen Haddad met King Abdullah "
            "on Monday.",
            "Omar Haddad",
            "Abdullah",
        ),
    ],
)
def test_a_rank_is_no_part_of_the_name(text: str, a: str, b: str) -> None:
    assert frozenset((a, b)) in brief_pairs(brief_text(text))
