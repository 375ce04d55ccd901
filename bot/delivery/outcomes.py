"""Recording what happened to outbox rows: group commits that wait out database outages."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from bot.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")


# What a database that went away raises: refused or ended connections (a server restart,
# pg_terminate_backend), a lock-out, SQLite's "database or disk is full".
DATABASE_GONE = (OperationalError, InterfaceError)


class DatabaseWait:
    """Waits out a database outage and says so once: one warning when it starts, one line
    when the database answers again, however many writes were waiting meanwhile."""

    def __init__(self) -> None:
        self._down_since: float | None = None

    def failed(self, exc: DBAPIError) -> None:
        """A call failed because the database is gone; warn if this starts an outage."""
        if self._down_since is None:
            self._down_since = time.monotonic()
            log.warning(
                "database unavailable (%s: %s); delivery waits and retries until it answers",
                type(exc.orig).__name__, str(exc.orig).strip().splitlines()[0][:200],
            )

    def answered(self) -> None:
        """A call went through; ends the outage, if there was one, with one line."""
        if self._down_since is not None:
            log.info("database answers again after %.1f s; delivery goes on",
                     time.monotonic() - self._down_since)
            self._down_since = None

    async def until_done(self, write: Callable[..., T], *args: Any, **values: Any) -> T:
        """Run a store write off the loop, waiting out an outage rather than forgetting it.

        A part the platform confirmed must be recorded, or a restart would send it again; so
        the caller waits here until the database answers.
        """
        delay = 0.5
        while True:
            try:
                result = await asyncio.to_thread(write, *args, **values)
            except DATABASE_GONE as exc:
                self.failed(exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)
                continue
            self.answered()
            return result


class OutcomeWriter:
    """Applies row updates in group commits: the updates that arrive while one transaction
    runs go together in the next, so a fan-out costs one commit per batch, not per message.

    `update` returns only once the row's update is committed, so a caller that goes on to
    the next part (or ends) never leaves a confirmed send unrecorded.
    """

    def __init__(self, store: Store, database: DatabaseWait) -> None:
        self.store = store
        self.database = database
        self._waiting: list[tuple[int, dict[str, Any], asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def update(self, delivery_id: int, **values: Any) -> None:
        """Set `values` on the row; returns when they are committed."""
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((delivery_id, values, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_batches())
        await asyncio.shield(done)

    async def _write_batches(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            changes = [(delivery_id, values) for delivery_id, values, _ in batch]
            try:
                await self.database.until_done(self.store.update_deliveries, changes)
            except BaseException as exc:
                for _, _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
                raise
            for _, _, done in batch:
                if not done.done():
                    done.set_result(None)
