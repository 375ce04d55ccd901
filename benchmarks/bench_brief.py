"""Throughput of the batch brief path against bare trafilatura + spaCy on the same pages.

Usage: python benchmarks/bench_brief.py [--pages 200]
Prints briefs per second for both, their ratio, and the cold start of loading the model.
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402

from bot.briefing import ArticleInput, article_from_page, brief_documents, load_nlp  # noqa: E402
from bot.sources.pages import PageError, decode_html, extract_page  # noqa: E402

EXTRACTION = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "extraction"
REPO = Path(__file__).resolve().parents[1]


def _pages(n: int) -> list[bytes]:
    files = sorted(EXTRACTION.glob("*/html/*.html.gz"))[:n]
    return [gzip.open(f, "rb").read() for f in files]


def _articles(pages: list[bytes]) -> Iterator[ArticleInput]:
    for html in pages:
        try:
            yield article_from_page(extract_page(html))
        except PageError:
            continue


def bare(pages: list[bytes]) -> int:
    nlp = load_nlp()
    done = 0
    for html in pages:
        text = trafilatura.extract(decode_html(html))
        if text:
            nlp(text)
            done += 1
    return done


def ours(pages: list[bytes]) -> int:
    return sum(1 for _ in brief_documents(_articles(pages)))


def cold_start() -> float:
    code = (
        "import time; t = time.perf_counter(); from bot.briefing import load_nlp; load_nlp(); "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    pages = _pages(args.pages)
    load_nlp()
    ours(pages[:5])  # warm caches so neither side pays for first use
    t0 = time.perf_counter()
    n_bare = bare(pages)
    t1 = time.perf_counter()
    n_ours = ours(pages)
    t2 = time.perf_counter()
    bare_rate = n_bare / (t1 - t0)
    ours_rate = n_ours / (t2 - t1)
    print(f"pages                       {len(pages)}")
    print(f"bare extract + nlp(text)    {bare_rate:.2f} docs/s  ({n_bare} docs, {t1 - t0:.1f}s)")
    print(
        f"briefbot batch briefs       {ours_rate:.2f} briefs/s  ({n_ours} briefs, {t2 - t1:.1f}s)"
    )
    print(f"ratio                       {ours_rate / bare_rate:.2f}")
    print(f"cold start (load model)     {cold_start():.2f}s")


if __name__ == "__main__":
    main()
