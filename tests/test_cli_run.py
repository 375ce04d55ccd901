"""`briefbot run` says what it does: a line per poll pass with news and per briefing sent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.core.reply import Reply
from bot.delivery.outbox import queue_message
from bot.store import Store
from tests.conftest import telegram_chat
from tests.fake_telegram import FakeTelegram
from tests.site import serve_site

BRIEFBOT = Path(sys.executable).parent / "briefbot"


def _start(tmp_path: Path, *args: str, **env: str) -> tuple[subprocess.Popen, Path]:
    (tmp_path / "empty.toml").write_text("")
    log = tmp_path / f"stderr-{time.monotonic_ns()}.txt"
    full_env = {**os.environ, "BRIEFBOT_CONFIG": str(tmp_path / "empty.toml"),
                "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
                "BRIEFBOT_HOST_SPACING_SECONDS": "0", **env}
    with log.open("w") as stderr:
        process = subprocess.Popen([str(BRIEFBOT), *args], env=full_env, cwd=tmp_path,
                                   stdout=subprocess.PIPE, stderr=stderr, text=True)
    return process, log


def _stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    return out


def _wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_run_logs_each_poll_with_news_and_each_briefing_sent(tmp_path, feed_server):
    store = Store.open(f"sqlite:///{tmp_path / 'b.db'}")
    store.add_source(serve_site(feed_server), title="Defence Desk")
    chat = telegram_chat(store, 4242)
    queue_message(store, chat.id, "briefing", "day-1", Reply(text="Your briefing: nothing yet."))
    with FakeTelegram().in_thread() as api:
        api.add_chat(4242)
        telegram = {"BRIEFBOT_TELEGRAM_TOKEN": api.token, "BRIEFBOT_TELEGRAM_API_URL": api.base_url}
        process, log = _start(tmp_path, "run", "--role", "worker", **telegram)
        _wait_for(lambda: "new articles" in log.read_text() and "briefing sent" in log.read_text())
        _stop(process)
        lines = log.read_text().splitlines()
        assert all(" INFO bot." in line for line in lines if " INFO " in line), "ours only"
        assert [line for line in lines if "new article" in line][0].endswith(
            "INFO bot.app: 2 new articles: 2 from Defence Desk")
        assert [line for line in lines if "briefing sent" in line][0].endswith(
            "INFO bot.delivery.sender: briefing sent to telegram chat 4242")

        queue_message(store, chat.id, "briefing", "day-2", Reply(text="Your next briefing."))
        process, log = _start(tmp_path, "--quiet", "run", "--role", "worker", **telegram)
        _wait_for(lambda: len(api.texts(4242)) == 2)
        _stop(process)
        assert "INFO" not in log.read_text()
    store.close()


def test_the_chat_hint_names_a_command_that_works_in_a_new_shell(tmp_path):
    process, _ = _start(tmp_path, "run")
    first_line = process.stdout.readline()
    _stop(process)
    assert "no chat platform" in first_line
    hinted = first_line.split("try `", 1)[1].split("`", 1)[0]
    assert hinted == f"{BRIEFBOT} chat"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shell = subprocess.run(hinted.replace(" chat", " chat --help"), shell=True, cwd=elsewhere,
                           capture_output=True, text=True, timeout=60)
    assert shell.returncode == 0 and "usage: briefbot chat" in shell.stdout
