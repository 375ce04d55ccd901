"""Telegram's HTML parse mode as the fake Bot API applies it; lengths in UTF-16 units."""

from __future__ import annotations

import html
import re
from typing import Any

from tests.fake_telegram_faults import ApiError, cant_parse


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


_ENTITY_TYPES = {
    tag: kind
    for kind, tags in {
        "bold": "b strong",
        "italic": "i em",
        "underline": "u ins",
        "strikethrough": "s strike del",
        "text_link": "a",
        "code": "code",
        "pre": "pre",
        "spoiler": "tg-spoiler span",
        "blockquote": "blockquote",
        "custom_emoji": "tg-emoji",
    }.items()
    for tag in tags.split()
}
_HTML_TOKEN = re.compile(
    r"<(/?)([^\s>/]*)([^>]*)>|&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot);|[<&]|[^<&]+"
)


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's HTML parse mode: the visible text and its entities, or a parse error."""
    text: list[str] = []
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, int, str | None]] = []
    offset = 0
    for token in _HTML_TOKEN.finditer(source):

        def at(token: re.Match[str] = token) -> int:
            return len(source[: token.start()].encode())

        closing, name, attrs, entity = token.group(1, 2, 3, 4)
        if name is not None:
            name = name.lower()
            if closing:
                if not stack or stack[-1][0] != name:
                    raise ApiError(cant_parse(f"Unexpected end tag at byte offset {at()}"))
                tag, start, url = stack.pop()
                if offset > start:
                    found = {"type": _ENTITY_TYPES[tag], "offset": start, "length": offset - start}
                    entities.append(found if url is None else {**found, "url": url})
            elif name not in _ENTITY_TYPES:
                raise ApiError(cant_parse(f'Unsupported start tag "{name}" at byte offset {at()}'))
            else:
                href = re.search(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""", attrs or "")
                url = html.unescape(href.group(1) or href.group(2) or "") if href else None
                stack.append((name, offset, url if name == "a" else None))
            continue
        piece = token.group(0)
        if piece == "<":
            raise ApiError(cant_parse(f"Unclosed start tag at byte offset {at()}"))
        if entity is not None:
            piece = html.unescape(piece)
        text.append(piece)
        offset += utf16_len(piece)
    if stack:
        tag = stack[-1][0]
        raise ApiError(cant_parse(f'Can\'t find end tag corresponding to start tag "{tag}"'))
    entities.sort(key=lambda e: e["offset"])
    return "".join(text), entities
