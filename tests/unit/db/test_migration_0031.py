"""Schema 0031 gives the word index an index of first letters: a file upgraded from 0030 finds
exactly the people it found before — one-letter words beside longer ones above all, in the
record or in a tag — keeps every entry as written, and goes back down the same way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from infcrm.db import schema, search, search_index
from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Mia Bakes (1, tag baking), Kofi Mensah (2, tags BAKING and vip), Lucía Romero (3, baking),
# Mia B. (4), Ana Lima (5), Ben Osei (6).
SEARCHES = {
    "mia b": [1, 4],
    "@mia.b": [1, 4],
    "MIA-B": [1, 4],
    "b mia": [1, 4],
    "k v": [2],  # both words from the record and a tag, one from each
    "kofi b": [2],  # “b” from a tag only
    "kofi.b": [2],
    "l r": [3],
    "lucia r": [3],
    "b": [1, 2, 3, 4, 6],
    "a": [5],
    "ofi.ru": [2],
    "mia.bakes@exa": [1, 4],
    "nobody": [],
}


def _found(path: Path) -> dict[str, list[int]]:
    """Who each search finds, asked of the file with the very statement the app runs."""
    found = {}
    with sqlite3.connect(path) as conn:
        for text in SEARCHES:
            clause = search.matching_ids(text).compile()
            found[text] = sorted({row[0] for row in conn.execute(str(clause), clause.params)})
    return found


def _entries(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            f"SELECT rowid, * FROM {search_index.INDEX_TABLE} ORDER BY rowid"
        ).fetchall()


def _definition(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", (search_index.INDEX_TABLE,)
        ).fetchone()[0]


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0030.sqlite").read_bytes())
    return path


def test_an_upgraded_file_finds_the_same_people_from_the_same_entries(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    found, entries = _found(path), _entries(path)
    assert found == SEARCHES, "the file of schema 0030 answers as expected"
    assert "prefix" not in _definition(path)

    open_database(path, backup_dir=tmp_path / "backups").close()

    assert _found(path) == SEARCHES
    assert _entries(path) == entries
    assert "prefix = '1'" in _definition(path) and "columnsize = 0" in _definition(path)
    with sqlite3.connect(path) as conn:  # FTS5's own check of the index against the entries
        conn.execute(f"INSERT INTO {search_index.INDEX_TABLE} ({search_index.INDEX_TABLE}) "
                     "VALUES ('integrity-check')")  # fmt: skip
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert not any(name.endswith("_before_0031") for name in tables), "no old index left"


def test_people_added_after_the_upgrade_are_found_by_one_letter_words(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        new = influencers.create(db, InfluencerInput(display_name="Mia Zoë", tags="bio"))

        def found(text: str) -> list[int]:
            return influencer_list.list_ids(db, ListQuery(search=text))

        assert found("mia z") == found("@mia.z") == [new]
        assert found("MIA.b") == [4, 1, new]  # Mia B., Mia Bakes, Mia Zoë (a tag: bio)
    finally:
        db.close()


def test_going_down_gives_the_index_back_as_it_was(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = _definition(path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        config = schema.alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0030")
    finally:
        db.close()
    assert _definition(path) == before
    assert _found(path) == SEARCHES
