"""Topic matching: what `/follow TOPIC` means, and which articles a topic catches.

A topic is words, "quoted phrases", `OR`, `-exclusions` and one `site:` filter. ALL-CAPS
tokens (KNDS, UAV) match case-sensitively, other words case-insensitively with their plurals,
both on token boundaries of a Brief's title, text, entity names and topics.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple
from urllib.parse import urlsplit

from bot.briefing.brief import Brief
from bot.follow.aliases import AliasTable, load_aliases

MAX_TOPIC_CHARS = 100

_EMPTY = "Tell me what to follow, e.g. /follow KNDS"
_TOO_LONG = f"That is too long for a topic; keep it under {MAX_TOPIC_CHARS} characters."
# A word (group 1): letters and digits with inner apostrophes (O'Brien), without a possessive
# 's; hyphens and dots split words.
_WORD = re.compile(r"([^\W_]+(?:['’](?![sS]\b)[^\W_]+)*)(?:['’][sS]\b)?")
_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|([^\s"]+)')
_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»", '"'))
# Bidirectional overrides make a topic read differently from what it matches.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")
# Plurals whose singular is another word: "news" is not "new", "arms" not "arm".
_NO_STEM = frozenset({"news", "arms", "series", "species"})
# fmt: off
_STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "he", "her",
    "his", "i", "in", "is", "it", "its", "of", "on", "or", "our", "she", "that", "the", "their",
    "they", "this", "to", "us", "was", "we", "were", "will", "with", "you",
})
# fmt: on

_AliasIndex = dict[tuple[str, ...], tuple["Term", ...]]


class TopicError(ValueError):
    """A topic the bot cannot follow; the message is shown to the user as is."""


class Term(NamedTuple):
    """A word or phrase a topic looks for: as written, and the token keys it must find in order."""

    text: str
    pattern: tuple[str, ...]
    alias: bool = False


@dataclass(frozen=True)
class Topic:
    """A parsed topic: every one of `groups` (any term of each), none of `excluding`, on `site`."""

    display: str
    key: str
    groups: tuple[tuple[Term, ...], ...]
    excluding: tuple[Term, ...] = ()
    site: str | None = None

    @property
    def excluded(self) -> tuple[str, ...]:
        """What the user left out, as typed."""
        return tuple(term.text for term in self.excluding)

    @property
    def search_groups(self) -> list[list[str]]:
        """Full-text prefilter terms, aliases included: AND across groups, OR inside one.

        Words are cut to a prefix that finds every plural the matcher accepts ("compan").
        """
        return [
            list(dict.fromkeys(_search_form(term.text) for term in terms)) for terms in self.groups
        ]


@dataclass
class Match:
    """A topic that caught an article, and the names or phrases that caught it."""

    topic: Topic
    matched: list[str]


class _Part(NamedTuple):
    kind: str  # "term", "not", "or" or "site"
    value: str


def parse_topic(text: str, aliases: AliasTable | None = None) -> Topic:
    """Read what a user typed after /follow; raise TopicError with a reply-ready message."""
    index = _alias_index(aliases if aliases is not None else load_aliases())
    cleaned = _clean(text)
    parts = _parts(cleaned)
    groups: list[tuple[list[str], list[Term]]] = []  # each: canonical typed terms, all terms
    excluding: dict[str, Term] = {}
    typed: dict[str, Term] = {}
    site: str | None = None
    join = False
    for part in parts:
        if part.kind == "site":
            if site not in (None, part.value):
                raise TopicError("One site: per topic, please.")
            site = part.value
        elif part.kind == "or":
            join = bool(groups)
        elif terms := _expand(part.value, index):
            canonical = _canonical(terms[0].text)
            if part.kind == "not":
                # Literally what was typed: "KNDS -Nexter" must not exclude KNDS, an alias.
                excluding[canonical] = terms[0]
            elif canonical not in typed:
                typed[canonical] = terms[0]
                if join:
                    groups[-1][0].append(canonical)
                    groups[-1][1].extend(terms)
                else:
                    groups.append(([canonical], list(terms)))
            join = False
    if not groups and site is None:
        if excluding:
            raise TopicError("Tell me what to look for, not only what to leave out.")
        raise TopicError("I found no word to follow in that. " + _EMPTY)
    if typed and all(_is_stop_word(term.pattern) for term in typed.values()):
        raise TopicError("That is too common to follow; try a name or a phrase.")
    key = [
        *sorted(" OR ".join(sorted(names)) for names, _ in groups),
        *sorted("-" + name for name in excluding),
        *([f"site:{site}"] if site else []),
    ]
    return Topic(
        display=_display(cleaned),
        key=" ".join(key),
        groups=tuple(tuple(terms) for _, terms in groups),
        excluding=tuple(excluding.values()),
        site=site,
    )


def match(topic: Topic, brief: Brief) -> Match | None:
    """Whether `topic` catches `brief`, and with which names or phrases."""
    return _match(topic, _Analysis.of_brief(brief))


def also_matches(topic: Topic, known_names: Iterable[str]) -> list[str]:
    """Names the topic catches beyond what was typed: known entity names, then its aliases."""
    terms = [term for group in topic.groups for term in group]
    seen = {_lookup_key(term.text) for term in terms if not term.alias}
    found: list[str] = []
    for name in known_names:
        if _lookup_key(name) not in seen:
            names = _Analysis([(0, name)])
            if names.has_any(terms) and not names.has_any(topic.excluding):
                seen.add(_lookup_key(name))
                found.append(name)
    for term in terms:
        if term.alias and _lookup_key(term.text) not in seen:
            seen.add(_lookup_key(term.text))
            found.append(term.text)
    return found


class Matcher:
    """Many subscriptions at once: which of them a new article matches, via an inverted index.

    Answers exactly as `match` on each subscription, in the order the items were given.
    """

    def __init__(self, items: Iterable[tuple[int, Topic]]) -> None:
        self._topics: list[Topic] = []
        self._subscribers: list[list[tuple[int, int]]] = []  # per topic: (position, id)
        self._by_key: dict[str, list[int]] = {}
        self._by_site: dict[str, list[int]] = {}
        number_of: dict[Topic, int] = {}
        for position, (subscription, topic) in enumerate(items):
            if (number := number_of.get(topic)) is None:
                number = number_of[topic] = len(self._topics)
                self._topics.append(topic)
                self._subscribers.append([])
                self._index(number, topic)
            self._subscribers[number].append((position, subscription))

    def matching(self, brief: Brief) -> list[tuple[int, Match]]:
        """The subscriptions that `brief` matches, each with its Match."""
        article = _Analysis.of_brief(brief)
        candidates: set[int] = set()
        for key in article.where.keys() & self._by_key.keys():
            candidates.update(self._by_key[key])
        for host in article.sites:
            candidates.update(self._by_site.get(host, ()))
        found: list[tuple[int, int, Match]] = []
        for number in candidates:
            if result := _match(self._topics[number], article):
                found += [
                    (position, subscription, Match(result.topic, list(result.matched)))
                    for position, subscription in self._subscribers[number]
                ]
        found.sort(key=itemgetter(0))
        return [(subscription, result) for _, subscription, result in found]

    def _index(self, number: int, topic: Topic) -> None:
        # Every group must occur, so the rarest-looking one alone selects the candidates.
        if not topic.groups:
            self._by_site.setdefault(topic.site or "", []).append(number)
            return
        group = max(topic.groups, key=lambda terms: min(_rarity(term.pattern) for term in terms))
        for key in {max(term.pattern, key=lambda key: _rarity((key,))) for term in group}:
            self._by_key.setdefault(key, []).append(number)


class _Field(NamedTuple):
    rank: int  # 0 an entity name, 1 a brief topic, 2 title or text: the order `matched` reports
    source: str
    keys: list[tuple[str, ...]]


class _Analysis:
    """A brief's tokens and where each key occurs, built once for trying many topics."""

    def __init__(self, fields: list[tuple[int, str]], url: str | None = None) -> None:
        self.sites = _host_suffixes(url)
        self.fields: list[_Field] = []
        # key -> field number << 32 | token position. A long article has tens of thousands of
        # tokens: as plain strings and ints they cost the garbage collector nothing.
        self.where: dict[str, list[int]] = {}
        self._spans: dict[int, tuple[list[int], list[int]]] = {}
        for number, (rank, source) in enumerate(fields):
            if not source.isascii():
                source = unicodedata.normalize("NFKC", source)
            keys = [_token_keys(token) for token in _WORD.findall(source)]
            for position, token_keys in enumerate(keys, number << 32):
                for key in token_keys:
                    self.where.setdefault(key, []).append(position)
            self.fields.append(_Field(rank, source, keys))

    @classmethod
    def of_brief(cls, brief: Brief) -> _Analysis:
        names = brief.entities.all_names()
        topics = list(brief.topics)
        for meeting in brief.meetings:
            names += [party.name for party in (*meeting.who, *meeting.with_)]
            names += [meeting.where] if meeting.where else []
            topics += meeting.topics
        fields = [(0, name) for name in dict.fromkeys(names) if name]
        fields += [(1, topic) for topic in dict.fromkeys(topics) if topic]
        return cls([*fields, (2, brief.title or ""), (2, brief.text or "")], brief.url)

    def occurrences(self, pattern: tuple[str, ...]) -> Iterator[tuple[int, int]]:
        """(field, token) positions where `pattern` starts."""
        first, rest = pattern[0], pattern[1:]
        for entry in self.where.get(first, ()):
            number, position = entry >> 32, entry & 0xFFFFFFFF
            keys = self.fields[number].keys
            if position + len(rest) < len(keys) and all(
                key in keys[position + 1 + offset] for offset, key in enumerate(rest)
            ):
                yield number, position

    def has_any(self, terms: Iterable[Term]) -> bool:
        """Whether any of `terms` occurs."""
        return any(next(self.occurrences(term.pattern), None) for term in terms)

    def surface(self, number: int, position: int, length: int) -> str:
        """What to report for a hit: the whole name or topic, or the words found in the text."""
        field = self.fields[number]
        if field.rank < 2:
            return field.source
        if number not in self._spans:
            starts, ends = self._spans[number] = [], []
            for word in _WORD.finditer(field.source):
                starts.append(word.start(1))
                ends.append(word.end(1))
        starts, ends = self._spans[number]
        return field.source[starts[position] : ends[position + length - 1]]


