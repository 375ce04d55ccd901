"""Word lists that tell a topic phrase naming a subject from one naming a party or a meeting."""

from __future__ import annotations

from bot.briefing.lexicon import COLLECTIVE_NOUNS, TITLE_HEADS

# Heads that name who takes part, not what about: "EC negotiators", "creditor banks",
# "developing countries".
_PARTY_TEXT = (
    "analyst observer delegate producer consumer exporter importer dealer trader banker bank "
    "creditor debtor investor voter resident citizen worker activist campaigner critic "
    "supporter opponent fan mp lawmaker legislator diplomat expert economist journalist "
    "candidate nominee member country nation state firm company agency"
)
PARTY_HEADS = COLLECTIVE_NOUNS | TITLE_HEADS | frozenset(_PARTY_TEXT.split())
# Heads that name a meeting, not what it was about.
_MEETING_TEXT = (
    "meeting talk talks summit negotiation discussion consultation session gathering "
    "dialogue conference visit"
)
MEETING_HEADS = frozenset(_MEETING_TEXT.split())
# Last words of names that are themselves subjects, not parties: "Kyoto Protocol".
_SUBJECT_NAME_TEXT = (
    "accord accords agreement agreements treaty pact protocol agenda act bill charter "
    "convention initiative plan programme program round reform reforms strategy doctrine"
)
SUBJECT_NAME_HEADS = frozenset(_SUBJECT_NAME_TEXT.split())
# Heads that say what kind of thing, not which: "major success", "lengthy process".
_GENERIC_TEXT = "success result process basis event position cost effort step move problem"
GENERIC_HEADS = frozenset(_GENERIC_TEXT.split())
