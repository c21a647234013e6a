"""Schema 0009 adds people's photos; older files upgrade and keep working."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.services.people import influencers, photos

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _copy(name: str, tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / name).read_bytes())
    return path


def test_a_schema_0008_file_upgrades_and_can_keep_a_photo(tmp_path: Path) -> None:
    db = open_database(_copy("schema-0008.sqlite", tmp_path), backup_dir=tmp_path / "backups")
    try:
        assert photos.photos(db, [1, 2]) == {}
        photos.set_photo(db, 2, PNG)
        assert photos.photo(db, 2) == PNG
    finally:
        db.close()
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"


def test_the_fixture_of_schema_0009_keeps_its_photo(tmp_path: Path) -> None:
    db = open_database(_copy("schema-0009.sqlite", tmp_path), backup_dir=tmp_path / "backups")
    try:
        with db.reader() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == schema.head_revision()
        photo = photos.photo(db, 1)
        assert photo is not None and photos.media_type(photo) == "image/png"
        influencers.forget(db, [1])  # forgetting a person erases their photo too
        with db.reader() as session:
            left = session.execute(text("SELECT count(*) FROM influencer_photo")).scalar()
        assert left == 0
    finally:
        db.close()
