"""Helpers the platform tests share: settings for the fakes, a running core, waiting, a free
port, a console command."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Protocol, TypeVar

from bot.adapters.console import CONSOLE_CHAT, render_plain
from bot.app import build_core
from bot.config import Settings
from bot.core.bot import Core
from bot.core.chat import ChatRef
from bot.core.reply import Reply
from bot.delivery.adapter import Adapter
from tests.fake_slack import BOT_TOKEN, SIGNING_SECRET
from tests.fake_telegram import TOKEN, FakeTelegram


class _Served(Adapter, Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...


_AdapterT = TypeVar("_AdapterT", bound=_Served)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, for a listener under test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def say(core: Core, text: str) -> str:
    """Send `text` to `core` as the local console user; the reply as the console prints it."""
    return render_plain(await core.handle_command(CONSOLE_CHAT, text, "local"))


def telegram_settings(api: FakeTelegram, **overrides: object) -> Settings:
    """Settings for a Telegram adapter talking to the fake Bot API `api`."""
    values: dict[str, object] = {"telegram_token": TOKEN, "telegram_api_url": api.base_url}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def slack_settings(api_url: str, **overrides: object) -> Settings:
    """Settings for a Slack adapter talking to the fake Web API at `api_url`, on any free port."""
    values: dict[str, object] = {
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": api_url,
        "slack_port": 0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


async def never(chat: ChatRef, text: str, user_id: str | None) -> Reply:
    """The command handler of a sender-only adapter: fails the test if it is ever called."""
    raise AssertionError("a sender-only adapter takes no commands")


async def eventually(check: Callable[[], object], timeout: float = 3.0) -> None:
    """Wait until `check()` holds; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.01)


@asynccontextmanager
async def running_core(
    settings: Settings,
    adapter_class: Callable[..., _AdapterT],
    *,
    events: bool = False,
    **options: object,
) -> AsyncIterator[tuple[Core, _AdapterT]]:
    """The real core on `settings` with one started adapter; both are shut down afterwards.
    With `events`, the adapter reports chat events (joined, left, moved) to the core."""
    core = build_core(settings)
    if events:
        options["events"] = core
    adapter = adapter_class(settings, core.handle_command, **options)
    core.add_adapter(adapter)
    await adapter.start()
    try:
        yield core, adapter
    finally:
        await adapter.stop()
        core.store.close()
