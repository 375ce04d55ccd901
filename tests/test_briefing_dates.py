"""Publication dates: feed date first, page evidence next, None when unknown; meeting days."""

from __future__ import annotations

from datetime import date

import pytest

from bot.briefing import ArticleInput, brief_article
from bot.briefing.dates import date_in_lines, date_in_url, published_date, resolve_day, to_iso
from bot.briefing.pagedates import page_date

PAGE = """<html><head><title>Port strike ends</title>
<meta property="article:published_time" content="2023-06-14T08:15:00+00:00"></head>
<body><article><h1>Port strike ends</h1><p>Dock workers returned to work on Wednesday.</p>
</article></body></html>"""


def test_feed_date_wins_over_page_and_url() -> None:
    article = ArticleInput(
        text="Dock workers returned to work on Wednesday after a week-long strike at the port.",
        url="https://news.example.org/2020/01/02/port-strike",
        published="Thu, 15 Jun 2023 10:00:00 +0000",
        html=PAGE,
    )
    assert brief_article(article).published == "2023-06-15"


def test_page_metadata_when_no_feed_date() -> None:
    assert page_date(PAGE, "https://news.example.org/port-strike") == "2023-06-14"


def test_no_evidence_gives_none_never_today() -> None:
    html = "<html><body><article><p>Undated notes about the harbour.</p></article></body></html>"
    assert page_date(html, "https://example.org/notes") is None
    brief = brief_article(ArticleInput(text="Undated notes about the harbour and its cranes."))
    assert brief.published is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/politics/2020/07/08/some-story.html", "2020-07-08"),
        ("https://example.com/news/story-20191118-abc", "2019-11-18"),
        ("https://example.com/news/12345", None),
        (None, None),
    ],
)
def test_date_in_url(url: str | None, expected: str | None) -> None:
    assert date_in_url(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-15 13:56:00", "2025-02-15"),
        ("Sat, 15 Feb 2025 13:56:00 +0200", "2025-02-15"),
        ("February 15, 2025", "2025-02-15"),
        ("15 February 2025", "2025-02-15"),
        ("February 15", None),
        ("not a date", None),
        (None, None),
    ],
)
def test_to_iso(value: str | None, expected: str | None) -> None:
    assert to_iso(value) == expected


def test_published_date_order() -> None:
    assert (
        published_date(feed=None, page="2023-01-02", url="https://x.org/2022/05/06/a")
        == "2023-01-02"
    )
    assert published_date(url="https://x.org/2022/05/06/a", text_stamp="2021-01-01") == "2022-05-06"
    assert published_date() is None


def test_date_stamp_lines() -> None:
    assert (
        date_in_lines(["Some headline", "Published: March 3, 2024", "Body text."]) == "2024-03-03"
    )
    assert date_in_lines(["No stamp here at all."]) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Tuesday", date(2024, 5, 7)),
        ("Friday", date(2024, 5, 10)),
        ("last Friday", date(2024, 5, 3)),
        ("yesterday", date(2024, 5, 9)),
        ("today", date(2024, 5, 10)),
        ("March 2", date(2024, 3, 2)),
        ("December 20", date(2023, 12, 20)),
        ("last year", None),
    ],
)
def test_resolve_day_against_publication(expression: str, expected: date | None) -> None:
    assert resolve_day(expression, date(2024, 5, 10)) == expected  # a Friday


def test_relative_day_without_publication_is_unknown() -> None:
    assert resolve_day("on Tuesday", None) is None
