"""Publication-date accuracy on the corpus's dated pages: ours against htmldate alone.

Usage: python benchmarks/eval_dates.py [--manifest PATH] [--verbose]
A page counts as right when the day matches, or when both say "unknown" (null).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from htmldate import find_date  # noqa: E402

from bot.briefing.pagedates import page_date  # noqa: E402
from bot.sources.pages import decode_html  # noqa: E402

DATES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dates"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=DATES / "manifest.jsonl")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.manifest.read_text().splitlines() if line.strip()]
    ours_right = base_right = 0
    ours_time = base_time = 0.0
    for row in rows:
        with gzip.open(args.manifest.parent / row["file"], "rb") as fh:
            html = decode_html(fh.read())
        expected = row["expected_date"]
        t0 = time.perf_counter()
        try:
            base = find_date(html, url=row["url"])
        except Exception:  # htmldate alone, as a user would call it
            base = None
        t1 = time.perf_counter()
        ours = page_date(html, row["url"])
        t2 = time.perf_counter()
        base_time += t1 - t0
        ours_time += t2 - t1
        base_right += base == expected
        ours_right += ours == expected
        if args.verbose and ours != expected:
            print(f"{row['file']}  expected {expected}  ours {ours}  htmldate {base}  {row['url']}")
    n = len(rows)
    print(f"pages               {n}")
    for label, right, spent in (
        ("htmldate alone", base_right, base_time),
        ("briefbot", ours_right, ours_time),
    ):
        print(f"{label:<20}{right / n:.3f}  ({right}/{n}, {spent / n * 1000:.0f} ms/page)")


if __name__ == "__main__":
    main()
