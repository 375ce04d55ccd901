"""Countries by every name news gives them: demonyms, short forms, halves of "Franco-German"."""

from __future__ import annotations

from bot.briefing.wordlists import table

_TABLE = table("countries.toml")
_DEMONYMS: dict[str, str] = _TABLE["demonyms"]
_COUNTRY_ALIASES: dict[str, str] = _TABLE["aliases"]


def country_of_demonym(word: str) -> str | None:
    """The country an adjective of nationality names ("Finnish" -> "Finland"), if known."""
    return _DEMONYMS.get(word.lower().strip())


def canonical_country(name: str) -> str:
    """One spelling per country ("U.S." and "USA" -> "United States")."""
    return _COUNTRY_ALIASES.get(name.lower().strip(), name)


COUNTRIES = (
    frozenset(_DEMONYMS.values())
    | frozenset(_COUNTRY_ALIASES.values())
    | frozenset(canonical_country(name) for name in _TABLE["states"]["names"])
) - {"Europe"}


def is_country(name: str) -> bool:
    """True for a country under any of its names ("U.S.", "United States")."""
    return canonical_country(name) in COUNTRIES


# First halves of hyphenated pairs of nations: "Franco-German", "Sino-Japanese".
_COMBINING_FORMS: dict[str, str] = _TABLE["combining_forms"]


def country_of_pair_part(word: str) -> str | None:
    """The country one half of a hyphenated pair names ("Franco", "German", "U.S.")."""
    low = word.lower().strip()
    if low in _COMBINING_FORMS:
        return _COMBINING_FORMS[low]
    country = country_of_demonym(low) or canonical_country(word.strip())
    return country if country in COUNTRIES else None
