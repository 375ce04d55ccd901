"""Keyphrases: the article's noun chunks ranked by repetition, headline and position, and
picked so each adds something new; with the phrase tests and joins that topics share."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from bot.briefing.lexicon import COLLECTIVE_NOUNS, TITLE_HEADS, is_title_word
from bot.briefing.wordlists import (
    bland_heads,
    generic_heads,
    meeting_heads,
    part_heads,
    party_heads,
    stopwords,
    subject_name_heads,
    units,
    vague_adjectives,
    vague_heads,
)

MIN_WORDS, MAX_WORDS = 2, 6
NUMERIC_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
# Chunks opening in the first part of the article weigh more: news puts the gist first.
_OPENING_SHARE, _OPENING_WEIGHT = 0.3, 1.5
# How much a keyphrase loses per share of its words an earlier topic already said.
_REPEAT_PENALTY = 0.9
# Adjectives that say nothing about the subject: "new talks", "several issues", "talks
# unlikely".
_VAGUE_ADJECTIVES = vague_adjectives()
# Heads too vague to stand alone: "the prospects of X" is about X.
VAGUE_HEADS = vague_heads()
# Heads that name no subject of their own: "party sources", "good progress", "local media".
_BLAND_HEADS = bland_heads()
# Heads that point at a part, a place or a person rather than at a subject: "members of
# parliament", "signs of strain", "the city of Gdansk", "a critic of Russia".
_PART_HEADS = part_heads()
# Heads that name who takes part, not what about: "EC negotiators", "creditor banks".
PARTY_HEADS = COLLECTIVE_NOUNS | TITLE_HEADS | party_heads()
# Heads that name a meeting, not what it was about.
MEETING_HEADS = meeting_heads()
# Last words of names that are themselves subjects, not parties: "Kyoto Protocol".
SUBJECT_NAME_HEADS = subject_name_heads()
# Heads that say what kind of thing, not which: "major success", "lengthy process".
GENERIC_HEADS = generic_heads()
# A phrase naming who takes part gives way to one naming what about.
_PARTY_WEIGHT = 0.5
# Longest sentence whose noun chunks are read: news prose stays far below it.
_MAX_SENTENCE_TOKENS = 300
# Prepositions that join a happening to what it happens to ("aid for poor countries").
_LINK_PREPS = frozenset({"of", "for", "on", "over", "against"})
# Wire-copy units left over once the number is gone: "mln bags", "bln dlrs".
_UNITS = units()
_STOP_PHRASES = re.compile(
    r"\b(said|says|told|reported|according|per cent|percent|last (week|month|year)"
    r"|next (week|month|year)|this (week|month|year)|news agency|press conference"
    r"|spokesm[ae]n|statement|reporters|told)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[\w'’-]+")
# Function words a topic neither opens nor closes on.
_STOPWORDS = stopwords()

def is_good_phrase(text: str) -> bool:
    """2-6 words, no stop-phrase, not opening or closing on a function word."""
    words = WORD.findall(text)
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if words[0].lower() in _STOPWORDS or words[-1].lower() in _STOPWORDS:
        return False
    return not _STOP_PHRASES.search(text)


def key_chunks(doc: Doc, title: str | None) -> list[tuple[float, str]]:
    """Noun chunks ranked as keyphrases: words the article repeats, words of the headline,
    and the opening part weigh most (the inverted pyramid of news writing)."""
    freq = Counter(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop)
    headline = {w.lower() for w in WORD.findall(title or "")}
    opening = len(doc) * _OPENING_SHARE
    best: dict[str, tuple[float, str]] = {}
    for tokens in _topic_chunks(doc):
        text = join_tokens(tokens)
        if not is_good_phrase(text):
            continue
        # An owner's name says whose, not what: a much-named country would lift any phrase.
        owned = [t for t in tokens if not _in_possessor(t)]
        score = sum(freq[t.lemma_.lower()] for t in owned) / len(owned) ** 0.5
        score *= 1 + sum(t.lower_ in headline for t in owned)
        score *= _OPENING_WEIGHT if tokens[0].i < opening else 1.0
        score *= _PARTY_WEIGHT if _names_party(tokens) else 1.0
        key = text.lower()
        if key not in best or best[key][0] < score:
            best[key] = (score, text)
    return sorted(best.values(), reverse=True)


def diverse(ranked: list[tuple[float, str]], chosen: list[str], n: int) -> list[str]:
    """Up to n phrases, best first, each scored down by the share of its words already said:
    six phrases about "EU" tell a reader less than three about different things."""
    said = set().union(*(phrase_key(c) for c in chosen))
    pool = list(ranked)
    picked: list[str] = []
    while pool and len(picked) < n:
        best = max(pool, key=lambda item: _novel_score(item, said))
        pool.remove(best)
        if not overlaps(best[1], [*chosen, *picked]):
            picked.append(best[1])
            said |= phrase_key(best[1])
    return picked


def _novel_score(item: tuple[float, str], said: set[str]) -> float:
    """A keyphrase's score less the part its already said words earned."""
    score, text = item
    key = phrase_key(text)
    return score * (1 - _REPEAT_PENALTY * len(key & said) / max(len(key), 1))


