"""PostgreSQL: /latest searches the newest ids first, and spells prefixes out as words.

A GIN index cannot hand its hits out in id order: the newest 200 hits of a common word came
after reading every hit (seconds at a million articles). One GIN index on (id, search), with
btree_gin for the id, finds the hits above a floor id at a cost that follows the window, and
serves the plain full-text search too, so it replaces ix_articles_search. A prefix
(`countr:*`) still makes GIN collect every hit of every word it covers, so the index's words
go in search_terms, as SQLite's do (0004), kept by the transaction that indexes an article.
On SQLite nothing changes.

btree_gin is a trusted extension: the database's owner may create it.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    # Compared as bytes, as SQLite compares them: a prefix's words are one range.
    op.execute('CREATE TABLE search_terms (term TEXT COLLATE "C" PRIMARY KEY)')
    op.execute(
        "INSERT INTO search_terms (term) SELECT word FROM ts_stat('SELECT search FROM articles')"
    )
    op.execute("CREATE INDEX ix_articles_search_by_id ON articles USING GIN (id, search)")
    op.execute("DROP INDEX ix_articles_search")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX ix_articles_search ON articles USING GIN (search)")
    op.execute("DROP INDEX ix_articles_search_by_id")
    op.execute("DROP TABLE search_terms")
