"""The outbox: every message to a chat is a row first, sent in order, recorded after."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, bindparam, exists, func, select, update
from sqlalchemy.orm import aliased

from bot.store.base import StoreBase, insert_ignore
from bot.store.claims import claim_rows, unclaimed
from bot.store.tables import UTCDateTime, chats, deliveries, utcnow


class DeliveryQueries(StoreBase):
    def enqueue(self, chat_id: int, kind: str, ref: str, payload: str) -> bool:
        """Queue a message; False when this (chat, kind, ref) was queued before."""
        values = {"chat_id": chat_id, "kind": kind, "ref": ref, "payload": payload}
        with self.engine.begin() as conn:
            return insert_ignore(conn, deliveries, values) is not None

    def claim_deliveries(
        self,
        worker: str,
        now: datetime,
        *,
        platforms: list[str],
        limit: int = 100,
        lease_s: float = 120,
    ) -> list[Row]:
        """Lease due messages, at most the oldest pending one per chat, so chat order holds."""
        earlier = aliased(deliveries)
        head_of_chat = ~exists().where(
            and_(
                earlier.c.chat_id == deliveries.c.chat_id,
                earlier.c.id < deliveries.c.id,
                earlier.c.state == "pending",
            )
        )
        query = (
            select(deliveries, chats.c.platform, chats.c.key.label("chat_key"))
            .join(chats, chats.c.id == deliveries.c.chat_id)
            .where(
                deliveries.c.state == "pending",
                deliveries.c.next_attempt_at <= now,
                unclaimed(deliveries, now),
                chats.c.active.is_(True),
                chats.c.platform.in_(platforms),
                head_of_chat,
            )
            .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
            .limit(limit)
        )
        with self.engine.begin() as conn:
            return claim_rows(conn, deliveries, query, worker=worker, now=now, lease_s=lease_s)

    def update_delivery(self, delivery_id: int, **values: Any) -> None:
        self.update_deliveries([(delivery_id, values)])

    def update_deliveries(self, changes: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Apply several rows' updates in one transaction (one commit for a batch of sends)."""
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for delivery_id, values in changes:
            by_columns.setdefault(tuple(sorted(values)), []).append({**values, "_id": delivery_id})
        with self.engine.begin() as conn:
            # One statement per set of columns, run as executemany: a batch of finished
            # sends is compiled once, not once per row.
            for columns, rows in by_columns.items():
                statement = (
                    update(deliveries)
                    .where(deliveries.c.id == bindparam("_id"))
                    .values({column: bindparam(column) for column in columns})
                )
                conn.execute(statement, rows)

    def finish_delivery(
        self, delivery_id: int, state: str, error: str | None = None, **values: Any
    ) -> None:
        """End a row as sent or failed, releasing its lease."""
        self.update_delivery(delivery_id, **finished(state, error, **values))

    def fail_chat_deliveries(self, chat_id: int, error: str) -> int:
        """End every pending row of a chat that can no longer receive messages."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(deliveries)
                .where(deliveries.c.chat_id == chat_id, deliveries.c.state == "pending")
                .values(state="failed", last_error=error[:500], claimed_by=None,
                        claimed_until=None)
            )
            return result.rowcount

    def deliveries(self, state: str | None = None, limit: int = 1000) -> list[Row]:
        query = (
            select(deliveries, chats.c.platform, chats.c.key.label("chat_key"))
            .join(chats, chats.c.id == deliveries.c.chat_id)
            .order_by(deliveries.c.id)
            .limit(limit)
        )
        if state:
            query = query.where(deliveries.c.state == state)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def delivery_counts(self) -> dict[str, int]:
        query = select(deliveries.c.state, func.count()).group_by(deliveries.c.state)
        with self.engine.connect() as conn:
            return {state: count for state, count in conn.execute(query)}

    def next_delivery_at(self) -> datetime | None:
        """When the next pending row falls due (None when the outbox is empty)."""
        earliest = func.min(deliveries.c.next_attempt_at, type_=UTCDateTime())
        query = select(earliest).where(deliveries.c.state == "pending")
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()


def finished(state: str, error: str | None = None, **values: Any) -> dict[str, Any]:
    """The column values that end a row as sent or failed and release its lease."""
    return {
        **values,
        "state": state,
        "last_error": error[:500] if error else None,
        "sent_at": utcnow() if state == "sent" else None,
        "claimed_by": None,
        "claimed_until": None,
    }
