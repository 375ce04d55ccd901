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


def downgrade() -> None:
    op.drop_column("articles", "alerted_at")
