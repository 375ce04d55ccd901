"""Meetings reported by a noun: "held talks with X", "the Franco-German meeting", "at the
summit X backed Y", "a meeting they had"."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from bot.briefing.clauses import attach_high, by_phone, pobjs, sided, subjects, with_phrase
from bot.briefing.coref import Resolver
from bot.briefing.entities import NATION, PERSON, PLACE, Mention
from bot.briefing.gatherings import GATHER_VERBS, SAY_VERBS, definite, points_back, scene_of
from bot.briefing.hosts import host_counterpart, visited_capital
from bot.briefing.meals import SERVE_VERBS, at_table, guests, is_meal
from bot.briefing.presence import acting_with, made_by
from bot.briefing.reality import happened, noun_real
from bot.briefing.report import Report
from bot.briefing.wordlists import (
    entry_nouns,
    hold_verbs,
    lead_verbs,
    measure_nouns,
    meeting_nouns,
)

# Verbs whose object noun carries the meeting ("held talks", "attended the summit"), so their
# subject took part.
_HOLD_VERBS = hold_verbs()
# Nouns that report a meeting: "held talks with X" (not the singular "talk", a lecture).
MEETING_NOUNS = meeting_nouns()
# What a candidate negotiates with the body it wants to join.
_ENTRY_NOUNS = entry_nouns()
# "Regarding Trump's call, X said": X talks about the meeting, X was not at it.
_TOPIC_PREPS = frozenset(["regarding", "about", "concerning", "on", "over"])
# "a series of meetings", "a new round of talks": the measure stands in the meeting's clause.
_MEASURE_NOUNS = measure_nouns()
# "EU leaders at a summit", "X, during a visit to Y,": the phrase puts the name at the meeting.
_AT_PREPS = frozenset(["at", "for", "during"])
# "the talks, led by X": the verbs that name who headed a delegation at a meeting.
_LEAD_VERBS = lead_verbs()


@dataclass
class _Around:
    """Parties read around a meeting noun: initiators, counterparts, and the participants of
    a gathering that has no sides."""

    side_a: list[Mention] = field(default_factory=list)
    side_b: list[Mention] = field(default_factory=list)
    multi: list[Mention] = field(default_factory=list)

    def add_present(self, parties: list[Mention]) -> None:
        """Others who took part: counterparts of a named initiator, else participants."""
        (self.side_b if self.side_a else self.multi).extend(parties)


def noun_meeting(noun: Token, sent: Span, resolver: Resolver) -> Report | None:
    """The meeting a meeting noun reports, with the parties of its phrase and its clause."""
    if noun.lower_ == "call" and not _phone_call(noun, sent):
        return None  # "her call was backed by X": an appeal, not a phone call
    slot = _measured(noun)
    if not noun_real(noun) or (slot != noun and not noun_real(slot)):
        return None
    speaker = _commentator(noun, resolver)
    if speaker:
        return Report(speaker[:1], [], sent, noun, joins=True)
    leaders = _led_by(noun, resolver) if definite(noun) else []
    if leaders:
        return Report(leaders, [], sent, noun, joins=True)
    found = _phrase_parties(noun, resolver)
    # A visit's clause is read only for a visit to a capital: its country is the counterpart.
    visit = noun.lower_ != "visit" or visited_capital(noun, resolver) is not None
    in_clause = slot.dep_ in ("dobj", "pobj", "nsubjpass") and visit
    if in_clause and not _clause_parties(slot, resolver, found):
        return None
    if slot.dep_ in ("nsubj", "nsubjpass") and not _subject_parties(slot, resolver, found):
        return None
    side_a, side_b, multi = found.side_a, found.side_b, found.multi
    if not side_b and not multi and with_phrase(noun):
        return None  # "X and Y held talks with the London market": an unnamed counterpart
    if _joins_last(noun, [*side_a, *side_b, *multi], resolver):
        return Report([*side_a, *side_b, *multi], [], sent, noun, joins=True)
    side_a = side_a + multi
    if not side_b:
        side_b = host_counterpart(noun, side_a, resolver)
    return sided(side_a, side_b, sent, noun, True)


def _with_of_copula(noun: Token) -> list[Token]:
    """ "Modi's first bilateral meeting was with Sri Lankan President X": the "with" of the
    "be" whose subject the meeting is belongs to the meeting."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "be":
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]


