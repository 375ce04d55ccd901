"""Party names: a title word that opens an organisation's name stays in it ("General Motors",
"National Audit Office"); before a person's name it is a title and is cut ("Finance Minister
Chu Okongwu" is Chu Okongwu). "The government" alone is the one country the story names with
a government."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from bot.briefing import load_nlp
from bot.briefing.entities import PERSON, find_mentions, is_event, names_gathering
from tests.briefing_helpers import brief_pairs, brief_text


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "General Motors and Toyota signed an agreement in Detroit on Monday to share "
            "battery technology.",
            "General Motors",
        ),
        (
            "The National Audit Office criticised the scheme in a report published on Thursday.",
            "National Audit Office",
        ),
        ("The claim was first reported by the New York Times on Sunday.", "New York Times"),
        (
            "The pension fund sold its stake to Chancellor Capital Management last year.",
            "Chancellor Capital Management",
        ),
        (
            "The Federal Reserve Board held talks with the State Department on Tuesday about "
            "sanctions.",
            "State Department",
        ),
    ],
)
def test_title_word_opening_an_organisation_stays_in_its_name(text: str, org: str) -> None:
    brief = brief_text(text)
    assert org in brief.entities.organizations
    # The rest of the name is neither a person nor a shorter organisation.
    rest = org.split(" ", 1)[1]
    assert rest not in brief.entities.people
    assert rest not in brief.entities.organizations


def test_organisations_named_in_full_meet() -> None:
    brief = brief_text(
        "The Federal Reserve Board held talks with the State Department on Tuesday about "
        "sanctions. General Motors and Toyota signed an agreement in Detroit on Monday."
    )
    assert frozenset(("Federal Reserve Board", "State Department")) in brief_pairs(brief)
    assert frozenset(("General Motors", "Toyota")) in brief_pairs(brief)


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Finance Minister Chu Okongwu met IMF officials in Lagos on Tuesday.",
            "Chu Okongwu",
            "IMF",
        ),
        (
            "Secretary of State Mike Pompeo met Foreign Minister Sergei Lavrov in Sochi "
            "on Tuesday.",
            "Mike Pompeo",
            "Sergei Lavrov",
        ),
    ],
)
def test_title_before_a_person_is_still_cut(text: str, a: str, b: str) -> None:
    brief = brief_text(text)
    assert frozenset((a, b)) in brief_pairs(brief)
    assert a in brief.entities.people


def test_a_title_alone_names_no_organisation() -> None:
    brief = brief_text("The Secretary of State met the Trade and Industry Secretary on Monday.")
    assert brief.entities.organizations == []


def test_style_or_known_surname_after_a_title_inside_an_organisation_is_a_person() -> None:
    nlp = load_nlp()
    # The model sometimes tags a titled person as one organisation; the title is still cut.
    doc = nlp(
        "Mr Balls met union leaders on Monday. Later Finance Minister Chu Okongwu met them. "
        "Ed Balls and Chu Okongwu said the talks went well."
    )
    ents = [Span(doc, 0, 2, "ORG"), Span(doc, 9, 13, "ORG")]
    ents += [e for e in doc.ents if e.label_ == "PERSON" and e.start > 13]
    doc.ents = ents
    people = {m.name for m in find_mentions(doc).items if m.kind == PERSON}
    assert {"Ed Balls", "Chu Okongwu"} <= people


@pytest.mark.parametrize(
    ("text", "country", "other"),
    [
        (
            "The Kenyan government wants the port of Mombasa upgraded before the election. "
            "On Monday the government held talks with DP World in Nairobi about a new concession.",
            "Kenya",
            "DP World",
        ),
        (
            "The Peruvian administration has promised cheaper power. Last week the "
            "administration signed an agreement with Enel to build two solar plants.",
            "Peru",
            "Enel",
        ),
        (
            "Indonesia's government ordered the tanker seized on Sunday. The authorities met "
            "Shell executives in Jakarta on Tuesday to discuss the spill.",
            "Indonesia",
            "Shell",
        ),
    ],
)
def test_the_government_is_the_country_named_with_one(text: str, country: str, other: str) -> None:
    assert frozenset((country, other)) in brief_pairs(brief_text(text))


@pytest.mark.parametrize(
    "text",
    [
        # Two countries named with a government: which one "the government" is stays unclear.
        "The Kenyan government and the Tanzanian government disagree over the port. On Monday "
        "the government held talks with DP World in Nairobi about a new concession.",
        # A country named only as a place says nothing about whose government it is.
        "Port workers in Kenya went on strike last week. On Monday the government held talks "
        "with DP World in Nairobi about a new concession.",
    ],
)
def test_the_government_stays_unnamed_when_unclear(text: str) -> None:
    assert brief_pairs(brief_text(text)) == set()


def test_a_government_named_by_its_country_is_that_country() -> None:
    brief = brief_text(
        "The Greek government met Fraport executives in Athens on Thursday to discuss the "
        "airport lease."
    )
    assert frozenset(("Greece", "Fraport")) in brief_pairs(brief)


def test_bodies_named_after_what_they_are_for_stay_organisations() -> None:
    """ "Assembly of Experts", "Conference on Disarmament" are bodies, unlike a summit."""
    for body in ("Assembly of First Nations", "Conference on Disarmament", "Congress of Deputies"):
        assert not is_event(body), body
    assert names_gathering("International Conference on Coastal Resilience")
    assert not names_gathering("Bank of England")