def _match(topic: Topic, article: _Analysis) -> Match | None:
    if topic.site is not None and topic.site not in article.sites:
        return None
    if article.has_any(topic.excluding):
        return None
    hits: list[tuple[int, int, int]] = []  # field, token, length
    for terms in topic.groups:
        found = [
            (number, position, len(term.pattern))
            for term in terms
            for number, position in article.occurrences(term.pattern)
        ]
        if not found:
            return None
        hits += found
    return Match(topic, _report(article, hits) or [topic.site or ""])


def _report(article: _Analysis, hits: list[tuple[int, int, int]]) -> list[str]:
    # Fields come names first, then topics, title and text: report in that order and, within
    # a field, in order of appearance. Words of the text inside a reported name add nothing.
    names: list[str] = []
    reported: dict[str, str] = {}
    surfaces = (
        (article.fields[number].rank, article.surface(number, position, length))
        for number, position, length in sorted(hits)
    )
    for rank, surface in dict.fromkeys(surfaces):
        words = " " + " ".join(token.casefold() for token in _tokens(surface)) + " "
        if words not in reported and not (rank > 0 and any(words in name for name in names)):
            reported[words] = surface
            names += [words] if rank < 2 else []
    return list(reported.values())


def _tokens(text: str) -> list[str]:
    return [word.replace("’", "'") for word in _WORD.findall(text)]


