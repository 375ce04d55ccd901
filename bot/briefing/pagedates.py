"""The publication day of an HTML page: htmldate's reading checked against the URL."""

from __future__ import annotations

from datetime import date

from htmldate import find_date

from bot.briefing.dates import date_in_url, to_iso


def page_date(html: str, url: str | None = None) -> str | None:
    """The page's publication day (ISO), or None when the page gives no usable date."""
    from_url = date_in_url(url)
    try:
        found = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate trips over some malformed documents
        found = None
    return to_iso(found, latest=date.today()) or from_url
