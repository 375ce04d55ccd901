"""Date evidence inside an HTML page: metadata stamps and the date shown under the headline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from lxml import html as lxml_html
from lxml.etree import ParserError, XMLSyntaxError

from bot.briefing.datelocales import DATE_PART_LABELS, date_part, is_edition_line, published_cues
from bot.briefing.dates import date_from_parts, first_date, first_date_hit, parse_date

# Meta names (lower-cased property, name or itemprop) that carry the first publication time,
# the more specific (and more often right) first.
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "og:pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "pub_date",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
)
# The meta names of the structured publication stamps, which outrank a generic "date".
_STRUCTURED_META = {"article:published_time", "og:article:published_time", "datepublished"}
_MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
)
# Schema.org objects whose dates describe something embedded in the page, not the page itself.
_EMBEDDED_TYPES = {"VideoObject", "ImageObject", "AudioObject", "MediaObject", "Comment", "Review"}
_LD_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{6,40})"')
# A date-time written in UTC, where the publisher's own day may differ from the one written.
_UTC_SUFFIX = re.compile(r"(?:Z|[+-]00:?00|\bUTC|\bGMT)\s*$", re.IGNORECASE)
# How far after a publication cue its date may start ("입력 : 2024-03-05", "Posted on Tuesday,").
_CUED_CHARS = 40
# An ISO 8601 date-time with its UTC offset: "Z", "+03:00", "-0500" (fractions of seconds aside).
_ISO_MOMENT = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?\s*"
    r"(?:Z|([+-])(\d{2}):?(\d{2})?)(?![\d:])"
)
# The years a stamp's moment is kept in (outside them it is a placeholder or garbage).
_MOMENT_YEARS = (1900, 2100)
# How much text after the headline counts as its byline: enough for an author line and a stamp.
_BYLINE_CHARS = 250
# Class, id or itemprop words of the elements that hold a page's own date (bylines keep the
# author and the date together), looked for on the text's element and its two parents.
_DATE_MARK = re.compile(r"date|time|byline|meta|posted|author|stamp", re.IGNORECASE)
_MARK_LEVELS = 3
# A clock time next to a date makes it a timestamp rather than a caption's or a member's date.
# Also Japanese and Chinese "10時30分", Korean "10시 30분".
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])|\d{1,2}\s?[時时시]\s?\d{1,2}\s?[分분]")
# How much text before the headline counts as a dateline above it.
_KICKER_CHARS = 100
# Elements whose text is no byline: code, and photo captions (which date the photo, not the story).
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "figure", "figcaption"}


@dataclass(frozen=True)
class Stamp:
    """One date the page's metadata states, read as written (in the page's own time zone)."""

    day: date
    published: bool  # False for a modification date
    utc: bool  # written in UTC, so the publisher's local day may be one either side
    moment: datetime | None = None  # the time too, when it is written with its UTC offset
    structured: bool = False  # JSON-LD, article:published_time or a <time>, not a generic "date"

    @property
    def offset(self) -> timedelta | None:
        """The stamp's UTC offset when it is written with one."""
        return self.moment.utcoffset() if self.moment is not None else None


@dataclass(frozen=True)
class Byline:
    """The date shown next to the headline, and whether the page marks its element as a date."""

    day: date
    marked: bool  # its element's class, id or itemprop says date, time, byline, meta or the like
    timed: bool  # a clock time is written next to it
    edition: bool = False  # it is said to be a print edition's ("Printausgabe vom 5.3.2024")
    numeric: bool = False  # written "05/03/2024", as lists of related stories write theirs too


@dataclass(frozen=True)
class PageEvidence:
    """The page's metadata stamps, in order of trust, and the date shown under its headline."""

    stamps: list[Stamp]
    byline: Byline | None


def parse_page(html: str) -> lxml_html.HtmlElement | None:
    """The page as an lxml tree; None when it cannot be parsed."""
    try:
        return lxml_html.document_fromstring(
            html.encode("utf-8", "replace"), parser=lxml_html.HTMLParser(encoding="utf-8")
        )
    except (ParserError, XMLSyntaxError, ValueError):
        return None


def page_evidence(tree: lxml_html.HtmlElement, order: str | None = None) -> PageEvidence:
    """The date evidence of a parsed page, its "05/03/2024" dates read in `order` (DAY_FIRST,
    MONTH_FIRST, or None when the page's locale does not decide)."""
    values = (*_meta_values(tree), *_jsonld_values(tree), *_time_values(tree))
    stamps = [
        stamp
        for value, published, structured in values
        if (stamp := _read_stamp(value, published, structured, order)) is not None
    ]
    return PageEvidence(stamps=stamps, byline=_byline(tree, order))


