"""Sources to poll: what, when next, and how the last polls went."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple, TypedDict, Unpack

from sqlalchemy import ColumnElement, Row, and_, delete, func, select, update

from bot.store.base import StoreBase, by_name, insert_ignore
from bot.store.claims import claim_rows, unclaimed
from bot.store.tables import sources


class Source(NamedTuple):
    """A feed or news page the bot polls, and how its polls have gone."""

    id: int
    url: str
    title: str | None
    kind: str  # feed | page
    added_by: str | None
    etag: str | None
    last_modified: str | None
    interval_s: int
    next_poll_at: datetime
    last_polled_at: datetime | None
    last_ok_at: datetime | None
    last_error: str | None
    consecutive_errors: int
    paused: bool
    claimed_by: str | None
    claimed_until: datetime | None
    created_at: datetime


class PollOutcome(TypedDict, total=False):
    """What `record_poll` stores of a poll: its validators, its error, the next poll's time."""

    etag: str | None
    last_modified: str | None
    interval_s: int
    next_poll_at: datetime
    last_polled_at: datetime
    last_ok_at: datetime
    last_error: str | None
    consecutive_errors: int
    paused: bool


def _source(row: Row[Any]) -> Source:
    return Source(**by_name(Source._fields, row))


class SourceQueries(StoreBase):
    def add_source(self, url: str, *, kind: str = "feed", title: str | None = None,
                   added_by: str | None = None, interval_s: int = 900) -> int | None:
        """Add a source; its id, or None when it is already there."""
        values = {"url": url, "kind": kind, "title": title, "added_by": added_by,
                  "interval_s": interval_s}
        with self.engine.begin() as conn:
            return insert_ignore(conn, sources, values)

    def remove_source(self, url: str) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(delete(sources).where(sources.c.url == url)).rowcount > 0)

    def source(self, source_id: int) -> Source | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(sources).where(sources.c.id == source_id)).first()
        return None if row is None else _source(row)

    def sources(self) -> list[Source]:
        with self.engine.connect() as conn:
            return [_source(row) for row in conn.execute(select(sources).order_by(sources.c.id))]

    def claim_due_sources(
        self,
        worker: str,
        now: datetime,
        *,
        limit: int = 50,
        lease_s: float = 300,
        not_polled_since: datetime | None = None,
    ) -> list[Source]:
        """Lease the sources due for a poll, oldest due first.

        With `not_polled_since`, every active source not polled since then is due: "poll now"
        (`briefbot poll --once`) goes through them all, batch by batch, each once.
        """
        query = (
            select(sources)
            .where(_due(now, not_polled_since))
            .order_by(sources.c.next_poll_at)
            .limit(limit)
        )
        with self.engine.begin() as conn:
            rows = claim_rows(conn, sources, query, worker=worker, now=now, lease_s=lease_s)
        return [_source(row) for row in rows]

    def count_due_sources(self, now: datetime, *, not_polled_since: datetime | None = None) -> int:
        """How many sources `claim_due_sources` would lease now (all of them, leasing none):
        the total a pass's progress bar counts towards."""
        query = select(func.count()).select_from(sources).where(_due(now, not_polled_since))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def record_poll(self, source_id: int, **outcome: Unpack[PollOutcome]) -> None:
        """Store a poll's outcome and release the lease."""
        query = update(sources).where(sources.c.id == source_id)
        with self.engine.begin() as conn:
            conn.execute(query.values(**outcome, claimed_by=None, claimed_until=None))


def _due(now: datetime, not_polled_since: datetime | None) -> ColumnElement[bool]:
    """The condition for a source due for a poll: active, unleased, and its next poll time
    come (with `not_polled_since`, not polled since then), one rule to claim and count by."""
    if not_polled_since is None:
        due = sources.c.next_poll_at <= now
    else:
        due = sources.c.last_polled_at.is_(None) | (sources.c.last_polled_at < not_polled_since)
    return and_(sources.c.paused.is_(False), due, unclaimed(sources, now))
