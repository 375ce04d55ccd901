"""Small text helpers for feed fields: HTML to plain text, and dates to ISO-8601 UTC."""

from __future__ import annotations

import email.utils
import html
import re
import time
from datetime import UTC, datetime

# Summaries are short; capping the input bounds the regex work on a hostile 5 MB field.
_MAX_MARKUP = 200_000
# Patterns stop at the next "<" so that unclosed tags cannot make matching quadratic.
_HIDDEN = ("script", "style", "noscript", "template", "head")
_HIDDEN_OPEN = re.compile(rf"<({'|'.join(_HIDDEN)})\b|<!--", re.IGNORECASE)
_HIDDEN_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _HIDDEN}
_COMMENT_CLOSE = re.compile("-->")
_BLOCK = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|blockquote|pre|section|"
    r"article|header|footer|aside|figure|figcaption|img)\b[^<>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<![^<>]*>|<\?[^<>]*>")
_SPACE = re.compile(r"\s+")
# Years outside this range are junk in a feed (zeroed or overflowed dates), not news.
_YEARS = range(1970, 2200)


def html_to_text(markup: str | None) -> str:
    """Visible text of an HTML fragment on one line: tags dropped, entities decoded."""
    if not markup:
        return ""
    text = _strip_markup(markup[:_MAX_MARKUP])
    # Markup escaped twice ("&lt;p&gt;") only shows up once the entities are decoded.
    if _TAG.search(text):
        text = _strip_markup(text)
    return _SPACE.sub(" ", text).strip()


def _strip_markup(text: str) -> str:
    if "<" in text:
        text = _drop_hidden(text)
        text = _BLOCK.sub(" ", text)
        text = _TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def iso_from_struct(value: time.struct_time | None) -> str | None:
    """A UTC struct_time (as feed parsers give) as ISO-8601, or None when absent or absurd."""
    if value is None:
        return None
    try:
        moment = datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return _iso(moment)


def iso_from_text(value: object) -> str | None:
    """An ISO-8601 or RFC 822 date string as ISO-8601 UTC, or None when it cannot be read.

    A date without a time zone is taken as UTC.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _iso(moment)


def _drop_hidden(markup: str) -> str:
    """`markup` without scripts, styles and comments; an unclosed one hides the rest."""
    kept = []
    position = 0
    while (opening := _HIDDEN_OPEN.search(markup, position)) is not None:
        kept.append(markup[position : opening.start()])
        name = opening.group(1)
        closer = _HIDDEN_CLOSE[name.lower()] if name else _COMMENT_CLOSE
        closing = closer.search(markup, opening.end())
        if closing is None:
            return " ".join(kept)
        position = closing.end()
        kept.append(" ")
    kept.append(markup[position:])
    return "".join(kept)


def _iso(moment: datetime) -> str | None:
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return moment.isoformat() if moment.year in _YEARS else None
