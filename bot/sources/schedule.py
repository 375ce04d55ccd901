"""Politeness: how often to poll a source, how long to back off, and how hard to hit a host.

The interval functions are pure so the poller (and its tests) can reason about them; the
HostLimiter is the one stateful piece: per-host concurrency, spacing and Retry-After.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# After this many failures in a row a source is paused and the admins are told.
PAUSE_AFTER_ERRORS = 10

# A quiet feed backs off by half again per empty poll; a busy one comes closer by its rate.
_QUIET_GROWTH = 1.5
_MAX_SPEEDUP = 4.0


def next_interval(current_s: float, new_entries: int, *, min_s: float, max_s: float) -> float:
    """The next polling interval, aiming at about one new entry per poll.

    No news: wait half again as long. k new entries: poll k times as often (at most 4x
    per step, so one burst does not pin a feed at the minimum). Always within [min_s, max_s].
    """
    current = min(max(current_s, min_s), max_s)
    if new_entries <= 0:
        proposed = current * _QUIET_GROWTH
    else:
        proposed = current / min(float(new_entries), _MAX_SPEEDUP)
    return min(max(proposed, min_s), max_s)


def error_backoff(consecutive_errors: int, *, base_s: float, max_s: float) -> float:
    """Seconds to wait after the n-th failure in a row: base, 2x base, 4x base ... capped."""
    if consecutive_errors <= 0:
        return 0.0
    exponent = min(consecutive_errors - 1, 62)
    return min(base_s * math.pow(2.0, exponent), max_s)


@dataclass
class _HostState:
    slots: asyncio.Semaphore
    gate: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


class HostLimiter:
    """Per-host politeness for concurrent fetches.

    ``async with limiter.slot(url):`` waits until the host has a free slot (at most
    `per_host` requests at once), at least `spacing_s` has passed since the last request to
    it started, and any Retry-After given through `defer` has run out.
    """

    def __init__(
        self,
        *,
        per_host: int = 2,
        spacing_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._per_host = per_host
        self._spacing_s = spacing_s
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _HostState] = {}

    @asynccontextmanager
    async def slot(self, url_or_host: str) -> AsyncIterator[None]:
        """Hold one of the host's request slots for the duration of the block."""
        state = self._state(_host_of(url_or_host))
        async with state.slots:
            async with state.gate:
                wait = state.next_start - self._clock()
                if wait > 0:
                    await self._sleep(wait)
                state.next_start = self._clock() + self._spacing_s
            yield

    def defer(self, url_or_host: str, seconds: float) -> None:
        """Start no request to the host for `seconds` (a Retry-After, a 429, a 503)."""
        state = self._state(_host_of(url_or_host))
        state.next_start = max(state.next_start, self._clock() + max(seconds, 0.0))

    def _state(self, host: str) -> _HostState:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _HostState(asyncio.Semaphore(self._per_host))
        return state


def _host_of(url_or_host: str) -> str:
    host = urlsplit(url_or_host).hostname if "://" in url_or_host else url_or_host
    return (host or url_or_host).lower()
