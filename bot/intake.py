"""Files and URLs in, Briefs out: the work behind `briefbot brief FILE_OR_URL...`."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from bot.briefing import (
    ArticleError,
    ArticleInput,
    article_from_page,
    article_from_text,
    brief_documents,
)
from bot.sources.errors import SourceError
from bot.sources.fetch import fetch, make_client
from bot.sources.pages import PageError, decode_html, extract_page

_HTML = re.compile(rb"<(!doctype html|html|head|body|article|p|div)[\s>]", re.IGNORECASE)
# A file larger than this is not an article; reading stops here.
MAX_INPUT_BYTES = 20_000_000


def brief_inputs(names: Sequence[str], *, allow_private: bool) -> Iterator[tuple[str, dict]]:
    """(input, Brief JSON or {"error": reason}) for each input, in input order.

    The language model is loaded once and the readable inputs go through it as one batch.
    """
    loaded = asyncio.run(_load_all(names, allow_private))
    articles = [item for item in loaded if isinstance(item, ArticleInput)]
    briefs = brief_documents(articles)
    for name, item in zip(names, loaded, strict=True):
        if isinstance(item, ArticleInput):
            yield name, next(briefs).to_dict()
        else:
            yield name, {"error": item}


async def _load_all(names: Sequence[str], allow_private: bool) -> list[ArticleInput | str]:
    async with make_client() as client:
        return list(await asyncio.gather(*(_load(client, n, allow_private) for n in names)))


async def _load(client, name: str, allow_private: bool) -> ArticleInput | str:
    """The article in a file or at a URL, or the reason it cannot be read."""
    try:
        if re.match(r"^https?://", name):
            result = await fetch(client, name, allow_private=allow_private)
            return article_from_bytes(result.content, url=result.url)
        return article_from_bytes(_read(Path(name)), url=None)
    except (SourceError, PageError, ArticleError) as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"


def _read(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_INPUT_BYTES)


def article_from_bytes(data: bytes, *, url: str | None) -> ArticleInput:
    """An HTML page through extraction, anything else as a plain-text article."""
    if _HTML.search(data[:4096]):
        return article_from_page(extract_page(data, url))
    return article_from_text(decode_html(data), url=url)
