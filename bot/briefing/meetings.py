"""Who met whom: meeting reports found in the parse, with their parties, place, day and topics."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from bot.briefing import dates
from bot.briefing.brief import Meeting
from bot.briefing.coref import Resolver
from bot.briefing.entities import ORG, PERSON, Mention, Mentions
from bot.briefing.lexicon import COLLECTIVE_NOUNS
from bot.briefing.parties import enrich, make_party
from bot.briefing.topics import dedupe_phrases, discussion_objects
from bot.briefing.venues import meeting_place

# Verbs that report a meeting once both sides are named.
_WITH_VERBS = frozenset(["meet", "negotiate", "confer", "talk", "discuss", "agree", "sign", "consult", "speak", "chat"])
_OBJECT_VERBS = frozenset(["meet", "host", "receive", "welcome", "visit", "phone", "call", "telephone"])
# Verbs whose object noun carries the meeting ("held talks", "attended the summit").
_HOLD_VERBS = frozenset(
    ["hold", "have", "conduct", "begin", "open", "start", "resume", "continue", "end", "conclude", "complete", "wrap", "attend", "join", "chair", "host", "convene"]
)
_MEETING_NOUNS = frozenset(
    ["meeting", "meetings", "talk", "talks", "summit", "negotiation", "negotiations", "discussion", "discussions", "consultations", "call", "conversation", "visit", "encounter", "session", "gathering"]
)
_PHONE_WORDS = frozenset(["phone", "telephone", "video", "videoconference", "call", "conversation"])
_MODALS = frozenset(["will", "shall", "would", "could", "might", "may", "should", "must", "can", "'ll", "wo", "ca"])
_FUTURE_WORDS = frozenset(["next", "tomorrow", "upcoming", "later", "future", "planned", "proposed", "possible"])
# Heads that make a meeting noun hypothetical: "called for talks", "refused a meeting".
_UNREAL_HEADS = frozenset(
    ["call", "urge", "propose", "suggest", "seek", "demand", "refuse", "reject", "decline", "want", "plan", "prepare", "offer", "invite", "request", "ask", "push", "press", "favour", "favor", "await", "expect", "schedule", "postpone", "cancel", "need", "hope"]
)
_UNREAL_PREPS = frozenset({"for", "ahead", "before", "until", "without"})
_SPEECH_NOUNS = frozenset(["interview", "speech", "address", "statement", "vote", "debate"])


@dataclass
class _Found:
    """A meeting as read from one sentence, before merging."""

    side_a: list[Mention]
    side_b: list[Mention]
    sent: Span
    trigger: Token
    topics: list[str] = field(default_factory=list)

    def names(self) -> set[str]:
        return {m.name for m in (*self.side_a, *self.side_b)}


def find_meetings(mentions: Mentions, published: date | None, dateline: str | None) -> list[Meeting]:
    """The meetings an article reports, main one first; an empty list when there are none."""
    resolver = Resolver(mentions)
    found: list[_Found] = []
    for sent in mentions.doc.sents:
        for token in sent:
            item = _read_trigger(token, sent, resolver)
            if item is None:
                continue
            item.topics = discussion_objects(sent)
            found.append(item)
            resolver.last_parties = [*item.side_a, *item.side_b]
        _attach_topics(sent, found, resolver)
    merged = _merge(found)
    return [_to_meeting(group, mentions, published, dateline) for group in merged]


def _read_trigger(token: Token, sent: Span, resolver: Resolver) -> _Found | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and lemma in (_WITH_VERBS | _OBJECT_VERBS):
        return _verb_meeting(token, sent, resolver)
    if token.pos_ == "NOUN" and token.lower_ in _MEETING_NOUNS:
        return _noun_meeting(token, sent, resolver)
    return None


def _verb_meeting(verb: Token, sent: Span, resolver: Resolver) -> _Found | None:
    lemma = verb.lemma_.lower()
    if not _happened(verb):
        return None
    if lemma in ("speak", "chat", "call", "phone", "telephone") and not _by_phone(verb, sent):
        return None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if _refers_back(verb, resolver):
        return None  # "the parties discussed ...": more about a meeting already found
    subj = _subjects(verb, resolver, passive)
    other: list[Mention] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and lemma in _OBJECT_VERBS:
            other += resolver.parties(child, allow_places=lemma == "visit")
        elif child.dep_ == "prep" and child.lower_ in ("with", "to") or child.dep_ == "dative":
            other += [p for o in _pobjs(child) for p in resolver.parties(o)]
    if not other and lemma in _WITH_VERBS:
        other = _with_in_object(verb, resolver)
    if passive and lemma in _OBJECT_VERBS:
        subj, other = other, subj
    return _sided(subj, other, sent, verb, lemma in _WITH_VERBS)


def _noun_meeting(noun: Token, sent: Span, resolver: Resolver) -> _Found | None:
    head = noun.head
    if any(c.lower_ in _FUTURE_WORDS for c in noun.children) or not _noun_real(noun):
        return None
    side_a: list[Mention] = []
    side_b: list[Mention] = []
    multi: list[Mention] = []
    for child in noun.children:
        if child.dep_ == "poss":
            side_a += resolver.parties(child)
        elif child.dep_ in ("compound", "amod", "nmod"):
            multi += resolver.parties(child, allow_places=True, nations=True)
        elif child.dep_ == "prep" and child.lower_ == "with":
            side_b += [p for o in _pobjs(child) for p in resolver.parties(o)]
        elif child.dep_ == "prep" and child.lower_ in ("between", "among", "of"):
            multi += [p for o in _pobjs(child) for p in resolver.parties(o, allow_places=True, nations=True)]
    if noun.dep_ in ("dobj", "pobj", "nsubjpass") and noun.lower_ not in ("call", "visit"):
        verb = head.head if noun.dep_ == "pobj" else head
        if verb.pos_ in ("VERB", "AUX") and _happened(verb):
            if verb.lemma_.lower() in _HOLD_VERBS or noun.dep_ == "pobj":
                side_a += _subjects(verb, resolver, passive=False)
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    side_b += [p for o in _pobjs(child) for p in resolver.parties(o)]
        elif verb.pos_ in ("VERB", "AUX"):
            return None
    if noun.dep_ == "nsubj" or noun.dep_ == "nsubjpass":
        for child in head.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                multi += [p for o in _pobjs(child) for p in resolver.parties(o)]
    if not side_b and multi:
        side_a, side_b = side_a + multi, []
    elif multi:
        side_a += multi
    return _sided(side_a, side_b, sent, noun, True)


def _sided(
    side_a: list[Mention], side_b: list[Mention], sent: Span, trigger: Token, pairs_in_a: bool
) -> _Found | None:
    side_a = _unique(side_a)
    side_b = [m for m in _unique(side_b) if m.name not in {a.name for a in side_a}]
    if side_b and side_a:
        return _Found(side_a, side_b, sent, trigger)
    if not side_b and pairs_in_a and len(side_a) >= 2:
        return _Found(side_a, [], sent, trigger)
    if not side_b and len(side_a) == 1 and _gathering(trigger, side_a[0]):
        return _Found(side_a, [], sent, trigger)
    return None


def _gathering(trigger: Token, party: Mention) -> bool:
    """A single named body meeting as a whole: "OPEC ministers met", "the G-7 summit"."""
    if party.kind != ORG:
        return False
    if trigger.lower_ in ("summit", "meeting", "session") and trigger.pos_ == "NOUN":
        return trigger.dep_ not in ("pobj",) or trigger.head.lower_ in ("at", "after", "during")
    subj = [c for c in trigger.children if c.dep_ == "nsubj"]
    return trigger.lemma_ == "meet" and bool(subj) and subj[0].lemma_ in COLLECTIVE_NOUNS | {"minister"}


def _subjects(verb: Token, resolver: Resolver, passive: bool) -> list[Mention]:
    """The subject's parties, following coordinated and controlled verbs to their subject."""
    token = verb
    for _ in range(3):
        subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        agent = [o for c in token.children if c.dep_ == "agent" for o in _pobjs(c)]
        if passive and agent:
            return [p for a in agent for p in resolver.parties(a)]
        if subj:
            return [p for s in subj for p in resolver.parties(s)]
        if token.dep_ in ("conj", "xcomp", "advcl") and token.head is not token:
            token = token.head
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
    return [c for c in prep.children if c.dep_ == "pobj"]


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
            return token.head.lemma_ in ("travel", "fly", "go", "come", "arrive", "return") and token.head is not token and _happened(token.head)
        if token.dep_ not in ("conj", "xcomp") or token.head is token:
            return True
        token = token.head
    return True


