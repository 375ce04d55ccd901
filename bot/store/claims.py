"""Leases on rows, so several workers share sources and deliveries without doing one twice."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, Table, update


def claim_rows(
    conn: Connection,
    table: Table,
    query: Select[Any],
    *,
    worker: str,
    now: datetime,
    lease_s: float,
) -> list[Row[Any]]:
    """Lease the rows `query` selects to `worker` until now + lease_s.

    PostgreSQL locks them with FOR UPDATE SKIP LOCKED so concurrent workers pick disjoint
    rows; SQLite serialises writers (BEGIN IMMEDIATE), which gives the same guarantee.
    A lease that runs out (a dead worker) makes the row claimable again.
    """
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=table)
    rows = list(conn.execute(query))
    if rows:
        conn.execute(
            update(table)
            .where(table.c.id.in_([row.id for row in rows]))
            .values(claimed_by=worker, claimed_until=now + timedelta(seconds=lease_s))
        )
    return rows


def release_claims(conn: Connection, table: Table) -> int:
    """Drop every lease on the table; only for a database one process owns (SQLite)."""
    query = update(table).where(table.c.claimed_by.is_not(None))
    return int(conn.execute(query.values(claimed_by=None, claimed_until=None)).rowcount)


def unclaimed(table: Table, now: datetime) -> ColumnElement[bool]:
    """The condition for a row nobody holds a live lease on."""
    return (table.c.claimed_until.is_(None)) | (table.c.claimed_until < now)
