"""What `GET /healthz` answers: the database reachable, the scheduler alive, the last poll."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any, Protocol

from apscheduler.schedulers.base import STATE_RUNNING, BaseScheduler

from bot.store import Store

log = logging.getLogger(__name__)

DATABASE_TIMEOUT_S = 5.0


class Watched(Protocol):
    """What the health check reads of the running bot: its store, and when a poll last ended."""

    store: Store
    last_poll_at: datetime | None


class Health:
    """Healthy (HTTP 200) when the database answers and the scheduler runs; else 503, so a
    container's HEALTHCHECK restarts a bot that can no longer do its work."""

    def __init__(self, core: Watched, scheduler: BaseScheduler) -> None:
        self.core = core
        self.scheduler = scheduler
        self._database_was_reachable = True

    async def check(self) -> tuple[bool, dict[str, Any]]:
        database = await self._database()
        alive = self.scheduler.state == STATE_RUNNING
        last_poll = self.core.last_poll_at
        healthy = database["reachable"] and alive
        return healthy, {
            "status": "ok" if healthy else "unhealthy",
            "database": database,
            "scheduler": {"alive": alive},
            "last_poll_at": last_poll.isoformat() if last_poll else None,
        }

    async def _database(self) -> dict[str, Any]:
        """One small read within DATABASE_TIMEOUT_S; a failure is logged when it starts, not
        at every check."""
        try:
            await asyncio.wait_for(asyncio.to_thread(self.core.store.ping), DATABASE_TIMEOUT_S)
        except Exception as exc:
            reason = "no answer in time" if isinstance(exc, TimeoutError) else type(exc).__name__
            if self._database_was_reachable:
                first_line = next(iter(str(exc).splitlines()), "") or reason
                log.warning("health: database unreachable: %s", first_line)
            self._database_was_reachable = False
            return {"reachable": False, "error": reason}
        self._database_was_reachable = True
        return {"reachable": True}
