"""The whole bot behind Slack: signed slash commands to the running app, the real core on SQLite,
delivery through the fake Web API."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.adapters.slack import EVENTS_PATH, SlackAdapter
from bot.briefing import Brief
from bot.briefing.brief import Entities
from bot.config import Settings
from bot.core.bot import Core
from bot.core.reply import Reply
from tests.fake_slack import (
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    FakeSlack,
    mention_body,
    message_problem,
    send_signed,
    slash_body,
)
from tests.platforms import eventually, running_core

ADMIN = "U0ADMIN"


@dataclass
class Bot:
    slack: FakeSlack
    core: Core
    adapter: SlackAdapter
    http: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.adapter.port}{EVENTS_PATH}"

    async def command(self, command: str, text: str = "", *, channel: str = "C0NEWS",
                      user: str = "U0ALICE") -> list[dict[str, Any]]:
        """Send a signed slash command; wait for and return the answers to its response_url."""
        response_url = self.slack.new_response_url()
        body = slash_body(command, text, channel=channel, channel_name=channel.lower(),
                          user=user, response_url=response_url)
        started = time.monotonic()
        status, _ = await send_signed(self.http, self.url, body)
        assert status == 200 and time.monotonic() - started < 3
        await eventually(lambda: self.slack.responded(response_url), 10)
        await asyncio.sleep(0.05)  # let any further parts of a long answer land
        return self.slack.responded(response_url)

    async def say(self, command: str, text: str = "", **kwargs: Any) -> str:
        """The text of a command's first answer."""
        return (await self.command(command, text, **kwargs))[0]["text"]

    def chat(self, key: str) -> Any:
        return self.core.store.chat("slack", key)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Bot]:
    async with FakeSlack() as slack, aiohttp.ClientSession() as http:
        settings = Settings(
            database_url=f"sqlite:///{tmp_path}/t.db",
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=slack.api_url,
            slack_port=0,
            admins=frozenset({f"slack:{ADMIN}"}),
            allow_private_sources=True,
            # Slack's pace is the sender's business (its own tests); here it would only add time.
            rate_limit=False,
        )
        async with running_core(settings, SlackAdapter) as (core, adapter):
            yield Bot(slack, core, adapter, http)


def _brief(n: int, topic: str = "KNDS") -> Brief:
    return Brief(
        title=f"Umerov discusses ammunition with {topic} leadership, report {n}",
        url=f"https://news.example/{topic.replace(' ', '-').lower()}/{n}?a=1&b=2",
        site="Ukrinform",
        published="2025-02-15",
        topics=[topic, "155mm ammunition"],
        entities=Entities(people=["Rustem Umerov"], organizations=[topic]),
        bullets=[f"Rustem Umerov met {topic} leadership <in Munich> & discussed item {n}",
                 "Topics: joint 155mm ammunition production; UAV systems", "15 Feb 2025"],
    )


def _card_titles(messages: list[dict[str, Any]]) -> list[str]:
    return [block["text"]["text"].split("|", 1)[1].split(">*", 1)[0]
            for message in messages for block in message["blocks"]
            if block["type"] == "section" and "accessory" in block]


async def test_every_command_over_slack(bot: Bot) -> None:
    assert "/follow TOPIC" in await bot.say("/help")
    assert "/follow TOPIC" in await bot.say("/start")
    assert (await bot.say("/follow", "KNDS")).startswith("Following KNDS")
    assert "You already follow KNDS" in await bot.say("/briefbot", "follow KNDS")
    assert "• KNDS" in await bot.say("/following")
    assert "Nothing on KNDS yet" in await bot.say("/latest", "KNDS")

    bot.core.ingest_brief(_brief(1))
    [latest] = await bot.command("/latest")
    assert _card_titles([latest]) == ["Umerov discusses ammunition with KNDS leadership, report 1"]
    card = latest["blocks"][1]["text"]["text"]
    assert "&lt;in Munich&gt; &amp; discussed" in card
    assert latest["blocks"][1]["accessory"]["url"] == "https://news.example/knds/1?a=1&b=2"

    briefing = await bot.command("/briefing")
    assert _card_titles(briefing) == [
        "Umerov discusses ammunition with KNDS leadership, report 1"]
    assert all(message["unfurl_links"] is False for message in briefing)

    assert "07:30" in await bot.say("/time", "07:30")
    assert "Europe/Kyiv" in await bot.say("/timezone", "Europe/Kyiv")
    assert "Alerts on" in await bot.say("/alerts", "on")
    assert "stay quiet" in await bot.say("/emptydays", "skip")
    chat = bot.chat("C0NEWS")
    assert (chat.briefing_time, chat.timezone, chat.alerts, chat.empty_briefing) == (
        "07:30", "Europe/Kyiv", True, "skip")

    assert "No sources yet" in await bot.say("/sources")
    refused = await bot.say("/addsource", "https://www.ukrinform.net/rss")
    assert "Only the bot's admins" in refused
    assert "No such source" in await bot.say("/removesource", "https://x.example/feed",
                                             user=ADMIN)
    assert "Stopped following KNDS" in await bot.say("/unfollow", "KNDS")
    assert "You follow nothing yet" in await bot.say("/briefbot", "following")


