"""`briefbot sources ...`: OPML in and out, list and remove, one-line errors."""

from __future__ import annotations

import subprocess

from bot.app import build_core
from bot.core.chat import ChatRef
from tests.cli import briefbot
from tests.conftest import make_settings
from tests.site import rss

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>desk</title></head><body>
  <outline text="Defence">
    <outline type="rss" text="Defence Desk" xmlUrl="https://desk.example/feed.xml"/>
    <outline type="rss" text="Baltic Wire" xmlUrl="https://wire.example/rss"/>
  </outline>
</body></opml>
"""


def _briefbot(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return briefbot(tmp_path, "sources", *args, **env)


def test_opml_import_list_export_remove(tmp_path):
    (tmp_path / "feeds.opml").write_text(OPML)
    imported = _briefbot(tmp_path, "import", str(tmp_path / "feeds.opml"))
    assert imported.returncode == 0 and "Imported 2 new of 2" in imported.stdout
    again = _briefbot(tmp_path, "import", str(tmp_path / "feeds.opml"))
    assert "Imported 0 new of 2" in again.stdout
    listed = _briefbot(tmp_path, "list").stdout
    assert "https://desk.example/feed.xml" in listed and "https://wire.example/rss" in listed
    exported = _briefbot(tmp_path, "export").stdout
    assert 'xmlUrl="https://wire.example/rss"' in exported and "Baltic Wire" in exported
    assert _briefbot(tmp_path, "remove", "https://wire.example/rss").returncode == 0
    missing = _briefbot(tmp_path, "remove", "https://wire.example/rss")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "briefbot: no such source: https://wire.example/rss"


def test_an_unreadable_or_broken_opml_file_is_one_line(tmp_path):
    result = _briefbot(tmp_path, "import", str(tmp_path / "absent.opml"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot read" in result.stderr
    (tmp_path / "page.opml").write_text("<html><body>not an outline</body></html>")
    broken = _briefbot(tmp_path, "import", str(tmp_path / "page.opml"))
    assert broken.returncode == 1 and broken.stderr.count("\n") == 1, broken.stderr


LOOPBACK_OPML = """<?xml version="1.0"?>
<opml version="2.0"><body>
  <outline type="rss" text="Desk" xmlUrl="https://desk.example/feed.xml"/>
  <outline type="rss" text="Inside" xmlUrl="{inside}"/>
</body></opml>
"""


def test_a_private_address_is_refused_the_same_way_on_every_way_in(tmp_path, feed_server):
    feed_server.add("/feed.xml", rss(feed_server, []))
    feed = feed_server.url("/feed.xml")
    refusal = ("Cannot add %s: refused: 127.0.0.1 points to a private or local address "
               "(set BRIEFBOT_ALLOW_PRIVATE_SOURCES=1 to allow it).")
    guarded = {"BRIEFBOT_ALLOW_PRIVATE_SOURCES": "0"}
    _briefbot(tmp_path, "list")  # the database exists: stderr holds the refusal alone

    added = _briefbot(tmp_path, "add", feed, **guarded)
    assert added.returncode == 1 and added.stdout == ""
    assert added.stderr == f"briefbot: {refusal % feed}\n"

    (tmp_path / "feeds.opml").write_text(LOOPBACK_OPML.format(inside=feed))
    imported = _briefbot(tmp_path, "import", str(tmp_path / "feeds.opml"), **guarded)
    assert imported.returncode == 1
    assert imported.stderr == f"briefbot: {refusal % feed}\n"
    assert "Imported 1 new of 2" in imported.stdout
    assert feed not in _briefbot(tmp_path, "list", **guarded).stdout

    briefed = briefbot(tmp_path, "brief", feed, **guarded)
    assert briefed.returncode == 1
    reason = (refusal % feed).split(": ", 1)[1].rstrip(".")
    assert briefed.stderr == f"briefbot: {feed}: {reason}\n"

    core = build_core(make_settings(tmp_path / "chat", allow_private_sources=False))
    try:
        reply = core.commands.handle(ChatRef("console", "local", "private"), f"/addsource {feed}")
    finally:
        core.store.close()
    assert reply.text == refusal % feed
    assert feed_server.hits["/feed.xml"] == 0, "refused before any request"


def test_a_source_that_cannot_be_added_exits_non_zero_with_its_reason(tmp_path, feed_server):
    feed_server.add("/gone.xml", "gone", status=404, content_type="text/plain")
    _briefbot(tmp_path, "list")  # the database exists: stderr holds the reason alone
    gone = _briefbot(tmp_path, "add", feed_server.url("/gone.xml"))
    assert gone.returncode == 1 and gone.stdout == ""
    assert gone.stderr.startswith(f"briefbot: Cannot add {feed_server.url('/gone.xml')}: HTTP 404")
    feed_server.add("/feed.xml", rss(feed_server, []))
    added = _briefbot(tmp_path, "add", feed_server.url("/feed.xml"))
    assert added.returncode == 0 and "Added Defence Desk" in added.stdout
