"""Topics: what was discussed (objects of discuss/talks/agree) and what the article is about."""

from __future__ import annotations

import re

import yake
from spacy.tokens import Doc, Span, Token

from bot.briefing.brief import Entities

MIN_WORDS, MAX_WORDS = 2, 6
MAX_TOPICS = 6
_YAKE_CHARS = 6000

# Verbs whose object is the subject matter of a meeting ("discussed the supply of weapons").
_DISCUSS_VERBS = frozenset(
    [
        "discuss",
        "consider",
        "debate",
        "review",
        "address",
        "examine",
        "explore",
        "negotiate",
        "raise",
        "tackle",
    ]
)
# Verbs and nouns that take the subject matter in a preposition ("talks on trade").
_ABOUT_HEADS = frozenset(
    [
        "talk",
        "talks",
        "agree",
        "focus",
        "concentrate",
        "negotiate",
        "discussion",
        "discussions",
        "negotiation",
        "negotiations",
        "meeting",
        "consultations",
        "agreement",
        "deal",
        "accord",
        "memorandum",
        "treaty",
    ]
)
_ABOUT_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
# Children that turn a noun phrase into a clause; a topic keeps the noun phrase alone.
_DROP_DEPS = frozenset(
    {"conj", "cc", "punct", "appos", "relcl", "acl", "advcl", "parataxis", "prep_tail", "dep"}
)
_DROP_PREPS = frozenset(
    {"with", "including", "like", "as", "such", "by", "to", "from", "at", "in", "during", "between"}
)
# Heads too vague to stand alone: "the prospects of X" is about X.
_VAGUE_HEADS = frozenset(
    [
        "prospect",
        "prospects",
        "issue",
        "issues",
        "matter",
        "matters",
        "question",
        "questions",
        "possibility",
        "plan",
        "plans",
        "topic",
        "topics",
        "area",
        "areas",
        "aspect",
        "aspects",
        "range",
        "number",
        "way",
        "ways",
        "need",
        "situation",
        "development",
        "field",
        "fields",
        "part",
    ]
)
_STOP_PHRASES = re.compile(
    r"\b(said|says|told|reported|according|per cent|percent|last (week|month|year)"
    r"|next (week|month|year)|this (week|month|year)|news agency|press conference"
    r"|spokesm[ae]n|statement|reporters|told)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’-]+")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "we",
        "they",
        "he",
        "she",
        "i",
        "you",
        "also",
        "but",
        "not",
        "no",
        "than",
        "then",
        "there",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "about",
        "over",
        "after",
        "before",
        "into",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "so",
        "very",
        "can",
        "will",
        "just",
        "should",
        "now",
        "mr",
        "mrs",
        "ms",
    ]
)


def discussion_objects(sent: Span) -> list[str]:
    """Noun phrases a sentence gives as discussed: objects of discuss, "talks on X"."""
    found: list[str] = []
    for token in sent:
        heads: list[Token] = []
        if token.pos_ == "VERB" and token.lemma_ in _DISCUSS_VERBS:
            heads = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if token.lemma_ in _ABOUT_HEADS or token.lower_ in _ABOUT_HEADS:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in _ABOUT_PREPS:
                    heads.extend(c for c in prep.children if c.dep_ == "pobj")
        for head in heads:
            for item in (head, *head.conjuncts):
                phrase = noun_phrase(item)
                if phrase and phrase not in found:
                    found.append(phrase)
    return found


