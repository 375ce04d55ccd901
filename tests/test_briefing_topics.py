"""Topics: the article's key noun phrases, ranked by repetition, headline and position."""

from __future__ import annotations

import pytest

from bot.briefing import ArticleInput, brief_article, load_nlp

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
