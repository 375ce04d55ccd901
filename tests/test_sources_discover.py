"""Feed discovery, article links and sitemaps on a site served from 127.0.0.1."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bot.sources.discover import COMMON_PATHS, article_links, discover_feeds, feed_links
from bot.sources.errors import HTTPStatusError
from bot.sources.fetch import make_client
from bot.sources.sitemaps import sitemap_links
from tests.feedserver import FeedServer, redirect

ATOM = (Path(__file__).parent / "fixtures" / "sources" / "atom.xml").read_bytes()
HTML = "text/html; charset=utf-8"


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>Desk</title>{head}</head><body>{body}</body></html>"


async def discover(url: str) -> list[str]:
    async with make_client(timeout=5) as client:
        return await discover_feeds(client, url, allow_private=True)


async def test_announced_feed_is_found_and_verified(feed_server: FeedServer) -> None:
    head = (
        '<link rel="alternate" type="application/rss+xml" title="All" href="/feeds/all.xml">'
        '<link rel="alternate" type="application/atom+xml" href="/broken.xml">'
        '<link rel="alternate" type="application/rss+xml" href="/2025/x/comments/feed/">'
        '<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/1">'
    )
    feed_server.add("/", page(head), content_type=HTML)
    feed_server.add("/feeds/all.xml", ATOM, content_type="application/atom+xml")
    feed_server.add("/broken.xml", page(body="Oops"), content_type=HTML)
    assert await discover(feed_server.url("/")) == [feed_server.url("/feeds/all.xml")]
    # A working announced feed spares the site the guessing round.
    assert sum(feed_server.hits[path] for path in COMMON_PATHS) == 0
    assert feed_server.hits["/2025/x/comments/feed/"] == 0
    assert feed_server.hits["/wp-json/wp/v2/pages/1"] == 0


async def test_common_paths_are_tried_when_nothing_is_announced(feed_server: FeedServer) -> None:
    feed_server.add("/", page(body="<p>No feed links here.</p>"), content_type=HTML)
    feed_server.add("/rss", page(body="An HTML page at /rss"), content_type=HTML)
    feed_server.add_handler("/feed", redirect("/feeds/main.xml", status=301))
    feed_server.add("/feeds/main.xml", ATOM)
    feed_server.add("/index.xml", ATOM)
    found = await discover(feed_server.url("/"))
    assert found == [feed_server.url("/feeds/main.xml"), feed_server.url("/index.xml")]


async def test_a_feed_url_is_its_own_feed(feed_server: FeedServer) -> None:
    feed_server.add("/feed.xml", ATOM)
    assert await discover(feed_server.url("/feed.xml")) == [feed_server.url("/feed.xml")]
    assert sum(feed_server.hits.values()) == 1


async def test_site_without_feed_gives_nothing(feed_server: FeedServer) -> None:
    feed_server.add("/", page(body="<a href='/about'>About</a>"), content_type=HTML)
    assert await discover(feed_server.url("/")) == []


async def test_unreachable_page_raises_its_reason(feed_server: FeedServer) -> None:
    with pytest.raises(HTTPStatusError, match="HTTP 404"):
        await discover(feed_server.url("/nothing-here"))


def test_feed_links_read_base_and_feedish_anchors() -> None:
    html = page(
        '<base href="https://desk.example/blog/">'
        '<link rel="alternate feed" type="application/atom+xml; charset=utf-8" href="atom.xml">',
        '<a href="/rss">RSS</a><a href="https://other.example/feed">Theirs</a>'
        '<a href="/2025/02/story">Story</a>',
    )
    assert feed_links(html, "https://desk.example/") == [
        "https://desk.example/blog/atom.xml",
        "https://desk.example/rss",
    ]


NEWS_FRONT = page(
    body="""
