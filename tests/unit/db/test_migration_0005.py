"""Upgrading a file of schema 0004 builds the part index, so old people are found by any part."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "schema-0004.sqlite"


def test_people_of_a_0004_file_are_found_by_part_of_handle_and_email(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes(FIXTURE.read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert "influencer_part_search" in inspect(db.engine).get_table_names()
        by_handle = influencer_list.list_ids(db, ListQuery(search="ofi.ru"))
        by_email = influencer_list.list_ids(db, ListQuery(search="eats@exam"))
        by_link = influencer_list.list_ids(
            db, ListQuery(search="https://www.instagram.com/mia.bakes/")
        )
    finally:
        db.close()
    assert (by_handle, by_email, by_link) == ([2], [3], [1])
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"
