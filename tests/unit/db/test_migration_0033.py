"""Schema 0033 gives a server's word entries each person's name and whether they are alive,
which a search sorted by name reads: a server upgraded from 0032 finds the same people in the
same order as the same people in a file, leaves the Trash out, and keeps both true when
someone is renamed, trashed or restored afterwards."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from infcrm.db import pg_search, schema, search_index
from infcrm.db.engine import Database, open_database
from infcrm.services.people import influencer_list, influencers, trash
from infcrm.services.people.influencer_types import ListQuery
from tests.conftest import _admin
from tests.unit.db.test_server_upgrades_from_fixtures import _copy_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Mia Bakes (1, tag baking), Kofi Mensah (2, tags BAKING and vip), Lucía Romero (3, baking),
# Mia B. (4), Ana Lima (5), Ben Osei (6).
# The words of an entry as 0032 wrote them (no other names: that column came with 0035).
DOCUMENT_TEXT_0032 = """concat_ws(' ',
       i.display_name, i.real_name,
       (SELECT string_agg(concat_ws(' ', a.handle, a.label), ' ' ORDER BY a.id)
        FROM social_account a WHERE a.influencer_id = i.id),
       i.email, i.other_emails, i.niches, i.notes, i.brand_fit, i.city, i.country, i.language)"""
SEARCHES = ("mia", "bakes", "akes", "mia b", "@mia.b", "b", "an", "e", "o", "baking", "vip")


def _found(db: Database) -> dict[tuple[str, bool], list[int]]:
    return {
        (text_, descending): influencer_list.list_ids(
            db, ListQuery(search=text_, descending=descending)
        )
        for text_ in SEARCHES
        for descending in (False, True)
    }


def _at_0032_with_entries(url: str, fixture: Path) -> None:
    """A server database at 0032 holding the fixture's people and their search entries as
    0032 wrote them (no names), Ben Osei in the Trash."""
    engine = create_engine(url)
    try:
        schema.upgrade(engine, "0032")
    finally:
        engine.dispose()
    _copy_rows(fixture, url)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO influencer_search (rowid, words) SELECT i.id, "
                    f"infcrm_words({DOCUMENT_TEXT_0032}) FROM influencer i"
                )
            )
            conn.execute(text(pg_search.PART_DOCUMENT_SELECT))
            search_index.refresh_tags(conn)
            conn.execute(text("UPDATE influencer SET deleted_at = '2026-01-02' WHERE id = 6"))
    finally:
        engine.dispose()


def _rename(db: Database, person: int, name: str) -> None:
    data = influencers.get(db, person).to_input()
    influencers.update(db, person, replace(data, display_name=name))


def test_a_server_at_0032_upgrades_and_sorts_what_a_search_finds_as_a_file_does(
    db: Database, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if db.is_file:
        pytest.skip("0033 changes a server only; a file's search is tested as it is")
    server, _template = request.getfixturevalue("pg_template")
    name = f"m0033_{os.getpid()}"
    _admin(server, f"CREATE DATABASE {name}")
    file = tmp_path / "people.sqlite"
    shutil.copyfile(FIXTURES / "schema-0031.sqlite", file)
    try:
        _at_0032_with_entries(server.url(name), file)
        upgraded = open_database(server.url(name))
        as_file = open_database(file, backup_dir=tmp_path / "backups")
        try:
            with as_file.transaction() as session:  # its entries made as the server's were
                search_index.reindex(session)
            trash.trash(as_file, [6])
            expected = _found(as_file)
            assert expected[("e", False)] == [2, 3, 4, 1], "Ben Osei is in the Trash"
            assert _found(upgraded) == expected
            for database in (upgraded, as_file):  # Ana Lima becomes Zoe Lima: last by name
                _rename(database, 5, "Zoe Lima")
                trash.trash(database, [1])
                trash.restore(database, [6])
            assert _found(upgraded) == _found(as_file)
            # Ben Osei back, Mia Bakes gone; Zoe Lima found and sorted by her new name.
            assert influencer_list.list_ids(upgraded, ListQuery(search="b")) == [6, 2, 3, 4]
            assert influencer_list.list_ids(upgraded, ListQuery(search="l")) == [3, 5]
        finally:
            upgraded.close()
            as_file.close()
    finally:
        _admin(server, f"DROP DATABASE {name} WITH (FORCE)")
