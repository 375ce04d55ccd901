"""Dates: the publication day from the best evidence, and meeting days relative to it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from bot.briefing.datelocales import DAY_FIRST, MONTH_FIRST

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
# Full month names of the other languages news pages are often written in (German, French,
# Italian, Spanish, Portuguese, Dutch, Scandinavian), for dates shown on pages, not English prose.
_FOREIGN_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            "januar jänner janvier gennaio enero janeiro januari",
            "februar février febbraio febrero fevereiro februari",
            "märz mars marzo março maart marts",
            "april avril aprile abril",
            "mai maggio mayo maio mei maj",
            "juni juin giugno junio junho",
            "juli juillet luglio julio julho",
            "august août agosto augustus augusti",
            "september septembre settembre septiembre setiembre setembro",
            "oktober octobre ottobre octubre outubro",
            "november novembre noviembre novembro",
            "dezember décembre dicembre diciembre dezembro december",
        ]
    )
    for name in names.split()
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_MDY = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(\d{4})", re.IGNORECASE)
# Numeric dates in the two unambiguous orders: year first (2020/12/25, Korean "2024. 3. 5."),
# or day first with dots.
_YMD_NUMERIC = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:/|\.\s?)(\d{1,2})(?:/|\.\s?)(\d{1,2})(?!\d)")
# Chinese and Japanese "2024年3月5日", Korean "2024년 3월 5일".
_YMD_CJK = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# A numeric date with slashes or dashes and the year last ("05/03/2024"), which the page's
# locale reads: 5 March in London, May 3 in New York.
_NUMERIC_YEAR_LAST = re.compile(r"(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2((?:19|20)\d{2})(?![\d/-])")
# Day first with dots, the year in full or in two digits ("10.12.19", as bylines abbreviate it).
_DMY_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2}(?!\d)|\d{2}(?![\d.]))")
# "24. Januar 2022", "6 dicembre 2020", "1er mars 2021", "6 de diciembre de 2020".
_DMY_FOREIGN = re.compile(
    r"(?<!\d)(\d{1,2})(?:er|º|\.)?\s+(?:de\s+)?("
    + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
    + r")\b,?\s+(?:de\s+)?((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
# The year and the day of a date written in parts ("2009", "18", "21st", "5.").
_PART_YEAR = re.compile(r"(?:19|20)\d{2}")
_PART_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th|\.)?")
_MONTH_PREFIX = 3
_MD = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_DM = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r"\b", re.IGNORECASE)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$)")
_URL_COMPACT = re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)")
# A post's id on Twitter/X is a Snowflake: its bits above the 22nd count milliseconds since
# the service's epoch, so the URL itself says when it was posted (ids before 2010 are shorter).
_TWEET_URL = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status(?:es)?/(\d{15,20})")
_SNOWFLAKE_EPOCH_MS = 1_288_834_974_657
_STAMP_LINE = re.compile(
    r"^\W*(?:(?:published|posted|updated|date)(?:\s+on)?\s*:?\s*)?(.{6,40}?)\W*$", re.IGNORECASE
)
# The zeros of the digit sets pages write dates in besides ASCII (Arabic-Indic, Persian,
# Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Thai, Lao,
# Myanmar, Khmer, and the full-width digits of Chinese and Japanese text), each followed by nine.
_DIGIT_ZEROS = (
    0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
    0x0C66, 0x0CE6, 0x0D66, 0x0E50, 0x0ED0, 0x1040, 0x17E0, 0xFF10,
)  # fmt: skip
_ASCII_DIGITS = {zero + value: str(value) for zero in _DIGIT_ZEROS for value in range(10)}
_EARLIEST = date(1980, 1, 1)
# How far ahead a day named without its year is taken as coming rather than last year's.
_COMING = timedelta(days=92)


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


class DateHit(NamedTuple):
    """A date found in a text, and whether it is written in numbers with the year last."""

    day: date
    numeric: bool


def first_date(text: str, order: str | None = None) -> date | None:
    """The full date written first in a text, whatever its form; None when there is none (or
    when it is a "05/03/2024" that `order` does not decide: see first_date_hit)."""
    hit = first_date_hit(text, order)
    return hit.day if hit else None


def first_date_hit(text: str, order: str | None = None) -> DateHit | None:
    """The date written first in a text; None when there is none, or when the first is numeric
    with the year last, reads validly both ways and `order` (the page's DAY_FIRST or
    MONTH_FIRST) does not decide between them. The digits of other scripts read as ASCII ones
    ("٥/٣/٢٠٢٤" on an Arabic page is 5 March)."""
    text = text.translate(_ASCII_DIGITS)
    found: list[tuple[int, DateHit | None]] = []
    for pattern, pattern_order in (
        (_ISO, "ymd"),
        (_YMD_NUMERIC, "ymd"),
        (_YMD_CJK, "ymd"),
        (_MDY, "mdy"),
        (_DMY, "dmy"),
        (_DMY_DOTTED, "dmy"),
        (_DMY_FOREIGN, "dmy"),
    ):
        for m in pattern.finditer(text):
            day = _from_groups(m, pattern_order)
            if day is not None:
                found.append((m.start(), DateHit(day, numeric=False)))
                break
    numeric = _first_numeric_year_last(text, order)
    if numeric is not None:
        position, day = numeric
        found.append((position, DateHit(day, numeric=True) if day else None))
    return min(found, key=lambda hit: hit[0])[1] if found else None


def _first_numeric_year_last(text: str, order: str | None) -> tuple[int, date | None] | None:
    """(position, day) of the first valid "05/03/2024"-style date; the day is None when the
    order is unknown and the date reads validly both ways."""
    for m in _NUMERIC_YEAR_LAST.finditer(text):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        day_first = _safe_date(year, second, first)
        month_first = _safe_date(year, first, second)
        if day_first is None and month_first is None:
            continue
        if day_first is None or month_first is None or day_first == month_first:
            return m.start(), day_first or month_first
        return m.start(), {DAY_FIRST: day_first, MONTH_FIRST: month_first}.get(order or "")
    return None


def date_from_parts(year: str, month: str, day: str) -> date | None:
    """The date three separately written parts name: a full year, a month in digits or words
    (also cut short, "Feb", "Mär", "déc."), a day with or without its ending ("18", "21st")."""
    year_m = _PART_YEAR.fullmatch(year.strip())
    day_m = _PART_DAY.fullmatch(day.strip().lower())
    number = _month_number(month.strip().lower().rstrip("."))
    if year_m is None or day_m is None or number is None:
        return None
    return _safe_date(int(year_m[0]), number, int(day_m[1]))


def _month_number(word: str) -> int | None:
    """The month a word names: digits, or the start (three letters at least) of the names of
    one month only ("mar" is March in every language, "ma" could be March or May)."""
    if word.isdigit():
        return int(word)
    if len(word) < _MONTH_PREFIX:
        return None
    names = (*_MONTHS.items(), *_FOREIGN_MONTHS.items())
    numbers = {number for name, number in names if name.startswith(word)}
    return numbers.pop() if len(numbers) == 1 else None


def date_in_url(url: str | None) -> str | None:
    """The day a URL path carries, such as /2020/06/07/ or -20200607-, or a post's id encodes."""
    if not url:
        return None
    tweet = _TWEET_URL.match(url)
    if tweet:
        moment = ((int(tweet[1]) >> 22) + _SNOWFLAKE_EPOCH_MS) / 1000
        return datetime.fromtimestamp(moment, tz=UTC).date().isoformat()
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
    if re.search(r"\b(yesterday|last night)\b", low):
        return anchor - timedelta(days=1)
    for i, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            back = (anchor.weekday() - i) % 7
            # Yesterday would be "yesterday" or "on Thursday": "last Thursday" is last week's.
            if "last" in low and back <= 1:
                back += 7
            return anchor - timedelta(days=back)
    m = _MD.search(expression) or _DM.search(expression)
    if m:
        month, day = (m[1], m[2]) if not m[1].isdigit() else (m[2], m[1])
        return _past_day(_MONTHS[month.lower()], int(day), anchor)
    return None


def _past_day(month: int, day: int, anchor: date) -> date | None:
    """The day a month and day without a year name: this year's, or last year's when this
    year's is still months away; None for one soon to come (an event announced ahead)."""
    found = _safe_date(anchor.year, month, day)
    if found is None or found <= anchor:
        return found
    if found - anchor <= _COMING:
        return None
    return _safe_date(anchor.year - 1, month, day)


def as_date(value: str | None) -> date | None:
    """An ISO string back to a date; None when absent or malformed."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None


def _from_groups(m: re.Match[str], order: str) -> date | None:
    """The date a match holds, its groups in the given order; month names are looked up."""
    parts = dict(zip(order, (m[1], m[2], m[3]), strict=True))
    month = parts["m"]
    name = month.lower()
    number = int(month) if month.isdigit() else _MONTHS.get(name) or _FOREIGN_MONTHS[name]
    return _safe_date(_full_year(parts["y"]), number, int(parts["d"]))


def _full_year(year: str) -> int:
    """A year written in full or in two digits; two digits mean this century up to next year."""
    if len(year) != 2:
        return int(year)
    short = int(year)
    return 2000 + short if short <= date.today().year % 100 + 1 else 1900 + short


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
