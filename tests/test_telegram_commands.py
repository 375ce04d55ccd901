"""Commands in through getUpdates (and the webhook), answers back to the chat they came from."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from bot.adapters.telegram import COMMANDS, TelegramAdapter
from bot.adapters.telegram_updates import command_text
from bot.core.chat import ChatRef
from bot.core.reply import Card, Reply, Section
from tests.fake_telegram import BOT, FakeTelegram, retry_after
from tests.platforms import free_port, telegram_settings


@dataclass
class Echo:
    """The caller's side: records each command and answers with what it got."""

    calls: list[tuple[ChatRef, str, str | None]] = field(default_factory=list)
    slow_for: dict[str, float] = field(default_factory=dict)  # command text -> seconds

    async def __call__(self, chat: ChatRef, text: str, user_id: str | None) -> Reply:
        self.calls.append((chat, text, user_id))
        await asyncio.sleep(self.slow_for.get(text, 0))
        if text == "/fail":
            raise RuntimeError("the core broke")
        if text.startswith("/latest"):
            cards = [
                Card(f"Story {n}", f"https://e.example/{n}", "Site", bullets=["x" * 900])
                for n in range(12)
            ]
            return Reply(text="Latest:", sections=[Section(None, cards)])
        return Reply(text=f"echo {text} <{chat.kind}>")


@dataclass
class Running:
    api: FakeTelegram
    adapter: TelegramAdapter
    echo: Echo


@pytest.fixture
async def bot() -> AsyncIterator[Running]:
    async with FakeTelegram() as api:
        echo = Echo()
        adapter = TelegramAdapter(telegram_settings(api), echo)
        await adapter.start()
        try:
            yield Running(api, adapter, echo)
        finally:
            await adapter.stop()


async def test_start_publishes_the_command_menu_and_polls(bot: Running) -> None:
    menu = bot.api.commands['{"type": "default"}']
    assert [(c["command"], c["description"]) for c in menu] == list(COMMANDS)
    assert [c.method for c in bot.api.calls[:3]] == ["getMe", "setMyCommands", "deleteWebhook"]
    await bot.api.wait_for(lambda: bot.api.calls_to("getUpdates"))
    poll = bot.api.calls_to("getUpdates")[0].params
    assert poll["timeout"] > 0 and set(poll["allowed_updates"]) == {
        "message",
        "channel_post",
        "my_chat_member",
    }


async def test_a_private_command_reaches_the_core_and_is_answered_in_reply(bot: Running) -> None:
    asked = bot.api.push_message(42, "/follow KNDS", user_id=42)
    await bot.api.wait_for(lambda: bot.api.texts(42))
    assert bot.echo.calls == [
        (ChatRef("telegram", "42", "private", "User 42"), "/follow KNDS", "42")
    ]
    [answer] = bot.api.sent
    assert answer.text == "echo /follow KNDS <private>"
    assert answer.params["parse_mode"] == "HTML"
    assert answer.params["reply_parameters"]["message_id"] == asked["message_id"]


@pytest.mark.parametrize(
    ("chat_id", "kind", "text", "core_text", "user"),
    [
        (-5001, "group", "/follow@briefbot_test_bot KNDS", "/follow KNDS", "7"),
        (-1005002, "group", "/FOLLOWING@BriefBot_Test_Bot", "/FOLLOWING", "7"),
        (-1005003, "group", '/follow "air defense"', '/follow "air defense"', "7"),
        (-1005004, "channel", "/briefing", "/briefing", None),
    ],
)
async def test_group_supergroup_and_channel_commands(
    bot: Running, chat_id: int, kind: str, text: str, core_text: str, user: str | None
) -> None:
    if kind == "channel":
        bot.api.add_chat(chat_id, "channel", "News channel")
    bot.api.push_message(chat_id, text, user_id=7)
    await bot.api.wait_for(lambda: bot.api.texts(chat_id))
    [(chat, got, user_id)] = bot.echo.calls
    assert (chat.key, chat.kind, got, user_id) == (str(chat_id), kind, core_text, user)
    assert bot.api.texts(chat_id) == [f"echo {core_text} <{kind}>"]


async def test_commands_for_other_bots_and_plain_messages_are_ignored(bot: Running) -> None:
    bot.api.push_message(-5001, "/follow@OtherBot KNDS")
    bot.api.push_message(-5001, "good morning everyone")
    bot.api.push_message(-5001, "see /follow for that")
    bot.api.push_message(-5001, "/help@briefbot_test_bot")  # a marker: handled after the others
    await bot.api.wait_for(lambda: bot.api.texts(-5001))
    assert [text for _, text, _ in bot.echo.calls] == ["/help"]
    assert bot.api.pending_updates <= 1  # everything else was read and confirmed


