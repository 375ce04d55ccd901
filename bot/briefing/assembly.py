"""Reports of one meeting merged into a Meeting: its sides, parties, place, day and topics."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from bot.briefing import dates
from bot.briefing.brief import Meeting
from bot.briefing.countries import is_country
from bot.briefing.entities import PERSON, Mention, Mentions, is_forum
from bot.briefing.parties import enrich, make_party
from bot.briefing.topics import dedupe_phrases
from bot.briefing.venues import meeting_place

# A year named alone ("In 2017, a memorandum was signed").
_YEAR = re.compile(r"(?:19|20)\d{2}$")
# Words that put a date in the future: such a day is not when the meeting took place.
FUTURE_WORDS = frozenset(
    ["next", "tomorrow", "upcoming", "later", "future", "planned", "proposed", "possible"]
)


@dataclass
class Report:
    """A meeting as read from one sentence, before reports of the same meeting are merged."""

    side_a: list[Mention]
    side_b: list[Mention]
    sent: Span
    trigger: Token
    topics: list[str] = field(default_factory=list)
    # One named person present at a gathering reported before ("he insisted at the gathering").
    joins: bool = False

    def names(self) -> set[str]:
        return {m.name for m in (*self.side_a, *self.side_b)}


def merge_reports(found: list[Report], published: date | None) -> list[list[Report]]:
    """Group reports of the same meeting: one's party names all contained in the other's,
    and no different year or day given for the two (the same parties meet again)."""
    groups: list[list[Report]] = []
    times: list[date | int | None] = []
    for item in found:
        when = _time_given(item, published)
        for i, group in enumerate(groups):
            names = set().union(*(g.names() for g in group))
            if _same_parties(item.names(), names) and _same_time(when, times[i]):
                group.append(item)
                times[i] = times[i] or when
                break
        else:
            groups.append([item])
            times.append(when)
    return groups


def _time_given(item: Report, published: date | None) -> date | int | None:
    """The day the report's sentence gives for its meeting, else the year it names alone."""
    day = _meeting_day(item, published)
    if day is not None:
        return date.fromisoformat(day)
    years = [int(e.text) for e in item.sent.ents if e.label_ == "DATE" and _YEAR.match(e.text)]
    return years[0] if years else None


def _same_time(one: date | int | None, other: date | int | None) -> bool:
    """Whether two times could be one meeting's: either unknown, or the same year and day."""
    if one is None or other is None:
        return True
    if isinstance(one, date) and isinstance(other, date):
        return one == other
    return _year_of(one) == _year_of(other)


def _year_of(when: date | int) -> int:
    return when if isinstance(when, int) else when.year


def _same_parties(a: set[str], b: set[str]) -> bool:
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(name_in(s, o) for o in big) for s in small)


def name_in(short: str, long: str) -> bool:
    """True when the longer name contains every word of the shorter ("Germany", "West Germany")."""
    return short == long or set(short.split()) <= set(long.split())


def to_meeting(
    group: list[Report], mentions: Mentions, published: date | None, dateline: str | None
) -> Meeting:
    side_a, side_b = _sides(group)
    all_parties = [make_party(m, mentions) for m in mentions.items if m.kind == PERSON]
    who = enrich([make_party(m, mentions) for m in side_a], all_parties)
    with_ = enrich([make_party(m, mentions) for m in side_b], all_parties)
    names = {m.name for m in (*side_a, *side_b)}
    where = next(
        (w for f in group if (w := meeting_place(f.trigger, f.sent, mentions, names, dateline))),
        None,
    )
    day = next((d for f in group if (d := _meeting_day(f, published))), None)
    if day is None and dateline and published is not None and _told_in_lead(group):
        day = published.isoformat()
    if where is None and dateline and _current(group, day, published):
        where = dateline
    topics = dedupe_phrases([t for f in group for t in f.topics])[:4]
    return Meeting(who=who, with_=with_, where=where, date=day, topics=topics)


def _sides(group: list[Report]) -> tuple[list[Mention], list[Mention]]:
    """Both sides of a merged meeting: all on one side when it opens with a multilateral
    report, else the initiator of the first report with two sides opposite everyone else."""
    if not group[0].side_b and len(group[0].side_a) > 2:
        return _members_not_forum(_specific([m for f in group for m in (*f.side_a, *f.side_b)])), []
    first = next((f for f in group if f.side_b), group[0])
    anchor = first.side_a[:1] if not first.side_b else first.side_a
    side_a: list[Mention] = []
    side_b: list[Mention] = []
    for m in (m for f in group for m in (*f.side_a, *f.side_b)):
        same = any(name_in(m.name, a.name) or name_in(a.name, m.name) for a in anchor)
        (side_a if same else side_b).append(m)
    keep = {m.name for m in _specific(side_a + side_b)}
    return [m for m in unique_parties(side_a) if m.name in keep], [
        m for m in unique_parties(side_b) if m.name in keep
    ]


