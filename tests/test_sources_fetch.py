"""fetch() against a local server: validators, status codes, redirects, caps and deadlines."""

from __future__ import annotations

import gzip
import socket
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from bot.sources.errors import (
    FetchTimeout,
    HTTPStatusError,
    NetworkError,
    RedirectLoop,
    TooLargeError,
    TooManyRedirects,
    UnsafeURLError,
)
from bot.sources.fetch import USER_AGENT, fetch, make_client, parse_retry_after
from tests.feedserver import (
    FeedServer,
    Response,
    conditional,
    drip,
    endless,
    gzipped,
    redirect,
    retry_after,
)

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


async def get(url: str, **kwargs):
    async with make_client(timeout=kwargs.pop("timeout", 5.0)) as client:
        return await fetch(client, url, allow_private=kwargs.pop("allow_private", True), **kwargs)


async def test_plain_get_sends_our_user_agent(feed_server: FeedServer) -> None:
    feed_server.add("/feed.xml", RSS, headers={"ETag": '"a"'})
    result = await get(feed_server.url("/feed.xml"))
    assert (result.status, result.content, result.etag) == (200, RSS, '"a"')
    assert result.content_type.startswith("application/xml")
    assert not result.not_modified
    assert feed_server.requests[-1].headers["User-Agent"] == USER_AGENT


async def test_conditional_get_turns_into_304(feed_server: FeedServer) -> None:
    stamp = "Sat, 15 Feb 2025 10:00:00 GMT"
    feed_server.add_handler("/feed.xml", conditional(RSS, etag='"v7"', last_modified=stamp))
    first = await get(feed_server.url("/feed.xml"))
    second = await get(
        feed_server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified
    )
    assert first.status == 200 and first.etag == '"v7"' and first.last_modified == stamp
    assert second.not_modified and second.status == 304 and second.content == b""
    # The validators survive a 304 so the caller can store them again unchanged.
    assert (second.etag, second.last_modified) == ('"v7"', stamp)
    sent = feed_server.requests[-1].headers
    assert sent["If-None-Match"] == '"v7"' and sent["If-Modified-Since"] == stamp


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_seconds_kept_on_the_error(feed_server: FeedServer, status: int) -> None:
    feed_server.add_handler("/busy", retry_after(120, status=status))
    with pytest.raises(HTTPStatusError) as caught:
        await get(feed_server.url("/busy"))
    assert caught.value.status == status
    assert caught.value.retry_after == 120.0
    reason = str(caught.value)
    assert reason.startswith(f"HTTP {status}") and reason.endswith("(retry after 120 s)")


async def test_retry_after_http_date(feed_server: FeedServer) -> None:
    when = datetime.now(UTC) + timedelta(seconds=90)
    feed_server.add_handler("/busy", retry_after(format_datetime(when, usegmt=True)))
    with pytest.raises(HTTPStatusError) as caught:
        await get(feed_server.url("/busy"))
    assert 80 <= caught.value.retry_after <= 91


def test_parse_retry_after_forms() -> None:
    now = datetime(2025, 2, 15, 12, 0, tzinfo=UTC)
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("Sat, 15 Feb 2025 12:01:00 GMT", now=now) == 60.0
    assert parse_retry_after("Sat, 15 Feb 2025 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


async def test_not_found_is_a_short_reason(feed_server: FeedServer) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        await get(feed_server.url("/missing"))
    assert str(caught.value) == "HTTP 404 Not Found"
    assert caught.value.retry_after is None


async def test_redirects_are_followed_hop_by_hop(feed_server: FeedServer) -> None:
    feed_server.add_handler("/old", redirect("/moved", status=301))
    feed_server.add_handler("/moved", redirect(feed_server.url("/feed.xml"), status=307))
    feed_server.add("/feed.xml", RSS)
    result = await get(feed_server.url("/old"))
    assert result.url == feed_server.url("/feed.xml") and result.content == RSS
    assert [feed_server.hits[p] for p in ("/old", "/moved", "/feed.xml")] == [1, 1, 1]


async def test_redirect_loop_is_detected(feed_server: FeedServer) -> None:
    feed_server.add_handler("/a", redirect("/b"))
    feed_server.add_handler("/b", redirect("/a"))
    with pytest.raises(RedirectLoop, match="redirect loop"):
        await get(feed_server.url("/a"))
    assert feed_server.hits["/a"] == 1 and feed_server.hits["/b"] == 1


async def test_too_many_redirects(feed_server: FeedServer) -> None:
    for hop in range(10):
        feed_server.add_handler(f"/r{hop}", redirect(f"/r{hop + 1}"))
    with pytest.raises(TooManyRedirects, match="more than 3 redirects"):
        await get(feed_server.url("/r0"), max_redirects=3)
    assert feed_server.hits["/r4"] == 0


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1/admin",
        "http://2130706433/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost/",
    ],
)
async def test_redirect_to_a_private_address_is_refused(target: str) -> None:
    """The first hop is a public literal address served in-process: no network is touched."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": target})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(UnsafeURLError, match="refused"):
            await fetch(client, "http://93.184.216.34/feed", allow_private=False)
    assert seen == ["http://93.184.216.34/feed"]


async def test_private_source_refused_before_any_request(feed_server: FeedServer) -> None:
    with pytest.raises(UnsafeURLError):
        await get(feed_server.url("/feed.xml"), allow_private=False)
    assert feed_server.hits["/feed.xml"] == 0


async def test_only_http_schemes() -> None:
    with pytest.raises(UnsafeURLError, match="only http and https"):
        await get("file:///etc/passwd")


async def test_endless_body_stops_at_the_cap(feed_server: FeedServer) -> None:
    feed_server.add_handler("/huge", endless())
    started = time.monotonic()
    with pytest.raises(TooLargeError, match="larger than 1,000,000 bytes"):
        await get(feed_server.url("/huge"), max_bytes=1_000_000)
    assert time.monotonic() - started < 5


async def test_declared_two_gigabytes_refused_unread(feed_server: FeedServer) -> None:
    feed_server.add_handler("/huge", endless(declared_length=2_000_000_000))
    with pytest.raises(TooLargeError):
        await get(feed_server.url("/huge"))


async def test_gzip_bomb_stops_at_the_cap(feed_server: FeedServer) -> None:
    bomb = gzip.compress(b"\0" * 8_000_000, compresslevel=1)
    feed_server.add(
        "/bomb", bomb, headers={"Content-Encoding": "gzip"}, content_type="application/xml"
    )
    with pytest.raises(TooLargeError):
        await get(feed_server.url("/bomb"), max_bytes=1_000_000)


async def test_gzip_encoding_is_decoded(feed_server: FeedServer) -> None:
    feed_server.add_handler("/feed.xml", gzipped(RSS))
    assert (await get(feed_server.url("/feed.xml"))).content == RSS


async def test_slow_drip_hits_the_deadline(feed_server: FeedServer) -> None:
    feed_server.add_handler("/drip", drip(RSS, interval_s=0.1))
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="within 1 s"):
        await get(feed_server.url("/drip"), deadline=1.0)
    assert time.monotonic() - started < 2.5


async def test_silent_server_times_out(feed_server: FeedServer) -> None:
    def stall(_request):
        time.sleep(1.5)
        return Response(200, RSS)

    feed_server.add_handler("/stall", stall)
    with pytest.raises(FetchTimeout, match="timed out"):
        await get(feed_server.url("/stall"), timeout=0.3)


async def test_connection_refused_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(NetworkError, match="could not connect"):
        await get(f"http://127.0.0.1:{port}/feed.xml")
