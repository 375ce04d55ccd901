"""Small promises: topic case in /unfollow, site: takes a domain, --help names its settings,
a source never polled says so."""

from __future__ import annotations

from tests.cli import briefbot
from tests.platforms import say
from tests.site import rss


async def test_unfollow_and_latest_read_a_topics_case_alike(core):
    assert (await say(core, "/follow KNDS")).startswith("Following KNDS")
    assert "Nothing on knds yet" in await say(core, "/latest knds")
    assert await say(core, "/unfollow knds") == "Stopped following KNDS."
    assert "You follow nothing yet" in await say(core, "/following")
    assert "You don't follow knds" in await say(core, "/unfollow knds")


async def test_follow_site_takes_a_domain_not_an_address_or_a_port(core):
    assert "not an IP address" in await say(core, "/follow KNDS site:10.0.0.12")
    assert "not an IP address" in await say(core, "/follow site:[::1]")
    assert "without a port" in await say(core, "/follow KNDS site:ukrinform.net:8080")
    assert "You follow nothing yet" in await say(core, "/following")
    assert (await say(core, "/follow KNDS site:https://www.ukrinform.net/news")).startswith(
        "Following KNDS site:https://www.ukrinform.net/news")


def test_help_texts_show_defaults_and_the_settings_that_change_them(tmp_path):
    poll = briefbot(tmp_path, "poll", "--help")
    assert poll.returncode == 0
    text = " ".join(poll.stdout.split())
    assert "BRIEFBOT_HOST_SPACING_SECONDS (default 1.0)" in text
    add = " ".join(briefbot(tmp_path, "sources", "add", "--help").stdout.split())
    assert "BRIEFBOT_ALLOW_PRIVATE_SOURCES (default off)" in add
    brief = " ".join(briefbot(tmp_path, "brief", "--help").stdout.split())
    assert "(default: json)" in brief
    run = " ".join(briefbot(tmp_path, "run", "--help").stdout.split())
    assert "(default: all)" in run and "BRIEFBOT_TELEGRAM_TOKEN (default unset)" in run


def test_a_source_never_polled_says_so(tmp_path, feed_server):
    feed_server.add("/feed.xml", rss(feed_server, []))
    assert briefbot(tmp_path, "sources", "add", feed_server.url("/feed.xml")).returncode == 0
    assert briefbot(tmp_path, "sources", "list").stdout.rstrip().endswith("\tnever polled")
    assert briefbot(tmp_path, "poll", "--once").returncode == 0
    assert briefbot(tmp_path, "sources", "list").stdout.rstrip().endswith("\tok")
