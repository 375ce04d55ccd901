"""Who met whom: meeting reports found in the parse, with their parties, place, day and topics."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from bot.briefing.assembly import FUTURE_WORDS, Report, merge_reports, to_meeting, unique_parties
from bot.briefing.brief import Meeting
from bot.briefing.coref import Resolver
from bot.briefing.entities import Mention, Mentions
from bot.briefing.gatherings import attended, join_gathering, single_body
from bot.briefing.lexicon import MOTION_VERBS
from bot.briefing.topics import discussion_objects

# Verbs that report a meeting once both sides are named.
_WITH_VERBS = frozenset(
    ["meet", "negotiate", "confer", "talk", "discuss", "agree", "sign", "consult", "speak", "chat"]
)
_OBJECT_VERBS = frozenset(
    ["meet", "host", "receive", "welcome", "visit", "phone", "call", "telephone"]
)
# Verbs whose object noun carries the meeting ("held talks", "attended the summit").
_HOLD_VERBS = frozenset(
    [
        "hold",
        "have",
        "conduct",
        "begin",
        "open",
        "start",
        "resume",
        "continue",
        "end",
        "conclude",
        "complete",
        "wrap",
        "attend",
        "join",
        "chair",
        "host",
        "convene",
    ]
)
_MEETING_NOUNS = frozenset(
    [
        "meeting",
        "meetings",
        "talk",
        "talks",
        "summit",
        "negotiation",
        "negotiations",
        "discussion",
        "discussions",
        "consultations",
        "call",
        "conversation",
        "visit",
        "encounter",
        "session",
        "gathering",
        "signing",
    ]
)
# "The meeting brought together X, Y and Z", "the summit included X".
_GATHER_VERBS = frozenset(["bring", "gather", "include", "involve", "unite", "draw"])
_PHONE_WORDS = frozenset(["phone", "telephone", "video", "videoconference", "call", "conversation"])
_MODALS = frozenset(
    ["will", "shall", "would", "could", "might", "may", "should", "must", "can", "'ll", "wo", "ca"]
)
# Heads that make a meeting noun hypothetical: "called for talks", "refused a meeting".
_UNREAL_HEADS = frozenset(
    [
        "call",
        "urge",
        "propose",
        "suggest",
        "seek",
        "demand",
        "refuse",
        "reject",
        "decline",
        "want",
        "plan",
        "prepare",
        "offer",
        "invite",
        "request",
        "ask",
        "push",
        "press",
        "favour",
        "favor",
        "await",
        "expect",
        "schedule",
        "postpone",
        "cancel",
        "need",
        "hope",
    ]
)
# "travelled to X to meet Y", "is trying to negotiate with Y": the meeting is under way.
_ATTEMPT_OR_MOTION = MOTION_VERBS | {"try", "attempt", "gather"}
_UNREAL_PREPS = frozenset({"for", "ahead", "before", "until", "without", "prior"})
# Prepositions that make the meeting the setting of the clause's event.
_SETTING_PREPS = frozenset({"at", "during"})
_SPEECH_NOUNS = frozenset(["interview", "speech", "address", "statement", "vote", "debate"])
_CLAUSES = frozenset(["acl", "relcl", "advcl", "ccomp", "xcomp"])


def find_meetings(
    mentions: Mentions, published: date | None, dateline: str | None
) -> list[Meeting]:
    """The meetings an article reports, main one first; an empty list when there are none."""
    resolver = Resolver(mentions)
    found: list[Report] = []
    for sent in mentions.doc.sents:
        for token in sent:
            item = _read_trigger(token, sent, resolver)
            if item is None:
                continue
            if item.joins:
                join_gathering(found, item)
                continue
            item.topics = discussion_objects(sent)
            found.append(item)
            resolver.last_parties = [*item.side_a, *item.side_b]
        _attach_topics(sent, found, resolver)
    merged = merge_reports(found)
    return [to_meeting(group, mentions, published, dateline) for group in merged]


def _read_trigger(token: Token, sent: Span, resolver: Resolver) -> Report | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and lemma in (_WITH_VERBS | _OBJECT_VERBS):
        return _verb_meeting(token, sent, resolver)
    if token.pos_ == "VERB" and lemma in ("mediate", "broker"):
        return _mediation(token, sent, resolver)
    if token.pos_ == "NOUN" and token.lower_ in _MEETING_NOUNS:
        return _noun_meeting(token, sent, resolver)
    return None


def _verb_meeting(verb: Token, sent: Span, resolver: Resolver) -> Report | None:
    lemma = verb.lemma_.lower()
    if not _happened(verb):
        return None
    if lemma in ("speak", "chat", "call", "phone", "telephone") and not _by_phone(verb, sent):
        return None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if _refers_back(verb, resolver):
        return None  # "the parties discussed ...": more about a meeting already found
    subj = _subjects(verb, resolver, passive)
    counterparts: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and lemma in _OBJECT_VERBS:
            counterparts.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("with", "to") or child.dep_ == "dative":
            counterparts += _pobjs(child)
        elif child.dep_ == "prep" and child.lower_ in ("between", "among"):
            subj += [p for o in _pobjs(child) for p in resolver.parties(o)]
    other = [p for c in counterparts for p in resolver.parties(c)]
    if not other and lemma in _WITH_VERBS:
        other = _with_in_object(verb, resolver)
    if counterparts and not other and not passive:
        return None  # "X and Y met union leaders": they met someone unnamed, not each other
    if passive and lemma in _OBJECT_VERBS:
        subj, other = other, subj
    return _sided(subj, other, sent, verb, lemma in _WITH_VERBS)


def _mediation(verb: Token, sent: Span, resolver: Resolver) -> Report | None:
    """ "X mediated an end to the conflict between A and B": the mediator negotiated with
    both; a deal "brokered between A and B" with no mediator named is not a meeting report."""
    if not _happened(verb):
        return None
    sides = [
        p
        for t in verb.subtree
        if t.dep_ == "prep" and t.lower_ == "between"
        for o in _pobjs(t)
        for p in resolver.parties(o, nations=True)
    ]
    return _sided(_subjects(verb, resolver, passive=True), sides, sent, verb, False)


def _noun_meeting(noun: Token, sent: Span, resolver: Resolver) -> Report | None:
    head = noun.head
    if any(c.lower_ in FUTURE_WORDS for c in noun.children) or not _noun_real(noun):
        return None
    side_a: list[Mention] = []
    side_b: list[Mention] = []
    multi: list[Mention] = []
    for child in noun.children:
        if child.dep_ == "poss":
            side_a += resolver.parties(child)
        elif child.dep_ in ("compound", "amod", "nmod"):
            multi += resolver.parties(child, nations=True)
        elif child.dep_ == "prep" and child.lower_ == "with":
            side_b += [p for o in _pobjs(child) for p in resolver.parties(o)]
        elif child.dep_ == "prep" and child.lower_ in ("between", "among", "of"):
            multi += [p for o in _pobjs(child) for p in resolver.parties(o, nations=True)]
    if noun.dep_ in ("dobj", "pobj", "nsubjpass") and noun.lower_ not in ("call", "visit"):
        verb = _attach_high(head.head) if noun.dep_ == "pobj" else head
        if verb.pos_ in ("VERB", "AUX") and _happened(verb):
            if verb.lemma_.lower() in _HOLD_VERBS or noun.dep_ == "pobj":
                side_a += _subjects(verb, resolver, passive=False)
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    side_b += [p for o in _pobjs(child) for p in resolver.parties(o)]
                elif child.dep_ == "agent" and noun.dep_ == "pobj":
                    # "In a meeting, he was told by X", "at the summit the plan was backed by
                    # X and Y": whoever acted there took part.
                    agents = [p for o in _pobjs(child) for p in resolver.parties(o)]
                    (side_b if side_a else multi).extend(agents)
        elif verb.pos_ in ("VERB", "AUX"):
            return None
        elif noun.dep_ == "pobj" and head.lower_ == "at" and verb.pos_ in ("NOUN", "PROPN"):
            multi += resolver.parties(verb, nations=True)  # "EU leaders at a summit in Lisbon"
    if noun.dep_ in ("nsubj", "nsubjpass") and _happened(head):
        for child in head.children:
            # "attended by X and by Y": the parser may hang the second "by" on the verb.
            if child.dep_ == "agent" or (child.dep_ in ("prep", "conj") and child.lower_ == "by"):
                multi += [p for o in _pobjs(child) for p in resolver.parties(o)]
            elif child.dep_ == "dobj" and head.lemma_ in _GATHER_VERBS:
                multi += resolver.parties(child)
    if not side_b and not multi and _with_phrase(noun):
        return None  # "X and Y held talks with the London market": an unnamed counterpart
    if not side_b and multi:
        side_a, side_b = side_a + multi, []
    elif multi:
        side_a += multi
    return _sided(side_a, side_b, sent, noun, True)


def _attach_high(verb: Token) -> Token:
    """The clause's verb for a meeting phrase the parser hangs on an infinitive inside a noun
    phrase: "gave support to a scheme to limit spending at a meeting" (the giving was there)."""
    if verb.dep_ != "acl" or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return verb
    return next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), verb)


def _with_phrase(noun: Token) -> bool:
    """True when the meeting noun or its verb has a "with" phrase."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    heads = (noun, verb) if noun.dep_ in ("dobj", "pobj", "nsubjpass") else (noun,)
    return any(
        c.dep_ == "prep" and c.lower_ == "with" and _pobjs(c) for h in heads for c in h.children
    )


