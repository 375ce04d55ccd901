"""The publication day of an HTML page: the URL's date, the byline, metadata, then htmldate."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from htmldate import find_date
from lxml.html import HtmlElement

from bot.briefing.dates import as_date, date_in_url
from bot.briefing.pagemeta import Byline, PageEvidence, Stamp, page_evidence, parse_page

# Web news starts in the 1990s; older dates on a page are history, archives or placeholders.
_EARLIEST = date(1990, 1, 1)
_ONE_DAY = timedelta(days=1)
_REVISION_QUERY = re.compile(r"(?:^|&)(?:diff|oldid)=\d+")


def page_date(html: str, url: str | None = None) -> str | None:
    """The page's publication day (ISO), or None when the page gives no usable date."""
    # A publisher east of here may already be on tomorrow's date.
    latest = date.today() + _ONE_DAY
    from_url = _plausible(as_date(date_in_url(url)), latest)
    tree = parse_page(html)
    evidence = page_evidence(tree) if tree is not None else PageEvidence(stamps=[], byline=None)
    chosen = _revision_day(evidence, url, latest) or _from_evidence(evidence, from_url, latest)
    if chosen is None:
        chosen = _htmldate(tree if tree is not None else html, url, latest)
    return chosen.isoformat() if chosen else None


def _from_evidence(evidence: PageEvidence, from_url: date | None, latest: date) -> date | None:
    """The day the page's own evidence supports best; None to leave it to htmldate."""
    stamps = [s for s in evidence.stamps if _plausible(s.day, latest)]
    # The date under the headline is what readers are told, and it follows an update where the
    # URL keeps the day the slug was made.
    support = [s.day for s in stamps] + ([from_url] if from_url else [])
    byline = evidence.byline
    if byline is not None and _plausible(byline.day, latest) and _backed(byline, support):
        return byline.day
    if from_url is not None:
        return from_url
    published = [s for s in stamps if s.published]
    if not published:
        return None
    return _local_day(published)


def _revision_day(evidence: PageEvidence, url: str | None, latest: date) -> date | None:
    """The day of the revision a wiki URL asks for (MediaWiki's diff= or oldid=): its page's
    metadata publishes the article's creation and modifies at the revision shown."""
    if not url or not _REVISION_QUERY.search(urlsplit(url).query):
        return None
    modified = [s.day for s in evidence.stamps if not s.published and _plausible(s.day, latest)]
    return max(modified, default=None)


def _htmldate(page: HtmlElement | str, url: str | None, latest: date) -> date | None:
    """htmldate's reading of the page, less its year-only guesses."""
    try:
        found = as_date(find_date(page, url=url, original_date=True))
        # Its extensive search turns a bare year (a copyright line) into 1 January; keep that
        # day only when the quick search, which reads no bare years, finds it too.
        if _new_year(found):
            found = as_date(find_date(page, url=url, original_date=True, extensive_search=False))
        # Asked for the oldest date, it may also take a year-only one from the metadata; the
        # newest date then is the better reading.
        if _new_year(found):
            found = as_date(find_date(page, url=url)) or found
    except Exception:  # htmldate trips over some malformed documents
        found = None
    return _plausible(found, latest)


def _new_year(day: date | None) -> bool:
    """Whether a day is 1 January, which is what a year written alone is read as."""
    return day is not None and (day.month, day.day) == (1, 1)


def _backed(byline: Byline, support: list[date]) -> bool:
    """Whether a byline date can be trusted: the page marks its element as a date, a metadata
    stamp or the URL gives the same day, or, with neither to say otherwise, a clock time is
    written with it (the first date after a headline may be a caption's or a forum member's)."""
    return byline.marked or byline.day in support or (byline.timed and not support)


def _local_day(published: list[Stamp]) -> date:
    """The first published stamp's day, unless it is in UTC and a stamp in local time is near."""
    first = published[0]
    if first.utc:
        for stamp in published[1:]:
            if not stamp.utc and _near(stamp.day, first.day):
                return stamp.day
    return first.day


def _near(one: date, other: date) -> bool:
    """Whether two days are at most one apart, as one moment is across time zones."""
    return abs(one - other) <= _ONE_DAY


def _plausible(day: date | None, latest: date) -> date | None:
    """The day if it could be a web page's publication day: not in the future nor too old."""
    return day if day is not None and _EARLIEST <= day <= latest else None
