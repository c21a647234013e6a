"""Schema 0024 makes the two search indexes without per-entry word counts: a file upgraded
from 0023 finds exactly the people it found before, by word, part of a handle or address,
accent and tag, keeps every entry as written, and goes back down the same way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from infcrm.db import schema, search, search_index
from infcrm.db.engine import open_database
from infcrm.files.import_apply import import_file
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
INDEXES = (search_index.INDEX_TABLE, search_index.PART_TABLE)
# Word starts, parts of handles and addresses, accents, capitals, tags, several words.
SEARCHES = ("mia", "MIA bak", "ofi.ru", "eats@exa", "lucia", "LUCÍA", "rom", "vip", "baking",
            "example.com", "bakes tv", "a", "nobody")  # fmt: skip


def _found(path: Path) -> dict[str, list[int]]:
    """Who each search finds, asked of the file with the very statement the app runs."""
    found = {}
    with sqlite3.connect(path) as conn:
        for text in SEARCHES:
            clause = search.matching_ids(text).compile()
            found[text] = sorted(row[0] for row in conn.execute(str(clause), clause.params))
    return found


def _entries(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall() for t in INDEXES
        }


def _size_tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%search_docsize'")
        return sorted(name for (name,) in rows)


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0023.sqlite").read_bytes())
    return path


def test_an_upgraded_file_finds_the_same_people_from_the_same_entries(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    found, entries = _found(path), _entries(path)
    assert _size_tables(path) == [
        "influencer_part_search_docsize",
        "influencer_search_docsize",
        "tag_search_docsize",
    ]

    open_database(path, backup_dir=tmp_path / "backups").close()

    assert _found(path) == found
    assert found["ofi.ru"] == [2] and found["LUCÍA"] == [3] and found["vip"], "real matches"
    assert found["nobody"] == []
    assert _entries(path) == entries
    assert _size_tables(path) == ["tag_search_docsize"], "the two indexes keep no word counts"
    with sqlite3.connect(path) as conn:
        for table in INDEXES:  # FTS5's own check of the index against the entries
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert not any(name.endswith("_before_0024") for name in tables), "no old index left"


def test_people_added_and_imported_after_the_upgrade_are_found(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    sheet = tmp_path / "fair.csv"
    sheet.write_text("Name,Instagram handle\nAma Owusu,ama.paints\n", encoding="utf-8")
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        added = InfluencerInput(display_name="Zoë Okafor", email="zoe.okafor@studio.example")
        new = influencers.create(db, added)
        assert import_file(db, sheet).created == 1

        def found(text: str) -> list[str]:
            ids = influencer_list.list_ids(db, ListQuery(search=text))
            return [influencers.get(db, i).display_name for i in ids]

        assert found("zoe") == found("okafor@stu") == ["Zoë Okafor"]
        assert influencer_list.list_ids(db, ListQuery(search="ZOË")) == [new]
        assert found("a.pain") == found("owusu") == ["Ama Owusu"]
    finally:
        db.close()


def test_going_down_gives_the_indexes_back_their_word_counts(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    found = _found(path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        config = schema.alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0023")
    finally:
        db.close()
    assert _size_tables(path) == [
        "influencer_part_search_docsize",
        "influencer_search_docsize",
        "tag_search_docsize",
    ]
    assert _found(path) == found
