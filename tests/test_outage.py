"""PostgreSQL goes away during a run: the sender waits, comes back, and loses no queued row."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.app import build_core
from bot.delivery.outbox import queue_message
from bot.follow.reply import Reply
from tests.conftest import make_settings, telegram_chat
from tests.scripted import ScriptedPlatform

ROWS = 30


class SlowPlatform(ScriptedPlatform):
    async def send_part(self, chat_key, part):
        await asyncio.sleep(0.05)
        return await super().send_part(chat_key, part)


def _admin(url: str):
    """A connection to the server's maintenance database, to lock ours out and back in."""
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _lock_out(admin, database: str, allowed: bool) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allowed).lower()}'))
        if not allowed:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = :db AND pid <> pg_backend_pid()"),
                {"db": database},
            )


@pytest.mark.timeout(120)
async def test_the_sender_rides_out_a_database_outage(postgres_url, tmp_path):
    core = build_core(make_settings(tmp_path, database_url=postgres_url))
    platform = SlowPlatform()
    core.add_adapter(platform)
    for n in range(ROWS):
        chat = telegram_chat(core.store, n)
        queue_message(core.store, chat.id, "alert", "story:1", Reply(text=f"m{n}"))
    admin = _admin(postgres_url)
    database = make_url(postgres_url).database
    stop = asyncio.Event()
    sending = asyncio.create_task(core.sender.run(stop, idle_s=0.2))
    try:
        while sum(len(v) for v in platform.sent.values()) < 5:
            await asyncio.sleep(0.02)
        await asyncio.to_thread(_lock_out, admin, database, False)
        await asyncio.sleep(3)
    finally:
        await asyncio.to_thread(_lock_out, admin, database, True)
    for _ in range(400):
        if core.store.delivery_counts() == {"sent": ROWS}:
            break
        await asyncio.sleep(0.1)
    stop.set()
    await sending
    per_chat = Counter({key: len(texts) for key, texts in platform.sent.items()})
    assert len(per_chat) == ROWS, "every queued row was delivered"
    assert sum(per_chat.values()) - ROWS <= 1, "at most the message in flight went twice"
    assert core.store.delivery_counts() == {"sent": ROWS}
    core.store.close()
    admin.dispose()
