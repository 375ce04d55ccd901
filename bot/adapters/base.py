"""The contract between the platform-neutral core and each chat platform."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.core.chat import ChatRef
from bot.core.reply import Reply


class StartupError(RuntimeError):
    """An adapter cannot start (credentials refused, API unreachable): one line for the user."""


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
