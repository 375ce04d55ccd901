"""Sources to poll: what, when next, and how the last polls went."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, delete, func, select, update

from bot.store.base import StoreBase, insert_ignore
from bot.store.claims import claim_rows, unclaimed
from bot.store.tables import sources


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
            return conn.execute(delete(sources).where(sources.c.url == url)).rowcount > 0

    def source(self, source_id: int) -> Row | None:
        with self.engine.connect() as conn:
            return conn.execute(select(sources).where(sources.c.id == source_id)).first()

    def sources(self) -> list[Row]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(sources).order_by(sources.c.id)))

    def claim_due_sources(
        self,
        worker: str,
        now: datetime,
        *,
        limit: int = 50,
        lease_s: float = 300,
        not_polled_since: datetime | None = None,
    ) -> list[Row]:
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
            return claim_rows(conn, sources, query, worker=worker, now=now, lease_s=lease_s)

    def count_due_sources(self, now: datetime, *, not_polled_since: datetime | None = None) -> int:
        """How many sources `claim_due_sources` would lease now (all of them, leasing none):
        the total a pass's progress bar counts towards."""
        query = select(func.count()).select_from(sources).where(_due(now, not_polled_since))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def record_poll(self, source_id: int, **values: Any) -> None:
        """Store a poll's outcome and release the lease."""
        values.update(claimed_by=None, claimed_until=None)
        with self.engine.begin() as conn:
            conn.execute(update(sources).where(sources.c.id == source_id).values(**values))


def _due(now: datetime, not_polled_since: datetime | None):
    """The condition for a source due for a poll: active, unleased, and its next poll time
    come (with `not_polled_since`, not polled since then), one rule to claim and count by."""
    if not_polled_since is None:
        due = sources.c.next_poll_at <= now
    else:
        due = sources.c.last_polled_at.is_(None) | (sources.c.last_polled_at < not_polled_since)
    return and_(sources.c.paused.is_(False), due, unclaimed(sources, now))
