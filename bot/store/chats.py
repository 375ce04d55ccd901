"""Chats and their subscriptions: who follows what, when their briefing comes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple, TypedDict, Unpack

from sqlalchemy import Row, delete, select, update

from bot.store.base import StoreBase, by_name, insert_ignore
from bot.store.tables import chats, deliveries, subscriptions


class Chat(NamedTuple):
    """A chat the bot talks to: where it is, and when and how its briefing comes."""

    id: int
    platform: str
    key: str
    kind: str  # private | group | channel
    title: str | None
    timezone: str
    briefing_time: str  # HH:MM
    alerts: bool
    empty_briefing: str  # skip | notice
    active: bool
    inactive_reason: str | None
    last_briefing_at: datetime | None
    created_at: datetime


class ChatChanges(TypedDict, total=False):
    """What `update_chat` may change: a chat's settings and whether it can be posted to."""

    timezone: str
    briefing_time: str
    alerts: bool
    empty_briefing: str
    active: bool
    inactive_reason: str | None
    last_briefing_at: datetime


class Subscription(NamedTuple):
    """A topic a chat follows: its lookup key and the topic as the user wrote it."""

    id: int
    chat_id: int
    topic_key: str
    topic: str
    created_at: datetime


def _chat(row: Row[Any]) -> Chat:
    return Chat(**by_name(Chat._fields, row))


def _subscription(row: Row[Any]) -> Subscription:
    return Subscription(**by_name(Subscription._fields, row))


class ChatQueries(StoreBase):
    def chat(self, platform: str, key: str) -> Chat | None:
        with self.engine.connect() as conn:
            query = select(chats).where(chats.c.platform == platform, chats.c.key == key)
            row = conn.execute(query).first()
        return None if row is None else _chat(row)

    def chat_by_id(self, chat_id: int) -> Chat | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(chats).where(chats.c.id == chat_id)).first()
        return None if row is None else _chat(row)

    def ensure_chat(
        self, platform: str, key: str, *, kind: str, title: str | None, timezone: str, time: str
    ) -> Chat:
        """The chat's row, created with the defaults on first contact."""
        with self.engine.begin() as conn:
            insert_ignore(
                conn,
                chats,
                {
                    "platform": platform,
                    "key": key,
                    "kind": kind,
                    "title": title,
                    "timezone": timezone,
                    "briefing_time": time,
                },
            )
            query = select(chats).where(chats.c.platform == platform, chats.c.key == key)
            return _chat(conn.execute(query).one())

    def update_chat(self, chat_id: int, **changes: Unpack[ChatChanges]) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(chats).where(chats.c.id == chat_id).values(**changes))

    def deactivate_chat(self, chat_id: int, reason: str) -> None:
        self.update_chat(chat_id, active=False, inactive_reason=reason[:300])

    def move_chat(self, platform: str, old_key: str, new_key: str) -> None:
        """Give the chat its new platform id (a Telegram group that became a supergroup). A
        row the new id got first (a command there before the move was heard of) gives its
        follows to the moved chat and goes."""
        with self.engine.begin() as conn:
            ids = {
                key: conn.execute(
                    select(chats.c.id).where(chats.c.platform == platform, chats.c.key == key)
                ).scalar()
                for key in (old_key, new_key)
            }
            moved, early = ids[old_key], ids[new_key]
            if moved is None:
                return
            if early is not None:
                held = select(subscriptions.c.topic_key).where(subscriptions.c.chat_id == moved)
                conn.execute(
                    update(subscriptions)
                    .where(subscriptions.c.chat_id == early, subscriptions.c.topic_key.not_in(held))
                    .values(chat_id=moved)
                )
                for table in (subscriptions, deliveries):
                    conn.execute(delete(table).where(table.c.chat_id == early))
                conn.execute(delete(chats).where(chats.c.id == early))
            conn.execute(update(chats).where(chats.c.id == moved).values(key=new_key))

    def chats_with_subscriptions(self) -> list[Chat]:
        """Active chats that follow at least one topic (the ones a briefing is for)."""
        followed = select(subscriptions.c.chat_id).distinct()
        query = select(chats).where(chats.c.active.is_(True), chats.c.id.in_(followed))
        with self.engine.connect() as conn:
            return [_chat(row) for row in conn.execute(query)]

    def subscriptions(self, chat_id: int) -> list[Subscription]:
        query = (
            select(subscriptions)
            .where(subscriptions.c.chat_id == chat_id)
            .order_by(subscriptions.c.id)
        )
        with self.engine.connect() as conn:
            return [_subscription(row) for row in conn.execute(query)]

    def all_subscriptions(self) -> list[tuple[Subscription, bool]]:
        """Every subscription of an active chat, with the chat's alert setting."""
        query = (
            select(subscriptions, chats.c.alerts)
            .join(chats, chats.c.id == subscriptions.c.chat_id)
            .where(chats.c.active.is_(True))
        )
        with self.engine.connect() as conn:
            return [(_subscription(row), row.alerts) for row in conn.execute(query)]

    def add_subscription(self, chat_id: int, topic_key: str, topic: str) -> bool:
        """Follow a topic; False when the chat already follows it."""
        with self.engine.begin() as conn:
            values = {"chat_id": chat_id, "topic_key": topic_key, "topic": topic}
            return insert_ignore(conn, subscriptions, values) is not None

    def remove_subscription(self, chat_id: int, topic_key: str) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(subscriptions).where(
                    subscriptions.c.chat_id == chat_id, subscriptions.c.topic_key == topic_key
                )
            )
            return bool(result.rowcount > 0)

    def mark_briefed(self, chat_id: int, at: datetime) -> None:
        self.update_chat(chat_id, last_briefing_at=at)
