"""The database goes away during a run: the bot waits, logs once, comes back, and loses no
queued row. Three outages: PostgreSQL locked out for 3 s, every connection of the bot
terminated (as a server restart looks from the client), and the SQLite file's disk full (for
the sender, and for a poll tick)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.app import build_core
from bot.core.bot import Core
from bot.core.reply import Reply
from bot.delivery.outbox import queue_message
from bot.store import utcnow
from tests.conftest import make_settings, telegram_chat
from tests.feedserver import Request, Response
from tests.scripted import ScriptedPlatform

ROWS = 30


class SlowPlatform(ScriptedPlatform):
    def __init__(self, delay_s: float = 0.05) -> None:
        super().__init__()
        self.delay_s = delay_s

    async def send_part(self, chat_key, part):
        await asyncio.sleep(self.delay_s)
        return await super().send_part(chat_key, part)


def _admin(url: str):
    """A connection to the server's maintenance database, to lock ours out and back in."""
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _terminate_connections(admin, database: str, *, spare: int | None = None) -> int:
    """End every session on `database` but `spare`, as a server restart ends them; how many."""
    with admin.connect() as conn:
        return len(conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 "WHERE datname = :db AND pid <> pg_backend_pid() AND pid <> :spare"),
            {"db": database, "spare": spare or 0},
        ).all())


def _terminate_while_writing(url: str, admin, database: str, locked: threading.Event) -> int:
    """Hold the outbox table locked until one of the bot's writes waits on it, then end every
    connection of the bot: the write in flight dies mid-statement; how many were ended."""
    locker = create_engine(url)
    with locker.connect() as conn:
        conn.execute(text("LOCK TABLE deliveries IN EXCLUSIVE MODE"))
        locked.set()
        spare = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with admin.connect() as watch:
            waiting = text("SELECT count(*) FROM pg_stat_activity WHERE datname = :db "
                           "AND wait_event_type = 'Lock'")
            deadline = time.monotonic() + 10
            while not watch.execute(waiting, {"db": database}).scalar_one():
                assert time.monotonic() < deadline, "no write of the bot waited on the lock"
                time.sleep(0.01)
        terminated = _terminate_connections(admin, database, spare=spare)
        conn.rollback()
    locker.dispose()
    return terminated


def _lock_out(admin, database: str, allowed: bool) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allowed).lower()}'))
    if not allowed:
        _terminate_connections(admin, database)


def _queue_rows(core: Core) -> None:
    for n in range(ROWS):
        chat = telegram_chat(core.store, n)
        queue_message(core.store, chat.id, "alert", "story:1", Reply(text=f"m{n}"))


async def _sent_count_reaches(platform: ScriptedPlatform, count: int) -> None:
    while sum(len(v) for v in platform.sent.values()) < count:
        await asyncio.sleep(0.02)


async def _until_all_sent(core: Core, sending: asyncio.Task, stop: asyncio.Event) -> None:
    for _ in range(200):
        if await asyncio.to_thread(core.store.delivery_counts) == {"sent": ROWS}:
            break
        await asyncio.sleep(0.1)
    stop.set()
    await sending


def _assert_each_row_sent(core: Core, platform: ScriptedPlatform, *, in_flight: int) -> None:
    per_chat = Counter({key: len(texts) for key, texts in platform.sent.items()})
    assert len(per_chat) == ROWS, "every queued row was delivered"
    assert sum(per_chat.values()) - ROWS <= in_flight, "at most the messages in flight went twice"
    assert core.store.delivery_counts() == {"sent": ROWS}


