"""The contract between the platform-neutral core and each chat platform."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.follow.reply import Reply


class StartupError(RuntimeError):
    """An adapter cannot start (credentials refused, API unreachable): one line for the user."""


@dataclass(frozen=True)
class ChatRef:
    """A chat as the core knows it: the platform, the platform's id, and its kind."""

    platform: str
    key: str
    kind: str = "private"  # private | group | channel
    title: str | None = None


CommandHandler = Callable[[ChatRef, str, str | None], Awaitable[Reply]]
"""`await handle(chat, text, user_id)` -> the Reply to a chat command."""


class ChatEvents(Protocol):
    """What an adapter reports about chats besides commands, as the platform tells it."""

    async def chat_joined(self, chat: ChatRef) -> Reply | None:
        """The bot was added to the chat (or unblocked): a greeting to post, if any."""

    async def chat_left(self, chat: ChatRef, reason: str) -> None:
        """The bot was removed from the chat or blocked: stop sending there."""

    async def chat_moved(self, chat: ChatRef, new_key: str) -> None:
        """The chat has a new platform id (a Telegram group that became a supergroup)."""


class Adapter(Protocol):
    """What delivery needs from a platform: render a Reply into parts, and send one part.

    `send_part` raises the errors of `bot.delivery.errors`; delivery keeps order, retries,
    spacing and bookkeeping, so an adapter stays a thin translator.
    """

    platform: str
    messages_per_second: float

    def chat_interval(self, chat_key: str) -> float:
        """Seconds to keep between two messages to this chat."""

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        """The reply as platform messages, each within the platform's size limits."""

    async def send_part(self, chat_key: str, part: dict[str, Any]) -> str | None:
        """Send one rendered message; return the platform's message id when it gives one."""
