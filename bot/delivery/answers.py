"""Answers to chat commands: sent at once, ahead of the outbox, paced by the platform's pacer
and retried by the same rules as the outbox's messages (bot.delivery.errors)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from bot.delivery.errors import RetryAfter, TransientError
from bot.delivery.outbox import retry_delay
from bot.delivery.ratelimit import Pacer

log = logging.getLogger(__name__)

# An answer is wanted now: a part that fails this often is given up (the user can ask again).
ANSWER_TRIES = 3


class AnswerTarget(Protocol):
    """Where one command's answer goes, as the platform addresses it (a reply to a message,
    a Slack response_url, a thread)."""

    chat_key: str

    def paced(self, index: int) -> bool:
        """Whether part `index` counts against the chat's pace (a chat message does)."""

    async def send(self, index: int, part: dict[str, Any]) -> None:
        """Send part `index` of the answer; raises the errors of bot.delivery.errors."""


@runtime_checkable
class Answering(Protocol):
    """An adapter that answers commands itself: the sender hands it the answers' lane, which
    shares the platform's pacer with the outbox."""

    def answer_through(self, answers: Answers) -> None: ...


class Answers:
    """Sends the parts of answers in order, each in an answer slot of the platform's pacer;
    waits out a "retry after", retries a transient failure, and gives up after ANSWER_TRIES."""

    def __init__(
        self, pacer: Pacer, chat_interval: Callable[[str], float], *, rate_limit: bool = True
    ) -> None:
        self.pacer = pacer
        self._chat_interval = chat_interval
        self._rate_limit = rate_limit

    async def send(self, target: AnswerTarget, parts: Sequence[dict[str, Any]]) -> None:
        """Send every part; raises the error of a part given up (the rest is not sent)."""
        for index, part in enumerate(parts):
            await self._send_part(target, index, part)

    async def _send_part(self, target: AnswerTarget, index: int, part: dict[str, Any]) -> None:
        chat_key = target.chat_key
        for attempt in range(1, ANSWER_TRIES + 1):
            if self._rate_limit and target.paced(index):
                await self.pacer.wait(chat_key, self._chat_interval(chat_key), answer=True)
            try:
                await target.send(index, part)
                return
            except RetryAfter as exc:
                if attempt == ANSWER_TRIES:
                    raise
                self.pacer.hold(chat_key, exc.seconds)
                await asyncio.sleep(exc.seconds)
            except TransientError as exc:
                if attempt == ANSWER_TRIES:
                    raise
                log.info("answer to %s failed (%s); trying again", chat_key, exc)
                await asyncio.sleep(retry_delay(attempt, base_s=0.5, cap_s=5.0))
