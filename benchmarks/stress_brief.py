"""Brief every corpus article and page one at a time and print how long each took.

Usage: python benchmarks/stress_brief.py [--limit N] [--timeout SECONDS] [--top 10]

Reads ../shared/corpus (news texts, extraction and date pages). Each article is briefed alone
so its time is its own; the spaCy parse is timed too, so a slow brief shows whether the
parser or the analysis after it took the time. An article over the timeout is reported and
skipped (a hang shows up as a TIMEOUT line, not a stuck run).
"""

from __future__ import annotations

import argparse
import gzip
import json
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.briefing import ArticleInput, article_from_page, brief_article, load_nlp  # noqa: E402
from bot.briefing.nlp import MAX_CHARS  # noqa: E402
from bot.briefing.scraped_text import normalize  # noqa: E402
from bot.sources.pages import PageError, extract_page  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


class _Timeout(Exception):
    """An article took longer than the allowed time."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def _news() -> Iterator[tuple[str, ArticleInput]]:
    with (CORPUS / "news" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            yield (
                f"news/{row['id']}",
                ArticleInput(
                    text=row["text"],
                    title=row["title"],
                    url=row.get("url"),
                    published=row["published"],
                ),
            )


def _pages() -> Iterator[tuple[str, ArticleInput]]:
    files = [*sorted((CORPUS / "extraction").glob("*/html/*.html.gz"))]
    files += sorted((CORPUS / "dates" / "pages").glob("*.html.gz"))
    for path in files:
        try:
            with gzip.open(path, "rb") as raw:
                page = extract_page(raw.read())
        except PageError:
            continue
        yield f"{path.parent.parent.name}/{path.name}", article_from_page(page)


def _timed(article: ArticleInput, timeout: int) -> tuple[float, float, int]:
    """Seconds for the parse alone and for the whole brief, and the number of meetings."""
    signal.alarm(timeout)
    try:
        start = time.perf_counter()
        load_nlp()(normalize(article.text)[:MAX_CHARS])
        parsed = time.perf_counter()
        brief = brief_article(article)
        done = time.perf_counter()
    finally:
        signal.alarm(0)
    return parsed - start, done - parsed, len(brief.meetings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="brief at most N articles")
    parser.add_argument("--timeout", type=int, default=60, help="seconds allowed per article")
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest to list")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _on_alarm)
    load_nlp()
    timings: list[tuple[float, float, str, int]] = []
    for n, (name, article) in enumerate([*_news(), *_pages()]):
        if args.limit and n >= args.limit:
            break
        try:
            parse, brief, meetings = _timed(article, args.timeout)
        except _Timeout:
            print(f"TIMEOUT  {name}  chars={len(article.text)}", flush=True)
            continue
        timings.append((brief, parse, name, len(article.text)))
        print(
            f"{brief:7.3f}s brief {parse:6.3f}s parse  {name}  chars={len(article.text)} "
            f"meetings={meetings}",
            flush=True,
        )
    timings.sort(reverse=True)
    print(f"\n{len(timings)} articles, brief total {sum(t[0] for t in timings):.1f}s; slowest:")
    for brief, parse, name, chars in timings[: args.top]:
        print(f"{brief:7.3f}s brief {parse:6.3f}s parse  {name}  chars={chars}")


if __name__ == "__main__":
    main()
