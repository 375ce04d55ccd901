"""Requests as Slack sends them, signed, to the running app: verification, ack, and answers."""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.adapters.base import StartupError
from bot.adapters.slack import EVENTS_PATH, SlackAdapter
from bot.adapters.slack_requests import command_text, mention_text
from bot.core.chat import ChatRef
from bot.core.reply import Card, Reply, Section
from tests.fake_slack import (
    APP_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    FakeSlack,
    mention_body,
    send_signed,
    signature_headers,
    slash_body,
)
from tests.platforms import eventually, slack_settings


@dataclass
class CoreDouble:
    """The caller's double: records commands; can hold an answer back or fail."""

    reply: Reply = field(default_factory=lambda: Reply(text="Following KNDS."))
    release: asyncio.Event | None = None
    calls: list[tuple[ChatRef, str, str | None]] = field(default_factory=list)
    called: asyncio.Event = field(default_factory=asyncio.Event)

    async def __call__(self, chat: ChatRef, text: str, user_id: str | None) -> Reply:
        self.calls.append((chat, text, user_id))
        self.called.set()
        if self.release is not None:
            await self.release.wait()
        if text == "/boom":
            raise RuntimeError("broken")
        return self.reply


@dataclass
class Running:
    slack: FakeSlack
    core: CoreDouble
    adapter: SlackAdapter
    http: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.adapter.port}{EVENTS_PATH}"

    async def command(self, command: str, text: str, **kwargs: object) -> tuple[int, str, str]:
        response_url = self.slack.new_response_url()
        body = slash_body(command, text, response_url=response_url, **kwargs)  # type: ignore[arg-type]
        status, answer = await send_signed(self.http, self.url, body)
        return status, answer, response_url


@pytest.fixture
async def app() -> AsyncIterator[Running]:
    async with FakeSlack() as slack, aiohttp.ClientSession() as http:
        core = CoreDouble()
        adapter = SlackAdapter(slack_settings(slack.api_url), core)
        await adapter.start()
        try:
            yield Running(slack, core, adapter, http)
        finally:
            await adapter.stop()


async def test_slash_command_is_acked_before_a_slow_answer(app: Running) -> None:
    app.core.release = asyncio.Event()
    started = time.monotonic()
    status, body, response_url = await app.command("/latest", "KNDS")
    acked = time.monotonic() - started
    assert status == 200 and body == "" and acked < 1.0
    # The search is still running: the ack did not wait for it.
    assert app.core.called.is_set() and not app.slack.responded(response_url)
    app.core.release.set()
    await eventually(lambda: app.slack.responded(response_url))
    [answer] = app.slack.responded(response_url)
    assert answer["response_type"] == "in_channel"
    assert answer["text"] == "Following KNDS."
    assert answer["blocks"][0]["text"]["text"] == "Following KNDS."


async def test_commands_reach_the_core_as_command_text(app: Running) -> None:
    await app.command("/follow", '"air defense"')
    await app.command("/briefbot", "follow KNDS", channel="D0DM", channel_name="directmessage",
                      user="U0BOB")
    await app.command("/briefbot", "")
    await eventually(lambda: len(app.core.calls) == 3)
    assert sorted(app.core.calls, key=lambda c: c[1]) == [
        (ChatRef("slack", "C0GENERAL", "channel", "general"), '/follow "air defense"', "U0ALICE"),
        (ChatRef("slack", "D0DM", "private", None), "/follow KNDS", "U0BOB"),
        (ChatRef("slack", "C0GENERAL", "channel", "general"), "/help", "U0ALICE"),
    ]


