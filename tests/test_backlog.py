"""Big feeds lose nothing: entries past the per-poll cap wait on the backlog, even behind a 304.

Every real feed of the corpus is served as its site serves it (ETag and Last-Modified, 304
when they match) and polled until quiet: every entry it listed must be taken in.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.poller import MAX_NEW_PER_POLL
from bot.sources.canonical import canonical_url
from bot.sources.feed_text import html_to_text
from bot.sources.feeds import FeedEntry, parse_feed
from bot.store import Store, utcnow
from bot.store.tables import entries
from tests.feedserver import FeedServer, conditional

LAST_MODIFIED = "Sat, 15 Feb 2025 08:00:00 GMT"
# The podcast feed of 100 entries: more than three polls' worth.
BIG_FEED = "files/rsparser__atp.rss"


def _big_feeds(corpus_dir: Path) -> list[str]:
    """The real feeds that list more entries than one poll takes in: the ones that lost some
    (a smaller feed is taken in whole by its first poll, so briefing it again proves nothing
    and would cost the suite minutes)."""
    manifest = corpus_dir / "feeds" / "manifest.jsonl"
    rows = [json.loads(line) for line in manifest.read_text().splitlines()]
    return [row["file"] for row in rows if (row["items"] or 0) > MAX_NEW_PER_POLL]


def _serve(server: FeedServer, corpus_dir: Path, names: list[str]) -> dict[str, list[FeedEntry]]:
    """Serve each feed with validators; what each feed URL lists, as the poller parses it."""
    listed = {}
    for number, name in enumerate(names):
        body = (corpus_dir / "feeds" / name).read_bytes()
        path = f"/feeds/{number}"
        server.add_handler(path, conditional(body, etag=f'"{number}-v1"',
                                             last_modified=LAST_MODIFIED))
        listed[server.url(path)] = parse_feed(body, server.url(path)).entries
    return listed


def _make_due(store: Store) -> None:
    for source in store.sources():
        store.record_poll(source.id, next_poll_at=utcnow())


async def _poll_round(core) -> list:
    """Poll every source once: passes (of at most 50 sources each) until none is due."""
    _make_due(core.store)
    reports = []
    while batch := await core.poll_once():
        reports += batch
    return reports


def _readable(entry: FeedEntry) -> bool:
    """An entry with text of its own (the pages behind the others are out of reach here)."""
    text = html_to_text(entry.content_html) if entry.content_html else entry.summary
    return bool(text.strip())


def _lost_text(store: Store, entry: FeedEntry) -> bool:
    """A readable entry taken in without an article of its own or of its URL."""
    known_url = entry.url and store.article_by_url(canonical_url(entry.url))
    return _readable(entry) and not known_url


def _missing(store: Store, listed: dict[str, list[FeedEntry]]) -> list[tuple[str, str]]:
    """Listed entries not taken in: no entry row, or a readable one with no article."""
    by_url = {source.url: source.id for source in store.sources()}
    with store.engine.connect() as conn:
        taken = {(row.source_id, row.guid): row.article_id for row in conn.execute(select(entries))}
    missing = []
    for url, feed_entries in listed.items():
        for entry in feed_entries:
            key = (by_url[url], entry.guid)
            if key not in taken or taken[key] is None and _lost_text(store, entry):
                missing.append((url, entry.guid))
    return missing


@pytest.mark.corpus
@pytest.mark.timeout(900)
async def test_every_entry_of_every_big_real_feed_is_stored(core, corpus_dir: Path):
    names = _big_feeds(corpus_dir)
    with FeedServer() as server:
        listed = _serve(server, corpus_dir, names)
        for url in listed:
            core.store.add_source(url)
        for _ in range(10):
            reports = await _poll_round(core)
            assert {r.source for r in reports} == set(listed)
            assert [r for r in reports if r.error] == []
            if not any(r.new or r.backlog for r in reports):
                break
        revalidated = sum(1 for r in server.requests if r.headers.get("If-None-Match"))
    assert len(listed) == len(names) >= 10
    assert max(len(e) for e in listed.values()) > 3 * MAX_NEW_PER_POLL
    assert revalidated > 0, "later polls were answered 304"
    assert _missing(core.store, listed) == []
    assert core.store.backlog_size(core.store.sources()[0].id) == 0


def _poll_process(settings_url: str) -> subprocess.Popen:
    env = {**os.environ, "BRIEFBOT_DATABASE_URL": settings_url,
           "BRIEFBOT_HOST_SPACING_SECONDS": "0"}
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "poll", "--once"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _taken_in(store: Store) -> int:
    with store.engine.connect() as conn:
        return len(conn.execute(select(entries.c.guid)).all())


@pytest.mark.corpus
@pytest.mark.timeout(600)
def test_a_kill_between_polls_loses_and_repeats_nothing(settings, corpus_dir: Path):
    store = Store.open(settings.database_url)
    with FeedServer() as server:
        listed = _serve(server, corpus_dir, [BIG_FEED])
        (url,) = listed
        store.add_source(url)
        first = _poll_process(settings.database_url)
        deadline = time.monotonic() + 240
        while _taken_in(store) < 5 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert 0 < _taken_in(store) < len(listed[url]), "killed in the middle of a batch"
        for _ in range(10):
            _make_due(store)
            run = _poll_process(settings.database_url)
            assert run.wait(timeout=240) == 0, run.stderr.read().decode()
            if store.backlog_size(store.sources()[0].id) == 0:
                break
        assert any(r.headers.get("If-None-Match") for r in server.requests), "a 304 came"
    assert _missing(store, listed) == []
    assert _taken_in(store) == len({e.guid for e in listed[url]})
    assert store.backlog_size(store.sources()[0].id) == 0
    store.close()
