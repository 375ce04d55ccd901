"""People written as one list ("A, B and Trade Representative C") that the parser does not
coordinate: it hangs "A and Trade Representative" on C's name as modifiers, so only C reads
as the phrase's head and the others are lost."""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.countries import country_of_demonym
from bot.briefing.entities import PERSON, Mention, Mentions
from bot.briefing.lexicon import is_title_word

# Words that may open an item's title: "and his Prime Minister X", "Chancellor of the Exchequer".
_LEAD_WORDS = frozenset({"the", "of", "his", "her", "their", "its", "'s", "’s"})
_SEPARATORS = frozenset({",", "and"})
# A title with its country runs a few words: "Trade and Industry Secretary", "U.S. Trade
# Representative".
_MAX_GAP = 7
# People read as one list on each side of a name: a written list of the parties to one meeting
# is short, and walking a roll of hundreds from each of its names would take quadratic time.
_MAX_LISTED = 30


def listed_with(m: Mention, head: Token, mentions: Mentions) -> list[Mention]:
    """The other people of the written list m belongs to that the parser put inside the
    phrase of m's head token: the text coordinates them even where the parse does not."""
    if m.kind != PERSON:
        return []
    before = _chain(m, mentions, -1)
    after = _chain(m, mentions, 1)
    items = [p for p, _ in reversed(before)] + [m] + [p for p, _ in after]
    seps = [s for _, s in reversed(before)] + [s for _, s in after]
    closing = [k for k, s in enumerate(seps) if s]
    if not closing:
        return []
    # A list ends with the item after its "and": "A and B, Mr C said" lists A and B only.
    items = items[: closing[-1] + 2]
    if m not in items:
        return []
    return [p for p in items if p != m and _in_phrase(p, head, mentions)]


def _chain(m: Mention, mentions: Mentions, step: int) -> list[tuple[Mention, bool]]:
    """The people listed next to m, walking back (step -1) or on (step 1), nearest first; each
    with whether the separator between it and the one before it in the walk holds "and"."""
    out: list[tuple[Mention, bool]] = []
    current = m
    while len(out) < _MAX_LISTED and (found := _neighbour(current, mentions, step)) is not None:
        out.append(found)
        current = found[0]
    return out


def _neighbour(m: Mention, mentions: Mentions, step: int) -> tuple[Mention, bool] | None:
    """The person listed right before or after m, past a separator and the next item's
    title, and whether the separator holds "and"."""
    doc = mentions.doc
    i = m.start - 1 if step < 0 else m.end
    separator: list[str] = []
    for _ in range(_MAX_GAP):
        if not 0 <= i < len(doc):
            return None
        other = mentions.at(doc[i])
        if other is not None and other.kind == PERSON:
            edge = other.end - 1 if step < 0 else other.start
            return (other, "and" in separator) if separator and edge == i else None
        if doc[i].lower_ in _SEPARATORS:
            separator.append(doc[i].lower_)
        elif not _in_title(doc[i], other):
            return None
        elif other is not None:
            i = other.start if step < 0 else other.end - 1  # a country or ministry in a title
        i += step
    return None


def _in_title(token: Token, mention: Mention | None) -> bool:
    """True for a word of an office title with its country or ministry: "U.S. Trade
    Representative", "Turkish President", "Deutsche's chairman"."""
    return (
        mention is not None
        or is_title_word(token.text)
        or bool(country_of_demonym(token.text))
        or token.lower_ in _LEAD_WORDS
    )


def _in_phrase(p: Mention, head: Token, mentions: Mentions) -> bool:
    """True when the parser hangs the person's name, or the title word just before it, under
    the head: "met X and Trade Minister Y" may coordinate "Minister" and lose "Y" elsewhere."""
    doc = mentions.doc
    words = [doc[p.end - 1]]
    if p.start > 0 and is_title_word(doc[p.start - 1].text):
        words.append(doc[p.start - 1])
    return any(_under(w, head) for w in words)


def _under(word: Token, head: Token) -> bool:
    """True when the word is the head or in its phrase. The walk up stops at the first word
    whose phrase reaches past the head's, which the head cannot be above: a list of
    hundreds parsed as one long chain is not walked to its end from each of its names."""
    first, last = head.left_edge.i, head.right_edge.i
    if not first <= word.i <= last:
        return False
    node = word
    while node.i != head.i:
        if node.head.i == node.i:
            return False
        node = node.head
        if node.left_edge.i < first or node.right_edge.i > last:
            return False
    return True
