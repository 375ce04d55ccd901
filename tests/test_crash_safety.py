"""kill -9 during a fan-out, then restart: all queued arrives, nothing twice but the in-flight."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.core.reply import Reply
from bot.delivery.outbox import queue_message
from bot.store import Store
from tests.conftest import telegram_chat
from tests.fake_telegram import FakeTelegram

CHATS = 500
KILLS = 4


def _worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--role", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _delivered(fake: FakeTelegram) -> Counter:
    return Counter(sent.chat_id for sent in fake.sent)


@pytest.mark.timeout(240)
def test_repeated_kills_during_a_fan_out_lose_nothing(tmp_path: Path):
    database = f"sqlite:///{tmp_path / 'crash.db'}"
    (tmp_path / "empty.toml").write_text("")
    store = Store.open(database)
    fake = FakeTelegram()
    with fake.in_thread():
        for n in range(CHATS):
            chat_id = 10_000 + n
            fake.add_chat(chat_id)
            row = telegram_chat(store, chat_id)
            queue_message(store, row.id, "alert", "story:1", Reply(text=f"news for {chat_id}"))
        env = {
            **os.environ,
            "BRIEFBOT_CONFIG": str(tmp_path / "empty.toml"),
            "BRIEFBOT_DATABASE_URL": database,
            "BRIEFBOT_TELEGRAM_TOKEN": fake.token,
            "BRIEFBOT_TELEGRAM_API_URL": fake.base_url,
        }
        rng = random.Random(7)
        kills = 0
        while kills < KILLS and len(_delivered(fake)) < CHATS:
            before = len(fake.sent)
            process = _worker(env)
            deadline = time.monotonic() + 60
            # Kill only once this run has really been sending, at a random moment.
            while len(fake.sent) - before < 20 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 1.5))
            process.send_signal(signal.SIGKILL)
            process.wait(10)
            kills += 1
        process = _worker(env)
        deadline = time.monotonic() + 120
        while len(_delivered(fake)) < CHATS and time.monotonic() < deadline:
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0, process.stderr.read().decode()[-2000:]

    delivered = _delivered(fake)
    assert len(delivered) == CHATS, "every queued message arrived"
    twice = sum(count - 1 for count in delivered.values())
    assert twice <= kills, f"{twice} duplicates after {kills} kills"
    assert store.delivery_counts() == {"sent": CHATS}
    store.close()
