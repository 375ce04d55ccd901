"""`/latest TOPIC` latency over 100,000 stored articles or --articles N, on SQLite and PostgreSQL.

Articles are the corpus' news texts (../shared/corpus/news/articles.jsonl) repeated with new
URLs and dates; each query runs the real path of the command: the full-text prefilter, then
the topic matcher, newest first. Target: p95 <= 50 ms. PostgreSQL is vacuumed and analysed
after loading, as autovacuum does soon after a bulk load; --reuse measures the articles an
earlier run left in --postgres (a million take 25 minutes to load), migrated to this version.

    .venv/bin/python benchmarks/bench_latest.py [--articles 100000] [--postgres URL [--reuse]]
        [--no-sqlite]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.follow.cards import matching_articles  # noqa: E402
from bot.follow.matching import parse_topic  # noqa: E402
from bot.store import Store  # noqa: E402
from bot.store.articles import index_articles  # noqa: E402
from bot.store.tables import articles  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news" / "articles.jsonl"
TOPICS = ["KNDS", "NATO", "Blair", "oil prices", '"interest rates"', "Iraq -Bush", "OPEC",
          "Brown", "Japan trade", "election", "Microsoft", "G7", "Putin", "drone", "tariffs"]
BATCH = 2000


def _sources() -> list[dict]:
    if not CORPUS.is_file():
        sys.exit(f"corpus not found: {CORPUS}")
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def _load(store: Store, count: int) -> None:
    base = _sources()
    rng = random.Random(1)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rows = []
    for n in range(count):
        item = base[n % len(base)]
        moment = start + timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
        title = f"{item['title']} ({n})"
        brief = {"title": title, "bullets": [item["text"][:200]], "entities": {}}
        rows.append({
            "id": n + 1, "url": f"https://news.example/{n}", "link": None, "title": title,
            "site": "Example", "published": moment.date().isoformat(), "sort_at": moment,
            "fetched_at": moment, "brief": json.dumps(brief), "text": item["text"],
        })
    with store.engine.begin() as conn:
        for first in range(0, count, BATCH):
            chunk = rows[first:first + BATCH]
            conn.execute(insert(articles), chunk)
            index_articles(conn, [(r["id"], r["title"], r["text"]) for r in chunk])


def _empty(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def _vacuum(store: Store) -> None:
    """What autovacuum does after a bulk load: hint bits, the visibility map, statistics."""
    if store.dialect == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM (ANALYZE) articles"))


def _fill(name: str, url: str, count: int, reuse: bool) -> Store:
    """The store at `url` holding `count` articles: loaded now, or left by an earlier run."""
    if not reuse:
        _empty(url)
    store = Store.open(url)
    if reuse:
        if store.article_count() != count:
            sys.exit(f"{name} holds {store.article_count():,} articles, not {count:,}")
        print(f"{name}: reusing {count:,} stored articles")
    else:
        started = time.perf_counter()
        _load(store, count)
        print(f"{name}: loaded {store.article_count():,} articles in "
              f"{time.perf_counter() - started:.0f} s")
    _vacuum(store)
    return store


def _measure(store: Store, rounds: int) -> list[float]:
    topics = [parse_topic(t) for t in TOPICS]
    timings = []
    for _ in range(rounds):
        for topic in topics:
            started = time.perf_counter()
            matching_articles(store, topic)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def _report(name: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"/latest on {name}: p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, "
          f"max {ordered[-1]:.1f} ms over {len(ordered)} queries (target p95 <= 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", help="a PostgreSQL database URL to fill (emptied first)")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the articles --postgres holds instead of loading them")
    parser.add_argument("--no-sqlite", action="store_true", help="measure PostgreSQL only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        targets = [] if args.no_sqlite else [("SQLite", f"sqlite:///{tmp}/latest.db", False)]
        if args.postgres:
            targets.append(("PostgreSQL", args.postgres, args.reuse))
        for name, url, reuse in targets:
            store = _fill(name, url, args.articles, reuse)
            _report(name, _measure(store, args.rounds))
            store.close()


if __name__ == "__main__":
    main()
