"""Side meetings: whoever met "on the sidelines of" a summit was at the summit too."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.coref import Resolver
from bot.briefing.entities import PERSON, Mention, names_gathering
from bot.briefing.gatherings import GATHERING_NOUNS
from bot.briefing.reality import noun_real
from bot.briefing.report import Report


def sideline_gathering(group: list[Report], resolver: Resolver) -> Report | None:
    """The summit a side meeting was held at, with the named body that held it and the side
    meeting's people: "a Franco-German meeting on the sidelines of a summit of EC leaders"."""
    first = group[0]
    people = [m for r in group for m in (*r.side_a, *r.side_b) if m.kind == PERSON]
    if not people:
        return None
    for token in first.sent:
        if token.lower_ != "sidelines":
            continue
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for summit in (c for c in prep.children if c.dep_ == "pobj"):
                body = _holder(summit, resolver)
                if body and summit.lower_ in GATHERING_NOUNS and noun_real(summit):
                    return Report([*body[:1], *people], [], first.sent, summit)
    return None


def _holder(summit: Token, resolver: Resolver) -> list[Mention]:
    """The body named in the summit's own phrase: "the G20 summit", "a summit of EC leaders"."""
    named = [
        p
        for c in summit.children
        if c.dep_ in ("compound", "nmod") or (c.dep_ == "prep" and c.lower_ == "of")
        for t in c.subtree
        for p in resolver.parties(t)
    ]
    # "the International Conference on X" names the summit itself, not a body holding it.
    return [m for m in named if m.kind != PERSON and not names_gathering(m.name)]
