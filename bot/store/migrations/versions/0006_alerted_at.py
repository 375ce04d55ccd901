"""Articles remember whether their alerts were queued, so none is lost between the two.

An article is stored, then its alerts are queued in another transaction; a failure or a stop
between them left it stored and its alerts never queued. `alerted_at` is set once they are;
a poll pass queues those of recent articles still without it (queueing is idempotent).
Articles stored before this revision count as alerted.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from bot.store.tables import UTCDateTime

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.add_column("articles", sa.Column("alerted_at", UTCDateTime, nullable=True))
    op.execute("UPDATE articles SET alerted_at = fetched_at")
    # Partial: it holds only the articles still to alert, so a poll pass finds them at once.
    unalerted = sa.text("alerted_at IS NULL")
    op.create_index(
        "ix_articles_unalerted",
        "articles",
        ["fetched_at"],
        sqlite_where=unalerted,
        postgresql_where=unalerted,
    )


def downgrade() -> None:
    op.drop_index("ix_articles_unalerted", table_name="articles")
    op.drop_column("articles", "alerted_at")
