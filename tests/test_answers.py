"""Answers to commands go the outbox's way: the platform's pacer (ahead of queued messages,
within each chat's pace) and the outbox's retry rules."""

from __future__ import annotations

import asyncio
import json

from bot.adapters.telegram import TelegramAdapter
from bot.core.reply import Reply
from bot.delivery.ratelimit import Pacer
from tests.conftest import telegram_chat
from tests.fake_telegram import FakeTelegram
from tests.fake_telegram_faults import SERVER_ERROR
from tests.platforms import running_core, telegram_settings


async def test_an_answer_goes_ahead_of_the_slots_the_outbox_has_taken() -> None:
    pacer = Pacer(per_second=20)
    done: list[str] = []

    async def send(name: str, *, answer: bool = False) -> None:
        await pacer.wait(name, 0.0, answer=answer)
        done.append(name)

    queued = [asyncio.create_task(send(f"row {n}")) for n in range(10)]
    await asyncio.sleep(0)  # every row has its slot: the last one half a second ahead
    await send("answer", answer=True)
    await asyncio.gather(*queued)
    assert done.index("answer") <= 1, done


async def _echo(chat, text, user_id) -> Reply:
    return Reply(text=f"echo {text}")


async def test_a_transient_failure_of_an_answer_is_retried() -> None:
    async with FakeTelegram() as api:
        adapter = TelegramAdapter(telegram_settings(api), _echo)
        await adapter.start()
        try:
            api.inject(SERVER_ERROR, chat_id=42)
            api.push_message(42, "/help")
            await api.wait_for(lambda: api.texts(42))
        finally:
            await adapter.stop()
    assert api.texts(42) == ["echo /help"]
    assert len(api.calls_to("sendMessage")) == 2


async def test_an_answer_keeps_the_chats_pace_after_a_queued_message() -> None:
    async with FakeTelegram() as api, running_core(telegram_settings(api), TelegramAdapter) as (
        core, _adapter):
        chat = telegram_chat(core.store, 42)
        core.store.enqueue(chat.id, "notice", "n1", json.dumps(Reply(text="a notice").to_dict()))
        await core.sender.drain()
        api.push_message(42, "/following", user_id=42)
        await api.wait_for(lambda: len(api.texts(42)) == 2)
    notice, answer = [sent for sent in api.sent if sent.chat_id == 42]
    assert notice.text == "a notice" and answer.text.startswith("You follow nothing yet")
    assert answer.at - notice.at >= 0.9, "Telegram's pace for one chat: a message a second"
