"""Where a page is from, as its dates need it: the order of its numeric dates and its clock.

The tables below are the only place these rules live; `page_locale` reads a page through them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

DAY_FIRST = "dmy"
MONTH_FIRST = "mdy"

# Languages (primary subtag) whose numeric dates do not follow from the language alone: which
# English it is decides ("05/03/2024" is 5 March in London and May 3 in New York). Every other
# language writes the day first.
UNDECIDED_LANGUAGES = frozenset({"en"})
# Countries (ISO 3166 codes, as language regions and country-code domains use them) that write
# the month first, and those where both orders are in common use.
MONTH_FIRST_COUNTRIES = frozenset({"us", "ph", "pw", "fm", "mh", "as", "gu", "pr", "vi", "um"})
UNDECIDED_COUNTRIES = frozenset({"ca"})
# Country-code domains sold to anyone, which say nothing about where a site is.
GENERIC_COUNTRY_DOMAINS = frozenset(
    {"ai", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "nu", "to", "tv", "ws", "xyz"}
)
# The clock a country's sites keep, by country-code domain: the zone most of its newsrooms are
# in (a UTC stamp at 00:23 on a .ca site was written on the evening before).
SITE_ZONES = {
    "ae": "Asia/Dubai",
    "ar": "America/Argentina/Buenos_Aires",
    "at": "Europe/Vienna",
    "au": "Australia/Sydney",
    "be": "Europe/Brussels",
    "bg": "Europe/Sofia",
    "br": "America/Sao_Paulo",
    "by": "Europe/Minsk",
    "ca": "America/Toronto",
    "ch": "Europe/Zurich",
    "cl": "America/Santiago",
    "cn": "Asia/Shanghai",
    "cz": "Europe/Prague",
    "de": "Europe/Berlin",
    "dk": "Europe/Copenhagen",
    "ee": "Europe/Tallinn",
    "eg": "Africa/Cairo",
    "es": "Europe/Madrid",
    "fi": "Europe/Helsinki",
    "fr": "Europe/Paris",
    "gr": "Europe/Athens",
    "hk": "Asia/Hong_Kong",
    "hr": "Europe/Zagreb",
    "hu": "Europe/Budapest",
    "id": "Asia/Jakarta",
    "ie": "Europe/Dublin",
    "il": "Asia/Jerusalem",
    "in": "Asia/Kolkata",
    "ir": "Asia/Tehran",
    "it": "Europe/Rome",
    "jp": "Asia/Tokyo",
    "ke": "Africa/Nairobi",
    "kr": "Asia/Seoul",
    "lt": "Europe/Vilnius",
    "lv": "Europe/Riga",
    "mx": "America/Mexico_City",
    "my": "Asia/Kuala_Lumpur",
    "ng": "Africa/Lagos",
    "nl": "Europe/Amsterdam",
    "no": "Europe/Oslo",
    "nz": "Pacific/Auckland",
    "pe": "America/Lima",
    "ph": "Asia/Manila",
    "pk": "Asia/Karachi",
    "pl": "Europe/Warsaw",
    "pt": "Europe/Lisbon",
    "ro": "Europe/Bucharest",
    "rs": "Europe/Belgrade",
    "ru": "Europe/Moscow",
    "sa": "Asia/Riyadh",
    "se": "Europe/Stockholm",
    "sg": "Asia/Singapore",
    "si": "Europe/Ljubljana",
    "sk": "Europe/Bratislava",
    "th": "Asia/Bangkok",
    "tr": "Europe/Istanbul",
    "tw": "Asia/Taipei",
    "ua": "Europe/Kyiv",
    "uk": "Europe/London",
    "us": "America/New_York",
    "vn": "Asia/Ho_Chi_Minh",
    "za": "Africa/Johannesburg",
}

# Words that say a date is a print edition's, not the online publication's, in the languages
# of the sites read most (a daily's page often shows both under the headline).
EDITION_WORDS = (
    "edition",
    "print",
    "ausgabe",
    "édition",
    "edizione",
    "edición",
    "edição",
    "editie",
    "wydanie",
    "выпуск",
    "sayı",
    "朝刊",
    "夕刊",
    "紙面",
    "지면",
)
# Latin words must start a word ("print" is no "sprint"); CJK ones are written without spaces.
_EDITION = re.compile(
    "|".join(rf"(?<![^\W\d_]){word}" if word.isascii() else word for word in EDITION_WORDS),
    re.IGNORECASE,
)

# Class words that label the parts of a date written in elements of their own, as blog themes'
# calendar badges do (<span class="month">Feb</span><span class="day">18</span><span
# class="year">2009</span>), in the languages of the themes read most.
DATE_PART_LABELS = {
    "day": ("day", "tag", "jour", "dia", "día", "giorno", "dag"),
    "month": ("month", "monat", "mois", "mes", "mese", "maand"),
    "year": ("year", "jahr", "annee", "année", "ano", "año", "anno", "jaar"),
}
_DATE_PART = {label: part for part, labels in DATE_PART_LABELS.items() for label in labels}
_CLASS_WORD = re.compile(r"[^\s_-]+")

# Words that introduce a page's publication time in a line of its own ("입력 2024.03.05 14:22",
# "掲載日：2024年3月5日", "Veröffentlicht am 5. März 2024").
PUBLISHED_CUES = (
    "입력",
    "등록",
    "발행",
    "게재",
    "송고",
    "公開",
    "掲載",
    "配信",
    "更新日",
    "发布",
    "發布",
    "发表",
    "published",
    "posted",
    "veröffentlicht",
    "publié",
    "pubblicato",
    "publicado",
    "opublikowano",
    "опубликовано",
    "yayınlanma",
)
_PUBLISHED_CUE = re.compile("|".join(PUBLISHED_CUES), re.IGNORECASE)

# Short words that tell English from the other languages written in Latin letters, for pages
# that name no language: a title of "le", "und", "para" is written by a day-first writer.
ENGLISH_WORDS = frozenset(
    {"the", "and", "of", "to", "in", "for", "on", "with", "at", "by", "from", "is", "after"}
)
OTHER_LATIN_WORDS = frozenset(
    word
    for words in (
        "der das und mit für nach von dem ist",  # German
        "le la les des et du une pour avec dans sur",  # French
        "el los las y del por para con una",  # Spanish
        "il di che della nel gli",  # Italian
        "na em ao uma",  # Portuguese
        "het een voor ook niet",  # Dutch
        "och att på för som",  # Swedish
        "ve bir ile için",  # Turkish
        "że się nie jak",  # Polish
    )
    for word in words.split(" ")
)
# A title mostly in letters beyond Latin (Cyrillic, Greek, Arabic, CJK ...) is no US English.
_LATIN_END = 0x24F


@dataclass(frozen=True)
class PageLocale:
    """How a page writes dates: its numeric order (None when nothing decides) and its site's
    clock (None when the site's country is not known)."""

    order: str | None
    zone: tzinfo | None


UNKNOWN_LOCALE = PageLocale(order=None, zone=None)


def page_locale(tree: HtmlElement, url: str | None) -> PageLocale:
    """The locale a page's language tags and its domain give."""
    country = _domain_country(url)
    zone_name = SITE_ZONES.get(country or "")
    tags = _language_tags(tree)
    order = day_order(tags, country)
    if order is None and not tags:
        order = words_order(_title_and_description(tree))
    return PageLocale(order=order, zone=ZoneInfo(zone_name) if zone_name else None)


def words_order(text: str) -> str | None:
    """The numeric order the words of a page of no named language give: day first for a text
    mostly in a script beyond Latin or in the short words of another Latin-script language."""
    letters = [char for char in text if char.isalpha()]
    if letters and sum(ord(char) > _LATIN_END for char in letters) * 2 > len(letters):
        return DAY_FIRST
    words = text.lower().split()
    english = sum(word in ENGLISH_WORDS for word in words)
    other = sum(word in OTHER_LATIN_WORDS for word in words)
    return DAY_FIRST if other >= 2 and other > english else None


def _title_and_description(tree: HtmlElement) -> str:
    """The page's title and description, the words that say which language it is in."""
    title = tree.findtext(".//title", default="")
    description = tree.xpath("//meta[@name='description']/@content")[:1]
    return " ".join([title, *description])


def day_order(tags: list[str], country: str | None) -> str | None:
    """The numeric order the first telling sign gives: a language tag's region ("en-GB"), the
    site's country, then the language itself; None for English on a site of no country."""
    regions = [part for tag in tags for part in tag.split("-")[1:] if len(part) == 2]
    for code in (*regions, country):
        if code and code.isalpha():
            return _country_order(code)
    languages = [tag.split("-")[0] for tag in tags]
    return DAY_FIRST if languages and languages[0] not in UNDECIDED_LANGUAGES else None


def _country_order(country: str) -> str | None:
    """The numeric order a country writes dates in."""
    if country in UNDECIDED_COUNTRIES:
        return None
    return MONTH_FIRST if country in MONTH_FIRST_COUNTRIES else DAY_FIRST


def _language_tags(tree: HtmlElement) -> list[str]:
    """The page's language tags, lower-cased with hyphens: <html lang>, then og:locale."""
    values = [tree.get("lang") or tree.get("xml:lang") or ""]
    values += tree.xpath("//meta[@property='og:locale']/@content")[:1]
    values += tree.xpath("//meta[@http-equiv='content-language']/@content")[:1]
    tags = [value.strip().lower().replace("_", "-") for value in values]
    return [tag for tag in tags if tag]


def _domain_country(url: str | None) -> str | None:
    """The country a URL's country-code domain names ("uk" for bbc.co.uk); None otherwise."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed address ("http://[bad/") names no country
        return None
    suffix = host.rsplit(".", 1)[-1] if host else ""
    if len(suffix) != 2 or not suffix.isalpha() or suffix in GENERIC_COUNTRY_DOMAINS:
        return None
    return suffix


def is_edition_line(text: str) -> bool:
    """Whether a line names a print edition ("Printausgabe", "Print edition", "朝刊")."""
    return bool(_EDITION.search(text))


def published_cues(text: str) -> Iterator[int]:
    """Where the words that introduce a publication time end in a text."""
    for m in _PUBLISHED_CUE.finditer(text):
        yield m.end()


def date_part(classes: str) -> str | None:
    """Which part of a date ("day", "month", "year") an element's class words label it as
    ("date-month" and "monat" are a month); None when they label none."""
    for word in _CLASS_WORD.findall(classes.lower()):
        if word in _DATE_PART:
            return _DATE_PART[word]
    return None
