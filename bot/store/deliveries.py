"""The outbox: every message to a chat is a row first, sent in order, recorded after."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple, TypedDict, Unpack

from sqlalchemy import Row, and_, bindparam, exists, func, select, update
from sqlalchemy.orm import aliased

from bot.store.base import StoreBase, by_name, insert_ignore
from bot.store.claims import claim_rows, unclaimed
from bot.store.tables import UTCDateTime, chats, deliveries, utcnow


class Delivery(NamedTuple):
    """A message in the outbox, with the chat it goes to (platform and platform id)."""

    id: int
    chat_id: int
    kind: str  # alert | briefing | notice
    ref: str  # article id, story id or briefing date
    payload: str  # the Reply JSON
    parts: str | None  # rendered parts (JSON), fixed at the first send
    parts_sent: int
    state: str  # pending | sent | failed
    attempts: int
    next_attempt_at: datetime
    claimed_by: str | None
    claimed_until: datetime | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    platform: str
    chat_key: str


class DeliveryChanges(TypedDict, total=False):
    """What `update_delivery` may change of an outbox row as its sends go."""

    parts: str
    parts_sent: int
    state: str
    attempts: int
    next_attempt_at: datetime
    claimed_by: str | None
    claimed_until: datetime | None
    last_error: str | None
    sent_at: datetime | None


def _delivery(row: Row[Any]) -> Delivery:
    return Delivery(**by_name(Delivery._fields, row))


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
    ) -> list[Delivery]:
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
            rows = claim_rows(conn, deliveries, query, worker=worker, now=now, lease_s=lease_s)
        return [_delivery(row) for row in rows]

    def update_delivery(self, delivery_id: int, **changes: Unpack[DeliveryChanges]) -> None:
        self.update_deliveries([(delivery_id, changes)])

    def update_deliveries(self, changes: Sequence[tuple[int, DeliveryChanges]]) -> None:
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

    def finish_delivery(self, delivery_id: int, state: str, error: str | None = None) -> None:
        """End a row as sent or failed, releasing its lease."""
        self.update_delivery(delivery_id, **finished(state, error))

    def fail_chat_deliveries(self, chat_id: int, error: str) -> int:
        """End every pending row of a chat that can no longer receive messages."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(deliveries)
                .where(deliveries.c.chat_id == chat_id, deliveries.c.state == "pending")
                .values(state="failed", last_error=error[:500], claimed_by=None,
                        claimed_until=None)
            )
            return int(result.rowcount)

    def deliveries(self, state: str | None = None, limit: int = 1000) -> list[Delivery]:
        query = (
            select(deliveries, chats.c.platform, chats.c.key.label("chat_key"))
            .join(chats, chats.c.id == deliveries.c.chat_id)
            .order_by(deliveries.c.id)
            .limit(limit)
        )
        if state:
            query = query.where(deliveries.c.state == state)
        with self.engine.connect() as conn:
            return [_delivery(row) for row in conn.execute(query)]

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


def finished(
    state: str, error: str | None = None, *, parts_sent: int | None = None
) -> DeliveryChanges:
    """The changes that end a row as sent or failed and release its lease."""
    changes = DeliveryChanges(
        state=state,
        last_error=error[:500] if error else None,
        sent_at=utcnow() if state == "sent" else None,
        claimed_by=None,
        claimed_until=None,
    )
    if parts_sent is not None:
        changes["parts_sent"] = parts_sent
    return changes
