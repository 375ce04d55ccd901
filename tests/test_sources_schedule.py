"""Polling intervals, error backoff and the per-host limiter."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.sources.schedule import PAUSE_AFTER_ERRORS, HostLimiter, error_backoff, next_interval

BOUNDS = {"min_s": 300.0, "max_s": 86_400.0}


def test_quiet_feed_backs_off_and_busy_feed_speeds_up() -> None:
    assert next_interval(3600, 0, **BOUNDS) == 5400
    assert next_interval(3600, 1, **BOUNDS) == 3600
    assert next_interval(3600, 2, **BOUNDS) == 1800
    assert next_interval(3600, 50, **BOUNDS) == 900  # at most 4x per step


def test_intervals_stay_within_bounds() -> None:
    assert next_interval(80_000, 0, **BOUNDS) == 86_400
    assert next_interval(400, 10, **BOUNDS) == 300
    assert next_interval(10, 0, **BOUNDS) == 450  # an out-of-bounds current value is clamped first
    interval = 600.0
    for _ in range(100):
        interval = next_interval(interval, 0, **BOUNDS)
    assert interval == 86_400


def test_error_backoff_doubles_up_to_the_cap() -> None:
    delays = [error_backoff(n, base_s=60, max_s=3600) for n in range(0, 9)]
    assert delays == [0, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert error_backoff(10_000, base_s=60, max_s=3600) == 3600


def test_pause_comes_after_several_failures() -> None:
    assert 3 <= PAUSE_AFTER_ERRORS <= 20


async def test_limiter_caps_concurrency_per_host() -> None:
    limiter = HostLimiter(per_host=2, spacing_s=0.0)
    running = {"a.example": 0, "b.example": 0}
    peak = {"a.example": 0, "b.example": 0}

    async def request(url: str, host: str) -> None:
        async with limiter.slot(url):
            running[host] += 1
            peak[host] = max(peak[host], running[host])
            await asyncio.sleep(0.02)
            running[host] -= 1

    await asyncio.gather(
        *(request(f"https://{h}/feed{i}", h) for h in running for i in range(6)),
    )
    assert peak == {"a.example": 2, "b.example": 2}


async def test_limiter_spaces_requests_to_one_host() -> None:
    limiter = HostLimiter(per_host=4, spacing_s=0.05)
    starts: list[float] = []

    async def request() -> None:
        async with limiter.slot("https://a.example/feed"):
            starts.append(time.monotonic())

    await asyncio.gather(*(request() for _ in range(5)))
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert all(gap >= 0.045 for gap in gaps)


async def test_other_hosts_are_not_slowed() -> None:
    limiter = HostLimiter(per_host=1, spacing_s=10.0)
    async with limiter.slot("a.example"):
        pass
    started = time.monotonic()
    async with limiter.slot("b.example"):
        pass
    assert time.monotonic() - started < 0.5


async def test_defer_honours_retry_after() -> None:
    clock = {"now": 1000.0}
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        clock["now"] += seconds

    limiter = HostLimiter(per_host=1, spacing_s=1.0, clock=lambda: clock["now"], sleep=fake_sleep)
    async with limiter.slot("https://busy.example/a"):
        pass
    limiter.defer("https://BUSY.example/other", 120)
    async with limiter.slot("busy.example"):
        pass
    assert slept == [pytest.approx(120)]
    async with limiter.slot("https://busy.example/b"):
        pass
    assert slept[-1] == pytest.approx(1.0)
