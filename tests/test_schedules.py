"""Daily briefings and instant alerts through the core, delivered by the console adapter."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.adapters.console import CONSOLE_CHAT, ConsoleAdapter
from bot.briefing import Brief, Entities
from tests.conftest import telegram_chat
from tests.feedserver import FeedServer
from tests.site import serve_site


def _brief(n: int, title: str, text: str, orgs: list[str]) -> Brief:
    return Brief(title=title, url=f"https://news.example/{n}", site="Example",
                 published="2025-03-04", bullets=[text[:100]],
                 entities=Entities(organizations=orgs), text=text)


@pytest.fixture
def console(core):
    out = io.StringIO()
    core.add_adapter(ConsoleAdapter(out))
    return out


async def _command(core, text: str) -> str:
    return (await core.handle_command(CONSOLE_CHAT, text, "local")).text


async def test_the_daily_briefing_comes_once_at_local_time(core, console):
    await _command(core, "/follow KNDS")
    await _command(core, "/timezone Europe/Berlin")
    core.ingest_brief(_brief(1, "KNDS wins an order", "KNDS Deutschland won an order.", ["KNDS"]))
    chat = core.store.chat("console", "local")
    # The first 07:59 in Berlin after now: no 08:00 slot lies between the chat's start and it
    # (a fixed "tomorrow 06:59 UTC" had one between midnight and 07:00 UTC).
    berlin = datetime.now(ZoneInfo("Europe/Berlin"))
    before = berlin.replace(hour=7, minute=59, second=0, microsecond=0)
    if before <= berlin:
        before += timedelta(days=1)
    before = before.astimezone(UTC)
    after = before + timedelta(minutes=2)
    assert core.queue_due_briefings(before) == 0
    assert core.queue_due_briefings(after) == 1
    assert core.queue_due_briefings(after + timedelta(minutes=5)) == 0, "not twice"
    await core.sender.drain()
    assert "KNDS wins an order" in console.getvalue()
    assert core.store.chat_by_id(chat.id).last_briefing_at == after


async def test_an_empty_day_is_skipped_or_noticed_as_the_chat_wants(core, console):
    await _command(core, "/follow Nexter")
    now = datetime.now(UTC) + timedelta(days=1)
    assert core.queue_due_briefings(now) == 0, "skip is the default"
    await _command(core, "/emptydays notice")
    assert core.queue_due_briefings(now + timedelta(days=1)) == 1
    await core.sender.drain()
    assert "Nothing new on Nexter" in console.getvalue()


async def test_an_invalid_stored_time_zone_falls_back_with_a_note(core, console):
    await _command(core, "/follow KNDS")
    chat = core.store.chat("console", "local")
    core.store.update_chat(chat.id, timezone="Mars/Base")
    core.queue_due_briefings(datetime.now(UTC) + timedelta(days=1))
    assert core.store.chat_by_id(chat.id).timezone == "UTC"
    await core.sender.drain()
    assert "'Mars/Base' is not valid" in console.getvalue()


async def test_alerts_go_out_in_the_same_polling_cycle_once_per_story(core, console):
    await _command(core, "/follow KNDS")
    await _command(core, "/alerts on")
    with FeedServer() as site:
        core.store.add_source(serve_site(site))
        await core.poll_once()
    await core.sender.drain()
    printed = console.getvalue()
    assert printed.count("New on KNDS") == 1 and "howitzer deal" in printed
    assert "Gdansk" not in printed


async def test_a_new_follow_reports_the_backlog_instead_of_sending_it(core, console):
    with FeedServer() as site:
        core.store.add_source(serve_site(site))
        await core.poll_once()
    answer = await _command(core, "/follow KNDS")
    assert "1 recent article matches: /latest KNDS shows the newest." in answer
    await core.sender.drain()
    assert console.getvalue() == "", "nothing was pushed"


def test_failed_deliveries_are_listed(tmp_path):
    from bot.store import Store

    database = f"sqlite:///{tmp_path / 'd.db'}"
    store = Store.open(database)
    chat = telegram_chat(store, "9")
    store.enqueue(chat.id, "alert", "story:1", "{}")
    store.finish_delivery(store.deliveries()[0].id, "failed", "Forbidden: bot was blocked")
    store.close()
    env = {"BRIEFBOT_DATABASE_URL": database, "BRIEFBOT_CONFIG": str(tmp_path / "none.toml")}
    (tmp_path / "none.toml").write_text("")
    result = subprocess.run([sys.executable, "-m", "bot.cli", "deliveries", "--failed"],
                            env={**os.environ, **env}, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0
    assert "failed: 1" in result.stdout and "bot was blocked" in result.stdout


async def test_a_failing_source_is_paused_and_the_admins_are_told(tmp_path):
    from bot.app import build_core
    from bot.sources.schedule import PAUSE_AFTER_ERRORS
    from tests.conftest import make_settings

    core = build_core(make_settings(tmp_path, admins=frozenset({"console:local"})))
    out = io.StringIO()
    core.add_adapter(ConsoleAdapter(out))
    await core.handle_command(CONSOLE_CHAT, "/help", "local")
    with FeedServer() as site:
        site.add("/broken.xml", "upstream exploded", status=500, content_type="text/plain")
        core.store.add_source(site.url("/broken.xml"))
        for _ in range(PAUSE_AFTER_ERRORS):
            source = core.store.sources()[0]
            core.store.record_poll(source.id, next_poll_at=source.created_at)
            reports = await core.poll_once()
            assert reports[0].error
    source = core.store.sources()[0]
    assert source.paused and source.consecutive_errors == PAUSE_AFTER_ERRORS
    await core.sender.drain()
    assert "Source paused after repeated failures" in out.getvalue()
    listing = (await core.handle_command(CONSOLE_CHAT, "/sources", "local")).text
    assert "paused" in listing
    core.store.close()


async def test_a_story_from_several_outlets_comes_once_in_the_briefing(core, console):
    story = ("Lithuania's Defence Minister met the management of KNDS Deutschland in Munich "
             "on Monday, and the two sides signed a contract for eighteen self-propelled "
             "howitzers, with deliveries starting next year and a joint repair centre planned "
             "in Lithuania for the artillery battalion that will operate them.")
    await _command(core, "/follow KNDS")
    first = _brief(1, "Lithuania buys howitzers from KNDS", story, ["KNDS Deutschland"])
    second = _brief(2, "KNDS Deutschland wins Lithuanian order", story + " Reuters.",
                    ["KNDS Deutschland"])
    second.site = "Wire Service"
    core.ingest_brief(first)
    core.ingest_brief(second)
    reply = await core.handle_command(CONSOLE_CHAT, "/briefing", "local")
    cards = reply.cards()
    assert len(cards) == 1, [c.title for c in cards]
    assert {cards[0].site, *cards[0].also_reported_by} == {"Example", "Wire Service"}
    assert len(cards[0].also_reported_by) == 1
