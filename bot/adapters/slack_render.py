"""A Reply as Slack messages: Block Kit blocks and a plain `text` fallback, within the limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core.reply import Card, Reply, Section, display_date

MAX_BLOCKS = 50  # per message
MAX_TEXT = 3000  # per section text and per context element
MAX_HEADER = 150
# Slack answers msg_blocks_too_long at roughly 13,000 characters of block text in one message,
# although no limit is documented; stay clearly below it.
MAX_MESSAGE_TEXT = 11_000
MAX_FALLBACK = 3000
# A title link longer than this is left to the button, so a card's first line always fits.
MAX_LINK_URL = 1000
MAX_BUTTON_URL = 3000
MAX_TITLE = 300
MAX_BULLET = 1000


@dataclass
class _Unit:
    """Blocks that belong on the same message (a heading with its first card), and their text."""

    blocks: list[dict[str, Any]]
    fallback: str

    @property
    def size(self) -> int:
        return sum(len(_block_text(block)) for block in self.blocks)


def escape(text: str) -> str:
    """Escape Slack's control characters; every piece of article or user text goes through it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_reply(reply: Reply) -> list[dict[str, Any]]:
    """The reply as `chat.postMessage` arguments, one dict per message, in order."""
    units = [_text_unit(chunk) for chunk in _chunks(reply.text, MAX_TEXT)]
    for section in reply.sections:
        units.extend(_section_units(section))
    return [
        {
            "text": _fit([unit.fallback for unit in part], MAX_FALLBACK),
            "blocks": [block for unit in part for block in unit.blocks],
            "unfurl_links": reply.link_previews,
            "unfurl_media": reply.link_previews,
        }
        for part in _pack(units)
    ]


def _pack(units: list[_Unit]) -> list[list[_Unit]]:
    parts: list[list[_Unit]] = []
    blocks = size = 0
    for unit in units:
        full = blocks + len(unit.blocks) > MAX_BLOCKS or size + unit.size > MAX_MESSAGE_TEXT
        if not parts or full:
            parts.append([])
            blocks = size = 0
        parts[-1].append(unit)
        blocks += len(unit.blocks)
        size += unit.size
    return parts


def _section_units(section: Section) -> list[_Unit]:
    units = [_card_unit(card) for card in section.cards]
    if section.note:
        units.append(_Unit([_context(section.note)], escape(section.note)))
    if section.heading:
        header = _Unit([_header(section.heading)], escape(section.heading))
        if not units:
            return [header]
        # Keep the heading on the same message as its first card.
        first = units[0]
        units[0] = _Unit(header.blocks + first.blocks, f"{header.fallback}\n{first.fallback}")
    return units


def _card_unit(card: Card) -> _Unit:
    title = escape(_clip(_one_line(card.title), MAX_TITLE))
    link = card.url if card.url and len(card.url) <= MAX_LINK_URL else None
    lines = [f"*<{_link_target(link)}|{title}>*" if link else f"*{title}*"]
    lines += [f"• {escape(_clip(_one_line(bullet), MAX_BULLET))}" for bullet in card.bullets]
    if card.also_reported_by:
        lines.append(f"_Also reported by {escape(', '.join(card.also_reported_by))}_")
    section: dict[str, Any] = {"type": "section", "text": _mrkdwn(_fit(lines, MAX_TEXT))}
    if card.url and len(card.url) <= MAX_BUTTON_URL:
        section["accessory"] = {
            "type": "button",
            "text": {"type": "plain_text", "text": "Read article"},
            "url": card.url,
            "action_id": "open_article",
        }
    blocks = [section]
    facts = _card_facts(card)
    if facts:
        blocks.append(_context(facts))
    fallback = " · ".join(part for part in (title, escape(card.url or "")) if part)
    return _Unit(blocks, fallback)


def _card_facts(card: Card) -> str:
    facts = [card.site or "", display_date(card.published) or ""]
    if card.matched:
        facts.append("matched: " + ", ".join(card.matched))
    return " · ".join(fact for fact in facts if fact)


def _text_unit(chunk: str) -> _Unit:
    return _Unit([{"type": "section", "text": _mrkdwn(escape(chunk))}], escape(chunk))


def _header(text: str) -> dict[str, Any]:
    # Header text is plain_text: Slack shows it as is, so it needs no escaping.
    return {"type": "header", "text": {"type": "plain_text", "text": _clip(text, MAX_HEADER)}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [_mrkdwn(_fit([escape(text)], MAX_TEXT))]}


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def _link_target(url: str) -> str:
    # "|" would end the link target early; Slack reads the rest escaped like any text.
    return escape(url).replace("|", "%7C")


def _block_text(block: dict[str, Any]) -> str:
    texts = [block.get("text", {}).get("text", "")]
    texts += [element.get("text", "") for element in block.get("elements", [])]
    return "".join(texts)


def _one_line(text: str) -> str:
    # A line break inside a title or bullet would break its bold or bullet formatting.
    return " ".join(text.split())


def _clip(text: str, limit: int) -> str:
    """At most `limit` characters of raw text, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fit(lines: list[str], limit: int) -> str:
    """Escaped lines joined, cut to `limit` characters without breaking an `&amp;` entity."""
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    entity = cut.rfind("&")
    if entity != -1 and ";" not in cut[entity:]:
        cut = cut[:entity]
    return cut.rstrip() + "…"


def _chunks(text: str, limit: int) -> list[str]:
    """Raw text in pieces whose escaped form fits `limit`, split at lines, then at spaces."""
    chunks: list[str] = []
    current = ""
    for line in text.strip("\n").splitlines():
        for piece in _pieces(line, limit):
            joined = f"{current}\n{piece}" if current else piece
            if current and len(escape(joined)) > limit:
                chunks.append(current)
                joined = piece
            current = joined
    if current.strip():
        chunks.append(current)
    return chunks


def _pieces(line: str, limit: int) -> list[str]:
    pieces: list[str] = []
    while len(escape(line)) > limit:
        cut = _escaped_prefix(line, limit)
        space = line.rfind(" ", 0, cut)
        cut = space if space > cut // 2 else cut
        pieces.append(line[:cut])
        line = line[cut:].lstrip()
    return [*pieces, line]


def _escaped_prefix(line: str, limit: int) -> int:
    """How many raw characters of `line` fit in `limit` once escaped."""
    size = 0
    for index, char in enumerate(line):
        size += len(escape(char))
        if size > limit:
            return index
    return len(line)
