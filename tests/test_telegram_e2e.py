"""The whole bot on Telegram: the real core on SQLite, the real PTB client, the fake Bot API.

Commands come in through getUpdates; briefings and alerts go out through the delivery outbox.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.adapters.telegram import COMMANDS, TelegramAdapter
from bot.briefing import Brief
from bot.config import Settings
from bot.core.bot import Core
from tests.fake_telegram import TOKEN, FakeTelegram, retry_after, utf16_len
from tests.platforms import running_core

ADMIN = 7


@dataclass
class World:
    api: FakeTelegram
    core: Core
    adapter: TelegramAdapter

    async def ask(self, chat_id: int, *texts: str, user_id: int | None = None) -> list[str]:
        """Send commands to the bot in one chat; the bot's answers, once all have come."""
        before = len(self.api.texts(chat_id))
        for text in texts:
            self.api.push_message(chat_id, text, user_id=user_id)
        await self.api.wait_for(lambda: len(self.api.texts(chat_id)) >= before + len(texts), 10)
        return self.api.texts(chat_id)[before:]

    def chat(self, chat_id: int):  # noqa: ANN201 - a store row
        return self.core.store.chat("telegram", str(chat_id))

    def topics(self, chat_id: int) -> list[str]:
        return [sub.topic for sub in self.core.store.subscriptions(self.chat(chat_id).id)]


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with FakeTelegram() as api:
        settings = Settings(
            database_url=f"sqlite:///{tmp_path}/t.db",
            telegram_token=TOKEN,
            telegram_api_url=api.base_url,
            admins=frozenset({f"telegram:{ADMIN}"}),
            rate_limit=False,  # pacing is delivery's, tested there; here: outcomes
        )
        async with running_core(settings, TelegramAdapter, events=True) as (core, adapter):
            yield World(api, core, adapter)


def brief(n: int, topic: str = "KNDS") -> Brief:
    return Brief(
        title=f"{topic} story {n}: talks on <155mm> ammunition & repairs",
        url=f"https://news.example/{topic.lower()}/{n}",
        site="Ukrinform",
        published="2025-02-15",
        bullets=[f"{topic} met delegation number {n} in Munich", "Topics: ammunition; repairs"],
        text=f"{topic} article {n}. " + " ".join(f"w{n}x{i}" for i in range(80)),
    )


@pytest.mark.parametrize(
    ("chat_id", "kind", "suffix"),
    [(42, "private", ""), (-1009001, "group", "@briefbot_test_bot")],
)
async def test_every_command(world: World, chat_id: int, kind: str, suffix: str) -> None:
    def ask(*commands: str) -> Awaitable[list[str]]:
        # In groups, commands name the bot, as Telegram's menu writes them there.
        texts = []
        for command in commands:
            verb, space, args = command.partition(" ")
            texts.append(f"{verb}{suffix}{space}{args}")
        return world.ask(chat_id, *texts, user_id=42)

    start, followed = await ask("/start", "/follow KNDS")
    world.core.ingest_brief(brief(1))
    answers = await ask(
        "/following",
        "/latest KNDS",
        "/briefing",
        "/time 07:30",
        "/timezone Europe/Berlin",
        "/alerts on",
        "/emptydays skip",
        "/sources",
        "/removesource https://news.example/feed",
        "/unfollow KNDS",
        "/help",
    )
    assert "/follow TOPIC" in start and start == answers[-1]
    assert followed.startswith("Following KNDS")
    assert "You follow:\n• KNDS" in answers[0]
    assert answers[1].startswith("Latest on KNDS:")
    assert "KNDS story 1: talks on <155mm> ammunition & repairs" in answers[1]
    assert "KNDS story 1: talks on <155mm>" in answers[2]  # the briefing, now
    assert "07:30" in answers[3] and "Europe/Berlin" in answers[4]
    assert answers[5].startswith("Alerts on") and "stay quiet" in answers[6]
    assert answers[7].startswith(("Sources", "No sources"))
    assert answers[8] == "Only the bot's admins can remove sources."
    assert answers[9] == "Stopped following KNDS."
    chat = world.chat(chat_id)
    assert (chat.kind, chat.briefing_time, chat.timezone, chat.alerts) == (
        kind,
        "07:30",
        "Europe/Berlin",
        True,
    )
    # Every answer replied to its command, with HTML that Telegram accepted.
    assert all(s.params["parse_mode"] == "HTML" for s in world.api.sent)
    assert all("reply_parameters" in s.params for s in world.api.sent)


