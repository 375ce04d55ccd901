"""The bot as one platform-neutral object: commands, polling, alerts, briefings and the outbox,
with the use cases of bot/core behind it. bot/app.py builds it and runs it."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import socket
from datetime import datetime
from typing import TYPE_CHECKING

from bot.config import Settings, SettingsError
from bot.core.alerts import Alerts
from bot.core.briefings import Briefings
from bot.core.chat import ChatRef
from bot.core.chats import set_aside
from bot.core.reply import Reply
from bot.delivery.adapter import Adapter
from bot.delivery.sender import Sender
from bot.follow.aliases import AliasError, load_aliases
from bot.follow.commands import Commands
from bot.store import Store, utcnow
from bot.store.outage import DatabaseWait
from bot.store.retention import clean_up

if TYPE_CHECKING:
    from bot.briefing import Brief
    from bot.poller import Poller, PollReport, ReportHook

# What each poll pass brought, told under the name a run's log has always given it.
log = logging.getLogger("bot.app")

# A poll pass's log line names this many sources with news, then counts the rest.
_NAMED_SOURCES = 5


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
        self.alerts = Alerts(store, self.commands.stored_topic, settings.admins)
        self.briefings = Briefings(store, self.commands.chat_topics, settings.default_timezone)
        # One outage state for the sender and the scheduled jobs: one warning per outage.
        self.database = DatabaseWait()
        self.sender = Sender(store, worker_id=self.worker_id, rate_limit=settings.rate_limit,
                             database=self.database)
        self._poller: Poller | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.last_poll_at: datetime | None = None

    @property
    def poller(self) -> Poller:
        # Built (and imported) on first use: polling brings the language model and the story
        # index, which commands such as `briefbot sources list` or `chat` never need.
        if self._poller is None:
            from bot.poller import Poller

            self._poller = Poller(self.store, self.settings, on_article=self.alerts.on_article,
                                  on_paused=self.alerts.on_paused)
        return self._poller

    def add_adapter(self, adapter: Adapter) -> None:
        self.sender.add_adapter(adapter)

    async def handle_command(self, chat: ChatRef, text: str, user_id: str | None) -> Reply:
        """Answer a chat command off the event loop, so adapters stay responsive."""
        self._loop = asyncio.get_running_loop()
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
        await asyncio.to_thread(set_aside, self.store, chat.platform, chat.key, reason)

    async def chat_moved(self, chat: ChatRef, new_key: str) -> None:
        await asyncio.to_thread(self.store.move_chat, chat.platform, chat.key, new_key)

    def add_source(self, url: str, added_by: str) -> str:
        """Add a source (feed discovery included); a one-line answer for the user.

        A command runs in a worker thread of the bot's event loop: the discovery runs on that
        loop, and the command waits for it. Called with no loop running (a one-shot command),
        it runs the discovery itself.
        """
        from bot.poller import add_source

        adding = add_source(self.store, url, added_by=added_by,
                            allow_private=self.settings.allow_private_sources,
                            interval_s=self.settings.poll_interval_seconds)
        loop = self._loop
        if loop is None or not loop.is_running():
            return asyncio.run(adding)
        return asyncio.run_coroutine_threadsafe(adding, loop).result()

    async def poll_once(
        self, *, every: bool = False, on_report: ReportHook | None = None
    ) -> list[PollReport]:
        """One polling pass over the due sources (with `every`, over all active sources, now);
        new articles raise alerts on the way; `on_report` hears of each source when done."""
        self.alerts.new_pass()
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

    def queue_due_briefings(self, now: datetime | None = None) -> int:
        """Queue the daily briefing of every chat whose local briefing time has come."""
        return self.briefings.queue_due(now)

    def queue_briefing(self, chat_id: int, *, now: datetime | None = None) -> bool:
        """Queue a chat's briefing of everything new since its last one; mark it briefed."""
        return self.briefings.queue(chat_id, now=now)

    async def briefing_tick(self) -> None:
        """The scheduler's briefing job: queue what is due, then wake the sender."""
        if await asyncio.to_thread(self.briefings.queue_due):
            self.sender.wake()

    async def cleanup_tick(self) -> None:
        """The daily retention job: old texts and payloads pruned in small batches, off the
        loop, so polling, commands and senders go on meanwhile."""
        await asyncio.to_thread(clean_up, self.store, keep_days=self.settings.retention_days)