@pytest.mark.parametrize(
    ("secret", "age_s", "status"),
    [("wrong-secret", 0, 401), (None, 6 * 60, 401), (None, -6 * 60, 401), (None, 4 * 60, 200)],
)
async def test_signature_and_timestamp_are_verified(
    app: Running, secret: str | None, age_s: int, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    response_url = app.slack.new_response_url()
    body = slash_body("/follow", "KNDS", response_url=response_url)
    kwargs = {"secret": secret} if secret else {}
    got, _ = await send_signed(app.http, app.url, body, timestamp=int(time.time()) - age_s,
                               **kwargs)
    assert got == status
    if status == 401:
        await asyncio.sleep(0.2)
        assert not app.core.calls and not app.slack.responded(response_url)
        assert "refused a request with a bad signature" in caplog.text
        assert SIGNING_SECRET not in caplog.text
    else:
        await eventually(lambda: app.slack.responded(response_url))


async def test_tampered_body_and_missing_headers_are_rejected(app: Running) -> None:
    body = slash_body("/follow", "KNDS")
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    async with app.http.post(app.url, data=body, headers=form) as response:
        assert response.status == 401
    signed = {**form, **signature_headers(body)}
    async with app.http.post(app.url, data=body.replace("KNDS", "EVIL"),
                             headers=signed) as response:
        assert response.status == 401
    await asyncio.sleep(0.2)
    assert not app.core.calls


async def test_mention_is_a_command_answered_in_the_channel(app: Running) -> None:
    text = f"<@{BOT_USER_ID}> latest AT&amp;T <https://x.example/a|x.example>"
    status, _ = await send_signed(app.http, app.url, mention_body(text, thread_ts="1700.1"),
                                  json_body=True)
    assert status == 200
    await eventually(lambda: app.slack.posted)
    assert app.core.calls == [(ChatRef("slack", "C0GENERAL", "channel", None),
                               "/latest AT&T https://x.example/a", "U0ALICE")]
    [posted] = app.slack.posted
    assert posted.channel == "C0GENERAL" and posted.body["thread_ts"] == "1700.1"
    assert posted.text == "Following KNDS."


async def test_a_redelivered_event_is_answered_once(app: Running) -> None:
    first = mention_body(f"<@{BOT_USER_ID}> follow KNDS", event_id="Ev0RETRY")
    # Slack sends the same event again when it thinks the ack came too late.
    for body in (first, first, mention_body(f"<@{BOT_USER_ID}> following", event_id="Ev0NEXT")):
        status, _ = await send_signed(app.http, app.url, body, json_body=True)
        assert status == 200
    await eventually(lambda: len(app.slack.posted) >= 2)
    await asyncio.sleep(0.2)
    assert [text for _, text, _ in app.core.calls] == ["/follow KNDS", "/following"]
    assert len(app.slack.posted) == 2


async def test_direct_messages_are_commands_but_not_edits_or_bots(app: Running) -> None:
    def dm(event: dict[str, object], event_id: str) -> str:
        base = {"type": "message", "channel": "D0DM", "channel_type": "im", "user": "U0BOB",
                "ts": "1700000001.000100"}
        return json.dumps({"type": "event_callback", "team_id": "T0TEAM", "event_id": event_id,
                           "event": {**base, **event}})

    for n, event in enumerate([
        {"subtype": "message_changed"},
        {"bot_id": "B0OTHER", "text": "follow spam"},
        {"text": "following"},
    ]):
        status, _ = await send_signed(app.http, app.url, dm(event, f"Ev{n}"), json_body=True)
        assert status == 200
    await eventually(lambda: app.slack.posted)
    await asyncio.sleep(0.1)
    assert app.core.calls == [(ChatRef("slack", "D0DM", "private", None), "/following",
                               "U0BOB")]


async def test_url_verification_challenge_is_answered(app: Running) -> None:
    body = json.dumps({"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7",
                       "type": "url_verification"})
    status, answer = await send_signed(app.http, app.url, body, json_body=True)
    assert status == 200 and "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7" in answer


async def test_link_button_clicks_are_acknowledged(app: Running) -> None:
    payload = {"type": "block_actions", "team": {"id": "T0TEAM"}, "user": {"id": "U0ALICE"},
               "api_app_id": "A0APP", "channel": {"id": "C0GENERAL"},
               "actions": [{"action_id": "open_article", "block_id": "b1", "type": "button",
                            "action_ts": "1700000000.1"}],
               "response_url": app.slack.new_response_url(), "trigger_id": "1.2.3"}
    status, _ = await send_signed(app.http, app.url, urlencode({"payload": json.dumps(payload)}))
    assert status == 200
    assert not app.core.calls


async def test_long_answers_use_five_responses_then_messages_in_order(app: Running) -> None:
    cards = [Card(f"Article {n}", f"https://e.example/{n}", bullets=["x" * 900] * 3)
             for n in range(25)]
    app.core.reply = Reply(sections=[Section("KNDS", cards)])
    parts = len(app.adapter.render(app.core.reply))
    assert parts > 5
    _, _, response_url = await app.command("/briefing", "")
    await eventually(lambda: len(app.slack.posted) == parts - 5)
    answered = app.slack.responded(response_url) + [p.body for p in app.slack.posted]
    titles = [b["text"]["text"].split("|")[1].split(">")[0] for part in answered
              for b in part["blocks"] if b["type"] == "section"]
    assert titles == [f"Article {n}" for n in range(25)]
    # Messages to one channel keep Slack's pace of one a second.
    times = [p.at for p in app.slack.posted]
    assert all(later - earlier >= 0.95 for earlier, later in itertools.pairwise(times))


async def test_expired_response_url_falls_back_to_a_message(app: Running) -> None:
    response_url = app.slack.new_response_url()
    app.slack.faults.expired_response_urls.add(response_url.rsplit("/", 1)[1])
    body = slash_body("/following", "", response_url=response_url)
    await send_signed(app.http, app.url, body)
    await eventually(lambda: app.slack.posted)
    assert app.slack.posted[0].text == "Following KNDS."


async def test_a_failing_command_still_gets_an_answer(app: Running) -> None:
    _, _, response_url = await app.command("/boom", "")
    await eventually(lambda: app.slack.responded(response_url))
    assert "Sorry" in app.slack.responded(response_url)[0]["text"]


async def test_socket_mode_acks_envelopes_and_answers() -> None:
    async with FakeSlack() as slack:
        core = CoreDouble()
        adapter = SlackAdapter(slack_settings(slack.api_url, slack_app_token=APP_TOKEN), core)
        await adapter.start()
        try:
            assert adapter.port is None  # no HTTP endpoint in Socket Mode
            await asyncio.wait_for(slack.socket_connected.wait(), 3)
            response_url = slack.new_response_url()
            payload = {"command": "/briefbot", "text": "latest KNDS", "channel_id": "C0GENERAL",
                       "channel_name": "general", "user_id": "U0ALICE", "team_id": "T0TEAM",
                       "response_url": response_url, "trigger_id": "1.2.3"}
            ack = await slack.send_envelope("slash_commands", payload)
            assert ack["envelope_id"].startswith("env-")
            await eventually(lambda: slack.responded(response_url))
            assert core.calls[0][1] == "/latest KNDS"
        finally:
            await adapter.stop()


async def test_rejected_app_token_stops_the_start() -> None:
    async with FakeSlack() as slack:
        settings = slack_settings(slack.api_url, slack_app_token="xapp-revoked")
        adapter = SlackAdapter(settings, CoreDouble())
        with pytest.raises(StartupError, match=r"BRIEFBOT_SLACK_APP_TOKEN \(invalid_auth\)"):
            await adapter.start()


async def test_busy_port_stops_the_start() -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        async with FakeSlack() as slack:
            settings = slack_settings(slack.api_url, slack_port=taken.getsockname()[1])
            adapter = SlackAdapter(settings, CoreDouble())
            with pytest.raises(StartupError, match="cannot listen on BRIEFBOT_SLACK_PORT"):
                await adapter.start()


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("/follow", "KNDS", "/follow KNDS"),
        ("/latest", "", "/latest"),
        ("/briefbot", "follow  KNDS ", "/follow KNDS"),
        ("/briefbot", "/time 07:30", "/time 07:30"),
        ("/addsource", "<https://e.example/feed?a=1&amp;b=2>", "/addsource https://e.example/feed?a=1&b=2"),
        ("/follow", "&lt;b&gt; &amp; co", "/follow <b> & co"),
    ],
)
def test_command_text(command: str, text: str, expected: str) -> None:
    assert command_text(command, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<@U0BRIEFBOT> latest KNDS", "/latest KNDS"),
        ("hey <@U0BRIEFBOT|briefbot>  ", "/hey"),
        ("<@U0BRIEFBOT>", "/help"),
        ("<@U0BRIEFBOT> follow <#C123|general>", "/follow #general"),
        ("/timezone Europe/Berlin", "/timezone Europe/Berlin"),
    ],
)
def test_mention_text(text: str, expected: str) -> None:
    assert mention_text(text, "U0BRIEFBOT") == expected
