"""The daily briefing: queued for each chat when its own local time comes, once a day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from bot.core.chats import valid_timezone
from bot.core.timing import briefing_due, last_slot
from bot.delivery.outbox import queue_message
from bot.follow.digest import take_briefing
from bot.follow.matching import Topic
from bot.store import Store, utcnow

ChatTopics = Callable[[int], list[Topic]]
"""`chat_topics(chat_id)` -> the chat's followed topics, parsed."""


class Briefings:
    """Queues the briefings that are due, each chat's briefing of what is new since its last."""

    def __init__(self, store: Store, chat_topics: ChatTopics, default_timezone: str) -> None:
        self.store = store
        self._chat_topics = chat_topics
        self._default_timezone = default_timezone

    def queue_due(self, now: datetime | None = None) -> int:
        """Queue the daily briefing of every chat whose local briefing time has come."""
        now = now or utcnow()
        queued = 0
        for chat in self.store.chats_with_subscriptions():
            timezone = valid_timezone(self.store, chat, self._default_timezone)
            anchor = chat.last_briefing_at or chat.created_at
            if briefing_due(now, timezone, chat.briefing_time, anchor):
                queued += self.queue(chat.id, now=now)
        return queued

    def queue(self, chat_id: int, *, now: datetime | None = None) -> bool:
        """Queue a chat's briefing of everything new since its last one; mark it briefed."""
        now = now or utcnow()
        chat = self.store.chat_by_id(chat_id)
        if chat is None:
            return False
        topics = self._chat_topics(chat_id)
        notice = chat.empty_briefing == "notice"
        reply = take_briefing(self.store, chat, topics, now=now, notice_when_empty=notice)
        if reply is None:
            return False
        slot = last_slot(now, chat.timezone, chat.briefing_time).astimezone(UTC)
        return queue_message(self.store, chat_id, "briefing", slot.isoformat(), reply)
