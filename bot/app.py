"""The composition root: builds the store, the core, the adapters and the schedules, and runs."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import shutil
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.config import Settings, SettingsError
from bot.core.chat import ChatRef
from bot.core.reply import Reply, Section
from bot.core.timing import briefing_due, known_time_zone, last_slot
from bot.delivery.adapter import Adapter
from bot.delivery.outbox import queue_message
from bot.delivery.sender import Sender
from bot.follow.aliases import AliasError, load_aliases
from bot.follow.cards import article_card
from bot.follow.commands import Commands
from bot.follow.digest import take_briefing
from bot.follow.matching import Matcher
from bot.store import Chat, Source, Store, database_label, utcnow
from bot.store.outage import DatabaseWait
from bot.store.retention import clean_up

if TYPE_CHECKING:
    from bot.briefing import Brief
    from bot.listener import HttpListener
    from bot.poller import Poller, PollReport, ReportHook

log = logging.getLogger(__name__)

POLL_TICK_S = 30
BRIEFING_TICK_S = 30
# A poll pass's log line names this many sources with news, then counts the rest.
_NAMED_SOURCES = 5
CLEANUP_TICK_S = 86_400


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Core:
    """The platform-neutral bot: commands, polling, alerts, briefings and the outbox."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        try:
            self.aliases = load_aliases(settings.aliases_path)
        except AliasError as exc:
            raise SettingsError(f"BRIEFBOT_ALIASES: {exc}") from None
        self.worker_id = worker_name()
        self.commands = Commands(store, settings, self.aliases, self.add_source)
        # One outage state for the sender and the scheduled jobs: one warning per outage.
        self.database = DatabaseWait()
        self.sender = Sender(store, worker_id=self.worker_id, rate_limit=settings.rate_limit,
                             database=self.database)
        self._poller: Poller | None = None
        self._alert_matcher: Matcher | None = None
        self.last_poll_at: datetime | None = None

    @property
    def poller(self) -> Poller:
        # Built (and imported) on first use: polling brings the language model and the story
        # index, which commands such as `briefbot sources list` or `chat` never need.
        if self._poller is None:
            from bot.poller import Poller

            self._poller = Poller(
                self.store, self.settings, on_article=self.on_article, on_paused=self.on_paused
            )
        return self._poller

    def add_adapter(self, adapter: Adapter) -> None:
        self.sender.add_adapter(adapter)

    async def handle_command(self, chat: ChatRef, text: str, user_id: str | None) -> Reply:
        """Answer a chat command off the event loop, so adapters stay responsive."""
        reply = await asyncio.to_thread(self.commands.handle, chat, text, user_id)
        self.sender.wake()
        return reply

    async def chat_joined(self, chat: ChatRef) -> Reply | None:
        """Added to a group or channel: greet it with the commands. A private chat that
        unblocked the bot gets nothing here; its user writes /start."""
        if chat.kind == "private":
            return None
        return await self.handle_command(chat, "/start", None)

    async def chat_left(self, chat: ChatRef, reason: str) -> None:
        """Removed or blocked: stop sending there now (follows are kept for a comeback)."""
        await asyncio.to_thread(self._set_aside, chat, reason)

    async def chat_moved(self, chat: ChatRef, new_key: str) -> None:
        await asyncio.to_thread(self.store.move_chat, chat.platform, chat.key, new_key)

    def _set_aside(self, chat: ChatRef, reason: str) -> None:
        row = self.store.chat(chat.platform, chat.key)
        if row is None or not row.active:
            return
        log.info("%s chat %s set aside: %s", chat.platform, chat.key, reason)
        self.store.set_chat_aside(row.id, reason)

    def add_source(self, url: str, added_by: str) -> str:
        """Add a source (feed discovery included); a one-line answer for the user."""
        from bot.poller import add_source

        return asyncio.run(
            add_source(
                self.store,
                url,
                added_by=added_by,
                allow_private=self.settings.allow_private_sources,
                interval_s=self.settings.poll_interval_seconds,
            )
        )

    async def poll_once(
        self, *, every: bool = False, on_report: ReportHook | None = None
    ) -> list[PollReport]:
        """One polling pass over the due sources (with `every`, over all active sources, now);
        new articles raise alerts on the way; `on_report` hears of each source when done."""
        self._alert_matcher = None
        if not every:
            reports = await self.poller.poll_due(self.worker_id, on_report=on_report)
        else:
            started, reports = utcnow(), []
            while batch := await self.poller.poll_due(self.worker_id, not_polled_since=started,
                                                      on_report=on_report):
                reports += batch
        self.last_poll_at = utcnow()
        self.sender.wake()
        return reports

    async def poll_tick(self) -> None:
        """The scheduler's polling job: a pass over the due sources, told in the log (one line
        for what was new, one per failed source)."""
        reports = await self.poll_once()
        fresh = [report for report in reports if report.new]
        if fresh:
            count = sum(len(report.new) for report in fresh)
            origins = ", ".join(f"{len(r.new)} from {r.name}" for r in fresh[:_NAMED_SOURCES])
            if len(fresh) > _NAMED_SOURCES:
                origins += f" and {len(fresh) - _NAMED_SOURCES} more sources"
            log.info("%d new article%s: %s", count, "" if count == 1 else "s", origins)
        for report in reports:
            if report.error:
                log.warning("source %s failed: %s", report.source, report.error)

    def ingest_brief(self, brief: Brief) -> int | None:
        """Store an article that did not come from a source (a test, an import)."""
        digest = hashlib.sha1(f"{brief.title}\n{brief.text}".encode()).hexdigest()
        url = brief.url or f"urn:brief:{digest}"
        return self.poller.store_brief(brief, url=url, link=brief.url)

    def on_article(self, article_id: int, brief: Brief, story_key: int) -> None:
        """Queue an alert to each chat with alerts on whose topics match; a story alerts once."""
        matcher = self._alert_matcher or self._build_alert_matcher()
        per_chat: dict[int, list] = {}
        for chat_id, found in matcher.matching(brief):
            per_chat.setdefault(chat_id, []).append(found)
        if not per_chat:
            return
        row = self.store.article(article_id)
        for chat_id, matches in per_chat.items():
            topics = ", ".join(m.topic.display for m in matches)
            reply = Reply(text=f"New on {topics}:",
                          sections=[Section(None, [article_card(row, matches)])])
            queue_message(self.store, chat_id, "alert", f"story:{story_key}", reply)

    def _build_alert_matcher(self) -> Matcher:
        alerting = (sub for sub, alerts in self.store.all_subscriptions() if alerts)
        parsed = ((s.chat_id, self.commands.stored_topic(s.topic)) for s in alerting)
        self._alert_matcher = Matcher((chat, topic) for chat, topic in parsed if topic)
        return self._alert_matcher

    def on_paused(self, source: Source, reason: str) -> None:
        """Tell the admins (in their private chats with the bot) that a source was paused."""
        text = (f"Source paused after repeated failures: {source.url} ({reason}). "
                f"Check it, then /removesource or re-add it.")
        for admin in self.settings.admins:
            platform, _, user_id = admin.partition(":")
            chat = self.store.chat(platform, user_id)
            if chat:
                ref = f"paused:{source.id}:{utcnow():%Y%m%d%H}"
                queue_message(self.store, chat.id, "notice", ref, Reply(text=text))

    def queue_due_briefings(self, now: datetime | None = None) -> int:
        """Queue the daily briefing of every chat whose local briefing time has come."""
        now = now or utcnow()
        queued = 0
        for chat in self.store.chats_with_subscriptions():
            timezone = self._valid_timezone(chat)
            anchor = chat.last_briefing_at or chat.created_at
            if briefing_due(now, timezone, chat.briefing_time, anchor):
                queued += self.queue_briefing(chat.id, now=now)
        return queued

    async def briefing_tick(self) -> None:
        """The scheduler's briefing job: queue what is due, then wake the sender."""
        if await asyncio.to_thread(self.queue_due_briefings):
            self.sender.wake()

    def _valid_timezone(self, chat: Chat) -> str:
        if known_time_zone(chat.timezone):
            return chat.timezone
        default = self.settings.default_timezone
        log.warning("chat %s had an invalid time zone %r; set to %s", chat.id, chat.timezone,
                    default)
        self.store.update_chat(chat.id, timezone=default)
        note = Reply(text=f"Your time zone setting {chat.timezone!r} is not valid; "
                          f"I use {default} until you set one with /timezone Area/City.")
        queue_message(self.store, chat.id, "notice", f"timezone:{chat.timezone}"[:200], note)
        return default

    async def cleanup_tick(self) -> None:
        """The daily retention job: old texts and payloads pruned in small batches, off the
        loop, so polling, commands and senders go on meanwhile."""
        await asyncio.to_thread(clean_up, self.store, keep_days=self.settings.retention_days)

    def queue_briefing(self, chat_id: int, *, now: datetime | None = None) -> bool:
        """Queue a chat's briefing of everything new since its last one; mark it briefed."""
        now = now or utcnow()
        chat = self.store.chat_by_id(chat_id)
        topics = self.commands.chat_topics(chat_id)
        notice = chat.empty_briefing == "notice"
        reply = take_briefing(self.store, chat, topics, now=now, notice_when_empty=notice)
        if reply is None:
            return False
        slot = last_slot(now, chat.timezone, chat.briefing_time).astimezone(UTC)
        return queue_message(self.store, chat_id, "briefing", slot.isoformat(), reply)


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

