"""The few reads the window needs before its first paint, made without SQLAlchemy.

Which screen to open on and whether the file holds sample data (the title and a banner) are
known before the window paints; loading SQLAlchemy and the table mappings for them would
cost more than the rest of the start together (`tests/perf/bench.py --only startup`).
Everything else is read once the window is on screen.
"""

from __future__ import annotations

import json

from infcrm.db.engine import Database

SAMPLE_DATA = "sample_data"  # the setting key (settings.py re-exports it)


def has_people(db: Database) -> bool:
    """Whether anyone is in the list (people in the trash do not count)."""
    row = _first_row(db, "SELECT EXISTS (SELECT 1 FROM influencer WHERE deleted_at IS NULL)")
    return bool(row[0])


def is_sample_data(db: Database) -> bool:
    """Whether this file holds made-up sample people (made by “Try with sample data”)."""
    row = _first_row(db, f"SELECT value FROM setting WHERE key = '{SAMPLE_DATA}'")
    return bool(row is not None and json.loads(row[0]))


def _first_row(db: Database, sql: str) -> tuple | None:
    """The first row of a query without parameters, on either backend's own driver."""
    with db.plain_reader() as conn:
        cursor = conn.cursor()
        try:
            cursor.execute(sql)
            return cursor.fetchone()
        finally:
            cursor.close()


__all__ = ["SAMPLE_DATA", "has_people", "is_sample_data"]
