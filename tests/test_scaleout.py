"""Three worker processes on PostgreSQL: each source polled once, each message sent once."""

from __future__ import annotations

import os
import random
import signal
import string
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.store import Store
from tests.conftest import telegram_chat
from tests.fake_telegram import FakeTelegram
from tests.feedserver import FeedServer

FEEDS = 40
CHATS = 10


def _story(rng: random.Random, n: int) -> str:
    """A distinct article text of made-up words, so no two stories cluster together."""
    words = ["".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(120)]
    return f"Baltic report number {n}. " + " ".join(words) + "."


def _feed(server: FeedServer, index: int, rng: random.Random) -> str:
    items = "".join(
        f"<item><title>Baltic report {index}-{k}</title>"
        f"<link>{server.url(f'/a/{index}-{k}')}</link><guid>{index}-{k}</guid>"
        f"<pubDate>Mon, 03 Mar 2025 0{k}:00:00 GMT</pubDate>"
        f"<description>{_story(rng, index * 10 + k)}</description></item>"
        for k in range(2)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {index}</title>'
        f"<link>{server.url('/')}</link><description>x</description>{items}</channel></rss>"
    )


@pytest.mark.timeout(240)
def test_three_workers_share_sources_and_deliveries(postgres_url: str, tmp_path: Path):
    (tmp_path / "empty.toml").write_text("")
    store = Store.open(postgres_url)
    rng = random.Random(3)
    fake = FakeTelegram()
    with FeedServer() as site, fake.in_thread():
        for index in range(FEEDS):
            site.add(f"/feed/{index}.xml", _feed(site, index, rng))
            store.add_source(site.url(f"/feed/{index}.xml"), interval_s=3600)
        for n in range(CHATS):
            fake.add_chat(20_000 + n)
            chat = telegram_chat(store, 20_000 + n)
            store.add_subscription(chat.id, "baltic", "Baltic")
            store.update_chat(chat.id, alerts=True)
        env = {
            **os.environ,
            "BRIEFBOT_CONFIG": str(tmp_path / "empty.toml"),
            "BRIEFBOT_DATABASE_URL": postgres_url,
            "BRIEFBOT_TELEGRAM_TOKEN": fake.token,
            "BRIEFBOT_TELEGRAM_API_URL": fake.base_url,
            "BRIEFBOT_ALLOW_PRIVATE_SOURCES": "1",
            "BRIEFBOT_RATE_LIMIT": "off",
            "BRIEFBOT_HOST_SPACING_SECONDS": "0",
        }
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--role", "worker"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for _ in range(3)
        ]
        expected = FEEDS * 2 * CHATS
        deadline = time.monotonic() + 150
        while len(fake.sent) < expected and time.monotonic() < deadline:
            time.sleep(0.3)
        time.sleep(1.0)  # a late duplicate would show up now
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            assert worker.wait(30) == 0, worker.stderr.read().decode()[-2000:]
        feed_hits = [site.hits[f"/feed/{index}.xml"] for index in range(FEEDS)]

    assert feed_hits == [1] * FEEDS, "each source polled once in its interval"
    per_chat = Counter(sent.chat_id for sent in fake.sent)
    assert len(fake.sent) == expected and set(per_chat.values()) == {FEEDS * 2}
    assert store.article_count() == FEEDS * 2
    store.close()
