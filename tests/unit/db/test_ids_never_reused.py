"""Ids are never reused: a forgotten person's id never names somebody else."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.exchange import import_history
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput


def _person(db: Database, name: str, handle: str) -> int:
    return influencers.create(
        db,
        InfluencerInput(
            display_name=name,
            email=f"{handle}@example.com",
            city="Lyon",
            accounts=(AccountInput("instagram", handle, followers=1000),),
        ),
    )


def test_a_new_person_never_takes_a_forgotten_persons_id(db: Database) -> None:
    first = _person(db, "Anna", "anna.bakes")
    influencers.forget(db, [first])
    second = _person(db, "Ben", "ben.runs")
    assert second != first
    assert [a.id for a in influencers.get(db, second).accounts] != [first]


def test_an_import_never_hands_out_a_forgotten_persons_id(db: Database, tmp_path: Path) -> None:
    first = _person(db, "Anna", "anna.bakes")
    account = influencers.get(db, first).accounts[0].id
    influencers.forget(db, [first])
    path = tmp_path / "people.csv"
    path.write_text("Name,IG\nCleo,cleo.cooks\n", encoding="utf-8")
    import_file(db, path)
    (cleo,) = [p for p in import_history_people(db)]
    assert cleo != first
    assert influencers.get(db, cleo).accounts[0].id != account


def import_history_people(db: Database) -> list[int]:
    from sqlalchemy import text

    with db.reader() as session:
        return list(session.execute(text("SELECT influencer_id FROM import_batch_item")).scalars())


def test_undoing_an_import_never_touches_someone_who_took_a_forgotten_persons_place(
    db: Database, tmp_path: Path
) -> None:
    anna = _person(db, "Anna", "anna.bakes")
    path = tmp_path / "update.csv"
    path.write_text("Name,IG,City\nAnna B,anna.bakes,Paris\n", encoding="utf-8")
    import_file(db, path, on_duplicate="update")
    influencers.forget(db, [anna])
    ben = _person(db, "Ben", "ben.runs")

    result = import_history.undo_last_import(db)

    assert result.restored == 0
    kept = influencers.get(db, ben)
    assert (kept.display_name, kept.city) == ("Ben", "Lyon")
