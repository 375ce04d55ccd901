"""Gatherings: a single named body meeting as a whole, people present at one, and people
named later as its participants or signatories."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.assembly import Report, name_in
from bot.briefing.entities import ORG, PERSON, Mention, Mentions
from bot.briefing.lexicon import COLLECTIVE_NOUNS
from bot.briefing.parties import make_party

# Nouns under which a single named body meets as a whole ("the G-7 meeting", "OPEC talks").
_GATHERING_NOUNS = frozenset(
    ["summit", "meeting", "meetings", "session", "talks", "conference", "gathering", "negotiations"]
)


def attended(trigger: Token, person: Mention) -> bool:
    """A person at a gathering named before: "said at the gathering", "hosted the talks",
    "after chairing a meeting of farm ministers"; a name before the noun names the gathering."""
    if person.kind != PERSON or trigger.pos_ != "NOUN" or trigger.lower_ not in _GATHERING_NOUNS:
        return False
    if trigger.left_edge.i <= person.start < trigger.i:
        return False
    if trigger.dep_ == "dobj":
        return trigger.head.lemma_ in ("chair", "host", "attend")
    definite = any(c.lower_ in ("the", "that", "this", "same") for c in trigger.children)
    return trigger.dep_ == "pobj" and trigger.head.lower_ in ("at", "during") and definite


def join_gathering(found: list[Report], item: Report) -> None:
    """Count the person among the participants of the multilateral meeting just reported;
    a bilateral meeting does not gain a third party from such a mention."""
    if not found or found[-1].side_b or found[-1].joins:
        return
    if item.side_a[0].name not in found[-1].names():
        found[-1].side_a.append(item.side_a[0])


def extend_meeting(report: Report, item: Report, mentions: Mentions) -> None:
    """Add the parties of a sentence about the meeting just reported ("The agreement was
    signed by X and Y"): each to the side of the country or body it belongs to, else opposite
    the initiator."""
    if not report.side_b and len(report.side_a) == 2:
        # "Nigeria and Britain signed": now that people join them, each heads a side.
        report.side_a, report.side_b = report.side_a[:1], report.side_a[1:]
    known = report.names()
    for party in (m for m in (*item.side_a, *item.side_b) if m.name not in known):
        owner = make_party(party, mentions).affiliation or ""
        ours = bool(owner) and any(name_in(a.name, owner) for a in report.side_a)
        (report.side_a if ours else report.side_b).append(party)


def single_body(trigger: Token, party: Mention) -> bool:
    """A single named body meeting as a whole: "OPEC ministers met", "the G-7 summit"."""
    if party.kind != ORG:
        return False
    if trigger.lower_ in _GATHERING_NOUNS and trigger.pos_ == "NOUN":
        if trigger.dep_ in ("nsubj", "nsubjpass"):
            return _past(trigger.head)  # "the G7 meeting is thought unlikely to ...": a preview
        return trigger.dep_ != "pobj" or trigger.head.lower_ in ("at", "after", "during", "for")
    subj = [c for c in trigger.children if c.dep_ == "nsubj"]
    if trigger.lemma_ != "meet" or not subj:
        return False
    # "OPEC ministers met", or the body itself as subject: "the ICCO met in January".
    return subj[0].lemma_ in COLLECTIVE_NOUNS | {"minister"} or party.start <= subj[0].i < party.end


def _past(verb: Token) -> bool:
    """True for a verb in the past or perfect: "the summit ended", "the meeting has agreed"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes)
