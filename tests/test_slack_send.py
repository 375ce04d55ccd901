"""Sending through the real AsyncWebClient to the fake Web API: results and error mapping."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator

import pytest

from bot.adapters import slack as slack_module
from bot.adapters.base import StartupError
from bot.adapters.slack import SlackAdapter
from bot.core.reply import Card, Reply, Section
from bot.delivery.errors import ChatUnavailable, PermanentError, RetryAfter, TransientError
from tests.fake_slack import BOT_TOKEN, FakeSlack
from tests.platforms import never, slack_settings


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        yield fake


@pytest.fixture
async def sender(slack: FakeSlack) -> AsyncIterator[SlackAdapter]:
    adapter = SlackAdapter(slack_settings(slack.api_url), never, receive_requests=False)
    await adapter.start()
    yield adapter
    await adapter.stop()


PART = {"text": "hello", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]}


async def test_send_part_posts_blocks_and_returns_ts(slack: FakeSlack,
                                                     sender: SlackAdapter) -> None:
    reply = Reply(sections=[Section("KNDS", [Card("Umerov meets KNDS", "https://e.example/1")])])
    [part] = sender.render(reply)
    ts = await sender.send_part("C0NEWS", part)
    [posted] = slack.posted
    assert ts == posted.ts and posted.channel == "C0NEWS"
    assert posted.blocks == part["blocks"] and posted.text == part["text"]
    assert slack.auth_headers[-1] == BOT_TOKEN
    assert sender.port is None  # sender-only: no HTTP endpoint
    assert sender.chat_interval("C0NEWS") == 1.0


async def test_429_becomes_retry_after_at_once(slack: FakeSlack, sender: SlackAdapter) -> None:
    slack.rate_limit(1, channel="C0BUSY", retry_after=30)
    started = time.monotonic()
    with pytest.raises(RetryAfter) as caught:
        await sender.send_part("C0BUSY", PART)
    # Delivery waits, not the client: no silent sleep of 30 s inside send_part.
    assert time.monotonic() - started < 2
    assert caught.value.seconds == 30
    assert slack.calls["chat.postMessage"] == 1
    assert await sender.send_part("C0BUSY", PART)


@pytest.mark.parametrize(
    "error", ["not_in_channel", "channel_not_found", "is_archived", "account_inactive"]
)
async def test_unreachable_channels_are_chat_unavailable(
    slack: FakeSlack, sender: SlackAdapter, error: str
) -> None:
    slack.fail("C0GONE", error)
    with pytest.raises(ChatUnavailable, match=error):
        await sender.send_part("C0GONE", PART)
    assert await sender.send_part("C0OTHER", PART)


async def test_other_refusals_are_permanent(slack: FakeSlack, sender: SlackAdapter) -> None:
    too_many = {"text": "x", "blocks": [PART["blocks"][0]] * 51}
    with pytest.raises(PermanentError, match="invalid_blocks"):
        await sender.send_part("C0NEWS", too_many)
    slack.fail("C0NEWS", "restricted_action")
    with pytest.raises(PermanentError, match="restricted_action"):
        await sender.send_part("C0NEWS", PART)
    assert not slack.posted


async def test_server_errors_and_slack_hiccups_are_transient(
    slack: FakeSlack, sender: SlackAdapter
) -> None:
    slack.faults.server_errors = 1
    with pytest.raises(TransientError, match="503"):
        await sender.send_part("C0NEWS", PART)
    slack.fail("C0NEWS", "internal_error")
    with pytest.raises(TransientError, match="internal_error"):
        await sender.send_part("C0NEWS", PART)


async def test_unreachable_api_is_transient() -> None:
    async with FakeSlack() as fake:
        adapter = SlackAdapter(slack_settings(fake.api_url), never, receive_requests=False)
        await adapter.start()
    # The fake is gone now: nothing answers at its address.
    try:
        with pytest.raises(TransientError):
            await adapter.send_part("C0NEWS", PART)
    finally:
        await adapter.stop()


async def test_slow_api_times_out_as_transient(slack: FakeSlack,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slack_module, "_TIMEOUT", 0.3)
    adapter = SlackAdapter(slack_settings(slack.api_url), never, receive_requests=False)
    await adapter.start()
    slack.faults.delay = 1
    started = time.monotonic()
    try:
        with pytest.raises(TransientError):
            await adapter.send_part("C0NEWS", PART)
    finally:
        await adapter.stop()
    assert time.monotonic() - started < 0.9


async def test_invalid_token_stops_the_start_with_one_line(slack: FakeSlack) -> None:
    settings = slack_settings(slack.api_url, slack_bot_token="xoxb-revoked")
    adapter = SlackAdapter(settings, never)
    with pytest.raises(StartupError) as caught:
        await adapter.start()
    message = str(caught.value)
    assert message == "Slack rejected BRIEFBOT_SLACK_BOT_TOKEN (invalid_auth)"
    assert "xoxb" not in message and "\n" not in message
    assert adapter.port is None and slack.calls == {"auth.test": 1}


async def test_unreachable_api_at_start_is_one_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    adapter = SlackAdapter(slack_settings(f"http://127.0.0.1:{port}/api/"), never)
    with pytest.raises(StartupError, match="cannot reach the Slack Web API"):
        await asyncio.wait_for(adapter.start(), 15)
