"""Sending through the real PTB Bot to the fake Bot API: results, fallbacks and error mapping."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator

import pytest

from bot.adapters.base import StartupError
from bot.adapters.telegram import TelegramAdapter
from bot.config import Settings
from bot.core.reply import Card, Reply, Section
from bot.delivery.errors import (
    ChatMoved,
    ChatUnavailable,
    DeliveryError,
    PermanentError,
    RetryAfter,
    TransientError,
)
from tests.fake_telegram import (
    BLOCKED,
    CHAT_NOT_FOUND,
    KICKED,
    SERVER_ERROR,
    TOKEN,
    TOO_LONG,
    FakeTelegram,
    Fault,
    cant_parse,
    migrated,
    parse_html,
    retry_after,
    slow,
    utf16_len,
)
from tests.platforms import never, telegram_settings

CARD = Card(
    title="Umerov meets <KNDS>",
    url="https://e.example/1",
    site="Ukrinform",
    bullets=["Topics: 155mm ammunition & UAVs"],
    matched=["KNDS"],
)


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def sender(api: FakeTelegram) -> AsyncIterator[TelegramAdapter]:
    adapter = TelegramAdapter(telegram_settings(api), never, receive_updates=False, timeout_s=1.0)
    await adapter.start()
    yield adapter
    await adapter.stop()


async def test_a_sender_only_adapter_checks_the_token_and_nothing_else(
    api: FakeTelegram, sender: TelegramAdapter
) -> None:
    assert [c.method for c in api.calls] == ["getMe"]
    assert sender.username == "briefbot_test_bot"


async def test_send_part_sends_html_and_returns_the_message_id(
    api: FakeTelegram, sender: TelegramAdapter
) -> None:
    [part] = sender.render(Reply(sections=[Section("KNDS", [CARD])], link_previews=False))
    first = await sender.send_part("42", part)
    second = await sender.send_part("42", part)
    assert (first, second) == ("1", "2")
    sent = api.sent[-1]
    assert sent.chat_id == 42 and sent.source == part["text"]
    assert sent.params["parse_mode"] == "HTML"
    assert sent.params["link_preview_options"] == {"is_disabled": True}
    assert "Umerov meets <KNDS>" in sent.text
    assert [e["url"] for e in sent.entities if e["type"] == "text_link"] == [CARD.url]


def test_pacing_follows_telegram_limits(sender: TelegramAdapter) -> None:
    assert sender.messages_per_second == 30
    assert sender.chat_interval("42") == 1.0
    assert sender.chat_interval("-1001234567890") == sender.chat_interval("-42") == 3.0


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (BLOCKED, ChatUnavailable),
        (KICKED, ChatUnavailable),
        (CHAT_NOT_FOUND, ChatUnavailable),
        (
            Fault(400, "Bad Request: not enough rights to send text messages to the chat"),
            ChatUnavailable,
        ),
        (SERVER_ERROR, TransientError),
        (Fault(500, "Internal Server Error"), TransientError),
        (Fault(400, "Bad Request: message text is empty"), PermanentError),
        (Fault(401, "Unauthorized"), TransientError),
    ],
)
async def test_bot_api_errors_become_delivery_errors(
    api: FakeTelegram, sender: TelegramAdapter, fault: Fault, expected: type[DeliveryError]
) -> None:
    api.inject(fault, chat_id=42)
    with pytest.raises(expected) as caught:
        await sender.send_part("42", {"text": "hello", "parse_mode": "HTML"})
    assert type(caught.value) is expected
    assert fault.description.split(": ")[-1].lower() in str(caught.value).lower()
    assert api.sent == []
    assert await sender.send_part("42", {"text": "hello"}) == "1"  # one refusal, not a broken bot


async def test_flood_control_says_how_long_to_wait(
    api: FakeTelegram, sender: TelegramAdapter
) -> None:
    api.inject(retry_after(7), chat_id=-100777)
    with pytest.raises(RetryAfter) as caught:
        await sender.send_part("-100777", {"text": "hi"})
    assert caught.value.seconds == 7
    api.flood(3.0)
    with pytest.raises(RetryAfter) as caught:
        await sender.send_part("42", {"text": "hi"})
    assert caught.value.seconds == 3
    assert api.sent == []


async def test_a_blocked_user_or_vanished_chat_is_unavailable(
    api: FakeTelegram, sender: TelegramAdapter
) -> None:
    api.block(42)
    api.block(-55)
    api.delete_chat(-100900)
    for key, reason in [
        ("42", "blocked by the user"),
        ("-55", "kicked from the group"),
        ("-100900", "chat not found"),
    ]:
        with pytest.raises(ChatUnavailable, match=f"(?i){reason}"):
            await sender.send_part(key, {"text": "hi"})
    assert await sender.send_part("43", {"text": "hi"}) == "1"


async def test_a_migrated_group_names_its_new_id(
    api: FakeTelegram, sender: TelegramAdapter
) -> None:
    api.migrate(-4001, -1004001)
    with pytest.raises(ChatMoved) as caught:
        await sender.send_part("-4001", {"text": "hi"})
    assert caught.value.new_chat_key == "-1004001"
    assert await sender.send_part(caught.value.new_chat_key, {"text": "hi"})
    assert api.texts(-1004001) == ["hi"]
    api.inject(migrated(-1009999), chat_id=-4002)
    with pytest.raises(ChatMoved, match="-1009999"):
        await sender.send_part("-4002", {"text": "hi"})


async def test_a_timeout_is_transient(api: FakeTelegram, sender: TelegramAdapter) -> None:
    api.inject(slow(2.0), chat_id=42)
    started = time.monotonic()
    with pytest.raises(TransientError):
        await sender.send_part("42", {"text": "lost on the way"})
    assert time.monotonic() - started < 1.9
    # A timeout does not tell whether Telegram delivered: delivery records the attempt.
    api.inject(slow(1.5, delivered=True), chat_id=42)
    with pytest.raises(TransientError):
        await sender.send_part("42", {"text": "delivered, answer lost"})
    assert api.texts(42) == ["delivered, answer lost"]


async def test_an_unreachable_api_is_transient() -> None:
    api = FakeTelegram()
    await api.start()
    adapter = TelegramAdapter(telegram_settings(api), never, receive_updates=False, timeout_s=1.0)
    await adapter.start()
    await api.stop()
    try:
        with pytest.raises(TransientError):
            await adapter.send_part("42", {"text": "hi"})
    finally:
        await adapter.stop()


async def test_refused_html_is_resent_as_plain_text_and_logged_once(
    api: FakeTelegram, sender: TelegramAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    [part] = sender.render(Reply(sections=[Section(None, [CARD])]))
    api.inject(cant_parse('Unsupported start tag "x" at byte offset 3'), chat_id=42)
    with caplog.at_level(logging.WARNING, logger="bot.adapters.telegram"):
        assert await sender.send_part("42", part) == "1"
    [plain] = api.sent
    assert "parse_mode" not in plain.params
    assert plain.text.startswith("Umerov meets <KNDS>")
    assert f"Ukrinform ({CARD.url})" in plain.text
    [warning] = [r for r in caplog.records if r.name == "bot.adapters.telegram"]
    assert "plain text" in warning.getMessage()
    assert 'unsupported start tag "x"' in warning.getMessage().lower()


async def test_text_telegram_finds_too_long_goes_out_in_smaller_pieces(
    api: FakeTelegram, sender: TelegramAdapter
) -> None:
    words = " ".join(f"<b>w{n}</b> &amp;" for n in range(900))  # 5,000+ visible characters
    first = await sender.send_part("42", {"text": words, "parse_mode": "HTML"})
    assert first == "1"
    texts = api.texts(42)
    assert len(texts) >= 2 and all(utf16_len(t) <= 4096 for t in texts)
    assert " ".join(texts).split() == parse_html(words)[0].split()
    assert api.calls_to("sendMessage")[0].status == 400  # the real check, not an injected one


async def test_a_part_refused_as_too_long_is_split_further(
    api: FakeTelegram, sender: TelegramAdapter
) -> None:
    [part] = sender.render(Reply(sections=[Section("KNDS", [CARD, CARD, CARD])]))
    api.inject(TOO_LONG, chat_id=42)
    await sender.send_part("42", part)
    texts = api.texts(42)
    assert len(texts) == 3  # cut between cards
    assert "\n\n".join(texts) == parse_html(part["text"])[0]


async def test_flood_control_between_pieces_waits_instead_of_repeating_them(
    api: FakeTelegram, sender: TelegramAdapter
) -> None:
    api.inject(TOO_LONG, chat_id=42)
    api.inject(retry_after(1), chat_id=42, after=1)  # the first piece passes, the second waits
    await sender.send_part("42", {"text": "first half\n\nsecond half"})
    assert api.texts(42) == ["first half", "second half"]


async def test_send_part_before_start_is_a_programming_error(api: FakeTelegram) -> None:
    adapter = TelegramAdapter(telegram_settings(api), never, receive_updates=False)
    with pytest.raises(RuntimeError, match="start"):
        await adapter.send_part("42", {"text": "hi"})


async def test_a_rejected_token_stops_the_start_without_showing_it(api: FakeTelegram) -> None:
    bad = "987654321:AAWrongTokenWrongTokenWrongToken-xyz"
    adapter = TelegramAdapter(telegram_settings(api, telegram_token=bad), never)
    with pytest.raises(StartupError, match="rejected the bot token") as caught:
        await adapter.start()
    assert bad not in str(caught.value)
    assert [c.status for c in api.calls] == [401]


async def test_an_unreachable_api_stops_the_start() -> None:
    async with FakeTelegram() as api:
        url = api.base_url
    adapter = TelegramAdapter(
        Settings(telegram_token=TOKEN, telegram_api_url=url), never, timeout_s=1.0
    )
    with pytest.raises(StartupError, match="127.0.0.1"):
        await adapter.start()


async def test_the_token_never_reaches_the_logs(
    api: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = TelegramAdapter(telegram_settings(api), never, receive_updates=False)
    with caplog.at_level(logging.DEBUG):
        await adapter.start()
        await adapter.send_part("42", {"text": "hi"})
        try:
            raise RuntimeError(f"POST {api.base_url}{TOKEN}/sendMessage failed")
        except RuntimeError:
            logging.getLogger("telegram.ext.Updater").exception("polling failed")
        await adapter.stop()
    # The URLs were logged (httpx at INFO, PTB at DEBUG), with the token blanked out.
    assert f"{api.base_url}<redacted>/sendMessage" in caplog.text
    assert "Set Bot API URL" in caplog.text
    assert "polling failed" in caplog.text and "RuntimeError: POST" in caplog.text
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text
    # The filters come off at stop: nothing global stays behind.
    assert not logging.getLogger("httpx").filters
    assert not logging.getLogger("telegram.ext.ExtBot").filters
