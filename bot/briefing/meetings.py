"""Who met whom: meeting reports found in the parse, with their parties, place, day and topics."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from bot.briefing.accords import ACCORD_NOUNS, accord_reports
from bot.briefing.article_topics import discussion_objects
from bot.briefing.assembly import merge_reports, named_people, to_meeting
from bot.briefing.brief import Meeting
from bot.briefing.candidates import Candidate, is_roll, propose, report_pairs
from bot.briefing.capitals import capital_of
from bot.briefing.clauses import by_phone, pobjs, sided, subjects
from bot.briefing.coref import Resolver
from bot.briefing.countries import is_country
from bot.briefing.entities import ORG, PERSON, Mention, Mentions, is_media
from bot.briefing.gatherings import extend_meeting, join_gathering, told_of
from bot.briefing.hosts import host_counterpart
from bot.briefing.judge import Judge, default_judge
from bot.briefing.meals import is_meal
from bot.briefing.meeting_nouns import MEETING_NOUNS, noun_meeting, when_clause
from bot.briefing.reality import happened
from bot.briefing.report import Report
from bot.briefing.sidelines import sideline_gathering
from bot.briefing.wordlists import called_up_to_verbs, press_nouns

# Verbs that report a meeting once both sides are named.
_WITH_VERBS = frozenset(
    ["meet", "negotiate", "confer", "talk", "discuss", "agree", "sign", "consult", "speak", "chat"]
)
_OBJECT_VERBS = frozenset(
    ["meet", "host", "receive", "welcome", "visit", "phone", "call", "telephone"]
)


def find_meetings(
    mentions: Mentions,
    published: date | None,
    dateline: str | None,
    judge: Judge | None = None,
    headline: str | None = None,
) -> list[Meeting]:
    """The meetings an article reports, main one first; an empty list when there are none.
    The rules read reports, every pair of parties a meeting sentence names is a candidate, and
    the judge (the shipped model unless another is given) keeps the pairs that met."""
    reports, candidates, resolver = read_candidates(mentions, dateline, headline)
    accepted = (judge or default_judge()).accept(candidates)
    merged = merge_reports(judged_reports(reports, accepted), published)
    merged += [[side] for group in merged if (side := sideline_gathering(group, resolver))]
    people = named_people(mentions)
    return [to_meeting(group, mentions, published, dateline, people) for group in merged]


def read_candidates(
    mentions: Mentions, dateline: str | None, headline: str | None = None
) -> tuple[list[Report], list[Candidate], Resolver]:
    """The rules' reports and the candidate pairs (theirs and every other named in a meeting
    sentence), before the judge: what `find_meetings` decides on and the judge is trained on."""
    resolver = Resolver(mentions)
    if dateline:
        resolver.host = capital_of(dateline, {m.name for m in mentions.items})
    found: list[Report] = []
    for sent in mentions.doc.sents:
        for item in (r for t in sent for r in _read_triggers(t, sent, resolver)):
            if item.joins:
                join_gathering(found, item, mentions)
                continue
            if found and _refers_to_last(item, found[-1]):
                extend_meeting(found[-1], item, mentions)
                continue
            if found and told_of(item.trigger):
                join_gathering(found, item, mentions)
                continue
            item.topics = discussion_objects(sent)
            found.append(item)
            resolver.last_parties = [*item.side_a, *item.side_b]
        _attach_topics(sent, found, resolver)
    return found, propose(found, resolver, headline), resolver


def judged_reports(reports: list[Report], accepted: list[Candidate]) -> list[Report]:
    """The rules' reports whose pairs the judge accepted in their own sentence; of a report
    with some pairs turned down, a report per accepted pair; and a report for each accepted
    pair no rule read, from its strongest sentence; all in the order of the text. A report
    without pairs (a body meeting as a whole, one person at a gathering) or a roll of many
    stands as read."""
    held = {(c.key, c.sent.start) for c in accepted}
    kept: list[Report] = []
    split: list[Candidate] = []
    covered: set[frozenset[str]] = set()
    for report in reports:
        pairs = [] if is_roll(report) else report_pairs(report)
        met = [(a, b) for a, b in pairs if (frozenset((a.name, b.name)), report.sent.start) in held]
        if pairs and not met:
            continue
        if len(met) < len(pairs):
            split += [Candidate(a, b, report.sent, report.trigger) for a, b in met]
        else:
            kept.append(report)
        covered |= {frozenset((a.name, b.name)) for a, b in met}
    strongest: dict[frozenset[str], Candidate] = {}
    for cand in accepted:
        strongest.setdefault(cand.key, cand)
    new = [c for key, c in strongest.items() if key not in covered]
    kept += _reports_of(split) + _reports_of(new)
    return sorted(kept, key=lambda r: (r.sent.start, r.trigger.i))


def _reports_of(candidates: list[Candidate]) -> list[Report]:
    """Reports of accepted pairs: one per sentence when one party is in every pair of it ("X
    met Y and later Z"), else one per pair."""
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_sentence.setdefault(cand.sent.start, []).append(cand)
    out: list[Report] = []
    for group in by_sentence.values():
        first = group[0]
        hub = next((m for m in (first.a, first.b) if all(m.name in c.key for c in group)), None)
        if len(group) > 1 and hub is not None:
            others = [c.b if c.a.name == hub.name else c.a for c in group]
            out.append(Report([hub], others, first.sent, first.trigger))
        else:
            out += [Report([c.a], [c.b], c.sent, c.trigger) for c in group]
    for report in out:
        report.topics = discussion_objects(report.sent)
    return out


def _refers_to_last(item: Report, last: Report) -> bool:
    """True for "The meeting was attended by X", "The agreement was signed by X and Y" right
    after a meeting or accord of two parties was reported: the same event, with more of its
    people."""
    trigger = item.trigger
    passive = [c for c in trigger.children if c.dep_ == "nsubjpass"]
    noun = trigger if trigger.pos_ == "NOUN" else (passive[0] if passive else None)
    if noun is None or noun.dep_ != "nsubjpass" or last.sent.start < _sentence_before(item):
        return False
    if not last.side_b and len(last.side_a) != 2:
        return False  # people at a summit of many are listed on their own, not with nations
    left = [c.lower_ for c in noun.children if c.i < noun.i]
    return noun.lower_ in MEETING_NOUNS | ACCORD_NOUNS and left in (["the"], ["this"], ["that"])


def _sentence_before(item: Report) -> int:
    """Where the sentence before the report's sentence starts."""
    start = item.sent.start
    return item.sent.doc[start - 1].sent.start if start > 0 else start


def _read_triggers(token: Token, sent: Span, resolver: Resolver) -> list[Report]:
    """The meeting reports a token starts: a meeting word, or an accord between parties."""
    item = _read_trigger(token, sent, resolver)
    return [item] if item is not None else accord_reports(token, sent, resolver)


def _read_trigger(token: Token, sent: Span, resolver: Resolver) -> Report | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and lemma in (_WITH_VERBS | _OBJECT_VERBS):
        return _verb_meeting(token, sent, resolver)
    if token.pos_ == "VERB" and lemma in ("mediate", "broker"):
        return _mediation(token, sent, resolver)
    if (token.pos_ == "NOUN" and token.lower_ in MEETING_NOUNS) or is_meal(token):
        return noun_meeting(token, sent, resolver)
    return None


def _verb_meeting(verb: Token, sent: Span, resolver: Resolver) -> Report | None:
    lemma = verb.lemma_.lower()
    if not happened(verb):
        return None
    # "X spoke with Y" is a talk with a person; "spoke to parliament" is a speech.
    spoken = lemma in ("speak", "chat") and not by_phone(verb, sent)
    if lemma in ("call", "phone", "telephone") and not (by_phone(verb, sent) or _called_up(verb)):
        return None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if _refers_back(verb, resolver):
        return None  # "the parties discussed ...": more about a meeting already found
    subj = subjects(verb, resolver, passive)
    counterparts: list[Token] = []
    welcomed = lemma in _OBJECT_VERBS and any(c.dep_ == "dobj" for c in verb.children)
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and lemma in _OBJECT_VERBS:
            counterparts.append(child)
        elif child.dep_ == "prep" and child.lower_ == "to" and welcomed:
            continue  # "X welcomes Y to the Pentagon": where Y was welcomed
        elif child.dep_ == "prep" and child.lower_ in ("with", "to") or child.dep_ == "dative":
            counterparts += pobjs(child)
        elif child.dep_ == "prep" and child.lower_ in ("between", "among"):
            subj += [p for o in pobjs(child) for p in resolver.parties(o)]
    if passive and lemma in _OBJECT_VERBS and not counterparts and verb.dep_ == "conj":
        # "X arrived in Kenya and was received by Y": the received one is the first verb's.
        counterparts = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    counterparts = [_caller(c) or c for c in counterparts]
    other = [p for c in counterparts for p in resolver.parties(c)]
    if spoken and not any(p.kind == PERSON for p in other):
        return None  # "Obama spoke to Congress", "she spoke with reporters"
    if spoken and any(_interviewer(c) for c in counterparts):
        return None  # "Sunak spoke to BBC presenter Laura Kuenssberg": an interview
    if not other and lemma in _WITH_VERBS:
        other = _with_in_object(verb, resolver)
    if counterparts and not other and not passive:
        return None  # "X and Y met union leaders": they met someone unnamed, not each other
    if lemma == "visit" and _tour(other):
        return None
    if passive and lemma in _OBJECT_VERBS:
        subj, other = other, subj
    if len(subj) == 1 and subj[0].kind == ORG and not other:
        subj += _present_at_body_meeting(verb, resolver)
    if not other:
        other = host_counterpart(verb, subj, resolver)
    return sided(subj, other, sent, verb, lemma in _WITH_VERBS)


def _interviewer(word: Token) -> bool:
    """Whether the one spoken to is written as a journalist ("BBC presenter X", "CNN's X")."""
    words = list(word.subtree)
    named = " ".join(t.text for t in words)
    return any(t.lower_ in press_nouns() for t in words) or is_media(named)


def _caller(obj: Token) -> Token | None:
    """ "received a phone call from his Iranian counterpart X": whom a call or visit
    received was from."""
    if obj.lemma_.lower() not in ("call", "visit"):
        return None
    froms = [o for c in obj.children if c.dep_ == "prep" and c.lower_ == "from" for o in pobjs(c)]
    return froms[0] if froms else None


def _called_up(verb: Token) -> bool:
    """ "Putin called up Obama to discuss Iran": "call up" to talk something over is a
    telephone call; "called up Neymar for the qualifiers" picks a player."""
    purposes = [c for c in verb.children if c.dep_ in ("xcomp", "advcl")]
    return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children) and any(
        c.lemma_.lower() in called_up_to_verbs() for c in purposes
    )


