"""Schema 0036 puts a person's other names into their search entry. A database at 0035 whose
people already have other names (a merge, the form, an import wrote them) upgrades to one
where the list's search finds them by those names, finds everyone else as before, and whose
health check finds nothing to repair — on a file and on a server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from infcrm.db import pg_search, schema, search_index
from infcrm.db.engine import Database, open_database
from infcrm.services.maintenance import maintenance, server_check
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from tests.conftest import _admin
from tests.unit.db.test_server_upgrades_from_fixtures import _copy_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Mia Bakes (1), Kofi Mensah (2), Lucía Romero (3), Mia B. (4), Ana Lima (5), Ben Osei (6).
OTHER_NAMES = "UPDATE influencer SET other_names = 'Kwame Baker; K. M.' WHERE id = 2"
SEARCHES = {
    "kwame": ["Kofi Mensah"],
    "kofi baker": ["Kofi Mensah"],
    "mia": ["Mia B.", "Mia Bakes"],
    "baker": ["Kofi Mensah"],  # a word start: not “Bakes”, nor the tag “baking”
    "romero": ["Lucía Romero"],
}


def _found(db: Database) -> dict[str, list[str]]:
    return {
        search: sorted(
            influencers.get(db, i).display_name
            for i in influencer_list.list_ids(db, ListQuery(search=search))
        )
        for search in SEARCHES
    }


def _file_at_0035(tmp_path: Path) -> Path:
    """A file at 0035 with its people's entries as 0035 wrote them, Kofi with other names."""
    path = tmp_path / "people.sqlite"
    shutil.copyfile(FIXTURES / "schema-0032.sqlite", path)
    engine = create_engine(f"sqlite:///{path}")
    try:
        schema.upgrade(engine, "0035")
        with engine.begin() as conn:
            conn.execute(text(OTHER_NAMES))  # the entries are left as they were
    finally:
        engine.dispose()
    return path


def test_a_file_at_0035_upgrades_and_finds_people_by_their_other_names(tmp_path: Path) -> None:
    path = _file_at_0035(tmp_path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert influencers.get(db, 2).other_names == "Kwame Baker; K. M."
        assert _found(db) == SEARCHES
    finally:
        db.close()
    assert maintenance.check_file(path, full=True).ok


def test_a_server_at_0035_upgrades_finds_people_by_their_other_names_and_checks_clean(
    db: Database, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if db.is_file:
        pytest.skip("the server's upgrade; a file's is tested above")
    server, _template = request.getfixturevalue("pg_template")
    name = f"m0036_{os.getpid()}"
    _admin(server, f"CREATE DATABASE {name}")
    file = tmp_path / "people.sqlite"
    shutil.copyfile(FIXTURES / "schema-0032.sqlite", file)
    file_engine = create_engine(f"sqlite:///{file}")
    try:
        schema.upgrade(file_engine, "0035")
    finally:
        file_engine.dispose()
    url = server.url(name)
    try:
        engine = create_engine(url)
        try:
            schema.upgrade(engine, "0035")
            _copy_rows(file, url)
            with engine.begin() as conn:  # entries as 0035 wrote them: no other names yet
                conn.execute(text(pg_search.DOCUMENT_SELECT))
                conn.execute(text(pg_search.PART_DOCUMENT_SELECT))
                search_index.refresh_tags(conn)
                conn.execute(text(OTHER_NAMES))
        finally:
            engine.dispose()
        upgraded = open_database(url)
        try:
            assert _found(upgraded) == SEARCHES
        finally:
            upgraded.close()
        report = server_check.check(url)
        assert report.ok, report.problems
    finally:
        _admin(server, f"DROP DATABASE {name} WITH (FORCE)")