def _phrase_parties(noun: Token, resolver: Resolver) -> _Around:
    """Parties named in the meeting's own phrase: "his talks with X", "the Franco-German
    meeting", "talks between A and B", "a meeting they had"."""
    found = _Around()
    if is_meal(noun):
        found.side_b += guests(noun, resolver)
        found.multi += at_table(noun, resolver)
    for child in [*noun.children, *_with_of_copula(noun)]:
        if child.dep_ == "poss":
            found.side_a += resolver.parties(child)
        elif child.dep_ in ("compound", "amod", "nmod"):
            # The whole modifier: "Franco-German", "IMF interim committee" nest their names.
            found.multi += [p for t in child.subtree for p in resolver.parties(t, nations=True)]
        elif child.dep_ == "prep" and child.lower_ == "with":
            found.side_b += [p for o in pobjs(child) for p in resolver.parties(o)]
        elif child.dep_ == "prep" and child.lower_ in ("between", "among", "of"):
            found.multi += [p for o in pobjs(child) for p in resolver.parties(o, nations=True)]
        elif child.dep_ == "prep" and child.lower_ in ("on", "over"):
            _joining(child, resolver, found)
        elif child.dep_ == "relcl" and _held_by_them(child):
            found.multi += _named_subjects_above(noun, resolver)
        elif child.dep_ == "relcl" and child.lemma_ in GATHER_VERBS and happened(child):
            # "a briefing that included Governor X": the relative clause lists who was there.
            found.multi += [
                p for o in child.children if o.dep_ == "dobj" for p in resolver.parties(o)
            ]
    return found


def _joining(prep: Token, resolver: Resolver, found: _Around) -> None:
    """ "Talks on Russia's membership of the WTO": a candidate negotiates its entry with the
    body it wants to join."""
    for topic in (o for o in pobjs(prep) if o.lemma_ in _ENTRY_NOUNS):
        owner = [p for c in topic.children if c.dep_ == "poss" for p in resolver.parties(c)]
        body = [
            p
            for c in topic.children
            if c.dep_ == "prep" and c.lower_ in ("of", "to", "in", "into")
            for o in pobjs(c)
            for p in resolver.parties(o)
        ]
        if owner and body:
            found.side_a += owner
            found.side_b += body


def _clause_parties(slot: Token, resolver: Resolver, found: _Around) -> bool:
    """Parties of the clause the meeting is the object or setting of ("X held talks", "at
    the summit X backed Y"); False when that clause did not happen."""
    head = slot.head
    verb = attach_high(head.head) if slot.dep_ == "pobj" else head
    if verb.lower_ == "present" and verb.dep_ == "acomp":
        verb = verb.head  # "X, who was present at the meeting": X attended it
    if verb.pos_ not in ("VERB", "AUX"):
        if slot.dep_ == "pobj" and head.lower_ in _AT_PREPS and verb.pos_ in ("NOUN", "PROPN"):
            # "EU leaders at a summit", "Yeutter, in New Zealand for GATT talks"
            found.multi += resolver.parties(verb, nations=True)
        return True
    if not happened(verb):
        return False
    setting = slot.dep_ == "pobj" and head.lower_ not in _TOPIC_PREPS
    hosts = is_meal(slot) and verb.lemma_ in SERVE_VERBS
    if verb.lemma_.lower() in _HOLD_VERBS or setting or hosts:
        found.side_a += subjects(verb, resolver, passive=False)
        # The meeting's other participants, not counterparts of its subject.
        found.multi += acting_with(verb, slot, resolver)
    if setting:
        found.multi += made_by(verb, resolver)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            found.side_b += [p for o in pobjs(child) for p in resolver.parties(o)]
        elif child.dep_ == "agent" and slot.dep_ == "pobj":
            # "In a meeting, he was told by X", "at the summit the plan was backed by X and
            # Y": whoever acted there took part.
            found.add_present([p for o in pobjs(child) for p in resolver.parties(o)])
        elif slot.dep_ == "pobj" and _while_clause(child) and happened(child):
            # "In a meeting he was told by X, while Y indicated ...": Y was there too.
            found.add_present(subjects(child, resolver, passive=False))
    return True


