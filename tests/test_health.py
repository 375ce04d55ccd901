"""GET /healthz on the bot's HTTP listener: a real `briefbot run`, and the real listener over a
database that does not answer or a scheduler that stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime

import httpx
import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.adapters.base import StartupError
from bot.app import build_core
from bot.core.bot import Core
from bot.health import Health
from bot.listener import HttpListener
from bot.store import Store, make_engine
from tests.platforms import free_port


def _healthz(port: int) -> httpx.Response:
    return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10)


def _wait_for_first_poll(port: int, process: subprocess.Popen) -> httpx.Response:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            response = _healthz(port)
            if response.json()["last_poll_at"]:
                return response
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError("no poll pass reported within 90 s")


def test_briefbot_run_answers_healthz(tmp_path):
    port = free_port()
    (tmp_path / "none.toml").write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update({"BRIEFBOT_CONFIG": str(tmp_path / "none.toml"),
                "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
                "BRIEFBOT_HTTP_PORT": str(port)})
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        response = _wait_for_first_poll(port, process)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        report = response.json()
        assert report["status"] == "ok"
        assert report["database"] == {"reachable": True}
        assert report["scheduler"] == {"alive": True}
        polled = datetime.fromisoformat(report["last_poll_at"])
        assert abs((datetime.now(polled.tzinfo) - polled).total_seconds()) < 90
        assert httpx.get(f"http://127.0.0.1:{port}/nothing", timeout=10).status_code == 404
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert process.returncode == 0, process.stderr.read()


@pytest.fixture
async def scheduler():
    running = AsyncIOScheduler()
    running.start()
    yield running
    if running.running:
        running.shutdown(wait=False)


async def _check(core: Core, scheduler: AsyncIOScheduler) -> httpx.Response:
    listener = HttpListener("127.0.0.1", free_port(), Health(core, scheduler).check)
    await listener.start()
    try:
        async with httpx.AsyncClient() as client:
            return await client.get(f"http://127.0.0.1:{listener.port}/healthz", timeout=20)
    finally:
        await listener.stop()


async def test_an_unreachable_database_answers_503(settings, scheduler):
    # A PostgreSQL URL on a port where nothing listens: every connection is refused.
    store = Store(make_engine(f"postgresql+psycopg://briefbot@127.0.0.1:{free_port()}/none"))
    core = Core(settings, store)
    response = await _check(core, scheduler)
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "unhealthy"
    assert report["database"] == {"reachable": False, "error": "OperationalError"}
    assert report["scheduler"] == {"alive": True} and report["last_poll_at"] is None
    store.close()


async def test_a_stopped_scheduler_answers_503(settings, scheduler):
    core = build_core(settings)
    scheduler.shutdown(wait=False)
    response = await _check(core, scheduler)
    assert response.status_code == 503
    assert response.json()["database"] == {"reachable": True}
    assert response.json()["scheduler"] == {"alive": False}
    core.store.close()


async def test_a_taken_port_is_one_line(settings, scheduler):
    core = build_core(settings)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        listener = HttpListener("127.0.0.1", taken.getsockname()[1], Health(core, scheduler).check)
        with pytest.raises(StartupError, match="BRIEFBOT_HTTP_PORT"):
            await listener.start()
    core.store.close()
