"""What every query module shares: the engine, and an insert that ignores duplicates."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.dialects import postgresql, sqlite


class StoreBase:
    """Holds the engine; query mixins add methods on top of it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # True when opening it made the schema from nothing (a new database).
        self.created = False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any]) -> int | None:
    """Insert a row unless a unique key already holds it; the new primary key, else None."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**values).on_conflict_do_nothing()
    result = conn.execute(stmt.returning(table.primary_key.columns.values()[0]))
    row = result.first()
    return None if row is None else row[0]
