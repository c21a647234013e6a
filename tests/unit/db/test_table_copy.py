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
from sqlalchemy import inspect

from infcrm.db import table_copy
from infcrm.db.engine import Database, open_database
from infcrm.services.maintenance import database_copy
from infcrm.services.maintenance.database_copy import CopyRefused


def test_a_value_reads_alike_from_either_backend() -> None:
    as_sqlite_text = ["2026-03-01 09:30:00.000000", "2026-03-01", 1, 2.0, b"\x89PNG", None]
    as_server_types = [datetime(2026, 3, 1, 9, 30), date(2026, 3, 1), True, Decimal("2"),
                       memoryview(b"\x89PNG"), None]  # fmt: skip
    assert table_copy.row_digest(as_sqlite_text) == table_copy.row_digest(as_server_types)
    # …and any real difference shows.
    changed = [datetime(2026, 3, 1, 9, 31), date(2026, 3, 1), True, 2, b"\x89PNG", None]
    assert table_copy.row_digest(changed) != table_copy.row_digest(as_server_types)
    assert table_copy.row_digest(["2026-13-45 text"]) != table_copy.row_digest(["other"])


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
