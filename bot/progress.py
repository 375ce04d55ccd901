"""A progress bar on stderr for long work (`briefbot brief` on hundreds of inputs): counts,
rate and ETA while stderr is a terminal; nothing at all in pipes and logs."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from tqdm import tqdm

# Fewer items than this finish before a bar could tell anything.
MIN_ITEMS = 10

T = TypeVar("T")


def progress(items: Iterable[T], *, total: int, unit: str,
             stream: TextIO | None = None) -> Iterator[T]:
    """`items`, counted on a bar; while the caller handles an item the bar is cleared, so what
    it prints (on stdout or stderr) never runs into the bar."""
    stream = stream or sys.stderr
    if total < MIN_ITEMS or not stream.isatty():
        yield from items
        return
    with tqdm(total=total, unit=unit, file=stream, leave=False, dynamic_ncols=True) as bar:
        for item in items:
            bar.update()
            with bar.external_write_mode(file=sys.stdout):
                yield item
