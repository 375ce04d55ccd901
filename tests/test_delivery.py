"""The outbox sender against a scripted platform: order, retries, blocked and moved chats."""

from __future__ import annotations

import time

import pytest

from bot.core.reply import Card, Reply, Section
from bot.delivery.errors import (
    ChatMoved,
    ChatUnavailable,
    PermanentError,
    RetryAfter,
    TransientError,
)
from bot.delivery.outbox import queue_message
from bot.delivery.ratelimit import Pacer
from tests.conftest import telegram_chat
from tests.scripted import ScriptedPlatform


def _chat(core, key: str):
    return telegram_chat(core.store, key)


def _reply(title: str, cards: int = 0) -> Reply:
    return Reply(text=title, sections=[Section(None, [Card(f"{title}/{n}", None)
                                                      for n in range(cards)])])


@pytest.fixture
def platform(core):
    adapter = ScriptedPlatform()
    core.add_adapter(adapter)
    return adapter


async def test_each_chat_gets_its_messages_once_and_in_order(core, platform):
    chats = [_chat(core, str(n)) for n in range(5)]
    for chat in chats:
        for n in range(3):
            queue_message(core.store, chat.id, "alert", f"story:{n}", _reply(f"m{n}"))
            queue_message(core.store, chat.id, "alert", f"story:{n}", _reply("duplicate"))
    await core.sender.drain()
    for chat in chats:
        assert platform.sent[chat.key] == ["m0", "m1", "m2"]
    assert core.store.delivery_counts() == {"sent": 15}


async def test_retry_after_waits_and_keeps_the_chat_order(core, platform):
    chat = _chat(core, "7")
    platform.failures["7"] = [RetryAfter(0.3)]
    for n in range(3):
        queue_message(core.store, chat.id, "alert", f"story:{n}", _reply(f"m{n}"))
    started = time.monotonic()
    await core.sender.drain()
    assert platform.sent["7"] == ["m0", "m1", "m2"]
    assert time.monotonic() - started >= 0.3
    assert core.store.deliveries("sent")[0].attempts == 0, "flood control is not a failed try"


async def test_a_failed_part_resumes_without_resending_earlier_parts(core, platform):
    chat = _chat(core, "8")
    queue_message(core.store, chat.id, "briefing", "2025-02-15", _reply("head", cards=3))
    platform.failures["8"] = []
    original = platform.send_part
    calls = {"n": 0}

    async def flaky(chat_key, part):
        calls["n"] += 1
        if calls["n"] == 3:
            raise TransientError("timed out")
        return await original(chat_key, part)

    platform.send_part = flaky
    await core.sender.send_due()
    row = core.store.deliveries()[0]
    assert row.state == "pending" and row.parts_sent == 2 and row.attempts == 1
    core.store.update_delivery(row.id, next_attempt_at=row.created_at)
    await core.sender.drain()
    assert platform.sent["8"] == ["head", "head/0", "head/1", "head/2"]


async def test_a_blocked_chat_is_marked_inactive_and_others_go_on(core, platform):
    blocked, fine = _chat(core, "10"), _chat(core, "11")
    core.store.add_subscription(blocked.id, "knds", "KNDS")
    platform.failures["10"] = [ChatUnavailable("Forbidden: bot was blocked by the user")]
    for chat in (blocked, fine):
        queue_message(core.store, chat.id, "alert", "story:1", _reply("one"))
        queue_message(core.store, chat.id, "alert", "story:2", _reply("two"))
    await core.sender.drain()
    assert platform.sent["11"] == ["one", "two"]
    assert "10" not in platform.sent
    row = core.store.chat("telegram", "10")
    assert not row.active and "blocked" in row.inactive_reason
    failed = core.store.deliveries("failed")
    assert len(failed) == 2 and all("blocked" in r.last_error for r in failed), "kept, visible"
    assert [s.topic for s in core.store.subscriptions(row.id)] == ["KNDS"], "data kept"


async def test_a_moved_chat_keeps_its_data_under_the_new_id(core, platform):
    chat = _chat(core, "-100")
    core.store.add_subscription(chat.id, "knds", "KNDS")
    platform.failures["-100"] = [ChatMoved("-100200")]
    queue_message(core.store, chat.id, "alert", "story:1", _reply("hello"))
    await core.sender.drain()
    assert platform.sent["-100200"] == ["hello"]
    moved = core.store.chat("telegram", "-100200")
    assert moved.id == chat.id
    assert [s.topic for s in core.store.subscriptions(moved.id)] == ["KNDS"]


async def test_permanent_errors_end_the_row_visibly(core, platform):
    chat = _chat(core, "12")
    platform.failures["12"] = [PermanentError("Bad Request: message text is empty")]
    queue_message(core.store, chat.id, "alert", "story:1", _reply("x"))
    queue_message(core.store, chat.id, "alert", "story:2", _reply("y"))
    await core.sender.drain()
    assert platform.sent["12"] == ["y"]
    assert [r.ref for r in core.store.deliveries("failed")] == ["story:1"]


async def test_transient_errors_give_up_after_max_attempts(core, platform, monkeypatch):
    monkeypatch.setattr("bot.delivery.sender.retry_delay", lambda attempts: 0.01)
    chat = _chat(core, "13")
    platform.failures["13"] = [TransientError("network down")] * 20
    queue_message(core.store, chat.id, "alert", "story:1", _reply("x"))
    await core.sender.drain()
    row = core.store.deliveries()[0]
    assert row.state == "failed" and "gave up" in row.last_error


async def test_the_pacer_keeps_the_global_rate_and_the_chat_spacing():
    pacer = Pacer(per_second=20)
    started = time.monotonic()
    for n in range(10):
        await pacer.wait(f"chat{n}", 0.0)
    assert time.monotonic() - started >= 0.45, "10 sends at 20/s take ~0.5 s"
    started = time.monotonic()
    await pacer.wait("same", 0.2)
    await pacer.wait("same", 0.2)
    assert time.monotonic() - started >= 0.2


async def test_outcomes_of_concurrent_sends_share_transactions(core, platform, monkeypatch):
    chats = [_chat(core, str(100 + n)) for n in range(40)]
    for chat in chats:
        queue_message(core.store, chat.id, "alert", "story:1", _reply("hello"))
    transactions = []
    original = core.store.update_deliveries

    def counted(changes):
        transactions.append(len(changes))
        # A commit that takes a while (as on a busy disk) lets the outcomes of the other sends
        # in flight arrive meanwhile; without it, grouping would depend on the machine's load.
        time.sleep(0.05)
        original(changes)

    monkeypatch.setattr(core.store, "update_deliveries", counted)
    await core.sender.drain()
    assert core.store.delivery_counts() == {"sent": 40}
    assert all(row.sent_at is not None and row.claimed_by is None
               for row in core.store.deliveries())
    assert sum(transactions) == 40
    assert len(transactions) < 40, "confirmed sends are committed in groups"
