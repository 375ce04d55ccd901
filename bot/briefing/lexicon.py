"""Word lists the rules share: office titles, demonyms, collective nouns for a party's people.
The words themselves are data (`data/titles.toml`, `data/places.toml`, `data/styles.toml`)."""

from __future__ import annotations

from bot.briefing.wordlists import (
    abbreviated_ranks,
    collective_nouns,
    event_words,
    honorifics,
    institution_nouns,
    motion_verbs,
    title_heads,
    title_modifiers,
)

# Military ranks as British copy abbreviates them, written before a name: "Gen Pervez Musharraf".
ABBREVIATED_RANKS = abbreviated_ranks()
# Words that make up office titles ("Defense Minister", "U.S. Treasury Secretary").
TITLE_HEADS = title_heads() | ABBREVIATED_RANKS | honorifics()
# Words that qualify a title without naming anyone ("Foreign", "Defense", "Prime").
TITLE_MODIFIERS = title_modifiers()
# Nouns that stand for a party's people: "the leadership of KNDS", "Iran's delegation".
COLLECTIVE_NOUNS = collective_nouns()
# Common nouns that stand for an organisation named before: "the hospital", "the fund".
INSTITUTION_NOUNS = institution_nouns()
# Verbs of travel: "travelled to Riyadh for talks" names the place and makes the talks real.
MOTION_VERBS = motion_verbs()
# Words that mark a named gathering rather than an organisation: a venue for "where".
EVENT_WORDS = event_words()


def is_title_word(word: str) -> bool:
    """True for a word that belongs to an office title rather than to a name."""
    low = word.lower()
    return low in TITLE_HEADS or low in TITLE_MODIFIERS
