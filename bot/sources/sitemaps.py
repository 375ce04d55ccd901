"""Article URLs from a site's XML sitemap, for news sites that publish no feed."""

from __future__ import annotations

import logging
from urllib.parse import urljoin, urlsplit

import httpx
from lxml import etree

from bot.sources.errors import FetchError
from bot.sources.fetch import fetch
from bot.sources.gzipped import gunzip_capped
from bot.sources.xmlsafe import local_name, parse_xml

logger = logging.getLogger(__name__)

_MAX_INFLATED = 50_000_000
# A sitemap index of a big site lists hundreds of sitemaps; the newest few hold the news.
_CHILD_SITEMAPS = 2


async def sitemap_links(
    client: httpx.AsyncClient, url: str, *, allow_private: bool, limit: int = 200
) -> list[str]:
    """Up to `limit` page URLs of the site of `url`, newest first, from its sitemap.

    The sitemap is found through robots.txt, else at /sitemap.xml; a sitemap index is
    followed one level down. Returns [] when the site has none.
    """
    root = _site_root(url)
    for location in await _sitemap_locations(client, root, allow_private):
        entries = await _read_sitemap(client, location, allow_private, depth=1)
        if entries:
            site = urlsplit(root).netloc
            same_site = [loc for loc in _newest_first(entries) if urlsplit(loc).netloc == site]
            return same_site[:limit]
    return []


async def _sitemap_locations(
    client: httpx.AsyncClient, root: str, allow_private: bool
) -> list[str]:
    robots = await _get(client, urljoin(root, "/robots.txt"), allow_private)
    declared = []
    for line in (robots or b"").decode("utf-8", errors="replace").splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "sitemap" and value.strip():
            declared.append(urljoin(root, value.strip()))
    return declared or [urljoin(root, "/sitemap.xml")]


async def _read_sitemap(
    client: httpx.AsyncClient, url: str, allow_private: bool, *, depth: int
) -> list[tuple[str, str]]:
    """(loc, lastmod) pairs of a urlset, or of the newest children of a sitemap index."""
    body = await _get(client, url, allow_private)
    if not body:
        return []
    try:
        document = parse_xml(gunzip_capped(body, _MAX_INFLATED))
    except ValueError:
        document = None
    if document is None:
        logger.debug("sitemap %s is not XML", url)
        return []
    kind = local_name(document)
    entries = _entries(document, "url" if kind == "urlset" else "sitemap")
    if kind != "sitemapindex":
        return entries
    if depth <= 0:
        return []
    found: list[tuple[str, str]] = []
    for child, _ in _newest_first_pairs(entries)[:_CHILD_SITEMAPS]:
        found.extend(await _read_sitemap(client, child, allow_private, depth=depth - 1))
    return found


def _entries(document: etree._Element, item: str) -> list[tuple[str, str]]:
    entries = []
    for node in document.iter():
        if local_name(node) != item:
            continue
        loc, date = "", ""
        for child in node.iter():
            name = local_name(child)
            if name == "loc" and not loc:
                loc = (child.text or "").strip()
            elif name in ("lastmod", "publication_date") and not date:
                date = (child.text or "").strip()
        if loc.startswith(("http://", "https://")):
            entries.append((loc, date))
    return entries


def _newest_first_pairs(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # ISO dates sort as text; undated entries keep their order, after the dated ones.
    dated = sorted((e for e in entries if e[1]), key=lambda e: e[1], reverse=True)
    return dated + [e for e in entries if not e[1]]


def _newest_first(entries: list[tuple[str, str]]) -> list[str]:
    seen: set[str] = set()
    ordered = []
    for loc, _ in _newest_first_pairs(entries):
        if loc not in seen:
            seen.add(loc)
            ordered.append(loc)
    return ordered


async def _get(client: httpx.AsyncClient, url: str, allow_private: bool) -> bytes | None:
    try:
        result = await fetch(client, url, allow_private=allow_private)
    except FetchError as exc:
        logger.debug("sitemap lookup %s: %s", url, exc)
        return None
    return result.content


def _site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"
