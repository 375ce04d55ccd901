"""Where a meeting took place: the venue or city the sentence names, or the dateline's city."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from bot.briefing.countries import is_country
from bot.briefing.entities import ORG, PLACE, Mentions
from bot.briefing.lexicon import EVENT_WORDS, MOTION_VERBS
from bot.briefing.scope import tells_of_meeting

_PLACE_PREPS = frozenset({"at", "in", "during", "of"})
# Wire copy opens with the city: "LONDON, March 2 - ..." or "WASHINGTON (Reuters) -".
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'-]{2,30}?)(?:,\s*[A-Z][a-z]+\.? \d{1,2})?\s*(?:\(\w+\))?\s+[-–—]"
)


def split_dateline(text: str) -> tuple[str | None, str]:
    """The dateline's city and the text after the dateline; the parser misreads the dateline
    as part of the first sentence ("LONDON, March 24 - Nigeria and ..." as one date)."""
    m = _DATELINE.match(text)
    if m is None:
        return None, text
    return m.group(1).strip().title(), text[m.end() :].lstrip()


def meeting_place(
    trigger: Token, sent: Span, mentions: Mentions, parties: set[str], dateline: str | None
) -> str | None:
    """The venue or city of a meeting: a place or event attached to the trigger, else in its
    sentence; "here" means the dateline's city."""
    for token in _nearby(trigger):
        place = _place_of(token, mentions, parties)
        if place:
            return place
    for token in sent:
        # The parser hangs "in Paris" anywhere; a place inside another event's phrase ("an
        # assembly in Cairo denounced the accord") is not the meeting's.
        prep = token.head
        if token.dep_ == "pobj" and prep.lower_ in _PLACE_PREPS and tells_of_meeting(prep, trigger):
            place = _place_of(prep, mentions, parties)
            if place:
                return place
    if dateline and any(t.lower_ == "here" for t in sent):
        return dateline
    return None


def _nearby(trigger: Token) -> list[Token]:
    """Prepositions on the trigger and on the verbs that govern it."""
    out = []
    token = trigger
    for _ in range(3):
        # "flew to X", "a visit to X": where the motion ends is where the meeting is.
        moves = token.lemma_ in MOTION_VERBS or token.lemma_ == "visit"
        preps = _PLACE_PREPS | {"to"} if moves else _PLACE_PREPS
        out += [c for c in token.children if c.dep_ == "prep" and c.lower_ in preps]
        if token.head == token:
            break
        token = token.head
    return out


def _place_of(prep: Token, mentions: Mentions, parties: set[str]) -> str | None:
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        m = mentions.at(pobj)
        if m is None or m.name in parties:
            continue
        if m.kind == PLACE and (prep.lower_ != "of" or not is_country(m.name)):
            return m.name
        if m.kind == ORG and any(w.lower() in EVENT_WORDS for w in m.name.split()):
            return m.name
    return None
