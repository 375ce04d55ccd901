"""What the bot does to a chat's own record: repair a setting that no longer holds, and set a
chat aside that cannot receive messages."""

from __future__ import annotations

import logging

from bot.core.reply import Reply
from bot.core.timing import known_time_zone
from bot.delivery.outbox import queue_message
from bot.store import Chat, Store

log = logging.getLogger(__name__)


def valid_timezone(store: Store, chat: Chat, default: str) -> str:
    """The chat's time zone; one that is not valid (tzdata dropped it, the database was
    edited) is set to `default`, and the chat is told once how to set its own."""
    if known_time_zone(chat.timezone):
        return chat.timezone
    log.warning("chat %s had an invalid time zone %r; set to %s", chat.id, chat.timezone,
                default)
    store.update_chat(chat.id, timezone=default)
    note = Reply(text=f"Your time zone setting {chat.timezone!r} is not valid; "
                      f"I use {default} until you set one with /timezone Area/City.")
    queue_message(store, chat.id, "notice", f"timezone:{chat.timezone}"[:200], note)
    return default


def set_aside(store: Store, platform: str, key: str, reason: str) -> None:
    """Removed or blocked: stop sending there now (its follows are kept for a comeback)."""
    chat = store.chat(platform, key)
    if chat is None or not chat.active:
        return
    log.info("%s chat %s set aside: %s", platform, key, reason)
    store.set_chat_aside(chat.id, reason)
