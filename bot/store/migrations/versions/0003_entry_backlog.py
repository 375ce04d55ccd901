"""The backlog: feed entries a poll saw but did not take in yet, kept until they are.

A poll takes at most MAX_NEW_PER_POLL entries; the rest wait here, so a feed answering
304 Not Modified next time loses none of them.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "backlog",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "source_id",
            sa.Integer,
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("guid", sa.String(2000), nullable=False),
        sa.Column("entry", sa.Text, nullable=False),
        sa.UniqueConstraint("source_id", "guid", name="uq_backlog_source_guid"),
    )


def downgrade() -> None:
    op.drop_table("backlog")
