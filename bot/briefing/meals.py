"""Meetings over a meal: "X hosted a dinner for Y", "X had lunch with Y", "a banquet in
honour of Y", and the people at a dinner "where" one told the other something."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.clauses import pobjs, subjects
from bot.briefing.coref import Resolver
from bot.briefing.entities import NATION, PERSON, PLACE, Mention
from bot.briefing.reality import happened
from bot.briefing.wordlists import meal_nouns, serve_verbs

# Not "reception", which is as often how a proposal was received as a party.
MEAL_NOUNS = meal_nouns()
# "X gave a banquet", "X threw a dinner": the subject hosts the meal.
SERVE_VERBS = serve_verbs()
# Whom a meal is given for: a person or a country, not a charity it raises money for.
_GUEST_KINDS = frozenset([PERSON, NATION, PLACE])
# Named places a "where" clause may describe instead of the meal: "a dinner in London, where".
_PLACE_LABELS = frozenset(["GPE", "LOC"])


def is_meal(noun: Token) -> bool:
    """True for a meal noun: "dinner", "a working breakfast"."""
    return noun.pos_ == "NOUN" and noun.lower_ in MEAL_NOUNS


def guests(noun: Token, resolver: Resolver) -> list[Mention]:
    """Whom a meal was given for: "a dinner for X", "a banquet in honour of X"; the parser
    may hang the phrase on the verb that serves the meal."""
    heads = (noun, noun.head) if noun.dep_ == "dobj" else (noun,)
    objects = [o for h in heads for c in h.children if c.dep_ == "prep" for o in _honoured(c)]
    return [p for o in objects for p in resolver.parties(o) if p.kind in _GUEST_KINDS]


def at_table(noun: Token, resolver: Resolver) -> list[Mention]:
    """The people acting in a clause set at the meal: "a dinner in November where the prime
    minister told X he would stand down" puts both of them at the dinner."""
    found: list[Mention] = []
    for clause in _scene_clauses(noun):
        found += subjects(clause, resolver, passive=False)
        for child in clause.children:
            if child.dep_ in ("dobj", "dative"):
                found += resolver.parties(child)
            elif child.dep_ == "prep" and child.lower_ in ("with", "to"):
                found += [p for o in pobjs(child) for p in resolver.parties(o)]
    return found


def _honoured(prep: Token) -> list[Token]:
    """The objects of "for X" and of "in honour of X"."""
    if prep.lower_ == "for":
        return pobjs(prep)
    honour = [o for o in pobjs(prep) if o.lower_ in ("honour", "honor")]
    return [o for h in honour for c in h.children if c.lower_ == "of" for o in pobjs(c)]


def _scene_clauses(noun: Token) -> list[Token]:
    """Relative clauses set at the meal ("where ...", "at which ..."), which the parser may
    hang on a date or venue after the meal noun in its clause."""
    scope = noun.head if noun.dep_ == "dobj" else noun
    return [
        t
        for t in scope.subtree
        if t.dep_ == "relcl"
        and t.i > noun.i
        and _set_there(t)
        and _beside(t.head, noun, scope)
        and happened(t)
    ]


def _beside(word: Token, noun: Token, scope: Token) -> bool:
    """True for the meal noun, or a date or venue in a phrase of the meal or of its verb:
    "a dinner in November where"; not a named place ("a dinner in London, where he lives")."""
    if word == noun:
        return True
    return (
        word.dep_ == "pobj"
        and word.head.head in (noun, scope)
        and word.ent_type_ not in _PLACE_LABELS
    )


def _set_there(clause: Token) -> bool:
    """True for a relative clause of place or occasion: "where", "at which", "during which"."""
    return any(
        (c.dep_ == "advmod" and c.lower_ == "where")
        or (c.dep_ == "prep" and c.lower_ in ("at", "during") and _which(c))
        for c in clause.children
    )


def _which(prep: Token) -> bool:
    """True for "at which", "during which": the relative word is the preposition's object."""
    return any(o.lower_ == "which" for o in pobjs(prep))