def _assert_warned_once(caplog: pytest.LogCaptureFixture) -> None:
    """'logs once': one warning for the whole outage, no traceback, and a line when it ends."""
    bot_records = [r for r in caplog.records if r.name.startswith("bot.")]
    warnings = [r.getMessage() for r in bot_records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, warnings
    assert not any(r.exc_info for r in bot_records), "no traceback for a database outage"
    assert any("answers again" in r.getMessage() for r in bot_records)


@pytest.mark.timeout(120)
async def test_the_sender_rides_out_a_database_outage(postgres_url, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    core = build_core(make_settings(tmp_path, database_url=postgres_url))
    platform = SlowPlatform()
    core.add_adapter(platform)
    _queue_rows(core)
    admin = _admin(postgres_url)
    database = make_url(postgres_url).database
    stop = asyncio.Event()
    sending = asyncio.create_task(core.sender.run(stop, idle_s=0.2))
    try:
        await _sent_count_reaches(platform, 5)
        await asyncio.to_thread(_lock_out, admin, database, False)
        await asyncio.sleep(3)
    finally:
        await asyncio.to_thread(_lock_out, admin, database, True)
    await _until_all_sent(core, sending, stop)
    _assert_each_row_sent(core, platform, in_flight=1)
    _assert_warned_once(caplog)
    core.store.close()
    admin.dispose()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("moment", ["claiming", "recording"])
async def test_every_connection_terminated_mid_run(postgres_url, tmp_path, caplog, moment):
    """'every connection of the bot terminated mid-run (pg_terminate_backend, as a server
    restart looks from the client)': killed while it claims rows or while it records sends,
    the sender reconnects, logs once, and sends every queued row."""
    caplog.set_level(logging.INFO)
    core = build_core(make_settings(tmp_path, database_url=postgres_url))
    # Two rounds of 16 sends at 0.2 s each: time to lock the table before the second records.
    platform = SlowPlatform(delay_s=0.2)
    core.add_adapter(platform)
    _queue_rows(core)
    admin = _admin(postgres_url)
    database = make_url(postgres_url).database
    locked = threading.Event()
    stop = asyncio.Event()
    if moment == "recording":
        sending = asyncio.create_task(core.sender.run(stop, idle_s=0.2))
        await _sent_count_reaches(platform, 1)
    outage = asyncio.create_task(
        asyncio.to_thread(_terminate_while_writing, postgres_url, admin, database, locked))
    await asyncio.to_thread(locked.wait, 10)
    if moment == "claiming":
        sending = asyncio.create_task(core.sender.run(stop, idle_s=0.2))
    terminated = await outage
    await _until_all_sent(core, sending, stop)
    assert terminated >= 1, "the bot had connections open to terminate"
    _assert_each_row_sent(core, platform, in_flight=1)
    _assert_warned_once(caplog)
    core.store.close()
    admin.dispose()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs mounted for this test, so it can fill the SQLite file's disk for real;
    skips when this process may not mount one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> Path:
    """Write a file until the disk has no room left; the file, to delete to make room again."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 65536)
    return filler


@pytest.mark.timeout(60)
@pytest.mark.parametrize("moment", ["claiming", "recording"])
async def test_the_sqlite_disk_fills_up_mid_run(small_disk, tmp_path, caplog, moment):
    """'the SQLite file's disk full': sends the platform confirmed wait to be recorded, the
    claims wait for room, one warning says so, and once there is room every row goes out once."""
    caplog.set_level(logging.INFO)
    settings = make_settings(tmp_path, database_url=f"sqlite:///{small_disk / 'briefbot.db'}")
    core = build_core(settings)
    platform = SlowPlatform(delay_s=0.2)
    core.add_adapter(platform)
    _queue_rows(core)
    stop = asyncio.Event()
    if moment == "claiming":
        filler = await asyncio.to_thread(_fill, small_disk)
    sending = asyncio.create_task(core.sender.run(stop, idle_s=0.2))
    if moment == "recording":
        await _sent_count_reaches(platform, 1)
        filler = await asyncio.to_thread(_fill, small_disk)
    for _ in range(100):
        if any("disk is full" in r.getMessage() for r in caplog.records):
            break
        await asyncio.sleep(0.05)
    else:
        pytest.fail("the full disk never refused a write")
    await asyncio.sleep(1)
    filler.unlink()
    await _until_all_sent(core, sending, stop)
    _assert_each_row_sent(core, platform, in_flight=1)
    _assert_warned_once(caplog)
    core.store.close()


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
<link>http://127.0.0.1/</link><description>Local news</description>{items}</channel></rss>"""
ITEM = """<item><title>Harbour council meets on ferry plan {n}</title><link>{base}/a/{n}</link>
<guid>harbour-{n}</guid><pubDate>Mon, 07 Dec 2026 0{n}:00:00 GMT</pubDate><description>The
harbour council met on Monday to discuss the ferry plan, part {n}. Councillors asked for a new
timetable and a second boat for the winter months, and the mayor promised an answer by spring.
</description></item>"""


@pytest.mark.timeout(60)
async def test_a_poll_tick_rides_out_the_disk_filling_mid_pass(
    small_disk, tmp_path, caplog, feed_server
):
    """The disk fills while a source is being fetched: the scheduled tick ends with the one
    warning (no traceback per source), and the next tick after room is made stores the feed."""
    caplog.set_level(logging.INFO)
    settings = make_settings(tmp_path, database_url=f"sqlite:///{small_disk / 'briefbot.db'}")
    core = build_core(settings)
    body = FEED.format(items="".join(ITEM.format(n=n, base=feed_server.base_url)
                                     for n in range(1, 4))).encode()
    fillers: list[Path] = []

    def fill_then_serve(_request: Request) -> Response:
        if not fillers:
            fillers.append(_fill(small_disk))
        return Response(200, body, {"Content-Type": "application/rss+xml"})

    feed_server.add_handler("/feed", fill_then_serve)
    source_id = core.store.add_source(feed_server.url("/feed"))
    tick = core.database.guard(core.poll_tick)
    await tick()
    assert fillers, "the feed was fetched, and the disk filled meanwhile"
    assert core.store.article_count() == 0
    fillers[0].unlink()
    # The lease of the pass that failed runs out; the source is due again.
    core.store.record_poll(source_id, next_poll_at=utcnow())
    await tick()
    assert core.store.article_count() == 3
    _assert_warned_once(caplog)
    core.store.close()
