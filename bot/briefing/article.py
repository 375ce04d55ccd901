"""What a brief is made from: an article's text and metadata, from a page or a plain-text file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.briefing import dates, scraped_text
from bot.sources.pages import Page

# "..., Ukrinform reports." names the agency a re-published story comes from.
_AGENCY = re.compile(r",\s+([A-Z][\w.&-]+(?: [A-Z][\w.&-]+){0,2}) reports\.")
_OPENING_LINES = 4


class ArticleError(ValueError):
    """The input is not an article (empty, binary); `reason` is a short phrase for users."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ArticleInput:
    """One article to brief; `published` is a feed's date (trusted), `html` is date evidence,
    `standfirst` the page's dek or summary, read as its own paragraph before the text."""

    text: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    published: str | None = None
    html: str | None = None
    standfirst: str | None = None


def article_from_text(raw: str, *, url: str | None = None) -> ArticleInput:
    """A scraped plain-text article: junk lines dropped, headline and date stamp found."""
    if looks_empty(raw):
        raise ArticleError("empty input")
    if scraped_text.looks_binary(raw):
        raise ArticleError("not text: binary data")
    stamp = dates.date_in_lines(scraped_text.normalize(raw).split("\n"))
    title, body = scraped_text.split_title(scraped_text.clean_lines(raw))
    if not body:
        raise ArticleError("no article text")
    site = next((m.group(1) for line in body[:_OPENING_LINES] if (m := _AGENCY.search(line))), None)
    return ArticleInput(
        text="\n\n".join(body), title=title, url=url, site=site, published=stamp, html=None
    )


def article_from_page(page: Page) -> ArticleInput:
    """An extracted page; its HTML is the date evidence (`pagedates.page_date` weighs it)."""
    body = scraped_text.clean_text(page.text)
    return ArticleInput(
        text=body or page.text,
        title=page.title,
        url=page.url,
        site=page.site,
        published=None,
        html=page.html,
        standfirst=page.standfirst,
    )


def looks_empty(raw: str) -> bool:
    """True for input with no visible characters."""
    return not raw or not raw.strip()
