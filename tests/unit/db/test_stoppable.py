"""A long read told to stop ends midway, on a file and on a server; one not told answers whole."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.db.stoppable import Interrupted, stoppable

# Counting to this takes SQLite and PostgreSQL seconds: far longer than a stop may take.
LONG = """WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < :last)
          SELECT count(*) FROM n"""


def test_a_long_read_told_to_stop_ends_within_a_tenth_of_a_second(db: Database) -> None:
    told = threading.Event()
    at: list[float] = []

    def tell() -> None:
        at.append(time.perf_counter())
        told.set()

    threading.Timer(0.2, tell).start()
    with pytest.raises(Interrupted), db.reader() as session, stoppable(session, told.is_set):
        session.execute(text(LONG), {"last": 500_000_000}).scalar()
    stopped = time.perf_counter()
    # Heard within a few hundredths of a second of being told.
    assert told.is_set() and stopped - at[0] < 0.1
    # The connection it ran on reads again as before.
    with db.reader() as session:
        assert session.execute(text("SELECT 41 + 1")).scalar() == 42


def test_a_read_nobody_stops_answers_whole(db: Database) -> None:
    with db.reader() as session, stoppable(session, lambda: False):
        assert session.execute(text(LONG), {"last": 200_000}).scalar() == 200_000


def test_an_error_of_its_own_is_not_taken_for_a_stop(db: Database) -> None:
    with (
        pytest.raises(Exception) as caught,
        db.reader() as session,
        stoppable(session, lambda: False),
    ):
        session.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(caught.value, Interrupted)