def _topic_chunks(doc: Doc) -> Iterator[list[Token]]:
    """Noun chunks without determiners, numbers, dates and vague adjectives, each also with
    the chunk its "of"/"for"/"on" phrase names ("suspension of Parliament")."""
    cleaned = {full.root.i: _clean_chunk(full) for full in _prose_chunks(doc)}
    for root, tokens in cleaned.items():
        if len(tokens) <= MAX_WORDS - 1 and _is_topic_chunk(tokens):
            yield tokens
        linked = _linked_chunk(doc[root], tokens, cleaned)
        if linked and _is_topic_chunk(linked):
            yield linked


def _prose_chunks(doc: Doc) -> Iterator[Span]:
    """The noun chunks of sentences of prose length: spaCy's chunker walks a chain of
    conjuncts from each of its words, so a "sentence" of thousands of "and"s (a roll, a
    scraped run of links) would take quadratic time and holds no topic anyway."""
    chunker = doc.noun_chunks_iterator
    for sent in doc.sents:
        if chunker is not None and len(sent) <= _MAX_SENTENCE_TOKENS:
            # The chunker itself, on the sentence: `Span.noun_chunks` chunks the whole doc.
            for start, end, label in chunker(sent):
                yield Span(doc, start, end, label=label)


def _clean_chunk(full: Span) -> list[Token]:
    """A chunk's content words: no determiner, number, date, nor an adjective that ranks or
    hedges ("largest", "new"); with its owner's name where the owner says whose it is."""
    owner, chunk = _split_possessor(full)
    kept = [t for t in chunk if _content_token(t) and not is_empty_adjective(t)]
    tokens = _with_hyphen_halves(chunk, kept)
    while tokens and tokens[0].lower_ in _VAGUE_ADJECTIVES:
        tokens = tokens[1:]
    # A person's possessive gives way to a subject that names itself ("Gordon Brown's
    # pre-Budget report"), but a bare noun needs it: "Nakasone's visit", not "visit".
    if owner and tokens and (owner[-1].head.ent_type_ != "PERSON" or len(tokens) == 1):
        return [*owner, *tokens]
    return tokens


def is_empty_adjective(token: Token) -> bool:
    """A superlative or vague adjective outside a name: "biggest union", "current deal"."""
    if token.ent_type_ and token.ent_type_ not in NUMERIC_ENTS:
        return False
    return token.dep_ in ("amod", "advmod") and (
        token.tag_ == "JJS" or token.lower_ in _VAGUE_ADJECTIVES
    )


