"""Schema 0022 keeps a bulk stage change as one record (bulk_move): an older file upgrades
with every row as it was and an empty table of bulk moves, and a bulk move made after the
upgrade is one record that each mover's history reads."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.outreach import history
from infcrm.services.people import bulk, influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import as_it_was, file_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TABLES = ("influencer", "interaction", "follow_up", "stage")


def _rows(path: Path, table: str) -> list[dict[str, object]]:
    return file_rows(path, table)


def test_an_older_file_upgrades_whole_with_no_bulk_moves(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0021.sqlite").read_bytes())
    before = {table: _rows(path, table) for table in TABLES}

    open_database(path, backup_dir=tmp_path / "backups").close()

    assert before["influencer"] and before["interaction"], "the fixture holds people and news"
    after = {table: as_it_was(_rows(path, table), before[table]) for table in TABLES}
    assert after == before
    assert _rows(path, "bulk_move") == []


def test_a_bulk_move_after_the_upgrade_is_one_record_each_history_reads(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0021.sqlite").read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        people = influencer_list.list_ids(db, ListQuery())
        agreed = next(s.id for s in influencers.stages(db) if s.name == "Agreed")
        moved = bulk.set_stage(db, people, agreed).changed
        assert len(moved) > 1
        entry = history.timeline(db, moved[0])[0]
        assert entry.title.endswith(f"to Agreed (bulk, with {len(moved) - 1} others)")
    finally:
        db.close()
    assert len(_rows(path, "bulk_move")) == 1
