"""Schema 0013 adds saved views; older files upgrade whole and can keep views at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list, influencers, saved_views
from infcrm.services.people.influencer_types import ListQuery

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _copy(name: str, tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / name).read_bytes())
    return path


@pytest.mark.parametrize("name", ["schema-0011.sqlite", "schema-0012.sqlite"])
def test_an_older_file_upgrades_and_keeps_a_view(tmp_path: Path, name: str) -> None:
    path = _copy(name, tmp_path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        people = influencer_list.count(db)
        saved_views.create(db, "Runners", ListQuery(search="kofi"), ("name", "followers"))
    finally:
        db.close()
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"
    db = open_database(path)
    try:
        (view,) = saved_views.views(db)
        shown = influencer_list.list_ids(db, view.query)
        assert [influencers.get(db, i).display_name for i in shown] == ["Kofi Mensah"]
        assert influencer_list.count(db) == people, "no one lost in the upgrade"
    finally:
        db.close()
    conn = sqlite3.connect(path)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        table = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'saved_view'").fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    assert revision == schema.head_revision()
    assert "AUTOINCREMENT" in table[0], "a deleted view's id is never given to another"


def test_the_fixture_of_schema_0012_keeps_its_promo_code(tmp_path: Path) -> None:
    path = _copy("schema-0012.sqlite", tmp_path)
    open_database(path, backup_dir=tmp_path / "backups").close()
    conn = sqlite3.connect(path)
    try:
        codes = conn.execute("SELECT promo_code FROM deal").fetchall()
        views = conn.execute("SELECT count(*) FROM saved_view").fetchone()
    finally:
        conn.close()
    assert codes == [("KOFI10",)]
    assert views == (0,)
