"""Publication-date accuracy on the corpus's dated pages: ours against htmldate alone.

Usage: python benchmarks/eval_dates.py [--manifest PATH] [--verbose]
A page counts as right when the day matches, or when both say "unknown" (null). htmldate is
scored as a user would call it and with original_date=True (its evaluation's setting).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from htmldate import find_date  # noqa: E402

from bot.briefing.pagedates import page_date  # noqa: E402
from bot.sources.pages import decode_html  # noqa: E402

DATES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dates"
Reader = Callable[[str, str], "str | None"]


def _htmldate(**options: bool) -> Reader:
    """htmldate with the given options; its exceptions count as "unknown"."""

    def read(html: str, url: str) -> str | None:
        try:
            return find_date(html, url=url, **options)
        except Exception:  # it trips over some malformed documents
            return None

    return read


READERS: dict[str, Reader] = {
    "htmldate default": _htmldate(),
    "htmldate original": _htmldate(original_date=True),
    "briefbot": page_date,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=DATES / "manifest.jsonl")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.manifest.read_text().splitlines() if line.strip()]
    right = dict.fromkeys(READERS, 0)
    spent = dict.fromkeys(READERS, 0.0)
    for row in rows:
        with gzip.open(args.manifest.parent / row["file"], "rb") as fh:
            html = decode_html(fh.read())
        expected = row["expected_date"]
        found = {}
        for name, read in READERS.items():
            start = time.perf_counter()
            found[name] = read(html, row["url"])
            spent[name] += time.perf_counter() - start
            right[name] += found[name] == expected
        if args.verbose and found["briefbot"] != expected:
            ours = found.pop("briefbot")
            others = "  ".join(f"{name} {day}" for name, day in found.items())
            print(f"{row['file']}  expected {expected}  ours {ours}  {others}  {row['url']}")
    n = len(rows)
    print(f"pages               {n}")
    for name in READERS:
        per_page = spent[name] / n * 1000
        print(f"{name:<20}{right[name] / n:.3f}  ({right[name]}/{n}, {per_page:.0f} ms/page)")


if __name__ == "__main__":
    main()
