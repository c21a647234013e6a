"""Imported people are found like everyone else: by a word of their record, by part of a handle
or an address, by a tag — and their search entries are exactly those an edit would write."""

from __future__ import annotations

import sqlite3

import pytest

from infcrm.db import bulk_indexes, search_index
from infcrm.db.engine import Database
from infcrm.services.exchange.import_history import undo_last_import
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.people_import import write_import
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import rows_of


def _rows(count: int) -> list[ImportRow]:
    rows = []
    for n in range(count):
        accounts: list[dict[str, object]] = [
            {"platform": "instagram", "handle": f"mia_bakes_{n}", "is_primary": True}
        ]
        if n % 2:
            # A second network, and a channel known only by its name (no handle).
            accounts.append({"platform": "tiktok", "handle": f"miatok{n}", "is_primary": False})
            accounts.append(
                {"platform": "youtube", "handle": None, "label": f"Mia Kitchen {n}",
                 "is_primary": False, "followers": 5000}
            )  # fmt: skip
        rows.append(
            ImportRow(
                n + 2,
                person={
                    "display_name": f"Mia Sourdough {n}",
                    "real_name": "Maria Keller" if n % 3 == 0 else None,
                    "email": f"mia{n}@bakery.test" if n % 4 else None,
                    "other_emails": "orders@bakery.test" if n == 5 else None,
                    "city": "Lyon" if n % 2 else None,
                    "country": "France",
                    "language": "fr" if n == 7 else None,
                    "niches": "food, baking",
                    "notes": "Met at the fair" if n % 5 == 0 else None,
                    "brand_fit": "Great for the spring box" if n == 10 else None,
                },
                tags=["Spring"] if n % 2 else [],
                accounts=accounts,
            )
        )
    return rows


def _entries(db: Database) -> list[list[tuple]]:
    """Every entry of the word, part and tag indexes, as stored (whichever the backend)."""
    return [
        rows_of(db, f"SELECT rowid, * FROM {search_index.INDEX_TABLE} ORDER BY rowid"),
        rows_of(db, f"SELECT rowid, * FROM {search_index.PART_TABLE} ORDER BY rowid"),
        rows_of(db, f"SELECT name FROM {search_index.TAG_TABLE} ORDER BY name"),
    ]


def _found(db: Database, text: str = "", tag: str | None = None) -> int:
    return len(influencer_list.list_ids(db, ListQuery(search=text, tag=tag)))


@pytest.mark.parametrize("bulk", [False, True], ids=["small", "big"])
def test_imported_people_are_found_by_word_part_and_tag(
    db: Database, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    if bulk:  # the indexes set aside and the search entries merged once, as for a big file
        monkeypatch.setattr(bulk_indexes, "MIN_ROWS", 10)
        monkeypatch.setattr(search_index, "_MERGE_ONCE_FROM", 10)

    outcome = write_import(db, _rows(40), file_name="a.csv", sheet=None, on_duplicate="create")

    assert outcome.created == 40
    assert _found(db, "sourdough") == 40  # a word of the name
    assert _found(db, "maria") == 14  # the real name
    assert _found(db, "lyon") == 20  # the city
    assert _found(db, "spring box") == 1  # brand fit, with the notes
    assert _found(db, "fair") == 8  # the notes
    assert _found(db, "baking") == 40  # niches
    assert _found(db, "bakes_17") == 1  # part of a handle
    assert _found(db, "@miatok13") == 1  # another network's handle, pasted with its @
    assert _found(db, "kitchen 21") == 1  # a channel known by its name
    assert _found(db, "ia3@bakery") == 1  # part of an address
    assert _found(db, "orders@bak") == 1  # another address
    assert _found(db, tag="Spring") == 20
    assert _found(db, "spring") == 21  # the tag, and the brand fit


@pytest.mark.parametrize("bulk", [False, True], ids=["small", "big"])
def test_an_imports_search_entries_are_those_a_rebuild_writes(
    db: Database, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    """Made from the stored rows a chunk at a time (several accounts each, a chunk with no
    account at all, people and accounts already there before), exactly as a rebuild makes
    them, whether the big import set the indexes aside or not."""
    if bulk:
        monkeypatch.setattr(bulk_indexes, "MIN_ROWS", 10)
        monkeypatch.setattr(search_index, "_MERGE_ONCE_FROM", 10)
    monkeypatch.setattr("infcrm.services.exchange.people_import.CHUNK", 7)
    rows = _rows(36)
    write_import(db, rows[30:], file_name="first.csv", sheet=None, on_duplicate="create")
    for row in rows[7:14]:  # a whole chunk of people without accounts
        row.accounts = []
    write_import(db, rows[:30], file_name="a.csv", sheet=None, on_duplicate="create")
    imported = _entries(db)

    with db.transaction() as session:
        search_index.reindex(session)

    assert _entries(db) == imported
    assert len(imported[0]) == len(imported[1]) == 36
    assert _found(db, "kitchen 21") == 1
    assert _found(db, "@miatok11") == 0  # row 11's accounts were left out


def test_undoing_an_import_takes_its_people_out_of_search(db: Database) -> None:
    write_import(db, _rows(12), file_name="a.csv", sheet=None, on_duplicate="create")

    undo_last_import(db)

    assert _found(db, "sourdough") == 0
    assert _found(db, "bakes") == 0
    assert _entries(db) == [[], [], []]


def _merging(db: Database) -> list[tuple | None]:
    """Each search table's automerge setting as stored in the file (None: FTS5's default)."""
    with sqlite3.connect(db.path) as conn:
        return [
            conn.execute(f"SELECT v FROM {table}_config WHERE k = 'automerge'").fetchone()
            for table in (search_index.INDEX_TABLE, search_index.PART_TABLE)
        ]


def test_a_big_import_merges_its_search_entries_once_and_later_edits_merge_as_before(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FTS5 merges segments as it goes; a big import leaves that to one merge at the end, and
    the setting is back afterwards (or after a failure), so later edits keep the index tidy."""
    monkeypatch.setattr(search_index, "_MERGE_ONCE_FROM", 10)
    monkeypatch.setattr("infcrm.services.exchange.people_import.CHUNK", 5)
    index_new = search_index.index_new

    def failing(conn, *chunk) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(search_index, "index_new", failing)
    with pytest.raises(sqlite3.OperationalError):
        write_import(db, _rows(40), file_name="a.csv", sheet=None, on_duplicate="create")
    assert _merging(db) == [None, None]  # rolled back

    settings: list[list[tuple]] = []

    def watching(conn, *chunk) -> None:
        settings.append(
            [
                conn.exec_driver_sql(f"SELECT v FROM {t}_config WHERE k = 'automerge'").scalar()
                for t in (search_index.INDEX_TABLE, search_index.PART_TABLE)
            ]
        )
        index_new(conn, *chunk)

    monkeypatch.setattr(search_index, "index_new", watching)
    write_import(db, _rows(40), file_name="a.csv", sheet=None, on_duplicate="create")

    assert settings[0] == [0, 0]  # while adding, nothing merged
    assert _merging(db) == [(4,), (4,)]  # FTS5's default, back
    assert _found(db, "sourdough") == 40
    assert _found(db, "bakes_17") == 1
    # A small import into the big file keeps merging as it goes.
    settings.clear()
    write_import(db, _rows(52)[40:], file_name="b.csv", sheet=None, on_duplicate="create")
    assert settings and all(s == [4, 4] for s in settings)
    assert _found(db, "sourdough") == 52
