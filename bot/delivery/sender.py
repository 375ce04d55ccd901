"""The delivery worker: claims outbox rows, sends them through adapters, records the result."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from datetime import timedelta
from typing import Any

from bot.core.reply import Reply
from bot.delivery.adapter import Adapter
from bot.delivery.answers import Answering, Answers
from bot.delivery.errors import (
    ChatMoved,
    ChatUnavailable,
    DeliveryError,
    RetryAfter,
    TransientError,
)
from bot.delivery.outbox import MAX_ATTEMPTS, retry_delay
from bot.delivery.outcomes import OutcomeWriter
from bot.delivery.ratelimit import Pacer
from bot.store import Delivery, Store, utcnow
from bot.store.deliveries import finished
from bot.store.outage import DATABASE_GONE, DatabaseWait

log = logging.getLogger(__name__)

# Sends in flight per platform. More only queues inside the HTTP client's pool (whose
# bookkeeping grows with the queue) and widens what a crash can leave unrecorded.
IN_FLIGHT = 16


class Sender:
    """Sends due outbox rows: in order per chat, paced, retried, and recorded part by part.

    A part is recorded as sent right after the platform confirms it, so a crash resends at
    most the part that was in flight.
    """

    def __init__(
        self,
        store: Store,
        *,
        worker_id: str,
        rate_limit: bool = True,
        batch: int = 200,
        database: DatabaseWait,
    ) -> None:
        self.store = store
        self.worker_id = worker_id
        self.rate_limit = rate_limit
        self.batch = batch
        self.adapters: dict[str, Adapter] = {}
        self._pacers: dict[str, Pacer] = {}
        self._in_flight: dict[str, asyncio.Semaphore] = {}
        self._wake = asyncio.Event()
        self._database = database
        self._outcomes = OutcomeWriter(store, self._database)

    def add_adapter(self, adapter: Adapter) -> None:
        """Send the platform's outbox rows through `adapter`; an adapter that answers commands
        answers through the same pacer, ahead of the rows."""
        pacer = Pacer(adapter.messages_per_second)
        self.adapters[adapter.platform] = adapter
        self._pacers[adapter.platform] = pacer
        self._in_flight[adapter.platform] = asyncio.Semaphore(IN_FLIGHT)
        if isinstance(adapter, Answering):
            adapter.answer_through(Answers(pacer, adapter.chat_interval,
                                           rate_limit=self.rate_limit))

    def wake(self) -> None:
        """New rows were queued: look now instead of at the next idle tick."""
        self._wake.set()

    async def send_due(self) -> int:
        """Claim and send one batch of due rows; how many rows were claimed."""
        if not self.adapters:
            return 0
        rows = await asyncio.to_thread(
            self.store.claim_deliveries,
            self.worker_id,
            utcnow(),
            platforms=list(self.adapters),
            limit=self.batch,
        )
        self._database.answered()
        await asyncio.gather(*(self._deliver(row) for row in rows))
        return len(rows)

    async def drain(self, *, horizon_s: float = 15.0) -> int:
        """Send until nothing is due within `horizon_s`; for one-shot runs and tests."""
        total = 0
        while True:
            sent = await self.send_due()
            total += sent
            if sent:
                continue
            due = await asyncio.to_thread(self.store.next_delivery_at)
            if due is None:
                return total
            wait = (due - utcnow()).total_seconds()
            if wait > horizon_s:
                return total
            await asyncio.sleep(max(wait, 0.05))

    async def run(self, stop: asyncio.Event, *, idle_s: float = 1.0) -> None:
        """Send until `stop` is set; a database outage is waited out (warned once) and retried."""
        while not stop.is_set():
            try:
                sent = await self.send_due()
            except DATABASE_GONE as exc:
                self._database.failed(exc)
                await _sleep_unless_stopped(stop, 1.0)
                continue
            except Exception:
                log.exception("delivery loop failed; retrying in 5 s")
                await _sleep_unless_stopped(stop, 5.0)
                continue
            if not sent:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), idle_s)

    async def _deliver(self, row: Delivery) -> None:
        adapter = self.adapters[row.platform]
        try:
            parts = await self._parts(row, adapter)
            await self._send_parts(row, adapter, parts)
        except RetryAfter as exc:
            self._pacers[row.platform].hold(row.chat_key, exc.seconds)
            await self._reschedule(row, exc.seconds, str(exc), count=False)
        except TransientError as exc:
            if row.attempts + 1 >= MAX_ATTEMPTS:
                await self._finish(row, "failed", f"gave up after {MAX_ATTEMPTS} tries: {exc}")
            else:
                await self._reschedule(row, retry_delay(row.attempts + 1), str(exc), count=True)
        except ChatUnavailable as exc:
            log.warning("chat %s unavailable (%s); marked inactive", row.chat_id, exc)
            await self._database.until_done(self.store.set_chat_aside, row.chat_id, str(exc))
        except DeliveryError as exc:
            log.warning("delivery %s failed for good: %s", row.id, exc)
            await self._finish(row, "failed", str(exc))
        except Exception as exc:
            log.exception("delivery %s failed unexpectedly", row.id)
            await self._reschedule(row, retry_delay(row.attempts + 1), repr(exc), count=True)

    async def _parts(self, row: Delivery, adapter: Adapter) -> list[dict[str, Any]]:
        if row.parts:
            return json.loads(row.parts)
        parts = adapter.render(Reply.from_dict(json.loads(row.payload)))
        if len(parts) > 1:
            # Fixed at the first try, so a retry resumes the same split at the same part.
            await self._outcomes.update(row.id, parts=json.dumps(parts))
        return parts

    async def _send_parts(
        self, row: Delivery, adapter: Adapter, parts: list[dict[str, Any]]
    ) -> None:
        chat_key = row.chat_key
        index = row.parts_sent
        pacer = self._pacers[row.platform]
        while index < len(parts):
            if self.rate_limit:
                await pacer.wait(chat_key, adapter.chat_interval(chat_key))
            try:
                async with self._in_flight[row.platform]:
                    await adapter.send_part(chat_key, parts[index])
            except ChatMoved as moved:
                new_key = moved.new_chat_key
                await self._database.until_done(
                    self.store.move_chat, row.platform, chat_key, new_key
                )
                chat_key = new_key
                continue
            index += 1
            if index < len(parts):
                await self._outcomes.update(row.id, parts_sent=index)
        await self._outcomes.update(row.id, **finished("sent", parts_sent=index))
        if row.kind == "briefing":
            log.info("briefing sent to %s chat %s", row.platform, chat_key)

    async def _reschedule(self, row: Delivery, delay_s: float, error: str, *, count: bool) -> None:
        await self._outcomes.update(
            row.id,
            next_attempt_at=utcnow() + timedelta(seconds=delay_s),
            attempts=row.attempts + (1 if count else 0),
            last_error=error[:500],
            claimed_by=None,
            claimed_until=None,
        )

    async def _finish(self, row: Delivery, state: str, error: str) -> None:
        await self._outcomes.update(row.id, **finished(state, error))


async def _sleep_unless_stopped(stop: asyncio.Event, seconds: float) -> None:
    """Pause before the next try, but not past a shutdown."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
