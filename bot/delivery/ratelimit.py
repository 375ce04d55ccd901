"""Pacing: a platform-wide rate and a minimum spacing per chat, as the platforms demand."""

from __future__ import annotations

import asyncio
import time


class Pacer:
    """Hands out send slots: at most `per_second` overall, and `chat_interval` per chat.

    Global slots are reserved before sleeping, so concurrent senders queue up fairly
    instead of waking together and bursting past the limit. A chat's own wait comes first,
    so a slow group chat never holds a global slot that others could use.
    """

    def __init__(self, per_second: float) -> None:
        self._gap = 1.0 / per_second if per_second > 0 else 0.0
        self._next_global = 0.0
        self._next_answer = 0.0
        self._next_chat: dict[str, float] = {}

    async def wait(self, chat_key: str, chat_interval: float, *, answer: bool = False) -> None:
        """Wait for a send slot. An `answer` to a command goes ahead of the slots the outbox
        has taken: it gets the next free one among answers, and every outbox slot not yet
        handed out moves back a gap to make room, so the rate holds over a batch."""
        await _sleep_until(self._next_chat.get(chat_key, 0.0))
        now = time.monotonic()
        if answer:
            slot = max(now, self._next_answer)
            self._next_answer = slot + self._gap
            self._next_global = max(self._next_global, slot) + self._gap
        else:
            slot = max(now, self._next_global)
            self._next_global = slot + self._gap
        self._next_chat[chat_key] = slot + chat_interval
        await _sleep_until(slot)

    def hold(self, chat_key: str, seconds: float) -> None:
        """The platform said "retry after": quiet the chat, and the platform too.

        A 429 may come from a platform-wide limit (Telegram's 30/s, Slack's workspace rate)
        as well as the chat's own, and the answer does not say which; pausing both is safe.
        """
        until = time.monotonic() + seconds
        self._next_chat[chat_key] = max(self._next_chat.get(chat_key, 0.0), until)
        self._next_global = max(self._next_global, until)
        self._next_answer = max(self._next_answer, until)


async def _sleep_until(moment: float) -> None:
    delay = moment - time.monotonic()
    if delay > 0:
        await asyncio.sleep(delay)
