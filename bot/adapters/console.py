"""The console adapter: chat commands and briefings in a terminal, no accounts needed."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.patch_stdout import patch_stdout

from bot.adapters.base import CommandHandler
from bot.config import default_database_path
from bot.core.chat import ChatRef
from bot.core.reply import Card, Reply, display_date

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
        self.out = out

    def chat_interval(self, chat_key: str) -> float:
        return 0.0

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        return [{"text": render_plain(reply)}]

    async def send_part(self, chat_key: str, part: dict[str, Any]) -> str | None:
        # sys.stdout at the time of sending: at the prompt it is patch_stdout's proxy, which
        # prints above the line being typed instead of through it.
        print(f"\n{part['text']}\n", file=self.out or sys.stdout, flush=True)
        return None


async def repl(handle: CommandHandler, *, prompt: str = "you> ") -> None:
    """Read commands until EOF, /quit or Ctrl-C, printing each reply."""
    print("briefbot console. Type /help for the commands, /quit to leave.", flush=True)
    with _line_reader(prompt) as read_line:
        while True:
            line = await read_line()
            if line is None or line.strip() in ("/quit", "/exit"):
                return
            if not line.strip():
                continue
            reply = await handle(CONSOLE_CHAT, line, "local")
            print(render_plain(reply), flush=True)


LineReader = Callable[[], Awaitable[str | None]]


@contextmanager
def _line_reader(prompt: str) -> Iterator[LineReader]:
    """In a terminal, prompt_toolkit's prompt (editing, history, output printed above it);
    from a pipe, plain lines echoed after the prompt."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        yield lambda: asyncio.to_thread(_read_piped_line, prompt)
        return
    session: PromptSession[str] = PromptSession(history=_history())
    with patch_stdout():
        yield lambda: _prompt(session, prompt)


async def _prompt(session: PromptSession[str], prompt: str) -> str | None:
    """One line typed at the prompt; None for Ctrl-D and Ctrl-C, which leave at once."""
    try:
        return await session.prompt_async(prompt)
    except (EOFError, KeyboardInterrupt):
        return None


def _history() -> History:
    """The commands of earlier sessions (arrow up), kept in the user's data directory."""
    folder = default_database_path().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return InMemoryHistory()
    return FileHistory(str(folder / "console_history"))


def _read_piped_line(prompt: str) -> str | None:
    line = sys.stdin.readline()
    if not line:
        return None
    # Piped input: echo it, so a transcript reads like the conversation it was.
    print(f"{prompt}{line.rstrip()}", flush=True)
    return line
