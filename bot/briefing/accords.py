"""Accords: "an agreement between Nigeria and the Paris Club" says its parties negotiated."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.briefing.assembly import unique_parties
from bot.briefing.coref import Resolver
from bot.briefing.reality import happened, noun_real
from bot.briefing.report import Report
from bot.briefing.scope import clause_verb
from bot.briefing.wordlists import accord_nouns

# Nouns of accords: "an agreement between Nigeria and the Paris Club".
ACCORD_NOUNS = accord_nouns()


def accord_reports(noun: Token, sent: Span, resolver: Resolver) -> list[Report]:
    """One multilateral report per "between" phrase of an accord noun that was reached; a deal
    only hoped for, proposed or still to be signed is not one."""
    if noun.pos_ != "NOUN" or noun.lower_ not in ACCORD_NOUNS or not noun_real(noun):
        return []
    verb = clause_verb(noun)
    if verb is not None and not happened(verb):
        return []
    reports = []
    for prep in _between_phrases(noun):
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        parties = unique_parties([p for o in objects for p in resolver.parties(o, nations=True)])
        if len(parties) >= 2:
            reports.append(Report(parties, [], sent, noun))
    return reports


def _between_phrases(noun: Token) -> list[Token]:
    """The noun's "between" phrases; the parser hangs a repeated "between" ("deals between A
    and B and between C and D") on the first phrase's list, and each names its own accord."""
    first = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
    return [t for p in first for t in p.subtree if t.lower_ == "between"]
