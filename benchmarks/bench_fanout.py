"""Fan-out of one briefing to many Telegram chats through the outbox and the fake Bot API.

Prints messages/s with rate limiting off (our own overhead: target >= 1,000/s) and with
Telegram's 30/s cap on (target >= 95% of the cap). The fake API runs in its own process, so
the figures are the bot's, not the server's.

    .venv/bin/python benchmarks/bench_fanout.py [--chats 10000] [--capped 600]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.adapters.telegram import TelegramAdapter  # noqa: E402
from bot.app import build_core  # noqa: E402
from bot.core.reply import Card, Reply, Section  # noqa: E402
from tests.conftest import make_settings, telegram_chat  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402


def _serve(port_queue: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    async def main() -> None:
        async with FakeTelegram() as fake:
            port_queue.put((fake.port, fake.token))
            while not stop.is_set():
                await asyncio.sleep(0.2)

    asyncio.run(main())


def _briefing() -> Reply:
    card = Card(
        title="Umerov discusses joint production of ammunition with KNDS leadership",
        url="https://www.ukrinform.net/rubric-defense/3961234-umerov-knds.html",
        site="Ukrinform",
        published="2025-02-15",
        bullets=["Rustem Umerov (Ukraine's Defense Minister) met KNDS France and KNDS "
                 "Deutschland at the Munich Security Conference",
                 "Topics: joint production of 155mm ammunition; UAV systems"],
        matched=["KNDS France"],
    )
    return Reply(text="Your briefing: 1 new story.", sections=[Section("KNDS", [card])],
                 link_previews=False)


async def _fan_out(chats: int, rate_limit: bool, port: int, token: str) -> tuple[float, float]:
    """Messages/s over the wall clock, and the bot process's CPU seconds per message."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = make_settings(
            Path(tmp),
            telegram_token=token,
            telegram_api_url=f"http://127.0.0.1:{port}/bot",
            rate_limit=rate_limit,
        )
        core = build_core(settings)
        payload = json.dumps(_briefing().to_dict())
        for n in range(chats):
            chat = telegram_chat(core.store, 1_000_000 + n)
            core.store.enqueue(chat.id, "briefing", "2025-02-16", payload)
        adapter = TelegramAdapter(settings, core.handle_command, receive_updates=False)
        await adapter.start()
        core.add_adapter(adapter)
        started, cpu_started = time.perf_counter(), time.process_time()
        sent = await core.sender.drain()
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        await adapter.stop()
        counts = core.store.delivery_counts()
        core.store.close()
    assert sent == chats and counts == {"sent": chats}, counts
    return chats / elapsed, cpu / chats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--capped", type=int, default=600, help="chats for the 30/s run")
    args = parser.parse_args()
    ports: multiprocessing.Queue = multiprocessing.Queue()
    stop = multiprocessing.Event()
    server = multiprocessing.Process(target=_serve, args=(ports, stop), daemon=True)
    server.start()
    port, token = ports.get(timeout=30)
    try:
        free, cpu = asyncio.run(_fan_out(args.chats, False, port, token))
        print(f"fan-out, rate limiting off: {args.chats} chats, {free:,.0f} messages/s "
              f"(target >= 1,000/s); the bot's own CPU: {cpu * 1000:.2f} ms a message, "
              f"{1 / cpu:,.0f} messages per CPU-second")
        capped, _ = asyncio.run(_fan_out(args.capped, True, port, token))
        print(f"fan-out, 30/s cap on: {args.capped} chats, {capped:.1f} messages/s = "
              f"{capped / 30:.1%} of the cap (target >= 95%)")
    finally:
        stop.set()
        server.join(10)


if __name__ == "__main__":
    main()
