"""What `/follow TOPIC` means: the topic a user typed, parsed, checked and expanded by aliases.

A topic is words, "quoted phrases", `OR`, `-exclusions` and one `site:` filter. ALL-CAPS
tokens (KNDS, UAV) match case-sensitively, other words case-insensitively with their plurals.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from bot.follow.aliases import AliasTable, load_aliases
from bot.follow.words import acronym, lookup_key, pattern_of, stem, tokens

MAX_TOPIC_CHARS = 100

_EMPTY = "Tell me what to follow, e.g. /follow KNDS"
_TOO_LONG = f"That is too long for a topic; keep it under {MAX_TOPIC_CHARS} characters."
_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|([^\s"]+)')
_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»", '"'))
# Bidirectional overrides make a topic read differently from what it matches.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NUMERIC_HOST = re.compile(r"[0-9.]+|0x[0-9a-f.x]+")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")
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


def _search_form(text: str) -> str:
    words = []
    for token in tokens(text):
        word = acronym(token) or stem(token.lower())
        # "army" must find "armies" as a prefix.
        words.append(word[:-1] if word.endswith("y") and len(word) > 2 else word)
    return " ".join(words)


def _canonical(text: str) -> str:
    words = [token if acronym(token) else token.casefold() for token in tokens(text)]
    return f'"{" ".join(words)}"' if len(words) > 1 else words[0]


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
    """The domain of `site:`; "site:10.0.0.12" and "site:example.com:8080" are refused, since
    a source is matched by its domain name alone."""
    host = value.lower().split("://", 1)[-1].split("/", 1)[0].rstrip(".")
    if host.startswith("[") or _NUMERIC_HOST.fullmatch(host.split(":", 1)[0]):
        raise TopicError("site: needs a domain name, not an IP address, e.g. site:ukrinform.net")
    if ":" in host:
        raise TopicError("site: needs a domain without a port, e.g. site:ukrinform.net")
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
    one_word = len(pattern_of(cleaned)) == 1
    if cleaned[0] == cleaned[-1] == '"' and one_word and cleaned.count('"') == 2:
        return cleaned[1:-1].strip()
    return cleaned


def _expand(text: str, index: _AliasIndex) -> tuple[Term, ...]:
    """The typed term first, then its aliases; empty when `text` has no word in it."""
    if not (pattern := pattern_of(text)):
        return ()
    aliases = index.get(lookup_key(text), ())
    return (Term(text, pattern), *(term for term in aliases if term.pattern != pattern))


@lru_cache(maxsize=8)
def _alias_index(table: AliasTable) -> _AliasIndex:
    """Each alias name's lookup key -> every name of its row; rows sharing a name are merged."""
    rows: list[tuple[list[str], set[tuple[str, ...]]]] = []
    for row in table.rows:
        names, keys = list(row), {lookup_key(name) for name in row} - {()}
        for other in [other for other in rows if other[1] & keys]:
            rows.remove(other)
            names, keys = other[0] + [n for n in names if n not in other[0]], keys | other[1]
        rows.append((names, keys))
    index: _AliasIndex = {}
    for names, keys in rows:
        terms: dict[tuple[str, ...], Term] = {}
        for name in names:
            if (pattern := pattern_of(name)) and pattern not in terms:
                terms[pattern] = Term(name, pattern, alias=True)
        index.update(dict.fromkeys(keys, tuple(terms.values())))
    return index