def _linked_chunk(
    root: Token, tokens: list[Token], cleaned: dict[int, list[Token]]
) -> list[Token] | None:
    """The chunk joined to the one its preposition governs, when the head says what happens
    to it: "suspension" + "of" + "UK Parliament"; not "the prospects of" anything."""
    if (
        not tokens
        or root.pos_ != "NOUN"
        or is_title_word(root.text)
        or root.lemma_.lower() in VAGUE_HEADS | _BLAND_HEADS | _PART_HEADS
    ):
        return None
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in _LINK_PREPS:
            continue
        objects = [
            c
            for c in prep.children
            if c.dep_ == "pobj" and cleaned.get(c.i) and c.ent_type_ != "PERSON"
        ]
        if objects:
            return [*tokens, prep, *cleaned[objects[0].i]]
    return None


def _is_topic_chunk(tokens: list[Token]) -> bool:
    """Not a bare title ("prime minister"), a titled person ("Greek prime minister Kyriakos
    Mitsotakis"), nor a phrase without a common noun unless it names a pact or plan."""
    if not MIN_WORDS <= len(tokens) <= MAX_WORDS or _is_bland(tokens):
        return False
    if not all(WORD.fullmatch(t.text) for t in tokens):
        return False
    if not any(t.pos_ == "NOUN" for t in tokens) and not _names_subject(tokens):
        return False
    if all(is_title_word(t.text) or t.ent_type_ in ("NORP", "GPE") for t in tokens):
        return False
    # A verb the parser left inside a chunk makes it a clause: "Adamowicz required resuscitation".
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in tokens):
        return False
    return not (tokens[-1].ent_type_ == "PERSON" and any(is_title_word(t.text) for t in tokens))


def _names_subject(tokens: list[Token]) -> bool:
    """A name that is itself a subject: "Kyoto Protocol", "Lisbon Agenda", "Public Order Act"."""
    return tokens[-1].pos_ == "PROPN" and tokens[-1].lower_ in SUBJECT_NAME_HEADS


def _is_bland(tokens: list[Token]) -> bool:
    """A chunk that names nothing ("party sources", "near term"), a meeting or a generic
    thing only described ("formal talks": the brief reports its meetings apart; "main
    issue", "major success"), or stutters ("choice choice")."""
    words = [t.lower_ for t in tokens]
    head = tokens[-1].lemma_.lower()
    # A hyphened adjective says what about: "anti-sectarian summit".
    if head in MEETING_HEADS | GENERIC_HEADS | VAGUE_HEADS and all(
        t.dep_ == "amod" and t.nbor(1).text not in ("-", "–") for t in tokens[:-1]
    ):
        return True
    return head in _BLAND_HEADS or len(set(words)) < len(words)


def _content_token(token: Token) -> bool:
    """A word a topic keeps: not a determiner, number, date, adverb or unit ("deeply", "mln")."""
    return not (
        token.is_punct
        or token.dep_ in ("det", "poss", "predet", "case", "quantmod", "nummod", "advmod")
        or token.pos_ in ("ADV", "ADP", "NUM", "PART", "SYM", "PRON")
        or token.tag_ in ("PRP$", "WDT", "CD")
        or token.ent_type_ in NUMERIC_ENTS
        or token.lower_ in _UNITS
    )


def join_tokens(tokens: list[Token]) -> str:
    """The tokens as text: a space wherever the text had one or a word was left out, and a
    hyphen kept between the two halves of a hyphenated word ("Arab-Israeli", "no-deal"); a
    phrase that starts or stops at such a hyphen takes the whole word ("... for neo-Nazis",
    not "... for neo")."""
    tokens = _whole_words(tokens)
    parts: list[str] = []
    for prev, token in zip([None, *tokens], tokens, strict=False):
        if prev is not None:
            between = token.doc[prev.i + 1 : token.i]
            if _is_joining_hyphen(between):
                parts.append(between.text)
            elif prev.whitespace_ or len(between):
                parts.append(" ")
        parts.append(token.text)
    return "".join(parts)


def _is_joining_hyphen(between: Span) -> bool:
    """True for a lone hyphen with no space either side: one word's two halves."""
    return (
        len(between) == 1
        and between[0].text in ("-", "–")
        and not between[0].whitespace_
        and not between.doc[between.start - 1].whitespace_
    )


