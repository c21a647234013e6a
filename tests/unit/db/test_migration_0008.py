"""Schema 0008 adds tag colours; older files upgrade and their tags can be managed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.services.people import tags

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _copy(name: str, tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / name).read_bytes())
    return path


def test_a_schema_0006_file_upgrades_and_its_tags_take_a_colour(tmp_path: Path) -> None:
    db = open_database(_copy("schema-0006.sqlite", tmp_path), backup_dir=tmp_path / "backups")
    try:
        with db.transaction() as session:
            session.execute(text("INSERT INTO influencer_tag VALUES (1, 'fair')"))
        tags.set_tag_colour(db, "Fair", "#00AA00")
        assert [(t.name, t.people, t.colour) for t in tags.tag_list(db)] == [("fair", 1, "#00aa00")]
    finally:
        db.close()
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"


def test_the_fixture_of_schema_0008_keeps_its_tags_and_colour(tmp_path: Path) -> None:
    db = open_database(_copy("schema-0008.sqlite", tmp_path), backup_dir=tmp_path / "backups")
    try:
        with db.reader() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == schema.head_revision()
        listing = [(t.name.casefold(), t.people, t.colour) for t in tags.tag_list(db)]
        assert listing == [("baking", 3, "#ff8800"), ("vip", 1, None)]
        tags.rename_tag(db, "baking", "Bakes")
        assert tags.tag_list(db)[0].colour == "#ff8800"
        assert tags.tag_list(db)[0].name == "Bakes"
    finally:
        db.close()
