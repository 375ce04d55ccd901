"""feedparser vs feedparser-rs vs bot.sources.feeds.parse_feed on every real feed of the corpus.

    .venv/bin/python benchmarks/bench_feeds.py [--corpus ../shared/corpus] [--rounds 3]

Prints throughput (feeds/s over all files), entries found against the corpus manifest, the
files where the parsers disagree on the entry count, and how often parse_feed asked
feedparser for a second opinion (and why).
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import feedparser
import feedparser_rs

from bot.sources.errors import FeedError
from bot.sources.feeds import parse_feed, second_opinion_reason
from bot.sources.gzipped import gunzip_capped
from bot.sources.jsonfeed import looks_like_json

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def load(corpus: Path) -> list[tuple[dict, bytes]]:
    root = corpus / "feeds"
    rows = [json.loads(line) for line in (root / "manifest.jsonl").read_text().splitlines()]
    # The two .gz fixtures are inflated up front so all three parsers see the same bytes.
    return [(row, gunzip_capped((root / row["file"]).read_bytes(), 50_000_000)) for row in rows]


def count_feedparser(data: bytes) -> int:
    return len(feedparser.parse(data).entries)


def count_feedparser_rs(data: bytes) -> int:
    return len(feedparser_rs.parse(data).entries)


def count_ours(data: bytes) -> int:
    try:
        return len(parse_feed(data).entries)
    except FeedError:
        return 0


def measure(
    name: str, count: Callable[[bytes], int], feeds: list[tuple[dict, bytes]], rounds: int
) -> dict[str, int]:
    counts = {row["file"]: count(data) for row, data in feeds}  # also warms up
    started = time.perf_counter()
    for _ in range(rounds):
        for _, data in feeds:
            count(data)
    elapsed = time.perf_counter() - started
    rate = len(feeds) * rounds / elapsed
    total = sum(counts.values())
    print(f"{name:<16} {rate:8.1f} feeds/s   {total:5d} entries")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    feeds = load(args.corpus)
    xml_feeds = [(row, data) for row, data in feeds if not looks_like_json(data)]
    print(f"{len(feeds)} feeds ({len(feeds) - len(xml_feeds)} JSON), {args.rounds} rounds\n")

    results = {
        "feedparser": measure("feedparser", count_feedparser, feeds, args.rounds),
        "feedparser-rs": measure("feedparser-rs", count_feedparser_rs, feeds, args.rounds),
        "parse_feed": measure("parse_feed", count_ours, feeds, args.rounds),
    }

    print("\nfiles below the manifest's entry count:")
    for name, counts in results.items():
        short = [
            row["file"]
            for row, _ in feeds
            if row["items"] is not None and counts[row["file"]] < row["items"]
        ]
        print(f"  {name:<16} {len(short):3d}  {', '.join(f.split('/')[-1] for f in short[:6])}")

    print("\nfiles where the entry counts differ (feedparser / feedparser-rs / parse_feed):")
    for row, _ in feeds:
        trio = [results[name][row["file"]] for name in results]
        if len(set(trio)) > 1:
            print(f"  {row['file'].split('/')[-1]:<55} {trio[0]:4d} {trio[1]:4d} {trio[2]:4d}")

    reasons = Counter(
        second_opinion_reason(feedparser_rs.parse(data), data) or "trusted" for _, data in xml_feeds
    )
    print(f"\nparse_feed on {len(xml_feeds)} XML feeds: feedparser-rs alone or with feedparser:")
    for reason, n in reasons.most_common():
        print(f"  {reason:<40} {n:4d}")


if __name__ == "__main__":
    main()