def _read_stamp(value: str, published: bool, structured: bool, order: str | None) -> Stamp | None:
    """A stamp from a written date-time, keeping the day it was written in; None if no date."""
    day = parse_date(value) or first_date(value, order)
    if day is None:
        return None
    moment = _moment(value.strip())
    utc = bool(_UTC_SUFFIX.search(value.strip())) or (moment is not None and not moment.utcoffset())
    return Stamp(day, published, utc, moment, structured)


def _moment(value: str) -> datetime | None:
    """The date-time a stamp writes with its UTC offset (ISO 8601, also with a one-digit field
    as in "2020-12-05T23:15:0Z", or RFC 2822); None when it has no time or no offset, or is in
    no year a web page is from (moving year 1 or 9999 to another clock overflows)."""
    m = _ISO_MOMENT.search(value)
    try:
        moment = _iso_moment(m) if m else parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None or not _MOMENT_YEARS[0] <= moment.year <= _MOMENT_YEARS[1]:
        return None
    return moment


def _iso_moment(m: re.Match[str]) -> datetime:
    """The aware date-time an _ISO_MOMENT match writes; ValueError when a field is out of range."""
    year, month, day, hour, minute, second = (int(part or 0) for part in m.groups()[:6])
    sign, hours, minutes = m[7], m[8], m[9]
    offset = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    zone = timezone(-offset if sign == "-" else offset)
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


def _jsonld_values(tree: lxml_html.HtmlElement) -> Iterator[tuple[str, bool, bool]]:
    """(value, is publication, is structured) of the page's JSON-LD publication and
    modification dates."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        text = script.text or ""
        try:
            pairs = list(_jsonld_dates(json.loads(text, strict=False)))
        # Broken JSON-LD is common, and nesting thousands deep overflows the parser's stack;
        # the date fields of either are still readable.
        except (ValueError, RecursionError):
            pairs = [(m[1], m[2]) for m in _LD_DATE.finditer(text)]
        for key, value in pairs:
            yield value, key == "datePublished", True


def _jsonld_dates(node: object) -> Iterator[tuple[str, str]]:
    """(key, value) of the publication and modification dates, outermost objects first."""
    if isinstance(node, list):
        for item in node:
            yield from _jsonld_dates(item)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    kinds = set(kind) if isinstance(kind, list) else {kind}
    if kinds & _EMBEDDED_TYPES:
        return
    for key in ("datePublished", "dateModified"):
        value = node.get(key)
        if isinstance(value, str):
            yield key, value
    for value in node.values():
        if isinstance(value, dict | list):
            yield from _jsonld_dates(value)


def _meta_values(tree: lxml_html.HtmlElement) -> Iterator[tuple[str, bool, bool]]:
    """(value, is publication, is structured) of the page's date meta tags, in the order of
    the name lists (the first of each)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if content and key not in found and (key in _PUBLISHED_META or key in _MODIFIED_META):
            found[key] = content
    for key in (*_PUBLISHED_META, *_MODIFIED_META):
        if key in found:
            yield found[key], key in _PUBLISHED_META, key in _STRUCTURED_META


def _time_values(tree: lxml_html.HtmlElement) -> Iterator[tuple[str, bool, bool]]:
    """The machine-readable times that the page marks as its publication, then the first one
    in the header that holds the headline (where an article's own time is put)."""
    for elem in tree.xpath("//time[@datetime][@itemprop='datePublished' or @pubdate]"):
        yield elem.get("datetime"), True, True
    for elem in tree.xpath("//header[.//h1]//time[@datetime]")[:1]:
        yield elem.get("datetime"), True, True


def _byline(tree: lxml_html.HtmlElement, order: str | None) -> Byline | None:
    """The date written right after the headline, where bylines put it, else right before it,
    where some pages put a dateline above the headline."""
    headline = _headline(tree)
    if headline is None:
        return None
    return _first_in(_texts_after(headline), _BYLINE_CHARS, order, forward=True) or _first_in(
        _texts_before(headline), _KICKER_CHARS, order, forward=False
    )


def cued_date(tree: lxml_html.HtmlElement, order: str | None) -> date | None:
    """The first date anywhere in the page's text that a publication cue introduces ("입력
    2024. 3. 5.", "配信 2024年3月5日"), for pages whose headline has no date near it."""
    body = tree.find("body")
    if body is None:
        return None
    text = " ".join(" ".join(piece.split()) for piece, _ in _texts_in(body))
    for end in published_cues(text):
        day = first_date(text[end : end + _CUED_CHARS], order)
        if day is not None:
            return day
    return None


