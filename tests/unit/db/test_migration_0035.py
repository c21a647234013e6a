"""Schema 0035 lets a person keep the names of the records merged into them. A file of the
schema before opens with nobody holding another name; merging two of its people then keeps
the name merged away, and a list naming that record by its name alone adds nobody."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database, open_database
from infcrm.files.import_apply import import_file
from infcrm.services.people import influencer_list, influencers, merge
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import rows_of

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _open_copy(tmp_path: Path) -> Database:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0032.sqlite").read_bytes())
    return open_database(path, backup_dir=tmp_path / "backups")


def _person(db: Database, name: str) -> int:
    ids = influencer_list.list_ids(db, ListQuery())
    (person,) = [i for i in ids if influencers.get(db, i).display_name == name]
    return person


def test_a_merge_in_an_upgraded_file_keeps_the_name_merged_away(tmp_path: Path) -> None:
    db = _open_copy(tmp_path)
    source = tmp_path / "fair.csv"
    source.write_text("Name\nMia B.\n", encoding="utf-8")
    try:
        assert rows_of(db, "SELECT count(*) FROM influencer WHERE other_names IS NOT NULL") == [
            (0,)
        ]
        mia, mia_b = _person(db, "Mia Bakes"), _person(db, "Mia B.")
        merge.merge(db, mia, mia_b)
        kept = influencers.get(db, mia)

        summary = import_file(db, source)
    finally:
        db.close()
    assert (kept.display_name, kept.other_names) == ("Mia Bakes", "Mia B.")
    assert (summary.created, summary.skipped) == (0, 1)
