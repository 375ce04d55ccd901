"""Telegram: messages a second to many chats through the local fake Bot API.

Usage: python benchmarks/bench_telegram.py [--chats 1000] [--skip-paced]

The real adapter (python-telegram-bot over httpx) sends one alert to each chat; the fake Bot API
of the tests runs in its own process, so its work is not counted as ours. Three runs:

  adapter, unpaced     send_part straight from the adapter: our own overhead, PTB included
  delivery, unpaced    the outbox and the sender on SQLite in front of it (BRIEFBOT_RATE_LIMIT=off)
  delivery, paced      delivery's pacing on, the fake enforcing Telegram's limits (answers 429
                       beyond 30 messages/s overall or 1/s per chat): how close to 30/s we get
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.adapters.telegram import TelegramAdapter  # noqa: E402
from bot.app import build_core  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.chat import ChatRef  # noqa: E402
from bot.core.reply import Card, Reply, Section  # noqa: E402
from bot.delivery.outbox import queue_message  # noqa: E402
from tests.conftest import telegram_chat  # noqa: E402
from tests.fake_telegram import TOKEN, FakeTelegram  # noqa: E402

ALERT = Reply(
    text="New on KNDS:",
    sections=[
        Section(
            None,
            [
                Card(
                    title="Umerov discusses joint production of ammunition with KNDS leadership",
                    url="https://www.ukrinform.net/rubric-defense/3960000.html",
                    site="Ukrinform",
                    published="2025-02-15",
                    bullets=[
                        "Rustem Umerov (Ukraine's Defense Minister) met KNDS France and KNDS "
                        "Deutschland leadership at the Munich Security Conference",
                        "Topics: joint 155mm ammunition production; equipment maintenance",
                    ],
                    matched=["KNDS"],
                )
            ],
        )
    ],
)
PAUSE = 1.1  # lets the fake's one-second windows empty between runs


def _serve(conn: Connection, enforce_limits: bool) -> None:
    async def main() -> None:
        async with FakeTelegram(enforce_limits=enforce_limits) as api:
            conn.send(api.base_url)
            while True:
                await asyncio.get_running_loop().run_in_executor(None, conn.recv)
                refused = sum(1 for c in api.calls if c.status == 429)
                conn.send((len(api.sent), refused))

    asyncio.run(main())


class FakeProcess:
    """The fake Bot API in a child process; `counts()` says how much it delivered and refused."""

    def __init__(self, *, enforce_limits: bool) -> None:
        self._conn, child = multiprocessing.Pipe()
        self._process = multiprocessing.Process(
            target=_serve, args=(child, enforce_limits), daemon=True
        )
        self._process.start()
        self.base_url: str = self._conn.recv()

    def counts(self) -> tuple[int, int]:
        self._conn.send("counts")
        return self._conn.recv()

    def close(self) -> None:
        self._process.terminate()
        self._process.join()


async def _never(chat: ChatRef, text: str, user_id: str | None) -> Reply:
    raise AssertionError("the benchmark sends only")


async def adapter_unpaced(base_url: str, chats: int) -> tuple[float, float]:
    adapter = TelegramAdapter(_settings(base_url, "unused"), _never, receive_updates=False)
    await adapter.start()
    [part] = adapter.render(ALERT)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(adapter.send_part(str(1000 + n), part) for n in range(chats)))
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        await adapter.stop()


async def through_delivery(base_url: str, chats: int, *, paced: bool) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(base_url, f"sqlite:///{tmp}/bench.db", rate_limit=paced)
        core = build_core(settings)
        adapter = TelegramAdapter(settings, core.handle_command, receive_updates=False)
        core.add_adapter(adapter)
        await adapter.start()
        try:
            for n in range(chats):
                row = telegram_chat(core.store, 100_000 + n)
                queue_message(core.store, row.id, "alert", "story:1", ALERT)
            started, cpu = time.perf_counter(), time.process_time()
            sent = await core.sender.drain()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            assert sent >= chats, f"only {sent} of {chats} rows sent"
            return elapsed, cpu
        finally:
            await adapter.stop()
            core.store.close()


def _settings(base_url: str, database_url: str, **values: object) -> Settings:
    return Settings(  # type: ignore[arg-type]
        telegram_token=TOKEN, telegram_api_url=base_url, database_url=database_url, **values
    )


def _report(label: str, chats: int, timing: tuple[float, float], counts: tuple[int, int]) -> float:
    (elapsed, cpu), (delivered, refused) = timing, counts
    rate = chats / elapsed
    print(
        f"{label:<18} {chats:>5} msgs {elapsed:6.2f} s = {rate:7.1f} msg/s, "
        f"{cpu / chats * 1000:5.2f} ms CPU/msg (fake: {delivered} delivered, {refused} x 429)"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--skip-paced", action="store_true", help="skip the ~35 s paced run")
    args = parser.parse_args()

    fake = FakeProcess(enforce_limits=False)
    try:
        timing = asyncio.run(adapter_unpaced(fake.base_url, args.chats))
        _report("adapter, unpaced", args.chats, timing, fake.counts())
        before = fake.counts()[0]
        timing = asyncio.run(through_delivery(fake.base_url, args.chats, paced=False))
        delivered, refused = fake.counts()
        _report("delivery, unpaced", args.chats, timing, (delivered - before, refused))
    finally:
        fake.close()
    if args.skip_paced:
        return
    fake = FakeProcess(enforce_limits=True)
    try:
        time.sleep(PAUSE)
        timing = asyncio.run(through_delivery(fake.base_url, args.chats, paced=True))
        rate = _report("delivery, paced", args.chats, timing, fake.counts())
        print(f"{'':<18} {rate / 30:.1%} of Telegram's 30 msg/s")
    finally:
        fake.close()


if __name__ == "__main__":
    main()
