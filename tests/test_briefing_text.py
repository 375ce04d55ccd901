"""Plain-text input: junk lines out, title found, and bad input handled without a crash."""

from __future__ import annotations

import pytest

from bot.briefing import (
    ArticleError,
    ArticleInput,
    article_from_text,
    brief_article,
    brief_documents,
)
from bot.briefing.scraped_text import clean_text, is_junk_line

SCRAPED = """ylliX - Online Advertising Network
https://ads.example.net/4/123
news

Dutch and Belgian ministers agree on joint navy patrols in the North Sea


Dutch Defence Minister Ruben Brekelmans met Belgian Defence Minister Ludivine Dedonder in Brussels.

Read also: Brekelmans visits naval base in Den Helder

The ministers discussed joint patrols of undersea cables and pipelines.

2024-03-12 09:30:00 ,

Related Articles

Leave a Reply

Your email address will not be published. Required fields are marked *

Back to top button
"""


@pytest.mark.parametrize(
    "line",
    [
        "ylliX - Online Advertising Network",
        "https://poawooptugroo.com/4/8794355",
        "Related Articles",
        "Leave a Reply",
        "Read also: Umerov, Finnish defense minister discuss defense cooperation in Munich",
        "Back to top button",
        "Your email address will not be published. Required fields are marked *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "2025-02-15 13:56:00 ,",
    ],
)
def test_junk_lines(line: str) -> None:
    assert is_junk_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The parties discussed the maintenance of equipment.",
        "Related talks in Geneva ended without agreement.",
        "Back in 2019, the two countries signed a treaty.",
    ],
)
def test_prose_is_kept(line: str) -> None:
    assert not is_junk_line(line)


def test_article_from_text_finds_title_date_and_body() -> None:
    article = article_from_text(SCRAPED)
    assert (
        article.title == "Dutch and Belgian ministers agree on joint navy patrols in the North Sea"
    )
    assert article.published == "2024-03-12"
    assert article.text.startswith("Dutch Defence Minister Ruben Brekelmans met")
    for junk in ("Advertising", "https://", "Read also", "Leave a Reply", "Back to top", "email"):
        assert junk not in article.text


def test_tail_furniture_is_cut() -> None:
    text = clean_text(
        "A real sentence about trade talks.\nLeave a Reply\nSome comment by a reader."
    )
    assert text == "A real sentence about trade talks."


@pytest.mark.parametrize("raw", ["", "   \n\t \n"])
def test_empty_input_is_an_article_error(raw: str) -> None:
    with pytest.raises(ArticleError, match="empty"):
        article_from_text(raw)


def test_binary_junk_is_an_article_error() -> None:
    raw = bytes(range(256)).decode("latin-1") * 40
    with pytest.raises(ArticleError, match="binary"):
        article_from_text(raw)


def test_text_without_entities_gives_an_empty_brief() -> None:
    brief = brief_article(ArticleInput(text="it was a quiet day and nothing much happened at all."))
    assert brief.meetings == []
    assert brief.published is None
    assert 1 <= len(brief.bullets) <= 5


def test_other_language_does_not_crash() -> None:
    text = (
        "Le président Emmanuel Macron a rencontré le chancelier Olaf Scholz à Berlin mardi. "
        "Les deux dirigeants ont évoqué la guerre en Ukraine et la politique industrielle."
    )
    brief = brief_article(ArticleInput(text=text, title="Macron et Scholz à Berlin"))
    assert brief.title == "Macron et Scholz à Berlin"
    assert all(len(b) <= 300 for b in brief.bullets)


def test_huge_text_is_cut_to_the_model_limit() -> None:
    para = "The committee reviewed the annual budget of the regional water authority. "
    brief = brief_article(ArticleInput(text=para * 3000))
    assert len(brief.text) <= 100_000


def test_batch_keeps_input_order() -> None:
    texts = [
        f"Report number {i} about the harbour of Rotterdam and its cargo volumes." for i in range(5)
    ]
    briefs = list(
        brief_documents(
            (ArticleInput(text=t, title=f"t{i}") for i, t in enumerate(texts)), batch_size=2
        )
    )
    assert [b.title for b in briefs] == [f"t{i}" for i in range(5)]
