"""Files and URLs in, Briefs out: the work behind `briefbot brief FILE_OR_URL...`.

A feed (a feed URL or a saved feed file) stands for its items: each is briefed from its page
when the feed carries only a summary, the way the poller reads them.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from bot.briefing import (
    ArticleError,
    ArticleInput,
    article_from_page,
    article_from_text,
    brief_documents,
)
from bot.sources.errors import FeedError, SourceError
from bot.sources.feed_text import html_to_text
from bot.sources.feeds import FeedEntry, parse_feed
from bot.sources.fetch import fetch, make_client
from bot.sources.pages import PageError, decode_html, extract_page
from bot.sources.schedule import HostLimiter

log = logging.getLogger(__name__)

_HTML = re.compile(rb"<(!doctype html|html|head|body|article|p|div)[\s>]", re.IGNORECASE)
# A file larger than this is not an article; reading stops here.
MAX_INPUT_BYTES = 20_000_000
# A feed item with this much text is the article itself: no need to fetch its page.
FULL_CONTENT_CHARS = 2000


def brief_inputs(
    names: Sequence[str], *, allow_private: bool, host_spacing_s: float = 1.0
) -> Iterator[tuple[str, dict]]:
    """(input, Brief JSON or {"error": reason}) for each input, in input order.

    A feed gives one Brief per item, each with "item": its place in the feed (1, 2, ...).
    The language model is loaded once and the readable inputs go through it as one batch.
    """
    loaded = asyncio.run(_load_all(names, allow_private, HostLimiter(spacing_s=host_spacing_s)))
    articles = [a for item in loaded if not isinstance(item, str) for a in _articles(item)]
    briefs = brief_documents(articles)
    for name, item in zip(names, loaded, strict=True):
        if isinstance(item, str):
            yield name, {"error": item}
        elif isinstance(item, ArticleInput):
            yield name, next(briefs).to_dict()
        else:
            for number, _ in enumerate(item, 1):
                yield name, {"item": number, **next(briefs).to_dict()}


_Loaded = ArticleInput | list[ArticleInput] | str
"""An article, a feed's items, or the reason the input cannot be read."""


def _articles(item: ArticleInput | list[ArticleInput]) -> list[ArticleInput]:
    return item if isinstance(item, list) else [item]


async def _load_all(names: Sequence[str], allow_private: bool, hosts: HostLimiter) -> list[_Loaded]:
    async with make_client() as client:
        loads = (_load(client, name, allow_private, hosts) for name in names)
        return list(await asyncio.gather(*loads))


async def _load(client, name: str, allow_private: bool, hosts: HostLimiter) -> _Loaded:
    """The article in a file or at a URL (a feed's items), or the reason it cannot be read."""
    try:
        if re.match(r"^https?://", name):
            result = await fetch(client, name, allow_private=allow_private)
            data, url, content_type = result.content, result.url, result.content_type
        else:
            data, url, content_type = _read(Path(name)), None, None
        entries = _feed_entries(data, url, content_type)
        if entries is None:
            return article_from_bytes(data, url=url)
        return await _feed_articles(client, entries, hosts=hosts, allow_private=allow_private)
    except (SourceError, PageError, ArticleError) as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"


async def _feed_articles(
    client: httpx.AsyncClient, entries: list[FeedEntry], *, hosts: HostLimiter,
    allow_private: bool,
) -> list[ArticleInput] | str:
    """A feed's items as articles, or why there is none to brief."""
    found = await asyncio.gather(
        *(entry_article(client, e, hosts=hosts, allow_private=allow_private) for e in entries)
    )
    articles = [article for article in found if article is not None]
    if articles:
        return articles
    if entries:
        return f"a feed with {len(entries)} items, none with readable text"
    return "a feed without items"


def _feed_entries(
    data: bytes, url: str | None, content_type: str | None
) -> list[FeedEntry] | None:
    """The entries when the bytes are a feed (RSS, Atom, JSON Feed), else None."""
    try:
        return parse_feed(data, url, content_type).entries
    except FeedError:
        return None


async def entry_article(
    client: httpx.AsyncClient, entry: FeedEntry, *, hosts: HostLimiter, allow_private: bool
) -> ArticleInput | None:
    """The article behind a feed entry: its page when reachable, else the feed's own text;
    None when neither has any text."""
    feed_text = html_to_text(entry.content_html) if entry.content_html else entry.summary
    published = entry.published[:10] if entry.published else None
    if entry.url and len(feed_text) < FULL_CONTENT_CHARS:
        try:
            async with hosts.slot(entry.url):
                result = await fetch(client, entry.url, allow_private=allow_private)
            item = article_from_page(extract_page(result.content, result.url))
            item.title = entry.title or item.title
            item.url = entry.url
            item.published = published or item.published
            return item
        except (SourceError, PageError) as exc:
            log.debug("page %s unreadable (%s); using the feed's text", entry.url, exc)
    if not feed_text.strip():
        log.warning("entry %s has no readable text; skipped", entry.url or entry.guid)
        return None
    return ArticleInput(text=feed_text, title=entry.title, url=entry.url, published=published)


def _read(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_INPUT_BYTES)


def article_from_bytes(data: bytes, *, url: str | None) -> ArticleInput:
    """An HTML page through extraction, anything else as a plain-text article."""
    if _HTML.search(data[:4096]):
        return article_from_page(extract_page(data, url))
    return article_from_text(decode_html(data), url=url)
