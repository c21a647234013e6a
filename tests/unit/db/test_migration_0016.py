"""Schema 0016 records the people an import created as runs of ids: an import made before the
upgrade (one history row per person) still undoes whole afterwards, on either undo path; a new
import of many people writes one history row; going back to 0015 writes one row per person
again, so an older infcrm still undoes it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from infcrm.db import schema
from infcrm.db.engine import Database, open_database
from infcrm.files.import_apply import import_file
from infcrm.services import restore_points
from infcrm.services.exchange import import_history
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _open_copy(tmp_path: Path) -> Database:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0015.sqlite").read_bytes())
    return open_database(path, backup_dir=tmp_path / "backups")


def _names(db: Database, search: str = "") -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery(search=search))
    return sorted(influencers.get(db, i).display_name for i in ids)


def _lucia_city(db: Database) -> str | None:
    (lucia,) = influencer_list.list_ids(db, ListQuery(search="lucía"))
    return influencers.get(db, lucia).city


def test_an_import_made_before_the_upgrade_is_undone_whole(tmp_path: Path) -> None:
    db = _open_copy(tmp_path)
    try:
        assert _names(db, "ana") == ["Ana Lima"] and _lucia_city(db) == "Lisbon"
        last = import_history.last_import(db)
        assert (last.file_name, last.created, last.updated) == ("autumn.csv", 2, 1)

        result = import_history.undo_last_import(db)

        names, city = _names(db), _lucia_city(db)
    finally:
        db.close()
    assert (result.removed, result.restored, result.kept) == (2, 1, 0)
    assert names == ["Kofi Mensah", "Lucía Romero", "Mia B.", "Mia Bakes"]
    assert city is None, "the city the import set is taken back"


def test_an_import_made_before_the_upgrade_is_undone_and_redone_from_edit_undo(
    tmp_path: Path,
) -> None:
    db = _open_copy(tmp_path)
    try:
        batch = import_history.last_import(db).id
        result, redo = undo_import(db, batch)
        after_undo = _names(db, "osei"), _lucia_city(db)
        restore_points.restore(db, redo)
        after_redo = _names(db, "osei"), _lucia_city(db)
    finally:
        db.close()
    assert (result.removed, result.restored) == (2, 1)
    assert after_undo == ([], None)
    assert after_redo == (["Ben Osei"], "Lisbon")


def test_a_big_import_after_the_upgrade_is_one_history_row_and_undoes(tmp_path: Path) -> None:
    db = _open_copy(tmp_path)
    source = tmp_path / "winter.csv"
    rows = "".join(f"Guest {n},guest_{n}\n" for n in range(300))
    source.write_text("Name,Instagram handle\n" + rows, encoding="utf-8")
    try:
        summary = import_file(db, source)
        with sqlite3.connect(db.path) as conn:
            items = conn.execute(
                "SELECT action, last_influencer_id - influencer_id + 1 FROM import_batch_item "
                "WHERE batch_id = ?",
                (summary.batch_id,),
            ).fetchall()
        result = import_history.undo_last_import(db)
        left = _names(db, "guest")
    finally:
        db.close()
    assert summary.created == 300
    assert items == [("created", 300)]
    assert result.removed == 300 and left == []


def test_going_back_to_0015_lists_each_created_person_again(tmp_path: Path) -> None:
    from alembic import command

    db = _open_copy(tmp_path)
    source = tmp_path / "winter.csv"
    source.write_text("Name,Instagram handle\nCleo,cleo_c\nDan,dan_d\nEve,eve_e\n", "utf-8")
    try:
        batch = import_file(db, source).batch_id
        config = schema.alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0015")
        with sqlite3.connect(db.path) as conn:
            items = conn.execute(
                "SELECT influencer_id, action FROM import_batch_item WHERE batch_id = ? "
                "ORDER BY influencer_id",
                (batch,),
            ).fetchall()
            columns = [row[1] for row in conn.execute("PRAGMA table_info(import_batch_item)")]
            people = [
                name
                for (name,) in conn.execute(
                    "SELECT display_name FROM influencer WHERE id IN "
                    "(SELECT influencer_id FROM import_batch_item WHERE batch_id = ?) "
                    "ORDER BY id",
                    (batch,),
                )
            ]
    finally:
        db.close()
    assert "last_influencer_id" not in columns
    assert [action for _id, action in items] == ["created"] * 3
    assert people == ["Cleo", "Dan", "Eve"]
