"""The first schema: sources, articles, entries, chats, subscriptions, deliveries.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from bot.store.tables import UTCDateTime

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("title", sa.String(500)),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("added_by", sa.String(200)),
        sa.Column("etag", sa.String(500)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("interval_s", sa.Integer, nullable=False),
        sa.Column("next_poll_at", UTCDateTime, nullable=False),
        sa.Column("last_polled_at", UTCDateTime),
        sa.Column("last_ok_at", UTCDateTime),
        sa.Column("last_error", sa.String(500)),
        sa.Column("consecutive_errors", sa.Integer, nullable=False),
        sa.Column("paused", sa.Boolean, nullable=False),
        sa.Column("claimed_by", sa.String(100)),
        sa.Column("claimed_until", UTCDateTime),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("link", sa.String(2000)),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL")),
        sa.Column("title", sa.String(1000), nullable=False),
        sa.Column("site", sa.String(300)),
        sa.Column("published", sa.String(10)),
        sa.Column("sort_at", UTCDateTime, nullable=False),
        sa.Column("fetched_at", UTCDateTime, nullable=False),
        sa.Column("brief", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_articles_sort_at", "articles", ["sort_at"])
    op.create_table(
        "entries",
        sa.Column(
            "source_id",
            sa.Integer,
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("guid", sa.String(2000), primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE")),
        sa.Column("seen_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "chats",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300)),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("briefing_time", sa.String(5), nullable=False),
        sa.Column("alerts", sa.Boolean, nullable=False),
        sa.Column("empty_briefing", sa.String(10), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("inactive_reason", sa.String(300)),
        sa.Column("last_briefing_at", UTCDateTime),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("platform", "key", name="uq_chats_platform_key"),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "chat_id", sa.Integer, sa.ForeignKey("chats.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("topic_key", sa.String(200), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("chat_id", "topic_key", name="uq_subscriptions_chat_topic"),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "chat_id", sa.Integer, sa.ForeignKey("chats.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("ref", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("parts", sa.Text),
        sa.Column("parts_sent", sa.Integer, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", UTCDateTime, nullable=False),
        sa.Column("claimed_by", sa.String(100)),
        sa.Column("claimed_until", UTCDateTime),
        sa.Column("last_error", sa.String(500)),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("sent_at", UTCDateTime),
        sa.UniqueConstraint("chat_id", "kind", "ref", name="uq_deliveries_chat_kind_ref"),
    )
    op.create_index("ix_deliveries_due", "deliveries", ["state", "next_attempt_at"])
    op.create_index("ix_deliveries_chat", "deliveries", ["chat_id", "state"])


def downgrade() -> None:
    for table in ("deliveries", "subscriptions", "chats", "entries", "articles", "sources"):
        op.drop_table(table)
