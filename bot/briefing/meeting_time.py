"""When a meeting took place: the day its own clause gives, or a wire story lead's day; and
whether it is the story's news or its background."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

from bot.briefing import dates
from bot.briefing.report import Report
from bot.briefing.scope import clause_verb, tells_of_meeting
from bot.briefing.wordlists import future_words

# Words that put a date in the future: such a day is not when the meeting took place.
FUTURE_WORDS = future_words()
# A year named alone ("In 2017, a memorandum was signed").
_YEAR = re.compile(r"(?:19|20)\d{2}$")


def meeting_day(group: list[Report], published: date | None, dateline: str | None) -> str | None:
    """The day of a merged meeting: the first its reports give, else the dateline's day for
    a wire story's lead news."""
    day = next((d for f in group if (d := report_day(f, published))), None)
    if day is None and dateline and published is not None and _told_in_lead(group):
        return published.isoformat()
    return day


def report_day(item: Report, published: date | None) -> str | None:
    """The day the meeting's clause gives, or the publication day for a present report."""
    for ent in _own_times(item):
        if not any(w in ent.text.lower() for w in FUTURE_WORDS):
            day = dates.resolve_day(ent.text, published)
            if day is not None and (published is None or day <= published):
                return day.isoformat()
    if published is not None and any(_present(s) for s in _quote_sentences(item.sent)):
        return published.isoformat()
    return None


def time_given(item: Report, published: date | None) -> date | int | None:
    """The day the report gives for its meeting, else the year it names alone."""
    day = report_day(item, published)
    if day is not None:
        return date.fromisoformat(day)
    years = [int(e.text) for e in item.sent.ents if e.label_ == "DATE" and _YEAR.match(e.text)]
    return years[0] if years else None


def same_time(one: date | int | None, other: date | int | None) -> bool:
    """Whether two times could be one meeting's: either unknown, or the same year and day."""
    if one is None or other is None:
        return True
    if isinstance(one, date) and isinstance(other, date):
        return one == other
    return _year_of(one) == _year_of(other)


def is_current(group: list[Report], day: str | None, published: date | None) -> bool:
    """Whether a meeting is the story's news rather than its background: held on the day of
    publication or the day before, or told with no time of its own and not in the past perfect."""
    if day is not None:
        return published is not None and (published - date.fromisoformat(day)).days <= 1
    return not any(_past_perfect(clause_verb(f.trigger)) or _own_times(f) for f in group)


def _own_times(item: Report) -> list[Span]:
    """The time expressions of the report's sentence that tell of its meeting."""
    return [
        e
        for e in item.sent.ents
        if e.label_ in ("DATE", "TIME") and tells_of_meeting(e.root, item.trigger)
    ]


def _year_of(when: date | int) -> int:
    return when if isinstance(when, int) else when.year


def _past_perfect(verb: Token | None) -> bool:
    """ "had met", "had been discussed": a meeting before the story's events."""
    return verb is not None and any(a.lemma_ == "have" and a.tag_ == "VBD" for a in _auxes(verb))


def _auxes(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _told_in_lead(group: list[Report]) -> bool:
    """Whether the lead sentence reports the meeting as the news of the day: a datelined
    story's lead tells what happened that day, in the simple past or present, naming no day."""
    for item in group:
        if item.sent.start != 0 or any(e.label_ in ("DATE", "TIME") for e in item.sent.ents):
            continue
        verb = clause_verb(item.trigger)
        if verb is not None and _simple_tense(verb):
            return True
    return False


def _simple_tense(verb: Token) -> bool:
    """True for "met", "meets", "is meeting", "was speaking": not "had met", "will meet"."""
    auxes = _auxes(verb)
    if _past_perfect(verb) or any(a.tag_ == "MD" for a in auxes):
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