def _subject_parties(slot: Token, resolver: Resolver, found: _Around) -> bool:
    """Parties of a meeting that is its clause's subject: "attended by X", "brought together
    X", "When talks broke down, X and Y ..."; False for talks still to come."""
    head = slot.head
    if not happened(head):
        return slot.dep_ == "nsubjpass" or head.pos_ not in ("VERB", "AUX")
    for child in head.children:
        # "attended by X and by Y": the parser may hang the second "by" on the verb.
        if child.dep_ == "agent" or (child.dep_ in ("prep", "conj") and child.lower_ == "by"):
            found.multi += [p for o in pobjs(child) for p in resolver.parties(o)]
        elif child.dep_ == "dobj" and head.lemma_ in GATHER_VERBS:
            found.multi += resolver.parties(child)
    if when_clause(head):
        # "When talks broke down, the U.S. and Brazil blamed one another": the main clause's
        # subjects were at the talks.
        found.multi += subjects(head.head, resolver, passive=False)
    return True


def _commentator(noun: Token, resolver: Resolver) -> list[Mention]:
    """The one who says what "the meeting" was like: "X said the meeting was useful", "quoted
    X as calling it a pity that the meeting here did not ..."; speaking of a meeting as the
    one already told of, and from inside, X was at it."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or not points_back(noun):
        return []
    clause = noun.head
    while clause.dep_ == "ccomp" and clause.head != clause:
        clause = clause.head
        if clause.lemma_ in SAY_VERBS:
            return subjects(clause, resolver, passive=False)
    return []


def _led_by(noun: Token, resolver: Resolver) -> list[Mention]:
    """ "the discussions, led on the Polish side by X": the people who headed a delegation at
    a meeting told of, after the country of their side when the phrase names it."""
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.lemma_ not in _LEAD_VERBS or acl.tag_ not in ("VBN", "VBD"):
            continue
        # The parser may hang "by X" on "the Polish side" rather than on "led".
        agents = [o for c in acl.subtree if c.lower_ == "by" for o in pobjs(c)]
        people = [m for o in agents for m in resolver.parties(o) if m.kind == PERSON]
        on = [c for c in acl.children if c.dep_ == "prep" and c.lower_ == "on"]
        on_side = [t for c in on for t in c.subtree]
        side = [m for t in on_side if (m := resolver.mentions.at(t)) and m.kind in (NATION, PLACE)]
        if people:
            return [*side[:1], *people]
    return []


def _joins_last(noun: Token, parties: list[Mention], resolver: Resolver) -> bool:
    """True for "a statement by X made at the end of the ministers' meeting" right after that
    meeting was reported: its owners are that meeting's parties, so X joins it."""
    known = {m.name for m in resolver.last_parties}
    owned = any(c.dep_ == "poss" and resolver.is_back_ref(c) for c in noun.children)
    return owned and any(m.name not in known for m in parties)


def _measured(noun: Token) -> Token:
    """The word that stands for the meeting in its clause: "after a series of meetings with
    X" hangs the meetings on "series", "at the end of the meeting" on "end"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _MEASURE_NOUNS:
        return head.head
    return scene_of(noun)


def _held_by_them(clause: Token) -> bool:
    """ "a meeting they had last night": the meeting's own people are named around it."""
    subjects = [c.lower_ for c in clause.children if c.dep_ == "nsubj"]
    return clause.lemma_ in _HOLD_VERBS and subjects in (["they"], ["we"]) and happened(clause)


def _named_subjects_above(noun: Token, resolver: Resolver) -> list[Mention]:
    """The people named as subjects of the clauses the noun sits in: "Funaro said Conable had
    accepted the plan at a meeting they had" is Funaro's and Conable's meeting."""
    subjects = [c for a in noun.ancestors for c in a.children if c.dep_ == "nsubj"]
    named = [m for s in subjects if (m := resolver.mentions.at(s)) is not None]
    people = [m for m in named if m.kind == PERSON]
    return people if len({m.name for m in people}) >= 2 else []


def when_clause(clause: Token) -> bool:
    """True for a time clause hung on a main clause: "When talks broke down, ..."."""
    return clause.dep_ == "advcl" and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "after", "as", "once")
        for c in clause.children
    )


def _while_clause(clause: Token) -> bool:
    """True for a clause set beside the main one: "..., while Y indicated that ..."."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in clause.children
    )


def _phone_call(noun: Token, sent: Span) -> bool:
    """True for "call" as a conversation: by phone, held or had, or with someone."""
    held = noun.dep_ == "dobj" and noun.head.lemma_ in _HOLD_VERBS
    return held or with_phrase(noun) or by_phone(noun, sent)