def _whole_words(tokens: list[Token]) -> list[Token]:
    """The tokens with the halves of a hyphenated word their first or last token is cut from:
    the parser splits "neo-Nazis" into three chunks."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    while first >= 2 and _hyphen_joins(doc, first - 1):
        first -= 2
    while last + 2 < len(doc) and _hyphen_joins(doc, last + 1):
        last += 2
    before = [t for t in doc[first : tokens[0].i] if not t.is_punct]
    after = [t for t in doc[tokens[-1].i + 1 : last + 1] if not t.is_punct]
    return [*before, *tokens, *after]


def _hyphen_joins(doc: Doc, i: int) -> bool:
    """True when token i is a hyphen joining two word halves ("neo-Nazis", "U.S.-led")."""
    halves = (doc[i - 1], doc[i + 1])
    return _is_joining_hyphen(doc[i : i + 1]) and not any(h.is_punct or h.is_space for h in halves)


def _with_hyphen_halves(chunk: Span, kept: list[Token]) -> list[Token]:
    """Both halves of a hyphenated word stay when either does: "pro-democracy", "no-deal"."""
    ids = {t.i for t in kept}
    for t in chunk:
        if 0 < t.i - chunk.start < len(chunk) - 1 and _is_joining_hyphen(chunk.doc[t.i : t.i + 1]):
            halves = (chunk.doc[t.i - 1], chunk.doc[t.i + 1])
            if all(h.is_alpha for h in halves) and (t.i - 1 in ids or t.i + 1 in ids):
                ids |= {t.i - 1, t.i + 1}
    return [t for t in chunk if t.i in ids]


def _split_possessor(chunk: Span) -> tuple[list[Token], Span]:
    """A chunk's named owner with its "'s" (without titles: "Mr Nakasone's" -> "Nakasone's";
    a person by surname), and the part of the chunk after it."""
    for t in reversed(chunk):
        owner = t.head
        if t.dep_ != "case" or owner.dep_ != "poss" or owner.i >= t.i:
            continue
        rest = chunk.doc[t.i + 1 : chunk.end]
        # "Thursday's report" is any report of that day: a date owns nothing.
        if owner.pos_ != "PROPN" or owner.ent_type_ in NUMERIC_ENTS:
            return [], rest
        if owner.ent_type_ == "PERSON":
            return [owner, t], rest
        name = [
            w
            for w in owner.subtree
            if w.i < t.i and w.pos_ == "PROPN" and w.lower_.rstrip(".") not in TITLE_HEADS
        ]
        return ([*name, t] if name else []), rest
    return [], chunk


def _names_party(tokens: list[Token]) -> bool:
    """True when the phrase's head is a person, group or country taking part, or a name with
    what it is ("water firm Suez", "philanthropist Don Imus")."""
    ids = {t.i for t in tokens}
    head = next(t for t in tokens if t.head.i not in ids or t.head.i == t.i)
    if head.pos_ == "PROPN" and not _names_subject(tokens):
        return True
    return head.lemma_.lower() in PARTY_HEADS or head.lower_ in PARTY_HEADS


def _in_possessor(token: Token) -> bool:
    """True for a possessive's words: "Brazil", "'s" in "Brazil's foreign debt"."""
    return any(t.dep_ in ("poss", "case") for t in (token, token.head))


def phrase_key(phrase: str) -> set[str]:
    """A phrase's content words, lower case and without a plural or possessive "s", for
    comparing phrases."""
    words = (re.sub(r"['’]s?$", "", w.lower()) for w in WORD.findall(phrase))
    return {w.rstrip("s") for w in words if w not in _STOPWORDS}


def overlaps(phrase: str, chosen: list[str]) -> bool:
    """True when the phrase mostly repeats a chosen one."""
    key = phrase_key(phrase)
    for other in chosen:
        other_key = phrase_key(other)
        common = key & other_key
        if common and len(common) >= min(len(key), len(other_key)) * 0.6:
            return True
    return False
