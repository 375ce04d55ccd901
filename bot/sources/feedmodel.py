"""The parsed feed as the rest of the bot sees it, whatever format or parser it came from."""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bot.sources.feed_text import html_to_text, shorten

# A summary made from full content is cut: the article text itself comes from the page.
SUMMARY_FROM_CONTENT_CHARS = 1000


@dataclass
class FeedEntry:
    """One item of a feed: plain-text title and summary, absolute URL, ISO-8601 UTC date or None."""

    guid: str
    url: str | None
    title: str
    summary: str
    content_html: str | None
    published: str | None
    author: str | None


@dataclass
class ParsedFeed:
    """A feed's title and home link, and its entries in document order."""

    title: str | None
    link: str | None
    entries: list[FeedEntry] = field(default_factory=list)


def build_entry(
    *,
    guid: object,
    link: object,
    title: object,
    summary_html: object,
    content_html: object,
    content_is_html: bool = True,
    published: str | None,
    author: object,
    base_url: str | None,
) -> FeedEntry:
    """Normalise one entry's raw fields; the guid falls back to the URL, then a content hash."""
    url = absolute_url(link, base_url)
    plain_title = html_to_text(_text(title))
    content = _text(content_html) or None
    summary = html_to_text(_text(summary_html))
    if not summary and content:
        text = html_to_text(content) if content_is_html else " ".join(content.split())
        summary = shorten(text, SUMMARY_FROM_CONTENT_CHARS)
    if content is not None and not content_is_html:
        content = html.escape(content)
    stable_id = _text(guid).strip() or url or _digest(plain_title, published, summary)
    return FeedEntry(
        guid=stable_id,
        url=url,
        title=plain_title,
        summary=summary,
        content_html=content,
        published=published,
        author=html_to_text(_text(author)) or None,
    )


def absolute_url(link: object, base_url: str | None) -> str | None:
    """`link` resolved against `base_url`, kept only when it ends up an http(s) URL."""
    text = _text(link).strip()
    if not text:
        return None
    # Some feeds escape their links twice ("?a=1&amp;b=2"); a literal "&amp;" in a URL is noise.
    if "&" in text:
        text = html.unescape(text)
    # Most links are absolute already; urljoin is the slow part of normalising an entry.
    resolved = text if text.startswith(("http://", "https://")) else urljoin(base_url or "", text)
    try:
        parts = urlsplit(resolved)
    except ValueError:
        return None
    return resolved if parts.scheme in ("http", "https") and parts.hostname else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _digest(title: str, published: str | None, summary: str) -> str:
    # The summary's start joins title and date so that undated, untitled items stay distinct.
    key = f"{title}\n{published or ''}\n{summary[:200]}"
    return "sha1:" + hashlib.sha1(key.encode()).hexdigest()
