"""Topics: what was discussed (objects of discuss/talks/agree) and what the article is about."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from bot.briefing.brief import Entities
from bot.briefing.lexicon import is_title_word

MIN_WORDS, MAX_WORDS = 2, 6
MAX_TOPICS = 6
_HEADLINE_NAMES = 1
# The headline states the story in a few nouns; more of them would crowd out what was discussed.
_HEADLINE_PHRASES = 2
# Chunks opening in the first part of the article weigh more: news puts the gist first.
_OPENING_SHARE, _OPENING_WEIGHT = 0.3, 1.5
_NUMERIC_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
# Adjectives that say nothing about the subject: "new talks", "several issues".
_VAGUE_ADJECTIVES = frozenset(
    [
        "new",
        "other",
        "such",
        "last",
        "first",
        "recent",
        "further",
        "major",
        "several",
        "many",
        "possible",
        "same",
        "current",
        "own",
        "latest",
        "next",
        "previous",
        "different",
        "various",
        "multiple",
        "initial",
        "preliminary",
    ]
)

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
_STOPWORD_TEXT = (
    "a an the and or of to in on for with at by from as is are was were be been it its this "
    "that these those his her their our your my we they he she i you also but not no than "
    "then there which who whom whose what when where while about over after before into more "
    "most other some such only own same so very can will just should now mr mrs ms"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


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
    doc: Doc,
    *,
    title: str | None,
    meeting_topics: list[str],
    entities: Entities,
    headline: Doc | None = None,
) -> list[str]:
    """3-6 topics: the headline's subject, what meetings discussed, then keyphrases, then the
    most named organisations."""
    names = _headline_names(title, entities)
    candidates = [
        *(headline_phrases(headline) if headline is not None else []),
        *meeting_topics,
        *_key_chunks(doc, title),
        *_top_organizations(doc, entities),
    ]
    # The headline's person keeps a place even when keyphrases would fill every slot.
    topics = [t for t in dedupe_phrases(candidates) if not _overlaps(t, names)]
    return [*topics[: MAX_TOPICS - len(names)], *names]


def headline_phrases(headline: Doc) -> list[str]:
    """The headline's noun phrases that name a subject rather than a party: "Tory backing for
    ID cards", "pension strike talks"; not "Greek prime minister" nor "lawyer Michael Avenatti"."""
    found: list[str] = []
    for chunk in headline.noun_chunks:
        phrase = noun_phrase(chunk.root)
        if phrase is None or not _is_subject_chunk(chunk):
            continue
        found.append(phrase)
    return dedupe_phrases(found)[:_HEADLINE_PHRASES]


def _is_subject_chunk(chunk: Span) -> bool:
    """A chunk with a common noun that is not an office title, and not naming a person nor
    counting something ("10 days", "dozens dead")."""
    if chunk.root.ent_type_ in _NUMERIC_ENTS or any(t.ent_type_ == "PERSON" for t in chunk):
        return False
    return any(t.pos_ == "NOUN" and not is_title_word(t.text) for t in chunk)


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
    """The tokens as text: a space wherever the text had one or a word was left out, and a
    hyphen kept between the two halves of a hyphenated word ("Arab-Israeli", "no-deal")."""
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
    return (
        len(between) == 1
        and between[0].text in ("-", "–")
        and not between[0].whitespace_
        and not between.doc[between.start - 1].whitespace_
    )


def _with_hyphen_halves(chunk: Span, kept: list[Token]) -> list[Token]:
    """Both halves of a hyphenated word stay when either does: "pro-democracy", "no-deal"."""
    ids = {t.i for t in kept}
    for t in chunk:
        if 0 < t.i - chunk.start < len(chunk) - 1 and _is_joining_hyphen(chunk.doc[t.i : t.i + 1]):
            halves = (chunk.doc[t.i - 1], chunk.doc[t.i + 1])
            if all(h.is_alpha for h in halves) and (t.i - 1 in ids or t.i + 1 in ids):
                ids |= {t.i - 1, t.i + 1}
    return [t for t in chunk if t.i in ids]


def _after_person_possessor(chunk: Span) -> Span:
    """The part of a chunk after a person's possessive: "Gordon Brown's pre-Budget report" is
    about the report; a place or body keeps its name ("Russia's WTO membership")."""
    for t in reversed(chunk):
        if t.dep_ == "case" and t.head.ent_type_ == "PERSON":
            return chunk.doc[t.i + 1 : chunk.end]
    return chunk


def _headline_names(title: str | None, entities: Entities) -> list[str]:
    """People the headline names (by surname) and organisations it names in full, given
    in full: whom the article is about and what a reader would follow."""
    headline = title or ""
    words = {w.lower() for w in _WORD.findall(headline)}
    places = {w.lower() for p in entities.places for w in p.split()}
    # A "surname" that is a place is a name glued to a country by the tagger ("Funaro Brazil").
    people = [
        n
        for n in entities.people
        if len(n.split()) >= 2 and n.split()[-1].lower() in words - places
    ]
    orgs = [n for n in entities.organizations if len(n.split()) >= 2 and n in headline]
    return [*people, *orgs][:_HEADLINE_NAMES]


def _key_chunks(doc: Doc, title: str | None) -> list[str]:
    """Noun chunks ranked as keyphrases: words the article repeats, words of the headline,
    and the opening part weigh most (the inverted pyramid of news writing)."""
    freq = Counter(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop)
    headline = {w.lower() for w in _WORD.findall(title or "")}
    opening = len(doc) * _OPENING_SHARE
    best: dict[str, tuple[float, str]] = {}
    for tokens in _topic_chunks(doc):
        text = _join(tokens)
        if not is_good_phrase(text):
            continue
        score = sum(freq[t.lemma_.lower()] for t in tokens) / len(tokens) ** 0.5
        score *= 1 + sum(t.lower_ in headline for t in tokens)
        score *= _OPENING_WEIGHT if tokens[0].i < opening else 1.0
        key = text.lower()
        if key not in best or best[key][0] < score:
            best[key] = (score, text)
    return [text for _score, text in sorted(best.values(), reverse=True)]


def _topic_chunks(doc: Doc) -> Iterator[list[Token]]:
    """Noun chunks without determiners, numbers, dates and vague adjectives; not bare titles
    ("prime minister") nor a titled person ("Greek prime minister Kyriakos Mitsotakis")."""
    for full in doc.noun_chunks:
        chunk = _after_person_possessor(full)
        tokens = _with_hyphen_halves(chunk, [t for t in chunk if _content_token(t)])
        while tokens and tokens[0].lower_ in _VAGUE_ADJECTIVES:
            tokens = tokens[1:]
        if not MIN_WORDS <= len(tokens) <= MAX_WORDS - 1:
            continue
        if not any(t.pos_ == "NOUN" for t in tokens) or not all(
            _WORD.fullmatch(t.text) for t in tokens
        ):
            continue
        if all(is_title_word(t.text) or t.ent_type_ in ("NORP", "GPE") for t in tokens):
            continue
        if tokens[-1].ent_type_ == "PERSON" and any(is_title_word(t.text) for t in tokens):
            continue
        yield tokens


def _content_token(token: Token) -> bool:
    return not (
        token.is_punct
        or token.dep_ in ("det", "poss", "predet", "case")
        or token.tag_ in ("PRP$", "WDT", "CD")
        or token.ent_type_ in _NUMERIC_ENTS
    )


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
