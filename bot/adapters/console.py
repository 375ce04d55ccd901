"""The console adapter: chat commands and briefings in a terminal, no accounts needed."""

from __future__ import annotations

import asyncio
import sys
from typing import Any, TextIO

from bot.adapters.base import ChatRef, CommandHandler
from bot.follow.reply import Card, Reply, display_date

CONSOLE_CHAT = ChatRef(platform="console", key="local", kind="private", title="console")


def render_plain(reply: Reply) -> str:
    """A Reply as plain text: the lines, then each section's cards."""
    blocks = [reply.text] if reply.text else []
    for section in reply.sections:
        if section.heading:
            blocks.append(f"== {section.heading} ==")
        if section.note:
            blocks.append(section.note)
        blocks.extend(_card(card) for card in section.cards)
    return "\n\n".join(blocks)


def _card(card: Card) -> str:
    meta = " · ".join(part for part in (card.site, display_date(card.published)) if part)
    lines = [card.title + (f" ({meta})" if meta else "")]
    lines += [f"  • {bullet}" for bullet in card.bullets]
    if card.matched:
        lines.append(f"  matched: {', '.join(card.matched)}")
    if card.also_reported_by:
        lines.append(f"  also reported by {', '.join(card.also_reported_by)}")
    if card.url:
        lines.append(f"  {card.url}")
    return "\n".join(lines)


class ConsoleAdapter:
    """Prints briefings and alerts queued for the console chat, as they are delivered."""

    platform = "console"
    messages_per_second = 1000.0

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout

    def chat_interval(self, chat_key: str) -> float:
        return 0.0

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        return [{"text": render_plain(reply)}]

    async def send_part(self, chat_key: str, part: dict[str, Any]) -> str | None:
        print(f"\n{part['text']}\n", file=self.out, flush=True)
        return None


async def repl(handle: CommandHandler, *, prompt: str = "you> ") -> None:
    """Read commands from stdin until EOF or /quit, printing each reply."""
    print("briefbot console. Type /help for the commands, /quit to leave.", flush=True)
    while True:
        line = await asyncio.to_thread(_read_line, prompt)
        if line is None or line.strip() in ("/quit", "/exit"):
            return
        if not line.strip():
            continue
        reply = await handle(CONSOLE_CHAT, line, "local")
        print(render_plain(reply), flush=True)


def _read_line(prompt: str) -> str | None:
    if sys.stdin.isatty():
        try:
            return input(prompt)
        except EOFError:
            return None
    line = sys.stdin.readline()
    if not line:
        return None
    # Piped input: echo it, so a transcript reads like the conversation it was.
    print(f"{prompt}{line.rstrip()}", flush=True)
    return line
