"""A database that went away: what it raises, and waiting it out with one warning, not one
per failed call (a restarted server, ended connections, a full disk)."""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

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
                "database unavailable (%s: %s); waiting and retrying until it answers",
                type(exc.orig).__name__, str(exc.orig).strip().splitlines()[0][:200],
            )

    def answered(self) -> None:
        """A call went through; ends the outage, if there was one, with one line."""
        if self._down_since is not None:
            log.info("database answers again after %.1f s; going on",
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

    def guard(self, job: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        """A scheduled job whose run, when the database is gone, counts toward the outage (the
        one warning) instead of raising: the next run is its retry."""

        @functools.wraps(job)
        async def run() -> None:
            try:
                await job()
            except DATABASE_GONE as exc:
                self.failed(exc)
                return
            self.answered()

        return run
