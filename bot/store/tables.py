"""The database schema, one table per thing the bot keeps (mirrored by the Alembic migrations)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

metadata = MetaData()


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in Python, naive UTC in the database (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC-aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("title", String(500)),
    Column("kind", String(10), nullable=False, default="feed"),  # feed | page
    Column("added_by", String(200)),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("interval_s", Integer, nullable=False, default=900),
    Column("next_poll_at", UTCDateTime, nullable=False, default=utcnow),
    Column("last_polled_at", UTCDateTime),
    Column("last_ok_at", UTCDateTime),
    Column("last_error", String(500)),
    Column("consecutive_errors", Integer, nullable=False, default=0),
    Column("paused", Boolean, nullable=False, default=False),
    Column("claimed_by", String(100)),
    Column("claimed_until", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2000), nullable=False, unique=True),  # canonical: the dedup key
    Column("link", String(2000)),  # as the source gave it
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    Column("title", String(1000), nullable=False),
    Column("site", String(300)),
    Column("published", String(10)),  # ISO date, or NULL when unknown
    Column("sort_at", UTCDateTime, nullable=False),  # published, else first seen
    Column("fetched_at", UTCDateTime, nullable=False, default=utcnow),
    Column("brief", Text, nullable=False),  # the Brief JSON
    Column("text", Text, nullable=False, default=""),
    Column("signature", LargeBinary),  # MinHash of the text, for same-story clustering
    Column("story_id", Integer),  # the first article of the same story, or NULL
    # When its alerts were queued; NULL while the poller has still to queue them.
    Column("alerted_at", UTCDateTime, default=utcnow),
    Index("ix_articles_sort_at", "sort_at"),
    Index("ix_articles_story", "story_id"),
    # The few articles whose alerts wait to be queued, found each poll pass without a scan.
    Index(
        "ix_articles_unalerted",
        "fetched_at",
        sqlite_where=text("alerted_at IS NULL"),
        postgresql_where=text("alerted_at IS NULL"),
    ),
)

entries = Table(
    "entries",
    metadata,
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column("guid", String(2000), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE")),
    Column("seen_at", UTCDateTime, nullable=False, default=utcnow),
)

backlog = Table(
    "backlog",  # entries a poll saw but did not take in yet, oldest (lowest id) first
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("guid", String(2000), nullable=False),
    Column("entry", Text, nullable=False),  # the FeedEntry JSON
    UniqueConstraint("source_id", "guid", name="uq_backlog_source_guid"),
)

chats = Table(
    "chats",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("key", String(100), nullable=False),
    Column("kind", String(20), nullable=False, default="private"),
    Column("title", String(300)),
    Column("timezone", String(64), nullable=False),
    Column("briefing_time", String(5), nullable=False),
    Column("alerts", Boolean, nullable=False, default=False),
    Column("empty_briefing", String(10), nullable=False, default="skip"),  # skip | notice
    Column("active", Boolean, nullable=False, default=True),
    Column("inactive_reason", String(300)),
    Column("last_briefing_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    UniqueConstraint("platform", "key", name="uq_chats_platform_key"),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chat_id", Integer, ForeignKey("chats.id", ondelete="CASCADE"), nullable=False),
    Column("topic_key", String(200), nullable=False),
    Column("topic", String(200), nullable=False),  # as the user wrote it
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    UniqueConstraint("chat_id", "topic_key", name="uq_subscriptions_chat_topic"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chat_id", Integer, ForeignKey("chats.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),  # alert | briefing | notice
    Column("ref", String(200), nullable=False),  # article id, story id or briefing date
    Column("payload", Text, nullable=False),  # the Reply JSON
    Column("parts", Text),  # rendered parts, fixed at the first send so retries resend the same
    Column("parts_sent", Integer, nullable=False, default=0),
    Column("state", String(10), nullable=False, default="pending"),  # pending | sent | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False, default=utcnow),
    Column("claimed_by", String(100)),
    Column("claimed_until", UTCDateTime),
    Column("last_error", String(500)),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    Column("sent_at", UTCDateTime),
    UniqueConstraint("chat_id", "kind", "ref", name="uq_deliveries_chat_kind_ref"),
    Index("ix_deliveries_due", "state", "next_attempt_at"),
    Index("ix_deliveries_chat", "chat_id", "state"),
)
