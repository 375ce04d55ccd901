"""JSON Feed 1.0/1.1 and Dave Winer's "RSS in JSON", read with the standard json module.

feedparser reads no JSON at all and feedparser-rs refuses feeds whose version URL is
"http://jsonfeed.org/..." or that were cut off, so JSON is parsed here. A truncated JSON
Feed still yields the items that arrived whole.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from bot.sources.errors import FeedError
from bot.sources.feed_text import html_to_text, iso_from_text
from bot.sources.feedmodel import FeedEntry, ParsedFeed, absolute_url, build_entry

logger = logging.getLogger(__name__)

_DECODER = json.JSONDecoder()


def looks_like_json(data: bytes) -> bool:
    """True when the document starts like a JSON object (after a BOM and blanks)."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_json_feed(data: bytes, url: str | None) -> ParsedFeed:
    """Parse a JSON Feed or RSS-in-JSON document; raise FeedError when it is neither."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return _salvage(text, url)
    if not isinstance(document, dict):
        raise FeedError("not a feed: JSON without feed fields")
    if isinstance(document.get("rss"), dict):
        return _rss_in_json(document["rss"], url)
    if isinstance(document.get("items"), list):
        return _json_feed(document, document["items"], url)
    raise FeedError("not a feed: JSON without feed fields")


def _json_feed(header: dict[str, Any], items: list[Any], url: str | None) -> ParsedFeed:
    base = url or _str(header.get("feed_url")) or None
    feed_author = _author(header)
    entries = [_json_item(item, base, feed_author) for item in items if isinstance(item, dict)]
    return ParsedFeed(
        title=html_to_text(_str(header.get("title"))) or None,
        link=absolute_url(header.get("home_page_url"), base),
        entries=entries,
    )


def _json_item(item: dict[str, Any], base: str | None, feed_author: str | None) -> FeedEntry:
    content = item.get("content_html")
    text = item.get("content_text")
    return build_entry(
        guid=_str(item.get("id")),
        link=item.get("url") or item.get("external_url"),
        title=item.get("title"),
        summary_html=item.get("summary"),
        content_html=content if isinstance(content, str) and content else text,
        content_is_html=isinstance(content, str) and bool(content),
        published=iso_from_text(item.get("date_published"))
        or iso_from_text(item.get("date_modified")),
        author=_author(item) or feed_author,
        base_url=base,
    )


def _author(node: dict[str, Any]) -> str | None:
    """Version 1.1 lists `authors`; 1.0 has a single `author`."""
    authors = node.get("authors")
    candidates = authors if isinstance(authors, list) else [node.get("author")]
    names = [_str(a.get("name")) for a in candidates if isinstance(a, dict)]
    return ", ".join(n for n in names if n) or None


def _rss_in_json(rss: dict[str, Any], url: str | None) -> ParsedFeed:
    channel = rss.get("channel")
    if not isinstance(channel, dict):
        raise FeedError("not a feed: RSS in JSON without a channel")
    items = channel.get("item")
    items = items if isinstance(items, list) else [items]
    base = url or _str(channel.get("link")) or None
    entries = [
        build_entry(
            guid=_value(item.get("guid")),
            link=_value(item.get("link")),
            title=_value(item.get("title")),
            summary_html=_value(item.get("description")),
            content_html=None,
            published=iso_from_text(_value(item.get("pubDate"))),
            author=_value(item.get("author")),
            base_url=base,
        )
        for item in items
        if isinstance(item, dict)
    ]
    return ParsedFeed(
        title=html_to_text(_value(channel.get("title"))) or None,
        link=absolute_url(_value(channel.get("link")), base),
        entries=entries,
    )


def _salvage(text: str, url: str | None) -> ParsedFeed:
    """Recover the complete items of a JSON Feed that was cut off in transit."""
    marker = text.find('"items"')
    start = text.find("[", marker) if marker >= 0 else -1
    if start < 0:
        raise FeedError("not a feed: malformed JSON")
    header = _header_before(text[:marker])
    items: list[Any] = []
    position = start + 1
    while True:
        position = _skip_separators(text, position)
        try:
            item, position = _DECODER.raw_decode(text, position)
        except (ValueError, RecursionError):
            break
        items.append(item)
    if not items and "version" not in header:
        raise FeedError("not a feed: malformed JSON")
    logger.info("salvaged %d items from truncated JSON feed %s", len(items), url or "")
    return _json_feed(header, items, url)


def _header_before(prefix: str) -> dict[str, Any]:
    """The top-level fields that precede "items", when they form a JSON object on their own."""
    try:
        header = json.loads(prefix.rstrip().rstrip(",") + "}")
    except (ValueError, RecursionError):
        return {}
    return header if isinstance(header, dict) else {}


def _skip_separators(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n,":
        position += 1
    return position


def _value(node: object) -> str:
    """RSS-in-JSON puts attributes beside the text, which then sits under "#value"."""
    if isinstance(node, dict):
        node = node.get("#value")
    return node if isinstance(node, str) else ""


def _str(value: object) -> str:
    # JSON Feed ids may be numbers although the spec says strings.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else ""