def _sided(
    side_a: list[Mention], side_b: list[Mention], sent: Span, trigger: Token, pairs_in_a: bool
) -> Report | None:
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


def _subjects(verb: Token, resolver: Resolver, passive: bool) -> list[Mention]:
    """The subject's parties, following coordinated and controlled verbs to their subject."""
    token = verb
    for _ in range(3):
        subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        agent = [o for c in token.children if c.dep_ == "agent" for o in _pobjs(c)]
        if passive and agent:
            return [p for a in agent for p in resolver.parties(a)]
        if subj and token.dep_ == "relcl" and subj[0].tag_ in ("WP", "WDT"):
            return resolver.parties(token.head)  # "Lawson, who met Funaro": the relative's noun
        if subj:
            return [p for s in subj for p in resolver.parties(s)]
        if token.dep_ in ("conj", "xcomp", "advcl") and token.head is not token:
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


def _refers_back(verb: Token, resolver: Resolver) -> bool:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and all(resolver.is_back_ref(s) for s in subj)


def _with_in_object(verb: Token, resolver: Resolver) -> list[Mention]:
    """The parser often hangs "with Y" on the object: "discussed the supply of X with Y"."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for t in obj.subtree:
            if t.dep_ == "prep" and t.lower_ == "with":
                found = [p for o in _pobjs(t) for p in resolver.parties(o)]
                if found:
                    return found
    return []


def _pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition and of its coordinated repeats ("by X, and by Y")."""
    return [c for p in (prep, *prep.conjuncts) for c in p.children if c.dep_ == "pobj"]