def _tour(visited: list[Mention]) -> bool:
    """ "X is visiting Tanzania, Mozambique and Kenya": a tour of several countries names
    where X goes, not whom X meets there."""
    return len(visited) >= 2 and all(is_country(m.name) for m in visited)


def _present_at_body_meeting(verb: Token, resolver: Resolver) -> list[Mention]:
    """ "EC consumers were split on how ... when the ICCO met": the named subject of the
    clause a body's meeting sets the time of was at it; the parser often hangs the time
    clause on a verb further down, so climb to the first clause with a named subject."""
    if not when_clause(verb):
        return []
    clauses = [a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")][:3]
    for clause in clauses:
        subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        found = [p for s in subj for p in resolver.parties(s)]
        if found:
            return found
    return []


def _mediation(verb: Token, sent: Span, resolver: Resolver) -> Report | None:
    """ "X mediated an end to the conflict between A and B": the mediator negotiated with
    both; a deal "brokered between A and B" with no mediator named is not a meeting report."""
    if not happened(verb):
        return None
    sides = [
        p
        for t in verb.subtree
        if t.dep_ == "prep" and t.lower_ == "between"
        for o in pobjs(t)
        for p in resolver.parties(o, nations=True)
    ]
    return sided(subjects(verb, resolver, passive=True), sides, sent, verb, False)


def _refers_back(verb: Token, resolver: Resolver) -> bool:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and all(resolver.is_back_ref(s) for s in subj)


def _with_in_object(verb: Token, resolver: Resolver) -> list[Mention]:
    """The parser often hangs "with Y" on the object: "discussed the supply of X with Y"."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for t in _phrase_words(obj):
            if t.dep_ == "prep" and t.lower_ == "with":
                found = [p for o in pobjs(t) for p in resolver.parties(o)]
                if found:
                    return found
    return []


def _phrase_words(head: Token) -> list[Token]:
    """The words of a phrase in order, less its relative clauses ("the man who met with Y"):
    their "with" is of another verb, and an object's chain of clauses would be walked again
    from each verb in it."""
    out: list[Token] = []
    stack = [head]
    while stack:
        word = stack.pop()
        out.append(word)
        stack.extend(c for c in word.children if c.dep_ != "relcl")
    return sorted(out, key=lambda t: t.i)


def _attach_topics(sent: Span, found: list[Report], resolver: Resolver) -> None:
    """ "The parties also discussed X": topics for the meeting the sentence refers back to."""
    if not found or found[-1].sent == sent:
        return
    if resolver.refers_back(sent):
        for phrase in discussion_objects(sent):
            if phrase not in found[-1].topics:
                found[-1].topics.append(phrase)
