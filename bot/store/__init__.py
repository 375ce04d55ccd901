"""The store: SQLite by default, PostgreSQL for scale-out, one schema via Alembic."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.store.articles import Article, ArticleQueries, NewArticle
from bot.store.chats import Chat, ChatQueries, Subscription
from bot.store.claims import release_claims
from bot.store.db import backup_sqlite, current_revision, database_label, make_engine, migrate
from bot.store.deliveries import Delivery, DeliveryQueries
from bot.store.retention import RetentionQueries
from bot.store.sources import Source, SourceQueries
from bot.store.tables import deliveries as delivery_table
from bot.store.tables import sources as source_table
from bot.store.tables import utcnow


class Store(ArticleQueries, ChatQueries, DeliveryQueries, RetentionQueries, SourceQueries):
    """Every query the bot makes, over one engine."""

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True) -> Store:
        """Connect, and bring the schema up to date unless told not to; `created` says whether
        that made a new database."""
        store = cls(make_engine(url))
        if upgrade:
            store.created = current_revision(store.engine) is None
            migrate(store.engine)
        return store

    def set_chat_aside(self, chat_id: int, reason: str) -> None:
        """A chat that cannot receive messages: inactive, its pending rows failed (visibly);
        its follows stay for when it comes back."""
        self.deactivate_chat(chat_id, reason)
        self.fail_chat_deliveries(chat_id, reason)

    def release_claims(self) -> int:
        """Free the leases a killed process left behind; for the one-process SQLite mode."""
        with self.engine.begin() as conn:
            return sum(release_claims(conn, table) for table in (source_table, delivery_table))

    def ping(self) -> None:
        """Read one row of a table (SQLite's SELECT 1 would not open the file); raises when the
        database cannot answer."""
        with self.engine.connect() as conn:
            conn.execute(select(source_table.c.id).limit(1)).first()

    def backup(self, target: Path) -> None:
        """Copy the database to `target` while the bot runs; SQLite only (PostgreSQL has
        pg_dump)."""
        if self.dialect != "sqlite":
            raise NotImplementedError("use pg_dump to back up a PostgreSQL database")
        backup_sqlite(self.engine, target)

    def close(self) -> None:
        self.engine.dispose()


__all__ = [
    "Article",
    "Chat",
    "Delivery",
    "NewArticle",
    "Source",
    "Store",
    "Subscription",
    "current_revision",
    "database_label",
    "make_engine",
    "migrate",
    "utcnow",
]
