"""Full-text search for /latest, and same-story clustering of articles.

SQLite gets an FTS5 table keyed by article id; PostgreSQL a tsvector column with a GIN index.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from bot.store.articles import fold

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("signature", sa.LargeBinary))
        batch.add_column(sa.Column("story_id", sa.Integer))
    op.create_index("ix_articles_story", "articles", ["story_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE articles ADD COLUMN search tsvector")
        op.execute("CREATE INDEX ix_articles_search ON articles USING GIN (search)")
        bind = op.get_bind()
        rows = bind.execute(sa.text("SELECT id, title, text FROM articles")).fetchall()
        for row in rows:
            bind.execute(
                sa.text("UPDATE articles SET search = to_tsvector('simple', :doc) WHERE id = :id"),
                {"doc": fold(f"{row.title} {row.text}"), "id": row.id},
            )
    else:
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO article_search (rowid, title, body) SELECT id, title, text FROM articles"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_articles_search")
        op.execute("ALTER TABLE articles DROP COLUMN search")
    else:
        op.execute("DROP TABLE article_search")
    op.drop_index("ix_articles_story", "articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("story_id")
        batch.drop_column("signature")
