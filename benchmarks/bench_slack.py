"""Slack: time from a slash command to its ack, and to its answer, under concurrent commands.

Usage: python benchmarks/bench_slack.py [--concurrency 20] [--rounds 15]

The real app (Bolt over aiohttp, signature checks included) and the real core on a throwaway
SQLite database; Slack's side is the local fake Web API of the tests. Each round sends
`concurrency` signed slash commands at once; Slack wants every ack within 3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.adapters.slack import EVENTS_PATH, SlackAdapter  # noqa: E402
from bot.app import build_core  # noqa: E402
from bot.config import Settings  # noqa: E402
from tests.fake_slack import (  # noqa: E402
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    send_signed,
    slash_body,
)

COMMANDS = [("/follow", "KNDS"), ("/latest", "KNDS"), ("/following", ""), ("/help", ""),
            ("/briefbot", "latest air defense"), ("/time", "07:30")]


async def _one(http: aiohttp.ClientSession, slack: FakeSlack, url: str, n: int
               ) -> tuple[float, float]:
    command, text = COMMANDS[n % len(COMMANDS)]
    response_url = slack.new_response_url()
    body = slash_body(command, text, channel=f"C0BENCH{n % 50:02d}", response_url=response_url)
    started = time.perf_counter()
    status, _ = await send_signed(http, url, body)
    acked = time.perf_counter() - started
    assert status == 200, status
    while not slack.responded(response_url):
        await asyncio.sleep(0.001)
    return acked, time.perf_counter() - started


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


async def main(concurrency: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeSlack() as slack, aiohttp.ClientSession() as http:
            settings = Settings(database_url=f"sqlite:///{tmp}/bench.db",
                                slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET,
                                slack_api_url=slack.api_url, slack_port=0)
            core = build_core(settings)
            adapter = SlackAdapter(settings, core.handle_command)
            await adapter.start()
            url = f"http://127.0.0.1:{adapter.port}{EVENTS_PATH}"
            try:
                await asyncio.gather(*(_one(http, slack, url, n) for n in range(concurrency)))
                acks: list[float] = []
                answers: list[float] = []
                for r in range(rounds):
                    results = await asyncio.gather(
                        *(_one(http, slack, url, r * concurrency + n) for n in range(concurrency))
                    )
                    acks += [a for a, _ in results]
                    answers += [b for _, b in results]
            finally:
                await adapter.stop()
                core.store.close()
    print(f"slack commands: {len(acks)} in {rounds} rounds of {concurrency} concurrent")
    print(f"ack    ms: p50 {_p(acks, 50):7.1f}  p95 {_p(acks, 95):7.1f}  "
          f"max {max(acks) * 1000:7.1f}   (Slack's limit: 3000)")
    print(f"answer ms: p50 {_p(answers, 50):7.1f}  p95 {_p(answers, 95):7.1f}  "
          f"max {max(answers) * 1000:7.1f}")
    print(f"ack p95 / 3 s limit: {_p(acks, 95) / 3000:.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    asyncio.run(main(args.concurrency, args.rounds))
