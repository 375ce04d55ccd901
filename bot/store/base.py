"""What every query module shares: the engine, an insert that ignores duplicates, and rows
turned into the typed records that leave the store."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Row, Table
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



def by_name(fields: tuple[str, ...], row: Row[*tuple[Any, ...]]) -> dict[str, Any]:
    """A row's values for a record's fields, taken by name: a column added to the table (or
    a joined one) shifts nothing. `Chat(**by_name(Chat._fields, row))` is a Chat."""
    columns = row._mapping
    return {name: columns[name] for name in fields}
