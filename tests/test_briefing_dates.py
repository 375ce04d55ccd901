"""Publication dates: feed date first, page evidence next, None when unknown; meeting days."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.briefing import ArticleInput, brief_article
from bot.briefing.datelocales import DAY_FIRST, MONTH_FIRST, day_order, words_order
from bot.briefing.dates import (
    date_from_parts,
    date_in_lines,
    date_in_url,
    first_date,
    first_date_hit,
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


def _page(head: str = "", body: str = "", title: str = "Dock strike ends", lang: str = "") -> str:
    """A small article page with the given head and body markup (and <html lang>)."""
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f"<html{lang_attr}><head><title>{title} | Harbour News</title>{head}</head>"
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
        ("配信日：２０２４年３月５日（火）", date(2024, 3, 5)),
        ("٢٠٢٤/٠٣/٠٥", date(2024, 3, 5)),
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


# --- The page's own clock: "tomorrow" only with evidence that it is ahead of UTC.


def test_late_evening_local_stamp_is_that_day() -> None:
    # 23:17 in New York, which the UTC stamp written first puts on the next day.
    head = _meta("article:published_time", "2024-03-06T04:17:00Z") + _meta(
        "article:modified_time", "2024-03-05T23:17:00-05:00"
    )
    assert page_date(_page(head), "https://news.example.com/dock-strike") == "2024-03-05"


def test_late_evening_stamp_at_zero_offset_is_that_day() -> None:
    head = _jsonld(datePublished="2024-01-16T23:17:00+00:00")
    assert page_date(_page(head), "https://www.example.co.uk/dock-strike") == "2024-01-16"


def test_utc_afternoon_stamp_on_a_page_of_no_known_clock_is_that_day() -> None:
    # 13:23 UTC could be the next day only east of UTC+10:37, and nothing says the site is there;
    # the masthead's date after the headline, unmarked, is tomorrow's.
    head = _meta("article:published_time", "2024-03-05T13:23:00Z")
    body = "<h1>Dock strike ends</h1><p>Wednesday, March 6, 2024 10:05</p>"
    assert page_date(_page(head, body), "https://news.example.com/dock-strike") == "2024-03-05"


def test_utc_stamp_is_read_on_the_site_zone() -> None:
    # 16:23 UTC is 01:23 the next morning in Tokyo; 00:23 UTC is the evening before in Toronto.
    tokyo = _page(_jsonld(datePublished="2024-03-05T16:23:00Z"))
    assert page_date(tokyo, "https://www.example.co.jp/news/dock-strike") == "2024-03-06"
    toronto = _page(_jsonld(datePublished="2020-08-25T00:23:33.312Z"))
    assert page_date(toronto, "https://ici.example.ca/nouvelle/1728875") == "2020-08-24"


def test_utc_labels_that_disagree_are_read_as_written() -> None:
    # Two "UTC" stamps ten hours apart: one is the local time labelled Z, so neither moves.
    head = _meta("article:published_time", "2020-04-24T21:25:06+00:00") + _jsonld(
        datePublished="2020-04-25T07:25:06Z"
    )
    assert page_date(_page(head), "https://www.example.com.au/news/dock-strike") == "2020-04-24"


def test_tomorrow_needs_a_clock_ahead_of_utc() -> None:
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    naive = _page(_meta("article:published_time", f"{tomorrow.isoformat()}T00:30:00"))
    assert page_date(naive, "https://news.example.com/dock-strike") != tomorrow.isoformat()
    # A stamp of this very moment on a clock 14 hours ahead is accepted, whatever its day.
    now_east = datetime.now(timezone(timedelta(hours=14))).replace(microsecond=0)
    east = _page(_meta("article:published_time", now_east.isoformat()))
    expected = now_east.date().isoformat()
    assert page_date(east, "https://news.example.com/dock-strike") == expected


# --- Numeric dates read in the page's locale.


@pytest.mark.parametrize(
    ("lang", "url", "expected"),
    [
        ("en-GB", "https://news.example.com/dock-strike", "2024-03-05"),
        ("en", "https://www.example.co.uk/dock-strike", "2024-03-05"),
        ("fr", "https://news.example.com/greve-des-dockers", "2024-03-05"),
        ("es", "https://news.example.com/huelga-portuaria", "2024-03-05"),
        ("en-US", "https://news.example.com/dock-strike", "2024-05-03"),
        ("", "https://news.example.us/dock-strike", "2024-05-03"),
    ],
)
def test_slashed_date_is_read_in_the_page_locale(lang: str, url: str, expected: str) -> None:
    body = '<h1>Dock strike ends</h1><span class="date">05/03/2024 09:40</span>'
    assert page_date(_page(body=body, lang=lang), url) == expected


def test_og_locale_says_which_english() -> None:
    head = '<meta property="og:locale" content="en_US">'
    body = '<h1>Dock strike ends</h1><span class="date">05/03/2024</span>'
    assert page_date(_page(head, body, lang="en"), "https://news.example.com/a") == "2024-05-03"


@pytest.mark.parametrize("lang", ["de", "pl", "ru", "tr", "en-US"])
def test_dotted_date_is_day_first_in_every_language(lang: str) -> None:
    body = '<h1>Dock strike ends</h1><div class="meta">Stand: 05.03.2024, 10:40</div>'
    assert page_date(_page(body=body, lang=lang), "https://news.example.com/a") == "2024-03-05"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("ar", "نشر في ٠٥/٠٣/٢٠٢٤ - ١٤:٢٢"),
        ("fa", "تاریخ انتشار: ۰۵-۰۳-۲۰۲۴"),
        ("hi", "प्रकाशित: ०५/०३/२०२४ 02:22 PM"),
        ("bn", "প্রকাশিত: ০৫.০৩.২০২৪"),
    ],
)
def test_digits_of_other_scripts_are_read_day_first(lang: str, line: str) -> None:
    # The page's own digits, in the order its language writes dates: 5 March, not May 3.
    body = f'<h1>Dock strike ends</h1><span class="date">{line}</span>'
    assert page_date(_page(body=body, lang=lang), "https://news.example.com/a") == "2024-03-05"


def test_undecided_slashed_byline_leaves_the_day_to_the_metadata() -> None:
    # English on a .com: 05/03/2024 may be either day, so the page's stamp decides.
    head = _jsonld(datePublished="2024-05-03T09:40:00-04:00")
    body = '<h1>Dock strike ends</h1><span class="date">05/03/2024</span>'
    assert page_date(_page(head, body, lang="en"), "https://news.example.com/a") == "2024-05-03"


def test_slashed_date_of_a_related_story_does_not_beat_the_url() -> None:
    body = (
        '<h1>Dock strike ends</h1><a href="/other"><h3>Crane collapses</h3>'
        '<time class="thumb-time">16/06/2020</time></a>'
    )
    url = "https://www.example.com.br/carros/2020/06/23/dock-strike.htm"
    assert page_date(_page(body=body, lang="pt-br"), url) == "2020-06-23"


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("05/03/2024", DAY_FIRST, date(2024, 3, 5)),
        ("05/03/2024", MONTH_FIRST, date(2024, 5, 3)),
        ("05/03/2024", None, None),
        ("25/03/2024", None, date(2024, 3, 25)),
        ("03/25/2024", DAY_FIRST, date(2024, 3, 25)),
        ("07-07-2024", None, date(2024, 7, 7)),
        ("version 1/2/2024/5", DAY_FIRST, None),
    ],
)
def test_numeric_year_last(text: str, order: str | None, expected: date | None) -> None:
    assert first_date(text, order) == expected


def test_numeric_hit_is_flagged() -> None:
    assert first_date_hit("Posted 05/03/2024", DAY_FIRST) == (date(2024, 3, 5), True)
    assert first_date_hit("Posted 5 March 2024", DAY_FIRST) == (date(2024, 3, 5), False)


@pytest.mark.parametrize(
    ("tags", "country", "expected"),
    [
        (["en-gb"], None, DAY_FIRST),
        (["en"], "uk", DAY_FIRST),
        (["en"], None, None),
        (["en-us"], "uk", MONTH_FIRST),
        (["en"], "ca", None),
        ([], "de", DAY_FIRST),
        (["tr"], None, DAY_FIRST),
        ([], None, None),
    ],
)
def test_day_order_table(tags: list[str], country: str | None, expected: str | None) -> None:
    assert day_order(tags, country) == expected


# --- CJK and Korean dates, and print editions.


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("ja", "2024年3月5日 10時30分 配信", "2024-03-05"),
        ("zh-CN", "发布时间：2023年12月28日 08:15", "2023-12-28"),
        ("ko", "입력 2024년 3월 5일 오후 2:22", "2024-03-05"),
        ("ko", "기사입력 2024. 3. 5. 오후 2:22", "2024-03-05"),
    ],
)
def test_cjk_date_under_the_headline(lang: str, line: str, expected: str) -> None:
    body = f'<h1>Dock strike ends</h1><p class="info">{line}</p>'
    assert page_date(_page(body=body, lang=lang), "https://news.example.com/a") == expected


def test_structured_stamp_wins_over_a_print_edition_date() -> None:
    head = _jsonld(datePublished="2024-03-04T18:10:00+01:00")
    body = '<h1>Dock strike ends</h1><div class="date">Printausgabe vom 5. März 2024</div>'
    assert page_date(_page(head, body, lang="de"), "https://www.example.de/a") == "2024-03-04"


def test_time_in_the_article_header_is_a_publication_stamp() -> None:
    body = (
        '<header><h1>Dock strike ends</h1><time datetime="2024-03-04T18:10:00+01:00">gestern'
        '</time><div class="date">Printausgabe vom 5. März 2024</div></header>'
    )
    assert page_date(_page(body=body, lang="de"), "https://www.example.de/a") == "2024-03-04"


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("ko", "기사입력 2024년 3월 5일 오후 2:22", "2024-03-05"),
        ("ja", "掲載日：2023年11月8日", "2023-11-08"),
    ],
)
def test_cued_cjk_date_far_from_the_headline(lang: str, line: str, expected: str) -> None:
    # No h1 or h2 to look under, and a date htmldate does not read: the cue word finds it.
    html = (
        f'<html lang="{lang}"><head><title>항만 파업 종료</title></head><body>'
        '<div class="nav">뉴스 | 정치 | 경제</div><h3>항만 파업 종료</h3>'
        "<p>부두 노동자들이 일주일 만에 업무에 복귀했다고 노조가 밝혔다.</p>"
        f'<div class="foot"><span>{line}</span></div></body></html>'
    )
    assert page_date(html, "https://news.example.com/a/123") == expected


def test_cue_word_without_a_date_gives_none() -> None:
    html = '<html lang="ko"><body><h3>공지</h3><p>입력 대기 중입니다.</p></body></html>'
    assert page_date(html, "https://news.example.com/a/124") is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Grève des dockers : le port reprend le travail après une semaine", "2024-03-05"),
        ("Забастовка докеров закончилась", "2024-03-05"),
    ],
)
def test_words_of_a_page_with_no_language_decide(title: str, expected: str) -> None:
    # No <html lang> and a .com: the title's language says the day comes first.
    body = '<h1>Dock strike ends</h1><span class="date">05/03/2024</span>'
    html = _page(body=body, title=title)
    assert page_date(html, "https://news.example.com/greve") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Streik im Hafen ist nach einer Woche zu Ende, und die Arbeit läuft", DAY_FIRST),
        ("Забастовка докеров закончилась", DAY_FIRST),
        ("港湾ストライキが終了", DAY_FIRST),
        ("The dock strike ends after a week of talks", None),
        ("Dock strike ends", None),
    ],
)
def test_words_order(text: str, expected: str | None) -> None:
    assert words_order(text) == expected


def test_structured_stamp_outranks_a_generic_date_meta() -> None:
    # The generic "date" is the next morning's print edition; JSON-LD dates the online story.
    head = '<meta name="date" content="2024-03-06">' + _jsonld(
        datePublished="2024-03-05T17:40:00+01:00"
    )
    assert page_date(_page(head, lang="de"), "https://www.example.de/a") == "2024-03-05"


@pytest.mark.parametrize(
    "stamp",
    ["0001-01-01T00:00:00Z", "9999-12-31T23:59:00Z", "Fri, 31 Dec 9999 23:59:00 +0000"],
)
@pytest.mark.parametrize("host", ["news.example.ca", "news.example.jp", "news.example.com"])
def test_placeholder_moments_are_no_date_and_no_crash(stamp: str, host: str) -> None:
    # Moving year 1 or 9999 onto another clock would overflow; such a stamp dates nothing.
    assert page_date(_page(_meta("article:published_time", stamp)), f"https://{host}/a") is None


def test_malformed_url_still_dates_the_page() -> None:
    html = _page(_meta("article:published_time", "2024-03-05T10:00:00+01:00"))
    assert page_date(html, "http://[bad/dock-strike") == "2024-03-05"


# --- Dates written in parts that the markup labels (blog themes' calendar badges).


def _blog_home(badge: str, lang: str) -> str:
    """A blog's front page: the site name as its h1, a sidebar with an old post, then the newest
    post under a calendar badge."""
    return (
        f'<html lang="{lang}"><head><title>Notes from the harbour</title></head><body>'
        '<div id="top"><h1>Notes from the harbour</h1></div>'
        '<div id="sidebar"><h2>Older posts</h2><ul><li>Lighthouse keepers (12 June 2006)</li>'
        "</ul></div>"
        f'<div class="post"><div class="calendar">{badge}</div>'
        "<h2>The cranes are back</h2><p>After the winter repairs the two cranes on the east "
        "quay are lifting containers again, and the night shift is back to full strength.</p>"
        "</div></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "badge", "expected"),
    [
        (
            "en",
            '<span class="date-month">Nov</span> <span class="date-day">3rd</span>'
            '<span class="date-year">2023</span>',
            "2023-11-03",
        ),
        (
            "fr",
            '<b class="jour">14</b><b class="mois">févr.</b><b class="annee">2022</b>',
            "2022-02-14",
        ),
        (
            "de",
            '<i class="tag">7</i><i class="monat">Mär</i><i class="jahr">2021</i>',
            "2021-03-07",
        ),
    ],
)
def test_calendar_badge_dates_a_blog_front_page(lang: str, badge: str, expected: str) -> None:
    # Its parts run together as text ("Nov 3rd2023"); their classes say which is which.
    assert page_date(_blog_home(badge, lang), "https://harbour-notes.example.net/") == expected


def test_date_picker_is_no_calendar_badge() -> None:
    picker = (
        '<select class="day">'
        + "".join(f"<option>{d}</option>" for d in range(1, 32))
        + '</select><select class="month"><option>Jan</option><option>Feb</option></select>'
        '<select class="year"><option>2022</option><option>2023</option></select>'
    )
    # Its lists read as no date: the sidebar's old post is the only one left on the page.
    assert page_date(_blog_home(picker, "en"), "https://harbour-notes.example.net/") == "2006-06-12"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("2009", "Feb", "18"), date(2009, 2, 18)),
        (("2020", "déc.", "5"), date(2020, 12, 5)),
        (("2020", "03", "5."), date(2020, 3, 5)),
        (("2020", "ma", "5"), None),  # March or May
        (("20", "Feb", "18"), None),
        (("2021", "Feb", "30"), None),
    ],
)
def test_date_from_parts(parts: tuple[str, str, str], expected: date | None) -> None:
    assert date_from_parts(*parts) == expected
