"""Whether a reported meeting took place: plans, refusals, conditions and negations are not."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.lexicon import MOTION_VERBS
from bot.briefing.meeting_time import FUTURE_WORDS
from bot.briefing.wordlists import (
    attempt_verbs,
    modals,
    scheduling_words,
    speech_nouns,
    unreal_heads,
)

MODALS = modals()
# Heads that make a meeting noun hypothetical: "called for talks", "refused a meeting".
_UNREAL_HEADS = unreal_heads()
# Participles that put a meeting on the calendar rather than in the past.
_SCHEDULING = scheduling_words()
# "travelled to X to meet Y", "is trying to negotiate with Y": the meeting is under way.
_ATTEMPT_OR_MOTION = MOTION_VERBS | attempt_verbs()
_UNREAL_PREPS = frozenset({"for", "ahead", "before", "until", "without", "prior"})
# Prepositions that make the meeting the setting or the cause of the clause's event, so it
# took place: "at the talks X rejected Y", "after talks with X, Y called off its plan".
_SETTING_PREPS = frozenset({"at", "during", "after"})
_SPEECH_NOUNS = speech_nouns()
_CLAUSES = frozenset(["acl", "relcl", "advcl", "ccomp", "xcomp"])


def happened(verb: Token) -> bool:
    """False for plans, refusals, conditions and negations: "will meet", "refused to meet"."""
    judged: bool | Token = verb
    # A loop, not recursion: "decided to try to try ... to meet" may nest thousands deep.
    while not isinstance(judged, bool):
        judged = _judged(judged)
    return judged


def _judged(verb: Token) -> bool | Token:
    """Whether the verb's clause took place, or the verb above whose outcome it shares
    ("tried to meet": whether "tried" took place)."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ == "neg":
                return False
            if child.dep_ == "aux" and child.lower_ in MODALS:
                return False
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return False
            if child.dep_ in ("npadvmod", "advmod", "prep") and _future(child):
                return False
        is_infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        if is_infinitive:
            if token.head.lemma_ in _ATTEMPT_OR_MOTION and token.head != token:
                return token.head
            return False
        if token.dep_ == "pcomp" and token.head.head != token.head:
            token = token.head.head  # "will visit X before chairing a meeting": the main verb
            continue
        if _present_when(token):
            # "could be reached in December, when members gather": the main clause's time.
            token = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)
            continue
        if token.dep_ not in ("conj", "xcomp") or token.head == token:
            return True
        token = token.head
    return True


def _present_when(clause: Token) -> bool:
    """True for a present-tense time clause ("when the members gather"), which takes its
    time from the main clause: past there, future or habit there."""
    return (
        clause.dep_ in ("advcl", "relcl")
        and clause.tag_ in ("VB", "VBP", "VBZ")
        and any(c.dep_ == "advmod" and c.lower_ in ("when", "once") for c in clause.children)
    )


def _future(token: Token) -> bool:
    """ "next week", "tomorrow" in the phrase itself; a clause inside it dates something else
    ("after a gathering held to prepare for next week's meetings")."""
    # A walk with a stack, not recursion: a phrase may nest deeper than Python's stack.
    stack = [token]
    while stack:
        word = stack.pop()
        if word.lower_ in ("next", "tomorrow"):
            return True
        stack.extend(c for c in word.children if c.dep_ not in _CLAUSES)
    return False


def _on_the_calendar(participle: Token) -> bool:
    """ "scheduled for Thursday", "planned", "set for May" (but "set up by aides" took place)."""
    if participle.lemma_ == "set":
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in participle.children)
    return participle.lemma_ in _SCHEDULING


def noun_real(noun: Token) -> bool:
    """False when a meeting noun is only wanted, called for, refused or still to come."""
    if any(c.lower_ in FUTURE_WORDS or (c.dep_ == "poss" and _future(c)) for c in noun.children):
        return False  # "the planned summit", "next week's talks"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return False  # "There was no conversation between X and Y"
    if any(c.dep_ == "acl" and _on_the_calendar(c) for c in noun.children):
        return False  # "talks scheduled for Thursday", "the summit set for May"
    head = noun.head
    verb = head.head if noun.dep_ == "pobj" else head
    if noun.dep_ == "pobj" and head.lower_ == "for" and verb.lemma_ in _ATTEMPT_OR_MOTION:
        return happened(verb)  # "travelled to Riyadh for talks", unlike "called for talks"
    if noun.dep_ == "pobj" and head.lower_ == "for" and verb.pos_ == "PROPN":
        return True  # "Yeutter, in New Zealand for GATT talks, said": he is there for them
    if noun.dep_ == "pobj" and (head.lower_ in _UNREAL_PREPS or verb.lower_ in _UNREAL_PREPS):
        return False  # "for talks", "ahead of the meeting"
    if noun.dep_ == "pobj" and head.lower_ in _SETTING_PREPS:
        return True  # "at the talks X proposed/rejected Y": what was done there, not the talks
    for t in (head, verb):
        if t.lemma_.lower() in _UNREAL_HEADS or t.lower_ in _SPEECH_NOUNS:
            return False
    return True
