"""The host of a one-sided meeting: talks "here" in a story filed from a capital, or a visit
to a capital, with no counterpart named are with the country whose capital it is."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.assembly import name_in
from bot.briefing.capitals import capital_of
from bot.briefing.clauses import pobjs
from bot.briefing.coref import Resolver
from bot.briefing.countries import canonical_country, is_country
from bot.briefing.entities import ORG, PERSON, PLACE, Mention, Mentions
from bot.briefing.parties import make_party

# Clauses on a meeting noun that may carry its place: "the talks held here".
_NOUN_CLAUSES = frozenset(["acl", "relcl"])
# Prepositions that make the meeting the scene of what its clause's subjects did.
_SCENE_PREPS = frozenset(["in", "at", "during"])


def host_counterpart(trigger: Token, side: list[Mention], resolver: Resolver) -> list[Mention]:
    """The host country as the counterpart of a one-sided meeting placed "here" or a visit to
    a capital, when none of the side is of that country; several parties, or visitors, only
    when all are known to be of one country: people of different or unknown countries may
    have met one another."""
    here = _here(trigger, resolver)
    host = here or visited_capital(trigger, resolver)
    if host is None or not side:
        return []
    homes = [_home(m, resolver.mentions) for m in side]
    known = {h for h in homes if h is not None}
    if any(not is_country(h) or name_in(host.name, h) or name_in(h, host.name) for h in known):
        return []  # a body's people, or the host's own, meet no one by being at home
    team = here is not None and not known and _one_team(trigger, side, resolver.mentions)
    if (len(side) > 1 or not here) and (None in homes or len(known) != 1) and not team:
        # A visitor of unknown country may be travelling home ("on his visit to London"
        # with "his" read as the British premier met there).
        return []
    return [host]


def visited_capital(trigger: Token, resolver: Resolver) -> Mention | None:
    """The country of the capital a visit went to: "during a visit to Washington"."""
    if trigger.lower_ != "visit":
        return None
    to = [o for c in trigger.children if c.dep_ == "prep" and c.lower_ == "to" for o in pobjs(c)]
    named = {m.name for m in resolver.mentions.items}
    for city in (m for o in to if (m := resolver.mentions.at(o)) and m.kind == PLACE):
        country = capital_of(city.name, named)
        if country is not None:
            return Mention(city.start, city.end, country, PLACE)
    return None


def _here(trigger: Token, resolver: Resolver) -> Mention | None:
    """The dateline's country for a meeting placed "here": "here" on the meeting word, on a
    clause hung on it, or on the verb whose object or setting the meeting is ("held talks
    here", "in talks here", "talks held here")."""
    if resolver.host is None or _names_body(trigger, resolver.mentions):
        return None
    heads = [trigger, *(c for c in trigger.children if c.dep_ in _NOUN_CLAUSES)]
    if trigger.pos_ == "NOUN":
        heads.append(trigger.head.head if trigger.dep_ == "pobj" else trigger.head)
    here = next(
        (c for h in heads for c in h.children if c.lower_ == "here" and c.dep_ == "advmod"), None
    )
    return Mention(here.i, here.i + 1, resolver.host, PLACE) if here is not None else None


def _one_team(trigger: Token, side: list[Mention], mentions: Mentions) -> bool:
    """True for officials of one government acting together at talks: "Agriculture Secretary
    X and Trade Representative Y took a hard line in talks here". People of different
    countries listed together have their countries written; titled people with none written
    for any are colleagues, not each other's counterparts, when the talks are only the scene
    of what they did."""
    scene = trigger.dep_ == "pobj" and trigger.head.lower_ in _SCENE_PREPS
    parties = [make_party(m, mentions) for m in side]
    return scene and all(m.kind == PERSON for m in side) and all(p.title for p in parties)


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
