"""Whose government "the government" is: the one country the story names with a government."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.countries import canonical_country, is_country
from bot.briefing.entities import NATION, PLACE, Mention, Mentions
from bot.briefing.wordlists import government_nouns

# Nouns for a country's rulers as one party: "the government", "the administration".
GOVERNMENT_NOUNS = government_nouns()
# A country named with any of these has a government of its own in the story, even in a
# list ("the Chinese and other governments").
_NAMED_WITH = GOVERNMENT_NOUNS | {"governments", "administrations"}


def home_government(mentions: Mentions) -> Mention | None:
    """The country a bare "the government" stands for: the only one the article names with a
    government ("the Argentine government", "Argentina's government", "the government of
    Argentina"); None when it names none or several, since then "the government" is unclear."""
    found: dict[str, Mention] = {}
    for token in mentions.doc:
        if token.lower_ in _NAMED_WITH:
            for m in _countries_of(token, mentions):
                found.setdefault(canonical_country(m.name), m)
    return next(iter(found.values())) if len(found) == 1 else None


def _countries_of(noun: Token, mentions: Mentions) -> list[Mention]:
    """The countries a government noun names as its own: a modifier or owner before it, or
    "of X" after it."""
    words = list(noun.doc[noun.left_edge.i : noun.i])
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        words += [o for o in prep.children if o.dep_ == "pobj"]
    found = (mentions.at(t) for t in words)
    return [m for m in found if m is not None and _is_country(m)]


def _is_country(m: Mention) -> bool:
    return m.kind == NATION or (m.kind == PLACE and is_country(m.name))
