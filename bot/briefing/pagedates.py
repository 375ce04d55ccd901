"""The publication day of an HTML page: the URL's date, the byline, metadata, then htmldate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from urllib.parse import urlsplit

from htmldate import find_date
from lxml.html import HtmlElement

from bot.briefing.datelocales import UNKNOWN_LOCALE, PageLocale, page_locale
from bot.briefing.dates import as_date, date_in_url
from bot.briefing.pagemeta import (
    Byline,
    PageEvidence,
    Stamp,
    cued_date,
    labelled_date,
    page_evidence,
    parse_page,
)

# Web news starts in the 1990s; older dates on a page are history, archives or placeholders.
_EARLIEST = date(1990, 1, 1)
_REVISION_QUERY = re.compile(r"(?:^|&)(?:diff|oldid)=\d+")
# How far apart two stamps of one publication may be (a page's metadata is written in steps).
_SAME_MOMENT = timedelta(hours=1)


@dataclass(frozen=True)
class DateRules:
    """The rules that weigh a page's evidence by where it is from, each of which can be
    switched off so that the benchmark can show what it gains on sources held out."""

    offset_clock: bool = True  # UTC stamps read on the clock of the page's other stamps
    site_zone: bool = True  # ... or of its site's country; no "tomorrow" without either
    locale_order: bool = True  # "05/03/2024" read in the order of the page's language and country
    structured_first: bool = True  # a structured publication stamp over a print edition's date
    labelled_parts: bool = True  # a date in parts labelled day, month and year, before htmldate


ALL_RULES = DateRules()


def page_date(html: str, url: str | None = None, rules: DateRules = ALL_RULES) -> str | None:
    """The page's publication day (ISO), or None when the page gives no usable date."""
    tree = parse_page(html)
    locale = page_locale(tree, url) if tree is not None else UNKNOWN_LOCALE
    order = locale.order if rules.locale_order else None
    evidence = page_evidence(tree, order) if tree is not None else PageEvidence([], None)
    clock = _page_clock(evidence, locale, rules)
    latest = datetime.now(clock).date()
    from_url = _plausible(as_date(date_in_url(url)), latest)
    chosen = _revision_day(evidence, url, latest) or _from_evidence(
        evidence, from_url, latest, clock, rules
    )
    if chosen is None and tree is not None and rules.labelled_parts:
        chosen = _plausible(labelled_date(tree), latest)
    if chosen is None:
        chosen = _htmldate(tree if tree is not None else html, url, latest)
    # htmldate reads no CJK dates: a Korean page's "입력 2024년 3월 5일" is found here.
    if chosen is None and tree is not None:
        chosen = _plausible(cued_date(tree, order), latest)
    return chosen.isoformat() if chosen else None


def _page_clock(evidence: PageEvidence, locale: PageLocale, rules: DateRules) -> tzinfo:
    """The clock the page keeps: the first UTC offset other than zero its stamps are written
    with, else its site's zone, else UTC (a day ahead of UTC needs one of the first two)."""
    if not _utc_labels_agree(evidence.stamps):
        return UTC
    offsets = [stamp.offset for stamp in evidence.stamps if stamp.offset and rules.offset_clock]
    if offsets:
        return timezone(offsets[0])
    return (locale.zone if rules.site_zone else None) or UTC


def _utc_labels_agree(stamps: list[Stamp]) -> bool:
    """Whether the page's UTC publication stamps name one moment: one that writes 07:25Z next
    to 21:25Z labels local times as UTC, and its stamps cannot be moved to another clock."""
    moments = [s.moment for s in stamps if s.published and s.utc and s.moment is not None]
    return not moments or max(moments) - min(moments) <= _SAME_MOMENT


def _from_evidence(
    evidence: PageEvidence,
    from_url: date | None,
    latest: date,
    clock: tzinfo,
    rules: DateRules,
) -> date | None:
    """The day the page's own evidence supports best; None to leave it to htmldate."""
    # Structured publication stamps first: a generic "date" may be a print edition's.
    ranked = sorted(evidence.stamps, key=lambda s: not (s.structured and rules.structured_first))
    days = [(_local(s, clock), s.published) for s in ranked]
    stamps = [(day, published) for day, published in days if _plausible(day, latest)]
    # The date under the headline is what readers are told, and it follows an update where the
    # URL keeps the day the slug was made.
    support = [day for day, _ in stamps] + ([from_url] if from_url else [])
    published = [day for day, is_published in stamps if is_published]
    byline = evidence.byline
    stamped = bool(published) and rules.structured_first
    if byline and _plausible(byline.day, latest) and _backed(byline, support, stamped=stamped):
        return byline.day
    return from_url or (published[0] if published else None)


def _local(stamp: Stamp, clock: tzinfo) -> date:
    """A stamp's day on the page's clock: a UTC moment moved onto it, any other as written
    (a stamp at 13:23 UTC on a page of no known clock is that day, not the next)."""
    if not stamp.utc or stamp.moment is None:
        return stamp.day
    return stamp.moment.astimezone(clock).date()


def _revision_day(evidence: PageEvidence, url: str | None, latest: date) -> date | None:
    """The day of the revision a wiki URL asks for (MediaWiki's diff= or oldid=): its page's
    metadata publishes the article's creation and modifies at the revision shown."""
    try:
        query = urlsplit(url).query if url else ""
    except ValueError:  # a malformed address ("http://[bad/") asks for no revision
        return None
    if not _REVISION_QUERY.search(query):
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


def _backed(byline: Byline, support: list[date], *, stamped: bool) -> bool:
    """Whether a byline date can be trusted: a metadata stamp or the URL gives the same day, or
    the page marks its element as a date, or, with neither to say otherwise, a clock time is
    written with it (the first date after a headline may be a caption's or a forum member's).
    A print edition's date ("Printausgabe vom 6.3.") yields to any publication stamp (`stamped`:
    the page has one), and one written "05/03/2024" to any other evidence (related stories list
    theirs so)."""
    if byline.day in support:
        return True
    if (stamped and byline.edition) or (byline.numeric and support):
        return False
    return byline.marked or (byline.timed and not support)


def _plausible(day: date | None, latest: date) -> date | None:
    """The day if it could be a web page's publication day: not in the future nor too old."""
    return day if day is not None and _EARLIEST <= day <= latest else None
