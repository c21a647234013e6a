"""Schema 0015 gives tags an index of their own: older files upgrade whole, their people are
still found by tag (and by everything else), tagging afterwards is found too, and a stage's
people are still read through an index after its single-column one is gone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.services.people import bulk, influencer_list, influencers, saved_views
from infcrm.services.people.influencer_types import ListQuery

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _copy(name: str, tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / name).read_bytes())
    return path


def _names(db, text: str) -> list[str]:
    return sorted(
        influencers.get(db, i).display_name
        for i in influencer_list.list_ids(db, ListQuery(search=text))
    )


@pytest.mark.parametrize("name", ["schema-0013.sqlite", "schema-0014.sqlite"])
def test_an_older_file_upgrades_and_its_people_are_found_by_tag(tmp_path: Path, name) -> None:
    path = _copy(name, tmp_path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        by_tag = _names(db, "vip")
        by_tag_and_name = _names(db, "bak mensah")  # “BAKING” is Kofi Mensah's tag
        by_handle_part = _names(db, "ofi.ru")
        bulk.change_tags(db, [3], "Fête d'été")
        by_new_tag = _names(db, "fete")
    finally:
        db.close()
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"
    assert by_tag == ["Kofi Mensah"]
    assert by_tag_and_name == ["Kofi Mensah"]
    assert by_handle_part == ["Kofi Mensah"]
    assert by_new_tag == ["Lucía Romero"]
    conn = sqlite3.connect(path)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(influencer_search)")]
        tag_names = [name for (name,) in conn.execute("SELECT name FROM tag_search")]
        by_stage = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM influencer WHERE stage_id = 1"
        ).fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    assert revision == schema.head_revision()
    assert "tags" not in columns, "a tag is no longer part of the person's word entry"
    assert sorted(n.casefold() for n in tag_names) == ["baking", "fête d'été", "vip"]
    assert "ix_influencer_stage_updated" in str(by_stage), "a stage's people still by index"


def test_the_fixture_of_schema_0014_keeps_its_saved_view(tmp_path: Path) -> None:
    path = _copy("schema-0014.sqlite", tmp_path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        (view,) = saved_views.views(db)
        shown = _names(db, view.query.search)
    finally:
        db.close()
    assert view.name == "Bakers"
    assert shown == ["Kofi Mensah", "Lucía Romero", "Mia Bakes"], "the three tagged “baking”"