def labelled_date(tree: lxml_html.HtmlElement) -> date | None:
    """The first date written in parts that the markup labels day, month and year, as a blog's
    calendar badge writes its newest post's (<span class="month">Feb</span><span
    class="day">18</span><span class="year">2009</span>), which no text search reads whole."""
    body = tree.find("body")
    for elem in body.iter() if body is not None else ():
        parts = _labelled_parts(elem)
        if len(parts) == len(DATE_PART_LABELS):
            day = date_from_parts(parts["year"], parts["month"], parts["day"])
            if day is not None:
                return day
    return None


def _labelled_parts(elem: lxml_html.HtmlElement) -> dict[str, str]:
    """The texts of an element's children by the date part their class labels, the first of
    each (a date picker's list of days reads as no day)."""
    parts: dict[str, str] = {}
    for child in elem:
        part = date_part(child.get("class", "")) if isinstance(child.tag, str) else None
        if part and part not in parts:
            parts[part] = " ".join(child.text_content().split())
    return parts


def _first_in(
    texts: Iterator[tuple[str, lxml_html.HtmlElement]],
    limit: int,
    order: str | None,
    *,
    forward: bool,
) -> Byline | None:
    """The first date within `limit` characters of a stream of (text, holder) pieces."""
    window = ""
    for text, holder in texts:
        piece = " ".join(text.split())
        window = (window + " " + piece)[:limit] if forward else (piece + " " + window)[-limit:]
        # A date may span pieces ("May <b>6</b>, 2019") and always ends (or, read backwards,
        # starts) in the piece with a digit that completes it.
        if any(char.isdigit() for char in piece):
            hit = first_date_hit(window, order)
            if hit is not None:
                return Byline(
                    day=hit.day,
                    marked=_is_marked(holder),
                    timed=bool(_CLOCK.search(piece)),
                    edition=is_edition_line(window),
                    numeric=hit.numeric,
                )
        if len(window) >= limit:
            break
    return None


def _texts_after(elem: lxml_html.HtmlElement) -> Iterator[tuple[str, lxml_html.HtmlElement]]:
    """The (text, holder) pieces after an element, in reading order."""
    node: lxml_html.HtmlElement | None = elem
    while node is not None:
        if node.tail:
            yield node.tail, node.getparent()
        for sibling in node.itersiblings():
            yield from _texts_in(sibling)
        node = node.getparent()


def _texts_before(elem: lxml_html.HtmlElement) -> Iterator[tuple[str, lxml_html.HtmlElement]]:
    """The (text, holder) pieces before an element, nearest first."""
    node: lxml_html.HtmlElement | None = elem
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            yield from reversed(list(_texts_in(sibling)))
        parent = node.getparent()
        if parent is not None and parent.text:
            yield parent.text, parent
        node = parent


def _texts_in(elem: lxml_html.HtmlElement) -> Iterator[tuple[str, lxml_html.HtmlElement]]:
    """The (text, holder) pieces of an element and its tail, less code, captions and comments."""
    if isinstance(elem.tag, str) and elem.tag not in _SKIPPED_TAGS:
        if elem.text:
            yield elem.text, elem
        for child in elem:
            yield from _texts_in(child)
    if elem.tail:
        yield elem.tail, elem.getparent()


def _is_marked(elem: lxml_html.HtmlElement | None) -> bool:
    """Whether an element, or one of its near ancestors, is labelled as holding a date."""
    for _ in range(_MARK_LEVELS):
        if elem is None:
            return False
        labels = " ".join(elem.get(attr, "") for attr in ("class", "id", "itemprop"))
        if _DATE_MARK.search(labels):
            return True
        elem = elem.getparent()
    return False


def _headline(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The article's h1: the longest one the page title repeats (a site-name h1 is shorter),
    else the first with any text (an empty one holds a logo); on a page with no h1, the h2s."""
    texts = _headings(tree, "h1") or _headings(tree, "h2")
    title = _squeeze(tree.findtext(".//title", default=""))
    in_title = [(text, h) for text, h in texts if text in title]
    if in_title:
        return max(in_title, key=lambda pair: len(pair[0]))[1]
    return texts[0][1] if texts else None


def _headings(tree: lxml_html.HtmlElement, tag: str) -> list[tuple[str, lxml_html.HtmlElement]]:
    """The (squeezed text, element) of the page's `tag` headings that have any text."""
    texts = [(_squeeze(h.text_content()), h) for h in tree.iter(tag)]
    return [(text, h) for text, h in texts if text]


def _squeeze(text: str) -> str:
    """Lower-cased text with runs of white space as single spaces, for comparing."""
    return " ".join(text.split()).lower()
