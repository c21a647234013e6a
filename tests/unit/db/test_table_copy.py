"""Copying a database table by table: the checksum both backends agree on, which tables are
copied, and the refusals (services/maintenance/database_copy.py). File to file here; the
server's side is tests/cli/test_copy_cli.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    inspect,
)

from infcrm.db import table_copy
from infcrm.db.engine import Database, open_database
from infcrm.services.maintenance import database_copy
from infcrm.services.maintenance.database_copy import CopyRefused


def test_a_table_sums_alike_from_either_backend() -> None:
    """The same rows as each driver hands them over give the same checksum; any change shows."""
    table = Table(
        "sample", MetaData(), Column("id", Integer, primary_key=True), Column("at", DateTime),
        Column("day", Date), Column("sent", Boolean), Column("share", Float),
        Column("eml", LargeBinary), Column("note", String),
    )  # fmt: skip
    moment, day = datetime(2026, 3, 1, 9, 30), date(2026, 3, 1)
    as_file = [
        (1, moment, day, True, 2.0, b"\x89PNG", "Lena"),
        (2, None, None, False, 0.5, None, None),
    ]
    as_server = [(2, None, None, False, Decimal("0.5"), None, None),  # another order too
                 (1, moment, day, 1, Decimal("2"), memoryview(b"\x89PNG"), "Lena")]  # fmt: skip
    summed = table_copy.rows_sum(table, [as_file])
    assert summed == table_copy.rows_sum(table, [as_server[:1], as_server[1:]])
    assert summed.rows == 2
    for changed in (
        (1, datetime(2026, 3, 1, 9, 31), day, True, 2.0, b"\x89PNG", "Lena"),
        (1, moment, day, False, 2.0, b"\x89PNG", "Lena"),
        (1, moment, day, True, 2.0, b"\x89PNG", "Lena "),
        (1, moment, day, True, 2.0, b"\x89PNG", None),
    ):
        assert table_copy.rows_sum(table, [[changed, as_file[1]]]) != summed, changed
    # Two rows swapping a value between them is a change too (not only the multiset of values).
    swapped = [
        (1, None, day, True, 2.0, b"\x89PNG", "Lena"),
        (2, moment, None, False, 0.5, None, None),
    ]
    assert table_copy.rows_sum(table, [swapped]) != summed


def test_every_table_is_copied_or_rebuilt_at_the_destination(db: Database) -> None:
    """A new table without a model would be left behind by the copy: this fails first."""
    copied = {table.name for table in table_copy.copied_tables()}
    for name in inspect(db.engine).get_table_names():
        assert name in copied or table_copy.is_rebuilt_or_internal(name), name


@pytest.fixture
def demo_file(tmp_path: Path) -> Iterator[Database]:
    """A demo database in a file, whichever backend the rest of the suite runs on."""
    from infcrm.demo import generate as demo

    made = open_database(tmp_path / "demo.sqlite")
    demo.populate(made, influencers=60, seed=3)
    yield made
    made.close()


def test_a_file_copies_whole_with_its_next_ids_and_progress(demo_file: Database, tmp_path) -> None:
    demo_db = demo_file
    reports: list[tuple[int, int, str]] = []

    class Seen:
        def report(self, done: int, total: int, text: str = "") -> None:
            reports.append((done, total, text))

    target = tmp_path / "copy.sqlite"
    result = database_copy.copy_database(demo_db, target, progress=Seen(), batch=7)
    counts = {table.name: table.rows for table in result.tables}
    assert counts["influencer"] == 60 and result.rows > 60
    assert reports[-1][0] == reports[-1][1]  # the bar reaches its end
    assert any("Building the search index" in text for *_, text in reports)
    with sqlite3.connect(demo_db.path) as a, sqlite3.connect(target) as b:
        query = "SELECT name, seq FROM sqlite_sequence ORDER BY name"
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
        words = "SELECT count(*) FROM influencer_search"
        assert b.execute(words).fetchone() == a.execute(words).fetchone() == (60,)


def test_a_fresh_database_counts_as_empty_but_one_with_people_is_refused(
    demo_file: Database, tmp_path: Path
) -> None:
    demo_db = demo_file
    fresh = tmp_path / "fresh.sqlite"
    open_database(fresh).close()  # the migrations' own stages and templates only
    assert database_copy.destination_refusal(fresh) is None
    assert database_copy.destination_refusal(tmp_path / "not-yet.sqlite") is None

    refusal = database_copy.destination_refusal(demo_db.path)
    assert refusal and "influencer (60 rows)" in refusal and "stage" not in refusal
    with pytest.raises(CopyRefused, match="the same database"):
        database_copy.copy_database(demo_db, demo_db.path)
    source = open_database(fresh)
    try:
        with pytest.raises(CopyRefused, match="is not empty"):
            database_copy.copy_database(source, demo_db.path)
    finally:
        source.close()
