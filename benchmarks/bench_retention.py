"""Retention cleanup on 100,000 stored articles: database size before and after, throughput,
and the longest a concurrent sender (one outbox write every 5 ms) waits meanwhile.

Articles are loaded as bench_latest.py loads them (corpus news texts over two years); the
cleanup runs as of the day after the last, keeping the default 90 days.

    .venv/bin/python benchmarks/bench_retention.py [--articles 100000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_latest import _empty, _load  # noqa: E402

from bot.store import Store  # noqa: E402
from bot.store.retention import clean_up  # noqa: E402

# bench_latest spreads articles over 2024 and 2025.
AS_OF = datetime(2026, 1, 1, tzinfo=UTC)
KEEP_DAYS = 90


def _size(store: Store, sqlite_path: Path | None) -> int:
    """Bytes the database takes: the SQLite file (WAL checkpointed), or the whole PostgreSQL
    database (pg_database_size), which pruning does not shrink without VACUUM FULL."""
    if sqlite_path is not None:
        store.engine.dispose()
        return sqlite_path.stat().st_size
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def _sender(store: Store, chat_id: int, stop: threading.Event, waits: list[float]) -> None:
    n = 0
    while not stop.is_set():
        started = time.perf_counter()
        store.enqueue(chat_id, "notice", f"bench:{n}", "{}")
        waits.append(time.perf_counter() - started)
        n += 1
        time.sleep(0.005)


def _run(name: str, url: str, count: int, sqlite_path: Path | None) -> None:
    _empty(url)
    store = Store.open(url)
    _load(store, count)
    chat = store.ensure_chat("telegram", "1", kind="private", title=None, timezone="UTC",
                             time="08:00")
    before = _size(store, sqlite_path)
    waits: list[float] = []
    stop = threading.Event()
    thread = threading.Thread(target=_sender, args=(store, chat.id, stop, waits))
    thread.start()
    started = time.perf_counter()
    report = clean_up(store, keep_days=KEEP_DAYS, now=AS_OF)
    took = time.perf_counter() - started
    stop.set()
    thread.join()
    after = _size(store, sqlite_path)
    per_100k = 100_000 / count
    size = "size" if sqlite_path is not None else "whole-database size (no VACUUM FULL)"
    print(f"{name}: {count:,} articles, {report.articles:,} pruned in {took:.1f} s "
          f"({report.articles / took:,.0f}/s); {size} {before * per_100k / 1e6:,.0f} MB -> "
          f"{after * per_100k / 1e6:,.0f} MB per 100,000 articles; longest batch "
          f"{report.longest_batch_s * 1000:.0f} ms, longest sender wait "
          f"{max(waits) * 1000:.0f} ms over {len(waits):,} writes")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--postgres", help="an empty PostgreSQL database URL to fill")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "retention.db"
        _run("SQLite", f"sqlite:///{path}", args.articles, path)
        if args.postgres:
            _run("PostgreSQL", args.postgres, args.articles, None)


if __name__ == "__main__":
    main()
