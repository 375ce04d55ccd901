"""The core's use cases as the running bot calls them: a command that needs the network runs
its I/O on the bot's own event loop, not on a second loop started in a worker thread."""

from __future__ import annotations

import asyncio
import threading

from bot import poller
from bot.adapters.console import CONSOLE_CHAT
from tests.site import rss


async def test_addsource_discovers_the_feed_on_the_running_loop(core, feed_server, monkeypatch):
    feed_server.add("/feed.xml", rss(feed_server, []))
    loop_thread = threading.get_ident()
    threads = []
    real_fetch = poller.fetch

    async def fetch_here(*args, **kwargs):
        threads.append(threading.get_ident())
        return await real_fetch(*args, **kwargs)

    def no_second_loop(*args, **kwargs):
        raise AssertionError("asyncio.run inside the running loop's worker thread")

    monkeypatch.setattr(poller, "fetch", fetch_here)
    monkeypatch.setattr(asyncio, "run", no_second_loop)
    url = feed_server.url("/feed.xml")
    reply = await core.handle_command(CONSOLE_CHAT, f"/addsource {url}", "local")
    assert reply.text.startswith("Added"), reply.text
    assert threads == [loop_thread]
    assert [source.url for source in core.store.sources()] == [url]


def test_addsource_outside_a_loop_runs_its_own(core, feed_server):
    feed_server.add("/feed.xml", rss(feed_server, []))
    reply = core.commands.handle(CONSOLE_CHAT, f"/addsource {feed_server.url('/feed.xml')}")
    assert reply.text.startswith("Added"), reply.text