def _acronym(token: str) -> str | None:
    """The acronym a token spells (`UAVs` -> `UAV`), or None for an ordinary word."""
    if token.isupper():
        return token
    if len(token) > 2 and token[-1] == "s" and token[:-1].isupper():
        return token[:-1]
    return None


@lru_cache(maxsize=200_000)
def _token_keys(token: str) -> tuple[str, ...]:
    """Every key a text token answers to: its folded word, and its acronym when it is one."""
    token = token.replace("’", "'")
    acronym = _acronym(token)
    word = "w:" + _fold(token)
    return (word, "a:" + acronym) if acronym else (word,)


def _pattern(text: str) -> tuple[str, ...]:
    """The keys a topic's words must find: acronyms by case, other words folded."""
    return tuple(
        "a:" + acronym if (acronym := _acronym(token)) else "w:" + _fold(token)
        for token in _tokens(text)
    )


def _lookup_key(text: str) -> tuple[str, ...]:
    """Alias lookups ignore case, so `/follow knds` finds the KNDS row."""
    return tuple(_fold(token) for token in _tokens(text))


def _fold(token: str) -> str:
    word = token.casefold()
    if not word.isascii():
        # Readers type "Hakkanen" for "Häkkänen".
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _stem(word)


def _stem(word: str) -> str:
    """The singular of an English plural, well enough that both sides fold to one form."""
    if len(word) <= 3 or word[-1] != "s" or word in _NO_STEM or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    return word[:-1]


def _search_form(text: str) -> str:
    words = []
    for token in _tokens(text):
        word = _acronym(token) or _stem(token.lower())
        # "army" must find "armies" as a prefix.
        words.append(word[:-1] if word.endswith("y") and len(word) > 2 else word)
    return " ".join(words)


def _canonical(text: str) -> str:
    words = [token if _acronym(token) else token.casefold() for token in _tokens(text)]
    return f'"{" ".join(words)}"' if len(words) > 1 else words[0]