async def test_alert_goes_out_through_delivery(bot: Bot) -> None:
    await bot.say("/follow", "KNDS")
    await bot.say("/alerts", "on")
    bot.core.ingest_brief(_brief(7))
    await bot.core.sender.drain()
    [alert] = bot.slack.to("C0NEWS")
    assert alert.text.startswith("New on KNDS:")
    assert _card_titles([alert.body]) == [
        "Umerov discusses ammunition with KNDS leadership, report 7"]


async def test_mention_and_direct_message_reach_the_same_commands(bot: Bot) -> None:
    body = mention_body(f"<@{BOT_USER_ID}> follow KNDS", channel="C0TEAM")
    status, _ = await send_signed(bot.http, bot.url, body, json_body=True)
    assert status == 200
    await eventually(lambda: bot.slack.to("C0TEAM"), 10)
    assert bot.slack.to("C0TEAM")[0].text.startswith("Following KNDS")
    assert [s.topic for s in bot.core.store.subscriptions(bot.chat("C0TEAM").id)] == ["KNDS"]


async def test_sixty_article_briefing_is_split_within_block_kit_limits(bot: Bot) -> None:
    for topic in ("KNDS", "Rheinmetall"):
        await bot.say("/follow", topic)
    for n in range(30):
        bot.core.ingest_brief(_brief(n, "KNDS"))
        bot.core.ingest_brief(_brief(n, "Rheinmetall"))
    assert bot.core.queue_briefing(bot.chat("C0NEWS").id)
    await bot.core.sender.drain()
    messages = bot.slack.to("C0NEWS")
    assert len(messages) >= 3 and not bot.slack.rejected
    for message in messages:
        assert message_problem(message.body) is None and len(message.blocks) <= 50
    titles = _card_titles([m.body for m in messages])
    assert len(titles) == 60 == len(set(titles))
    headers = [b["text"]["text"] for m in messages for b in m.blocks if b["type"] == "header"]
    assert headers == ["KNDS", "Rheinmetall"]
    [row] = bot.core.store.deliveries()
    assert row.state == "sent" and row.parts_sent == len(messages)


async def test_rate_limited_briefing_to_fifty_channels_loses_and_repeats_nothing(bot: Bot) -> None:
    channels = [f"C0CH{n:03d}" for n in range(50)]
    await asyncio.gather(*(bot.say("/follow", "KNDS", channel=c) for c in channels))
    for n in range(12):
        bot.core.ingest_brief(_brief(n))
    for channel in channels:
        assert bot.core.queue_briefing(bot.chat(channel).id)
    # A 429 storm: the first 40 posts are refused with Retry-After.
    bot.slack.rate_limit(40, retry_after=1)
    started = time.monotonic()
    await bot.core.sender.drain()
    assert time.monotonic() - started < 20
    assert sum(1 for _, status, _ in bot.slack.rejected if status == 429) == 40

    per_channel = {c: bot.slack.to(c) for c in channels}
    first = [p.text for p in per_channel[channels[0]]]
    assert first
    for channel, posted in per_channel.items():
        assert [p.text for p in posted] == first, channel  # every part, once, in order
    assert len({p.ts for p in bot.slack.posted}) == len(bot.slack.posted)
    for row in bot.core.store.deliveries():
        assert row.state == "sent"
        expected = bot.adapter.render(Reply.from_dict(json.loads(row.payload)))
        assert [p.body["blocks"] for p in per_channel[row.chat_key]] == [
            part["blocks"] for part in expected]


async def test_not_in_channel_marks_it_inactive_and_the_next_command_says_invite(
    bot: Bot,
) -> None:
    await bot.say("/follow", "KNDS", channel="C0PRIVATE")
    bot.core.ingest_brief(_brief(3))
    bot.slack.fail("C0PRIVATE", "not_in_channel")
    assert bot.core.queue_briefing(bot.chat("C0PRIVATE").id)
    await bot.core.sender.drain()
    chat = bot.chat("C0PRIVATE")
    assert not chat.active and "not_in_channel" in chat.inactive_reason
    assert not bot.slack.posted
    [row] = bot.core.store.deliveries()
    assert row.state == "failed" and "not_in_channel" in row.last_error

    # The slash command still answers (response_url needs no membership) and says how to fix it.
    answer = await bot.say("/following", channel="C0PRIVATE")
    assert "/invite @briefbot" in answer and "not_in_channel" in answer
    assert bot.chat("C0PRIVATE").active
    answer = await bot.say("/following", channel="C0PRIVATE")
    assert "/invite" not in answer

