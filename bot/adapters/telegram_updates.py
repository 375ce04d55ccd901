"""Reading Telegram updates: commands, the bot's own membership, group upgrades, chat order."""

from __future__ import annotations

import asyncio
import re
import weakref
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from telegram import Chat, Update
from telegram.ext import BaseUpdateProcessor

from bot.core.chat import ChatRef

_KINDS = {"private": "private", "group": "group", "supergroup": "group", "channel": "channel"}
_COMMAND = re.compile(r"/(\w{1,32})(?:@(\w+))?(?=\s|$)(.*)", re.DOTALL)
_OUT = {"left", "kicked"}


@dataclass(frozen=True)
class MembershipChange:
    """The bot joined a chat (`joined`) or was removed from or blocked in it (`reason`)."""

    chat: ChatRef
    joined: bool
    reason: str = ""


def chat_ref(chat: Chat) -> ChatRef:
    """The core's view of a Telegram chat; supergroups are groups to the core."""
    return ChatRef("telegram", str(chat.id), _KINDS.get(chat.type, "group"), chat.effective_name)


def command_text(text: str, username: str) -> str | None:
    """The command as the core takes it ("/follow KNDS"), without an `@BotName` suffix;
    None when the command is addressed to another bot."""
    match = _COMMAND.match(text)
    if match is None:
        return None
    verb, addressee, rest = match.groups()
    if addressee and addressee.lower() != username.lower():
        return None
    return f"/{verb}{rest}"


def membership_change(update: Update) -> MembershipChange | None:
    """What a `my_chat_member` update means for delivery; None for changes of rights only."""
    change = update.my_chat_member
    if change is None:
        return None
    was, now = change.old_chat_member.status, change.new_chat_member.status
    chat = chat_ref(change.chat)
    if now in _OUT and was not in _OUT:
        if chat.kind == "private":
            return MembershipChange(chat, joined=False, reason="the user blocked the bot")
        verb = "kicked" if now == "kicked" else "removed"
        reason = f"the bot was {verb} from the {chat.kind}"
        return MembershipChange(chat, joined=False, reason=reason)
    if was in _OUT and now not in _OUT:
        return MembershipChange(chat, joined=True)
    return None


class ChatOrder(BaseUpdateProcessor):
    """Handles the updates of different chats concurrently and each chat's updates in order."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # A chat's lock lives as long as someone holds or awaits it.
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        # A group's move to a supergroup is the new chat's first update: its follows move
        # before the supergroup's first command reads them.
        message = update.effective_message if isinstance(update, Update) else None
        moved_to = message.migrate_to_chat_id if message is not None else None
        lock = self._locks.setdefault(moved_to or chat.id, asyncio.Lock())
        async with lock:
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
