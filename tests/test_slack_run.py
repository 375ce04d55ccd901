"""`briefbot run` with Slack credentials, a real process: it serves, or refuses in one line."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import aiohttp

from tests.fake_slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack, send_signed, slash_body
from tests.platforms import free_port


def _env(tmp_path: Path, slack: FakeSlack, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update({
        "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path}/run.db",
        "BRIEFBOT_SLACK_BOT_TOKEN": BOT_TOKEN,
        "BRIEFBOT_SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "BRIEFBOT_SLACK_API_URL": slack.api_url,
        **extra,
    })
    return env


async def _briefbot(tmp_path: Path, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


async def test_briefbot_run_serves_slash_commands_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    async with FakeSlack() as slack, aiohttp.ClientSession() as http:
        process = await _briefbot(tmp_path, _env(tmp_path, slack, BRIEFBOT_SLACK_PORT=str(port)))
        try:
            url = f"http://127.0.0.1:{port}/slack/events"
            response_url = slack.new_response_url()
            body = slash_body("/briefbot", "follow KNDS", response_url=response_url)
            deadline = time.monotonic() + 30
            while True:
                try:
                    status, _ = await send_signed(http, url, body)
                    break
                except aiohttp.ClientConnectionError:
                    assert process.returncode is None and time.monotonic() < deadline
                    await asyncio.sleep(0.1)
            assert status == 200
            while not slack.responded(response_url):
                assert time.monotonic() < deadline
                await asyncio.sleep(0.05)
            assert slack.responded(response_url)[0]["text"].startswith("Following KNDS")
        finally:
            process.send_signal(signal.SIGTERM)
            stdout, stderr = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 0, stderr.decode()
    assert b"slack" in stdout
    for secret in (BOT_TOKEN, SIGNING_SECRET):
        assert secret.encode() not in stdout + stderr


async def test_briefbot_run_with_a_rejected_token_exits_with_one_line(tmp_path: Path) -> None:
    async with FakeSlack() as slack:
        env = _env(tmp_path, slack, BRIEFBOT_SLACK_BOT_TOKEN="xoxb-revoked-token")
        process = await _briefbot(tmp_path, env)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode != 0
    created, *lines = stderr.decode().strip().splitlines()
    assert created.startswith(f"briefbot: created a new database at {tmp_path}/run.db ")
    assert lines == ["briefbot: Slack rejected BRIEFBOT_SLACK_BOT_TOKEN (invalid_auth)"]
