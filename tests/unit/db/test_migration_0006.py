"""Schema 0006 adds the “not a duplicate” pairs; older files upgrade and keep working."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.services.people import duplicates, influencers

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _copy(name: str, tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / name).read_bytes())
    return path


def test_a_schema_0004_file_upgrades_and_can_remember_not_a_duplicate(tmp_path: Path) -> None:
    db = open_database(_copy("schema-0004.sqlite", tmp_path), backup_dir=tmp_path / "backups")
    try:
        assert duplicates.find_groups(db) == []
        assert duplicates.mark_not_duplicate(db, 1, 2) is True
        with db.reader() as session:
            pairs = session.execute(text("SELECT influencer_id, other_id FROM not_duplicate"))
            assert pairs.all() == [(1, 2)]
    finally:
        db.close()
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"


def test_the_fixture_of_schema_0006_keeps_its_dismissed_pair(tmp_path: Path) -> None:
    db = open_database(_copy("schema-0006.sqlite", tmp_path), backup_dir=tmp_path / "backups")
    try:
        with db.reader() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        groups = duplicates.find_groups(db)
        assert revision == schema.head_revision()
        assert [g.ids for g in groups] == [(1, 4)], "Mia's two records, same e-mail"
        influencers.forget(db, [2])  # forgetting a person drops their dismissed pairs too
        with db.reader() as session:
            left = session.execute(text("SELECT count(*) FROM not_duplicate")).scalar()
        assert left == 0
    finally:
        db.close()
