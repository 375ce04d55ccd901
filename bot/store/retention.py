"""Retention: old articles lose their text, search entry and signature; old sent messages
their payload; SQLite gives the freed pages back to the file system.

What stays of a pruned article is what dedup and the story keys need: its row (the canonical
URL that stops a second store, its story key, the feed entries pointing at it) and a brief cut
to its title, site, date and meetings. A sent message keeps its row, the key that stops a
second send. An article a pending alert names ("story:12") is kept whole.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Row, bindparam, or_, select, text, update

from bot.store.base import StoreBase
from bot.store.tables import articles, deliveries, utcnow

log = logging.getLogger(__name__)

# What a pruned article's brief keeps: enough for a card and for the meetings it reported.
_KEPT_BRIEF_KEYS = ("title", "url", "site", "published", "meetings")
PRUNED_PAYLOAD = "{}"
_STORY_REF = re.compile(r"story:(\d+)")
BATCH_ROWS = 100
# Between two batches: long enough for a waiting sender to take the write lock.
BATCH_PAUSE_S = 0.05
_VACUUM_PAGES = 500
T = TypeVar("T")


@dataclass
class CleanupReport:
    """What one cleanup did, and the longest it held the write lock at once."""

    articles: int = 0
    deliveries: int = 0
    pages_freed: int = 0
    longest_batch_s: float = 0.0


class RetentionQueries(StoreBase):
    def pending_story_keys(self) -> set[int]:
        """The story keys (article ids) that pending alerts name: those articles stay whole."""
        query = select(deliveries.c.ref).where(
            deliveries.c.state == "pending", deliveries.c.kind == "alert"
        )
        with self.engine.connect() as conn:
            refs = conn.execute(query).scalars()
            return {int(found[1]) for ref in refs if (found := _STORY_REF.fullmatch(ref))}

    def prune_articles(
        self, before: datetime, *, after_id: int, keep: set[int], limit: int = BATCH_ROWS
    ) -> tuple[int | None, int]:
        """Prune up to `limit` articles stored before `before` past `after_id`, in one
        transaction; (the last id looked at or None when none is left, how many pruned)."""
        query = (
            select(articles.c.id, articles.c.story_id, articles.c.brief)
            .where(
                articles.c.id > after_id,
                articles.c.fetched_at < before,
                or_(articles.c.text != "", articles.c.signature.is_not(None)),
            )
            .order_by(articles.c.id)
            .limit(limit)
        )
        with self.engine.begin() as conn:
            rows = conn.execute(query).all()
            if not rows:
                return None, 0
            pruned = [r for r in rows if r.id not in keep and (r.story_id or r.id) not in keep]
            if pruned:
                self._prune_rows(conn, pruned)
            return rows[-1].id, len(pruned)

    def _prune_rows(self, conn: Connection, rows: Sequence[Row[*tuple[Any, ...]]]) -> None:
        conn.execute(
            update(articles)
            .where(articles.c.id == bindparam("pruned_id"))
            .values(text="", signature=None, brief=bindparam("kept_brief")),
            [{"pruned_id": r.id, "kept_brief": _kept_brief(r.brief)} for r in rows],
        )
        ids = {"ids": [r.id for r in rows]}
        if self.dialect == "postgresql":
            unindex = text("UPDATE articles SET search = NULL WHERE id IN :ids")
        else:
            unindex = text("DELETE FROM article_search WHERE rowid IN :ids")
        conn.execute(unindex.bindparams(bindparam("ids", expanding=True)), ids)

    def prune_sent_deliveries(self, before: datetime, *, limit: int = BATCH_ROWS) -> int:
        """Blank the payload of up to `limit` messages sent before `before`; how many."""
        batch = (
            select(deliveries.c.id)
            .where(
                deliveries.c.state == "sent",
                deliveries.c.sent_at < before,
                deliveries.c.payload != PRUNED_PAYLOAD,
            )
            .limit(limit)
            .scalar_subquery()
        )
        with self.engine.begin() as conn:
            result = conn.execute(
                update(deliveries)
                .where(deliveries.c.id.in_(batch))
                .values(payload=PRUNED_PAYLOAD, parts=None)
            )
            return result.rowcount

    def free_pages(self, pages: int = _VACUUM_PAGES) -> int:
        """SQLite: give up to `pages` free pages back to the file system (incremental vacuum);
        how many it gave. PostgreSQL's autovacuum needs no help: 0."""
        if self.dialect != "sqlite":
            return 0
        raw = self.engine.raw_connection()
        try:
            sqlite = cast(sqlite3.Connection, raw.driver_connection)
            before: int = sqlite.execute("PRAGMA freelist_count").fetchone()[0]
            # A script steps the pragma to its end (execute() frees a single page), in a
            # transaction of its own.
            sqlite.executescript(f"PRAGMA incremental_vacuum({int(pages)});")
            after: int = sqlite.execute("PRAGMA freelist_count").fetchone()[0]
            return before - after
        finally:
            raw.close()


def clean_up(
    store: RetentionQueries, *, keep_days: int, now: datetime | None = None,
    pause_s: float = BATCH_PAUSE_S,
) -> CleanupReport:
    """Prune what is older than `keep_days` in small batches, each its own short transaction
    and a pause after it, so a sender never waits for more than one batch; then vacuum."""
    report = CleanupReport()
    if keep_days <= 0:
        return report
    before = (now or utcnow()) - timedelta(days=keep_days)
    keep = store.pending_story_keys()
    after_id: int | None = 0
    while after_id is not None:
        step = partial(store.prune_articles, before, after_id=after_id, keep=keep)
        after_id, pruned = _timed(report, pause_s, step)
        report.articles += pruned
    while pruned := _timed(report, pause_s, partial(store.prune_sent_deliveries, before)):
        report.deliveries += pruned
    while freed := _timed(report, pause_s, store.free_pages):
        report.pages_freed += freed
    log.info("cleanup: %d articles and %d sent messages pruned, %d pages freed",
             report.articles, report.deliveries, report.pages_freed)
    return report


def _timed(report: CleanupReport, pause_s: float, batch: Callable[[], T]) -> T:
    """Run one batch, note how long it held the database, then leave it to others a while."""
    started = time.monotonic()
    result = batch()
    report.longest_batch_s = max(report.longest_batch_s, time.monotonic() - started)
    time.sleep(pause_s)
    return result


def _kept_brief(brief_json: str) -> str:
    brief = json.loads(brief_json)
    return json.dumps({key: brief.get(key) for key in _KEPT_BRIEF_KEYS if key in brief},
                      ensure_ascii=False)