def _happened(verb: Token) -> bool:
    """False for plans, refusals, conditions and negations: "will meet", "refused to meet"."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ == "neg":
                return False
            if child.dep_ == "aux" and child.lower_ in _MODALS:
                return False
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return False
            if child.dep_ in ("npadvmod", "advmod", "prep") and _future(child):
                return False
        is_infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        if is_infinitive:
            return (
                token.head.lemma_ in _ATTEMPT_OR_MOTION
                and token.head is not token
                and _happened(token.head)
            )
        if token.dep_ == "pcomp" and token.head.head is not token.head:
            token = token.head.head  # "will visit X before chairing a meeting": the main verb
            continue
        if token.dep_ not in ("conj", "xcomp") or token.head is token:
            return True
        token = token.head
    return True


def _future(token: Token) -> bool:
    """ "next week", "tomorrow" in the phrase itself; a clause inside it dates something else
    ("after a gathering held to prepare for next week's meetings")."""
    if token.lower_ in ("next", "tomorrow"):
        return True
    return any(_future(c) for c in token.children if c.dep_ not in _CLAUSES)


def _noun_real(noun: Token) -> bool:
    """False when a meeting noun is only wanted, called for or refused."""
    head = noun.head
    verb = head.head if noun.dep_ == "pobj" else head
    if noun.dep_ == "pobj" and head.lower_ == "for" and verb.lemma_ in _ATTEMPT_OR_MOTION:
        return _happened(verb)  # "travelled to Riyadh for talks", unlike "called for talks"
    if noun.dep_ == "pobj" and (head.lower_ in _UNREAL_PREPS or verb.lower_ in _UNREAL_PREPS):
        return False  # "for talks", "ahead of the meeting"
    if noun.dep_ == "pobj" and head.lower_ in _SETTING_PREPS:
        return True  # "at the talks X proposed/rejected Y": what was done there, not the talks
    for t in (head, verb):
        if t.lemma_.lower() in _UNREAL_HEADS or t.lower_ in _SPEECH_NOUNS:
            return False
    return True


def _by_phone(verb: Token, sent: Span) -> bool:
    return any(t.lower_ in _PHONE_WORDS for t in sent if t is not verb)


def _attach_topics(sent: Span, found: list[Report], resolver: Resolver) -> None:
    """ "The parties also discussed X": topics for the meeting the sentence refers back to."""
    if not found or found[-1].sent == sent:
        return
    if resolver.refers_back(sent):
        for phrase in discussion_objects(sent):
            if phrase not in found[-1].topics:
                found[-1].topics.append(phrase)
