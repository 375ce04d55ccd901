"""Recording what happened to outbox rows: group commits that wait out database outages."""

from __future__ import annotations

import asyncio
from typing import Unpack

from bot.store import Store
from bot.store.deliveries import DeliveryChanges
from bot.store.outage import DatabaseWait


class OutcomeWriter:
    """Applies row updates in group commits: the updates that arrive while one transaction
    runs go together in the next, so a fan-out costs one commit per batch, not per message.

    `update` returns only once the row's update is committed, so a caller that goes on to
    the next part (or ends) never leaves a confirmed send unrecorded.
    """

    def __init__(self, store: Store, database: DatabaseWait) -> None:
        self.store = store
        self.database = database
        self._waiting: list[tuple[int, DeliveryChanges, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def update(self, delivery_id: int, **changes: Unpack[DeliveryChanges]) -> None:
        """Make the changes to the row; returns when they are committed."""
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((delivery_id, changes, done))
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
