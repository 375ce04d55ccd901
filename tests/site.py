"""A small news site for end-to-end tests: an RSS feed and its article pages, served locally."""

from __future__ import annotations

import html
from pathlib import Path

from tests.feedserver import FeedServer

FIXTURES = Path(__file__).parent / "fixtures" / "site"


def rss(server: FeedServer, items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 document of (title, path, RFC 822 date) items pointing at `server`."""
    entries = "".join(
        f"<item><title>{html.escape(title)}</title><link>{server.url(path)}</link>"
        f"<guid>{server.url(path)}</guid><pubDate>{date}</pubDate></item>"
        for title, path, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Defence Desk</title><link>{server.url('/')}</link>"
        f"<description>News</description>{entries}</channel></rss>"
    )


def text_page(title: str, body: str) -> str:
    """An article page around a plain-text story (paragraphs split on blank lines)."""
    blocks = [p.strip() for p in body.split("\n\n") if p.strip()]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in blocks)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}'
        f'</title><meta property="og:site_name" content="Ukrinform"></head><body><article>'
        f"<h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>"
    )


def serve_site(server: FeedServer, seed_text: str | None = None) -> str:
    """Serve the fixture articles (and the seed story when given); the feed's URL."""
    items = [
        ("KNDS Deutschland and Lithuania sign howitzer deal", "/news/knds-order.html",
         "Tue, 04 Mar 2025 09:30:00 GMT"),
        ("Port of Gdansk expands container terminal", "/news/other-story.html",
         "Wed, 05 Mar 2025 07:00:00 GMT"),
    ]
    for name in ("knds-order.html", "other-story.html"):
        server.add(f"/news/{name}", (FIXTURES / name).read_bytes(), content_type="text/html")
    if seed_text is not None:
        title = "Umerov discusses joint production of ammunition with KNDS leadership"
        server.add("/news/umerov-knds.html", text_page(title, seed_text), content_type="text/html")
        items.append((title, "/news/umerov-knds.html", "Sat, 15 Feb 2025 13:56:00 GMT"))
    server.add("/feed.xml", rss(server, items))
    return server.url("/feed.xml")