def test_command_text() -> None:
    assert command_text("/follow@Briefbot_Test_Bot KNDS", BOT["username"]) == "/follow KNDS"
    assert command_text("/follow@other_bot KNDS", BOT["username"]) is None
    assert command_text("/follow@briefbot_test_bot\nKNDS", BOT["username"]) == "/follow\nKNDS"
    assert command_text("/latest", BOT["username"]) == "/latest"
    assert command_text("/follow@briefbot_test_botX", BOT["username"]) is None
    assert command_text("hello /follow", BOT["username"]) is None


async def test_a_long_answer_arrives_in_parts_replying_once(bot: Running) -> None:
    bot.api.push_message(42, "/latest KNDS")
    await bot.api.wait_for(lambda: len(bot.api.texts(42)) >= 3)
    await asyncio.sleep(0.1)
    sent = bot.api.sent
    assert "reply_parameters" in sent[0].params
    assert all("reply_parameters" not in s.params for s in sent[1:])
    titles = [line for s in sent for line in s.text.splitlines() if line.startswith("Story")]
    assert titles == [f"Story {n}" for n in range(12)]


async def test_a_slow_command_holds_up_only_its_own_chat(bot: Running) -> None:
    bot.echo.slow_for["/briefing"] = 0.6
    bot.api.push_message(42, "/briefing")
    bot.api.push_message(42, "/following")
    bot.api.push_message(43, "/help")
    await bot.api.wait_for(lambda: len(bot.api.sent) == 3)
    order = [(s.chat_id, s.text.split()[1]) for s in bot.api.sent]
    assert order == [(43, "/help"), (42, "/briefing"), (42, "/following")]


async def test_flood_control_on_an_answer_waits_and_sends_it(bot: Running) -> None:
    bot.api.inject(retry_after(1), chat_id=42)
    started = time.monotonic()
    bot.api.push_message(42, "/help")
    await bot.api.wait_for(lambda: bot.api.texts(42))
    assert time.monotonic() - started >= 1.0
    assert bot.api.texts(42) == ["echo /help <private>"]


async def test_a_failing_command_is_logged_and_the_bot_carries_on(
    bot: Running, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.adapters.telegram"):
        bot.api.push_message(42, "/fail")
        bot.api.push_message(42, "/help")
        await bot.api.wait_for(lambda: bot.api.texts(42))
    assert bot.api.texts(42) == ["echo /help <private>"]
    assert "the core broke" in caplog.text


async def test_updates_are_confirmed_so_a_restart_does_not_repeat_them() -> None:
    async with FakeTelegram() as api:
        echo = Echo()
        first = TelegramAdapter(telegram_settings(api), echo)
        await first.start()
        api.push_message(42, "/help")
        await api.wait_for(lambda: api.texts(42))
        await first.stop()
        second = TelegramAdapter(telegram_settings(api), echo)
        await second.start()
        api.push_message(42, "/following")
        await api.wait_for(lambda: len(api.texts(42)) == 2)
        await second.stop()
    assert [text for _, text, _ in echo.calls] == ["/help", "/following"]


async def test_webhook_mode_checks_the_secret_on_every_update() -> None:
    async with FakeTelegram() as api:
        echo = Echo()
        port = free_port()
        settings = telegram_settings(
            api,
            telegram_webhook_url=f"http://127.0.0.1:{port}/telegram/hook",
            telegram_webhook_secret="s3cret-Token_1",
            telegram_webhook_port=port,
        )
        adapter = TelegramAdapter(settings, echo)
        await adapter.start()
        try:
            assert api.webhook == {
                "url": f"http://127.0.0.1:{port}/telegram/hook",
                "secret_token": "s3cret-Token_1",
            }
            api.push_message(42, "/follow KNDS")
            update = api.take_update()
            assert await api.deliver_webhook(update, secret="guessed") == 403
            assert await api.deliver_webhook(update, secret="") == 403
            assert await api.deliver_webhook(update) == 200
            await api.wait_for(lambda: api.texts(42))
        finally:
            await adapter.stop()
    assert [text for _, text, _ in echo.calls] == ["/follow KNDS"]
    assert not api.calls_to("getUpdates")


async def test_webhook_without_a_configured_secret_gets_a_random_one() -> None:
    async with FakeTelegram() as api:
        port = free_port()
        url = f"http://127.0.0.1:{port}/hook"
        adapter = TelegramAdapter(
            telegram_settings(api, telegram_webhook_url=url, telegram_webhook_port=port), Echo()
        )
        await adapter.start()
        try:
            secret = api.webhook["secret_token"]
            assert secret and len(secret) >= 32
            api.push_message(42, "/help")
            assert await api.deliver_webhook(api.take_update(), secret="") == 403
        finally:
            await adapter.stop()