async def test_a_group_shares_one_set_of_follows(world: World) -> None:
    group = -1001234
    world.api.add_chat(group, "supergroup", "Defence desk")
    [followed] = await world.ask(group, "/follow@briefbot_test_bot KNDS", user_id=8)
    [listed] = await world.ask(group, "/following", user_id=9)
    [admin] = await world.ask(
        group, "/removesource@briefbot_test_bot https://x.example/feed", user_id=ADMIN
    )
    assert followed.startswith("Following KNDS") and "• KNDS" in listed
    assert admin == "No such source. /sources lists them with their addresses."
    chat = world.chat(group)
    assert (chat.kind, chat.title) == ("group", "Defence desk")
    assert world.topics(group) == ["KNDS"]
    assert world.chat(8) is None and world.chat(9) is None  # no per-user state


async def test_commands_for_another_bot_are_ignored(world: World) -> None:
    world.api.push_message(-5001, "/follow@OtherBot KNDS")
    [answer] = await world.ask(-5001, "/following@briefbot_test_bot")  # handled after it
    assert answer.startswith("You follow nothing yet")
    assert world.topics(-5001) == []


def test_the_menu_offers_exactly_the_cores_commands(world: World) -> None:
    assert [name for name, _ in COMMANDS] == world.core.commands.verbs


async def test_a_briefing_of_60_articles_arrives_in_parts_within_the_limit(world: World) -> None:
    await world.ask(42, "/follow KNDS")
    for n in range(60):
        world.core.ingest_brief(brief(n))
    assert world.core.queue_briefing(world.chat(42).id)
    await world.core.sender.drain()
    parts = world.api.sent[1:]
    assert len(parts) >= 2
    for part in parts:
        assert utf16_len(part.source) <= 4096 and utf16_len(part.text) <= 4096
        assert part.params["parse_mode"] == "HTML"
        assert part.params["link_preview_options"] == {"is_disabled": True}
        assert "reply_parameters" not in part.params
    text = "\n".join(part.text for part in parts)
    titles = [line for line in text.splitlines() if line.startswith("KNDS story")]
    assert sorted(titles) == sorted(brief(n).title for n in range(60))
    links = [e["url"] for part in parts for e in part.entities if e["type"] == "text_link"]
    assert sorted(links) == sorted(brief(n).url for n in range(60))


SINCE = re.compile(r"since \d\d \w{3} \d\d:\d\d UTC")


async def test_a_flood_storm_during_a_briefing_to_50_chats_loses_and_repeats_nothing(
    world: World,
) -> None:
    chats = [1000 + n for n in range(25)] + [-1000 - n for n in range(25)]
    for chat in chats:
        world.api.push_message(chat, "/follow KNDS")
    await world.api.wait_for(lambda: all(world.api.texts(chat) for chat in chats), 10)
    for n in range(40):
        world.core.ingest_brief(brief(n))
    for chat in chats:
        assert world.core.queue_briefing(world.chat(chat).id)
    world.api.inject(retry_after(1), times=len(chats))  # the first try of every chat...
    for chat in chats[::5]:  # ...and some chats again after their first part got through
        world.api.inject(retry_after(1), chat_id=chat, after=1)
    await world.core.sender.drain()
    assert sum(c.status == 429 for c in world.api.calls) == 50 + 10
    expected = None
    for chat in chats:
        # "since 07 Dec 00:46 UTC" is each chat's own start: chats that followed on either side
        # of a minute's turn differ there and nowhere else.
        received = [SINCE.sub("since", t) for t in world.api.texts(chat)[1:]]
        if expected is None:
            expected = received
            titles = [line for text in expected for line in text.splitlines() if "story" in line]
            assert len(expected) >= 2 and sorted(titles) == sorted(
                brief(n).title for n in range(40)
            )
        assert received == expected  # every part, once, in order
    assert {row.state for row in world.core.store.deliveries()} == {"sent"}


