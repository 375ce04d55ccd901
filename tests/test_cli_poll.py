"""`briefbot poll --once`: every source now (politely), `--due` only the due ones, errors once."""

from __future__ import annotations

from tests.cli import briefbot
from tests.feedserver import conditional
from tests.site import FIXTURES, rss

KNDS = ("KNDS Deutschland and Lithuania sign howitzer deal", "/news/knds-order.html",
        "Tue, 04 Mar 2025 09:30:00 GMT")
GDANSK = ("Port of Gdansk expands container terminal", "/news/other-story.html",
          "Wed, 05 Mar 2025 07:00:00 GMT")


def _serve_pages(server) -> None:
    for name in ("knds-order.html", "other-story.html"):
        server.add(f"/news/{name}", (FIXTURES / name).read_bytes(), content_type="text/html")


def test_poll_once_polls_every_source_now_and_asks_conditionally(tmp_path, feed_server):
    _serve_pages(feed_server)
    feed_server.add_handler("/feed.xml", conditional(rss(feed_server, [KNDS]).encode(),
                                                     etag='"one"'))
    feed = feed_server.url("/feed.xml")
    assert briefbot(tmp_path, "sources", "add", feed).returncode == 0
    first = briefbot(tmp_path, "poll", "--once")
    assert first.returncode == 0, first.stderr
    assert f"{feed}: 1 new" in first.stdout and KNDS[0] in first.stdout

    # A minute later the feed has a new item: the next `poll --once` fetches it, not "not due".
    feed_server.add_handler("/feed.xml", conditional(rss(feed_server, [GDANSK, KNDS]).encode(),
                                                     etag='"two"'))
    assert "No source is due" in briefbot(tmp_path, "poll", "--once", "--due").stdout
    second = briefbot(tmp_path, "poll", "--once")
    assert second.returncode == 0, second.stderr
    assert f"{feed}: 1 new" in second.stdout and GDANSK[0] in second.stdout
    assert KNDS[0] not in second.stdout, "an article is stored once"

    third = briefbot(tmp_path, "poll", "--once")
    assert f"{feed}: 0 new" in third.stdout
    feed_polls = [r for r in feed_server.requests if r.path == "/feed.xml"]
    assert feed_polls[-1].headers.get("If-None-Match") == '"two"', "a conditional GET"
    assert feed_server.hits["/news/knds-order.html"] == 1, "a page is fetched once"


def test_a_poll_where_every_source_failed_exits_non_zero_and_says_each_error_once(
    tmp_path, feed_server
):
    for path in ("/feed.xml", "/gone.xml"):
        feed_server.add(path, rss(feed_server, []))
        assert briefbot(tmp_path, "sources", "add", feed_server.url(path)).returncode == 0
    feed_server.add("/feed.xml", "down", status=503, content_type="text/plain")
    feed_server.add("/gone.xml", "gone", status=404, content_type="text/plain")
    failed = briefbot(tmp_path, "poll", "--once")
    assert failed.returncode == 1
    assert failed.stdout == ""
    lines = failed.stderr.splitlines()
    assert len(lines) == 2, failed.stderr
    assert all(line.startswith("briefbot: http://127.0.0.1:") for line in lines)
    assert "WARNING" not in failed.stderr

    feed_server.add("/feed.xml", rss(feed_server, []))
    partly = briefbot(tmp_path, "poll", "--once")
    assert partly.returncode == 0, "one source still works"
    assert partly.stderr.count(feed_server.url("/gone.xml")) == 1
