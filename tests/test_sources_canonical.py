"""canonical_url: the links one article is reached by collapse to one key."""

from __future__ import annotations

import pytest

from bot.sources.canonical import canonical_url

SAME_ARTICLE = [
    (
        "https://www.ukrinform.net/rubric-defense/3960000-umerov.html",
        [
            "https://ukrinform.net/rubric-defense/3960000-umerov.html",
            "https://WWW.Ukrinform.NET/rubric-defense/3960000-umerov.html#comments",
            "https://www.ukrinform.net/rubric-defense/3960000-umerov.html?utm_source=rss"
            "&utm_medium=feed&fbclid=IwAR0x",
            "https://www.ukrinform.net:443/rubric-defense/3960000-umerov.html?gclid=abc",
            "https://www.ukrinform.net/rubric-defense/3960000-umerov.amp.html",
            "https://amp.ukrinform.net/rubric-defense/3960000-umerov.html?amp=1",
            "https://www-ukrinform-net.cdn.ampproject.org/c/s/www.ukrinform.net"
            "/rubric-defense/3960000-umerov.html",
        ],
    ),
    (
        "https://example.com/news/story",
        [
            "https://example.com/news/story/",
            "https://example.com/news/story/amp/",
            "https://example.com/news/story/amp",
            "https://example.com/news/story?outputType=amp",
            "https://www.google.com/amp/s/example.com/news/story/amp",
            "  https://example.com/news/story  ",
        ],
    ),
]


@pytest.mark.parametrize(("reference", "variants"), SAME_ARTICLE)
def test_variants_of_one_article_share_a_key(reference: str, variants: list[str]) -> None:
    key = canonical_url(reference)
    assert {canonical_url(v) for v in variants} == {key}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.com/article?id=1", "https://example.com/article?id=2"),
        ("https://example.com/a/1", "https://example.com/a/2"),
        ("https://news.example.com/a", "https://sport.example.com/a"),
        ("https://example.com/a", "https://example.org/a"),
        ("https://example.com/Story", "https://example.com/story"),
        ("https://example.com/amp-stories/x", "https://example.com/stories/x"),
    ],
)
def test_different_articles_keep_different_keys(first: str, second: str) -> None:
    assert canonical_url(first) != canonical_url(second)


def test_query_is_sorted_and_kept() -> None:
    assert canonical_url("https://Example.com/search/?q=a+b&page=2") == (
        "https://example.com/search?page=2&q=a+b"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/a/b/?utm_source=x&id=3#frag",
        "https://example.com/news/story.amp.html?amp=1",
        "http://EXAMPLE.com:80/",
        "https://example.com/a%20b?x=%2F",
    ],
)
def test_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@pytest.mark.parametrize("url", ["mailto:desk@example.com", "not a url", "", "https://"])
def test_non_web_input_is_returned_stripped(url: str) -> None:
    assert canonical_url(f" {url} ") == url
