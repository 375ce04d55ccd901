"""Which articles a topic catches: one at a time (`match`) or many subscriptions at once.

Topic words are looked for on token boundaries of a Brief's title, text, entity names and
topics; `bot.follow.topic_query` reads what was typed, `bot.follow.words` folds the words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple
from urllib.parse import urlsplit

from bot.briefing.brief import Brief
from bot.follow.aliases import AliasTable
from bot.follow.topic_query import Term, Topic, TopicError, parse_topic
from bot.follow.words import WORD, lookup_key, token_keys, tokens

__all__ = [
    "AliasTable",
    "Match",
    "Matcher",
    "Topic",
    "TopicError",
    "also_matches",
    "match",
    "parse_topic",
]


@dataclass
class Match:
    """A topic that caught an article, and the names or phrases that caught it."""

    topic: Topic
    matched: list[str]


def match(topic: Topic, brief: Brief) -> Match | None:
    """Whether `topic` catches `brief`, and with which names or phrases."""
    return _match(topic, _Analysis.of_brief(brief))


def also_matches(topic: Topic, known_names: Iterable[str]) -> list[str]:
    """Names the topic catches beyond what was typed: known entity names, then its aliases."""
    terms = [term for group in topic.groups for term in group]
    seen = {lookup_key(term.text) for term in terms if not term.alias}
    found: list[str] = []
    for name in known_names:
        if lookup_key(name) not in seen:
            names = _Analysis([(0, name)])
            if names.has_any(terms) and not names.has_any(topic.excluding):
                seen.add(lookup_key(name))
                found.append(name)
    for term in terms:
        if term.alias and lookup_key(term.text) not in seen:
            seen.add(lookup_key(term.text))
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
            keys = [token_keys(token) for token in WORD.findall(source)]
            for position, keys_here in enumerate(keys, number << 32):
                for key in keys_here:
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
            for word in WORD.finditer(field.source):
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
        words = " " + " ".join(token.casefold() for token in tokens(surface)) + " "
        if words not in reported and not (rank > 0 and any(words in name for name in names)):
            reported[words] = surface
            names += [words] if rank < 2 else []
    return list(reported.values())


def _rarity(pattern: tuple[str, ...]) -> tuple[bool, int]:
    # Acronyms and long words occur in fewer articles than short words.
    return max((key.startswith("a:"), len(key)) for key in pattern)


def _host_suffixes(url: str | None) -> list[str]:
    """`https://news.ukrinform.net/x` -> the host, `ukrinform.net`, `net`: what site: may name."""
    try:
        host = urlsplit(url).hostname if url else None
        labels = host.rstrip(".").encode("idna").decode("ascii").split(".") if host else []
    except (ValueError, UnicodeError):
        labels = []
    return [".".join(labels[start:]) for start in range(len(labels))]
