"""Topics: what the headline reports, what was discussed (objects of discuss/talks/agree)
and the article's keyphrases."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.briefing.brief import Entities
from bot.briefing.keyphrases import (
    MAX_WORDS,
    MIN_WORDS,
    NUMERIC_ENTS,
    VAGUE_HEADS,
    WORD,
    diverse,
    is_empty_adjective,
    is_good_phrase,
    join_tokens,
    key_chunks,
    overlaps,
)
from bot.briefing.lexicon import is_title_word
from bot.briefing.wordlists import about_heads, discuss_verbs, event_nouns

MAX_TOPICS = 6
_HEADLINE_ORGS = 1
# The headline states the story in a few nouns; more of them would crowd out what was discussed.
_HEADLINE_PHRASES = 2
# Headline verbs and the noun a briefing names their happening with ("dies" -> "death").
_EVENT_NOUNS = event_nouns()
# Verbs whose object is the subject matter of a meeting ("discussed the supply of weapons").
_DISCUSS_VERBS = discuss_verbs()
# Verbs and nouns that take the subject matter in a preposition ("talks on trade").
_ABOUT_HEADS = about_heads()
_ABOUT_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
# Children that turn a noun phrase into a clause; a topic keeps the noun phrase alone.
_DROP_DEPS = frozenset(
    {
        "conj",
        "cc",
        "punct",
        "appos",
        "relcl",
        "acl",
        "advcl",
        "parataxis",
        "prep_tail",
        "dep",
    }
)
_DROP_PREPS = frozenset(
    {"with", "including", "like", "as", "such", "by", "to", "from", "at", "in", "during", "between"}
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
    # A loop down "the rest of the part of ...", which may run deeper than Python's stack.
    while _nominal(head) and head.lemma_.lower() in VAGUE_HEADS:
        inner = [
            c for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
        ]
        if not inner:
            return None
        head = inner[0]
    if not _nominal(head):
        return None
    tokens = sorted(_phrase_tokens(head), key=lambda t: t.i)
    while tokens and (tokens[0].dep_ in ("det", "poss", "predet", "case") or tokens[0].is_punct):
        tokens = tokens[1:]
    while len(tokens) > MAX_WORDS and any(t.dep_ == "prep" for t in tokens):
        last_prep = max((t for t in tokens if t.dep_ == "prep"), key=lambda t: t.i)
        cut = {t.i for t in last_prep.subtree}
        tokens = [t for t in tokens if t.i not in cut]
    text = join_tokens(tokens)
    return text if is_good_phrase(text) else None


def article_topics(
    doc: Doc,
    *,
    title: str | None,
    meeting_topics: list[str],
    entities: Entities,
    headline: Doc | None = None,
) -> list[str]:
    """3-6 topics: what the headline reports happened, its subject, what meetings discussed,
    then keyphrases that add something new, then the most named organisations."""
    # A bare name says who, not what about: a headline person appears in the event phrase.
    names = _headline_organizations(title, entities)
    fixed = dedupe_phrases(
        [
            *(_headline_topics(headline, _headline_people(title, entities)) if headline else []),
            *(t for t in meeting_topics if is_good_phrase(t)),
        ]
    )
    fixed = [t for t in fixed if not overlaps(t, names)]
    room = MAX_TOPICS - len(names)
    keys = diverse(key_chunks(doc, title), [*fixed, *names], room - len(fixed))
    candidates = [*fixed, *keys, *_top_organizations(doc, entities)]
    # The headline's organisation keeps a place even when keyphrases would fill every slot.
    topics = [t for t in dedupe_phrases(candidates) if not overlaps(t, names)]
    return [*topics[:room], *names]


def _headline_topics(headline: Doc, people: list[str]) -> list[str]:
    """What the headline reports happened, then what it is about."""
    event = headline_event(headline, people)
    return [*([event] if event else []), *headline_phrases(headline)]


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


def headline_event(headline: Doc, names: list[str]) -> str | None:
    """The headline's happening as a noun phrase: "Mugabe dies" -> "death of Robert Mugabe",
    "Queen agrees to suspend UK Parliament" -> "suspension of UK Parliament"."""
    for verb in headline:
        noun = _EVENT_NOUNS.get(verb.lemma_.lower())
        if noun is None or verb.pos_ != "VERB":
            continue
        patient = _patient(verb)
        # "Poland stabbed" is the tagger gluing a place to a name, not a country attacked.
        if patient is None or patient.ent_type_ in ("GPE", "LOC"):
            continue
        who = _full_name(patient, names) or noun_phrase(patient)
        phrase = f"{noun} of {who}"
        if who and MIN_WORDS <= len(WORD.findall(phrase)) <= MAX_WORDS:
            return phrase
    return None


def _patient(verb: Token) -> Token | None:
    """Whom or what the headline verb happens to: its object; else, as headlines drop the
    passive "is", its subject ("Wiranto stabbed", "Mugabe dies") or the noun it qualifies
    ("Mayor of Lisbon arrested in inquiry")."""
    for dep in ("dobj", "nsubjpass", "nsubj"):
        found = [c for c in verb.children if c.dep_ == dep]
        if found:
            return found[0]
    return verb.head if verb.dep_ == "acl" and verb.tag_ == "VBN" else None


def _full_name(token: Token, names: list[str]) -> str | None:
    """The article's full name for the person a headline phrase names by surname:
    "Longtime leader of Zimbabwe Robert Mugabe" -> "Robert Mugabe"."""
    words = {t.text for t in token.subtree}
    return next((n for n in names if n.split()[-1] in words), None)


def _is_subject_chunk(chunk: Span) -> bool:
    """A chunk with a common noun that is not an office title, and not naming a person nor
    counting something ("10 days", "dozens dead")."""
    if chunk.root.ent_type_ in NUMERIC_ENTS or any(t.ent_type_ == "PERSON" for t in chunk):
        return False
    return any(t.pos_ == "NOUN" and not is_title_word(t.text) for t in chunk)


def dedupe_phrases(phrases: list[str]) -> list[str]:
    """Phrases in order, skipping any that mostly repeats an earlier one."""
    chosen: list[str] = []
    for phrase in phrases:
        if not overlaps(phrase, chosen):
            chosen.append(phrase)
    return chosen


def _nominal(head: Token) -> bool:
    """True for a noun or name that is not a number, date or amount."""
    return head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in NUMERIC_ENTS


def _phrase_tokens(head: Token) -> list[Token]:
    """The head with the modifiers a topic keeps, in no order: no clause, time phrase, nor
    ranking or hedging adjective ("new coffee talks", "quotas before October", "meeting this
    summer"). A walk with a stack: a phrase may nest deeper than Python's stack."""
    out: list[Token] = []
    stack = [(head, True)]
    while stack:
        word, top = stack.pop()
        out.append(word)
        for child in word.children:
            if is_empty_adjective(child) or _is_when(child):
                continue
            # Coordinated modifiers stay ("security and oil production"); coordinated heads
            # do not.
            if child.dep_ in ("conj", "cc"):
                if not top:
                    stack.append((child, False))
                continue
            if child.dep_ in _DROP_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ in _DROP_PREPS:
                continue
            stack.append((child, False))
    return out


def _is_when(token: Token) -> bool:
    """A phrase giving a time: "before October", "this summer"; not a hyphened half
    ("HIV-positive") nor a year naming the thing ("2019 general election")."""
    if token.dep_ == "npadvmod":
        return token.nbor(1).text not in ("-", "–") if token.i + 1 < len(token.doc) else True
    return token.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children
    )


def _headline_people(title: str | None, entities: Entities) -> list[str]:
    """People the headline names by surname, given in full."""
    words = {w.lower() for w in WORD.findall(title or "")}
    places = {w.lower() for p in entities.places for w in p.split()}
    # A "surname" that is a place is a name glued to a country by the tagger ("Funaro Brazil").
    return [
        n
        for n in entities.people
        if len(n.split()) >= 2 and n.split()[-1].lower() in words - places
    ]


def _headline_organizations(title: str | None, entities: Entities) -> list[str]:
    """An organisation the headline names in full: what a reader would follow."""
    orgs = [n for n in entities.organizations if len(n.split()) >= 2 and n in (title or "")]
    return orgs[:_HEADLINE_ORGS]


def _top_organizations(doc: Doc, entities: Entities) -> list[str]:
    """Organisations named at least twice: what a reader would follow."""
    text = doc.text
    return [o for o in entities.organizations if text.count(o) >= 2][:2]
