"""Polling throughput against a local server with 2,000 feeds.

    .venv/bin/python benchmarks/bench_polling.py [--feeds 2000] [--concurrency 20] [--with-model]

The server (tests.feedserver.FeedServer) runs in its own process so it does not share the
client's interpreter lock. Prints polls/s when every feed answers 304 and when every feed
answers 200 with a 50-item feed (fetch + parse_feed, bounded concurrency), parse_feed alone
on the same bytes as the ceiling, and the client process's peak RSS (with the spaCy model
loaded when --with-model is given).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from bot.sources.feeds import parse_feed
from bot.sources.fetch import fetch, make_client

ITEMS = 50
# The server lives in tests/feedserver.py; the repository root makes `tests` importable.
REPO_ROOT = Path(__file__).resolve().parents[1]


def feed_body(number: int) -> bytes:
    """A realistic 50-item RSS 2.0 feed, different for every source."""
    start = datetime(2025, 2, 15, 12, 0, tzinfo=UTC)
    items = []
    for k in range(ITEMS):
        when = format_datetime(start - timedelta(minutes=37 * k), usegmt=True)
        items.append(
            f"<item><title>Source {number}: minister meets delegation, report {k}</title>"
            f"<link>https://source{number}.example/2025/02/15/story-{k}.html</link>"
            f'<guid isPermaLink="false">s{number}-{k}</guid><pubDate>{when}</pubDate>'
            "<description><![CDATA[<p>The minister met the delegation to discuss joint "
            "production, maintenance of equipment and training. Officials said talks would "
            "continue next month in Brussels.</p>]]></description>"
            "<dc:creator>Desk Staff</dc:creator></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>Source {number}</title><link>https://source{number}.example/</link>"
        f"<description>Feed {number}</description>{''.join(items)}</channel></rss>"
    ).encode()


def serve(feeds: int, ready: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    """Server process: one conditional route per feed, ETag "<number>"."""
    sys.path.insert(0, str(REPO_ROOT))
    from tests.feedserver import FeedServer, conditional

    with FeedServer() as server:
        for number in range(feeds):
            server.add_handler(
                f"/feeds/{number}.xml", conditional(feed_body(number), etag=f'"{number}"')
            )
        ready.put(server.base_url)
        stop.wait()


async def poll_all(
    base: str, feeds: int, concurrency: int, *, conditional: bool, parse: bool
) -> float:
    """Poll every feed once; returns polls per second."""
    limit = asyncio.Semaphore(concurrency)
    entries = 0

    async def poll(client, number: int) -> None:
        nonlocal entries
        async with limit:
            result = await fetch(
                client,
                f"{base}/feeds/{number}.xml",
                etag=f'"{number}"' if conditional else None,
                allow_private=True,
            )
        assert result.not_modified == conditional
        if parse and not result.not_modified:
            entries += len(parse_feed(result.content, result.url, result.content_type).entries)

    async with make_client() as client:
        await asyncio.gather(*(poll(client, n) for n in range(min(feeds, 100))))  # warm-up
        entries = 0
        started = time.perf_counter()
        await asyncio.gather(*(poll(client, n) for n in range(feeds)))
        elapsed = time.perf_counter() - started
    if parse:
        assert entries == feeds * ITEMS, entries
    return feeds / elapsed


def parse_ceiling(feeds: int) -> float:
    bodies = [feed_body(n) for n in range(feeds)]
    started = time.perf_counter()
    for number, body in enumerate(bodies):
        parse_feed(body, f"http://127.0.0.1/feeds/{number}.xml", "application/xml")
    return feeds / (time.perf_counter() - started)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--with-model", action="store_true", help="load the spaCy model first")
    args = parser.parse_args()

    if args.with_model:
        from bot.briefing.nlp import load_nlp

        load_nlp()
        print(f"spaCy model loaded: peak RSS {peak_rss_mb():.0f} MB")

    context = multiprocessing.get_context("spawn")
    ready, stop = context.Queue(), context.Event()
    server = context.Process(target=serve, args=(args.feeds, ready, stop), daemon=True)
    server.start()
    base = ready.get(timeout=120)
    try:
        print(f"{args.feeds} feeds on {base}, {args.concurrency} concurrent polls, {ITEMS} items\n")
        not_modified = asyncio.run(
            poll_all(base, args.feeds, args.concurrency, conditional=True, parse=False)
        )
        print(f"all 304                    {not_modified:8.1f} polls/s")
        fetched = asyncio.run(
            poll_all(base, args.feeds, args.concurrency, conditional=False, parse=False)
        )
        print(f"all 200, fetch only        {fetched:8.1f} polls/s")
        parsed = asyncio.run(
            poll_all(base, args.feeds, args.concurrency, conditional=False, parse=True)
        )
        print(f"all 200, fetch + parse     {parsed:8.1f} polls/s")
        ceiling = parse_ceiling(args.feeds)
        print(f"parse_feed alone (ceiling) {ceiling:8.1f} feeds/s")
        print(f"fetch + parse / ceiling    {parsed / ceiling:8.2f}")
        print(f"\npeak RSS of the polling process: {peak_rss_mb():.0f} MB")
    finally:
        stop.set()
        server.join(timeout=10)


if __name__ == "__main__":
    main()
