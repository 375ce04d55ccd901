"""Gatherings: a single named body meeting as a whole, people present at one, and people
named later as its participants or signatories."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.assembly import name_in
from bot.briefing.entities import ORG, PERSON, Mention, Mentions
from bot.briefing.lexicon import COLLECTIVE_NOUNS
from bot.briefing.parties import make_party
from bot.briefing.report import Report
from bot.briefing.wordlists import gather_verbs, gathering_nouns, moment_nouns, say_verbs

# Verbs of reporting what was said; "calling it a pity that ..." reports a view too.
SAY_VERBS = say_verbs()
# "The meeting brought together X, Y and Z", "the summit included X".
GATHER_VERBS = gather_verbs()
# Nouns under which a single named body meets as a whole ("the G-7 meeting", "OPEC talks").
GATHERING_NOUNS = gathering_nouns()
# "at the end of the meeting": a moment of a meeting sets the scene as the meeting itself does.
_MOMENT_NOUNS = moment_nouns()


def attended(trigger: Token, party: Mention) -> bool:
    """A party at a gathering named before: "said at the gathering", "hosted the talks",
    "after chairing a meeting of farm ministers", "at the January meeting France sided with
    producers", "said after the meeting", "made at the end of the meeting"; a name before the
    noun names the gathering."""
    if trigger.pos_ != "NOUN" or trigger.lower_ not in GATHERING_NOUNS:
        return False
    if trigger.left_edge.i <= party.start < trigger.i:
        return False
    if trigger.dep_ == "dobj":
        return party.kind == PERSON and trigger.head.lemma_ in ("chair", "host", "attend")
    scene = scene_of(trigger)
    if scene.dep_ != "pobj" or not definite(trigger):
        return False
    prep = scene.head
    # Whoever speaks "after the meeting" tells what went on inside it.
    return prep.lower_ in ("at", "during") or (
        prep.lower_ == "after" and prep.head.lemma_ in SAY_VERBS
    )


def scene_of(noun: Token) -> Token:
    """The word that sets a meeting in its clause: "end" in "at the end of the meeting", else
    the meeting noun itself."""
    head = noun.head
    moment = head.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and moment.lower_ in _MOMENT_NOUNS:
        return moment if moment.dep_ == "pobj" else noun
    return noun


def definite(noun: Token) -> bool:
    """True for a meeting the text has already introduced: "the meeting", "that session",
    "Saturday's talks"."""
    return any(
        c.lower_ in ("the", "that", "this", "same") or (c.dep_ == "poss" and c.pos_ != "PRON")
        for c in noun.children
    )


def points_back(noun: Token) -> bool:
    """True for "the meeting", "this session", "the meeting here": a meeting already told of,
    naming no one in its own phrase."""
    return definite(noun) and _names_no_one(noun)


def _names_no_one(noun: Token) -> bool:
    """True when the noun's own phrase has no owner, modifier name or "with" phrase."""
    return not {c.dep_ for c in noun.children} - {"det", "amod", "advmod"}


def join_gathering(found: list[Report], item: Report, mentions: Mentions) -> None:
    """Count the item's parties among the participants of the meeting just reported: of a
    gathering as more participants, of a two-sided meeting each on the side it belongs to."""
    if not found or found[-1].joins:
        return
    if found[-1].side_b:
        extend_meeting(found[-1], item, mentions)
        return
    known = found[-1].names()
    found[-1].side_a += [m for m in (*item.side_a, *item.side_b) if m.name not in known]


def told_of(trigger: Token) -> bool:
    """True for a meeting noun that names no one and points back to a meeting already told
    of: "When talks broke down, X and Y blamed one another", "at the talks X backed Y"."""
    if trigger.pos_ != "NOUN" or not _names_no_one(trigger):
        return False
    head = trigger.head
    if head.lemma_ in GATHER_VERBS | {"attend"} or any(c.dep_ == "agent" for c in head.children):
        return False  # "The meeting was attended by X and Y": its own list of people
    bare = trigger.tag_ == "NNS" and not any(c.dep_ == "det" for c in trigger.children)
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        return bare or definite(trigger)
    return trigger.dep_ == "pobj" and trigger.head.lower_ in ("at", "during") and definite(trigger)


def extend_meeting(report: Report, item: Report, mentions: Mentions) -> None:
    """Add the parties of a sentence about the meeting just reported ("The agreement was
    signed by X and Y"): each to the side of the country or body it belongs to, else opposite
    the initiator."""
    if not report.side_b and len(report.side_a) == 2:
        # "Nigeria and Britain signed": now that people join them, each heads a side.
        report.side_a, report.side_b = report.side_a[:1], report.side_a[1:]
    known = report.names()
    # "the talks, led on the Polish side by X": a joining leader named with the side's country.
    with_ours = item.joins and any(m.name in {a.name for a in report.side_a} for m in item.side_a)
    for party in (m for m in (*item.side_a, *item.side_b) if m.name not in known):
        owner = make_party(party, mentions).affiliation or ""
        ours = with_ours or (bool(owner) and any(name_in(a.name, owner) for a in report.side_a))
        (report.side_a if ours else report.side_b).append(party)


def single_body(trigger: Token, party: Mention) -> bool:
    """A single named body meeting as a whole: "OPEC ministers met", "the G-7 summit"."""
    if party.kind != ORG:
        return False
    if trigger.lower_ in GATHERING_NOUNS and trigger.pos_ == "NOUN":
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
