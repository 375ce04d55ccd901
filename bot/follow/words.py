"""Words as topic matching sees them: tokens, acronyms, and keys folded for case, accents, plurals.

A key is `w:` and a folded word ("w:drone" for "Drones"), or `a:` and an acronym ("a:UAV" for
"UAVs"); a topic term and the text it is looked for in both become keys, compared exactly.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A word (group 1): letters and digits with inner apostrophes (O'Brien), without a possessive
# 's; hyphens and dots split words.
WORD = re.compile(r"([^\W_]+(?:['’](?![sS]\b)[^\W_]+)*)(?:['’][sS]\b)?")
# Plurals whose singular is another word: "news" is not "new", "arms" not "arm".
_NO_STEM = frozenset({"news", "arms", "series", "species"})


def tokens(text: str) -> list[str]:
    """The words of `text`, possessives dropped and curly apostrophes made straight."""
    return [word.replace("’", "'") for word in WORD.findall(text)]


def acronym(token: str) -> str | None:
    """The acronym a token spells (`UAVs` -> `UAV`), or None for an ordinary word."""
    if token.isupper():
        return token
    if len(token) > 2 and token[-1] == "s" and token[:-1].isupper():
        return token[:-1]
    return None


@lru_cache(maxsize=200_000)
def token_keys(token: str) -> tuple[str, ...]:
    """Every key a text token answers to: its folded word, and its acronym when it is one."""
    token = token.replace("’", "'")
    spelt = acronym(token)
    word = "w:" + fold(token)
    return (word, "a:" + spelt) if spelt else (word,)


def pattern_of(text: str) -> tuple[str, ...]:
    """The keys a topic's words must find: acronyms by case, other words folded."""
    return tuple(
        "a:" + spelt if (spelt := acronym(token)) else "w:" + fold(token) for token in tokens(text)
    )


def lookup_key(text: str) -> tuple[str, ...]:
    """Alias lookups ignore case, so `/follow knds` finds the KNDS row."""
    return tuple(fold(token) for token in tokens(text))


def fold(token: str) -> str:
    """A token without case, accents or plural ending."""
    word = token.casefold()
    if not word.isascii():
        # Readers type "Hakkanen" for "Häkkänen".
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stem(word)


def stem(word: str) -> str:
    """The singular of an English plural, well enough that both sides fold to one form."""
    if len(word) <= 3 or word[-1] != "s" or word in _NO_STEM or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    return word[:-1]
