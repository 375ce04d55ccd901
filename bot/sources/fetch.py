"""HTTP GET for sources: conditional, size-capped, deadline-bound, redirect hops guarded.

Redirects are followed here rather than by httpx so every hop passes the SSRF guard, and
every failure becomes a FetchError subclass whose str() is a short reason for users.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import httpx

from bot.sources.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NetworkError,
    RedirectLoop,
    TooLargeError,
    TooManyRedirects,
    UnsafeURLError,
)
from bot.sources.guard import check_peer_address, check_public_url_async

__all__ = [
    "FetchError",
    "FetchResult",
    "FetchTimeout",
    "HTTPStatusError",
    "NetworkError",
    "RedirectLoop",
    "TooLargeError",
    "TooManyRedirects",
    "UnsafeURLError",
    "fetch",
    "make_client",
    "parse_retry_after",
]

logger = logging.getLogger(__name__)

USER_AGENT = "briefbot/0.1 (+https://github.com/briefbot/briefbot)"
MAX_BYTES = 5_000_000
DEADLINE_S = 30.0

_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, text/html;q=0.8, */*;q=0.5"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class FetchResult:
    """One answered GET: the final URL after redirects, the body, and the cache validators."""

    url: str
    status: int
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool
    retry_after: float | None


def make_client(*, timeout: float = 20.0) -> httpx.AsyncClient:
    """A client for fetch(): our User-Agent, gzip, per-operation timeout, no automatic redirects.

    Environment proxies are ignored: the SSRF guard must see the address really connected to.
    """
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
        limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = MAX_BYTES,
    allow_private: bool = False,
    max_redirects: int = 5,
    deadline: float = DEADLINE_S,
) -> FetchResult:
    """GET `url`, sending the validators of the last fetch so an unchanged source costs a 304.

    `deadline` bounds the whole exchange, redirects and body included, so a 1 byte/s drip ends.
    """
    headers = _conditional_headers(etag, last_modified)
    try:
        async with asyncio.timeout(deadline):
            result = await _follow(client, url, headers, max_bytes, allow_private, max_redirects)
    except TimeoutError as exc:
        raise _failed(url, FetchTimeout(f"no complete answer within {deadline:g} s")) from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise _failed(url, _translate(exc)) from exc
    except FetchError as exc:
        raise _failed(url, exc) from None
    if result.not_modified:
        result.etag = result.etag or etag
        result.last_modified = result.last_modified or last_modified
    return result


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


async def _follow(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    max_bytes: int,
    allow_private: bool,
    max_redirects: int,
) -> FetchResult:
    seen: set[str] = set()
    current = url
    for _ in range(max_redirects + 1):
        await check_public_url_async(current, allow_private=allow_private)
        seen.add(current)
        async with _get(client, current, headers, allow_private) as response:
            if response.status_code not in _REDIRECTS:
                return await _result(response, max_bytes)
            location = response.headers.get("location", "").strip()
            if not location:
                raise FetchError(f"HTTP {response.status_code} redirect without a Location")
            current = urljoin(str(response.url), location)
            if current in seen:
                raise RedirectLoop("redirect loop")
    raise TooManyRedirects(f"more than {max_redirects} redirects")


@asynccontextmanager
async def _get(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], allow_private: bool
) -> AsyncIterator[httpx.Response]:
    async with client.stream("GET", url, headers=headers) as response:
        if not allow_private:
            _check_peer(response)
        yield response


def _check_peer(response: httpx.Response) -> None:
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer:
        check_peer_address(response.url.host, str(peer[0]))


async def _result(response: httpx.Response, max_bytes: int) -> FetchResult:
    status = response.status_code
    retry_after = parse_retry_after(response.headers.get("retry-after"))
    if status >= 400:
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        if retry_after is not None:
            reason += f" (retry after {retry_after:g} s)"
        raise HTTPStatusError(reason, status=status, retry_after=retry_after)
    if status != 304 and not 200 <= status < 300:
        raise FetchError(f"unexpected HTTP {status}")
    content = b"" if status == 304 else await _read_capped(response, max_bytes)
    return FetchResult(
        url=str(response.url),
        status=status,
        content=content,
        content_type=response.headers.get("content-type"),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        not_modified=status == 304,
        retry_after=retry_after,
    )


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body, refusing it as soon as it passes `max_bytes` (gzip bombs included)."""
    too_large = TooLargeError(f"response larger than {max_bytes:,} bytes")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _translate(exc: httpx.HTTPError | httpx.InvalidURL) -> FetchError:
    """An httpx failure as our short, user-facing reason."""
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeout("timed out waiting for the server")
    if isinstance(exc, httpx.ConnectError):
        return NetworkError("could not connect to the server")
    if isinstance(exc, httpx.DecodingError):
        return FetchError("could not decode the compressed response")
    if isinstance(exc, httpx.RemoteProtocolError):
        return NetworkError("the server broke off or sent invalid HTTP")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return UnsafeURLError("malformed or unsupported URL")
    return NetworkError(f"network error ({type(exc).__name__})")


def _failed(url: str, error: FetchError) -> FetchError:
    logger.debug("fetch %s failed: %s", url, error)
    return error
