"""Polling: due sources -> new entries -> article pages -> briefs -> stored articles.

The pipeline of the design's data flow, from a scheduler tick to `on_article`; each step
lives in its own package and this module only strings them together.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from bot.briefing import ArticleInput, Brief, brief_documents
from bot.config import Settings
from bot.intake import entry_article
from bot.sources.canonical import canonical_url
from bot.sources.discover import article_links, discover_feeds
from bot.sources.errors import AddSourceError, FeedError, SourceError, UnsafeURLError
from bot.sources.feeds import FeedEntry, parse_feed
from bot.sources.fetch import FetchResult, fetch, make_client
from bot.sources.guard import check_public_url_async
from bot.sources.opml import OpmlOutline
from bot.sources.pages import decode_html
from bot.sources.schedule import PAUSE_AFTER_ERRORS, HostLimiter, error_backoff, next_interval
from bot.sources.stories import StoryIndex, text_signature
from bot.store import Source, Store, utcnow
from bot.store.outage import DATABASE_GONE

log = logging.getLogger(__name__)

# A first poll of a big feed must not fetch hundreds of pages at once: the rest wait on the
# source's backlog (in the database) and come next time, even when the feed answers 304.
MAX_NEW_PER_POLL = 30
_STORY_MEMORY = 5000

ArticleHook = Callable[[int, Brief, int], None]
"""`on_article(article_id, brief, story_key)`, called for every newly stored article."""
PauseHook = Callable[[Source, str], None]
"""`on_paused(source, reason)`, called when a source is paused after repeated errors."""
ReportHook = Callable[["PollReport"], None]
"""`on_report(report)`, told of each source's report as soon as it is polled
(`briefbot poll --once` counts them)."""


@dataclass
class PollReport:
    """What one poll of one source brought: new articles and how many entries still wait
    on its backlog, or the reason it failed."""

    source: str
    new: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None
    backlog: int = 0
    title: str | None = None

    @property
    def name(self) -> str:
        """The source as a reader knows it: its title, else its address."""
        return self.title or self.source


class Poller:
    """Polls the sources that are due, politely, and stores each new article once."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        on_article: ArticleHook | None = None,
        on_paused: PauseHook | None = None,
        executor: Executor | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.on_article = on_article
        self.on_paused = on_paused
        # spaCy and trafilatura are CPU-bound: off the event loop, one at a time.
        self.executor = executor or ThreadPoolExecutor(1, thread_name_prefix="briefing")
        self.hosts = HostLimiter(spacing_s=settings.host_spacing_seconds)
        self.stories = StoryIndex()
        for row in reversed(store.recent_signatures(_STORY_MEMORY)):
            self.stories.add(row.id, row.signature, at=row.sort_at.timestamp())

    async def poll_due(
        self, worker_id: str, *, limit: int = 50, not_polled_since: datetime | None = None,
        on_report: ReportHook | None = None,
    ) -> list[PollReport]:
        """Poll every source due now (leased, so another worker skips them); with
        `not_polled_since`, every active source not polled since then. `on_report` hears of
        each source as it is done, the list comes in the order the sources were claimed."""
        rows = await asyncio.to_thread(
            self.store.claim_due_sources,
            worker_id,
            utcnow(),
            limit=limit,
            not_polled_since=not_polled_since,
        )
        if not rows:
            return []

        async def polled(client: httpx.AsyncClient, row: Source) -> PollReport:
            report = await self.poll_source(client, row)
            if on_report:
                on_report(report)
            return report

        async with make_client() as client:
            polls = (polled(client, row) for row in rows)
            outcomes = await asyncio.gather(*polls, return_exceptions=True)
        # A database gone mid-pass ends it once every poll has stopped, not one traceback per
        # source; the sources' leases run out and the next pass takes them again.
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        return list(outcomes)

    async def poll_source(self, client: httpx.AsyncClient, source: Source) -> PollReport:
        """Fetch one source, store what is new, and schedule its next poll."""
        report = PollReport(source=source.url, title=source.title)
        try:
            async with self.hosts.slot(source.url):
                result = await fetch(
                    client,
                    source.url,
                    etag=source.etag,
                    last_modified=source.last_modified,
                    allow_private=self.settings.allow_private_sources,
                )
            if not result.not_modified:
                # Parsing a big feed takes tens of milliseconds: off the loop, like briefing.
                entries = await asyncio.to_thread(_entries, source, result)
                await asyncio.to_thread(self._defer_unknown, source, entries)
            report.new, report.backlog = await self._work_off_backlog(client, source)
        except SourceError as exc:
            report.error = str(exc)
            retry_after = getattr(exc, "retry_after", None)
            if retry_after:
                self.hosts.defer(source.url, retry_after)
            await asyncio.to_thread(self._record_failure, source, report.error, retry_after)
            return report
        except DATABASE_GONE:
            raise
        except Exception as exc:
            # A bug must cost one source one poll, not the whole pass.
            log.exception("polling %s failed unexpectedly", source.url)
            report.error = f"internal error: {type(exc).__name__}"
            await asyncio.to_thread(self._record_failure, source, report.error, None)
            return report
        await asyncio.to_thread(self._record_success, source, report, result)
        return report

    def _defer_unknown(self, source: Source, entries: Sequence[FeedEntry]) -> None:
        """Put every entry the source has not brought before on its backlog, in feed order.

        Done before the poll's validators are stored: once they are, the feed may answer
        304 for ever, and the backlog is all that is left of the entries not yet taken in.
        """
        known = self.store.known_entries(source.id, [e.guid for e in entries])
        unknown = [(e.guid, _entry_json(e)) for e in entries if e.guid not in known]
        if unknown:
            self.store.defer_entries(source.id, unknown)

    async def _work_off_backlog(
        self, client: httpx.AsyncClient, source: Source
    ) -> tuple[list[tuple[int, str]], int]:
        """Take in the oldest MAX_NEW_PER_POLL entries of the backlog; (new articles, how
        many entries are left for the next polls).

        Every entry of the batch leaves the backlog and the source is leased, so a batch
        short of MAX_NEW_PER_POLL emptied it: only a full one needs the backlog counted.
        """
        batch = await asyncio.to_thread(self.store.backlog_entries, source.id, MAX_NEW_PER_POLL)
        entries = [_entry_from_json(row.entry) for row in batch]
        new = await self._store_new(client, source, entries)
        if len(batch) < MAX_NEW_PER_POLL:
            return new, 0
        return new, await asyncio.to_thread(self.store.backlog_size, source.id)

    async def _store_new(
        self, client: httpx.AsyncClient, source: Source, fresh: Sequence[FeedEntry]
    ) -> list[tuple[int, str]]:
        """Brief and store a batch from the backlog; each entry leaves it once handled."""
        if not fresh:
            return []
        inputs = await asyncio.gather(*(self._article_input(client, e) for e in fresh))
        pending = [(e, item) for e, item in zip(fresh, inputs, strict=True) if item is not None]
        for entry, item in zip(fresh, inputs, strict=True):
            if item is None:
                self.store.add_entry(source.id, entry.guid, None)
        loop = asyncio.get_running_loop()
        briefs = await loop.run_in_executor(
            self.executor, _brief_all, [item for _, item in pending]
        )
        stored = []
        for (entry, _), brief in zip(pending, briefs, strict=True):
            article_id = await asyncio.to_thread(self._store_article, source, entry, brief)
            if article_id is not None:
                stored.append((article_id, brief.title))
        return stored

    async def _article_input(
        self, client: httpx.AsyncClient, entry: FeedEntry
    ) -> ArticleInput | None:
        """The article behind a feed entry (None when it is already stored or has no text)."""
        if entry.url and self.store.article_by_url(canonical_url(entry.url)):
            return None
        return await entry_article(
            client, entry, hosts=self.hosts, allow_private=self.settings.allow_private_sources
        )

    def _store_article(self, source: Source, entry: FeedEntry, brief: Brief) -> int | None:
        url = canonical_url(entry.url) if entry.url else f"urn:entry:{source.id}:{entry.guid}"
        article_id = self.store_brief(
            brief, url=url, link=entry.url, source=source, feed_time=entry.published
        )
        known = article_id or getattr(self.store.article_by_url(url), "id", None)
        self.store.add_entry(source.id, entry.guid, known)
        return article_id

    def store_brief(
        self,
        brief: Brief,
        *,
        url: str,
        link: str | None = None,
        source: Source | None = None,
        feed_time: str | None = None,
    ) -> int | None:
        """Store a briefed article once (by canonical URL), cluster it, announce it."""
        signature = text_signature(brief.text) if brief.text else None
        now = utcnow()
        sort_at = _sort_time(feed_time, brief.published, now)
        article_id = self.store.add_article(
            {
                "url": url,
                "link": link,
                "source_id": source.id if source else None,
                "title": (brief.title or url)[:1000],
                "site": brief.site or (source.title if source else None),
                "published": brief.published,
                "sort_at": sort_at,
                "fetched_at": now,
                "brief": json.dumps(brief.to_dict(), ensure_ascii=False),
                "text": brief.text,
                "signature": signature,
                "alerted_at": None if self.on_article else now,
            }
        )
        if article_id is None:
            return None
        story = (
            self.stories.add(article_id, signature, at=sort_at.timestamp()) if signature else None
        )
        if story is not None:
            self.store.set_story(article_id, story)
        if self.on_article:
            try:
                self.on_article(article_id, brief, story or article_id)
                self.store.mark_alerted(article_id)
            except Exception:
                # The article is stored and unalerted: the next pass queues its alerts again.
                log.exception("alerts for article %s failed; the next pass retries", article_id)
        return article_id

    def _record_success(self, source: Source, report: PollReport, result: FetchResult) -> None:
        """Store the poll's validators and schedule the next; a source with a backlog is
        due again after the shortest interval, to work it off."""
        min_s = self.settings.min_poll_interval_seconds
        interval = next_interval(
            source.interval_s,
            len(report.new),
            min_s=min_s,
            max_s=self.settings.max_poll_interval_seconds,
        )
        now = utcnow()
        self.store.record_poll(
            source.id,
            etag=result.etag,
            last_modified=result.last_modified,
            interval_s=int(interval),
            next_poll_at=now + timedelta(seconds=min_s if report.backlog else interval),
            last_polled_at=now,
            last_ok_at=now,
            last_error=None,
            consecutive_errors=0,
        )

    def _record_failure(self, source: Source, error: str, retry_after: float | None) -> None:
        errors = source.consecutive_errors + 1
        delay = error_backoff(
            errors, base_s=source.interval_s, max_s=self.settings.max_poll_interval_seconds
        )
        delay = max(delay, retry_after or 0)
        paused = errors >= PAUSE_AFTER_ERRORS
        now = utcnow()
        if paused:
            # The failure itself is in the PollReport (the caller shows it once); the pause is news.
            log.warning("source %s paused after %d failures in a row", source.url, errors)
        self.store.record_poll(
            source.id,
            last_polled_at=now,
            last_error=error[:500],
            consecutive_errors=errors,
            next_poll_at=now + timedelta(seconds=delay),
            paused=paused,
        )
        if paused and not source.paused and self.on_paused:
            self.on_paused(source, error)


