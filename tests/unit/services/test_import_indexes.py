"""A big import builds the indexes once at the end: afterwards the file is as fast and as strict
as before, and a cancelled import leaves every index where it was."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from infcrm.db import bulk_indexes, search_index
from infcrm.db.engine import CACHE_KIB, Database
from infcrm.services.exchange import people_import
from infcrm.services.exchange.import_history import undo_last_import
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.people_import import write_import
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.progress import Cancelled


def _indexes(db: Database) -> list[tuple[str, str]]:
    with sqlite3.connect(db.path) as conn:
        return conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        ).fetchall()


def _rows(count: int) -> list[ImportRow]:
    return [
        ImportRow(
            n + 2,
            person={"display_name": f"Creator {n}", "email": f"creator{n}@mail.test"},
            tags=["Summer"],
            accounts=[
                {
                    "platform": "instagram",
                    "handle": f"creator_{n}",
                    "url": f"https://www.instagram.com/creator_{n}/",
                    "is_primary": True,
                    "followers": 1000 + n,
                }
            ],
        )
        for n in range(count)
    ]


@pytest.fixture
def small_bulk(monkeypatch: pytest.MonkeyPatch) -> int:
    """Indexes are set aside from 50 new people on, so the test stays quick."""
    monkeypatch.setattr(bulk_indexes, "MIN_ROWS", 50)
    return 60


def test_a_big_import_leaves_every_index_and_finds_its_people(
    db: Database, small_bulk: int
) -> None:
    before = _indexes(db)

    outcome = write_import(
        db, _rows(small_bulk), file_name="a.csv", sheet=None, on_duplicate="skip"
    )

    assert outcome.created == small_bulk
    assert _indexes(db) == before
    assert len(influencer_list.list_ids(db, ListQuery(search="creator_42"))) == 1
    assert len(influencer_list.list_ids(db, ListQuery(tag="Summer"))) == small_bulk
    by_followers = influencer_list.list_ids(db, ListQuery(sort="followers", descending=True))
    assert by_followers[0] == max(by_followers)  # the last row has the most followers
    # A second import of the same rows still finds every one of them already there.
    again = write_import(db, _rows(small_bulk), file_name="a.csv", sheet=None, on_duplicate="skip")
    assert (again.created, len(again.skipped)) == (0, small_bulk)
    undo_last_import(db)
    assert influencer_list.count(db) == 0


def test_a_cancelled_big_import_keeps_every_index_and_adds_nobody(
    db: Database, small_bulk: int
) -> None:
    before = _indexes(db)

    class CancelWhileAdding:
        def report(self, done: int, total: int, text: str = "") -> None:
            if text.startswith("Making the new people searchable"):
                raise Cancelled()

    with pytest.raises(Cancelled):
        write_import(
            db,
            _rows(small_bulk),
            file_name="a.csv",
            sheet=None,
            on_duplicate="skip",
            progress=CancelWhileAdding(),
        )

    assert _indexes(db) == before
    assert influencer_list.count(db) == 0


@pytest.mark.parametrize("where", ["indexing", "preparing"])
def test_a_big_import_failing_halfway_adds_nobody_and_leaves_the_file_usable(
    db: Database, small_bulk: int, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A chunk is made searchable while the next is prepared: a failure on either side (the
    disk, a Cancel) still rolls the whole import back, once the other side has stopped."""
    before = _indexes(db)
    monkeypatch.setattr(people_import, "CHUNK", 10)
    indexed: list[int] = []
    index_new = search_index.index_new

    def failing_on_the_third_chunk(conn, *chunk) -> None:
        indexed.append(1)
        if where == "indexing" and len(indexed) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        index_new(conn, *chunk)

    class CancelWhilePreparing:
        def report(self, done: int, total: int, text: str = "") -> None:
            if where == "preparing" and done == 40:
                raise Cancelled()

    monkeypatch.setattr(search_index, "index_new", failing_on_the_third_chunk)
    with pytest.raises((sqlite3.OperationalError, Cancelled)):
        write_import(
            db,
            _rows(small_bulk),
            file_name="a.csv",
            sheet=None,
            on_duplicate="skip",
            progress=CancelWhilePreparing(),
        )

    assert len(indexed) >= 3
    assert _indexes(db) == before
    assert influencer_list.count(db) == 0
    assert len(influencer_list.list_ids(db, ListQuery(search="creator"))) == 0
    monkeypatch.undo()
    again = write_import(db, _rows(5), file_name="a.csv", sheet=None, on_duplicate="skip")
    assert again.created == 5
    assert len(influencer_list.list_ids(db, ListQuery(search="creator_3"))) == 1


@pytest.mark.parametrize("fails", [False, True], ids=["done", "failed"])
def test_a_big_import_keeps_the_page_cache_small_and_gives_it_back(
    db: Database, small_bulk: int, monkeypatch: pytest.MonkeyPatch, fails: bool
) -> None:
    """The new rows are appended and the indexes sorted once: a big page cache would only add
    memory at the import's peak. Later edits get the full cache again, even after a failure."""
    index_new = search_index.index_new
    during: list[int] = []

    def watching(conn, *chunk) -> None:
        during.append(conn.exec_driver_sql("PRAGMA cache_size").scalar())
        if fails:
            raise sqlite3.OperationalError("disk I/O error")
        index_new(conn, *chunk)

    monkeypatch.setattr(search_index, "index_new", watching)
    try:
        write_import(db, _rows(small_bulk), file_name="a.csv", sheet=None, on_duplicate="skip")
    except sqlite3.OperationalError:
        assert fails

    assert during and during[0] == -bulk_indexes.BULK_CACHE_KIB
    with db.transaction() as session:
        assert session.execute(text("PRAGMA cache_size")).scalar() == -CACHE_KIB
    assert influencer_list.count(db) == (0 if fails else small_bulk)
