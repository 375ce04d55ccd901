"""From a site's address to its feeds, or to its article links when it has no feed.

Every candidate is fetched and parsed before it is returned, so /addsource never stores a
"feed" that is really a page, an error or a comment thread.
"""

from __future__ import annotations

import asyncio
import logging
import re
from urllib.parse import urljoin, urlsplit

import httpx
import lxml.html
from courlan import extract_domain, is_navigation_page, is_not_crawlable
from lxml import etree

from bot.sources.canonical import canonical_url
from bot.sources.errors import FeedError, FetchError
from bot.sources.feeds import parse_feed
from bot.sources.fetch import fetch
from bot.sources.sitemaps import sitemap_links

__all__ = ["article_links", "discover_feeds", "feed_links", "sitemap_links"]

logger = logging.getLogger(__name__)

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
# Where sites keep feeds without announcing them (WordPress, Blogger, Hugo, Jekyll, Ghost...).
COMMON_PATHS = (
    "/feed",
    "/rss",
    "/rss.xml",
    "/feed.xml",
    "/atom.xml",
    "/index.xml",
    "/feeds/posts/default",
    "/index.rss",
)
_PARALLEL_CHECKS = 4
# A same-site <a> whose path says "feed" is a candidate too (many sites link instead of <link>).
_FEEDISH_PATH = re.compile(r"(?:/feeds?/?|/rss/?|\.rss|\.atom|/atom\.xml|/feed\.xml)$", re.I)
_DATE_IN_PATH = re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)")
_SLUG_WORDS = re.compile(r"[a-z0-9]+", re.I)
_LONG_NUMBER = re.compile(r"\d{5,}")
_NOT_A_PAGE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|pdf|zip|gz|mp[34]|m4a|mov|avi|css|js|json|xml|rss|atom|"
    r"docx?|xlsx?|pptx?|txt|csv)$",
    re.IGNORECASE,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


async def discover_feeds(client: httpx.AsyncClient, url: str, *, allow_private: bool) -> list[str]:
    """The feed URLs of the site at `url`, checked by parsing; [] when it has none.

    `url` may itself be a feed. Announced feeds (<link rel=alternate>, feed-like links) are
    tried first; common feed paths only when none of those works. Raises FetchError when
    `url` itself cannot be fetched.
    """
    page = await fetch(client, url, allow_private=allow_private)
    if _is_feed(page.content, page.url, page.content_type):
        return [page.url]
    announced = feed_links(page.content, page.url)
    found = await _verified(client, announced, allow_private)
    if found:
        return found
    guesses = [urljoin(page.url, path) for path in COMMON_PATHS]
    return await _verified(client, [g for g in guesses if g not in announced], allow_private)


def feed_links(html: bytes | str, base_url: str) -> list[str]:
    """Feed URLs a page announces: <link rel=alternate> with a feed type, then feed-like <a>."""
    document = _parse_html(html)
    if document is None:
        return []
    base = _base_url(document, base_url)
    links: list[str] = []
    for element in document.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        kind = (element.get("type") or "").lower().split(";")[0].strip()
        if ("alternate" in rel or "feed" in rel) and kind in FEED_TYPES:
            links.append(urljoin(base, (element.get("href") or "").strip()))
    site = _site(base)
    for element in document.iter("a"):
        href = urljoin(base, (element.get("href") or "").strip())
        if _FEEDISH_PATH.search(urlsplit(href).path) and _site(href) == site:
            links.append(href)
    # WordPress announces each post's comment feed next to the site feed: not news.
    wanted = [link for link in links if "/comments/feed" not in link and _is_http(link)]
    return list(dict.fromkeys(wanted))


def article_links(html: str, base_url: str) -> list[str]:
    """Same-site links of a news page that look like articles, in page order, deduplicated.

    An article link has a date in its path, a slug of three or more words, or a long numeric
    id with a headline-like anchor; section, tag, author, login and file links are left out.
    """
    document = _parse_html(html)
    if document is None:
        return []
    base = _base_url(document, base_url)
    site = _site(base)
    page_key = canonical_url(base)
    seen: set[str] = set()
    found: list[str] = []
    for element in document.iter("a"):
        href = urljoin(base, (element.get("href") or "").strip()).split("#", 1)[0]
        if not _is_http(href) or _site(href) != site:
            continue
        key = canonical_url(href)
        if key in seen or key == page_key:
            continue
        anchor = " ".join(element.text_content().split())
        if _looks_like_article(href, anchor):
            seen.add(key)
            found.append(href)
    return found


async def _verified(
    client: httpx.AsyncClient, candidates: list[str], allow_private: bool
) -> list[str]:
    """The candidates that answer with a parseable feed, in candidate order, by final URL."""
    limit = asyncio.Semaphore(_PARALLEL_CHECKS)

    async def check(candidate: str) -> str | None:
        async with limit:
            try:
                result = await fetch(client, candidate, allow_private=allow_private)
            except FetchError as exc:
                logger.debug("feed candidate %s: %s", candidate, exc)
                return None
        return result.url if _is_feed(result.content, result.url, result.content_type) else None

    results = await asyncio.gather(*(check(c) for c in candidates))
    return list(dict.fromkeys(r for r in results if r is not None))


def _is_feed(content: bytes, url: str, content_type: str | None) -> bool:
    try:
        parse_feed(content, url, content_type)
    except FeedError:
        return False
    return True


def _looks_like_article(url: str, anchor: str) -> bool:
    path = urlsplit(url).path
    if _NOT_A_PAGE.search(path) or is_navigation_page(url) or is_not_crawlable(url):
        return False
    if _DATE_IN_PATH.search(path):
        return True
    last = path.rstrip("/").rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    if len(_SLUG_WORDS.findall(stem)) >= 3 and ("-" in stem or "_" in stem):
        return True
    return bool(_LONG_NUMBER.search(path)) and len(anchor.split()) >= 4


def _parse_html(html: bytes | str) -> lxml.html.HtmlElement | None:
    if isinstance(html, str):
        # lxml refuses text that still declares a byte encoding (XHTML pages do).
        html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, etree.LxmlError, ValueError):
        return None


def _base_url(document: lxml.html.HtmlElement, page_url: str) -> str:
    for element in document.iter("base"):
        href = (element.get("href") or "").strip()
        if href:
            return urljoin(page_url, href)
    return page_url


def _site(url: str) -> str:
    """The registered domain (bbc.co.uk for news.bbc.co.uk), or host:port for IPs."""
    return extract_domain(url) or urlsplit(url).netloc.lower()


def _is_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