async def add_source(
    store: Store, url: str, *, added_by: str, allow_private: bool, interval_s: int
) -> str:
    """Add a feed, or find the feeds of a site, or fall back to following a news page.

    Returns a one-line answer for the user; raises AddSourceError (with the answer) when the
    URL cannot be read or points at a non-public address that is not allowed.
    """
    async with make_client() as client:
        try:
            result = await fetch(client, url, allow_private=allow_private)
        except SourceError as exc:
            raise AddSourceError(url, str(exc)) from None
        try:
            feed = parse_feed(result.content, result.url, result.content_type)
            feeds = [(result.url, feed.title)]
        except FeedError:
            found = await discover_feeds(client, result.url, allow_private=allow_private)
            feeds = [(feed_url, None) for feed_url in found[:1]]
    kind = "feed" if feeds else "page"
    target, title = feeds[0] if feeds else (result.url, None)
    if store.add_source(target, kind=kind, title=title, added_by=added_by,
                        interval_s=interval_s) is None:
        return f"Already polling {target}."
    if kind == "page":
        return f"No feed found; I will read {target} as a news page and follow its articles."
    return f"Added {title or target} ({target})."


async def import_sources(
    store: Store,
    outlines: Sequence[OpmlOutline],
    *,
    added_by: str,
    allow_private: bool,
    interval_s: int,
) -> tuple[int, list[AddSourceError]]:
    """Add an OPML file's feeds: how many were new, and the refused ones.

    Each URL goes through the guard `add_source` applies (same refusal, same message); the
    feeds are not fetched here, so a host that does not resolve now is kept for the poll.
    """
    checks = [check_public_url_async(o.url, allow_private=allow_private) for o in outlines]
    outcomes = await asyncio.gather(*checks, return_exceptions=True)
    added, refused = 0, []
    for outline, outcome in zip(outlines, outcomes, strict=True):
        if isinstance(outcome, UnsafeURLError):
            refused.append(AddSourceError(outline.url, str(outcome)))
            continue
        added += store.add_source(outline.url, title=outline.title, added_by=added_by,
                                  interval_s=interval_s) is not None
    return added, refused


def _entries(source: Source, result: FetchResult) -> list[FeedEntry]:
    """A feed's entries; for a news page without a feed, its article links as entries."""
    if source.kind != "page":
        return parse_feed(result.content, result.url, result.content_type).entries
    links = article_links(decode_html(result.content), result.url)
    return [FeedEntry(guid=link, url=link, title="", summary="", content_html=None,
                      published=None, author=None) for link in links]


def _entry_json(entry: FeedEntry) -> str:
    return json.dumps(asdict(entry), ensure_ascii=False)


def _entry_from_json(data: str) -> FeedEntry:
    return FeedEntry(**json.loads(data))


def _brief_all(items: list[ArticleInput]) -> list[Brief]:
    return list(brief_documents(items))


def _sort_time(feed_time: str | None, published: str | None, now: datetime) -> datetime:
    """When the article came out, for newest-first ordering; never in the future."""
    for value in (feed_time, published):
        if not value:
            continue
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC) + timedelta(hours=12 if len(value) == 10 else 0)
        return min(moment, now)
    return now