def _future(token: Token) -> bool:
    return any(t.lower_ in ("next", "tomorrow") for t in token.subtree)


def _noun_real(noun: Token) -> bool:
    """False when a meeting noun is only wanted, called for or refused."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in _UNREAL_PREPS:
        return False
    verb = head.head if noun.dep_ == "pobj" else head
    for t in (head, verb):
        if t.lemma_.lower() in _UNREAL_HEADS or t.lower_ in _SPEECH_NOUNS:
            return False
    return True


def _by_phone(verb: Token, sent: Span) -> bool:
    return any(t.lower_ in _PHONE_WORDS for t in sent if t is not verb)


def _attach_topics(sent: Span, found: list[_Found], resolver: Resolver) -> None:
    """ "The parties also discussed X": topics for the meeting the sentence refers back to."""
    if not found or found[-1].sent == sent:
        return
    if resolver.refers_back(sent):
        for phrase in discussion_objects(sent):
            if phrase not in found[-1].topics:
                found[-1].topics.append(phrase)


def _merge(found: list[_Found]) -> list[list[_Found]]:
    """Group reports of the same meeting: one's party names all contained in the other's."""
    groups: list[list[_Found]] = []
    for item in found:
        for group in groups:
            if _same_parties(item.names(), set().union(*(g.names() for g in group))):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups


def _same_parties(a: set[str], b: set[str]) -> bool:
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(_name_in(s, o) for o in big) for s in small)


def _name_in(short: str, long: str) -> bool:
    return short == long or set(short.split()) <= set(long.split())


def _to_meeting(
    group: list[_Found], mentions: Mentions, published: date | None, dateline: str | None
) -> Meeting:
    side_a, side_b = _sides(group)
    all_parties = [make_party(m, mentions) for m in mentions.items if m.kind == PERSON]
    who = enrich([make_party(m, mentions) for m in side_a], all_parties)
    with_ = enrich([make_party(m, mentions) for m in side_b], all_parties)
    names = {m.name for m in (*side_a, *side_b)}
    where = next((w for f in group if (w := meeting_place(f.trigger, f.sent, mentions, names, dateline))), None)
    day = next((d for f in group if (d := _meeting_day(f, published))), None)
    topics = dedupe_phrases([t for f in group for t in f.topics])[:4]
    return Meeting(who=who, with_=with_, where=where, date=day, topics=topics)


def _sides(group: list[_Found]) -> tuple[list[Mention], list[Mention]]:
    """Both sides of a merged meeting: the first report's initiator, everyone else opposite."""
    first = group[0]
    if not first.side_b and len(first.side_a) > 2:
        return _specific([m for f in group for m in (*f.side_a, *f.side_b)]), []
    anchor = first.side_a[:1] if not first.side_b else first.side_a
    side_a: list[Mention] = []
    side_b: list[Mention] = []
    for m in (m for f in group for m in (*f.side_a, *f.side_b)):
        same = any(_name_in(m.name, a.name) or _name_in(a.name, m.name) for a in anchor)
        (side_a if same else side_b).append(m)
    keep = {m.name for m in _specific(side_a + side_b)}
    return [m for m in _unique(side_a) if m.name in keep], [m for m in _unique(side_b) if m.name in keep]