async def test_a_blocked_chat_is_set_aside_and_does_not_hold_up_the_others(world: World) -> None:
    chats = [42, 43, -7001, -7002]
    for chat in chats:
        await world.ask(chat, "/follow KNDS")
    world.core.ingest_brief(brief(1))
    world.api.block(43)
    world.api.block(-7001)
    for chat in chats:
        world.core.queue_briefing(world.chat(chat).id)
    await world.core.sender.drain()
    for chat in (42, -7002):
        assert "KNDS story 1" in world.api.texts(chat)[-1]
    for chat in (43, -7001):
        row = world.chat(chat)
        assert not row.active and re.search("blocked|kicked", row.inactive_reason)
        assert world.topics(chat) == ["KNDS"]  # the chat's data is kept
        assert len(world.api.texts(chat)) == 1  # only the /follow answer, from before
    # The user unblocks the bot and writes again: the chat is back, and told what happened.
    world.api.world.gone.pop(43)
    [answer] = await world.ask(43, "/following")
    assert answer.startswith("I could not post here before") and world.chat(43).active


async def test_a_group_that_became_a_supergroup_keeps_its_follows(world: World) -> None:
    await world.ask(-4001, "/follow KNDS")
    chat_id = world.chat(-4001).id
    world.api.migrate(-4001, -1004001)
    world.core.ingest_brief(brief(1))
    assert world.core.queue_briefing(chat_id)
    await world.core.sender.drain()
    assert "KNDS story 1" in world.api.texts(-1004001)[-1]
    assert world.chat(-4001) is None
    assert world.chat(-1004001).id == chat_id and world.topics(-1004001) == ["KNDS"]
    [answer] = await world.ask(-1004001, "/following")
    assert "• KNDS" in answer


async def test_an_alert_goes_out_when_a_matching_article_arrives(world: World) -> None:
    await world.ask(42, "/follow KNDS", "/alerts on")
    await world.ask(43, "/follow KNDS")  # alerts off: waits for the briefing
    world.core.ingest_brief(brief(7))
    world.core.ingest_brief(brief(8, topic="Rheinmetall"))
    await world.core.sender.drain()
    [alert] = world.api.sent[-1:]
    assert alert.chat_id == 42 and alert.text.startswith("New on KNDS:")
    assert "KNDS story 7" in alert.text and len(world.api.texts(43)) == 1


async def test_a_worker_process_sends_while_only_the_gateway_receives(world: World) -> None:
    worker = running_core(world.core.settings, TelegramAdapter, receive_updates=False)
    async with worker as (worker_core, _):
        await world.ask(42, "/follow KNDS")
        world.core.ingest_brief(brief(3))
        assert world.core.queue_briefing(world.chat(42).id)
        assert await worker_core.sender.drain() == 1
    assert "KNDS story 3" in world.api.texts(42)[-1]
    calls = [c.method for c in world.api.calls]
    assert calls.count("getMe") == 2  # both check the token...
    assert calls.count("setMyCommands") == calls.count("deleteWebhook") == 1  # ...one listens


async def test_added_to_a_group_the_bot_introduces_itself(world: World) -> None:
    world.api.set_membership(-5001, "member")
    await world.api.wait_for(lambda: world.api.texts(-5001), 10)
    assert "/follow" in world.api.texts(-5001)[0]
    # A private chat unblocking the bot gets no greeting: its user writes /start. The chat's
    # updates are handled in order, so the answer below comes after the membership update.
    world.api.set_membership(42, "member")
    [answer] = await world.ask(42, "/following")
    await world.api.wait_for(lambda: world.api.pending_updates == 0)
    assert answer.startswith("You follow nothing yet") and world.api.texts(42) == [answer]


async def test_a_chat_that_blocks_the_bot_is_set_aside_at_once(world: World) -> None:
    await world.ask(44, "/follow KNDS")
    world.core.ingest_brief(brief(1))
    world.api.set_membership(44, "kicked")
    await world.api.wait_for(lambda: not world.chat(44).active, 10)
    assert world.chat(44).inactive_reason == "the user blocked the bot"
    assert world.topics(44) == ["KNDS"]
    world.api.set_membership(44, "member")
    [answer] = await world.ask(44, "/following")
    assert answer.startswith("I could not post here before") and world.chat(44).active


async def test_a_supergroup_finds_its_follows_right_after_the_upgrade(world: World) -> None:
    await world.ask(-4002, "/follow KNDS")
    world.api.migrate(-4002, -1004002)
    # The first words in the new supergroup come before any briefing found out the move.
    [answer] = await world.ask(-1004002, "/following")
    assert "• KNDS" in answer
    assert world.chat(-4002) is None