<nav><a href="/">Home</a><a href="/category/world/">World</a><a href="/tag/knds">KNDS</a>
<a href="/author/desk-staff/">Desk staff</a><a href="/login">Log in</a>
<a href="/page/2">Older</a></nav>
<main>
 <h2><a href="/2025/02/15/umerov-meets-knds-leadership/">Umerov meets KNDS leadership</a></h2>
 <h2><a href="/world/air-defence-repair-hub-opens-in-lviv">Air defence repair hub opens</a></h2>
 <h2><a href="/news/3960001">Minister meets defence industry leaders in Munich</a></h2>
 <a href="/news/3960002">More</a>
 <a href="/2025/02/15/umerov-meets-knds-leadership/#comments">12 comments</a>
 <a href="/2025/02/15/umerov-meets-knds-leadership?utm_source=front">Umerov again</a>
 <a href="https://elsewhere.com/2025/02/15/other-site-story">Elsewhere</a>
 <a href="https://news.defence-desk.com/2025/02/14/subdomain-story">Subdomain story</a>
 <a href="/media/2025/02/chart-of-the-day.png">Chart</a>
 <a href="mailto:desk@defence-desk.com">Mail us</a>
 <a href="javascript:void(0)">Menu</a>
</main>"""
)


def test_article_links_on_a_front_page() -> None:
    # Host names here are only strings: nothing is fetched.
    assert article_links(NEWS_FRONT, "https://www.defence-desk.com/") == [
        "https://www.defence-desk.com/2025/02/15/umerov-meets-knds-leadership/",
        "https://www.defence-desk.com/world/air-defence-repair-hub-opens-in-lviv",
        "https://www.defence-desk.com/news/3960001",
        "https://news.defence-desk.com/2025/02/14/subdomain-story",
    ]


@pytest.mark.parametrize("html", ["", "   ", "\x00\x01", "<<<>>>", "<html>"])
def test_article_links_tolerate_junk(html: str) -> None:
    assert article_links(html, "https://desk.example/") == []


def urlset(*entries: tuple[str, str]) -> bytes:
    urls = "".join(f"<url><loc>{loc}</loc><lastmod>{mod}</lastmod></url>" for loc, mod in entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


async def test_sitemap_index_from_robots_newest_first(feed_server: FeedServer) -> None:
    base = feed_server.url("")
    feed_server.add(
        "/robots.txt",
        f"User-agent: *\nDisallow:\nSitemap: {base}/maps/index.xml\n",
        content_type="text/plain",
    )
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/maps/2023.xml</loc><lastmod>2023-12-31</lastmod></sitemap>"
        f"<sitemap><loc>{base}/maps/news.xml.gz</loc><lastmod>2025-02-16</lastmod></sitemap>"
        f"<sitemap><loc>{base}/maps/2024.xml</loc><lastmod>2024-12-31</lastmod></sitemap>"
        "</sitemapindex>"
    )
    feed_server.add("/maps/index.xml", index)
    news = urlset(
        (f"{base}/2025/02/15/umerov-knds", "2025-02-15T10:00:00Z"),
        (f"{base}/2025/02/16/summit", "2025-02-16T09:00:00Z"),
        ("https://elsewhere.example/2025/02/16/x", "2025-02-16T12:00:00Z"),
    )
    feed_server.add("/maps/news.xml.gz", gzip.compress(news), content_type="application/gzip")
    feed_server.add("/maps/2024.xml", urlset((f"{base}/2024/12/30/old", "2024-12-30")))
    async with make_client(timeout=5) as client:
        links = await sitemap_links(client, base + "/any/page", allow_private=True)
    assert links == [
        f"{base}/2025/02/16/summit",
        f"{base}/2025/02/15/umerov-knds",
        f"{base}/2024/12/30/old",
    ]
    assert feed_server.hits["/maps/2023.xml"] == 0


async def test_sitemap_at_the_usual_place(feed_server: FeedServer) -> None:
    base = feed_server.url("")
    feed_server.add(
        "/sitemap.xml", urlset(*((f"{base}/a/{i}", f"2025-01-{i:02d}") for i in range(1, 9)))
    )
    async with make_client(timeout=5) as client:
        links = await sitemap_links(client, base + "/", allow_private=True, limit=3)
    assert links == [f"{base}/a/8", f"{base}/a/7", f"{base}/a/6"]


async def test_no_sitemap_gives_nothing(feed_server: FeedServer) -> None:
    async with make_client(timeout=5) as client:
        assert await sitemap_links(client, feed_server.url("/"), allow_private=True) == []