def _specific(parties: list[Mention]) -> list[Mention]:
    """One mention per party, dropping a name that a longer listed name contains."""
    unique = _unique(parties)
    names = [m.name for m in unique]
    return [m for m in unique if not any(o != m.name and _name_in(m.name, o) for o in names)]


def _unique(parties: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for m in parties:
        seen.setdefault(m.name, m)
    return list(seen.values())


def _meeting_day(item: _Found, published: date | None) -> str | None:
    """The day the sentence gives for the meeting, or the publication day for a present report."""
    for ent in item.sent.ents:
        if ent.label_ in ("DATE", "TIME") and not any(w in ent.text.lower() for w in _FUTURE_WORDS):
            day = dates.resolve_day(ent.text, published)
            if day is not None and (published is None or day <= published):
                return day.isoformat()
    if published is not None and any(_present(s) for s in _quote_sentences(item.sent)):
        return published.isoformat()
    return None


def _quote_sentences(sent: Span) -> list[Span]:
    """The sentence, and the one before when both belong to one open quotation."""
    doc = sent.doc
    if sent.start == 0:
        return [sent]
    before = doc[sent.start - 1].sent
    opened = sum(t.text in "“\"" for t in before) > sum(t.text == "”" for t in before)
    return [sent, before] if opened else [sent]


def _present(sent: Span) -> bool:
    """True for a report of what is going on now ("we are working", "meets today")."""
    for t in sent:
        if t.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in t.children):
            return True
    return False


