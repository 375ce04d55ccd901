"""The composition root: builds the store, the core, the adapters and the schedules, and runs."""

from __future__ import annotations

import asyncio
import shutil
import signal
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.config import Settings
from bot.core.bot import Core
from bot.delivery.adapter import Adapter
from bot.store import Store, database_label, utcnow

if TYPE_CHECKING:
    from bot.listener import HttpListener

POLL_TICK_S = 30
BRIEFING_TICK_S = 30
CLEANUP_TICK_S = 86_400


def build_core(settings: Settings) -> Core:
    """The core over the configured database, migrated to the current schema; a new database
    is named on stderr, so a run from elsewhere never starts over without a word."""
    store = Store.open(settings.database_url)
    for url in settings.sources:
        store.add_source(url, added_by="config", interval_s=settings.poll_interval_seconds)
    if store.created:
        print(f"briefbot: created a new database at {database_label(settings.database_url)} "
              f"({len(store.sources())} starter sources)", file=sys.stderr, flush=True)
    return Core(settings, store)


def build_adapters(settings: Settings, core: Core, *, receive: bool) -> list:
    """The adapters whose credentials are set; `receive` is False on worker-only processes."""
    adapters = []
    if settings.telegram_enabled:
        from bot.adapters.telegram import TelegramAdapter

        adapters.append(
            TelegramAdapter(settings, core.handle_command, events=core, receive_updates=receive)
        )
    if settings.slack_enabled:
        from bot.adapters.slack import SlackAdapter

        adapters.append(SlackAdapter(settings, core.handle_command, receive_requests=receive))
    return adapters


async def run(settings: Settings, role: str = "all") -> None:
    """Run the bot until SIGINT/SIGTERM: adapters, polling, briefings and delivery."""
    core = build_core(settings)
    if core.store.dialect == "sqlite":
        # SQLite means one bot process: leases left by a killed run are ours to take back now,
        # rather than after they time out.
        core.store.release_claims()
    adapters = build_adapters(settings, core, receive=role in ("all", "gateway"))
    for adapter in adapters:
        core.add_adapter(adapter)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    # Announced once a signal stops it cleanly: a Ctrl-C right after the line is a clean stop.
    _announce(settings, adapters, role)
    scheduler = AsyncIOScheduler(timezone=UTC)
    tasks: list[asyncio.Task] = []
    started: list[Adapter | HttpListener] = []
    try:
        if settings.http_port:
            started.append(await _listen(settings, core, scheduler))
        for adapter in adapters:
            await adapter.start()
            started.append(adapter)
        if role in ("all", "worker"):
            _schedule(scheduler, core, [(core.poll_tick, POLL_TICK_S),
                                        (core.briefing_tick, BRIEFING_TICK_S),
                                        (core.cleanup_tick, CLEANUP_TICK_S)])
            tasks.append(asyncio.create_task(core.sender.run(stop)))
        scheduler.start()
        await stop.wait()
    finally:
        stop.set()
        if scheduler.running:
            scheduler.shutdown(wait=False)
        for service in started:
            await service.stop()
        await asyncio.gather(*tasks, return_exceptions=True)
        core.store.close()
    print("briefbot stopped.", flush=True)


async def _listen(settings: Settings, core: Core, scheduler: AsyncIOScheduler) -> HttpListener:
    """The HTTP listener with /healthz, started (aiohttp is imported only when it is on)."""
    from bot.health import Health
    from bot.listener import HttpListener

    listener = HttpListener(settings.http_host, settings.http_port, Health(core, scheduler).check)
    await listener.start()
    print(f"briefbot health check at http://{settings.http_host}:{settings.http_port}/healthz",
          flush=True)
    return listener


async def chat(settings: Settings) -> None:
    """The console chat: commands at the prompt, and meanwhile the console's alerts (a poll in
    another process queues them) and its daily briefing, delivered as they come."""
    from bot.adapters.console import ConsoleAdapter, repl

    core = build_core(settings)
    core.add_adapter(ConsoleAdapter())
    stop = asyncio.Event()
    sending = asyncio.create_task(core.sender.run(stop))
    scheduler = AsyncIOScheduler(timezone=UTC)
    _schedule(scheduler, core, [(core.briefing_tick, BRIEFING_TICK_S)])
    scheduler.start()
    try:
        await repl(core.handle_command)
    finally:
        scheduler.shutdown(wait=False)
        stop.set()
        await sending
    await core.sender.drain(horizon_s=0)
    core.store.close()


def _schedule(
    scheduler: AsyncIOScheduler, core: Core, jobs: list[tuple[Callable[[], Awaitable], int]]
) -> None:
    """Ticks (polling, briefings, cleanup): coalesced, one at a time, run at once after a
    restart; a tick the database was gone for is part of its outage's one warning."""
    for job, seconds in jobs:
        scheduler.add_job(core.database.guard(job), "interval", seconds=seconds,
                          next_run_time=utcnow(), max_instances=1, coalesce=True,
                          misfire_grace_time=seconds)


def _announce(settings: Settings, adapters: list, role: str) -> None:
    if adapters:
        names = ", ".join(adapter.platform for adapter in adapters)
        label = database_label(settings.database_url)
        print(f"briefbot running ({role}): {names}; database {label}", flush=True)
        return
    print(
        "briefbot running with no chat platform: set BRIEFBOT_TELEGRAM_TOKEN, or "
        "BRIEFBOT_SLACK_BOT_TOKEN and BRIEFBOT_SLACK_SIGNING_SECRET (see README). "
        f"Polling sources now; try `{command_name()} chat` to talk to it in a terminal.",
        flush=True,
    )


def command_name() -> str:
    """How to start briefbot from a new shell: `briefbot` when that is on PATH, else the path
    this process was started by (`.venv/bin/briefbot`), else `PYTHON -m bot.cli`."""
    started = Path(sys.argv[0])
    on_path = shutil.which("briefbot")
    if on_path and Path(on_path).resolve() == started.resolve():
        return "briefbot"
    if started.name == "briefbot":
        return str(started)
    return f"{sys.executable} -m bot.cli"

