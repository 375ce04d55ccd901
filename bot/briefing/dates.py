"""Dates: the publication day from the best evidence, and meeting days relative to it."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_MDY = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(\d{4})", re.IGNORECASE)
_MD = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_DM = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r"\b", re.IGNORECASE)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$)")
_URL_COMPACT = re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)")
_STAMP_LINE = re.compile(
    r"^\W*(?:(?:published|posted|updated|date)(?:\s+on)?\s*:?\s*)?(.{6,40}?)\W*$", re.IGNORECASE
)
_EARLIEST = date(1980, 1, 1)


def to_iso(value: str | None, *, latest: date | None = None) -> str | None:
    """An ISO date (YYYY-MM-DD) from an ISO, RFC 2822 or written date with a year; else None."""
    parsed = parse_date(value) if value else None
    if parsed is None or parsed < _EARLIEST or (latest is not None and parsed > latest):
        return None
    return parsed.isoformat()


def parse_date(value: str) -> date | None:
    """A full date (day, month and year) written in a common form; None when partial."""
    value = value.strip()
    m = _ISO.search(value)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = _MDY.search(value)
    if m:
        return _safe_date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    m = _DMY.search(value)
    if m:
        return _safe_date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def date_in_url(url: str | None) -> str | None:
    """The day a URL path carries, such as /2020/06/07/ or -20200607-."""
    if not url:
        return None
    for pattern in (_URL_DATE, _URL_COMPACT):
        m = pattern.search(url)
        if m:
            day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
            if day is not None:
                return day.isoformat()
    return None


def date_in_lines(lines: list[str]) -> str | None:
    """A line that is only a date or a "Published: ..." stamp, as scraped texts carry."""
    for line in lines:
        if len(line) > 60:
            continue
        m = _STAMP_LINE.match(line)
        day = parse_date(m[1]) if m else None
        if day is not None and day >= _EARLIEST:
            return day.isoformat()
    return None


def published_date(
    *,
    feed: str | None = None,
    page: str | None = None,
    url: str | None = None,
    text_stamp: str | None = None,
) -> str | None:
    """The publication day: the feed's date, else the page's, else the URL's, else the text's."""
    for candidate in (feed, page, date_in_url(url), text_stamp):
        iso = to_iso(candidate)
        if iso:
            return iso
    return None


def resolve_day(expression: str, anchor: date | None) -> date | None:
    """The day an expression such as "on Tuesday", "yesterday" or "March 2" names, given the
    publication day; past days are preferred because news reports what happened."""
    low = expression.lower().strip()
    full = parse_date(expression)
    if full is not None:
        return full
    if anchor is None:
        return None
    if re.search(r"\b(today|this (morning|afternoon|evening)|tonight)\b", low):
        return anchor
    if "yesterday" in low:
        return anchor - timedelta(days=1)
    for i, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            back = (anchor.weekday() - i) % 7
            if "last" in low and back == 0:
                back = 7
            return anchor - timedelta(days=back)
    m = _MD.search(expression) or _DM.search(expression)
    if m:
        month, day = (m[1], m[2]) if not m[1].isdigit() else (m[2], m[1])
        found = _safe_date(anchor.year, _MONTHS[month.lower()], int(day))
        if found is not None and found > anchor:
            found = _safe_date(anchor.year - 1, found.month, found.day)
        return found
    return None


def as_date(value: str | None) -> date | None:
    """An ISO string back to a date; None when absent or malformed."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
