"""Parties a clause shows at a meeting without making them its subject: the maker of a
statement made there, a party acting in a "with X saying ..." phrase of the meeting's clause."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.clauses import pobjs
from bot.briefing.coref import Resolver
from bot.briefing.entities import Mention
from bot.briefing.reality import happened

# Clauses of their own: a "with" phrase inside one tells of that clause, not the meeting's.
_OWN_CLAUSES = frozenset(["ccomp", "relcl", "acl", "csubj", "parataxis", "xcomp"])


def made_by(verb: Token, resolver: Resolver) -> list[Mention]:
    """ "a declaration by X made at the end of the meeting": whoever made what the participle
    describes was there; the parser may hang the participle on X itself."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD"):
        return []
    noun = verb.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "by":
        return resolver.parties(noun)
    return [
        p
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "by"
        for o in pobjs(c)
        for p in resolver.parties(o)
    ]


def acting_with(verb: Token, meeting: Token, resolver: Resolver) -> list[Mention]:
    """ "The ministers ended their meeting, with X saying it would use its veto": a party
    acting in a "with" phrase of the meeting's clause took part in it. The parser hangs such
    a phrase anywhere in the clause, so the party is also read where its words stand."""
    own = {t.i for t in meeting.subtree}
    found: list[Mention] = []
    for prep in verb.subtree:
        if prep.lower_ != "with" or prep.i in own or _nested(prep, verb):
            continue
        for act in (c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"):
            if happened(act):
                found += [p for s in act.children if s.dep_ == "nsubj" for p in resolver.parties(s)]
        for obj in pobjs(prep):
            named = resolver.mentions.at(obj)
            after = obj.doc[named.end] if named is not None and named.end < len(obj.doc) else None
            if after is not None and after.tag_ == "VBG" and happened(after):
                found += resolver.parties(obj)
    return found


def _nested(token: Token, verb: Token) -> bool:
    """True when a clause of its own stands between the token and the verb."""
    for a in token.ancestors:
        if a == verb:
            return False
        if a.dep_ in _OWN_CLAUSES:
            return True
    return False
