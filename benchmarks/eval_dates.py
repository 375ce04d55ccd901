"""Publication-date accuracy on the corpus's dated pages: ours against htmldate alone.

Usage: python benchmarks/eval_dates.py [--manifest PATH] [--folds N] [--verbose]
A page counts as right when the day matches, or when both say "unknown" (null). htmldate is
scored as a user would call it and with original_date=True (its evaluation's setting).

The pages are also split into folds by host, so that each site's pages are held out together,
and each of our rules (pagedates.DateRules) is weighed on each fold by switching it off alone:
a rule counts only if it loses on no fold. "held out" scores each fold with the rules that
gain on the other folds, as a rule chosen without that fold's sites would be.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from htmldate import find_date  # noqa: E402

from bot.briefing.pagedates import ALL_RULES, DateRules, page_date  # noqa: E402
from bot.sources.pages import decode_html  # noqa: E402

DATES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dates"
Reader = Callable[[str, str], "str | None"]
RULE_NAMES = [field.name for field in fields(DateRules)]


@dataclass(frozen=True)
class Page:
    """One manifest page: its HTML, URL, the expected day and the fold its host falls in."""

    file: str
    html: str
    url: str
    expected: str | None
    fold: int


def _htmldate(**options: bool) -> Reader:
    """htmldate with the given options; its exceptions count as "unknown"."""

    def read(html: str, url: str) -> str | None:
        try:
            return find_date(html, url=url, **options)
        except Exception:  # it trips over some malformed documents
            return None

    return read


HTMLDATE: dict[str, Reader] = {
    "htmldate default": _htmldate(),
    "htmldate original": _htmldate(original_date=True),
}


def _host(url: str) -> str:
    """The site a page is from, "www." aside."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def load_pages(manifest: Path, folds: int) -> list[Page]:
    """The manifest's pages, each in the fold its host hashes to."""
    rows = [json.loads(line) for line in manifest.read_text().splitlines() if line.strip()]
    pages = []
    for row in rows:
        with gzip.open(manifest.parent / row["file"], "rb") as fh:
            html = decode_html(fh.read())
        fold = zlib.crc32(_host(row["url"]).encode()) % folds
        pages.append(Page(row["file"], html, row["url"], row["expected_date"], fold))
    return pages


class Scores:
    """Which pages each reader gets right, computed once per reader, and the time it took."""

    def __init__(self, pages: list[Page]) -> None:
        self.pages = pages
        self.found: dict[str, list[str | None]] = {}
        self.spent: dict[str, float] = {}

    def read(self, name: str, reader: Reader) -> list[str | None]:
        """The days `reader` gives for every page (cached under `name`)."""
        if name not in self.found:
            start = time.perf_counter()
            self.found[name] = [reader(page.html, page.url) for page in self.pages]
            self.spent[name] = time.perf_counter() - start
        return self.found[name]

    def ours(self, rules: DateRules) -> list[str | None]:
        """Our days under a set of rules."""
        off = [name for name in RULE_NAMES if not getattr(rules, name)]
        name = "briefbot" + ("" if not off else " without " + ", ".join(off))
        return self.read(name, lambda html, url: page_date(html, url, rules))

    def right(self, found: list[str | None], fold: int | None = None) -> int:
        """How many pages (of one fold, or all) a reading gets right."""
        return sum(
            day == page.expected
            for day, page in zip(found, self.pages, strict=True)
            if fold is None or page.fold == fold
        )


def _without(rules: DateRules, name: str) -> DateRules:
    return replace(rules, **{name: False})


def report(scores: Scores, folds: int) -> None:
    """Overall accuracy, per-fold accuracy, each rule's gain per fold, and the held-out score."""
    pages = scores.pages
    n = len(pages)
    ours = scores.ours(ALL_RULES)
    print(f"pages               {n}")
    for name in [*HTMLDATE, "briefbot"]:
        found = scores.found[name]
        right = scores.right(found)
        per_page = scores.spent[name] / n * 1000
        print(f"{name:<20}{right / n:.3f}  ({right}/{n}, {per_page:.0f} ms/page)")
    sizes = [sum(page.fold == fold for page in pages) for fold in range(folds)]
    gains = {
        rule: [
            scores.right(ours, fold) - scores.right(scores.ours(_without(ALL_RULES, rule)), fold)
            for fold in range(folds)
        ]
        for rule in RULE_NAMES
    }
    print("\nfold  pages  htmldate  briefbot  " + "  ".join(f"{r[:16]:>16}" for r in RULE_NAMES))
    htmldate = scores.found["htmldate original"]
    for fold in range(folds):
        cells = "  ".join(f"{gains[rule][fold]:>+16d}" for rule in RULE_NAMES)
        print(
            f"{fold:>4}  {sizes[fold]:>5}  {scores.right(htmldate, fold) / sizes[fold]:>8.3f}"
            f"  {scores.right(ours, fold) / sizes[fold]:>8.3f}  {cells}"
        )
    for rule in RULE_NAMES:
        verdict = "counts" if min(gains[rule]) >= 0 else "LOSES on a held-out fold"
        print(f"rule {rule:<26} gain {sum(gains[rule]):+d} pages  {verdict}")
    held_out = 0
    for fold in range(folds):
        kept = {rule: sum(gains[rule]) - gains[rule][fold] >= 0 for rule in RULE_NAMES}
        held_out += scores.right(scores.ours(DateRules(**kept)), fold)
    print(
        f"held out            {held_out / n:.3f}  ({held_out}/{n}, rules chosen without the fold)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=DATES / "manifest.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    scores = Scores(load_pages(args.manifest, args.folds))
    for name, reader in HTMLDATE.items():
        scores.read(name, reader)
    ours = scores.ours(ALL_RULES)
    if args.verbose:
        for index, page in enumerate(scores.pages):
            if ours[index] != page.expected:
                others = "  ".join(f"{name} {scores.found[name][index]}" for name in HTMLDATE)
                print(f"{page.file}  expected {page.expected}  ours {ours[index]}", end="  ")
                print(f"{others}  {page.url}")
    report(scores, args.folds)


if __name__ == "__main__":
    main()
