"""SQLite: the words of the full-text index, so /latest can spell a prefix out as words.

FTS5 answers `"countr"*` by merging the whole hit list of every word the prefix covers before
it hands out the newest hit (tens of milliseconds at a million articles); the same words
written out, `"countries" OR "country"`, are read newest first and stop early. The table is
filled here from the index's own vocabulary and then kept by the transaction that indexes an
article. PostgreSQL's GIN index needs nothing of the kind.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute("CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID")
    op.execute("CREATE VIRTUAL TABLE temp.article_search_vocabulary "
               "USING fts5vocab(main, article_search, row)")
    op.execute("INSERT INTO search_terms (term) SELECT term FROM temp.article_search_vocabulary")
    op.execute("DROP TABLE temp.article_search_vocabulary")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE search_terms")
