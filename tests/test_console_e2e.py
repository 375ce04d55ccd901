"""End to end on the embedded default: a local feed, a poll, and the commands in a console chat."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.feedserver import FeedServer
from tests.platforms import say
from tests.site import serve_site


@pytest.fixture
def site():
    with FeedServer() as server:
        yield server


async def test_follow_latest_briefing_on_a_polled_feed(core, site):
    core.store.add_source(serve_site(site))
    reports = await core.poll_once()
    assert [r.error for r in reports] == [None]
    assert len(reports[0].new) == 2

    answer = await say(core, "/follow KNDS")
    assert answer.startswith("Following KNDS")
    assert "1 recent article matches: /latest KNDS shows the newest." in answer
    assert "KNDS Deutschland" in answer, "the names the topic also catches"

    latest = await say(core, "/latest KNDS")
    assert "KNDS Deutschland and Lithuania sign howitzer deal" in latest
    assert site.url("/news/knds-order.html") in latest
    assert "Gdansk" not in latest

    assert "KNDS" in await say(core, "/following")
    briefing = await say(core, "/briefing")
    assert "howitzer" in briefing and "Gdansk" not in briefing
    again = await say(core, "/briefing")
    assert "Nothing new on KNDS" in again, "briefed articles are not repeated"
    assert "Stopped following KNDS" in await say(core, "/unfollow KNDS")
    assert "You follow nothing" in await say(core, "/following")


async def test_the_seed_story_through_the_feed(core, site, seed_text):
    core.store.add_source(serve_site(site, seed_text))
    await core.poll_once()
    await say(core, "/follow KNDS")
    latest = await say(core, "/latest Umerov")
    assert "Umerov discusses joint production of ammunition" in latest
    assert "Rustem Umerov" in latest and site.url("/news/umerov-knds.html") in latest


async def test_why_shows_the_sentences_the_meetings_were_read_from(core, site, seed_text):
    core.store.add_source(serve_site(site, seed_text))
    await core.poll_once()
    latest = await say(core, "/latest Umerov")
    why = await say(core, "/why Umerov")
    assert why.startswith("Latest on Umerov, and where it says so:")
    assert "From the text: “" in why and "From the text" not in latest
    quoted = why.split("From the text: “", 1)[1].split("”", 1)[0]
    assert "Umerov" in quoted and "KNDS" in quoted
    assert " ".join(quoted.split()) in " ".join(seed_text.split()), "quoted from the text"
    assert "Nothing on Gdansk terminal cranes yet" in await say(
        core, "/why Gdansk terminal cranes")
    assert "Name a topic, e.g. /why KNDS" in await say(core, "/why")


async def test_a_second_poll_stores_nothing_twice(core, site):
    core.store.add_source(serve_site(site))
    await core.poll_once()
    source = core.store.sources()[0]
    core.store.record_poll(source.id, next_poll_at=source.created_at)
    reports = await core.poll_once()
    assert reports[0].new == [] and core.store.article_count() == 2


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/follow", "Tell me what to follow"),
        ("/follow " + "x" * 5000, "100"),
        ("/follow <b>KNDS</b>", "plain text"),
        ("/follow KNDS\x00\x07", "control"),
        ("/frobnicate", "I don't know /frobnicate"),
        ("/time 25:99", "24-hour clock"),
        ("/timezone Mars/Base", "Unknown time zone"),
        ("/alerts maybe", "/alerts on"),
        ("/latest", "Name a topic"),
        ("/addsource ftp://example.com/feed", "Give the site or feed address"),
        ("hello", "Try /help"),
        ("/unfollow KNDS", "You don't follow KNDS"),
    ],
)
async def test_wrong_use_gets_a_short_helpful_answer(core, command, expected):
    answer = await say(core, command)
    assert expected.lower() in answer.lower()
    assert "Traceback" not in answer and len(answer) < 400


async def test_alerts_a_failure_kept_from_the_outbox_come_with_the_next_pass(
    core, site, monkeypatch
):
    """The article is stored, then queueing its alert fails (the database went away between
    the two): the alert is not lost, the next pass queues it, once."""
    import bot.core.alerts as alerts

    core.store.add_source(serve_site(site))
    await say(core, "/follow KNDS")
    await say(core, "/alerts on")
    queue = alerts.queue_message

    def gone(*args, **kwargs):
        raise ConnectionError("the database went away")

    monkeypatch.setattr(alerts, "queue_message", gone)
    await core.poll_once()
    assert [d for d in core.store.deliveries() if d.kind == "alert"] == []
    monkeypatch.setattr(alerts, "queue_message", queue)
    await core.poll_once()
    await core.poll_once()
    sent = [d for d in core.store.deliveries() if d.kind == "alert"]
    assert len(sent) == 1 and "howitzer" in sent[0].payload


async def test_settings_commands_change_the_chat(core):
    assert "07:30" in await say(core, "/time 7:30")
    assert "Europe/Kyiv" in await say(core, "/timezone Europe/Kyiv")
    assert "Alerts on" in await say(core, "/alerts on")
    row = core.store.chat("console", "local")
    assert (row.briefing_time, row.timezone, row.alerts) == ("07:30", "Europe/Kyiv", True)
    assert "/follow TOPIC" in await say(core, "/help")


async def test_admin_commands_are_refused_to_others(core):
    from bot.core.chat import ChatRef

    chat = ChatRef("telegram", "555", "private")
    reply = await core.handle_command(chat, "/addsource https://example.com/feed", "555")
    assert "Only the bot's admins" in reply.text


def test_briefbot_chat_in_a_terminal(tmp_path, site):
    """The real console command, fed by a pipe, on a database a poll filled."""
    env = {**os.environ, "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
           "BRIEFBOT_ALLOW_PRIVATE_SOURCES": "1", "BRIEFBOT_CONFIG": str(tmp_path / "none.toml"),
           "BRIEFBOT_HOST_SPACING_SECONDS": "0"}
    (tmp_path / "none.toml").write_text("")
    briefbot = [sys.executable, "-m", "bot.cli"]
    added = subprocess.run([*briefbot, "sources", "add", serve_site(site)], env=env,
                           capture_output=True, text=True, timeout=120)
    assert added.returncode == 0 and "Added Defence Desk" in added.stdout, added.stderr
    polled = subprocess.run([*briefbot, "poll", "--once"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert "2 new" in polled.stdout, polled.stdout + polled.stderr
    chat = subprocess.run([*briefbot, "chat"], env=env, input="/follow KNDS\n/latest KNDS\n",
                          capture_output=True, text=True, timeout=120)
    assert chat.returncode == 0, chat.stderr
    assert "Following KNDS" in chat.stdout and "howitzer" in chat.stdout