def _members_not_forum(parties: list[Mention]) -> list[Mention]:
    """A gathering of the G-7 whose member countries are named: the countries took part, the
    group's name only names the gathering."""
    countries = [m for m in parties if is_country(m.name)]
    return [m for m in parties if not is_forum(m.name)] if len(countries) >= 2 else parties


def _specific(parties: list[Mention]) -> list[Mention]:
    """One mention per party, dropping a name that a longer listed name contains."""
    unique = unique_parties(parties)
    names = [m.name for m in unique]
    return [m for m in unique if not any(o != m.name and name_in(m.name, o) for o in names)]


def unique_parties(parties: list[Mention]) -> list[Mention]:
    """One mention per party name, in order of first mention."""
    seen: dict[str, Mention] = {}
    for m in parties:
        seen.setdefault(m.name, m)
    return list(seen.values())


def _meeting_day(item: Report, published: date | None) -> str | None:
    """The day the meeting's clause gives, or the publication day for a present report."""
    for ent in item.sent.ents:
        if ent.label_ not in ("DATE", "TIME") or not _dates_meeting(ent, item.trigger):
            continue
        if not any(w in ent.text.lower() for w in FUTURE_WORDS):
            day = dates.resolve_day(ent.text, published)
            if day is not None and (published is None or day <= published):
                return day.isoformat()
    if published is not None and any(_present(s) for s in _quote_sentences(item.sent)):
        return published.isoformat()
    return None


def _dates_meeting(ent: Span, trigger: Token) -> bool:
    """Whether a time expression dates the meeting: it sits in the meeting's phrase ("their
    summit last October") or in the clause that reports it, not in another ("his offer
    Saturday", "the April 29 visit")."""
    node = ent.root
    while node.head is not node:
        # "On Tuesday Cyprus and Greece met": the parser may hang a day on the name after it.
        misparsed = node.dep_ == "compound" and node.head.pos_ == "PROPN"
        node = node.head
        if node == trigger:
            return True
        if node.pos_ in ("VERB", "AUX"):
            # "a meeting they had last night": a relative clause of the meeting dates it too.
            return node.head == trigger or node in _reporting_clauses(trigger)
        if node.pos_ in ("NOUN", "PROPN") and not misparsed:
            return False
    return False


def _reporting_clauses(trigger: Token) -> list[Token]:
    """The verbs whose clauses report the meeting: the trigger's own, and those it is the
    purpose or continuation of ("gathered in Cairo on Wednesday to discuss", "flew to Moscow
    on Monday and met"), not one that reports what was said of it."""
    verb = next((t for t in (trigger, *trigger.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    chain = []
    while verb is not None:
        chain.append(verb)
        verb = verb.head if verb.dep_ in ("xcomp", "advcl", "conj") else None
    return chain


def _current(group: list[Report], day: str | None, published: date | None) -> bool:
    """Whether a meeting is the story's news rather than its background: held on the day of
    publication or the day before, or told with no time of its own and not in the past perfect."""
    if day is not None:
        return published is not None and (published - date.fromisoformat(day)).days <= 1
    return not any(
        _past_perfect(f.trigger)
        or any(e.label_ in ("DATE", "TIME") and _dates_meeting(e, f.trigger) for e in f.sent.ents)
        for f in group
    )


def _past_perfect(trigger: Token) -> bool:
    """ "had met", "had been discussed": a meeting before the story's events."""
    verb = next((t for t in (trigger, *trigger.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")] if verb else []
    return any(a.lemma_ == "have" and a.tag_ == "VBD" for a in auxes)


def _told_in_lead(group: list[Report]) -> bool:
    """Whether the lead sentence reports the meeting as the news of the day: a datelined
    story's lead tells what happened that day, in the simple past or present, naming no day."""
    for item in group:
        if item.sent.start != 0 or any(e.label_ in ("DATE", "TIME") for e in item.sent.ents):
            continue
        clause = next((t for t in item.trigger.ancestors if t.pos_ in ("VERB", "AUX")), None)
        verb = item.trigger if item.trigger.pos_ in ("VERB", "AUX") else clause
        if verb is not None and _simple_tense(verb):
            return True
    return False


def _simple_tense(verb: Token) -> bool:
    """True for "met", "meets", "is meeting", "was speaking": not "had met", "will meet"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or (a.lemma_ == "have" and a.tag_ == "VBD") for a in auxes):
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(a.lemma_ == "be" for a in auxes)


def _quote_sentences(sent: Span) -> list[Span]:
    """The sentence, and the one before when both belong to one open quotation."""
    doc = sent.doc
    if sent.start == 0:
        return [sent]
    before = doc[sent.start - 1].sent
    opened = sum(t.text in '“"' for t in before) > sum(t.text == "”" for t in before)
    return [sent, before] if opened else [sent]


def _present(sent: Span) -> bool:
    """True for a report of what is going on now ("we are working", "meets today")."""
    for t in sent:
        if t.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in t.children
        ):
            return True
    return False
