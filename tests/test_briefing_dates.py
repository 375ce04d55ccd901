"""Publication dates: feed date first, page evidence next, None when unknown; meeting days."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.briefing import ArticleInput, brief_article
from bot.briefing.dates import (
    date_in_lines,
    date_in_url,
    first_date,
    published_date,
    resolve_day,
    to_iso,
)
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


def _page(head: str = "", body: str = "", title: str = "Dock strike ends") -> str:
    """A small article page with the given head and body markup."""
    return (
        f"<html><head><title>{title} | Harbour News</title>{head}</head>"
        f"<body><article>{body}<p>Dock workers went back to work after a week on strike at the "
        "port, the union said, ending a dispute over pay and shift patterns.</p></article>"
        "</body></html>"
    )


def _meta(prop: str, value: str) -> str:
    """A meta tag with a property and its content."""
    return f'<meta property="{prop}" content="{value}">'


def _jsonld(**fields: object) -> str:
    """A JSON-LD NewsArticle block with the given fields."""
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_published_time_is_read_in_its_own_offset() -> None:
    # 23:30 in New York is already the next day in UTC; the page was published on the 7th.
    html = _page(_meta("article:published_time", "2020-06-07T23:30:00-04:00"))
    assert page_date(html, "https://news.example.org/dock-strike") == "2020-06-07"


def test_local_stamp_wins_over_the_same_moment_in_utc() -> None:
    head = _meta("article:published_time", "2023-11-09T02:11:03+00:00") + _jsonld(
        datePublished="2023-11-08T21:11:03-05:00"
    )
    assert page_date(_page(head), "https://news.example.org/dock-strike") == "2023-11-08"


def test_jsonld_date_written_out_with_a_zone_name() -> None:
    html = _page(_jsonld(datePublished="Tue, Sep 15 2020 10:01:41 EDT"))
    assert page_date(html, "https://news.example.org/dock-strike") == "2020-09-15"


def test_embedded_video_date_is_not_the_article_date() -> None:
    video = {"@type": "VideoObject", "datePublished": "2019-02-01T10:00:00Z"}
    head = _jsonld(video=video, datePublished="2020-03-04T10:00:00Z")
    assert page_date(_page(head), "https://news.example.org/dock-strike") == "2020-03-04"


def test_url_date_wins_over_a_conflicting_modified_date() -> None:
    html = _page(_meta("article:modified_time", "2020-09-01T08:00:00+02:00"))
    url = "https://news.example.org/2020/07/08/dock-strike.html"
    assert page_date(html, url) == "2020-07-08"


def test_byline_date_backed_by_metadata_wins_over_url() -> None:
    # The URL keeps the day the story was started; the page says (and its metadata agrees) that
    # what readers see is the update of the 14th.
    head = _meta("article:published_time", "2021-03-08T11:15:28Z") + _meta(
        "article:modified_time", "2021-03-14T20:10:50Z"
    )
    body = "<h1>Dock strike ends</h1><p>By Ann Reporter, updated March 14, 2021</p>"
    url = "https://news.example.org/2021/03/08/dock-strike/index.html"
    assert page_date(_page(head, body), url) == "2021-03-14"


def test_unbacked_date_after_headline_is_not_trusted() -> None:
    # A photo caption's date right under the headline, in no element marked as a date.
    head = _meta("article:published_time", "2020-01-13T13:37:49+00:00")
    body = "<h1>Dock strike ends</h1><p>FILE PHOTO: Cranes at the port, March 5, 2019.</p>"
    assert page_date(_page(head, body), "https://news.example.org/dock-strike") == "2020-01-13"


def test_date_marked_as_such_needs_no_metadata() -> None:
    body = '<h1>Dock strike ends</h1><div class="post-date">24. Januar 2022</div>'
    assert page_date(_page(body=body), "https://news.example.org/dock-strike") == "2022-01-24"


def test_marked_dateline_above_the_headline() -> None:
    head = _meta("article:published_time", "2020-01-20T09:49:32+0000")
    body = (
        '<div class="ArticleHeader_date">January 19, 2020 / 12:25 PM / Updated 8 hours ago</div>'
        "<h1>Dock strike ends</h1>"
    )
    assert page_date(_page(head, body), "https://news.example.org/dock-strike") == "2020-01-19"


def test_timed_date_under_the_headline_when_the_page_says_nothing_else() -> None:
    # The masthead shows today's date; the story's own line under the headline has a clock time.
    body = (
        "<p>Tue, 14 Jan 2020</p><h1>Dock strike ends</h1>"
        "<p>News24<br>13 Jan 2020, 22:11 GMT+10</p>"
    )
    assert page_date(_page(body=body), "https://news.example.org/dock-strike") == "2020-01-13"


def test_metadata_wins_over_a_timed_date_it_does_not_back() -> None:
    head = _meta("article:published_time", "2020-01-15T06:00:00+10:00")
    body = "<h1>Dock strike ends</h1><p>From the archive<br>13 Jan 2020, 22:11</p>"
    assert page_date(_page(head, body), "https://news.example.org/dock-strike") == "2020-01-15"


def test_wiki_revision_is_dated_by_the_revision() -> None:
    head = _jsonld(
        datePublished="2005-07-26T16:22:26-07:00", dateModified="2020-04-07T12:33:32-07:00"
    )
    url = "https://wiki.example.org/index.php?title=Dock_strike&diff=591343&oldid=588001"
    assert page_date(_page(head), url) == "2020-04-07"
    assert page_date(_page(head), "https://wiki.example.org/Dock_strike") == "2005-07-26"


def test_placeholder_creation_year_gives_way_to_a_real_day() -> None:
    # A recipe page's catalogue puts every creation on 1 January of its import year.
    head = (
        '<meta itemprop="dateCreated" content="01/01/2004">'
        '<meta itemprop="dateModified" content="06/13/2019">'
    )
    assert page_date(_page(head), "https://recipes.example.org/pineapple-cake") == "2019-06-13"


@pytest.mark.parametrize("day", ["2999-01-05T10:00:00Z", "1985-06-01T10:00:00Z"])
def test_future_and_ancient_dates_are_rejected(day: str) -> None:
    html = _page(_meta("article:published_time", day))
    assert page_date(html, "https://news.example.org/dock-strike") is None


def test_copyright_year_is_no_publication_day() -> None:
    html = _page(body="<footer>© 2016 Harbour News. All rights reserved.</footer>")
    assert page_date(html, "https://news.example.org/dock-strike") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Ann Reporter | Updated Mar 12, 2020 @ 10:42 am", date(2020, 3, 12)),
        ("Wednesday, 08 Apr 2020 11:39 PM MYT, a photo from August 6, 2017", date(2020, 4, 8)),
        ("2020/12/25 - 1:59", date(2020, 12, 25)),
        ("Stand: 24.01.2022, 10:40 Uhr", date(2022, 1, 24)),
        ("Domenica 06 Dicembre 2020 | 00:36", date(2020, 12, 6)),
        ("publicado el 6 de diciembre de 2020", date(2020, 12, 6)),
        ("1er mars 2021", date(2021, 3, 1)),
        ("Opinion mardi 10.12.19", date(2019, 12, 10)),
        ("release 1.10.12.19 notes", None),
        ("the Mars 2020 rover", None),
        ("no date here", None),
    ],
)
def test_first_date(text: str, expected: date | None) -> None:
    assert first_date(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/politics/2020/07/08/some-story.html", "2020-07-08"),
        ("https://example.com/news/story-20191118-abc", "2019-11-18"),
        ("https://example.com/news/12345", None),
        ("https://twitter.com/Reuters/status/1281836879789404160/photo/1", "2020-07-11"),
        ("https://x.com/nasa/status/1600000000000000000", "2022-12-06"),
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
        ("last Thursday", date(2024, 5, 2)),
        ("last Tuesday", date(2024, 5, 7)),
        ("yesterday", date(2024, 5, 9)),
        ("last night", date(2024, 5, 9)),
        ("today", date(2024, 5, 10)),
        ("March 2", date(2024, 3, 2)),
        ("December 20", date(2023, 12, 20)),
        # Days soon to come are announced events, not the past.
        ("May 29", None),
        ("the July 4-6 summit", None),
        ("last year", None),
    ],
)
def test_resolve_day_against_publication(expression: str, expected: date | None) -> None:
    assert resolve_day(expression, date(2024, 5, 10)) == expected  # a Friday


def test_relative_day_without_publication_is_unknown() -> None:
    assert resolve_day("on Tuesday", None) is None