def noun_phrase(head: Token) -> str | None:
    """The short noun phrase a head token governs, without clauses, lists or determiners."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.lemma_.lower() in _VAGUE_HEADS:
        inner = [
            c for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
        ]
        return noun_phrase(inner[0]) if inner else None
    tokens = sorted(_phrase_tokens(head), key=lambda t: t.i)
    while tokens and (tokens[0].dep_ in ("det", "poss", "predet", "case") or tokens[0].is_punct):
        tokens = tokens[1:]
    while len(tokens) > MAX_WORDS and any(t.dep_ == "prep" for t in tokens):
        last_prep = max((t for t in tokens if t.dep_ == "prep"), key=lambda t: t.i)
        cut = {t.i for t in last_prep.subtree}
        tokens = [t for t in tokens if t.i not in cut]
    text = _join(tokens)
    return text if is_good_phrase(text) else None


def is_good_phrase(text: str) -> bool:
    """2-6 words, no stop-phrase, not opening or closing on a function word."""
    words = _WORD.findall(text)
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if words[0].lower() in _STOPWORDS or words[-1].lower() in _STOPWORDS:
        return False
    return not _STOP_PHRASES.search(text)


def article_topics(
    doc: Doc, *, title: str | None, meeting_topics: list[str], entities: Entities
) -> list[str]:
    """3-6 topics: what meetings discussed, then keyphrases, then the most named organisations."""
    names = set(entities.all_names())
    candidates = list(meeting_topics)
    candidates.extend(_keyphrases(doc, title, names))
    candidates.extend(_top_organizations(doc, entities))
    return dedupe_phrases(candidates)[:MAX_TOPICS]


def dedupe_phrases(phrases: list[str]) -> list[str]:
    """Phrases in order, skipping any that mostly repeats an earlier one."""
    chosen: list[str] = []
    for phrase in phrases:
        if not _overlaps(phrase, chosen):
            chosen.append(phrase)
    return chosen


def _phrase_tokens(head: Token, top: bool = True) -> list[Token]:
    out = [head]
    for child in head.children:
        # Coordinated modifiers stay ("security and oil production"); coordinated heads do not.
        if child.dep_ in ("conj", "cc") and not top:
            out.extend(_phrase_tokens(child, top=False))
            continue
        if child.dep_ in _DROP_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ in _DROP_PREPS:
            continue
        out.extend(_phrase_tokens(child, top=False))
    return out


def _join(tokens: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    return re.sub(r"\s+", " ", text)


def _keyphrases(doc: Doc, title: str | None, names: set[str]) -> list[str]:
    """YAKE keyphrases that read as topics: 2-6 words with a common noun, not a bare name."""
    text = doc.text[:_YAKE_CHARS]
    if title:
        text = f"{title}.\n{text}"
    extractor = yake.KeywordExtractor(lan="en", n=4, top=30, dedup_lim=0.7)
    try:
        scored = extractor.extract_keywords(text)
    except (ValueError, ZeroDivisionError, IndexError):
        return []
    chunks = _chunk_texts(doc)
    out = []
    for phrase, _score in scored:
        if phrase.lower() not in chunks or not is_good_phrase(phrase) or phrase in names:
            continue
        if not any(w.islower() and w not in _STOPWORDS for w in _WORD.findall(phrase)):
            continue
        if any(name in phrase for name in names if " " in name and name.split()[0][0].isupper()):
            continue
        out.append(phrase)
    return out


def _chunk_texts(doc: Doc) -> set[str]:
    """Lower-cased noun chunks and their right-hand parts: the phrases that read as topics."""
    out: set[str] = set()
    for chunk in doc.noun_chunks:
        words = [t for t in chunk if t.dep_ not in ("det", "poss", "predet") and not t.is_punct]
        for i in range(len(words)):
            out.add(" ".join(t.lower_ for t in words[i:]))
    return out


def _top_organizations(doc: Doc, entities: Entities) -> list[str]:
    """Organisations named at least twice: what a reader would follow."""
    text = doc.text
    return [o for o in entities.organizations if text.count(o) >= 2][:2]


def _key(phrase: str) -> set[str]:
    return {w.lower().rstrip("s") for w in _WORD.findall(phrase) if w.lower() not in _STOPWORDS}


def _overlaps(phrase: str, chosen: list[str]) -> bool:
    """True when the phrase mostly repeats a chosen one."""
    key = _key(phrase)
    for other in chosen:
        other_key = _key(other)
        common = key & other_key
        if common and len(common) >= min(len(key), len(other_key)) * 0.6:
            return True
    return False
