"""Who "the prime minister" is: a reference by office to the one person named with it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from bot.briefing.countries import canonical_country, country_of_demonym
from bot.briefing.entities import NATION, PERSON, PLACE, Mention, Mentions
from bot.briefing.lexicon import TITLE_MODIFIERS
from bot.briefing.parties import make_party
from bot.briefing.wordlists import (
    honorifics,
    other_office_words,
    single_offices,
    timeless_words,
)

# Offices one person holds at a time, that a story names by office alone.
OFFICE_HEADS = single_offices()
_SHORT_FORMS = {"pm": ("prime", "minister")}
# Words that make another office of the same head: a deputy prime minister is not "the prime
# minister", nor a former president "the president".
_OTHER_OFFICE = other_office_words()
# Words that say when a holder holds the office, not which office it is.
_TIMELESS = timeless_words()
# Words a written title may carry that name no office: the honorific "Mr" in "Deputy Prime
# Minister Mr X", "H.E." in "Minister H.E. Y", and "the".
_NOT_OFFICE = honorifics() | {"the"}


@dataclass(frozen=True)
class _Office:
    """An office as words ("foreign", "minister") and the country it serves, if given."""

    words: tuple[str, ...]
    country: str | None


@dataclass
class _Holder:
    """A person named with an office: every title and country the text gives them."""

    mentions: list[Mention] = field(default_factory=list)
    titles: set[tuple[str, ...]] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)


# The article's office holders by name, as `office_holders` finds them.
Holders = dict[str, _Holder]


def office_holder(head: Token, mentions: Mentions, holders: Holders) -> Mention | None:
    """The person a definite office reference ("the Pakistani president", "Pakistan's
    president", "the prime minister") stands for: the one holder named in the article
    (`office_holders`) whose title and country fit; None when none or several fit."""
    office = _reference(head, mentions)
    if office is None:
        return None
    fits = {n: h for n, h in holders.items() if _fits(h, office)}
    if len(fits) != 1:
        return None
    holder = next(iter(fits.values()))
    before = [m for m in holder.mentions if m.end <= head.i]
    return before[-1] if before else holder.mentions[0]


def _reference(head: Token, mentions: Mentions) -> _Office | None:
    """The office and country a definite reference names; None for any other phrase."""
    if head.lower_ not in OFFICE_HEADS or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if mentions.at(head) is not None or head.dep_ == "compound":
        return None  # a name, or the title written before one ("President Musharraf")
    left = [t for t in head.doc[head.left_edge.i : head.i] if t.tag_ != "POS"]
    if not left or left[0].lower_ != "the" and not _country_at(left[0], mentions):
        return None
    country: str | None = None
    words: list[str] = []
    for t in left[1:] if left[0].lower_ == "the" else left:
        place = _country_at(t, mentions)
        if place is not None:
            country = country or place
        elif t.lower_ in _TIMELESS:
            continue
        elif t.lower_ in TITLE_MODIFIERS:
            words.append(t.lower_)
        else:
            return None  # "the worst president", "the Cup's president": not an office alone
    of = _of_country(head, mentions)
    if of is False:
        return None
    words += list(_SHORT_FORMS.get(head.lower_, (head.lower_,)))
    return _Office(tuple(words), country or of or None)


def _of_country(head: Token, mentions: Mentions) -> str | bool | None:
    """The country in "the president of Pakistan"; False when the phrase goes on to name some
    other body ("the president of the club"), None when it does not go on."""
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
    if not preps:
        return None
    objs = [c for c in preps[0].children if c.dep_ == "pobj"]
    place = _country_at(objs[0], mentions) if objs else None
    return place if place is not None else False


def _country_at(token: Token, mentions: Mentions) -> str | None:
    """The country a word names: a demonym ("Pakistani") or a country's name."""
    m = mentions.at(token)
    if m is not None and m.kind in (PLACE, NATION) and m.end - 1 == token.i:
        return canonical_country(m.name) if m.is_party or m.kind == NATION else None
    return country_of_demonym(token.text) if token.pos_ in ("ADJ", "PROPN") else None


def office_holders(mentions: Mentions) -> Holders:
    """Everyone the article names with an office: "Prime Minister X", "X, the French
    president", "Pakistan's President X", by name; made once per article."""
    found: dict[str, _Holder] = {}
    for m in mentions.items:
        if m.kind != PERSON or not m.is_party:
            continue
        party = make_party(m, mentions)
        holder = found.setdefault(m.name, _Holder())
        holder.mentions.append(m)
        if party.title:
            words = tuple(w.lower() for w in party.title.split())
            holder.titles.add(tuple(w for w in words if w not in _NOT_OFFICE))
        if party.affiliation:
            holder.affiliations.add(canonical_country(party.affiliation))
    return {n: h for n, h in found.items() if h.titles}


def _fits(holder: _Holder, office: _Office) -> bool:
    """Whether a holder's title is the office: the same head, all the reference's words, no
    rank the reference lacks; a country given must be the holder's known one."""
    if office.country is not None and office.country not in holder.affiliations:
        return False
    return any(
        title[-1:] == office.words[-1:]
        and set(office.words) <= set(title)
        and not (set(title) & _OTHER_OFFICE) - set(office.words)
        for title in holder.titles
    )
