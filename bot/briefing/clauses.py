"""What a clause says about a meeting's parties: its subjects, prepositional objects, sides."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.briefing.assembly import unique_parties
from bot.briefing.coref import Resolver
from bot.briefing.entities import Mention
from bot.briefing.gatherings import attended, single_body
from bot.briefing.report import Report

# Prepositions that make a meeting the scene of the clause, not what the clause is about.
_SCENE_PREPS = frozenset(["at", "during", "after", "in"])
_PHONE_WORDS = frozenset(["phone", "telephone", "video", "videoconference", "call", "conversation"])


def sided(
    side_a: list[Mention], side_b: list[Mention], sent: Span, trigger: Token, pairs_in_a: bool
) -> Report | None:
    """A report when the parties make a meeting: two sides, several parties meeting one
    another, a body meeting as a whole, or a person at a gathering reported before."""
    side_a = unique_parties(side_a)
    side_b = [m for m in unique_parties(side_b) if m.name not in {a.name for a in side_a}]
    if side_b and side_a:
        return Report(side_a, side_b, sent, trigger)
    if not side_b and pairs_in_a and len(side_a) >= 2:
        return Report(side_a, [], sent, trigger)
    if not side_b and len(side_a) == 1 and single_body(trigger, side_a[0]):
        return Report(side_a, [], sent, trigger)
    if not side_b and len(side_a) == 1 and attended(trigger, side_a[0]):
        return Report(side_a, [], sent, trigger, joins=True)
    return None


def subjects(verb: Token, resolver: Resolver, passive: bool) -> list[Mention]:
    """The subject's parties, following coordinated and controlled verbs to their subject."""
    token = verb
    for _ in range(3):
        subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        agent = [o for c in token.children if c.dep_ == "agent" for o in pobjs(c)]
        if passive and agent:
            return [p for a in agent for p in resolver.parties(a)]
        if subj and token.dep_ == "relcl" and subj[0].tag_ in ("WP", "WDT"):
            return resolver.parties(token.head)  # "Lawson, who met Funaro": the relative's noun
        subj = subj or named_before_day(token)
        if subj:
            return [p for s in subj for p in resolver.parties(s)]
        if token.dep_ in ("conj", "xcomp", "advcl") and token.head != token:
            token = token.head
            continue
        if token.dep_ == "pcomp":
            objs = [c for c in token.head.head.children if c.dep_ == "dobj"]
            if token.head.lower_ == "as" and objs:
                # "quoted X as saying at the meeting": the one quoted did the saying.
                return [p for o in objs for p in resolver.parties(o)]
            token = token.head.head  # "X spoke after chairing a meeting": the clause's subject
            continue
        break
    return []


def named_before_day(verb: Token) -> list[Token]:
    """ "Chinese President Xi Jinping Wednesday held talks with ...": the parser hangs the
    subject's name on the day written after it, as a compound of the day."""
    days = [c for c in verb.children if c.dep_ == "npadvmod" and is_day_word(c)]
    return [c for d in days for c in d.children if c.dep_ == "compound" and c.pos_ == "PROPN"]


def is_day_word(word: Token) -> bool:
    """A word naming when: "Wednesday", "morning", "today" (the model's DATE or TIME)."""
    return word.ent_type_ in ("DATE", "TIME")


def pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition and of its coordinated repeats ("by X, and by Y")."""
    return [c for p in (prep, *prep.conjuncts) for c in p.children if c.dep_ == "pobj"]


def by_phone(word: Token, sent: Span) -> bool:
    """True when another word of the sentence says the talk was by phone or video."""
    return any(t.lower_ in _PHONE_WORDS for t in sent if t.i != word.i)


def attach_high(verb: Token) -> Token:
    """The clause's verb for a meeting phrase the parser hangs on an infinitive inside a noun
    phrase: "gave support to a scheme to limit spending at a meeting" (the giving was there)."""
    if verb.dep_ != "acl" or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return verb
    return next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), verb)


def with_phrase(noun: Token) -> bool:
    """True when the meeting noun or its verb has a "with" phrase."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    carried = noun.dep_ in ("dobj", "nsubjpass") or (
        # "At the meeting, France sided with producers": a setting, its "with" is the clause's.
        noun.dep_ == "pobj" and noun.head.lower_ not in _SCENE_PREPS
    )
    heads = (noun, verb) if carried else (noun,)
    return any(
        c.dep_ == "prep" and c.lower_ == "with" and pobjs(c) for h in heads for c in h.children
    )