def _rarity(pattern: tuple[str, ...]) -> tuple[bool, int]:
    # Acronyms and long words occur in fewer articles than short words.
    return max((key.startswith("a:"), len(key)) for key in pattern)


def _is_stop_word(pattern: tuple[str, ...]) -> bool:
    return len(pattern) == 1 and pattern[0].startswith("w:") and pattern[0][2:] in _STOP_WORDS


def _clean(text: str) -> str:
    if len(text) > 10 * MAX_TOPIC_CHARS:
        raise TopicError(_TOO_LONG)
    kept = []
    for char in unicodedata.normalize("NFKC", text).translate(_QUOTES):
        category = unicodedata.category(char)
        if char in _BIDI or (category == "Cc" and char not in "\t\n\r"):
            raise TopicError("A topic can't contain control characters.")
        if category != "Cf":  # zero-width spaces and soft hyphens pasted along with a name
            kept.append(char)
    cleaned = " ".join("".join(kept).split())
    if not cleaned:
        raise TopicError(_EMPTY)
    if len(cleaned) > MAX_TOPIC_CHARS:
        raise TopicError(_TOO_LONG)
    if "<" in cleaned or ">" in cleaned:
        raise TopicError("Send the topic as plain text, without markup.")
    if len(cleaned) > 2 and cleaned[0] in "'‘" and cleaned[-1] in "'’":
        cleaned = '"' + cleaned[1:-1].strip() + '"'
    return cleaned


def _parts(cleaned: str) -> list[_Part]:
    found = list(_QUERY_PART.finditer(cleaned))
    parts = []
    for number, part in enumerate(found):
        minus, phrase, word = part.groups()
        if phrase is not None:
            if phrase.strip():
                parts.append(_Part("not" if minus else "term", phrase.strip()))
        elif word == "OR" and 0 < number < len(found) - 1:
            parts.append(_Part("or", word))
        elif word.casefold().startswith("-site:"):
            raise TopicError("site: limits a topic to one source; it can't be excluded.")
        elif word.casefold().startswith("site:"):
            parts.append(_Part("site", _site(word[5:])))
        elif word.lstrip("-+"):
            parts.append(_Part("not" if word[0] == "-" else "term", word.lstrip("-+")))
    return parts


def _site(value: str) -> str:
    host = value.lower().split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].rstrip(".")
    try:
        host = host.removeprefix("www.").encode("idna").decode("ascii")
    except UnicodeError:
        host = ""
    if not _HOST.fullmatch(host):
        raise TopicError("site: needs a domain, e.g. site:ukrinform.net")
    return host


def _display(cleaned: str) -> str:
    # A quoted single word is just that word; a phrase keeps its quotes, closed if left open.
    if cleaned.count('"') % 2:
        cleaned += '"'
    if cleaned[0] == cleaned[-1] == '"' and len(_pattern(cleaned)) == 1 and cleaned.count('"') == 2:
        return cleaned[1:-1].strip()
    return cleaned


def _expand(text: str, index: _AliasIndex) -> tuple[Term, ...]:
    """The typed term first, then its aliases; empty when `text` has no word in it."""
    if not (pattern := _pattern(text)):
        return ()
    aliases = index.get(_lookup_key(text), ())
    return (Term(text, pattern), *(term for term in aliases if term.pattern != pattern))


@lru_cache(maxsize=8)
def _alias_index(table: AliasTable) -> _AliasIndex:
    """Each alias name's lookup key -> every name of its row; rows sharing a name are merged."""
    rows: list[tuple[list[str], set[tuple[str, ...]]]] = []
    for row in table.rows:
        names, keys = list(row), {_lookup_key(name) for name in row} - {()}
        for other in [other for other in rows if other[1] & keys]:
            rows.remove(other)
            names, keys = other[0] + [n for n in names if n not in other[0]], keys | other[1]
        rows.append((names, keys))
    index: _AliasIndex = {}
    for names, keys in rows:
        terms: dict[tuple[str, ...], Term] = {}
        for name in names:
            if (pattern := _pattern(name)) and pattern not in terms:
                terms[pattern] = Term(name, pattern, alias=True)
        index.update(dict.fromkeys(keys, tuple(terms.values())))
    return index


def _host_suffixes(url: str | None) -> list[str]:
    """`https://news.ukrinform.net/x` -> the host, `ukrinform.net`, `net`: what site: may name."""
    try:
        host = urlsplit(url).hostname if url else None
        labels = host.rstrip(".").encode("idna").decode("ascii").split(".") if host else []
    except (ValueError, UnicodeError):
        labels = []
    return [".".join(labels[start:]) for start in range(len(labels))]
