"""Replies as Telegram HTML messages: escaped, formatted, and split within Telegram's limits."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from bot.core.reply import Card, Reply, Section, display_date

MAX_MESSAGE = 4096
"""Telegram's limit on a message's text, in UTF-16 code units."""

_MARKUP_TOKEN = re.compile(r"<[^<>]*>|&#?\w+;|\n\s*|[^\S\n]+|[^\s<&]+|[<&]")
_PLAIN_TOKEN = re.compile(r"\n\s*|[^\S\n]+|\S+")


def utf16_len(text: str) -> int:
    """The length of `text` as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def render(reply: Reply, limit: int = MAX_MESSAGE) -> list[dict[str, Any]]:
    """The reply as sendMessage parts in HTML, each at most `limit` UTF-16 code units."""
    paragraphs = [_text(p) for p in re.split(r"\n\s*\n", reply.text.strip()) if p]
    blocks = paragraphs + [block for section in reply.sections for block in _section(section)]
    options = {} if reply.link_previews else {"link_preview_options": {"is_disabled": True}}
    return [
        {"text": text, "parse_mode": "HTML", **options}
        for text in split_html("\n\n".join(blocks), limit)
    ]


def _text(text: str) -> str:
    return escape(text, quote=False)


def _section(section: Section) -> list[str]:
    # The heading and note travel with the first card, so no part ends on a bare heading.
    head = [f"<b><u>{_text(section.heading)}</u></b>"] if section.heading else []
    if section.note:
        head.append(f"<i>{_text(section.note)}</i>")
    cards = [_card(card) for card in section.cards]
    if cards:
        cards[0] = "\n".join([*head, cards[0]])
        return cards
    return ["\n".join(head)] if head else []


def _card(card: Card) -> str:
    lines = [f"<b>{_text(card.title)}</b>", *(f"• {_text(b)}" for b in card.bullets)]
    if card.matched:
        lines.append(f"matched: {_text(', '.join(card.matched))}")
    source = [_link(card.url, card.site)] if card.url else [_text(card.site)] if card.site else []
    if published := display_date(card.published):
        source.append(_text(published))
    if source:
        lines.append(" · ".join(source))
    if card.also_reported_by:
        lines.append(f"<i>also reported by {_text(', '.join(card.also_reported_by))}</i>")
    return "\n".join(lines)


def _link(url: str, site: str | None) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _text(url)  # not a web link: show it, never make it clickable
    label = site or parts.hostname.removeprefix("www.")
    return f'<a href="{escape(url, quote=True)}">{_text(label)}</a>'


def split_html(text: str, limit: int = MAX_MESSAGE, *, markup: bool = True) -> list[str]:
    """Cut `text` into pieces of at most `limit` UTF-16 units, at paragraph, then line, then
    word boundaries; tags open at a cut are closed there and reopened in the next piece."""
    if utf16_len(text) <= limit:
        return [text.strip()] if text.strip() else []
    pieces: list[str] = []
    piece = _Piece(limit, ())
    for token in _tokens(text, markup, max(1, limit // 8)):
        while not piece.fits(token):
            cut = piece.best_cut(token)
            if cut is None:
                raise ValueError(f"cannot split markup within {limit} characters")
            pieces.append(piece.render(cut))
            piece = piece.rest(cut)
        piece.add(token)
    if piece.has_text():
        pieces.append(piece.render(len(piece.tokens)))
    return pieces


_Stack = tuple[tuple[str, str], ...]  # (tag name, opening tag) of the tags open at a point


class _Token:
    __slots__ = ("text", "units", "rank", "tag", "closing", "visible")

    def __init__(self, text: str, markup: bool) -> None:
        self.text = text
        self.units = utf16_len(text)
        # Where a cut may fall: 3 between paragraphs, 2 between lines, 1 between words.
        self.rank = 0 if text.strip() else min(text.count("\n") + 1, 3)
        tag = re.match(r"<(/?)([^\s<>/]+)[^<>]*>$", text) if markup else None
        self.tag = tag[2].lower() if tag else None
        self.closing = bool(tag and tag[1])
        self.visible = tag is None and bool(text.strip())


def _tokens(text: str, markup: bool, longest: int) -> list[_Token]:
    tokens = []
    for match in (_MARKUP_TOKEN if markup else _PLAIN_TOKEN).finditer(text):
        word = match.group(0)
        # A word longer than a piece can hold is cut by characters (never inside a surrogate
        # pair, as Python strings hold code points); tags and entities stay whole.
        while not word.startswith(("<", "&")) and utf16_len(word) > longest:
            head = word[:longest]
            while utf16_len(head) > longest:
                head = head[:-1]
            tokens.append(_Token(head, markup))
            word = word[len(head) :]
        tokens.append(_Token(word, markup))
    return tokens


class _Piece:
    """One message being filled: the tags reopened at its start, then its tokens."""

    def __init__(self, limit: int, opened: _Stack) -> None:
        self.limit = limit
        self.opened = opened
        self.prefix = "".join(opening for _, opening in opened)
        self.units = utf16_len(self.prefix)
        self.tokens: list[_Token] = []
        self.stacks: list[_Stack] = []  # the open tags after each token

    def _stack(self, cut: int) -> _Stack:
        return self.stacks[cut - 1] if cut else self.opened

    def fits(self, token: _Token) -> bool:
        after = _apply(self._stack(len(self.tokens)), token)
        return self.units + token.units + _closing_units(after) <= self.limit

    def add(self, token: _Token) -> None:
        self.stacks.append(_apply(self._stack(len(self.tokens)), token))
        self.tokens.append(token)
        self.units += token.units

    def has_text(self) -> bool:
        return any(t.visible for t in self.tokens)

    def best_cut(self, incoming: _Token) -> int | None:
        """Where to end this piece: the latest of the highest-ranked boundaries that leaves
        text before it, the end when `incoming` is as good a boundary, or None."""
        best, best_rank, seen_text = None, 0, False
        for index, token in enumerate(self.tokens):
            if token.rank and seen_text and token.rank >= best_rank:
                best, best_rank = index, token.rank
            seen_text = seen_text or token.visible
        if seen_text and (best is None or incoming.rank >= best_rank):
            return len(self.tokens)
        return best

    def render(self, cut: int) -> str:
        body = self.prefix + "".join(t.text for t in self.tokens[:cut])
        return (body + "".join(f"</{name}>" for name, _ in reversed(self._stack(cut)))).strip()

    def rest(self, cut: int) -> _Piece:
        """A new piece with the tokens after the cut (the boundary itself is dropped)."""
        rest = _Piece(self.limit, self._stack(cut))
        for token in self.tokens[cut + 1 :]:
            rest.add(token)
        return rest


def _apply(stack: _Stack, token: _Token) -> _Stack:
    if token.tag is None:
        return stack
    if token.closing:
        return stack[:-1] if stack and stack[-1][0] == token.tag else stack
    return (*stack, (token.tag, token.text))


def _closing_units(stack: _Stack) -> int:
    return sum(len(name) + 3 for name, _ in stack)


def html_to_plain(text: str) -> str:
    """The visible text of Telegram HTML, with each link's address after its label."""
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    return "".join(parser.out)


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._links: list[tuple[str | None, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._links.append((dict(attrs).get("href"), len(self.out)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._links:
            href, start = self._links.pop()
            if href and href != "".join(self.out[start:]).strip():
                self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.out.append(data)
