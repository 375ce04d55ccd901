"""Worker processes on PostgreSQL polling 2,000 local feeds: polls/s with 1, 2 and 3 workers.

Every feed answers 200 with the same 50-item feed whose entries the source has already seen,
the parse-bound path of a real poll (fetch, parse, look the entries up, schedule the next
poll). The feed server runs in its own process and counts requests per feed, so a double poll
shows. Target: 2 workers >= 1.8x one worker on a 2-core machine, zero double polls.

    .venv/bin/python benchmarks/bench_workers.py postgresql+psycopg://postgres@127.0.0.1/test
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import build_core  # noqa: E402
from bot.store import Store  # noqa: E402
from bot.store.tables import entries, sources  # noqa: E402
from tests.conftest import make_settings  # noqa: E402
from tests.feedserver import FeedServer  # noqa: E402

ITEMS = 50


def _feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {n}: ministers discuss grain corridor</title>"
        f"<link>{base}/story/{n}</link><guid>{base}/story/{n}</guid>"
        f"<pubDate>Mon, 03 Mar 2025 {n % 24:02d}:00:00 GMT</pubDate>"
        f"<description>Ministers met in Vilnius to discuss item {n} of the agenda, "
        f"including the grain corridor and port security.</description></item>"
        for n in range(ITEMS)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
            f"<link>{base}/</link><description>x</description>{items}</channel></rss>").encode()


def _serve(feeds: int, ready: multiprocessing.Queue, stop, hits: multiprocessing.Queue) -> None:
    with FeedServer() as server:
        body = _feed(server.url("/").rstrip("/"))
        for index in range(feeds):
            server.add(f"/feed/{index}.xml", body)
        ready.put(server.url("/"))
        stop.wait()
        hits.put(dict(server.hits))


def _prepare(url: str, base: str, feeds: int) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    store = Store.open(url)
    with store.engine.begin() as conn:
        conn.execute(insert(sources), [
            {"url": f"{base}feed/{i}.xml", "kind": "feed", "interval_s": 3600}
            for i in range(feeds)
        ])
        ids = [row.id for row in conn.execute(text("SELECT id FROM sources"))]
        conn.execute(insert(entries), [
            {"source_id": sid, "guid": f"{base.rstrip('/')}/story/{n}", "article_id": None}
            for sid in ids for n in range(ITEMS)
        ])
    store.close()


def _worker(url: str, done: multiprocessing.Queue) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        core = build_core(make_settings(Path(tmp), database_url=url))

        async def drain() -> int:
            polls = 0
            while reports := await core.poller.poll_due(core.worker_id, limit=25):
                polls += len(reports)
            return polls

        done.put(asyncio.run(drain()))


def _run(url: str, base: str, feeds: int, workers: int) -> tuple[float, int]:
    _prepare(url, base, feeds)
    done: multiprocessing.Queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_worker, args=(url, done)) for _ in range(workers)]
    started = time.perf_counter()
    for proc in procs:
        proc.start()
    polls = sum(done.get(timeout=900) for _ in procs)
    elapsed = time.perf_counter() - started
    for proc in procs:
        proc.join()
    return polls / elapsed, polls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("--feeds", type=int, default=2000)
    args = parser.parse_args()
    rates = {}
    for workers in (1, 2, 3):
        ready, hits = multiprocessing.Queue(), multiprocessing.Queue()
        stop = multiprocessing.Event()
        server = multiprocessing.Process(target=_serve, args=(args.feeds, ready, stop, hits))
        server.start()
        base = ready.get(timeout=60)
        rate, polls = _run(args.database_url, base, args.feeds, workers)
        stop.set()
        counts = hits.get(timeout=60)
        server.join()
        doubles = sum(1 for count in counts.values() if count > 1)
        rates[workers] = rate
        print(f"{workers} worker(s): {polls} polls, {rate:.1f} polls/s, "
              f"{doubles} feeds polled twice, {len(counts)} feeds polled")
    print(f"scaling: 2 workers = {rates[2] / rates[1]:.2f}x one, 3 workers = "
          f"{rates[3] / rates[1]:.2f}x one (target: 2 workers >= 1.8x)")


if __name__ == "__main__":
    main()
