"""Chats and their subscriptions: who follows what, when their briefing comes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, select, update

from bot.store.base import StoreBase, insert_ignore
from bot.store.tables import chats, subscriptions


class ChatQueries(StoreBase):
    def chat(self, platform: str, key: str) -> Row | None:
        with self.engine.connect() as conn:
            query = select(chats).where(chats.c.platform == platform, chats.c.key == key)
            return conn.execute(query).first()

    def chat_by_id(self, chat_id: int) -> Row | None:
        with self.engine.connect() as conn:
            return conn.execute(select(chats).where(chats.c.id == chat_id)).first()

    def ensure_chat(
        self, platform: str, key: str, *, kind: str, title: str | None, timezone: str, time: str
    ) -> Row:
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
            return conn.execute(query).one()

    def update_chat(self, chat_id: int, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(chats).where(chats.c.id == chat_id).values(**values))

    def deactivate_chat(self, chat_id: int, reason: str) -> None:
        self.update_chat(chat_id, active=False, inactive_reason=reason[:300])

    def move_chat(self, platform: str, old_key: str, new_key: str) -> None:
        """Give the chat its new platform id (a Telegram group that became a supergroup)."""
        with self.engine.begin() as conn:
            conn.execute(
                update(chats)
                .where(chats.c.platform == platform, chats.c.key == old_key)
                .values(key=new_key)
            )

    def chats_with_subscriptions(self) -> list[Row]:
        """Active chats that follow at least one topic (the ones a briefing is for)."""
        followed = select(subscriptions.c.chat_id).distinct()
        query = select(chats).where(chats.c.active.is_(True), chats.c.id.in_(followed))
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def subscriptions(self, chat_id: int) -> list[Row]:
        query = (
            select(subscriptions)
            .where(subscriptions.c.chat_id == chat_id)
            .order_by(subscriptions.c.id)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def all_subscriptions(self) -> list[Row]:
        """Every subscription of an active chat, with the chat's alert setting."""
        query = (
            select(subscriptions, chats.c.alerts)
            .join(chats, chats.c.id == subscriptions.c.chat_id)
            .where(chats.c.active.is_(True))
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query))

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
            return result.rowcount > 0

    def mark_briefed(self, chat_id: int, at: datetime) -> None:
        self.update_chat(chat_id, last_briefing_at=at)
