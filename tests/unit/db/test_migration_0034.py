"""Schema 0034 has an import keep the version each person it updated was left at, and where
the ids of messages, follow-ups and deals stood, so its undo tells later saves by those and not
by two computers' clocks. An import made before the upgrade keeps neither and still undoes
whole (judged by the times, as then); one made after keeps a teammate's later save of a person
it updated even when her clock runs behind."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlalchemy import update

from infcrm.db.engine import Database, open_database
from infcrm.db.models import Influencer
from infcrm.files.import_apply import import_file
from infcrm.services.exchange import import_history
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _open_copy(tmp_path: Path) -> Database:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0032.sqlite").read_bytes())
    return open_database(path, backup_dir=tmp_path / "backups")


def _names(db: Database) -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery())
    return sorted(influencers.get(db, i).display_name for i in ids)


def _person(db: Database, search: str) -> int:
    (person,) = influencer_list.list_ids(db, ListQuery(search=search))
    return person


def test_an_import_made_before_the_upgrade_is_undone_whole(tmp_path: Path) -> None:
    db = _open_copy(tmp_path)
    try:
        assert influencers.get(db, _person(db, "lucía")).city == "Lisbon"
        last = import_history.last_import(db)
        assert (last.file_name, last.created, last.updated) == ("autumn.csv", 2, 1)

        result = import_history.undo_last_import(db)

        names, city = _names(db), influencers.get(db, _person(db, "lucía")).city
    finally:
        db.close()
    assert (result.removed, result.restored, result.kept) == (2, 1, 0)
    assert names == ["Kofi Mensah", "Lucía Romero", "Mia B.", "Mia Bakes"]
    assert city is None, "the city the import set is taken back"


def test_an_import_after_the_upgrade_keeps_a_later_save_stamped_before_it(tmp_path: Path) -> None:
    db = _open_copy(tmp_path)
    source = tmp_path / "winter.csv"
    source.write_text("Name,City\nKofi Mensah,Accra\n", encoding="utf-8")
    try:
        kofi = _person(db, "kofi")
        summary = import_file(db, source, on_duplicate="update")
        seen = influencers.get(db, kofi)
        influencers.update(db, kofi, replace(seen.to_input(), city="Kumasi"))
        with db.transaction() as session:  # saved on a computer whose clock is an hour behind
            then = seen.updated_at - dt.timedelta(hours=1)
            session.execute(update(Influencer).where(Influencer.id == kofi).values(updated_at=then))

        result = import_history.undo_last_import(db, keep_edited=True)

        city = influencers.get(db, kofi).city
    finally:
        db.close()
    assert summary.updated == 1
    assert (result.restored, result.kept) == (0, 1)
    assert city == "Kumasi"
