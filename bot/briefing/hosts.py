"""The host of a meeting held "here": in a story filed from a capital, visitors who held talks
there with no counterpart named held them with the country whose capital it is."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.assembly import name_in
from bot.briefing.coref import Resolver
from bot.briefing.countries import canonical_country, is_country
from bot.briefing.entities import ORG, PERSON, PLACE, Mention, Mentions
from bot.briefing.parties import make_party

# Clauses on a meeting noun that may carry its place: "the talks held here".
_NOUN_CLAUSES = frozenset(["acl", "relcl"])


def host_counterpart(trigger: Token, side: list[Mention], resolver: Resolver) -> list[Mention]:
    """The dateline's country as the counterpart of a one-sided meeting placed "here", when
    none of the side is of that country; several parties only when all are of one country,
    as people of different or unknown countries may have met one another."""
    here = _here(trigger)
    host = resolver.host
    if host is None or here is None or not side or _names_body(trigger, resolver.mentions):
        return []
    homes = [_home(m, resolver.mentions) for m in side]
    known = {h for h in homes if h is not None}
    if any(not is_country(h) or name_in(host, h) or name_in(h, host) for h in known):
        return []  # a body's people, or the host's own, meet no one by being at home
    if len(side) > 1 and (None in homes or len(known) != 1):
        return []
    return [Mention(here.i, here.i + 1, host, PLACE)]


def _here(trigger: Token) -> Token | None:
    """The "here" on the meeting word, on a clause hung on it, or on the verb whose object or
    setting the meeting is ("held talks here", "in talks here", "talks held here")."""
    heads = [trigger, *(c for c in trigger.children if c.dep_ in _NOUN_CLAUSES)]
    if trigger.pos_ == "NOUN":
        heads.append(trigger.head.head if trigger.dep_ == "pobj" else trigger.head)
    return next(
        (c for h in heads for c in h.children if c.lower_ == "here" and c.dep_ == "advmod"), None
    )


def _names_body(trigger: Token, mentions: Mentions) -> bool:
    """True when the sentence names an organisation: talks in a city that seats a body (the
    coffee council in London) are more likely the body's than the host government's."""
    sent = trigger.sent
    return any(m.kind == ORG and m.is_party for m in mentions.in_span(sent.start, sent.end))


def _home(party: Mention, mentions: Mentions) -> str | None:
    """The country or body a party belongs to, from any mention of it; None when unknown."""
    if party.kind == ORG:
        return party.name
    if party.kind != PERSON:
        return canonical_country(party.name)
    same = (m for m in mentions.items if m.kind == PERSON and m.name == party.name)
    found = (make_party(m, mentions).affiliation for m in same)
    home = next((a for a in found if a), None)
    return canonical_country(home) if home else None
