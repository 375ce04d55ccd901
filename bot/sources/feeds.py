"""Feed bytes to a ParsedFeed: RSS 0.9x/1.0/2.0, Atom, JSON Feed, whatever the server sent.

Parser choice by measurement (benchmarks/bench_feeds.py): feedparser-rs is ~12-18x faster
than feedparser but drops illegally nested items, misreads undeclared encodings, takes a
nested <title> for the item's, shifts fields after an empty RSS element, cuts descriptions
holding raw markup, blanks links to private hosts and rejects some odd-but-valid feeds.
So it runs first, and when its result or the bytes show one of those signs feedparser
parses too; the result with more entries wins. JSON is parsed by bot.sources.jsonfeed
(feedparser reads none).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import feedparser
import feedparser_rs

from bot.sources.errors import FeedError
from bot.sources.feed_text import html_to_text, iso_from_struct, iso_from_text
from bot.sources.feedmodel import FeedEntry, ParsedFeed, absolute_url, build_entry
from bot.sources.gzipped import gunzip_capped
from bot.sources.jsonfeed import looks_like_json, parse_json_feed

__all__ = ["FeedEntry", "FeedError", "ParsedFeed", "parse_feed", "second_opinion_reason"]

logger = logging.getLogger(__name__)

# A gzip body that inflates past this is refused: 20 MB of feed is already absurd.
MAX_INFLATED_BYTES = 20_000_000
# News feeds carry tens of entries. Past this many, feedparser (~80 us an entry) is not asked
# for a second opinion, and only this many entries are kept.
MAX_ENTRIES = 2_000

# Counted with bytes.count, which is far cheaper than a regex pass over a large feed.
_ITEM_TAGS = (b"<item>", b"<item ", b"<item\n", b"<entry>", b"<entry ", b"<entry\n")
_TITLE_TAGS = (b"<title>", b"<title ", b"<title\n")
# Titles outside items: the channel's, its image's, a text input's.
_SPARE_TITLES = 3
# In RSS, feedparser-rs moves the text of the element after an empty one (<dc:creator/>) into
# it, and cuts a <description> at its first child element; HTML void tags are harmless.
_EMPTY_ELEMENT = re.compile(
    rb"<(?!(?:br|hr|img|wbr|input|meta|link|area|col|embed|source|param|track)\b)"
    rb"[A-Za-z][\w:.-]*\s*/>",
    re.IGNORECASE,
)
_RAW_MARKUP_DESCRIPTION = re.compile(
    rb"<description\b[^>]*>[^<]*<(?!/description|!\[CDATA)[A-Za-z]"
)
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_DATE_FIELDS = ("published", "updated", "created")


def parse_feed(
    content: bytes, url: str | None = None, content_type: str | None = None
) -> ParsedFeed:
    """Parse a feed document; raise FeedError when there is nothing feed-like in it.

    `url` is the address the bytes came from: relative links are resolved against it.
    `content_type` is the HTTP header, whose charset helps with undeclared encodings.
    """
    try:
        data = gunzip_capped(content, MAX_INFLATED_BYTES)
    except ValueError as exc:
        raise FeedError(f"not a feed: {exc}") from exc
    if not data.strip():
        raise FeedError("not a feed: empty response")
    if looks_like_json(data):
        return parse_json_feed(data, url)
    return _parse_xml(data, url, content_type)


def second_opinion_reason(result: Any, data: bytes) -> str | None:
    """Why a feedparser-rs result cannot be trusted alone, or None when it can."""
    entries = result.entries
    if result.bozo:
        return "not well-formed"
    if not result.version:
        return "format not recognised"
    if not entries:
        return "no entries"
    if _count(data, _ITEM_TAGS) > len(entries):
        return "fewer entries than item elements"
    if any(not entry.get("link") for entry in entries):
        # feedparser-rs blanks links to loopback/private hosts; intranet sources need them.
        return "entries without links"
    if _count(data, _TITLE_TAGS) > len(entries) + _SPARE_TITLES:
        return "nested title elements"
    if any("\ufffd" in (entry.get("title") or "") for entry in entries):
        return "undecodable characters"
    if result.version.startswith("rss"):
        if b"/>" in data and _EMPTY_ELEMENT.search(data):
            return "empty element in RSS"
        if _RAW_MARKUP_DESCRIPTION.search(data):
            return "unescaped markup in a description"
    return None


def _parse_xml(data: bytes, url: str | None, content_type: str | None) -> ParsedFeed:
    fast = _run("feedparser-rs", feedparser_rs.parse, data)
    doubt = "parser failed" if fast is None else second_opinion_reason(fast, data)
    if doubt is None or _count(data, _ITEM_TAGS) > MAX_ENTRIES:
        if fast is None or not (fast.entries or fast.version):
            raise FeedError(_not_a_feed(data))
        return _convert(fast, url)
    logger.debug("feed %s: %s; parsing with feedparser too", url or "<bytes>", doubt)
    headers = {"content-location": url or "", "content-type": content_type or ""}
    slow = _run("feedparser", lambda d: feedparser.parse(d, response_headers=headers), data)
    candidates = [r for r in (slow, fast) if r is not None]
    if not candidates:
        raise FeedError("not a feed: unreadable document")
    best = max(candidates, key=lambda r: len(r.entries))
    if not best.entries and not best.version:
        raise FeedError(_not_a_feed(data))
    return _convert(best, url)


def _count(data: bytes, tags: tuple[bytes, ...]) -> int:
    return sum(data.count(tag) for tag in tags)


def _run(name: str, parser: Any, data: bytes) -> Any:
    # Both parsers get bytes, never str: given a str that looks like a URL they would fetch it.
    try:
        return parser(data)
    except Exception:  # a third-party parser on hostile input: any failure is "no result"
        logger.warning("%s crashed on a feed document", name, exc_info=True)
        return None


def _convert(result: Any, url: str | None) -> ParsedFeed:
    feed = result.feed
    base = url or _field(feed, "link") or None
    return ParsedFeed(
        title=html_to_text(_field(feed, "title")) or None,
        link=absolute_url(_field(feed, "link"), base),
        entries=[_entry(entry, base) for entry in result.entries[:MAX_ENTRIES]],
    )


def _entry(entry: Any, base: str | None) -> FeedEntry:
    content, is_html = _content(_field(entry, "content"))
    return build_entry(
        guid=_field(entry, "id"),
        link=_field(entry, "link"),
        title=_field(entry, "title"),
        summary_html=_field(entry, "summary"),
        content_html=content,
        content_is_html=is_html,
        published=_published(entry),
        author=_field(entry, "author"),
        base_url=base,
    )


def _content(blocks: Any) -> tuple[str | None, bool]:
    """The longest content block (feeds repeat content in several forms) and whether it is HTML."""
    best: tuple[str | None, bool] = (None, True)
    for block in blocks or ():
        value = _field(block, "value")
        if isinstance(value, str) and len(value) > len(best[0] or ""):
            best = (value, "html" in (_field(block, "type") or "html"))
    return best


def _published(entry: Any) -> str | None:
    for name in _DATE_FIELDS:
        iso = iso_from_struct(_field(entry, f"{name}_parsed"))
        if iso is not None:
            return iso
    for name in _DATE_FIELDS:
        iso = iso_from_text(_field(entry, name))
        if iso is not None:
            return iso
    return None


def _field(node: Any, name: str) -> Any:
    """Read a field from a feedparser dict or a feedparser-rs object alike.

    Plain dict access skips feedparser's deprecated alias lookups (and their warnings).
    """
    if node is None:
        return None
    if isinstance(node, dict):
        return dict.get(node, name)
    return getattr(node, name, None)


def _not_a_feed(data: bytes) -> str:
    if _HTML_START.match(data[:4096]):
        return "not a feed: got an HTML page"
    return "not a feed: no RSS, Atom or JSON Feed found"
