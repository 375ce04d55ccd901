"""Topics: the article's key noun phrases, ranked by repetition, headline and position."""

from __future__ import annotations

import pytest

from bot.briefing import ArticleInput, brief_article, load_nlp
from bot.briefing.text import headline_for_parser
from bot.briefing.topics import headline_phrases

_TEXT = (
    "Zambia reached a deal with its bondholders on debt rescheduling on Thursday, the finance "
    "ministry said. Prime Minister officials said the debt rescheduling covers three billion "
    "dollars of Eurobonds. The copper exports that pay for the bonds rose last year. "
    "The ministry said copper exports would be taxed less, and that the debt rescheduling "
    "would free money for schools."
)


@pytest.fixture(scope="module")
def topics() -> list[str]:
    load_nlp()
    return brief_article(
        ArticleInput(text=_TEXT, title="Zambia agrees debt rescheduling", published="2024-05-10")
    ).topics


def test_repeated_headline_phrase_leads(topics: list[str]) -> None:
    assert topics[0].lower() == "debt rescheduling"
    assert any("copper exports" in t.lower() for t in topics)


def test_topics_are_short_phrases_without_bare_titles(topics: list[str]) -> None:
    assert 1 <= len(topics) <= 6
    assert all(2 <= len(t.split()) <= 6 for t in topics)
    assert "prime minister" not in [t.lower() for t in topics]


def test_headline_subject_is_a_topic_though_the_body_words_it_differently() -> None:
    text = (
        "Dairy farmers blocked three distribution depots on Monday in protest at what they "
        "called unsustainable payments from supermarkets. The National Farmers Union said "
        "processors had cut what they pay for a litre by two pence since April. Farmers said "
        "they would keep the blockades going until the processors reversed the reductions."
    )
    topics = brief_article(
        ArticleInput(
            text=text, title="Farmers protest over 'milk price cuts'", published="2005-06-06"
        )
    ).topics
    assert "milk price cuts" in topics


def test_headline_phrases_name_subjects_not_people_or_counts() -> None:
    nlp = load_nlp()
    phrases = headline_phrases(
        nlp("California lawyer Michael Avenatti to send abortion bill to Congress within 10 days")
    )
    assert phrases == ["abortion bill"]


def test_capital_letter_headline_takes_the_body_casing() -> None:
    body = "Talks in London on coffee quotas collapsed, the U.S. delegate said. London dealers..."
    assert (
        headline_for_parser("U.S. SAYS LONDON COFFEE TALKS COLLAPSE", body)
        == "U.S. says London coffee talks collapse"
    )
    assert headline_for_parser("Blair backs 'pre-election budget'", "") == (
        "Blair backs pre-election budget"
    )
