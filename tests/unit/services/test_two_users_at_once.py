"""Two users writing to one server database at the same moment: both changes land.

PostgreSQL pass only (a file has one writer at a time by design: its lock is tested on the
file pass). Each user is an app of their own: a second Database on the same server.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import insert, select, update

from infcrm.db.engine import Database, open_database
from infcrm.db.models import Influencer
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.exchange.people_import import write_import
from infcrm.services.people import influencer_list
from infcrm.services.people.bulk_fields import set_owner
from infcrm.services.people.influencer_types import ListQuery
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "postgresql", reason="two users on a server (pg pass)")


@pytest.fixture
def mo(db: Database) -> Iterator[Database]:
    """A second user's app on the same server database."""
    second = open_database(db.url)
    second.sign_as("Mo")
    yield second
    second.close()


def _people(db: Database, names: list[str]) -> list[int]:
    with db.transaction() as session:
        return list(
            session.execute(
                insert(Influencer).returning(Influencer.id), [{"display_name": n} for n in names]
            ).scalars()
        )


def _found(db: Database, typed: str) -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery(search=typed))
    return sorted(row.display_name for row in influencer_list.rows(db, ids).values())


def test_two_imports_at_once_both_land_whole(db: Database, mo: Database) -> None:
    def rows(who: str) -> list[ImportRow]:
        return [
            ImportRow(n + 2, person={"display_name": f"{who} {n:03}", "email": f"{who}{n}@x.io"})
            for n in range(150)
        ]

    outcomes: dict[str, object] = {}
    start = threading.Barrier(2)

    def run(user: Database, who: str) -> None:
        start.wait()
        outcomes[who] = write_import(
            user, rows(who), file_name=f"{who}.csv", sheet=None, on_duplicate="skip"
        )

    threads = [threading.Thread(target=run, args=pair) for pair in ((db, "ana"), (mo, "mo"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert {who: o.created for who, o in outcomes.items()} == {"ana": 150, "mo": 150}
    assert influencer_list.count(db) == influencer_list.count(mo) == 300
    # Each import's people are found by search on either computer.
    assert _found(mo, "ana 149") == ["ana 149"] and _found(db, "mo 000") == ["mo 000"]
    # Undoing Ana's import takes back her 150 people and none of Mo's.
    undone, _redo = undo_import(db, outcomes["ana"].batch_id)
    assert undone.removed == 150
    assert _found(mo, "ana") == [] and len(_found(mo, "mo")) == 150


def test_a_bulk_edit_and_an_edit_of_one_person_at_the_same_time_both_land(
    db: Database, mo: Database
) -> None:
    """Mo saves Lena's new name inside Ana's bulk edit of everyone's owner (after Ana's read,
    before her write): Lena keeps Mo's name and gets Ana's owner."""
    people = _people(db, ["Lena Vogel", *(f"Person {n}" for n in range(99))])
    lena = people[0]

    class MoSavesMeanwhile:
        def report(self, _done: int, _total: int, _text: str = "") -> None:
            saving = threading.Thread(target=_rename, args=(mo, lena, "Lena Vogel-Berg"))
            saving.start()
            saving.join(10)
            assert not saving.is_alive(), "Mo's save waited for Ana's edit before it wrote"

    result = set_owner(db, people, "Ana", progress=MoSavesMeanwhile())
    assert len(result.changed) == 100
    assert _row(mo, lena) == ("Lena Vogel-Berg", "Ana")
    assert _owners(mo) == {"Ana": 100}


def test_a_bulk_edit_waits_for_an_edit_in_progress_then_both_land(
    db: Database, mo: Database
) -> None:
    people = _people(db, ["Lena Vogel", *(f"Person {n}" for n in range(99))])
    lena = people[0]
    done: list[object] = []
    bulk = threading.Thread(target=lambda: done.append(set_owner(db, people, "Ana")))
    with mo.transaction() as session:  # Mo's save of Lena is under way
        session.execute(
            update(Influencer).where(Influencer.id == lena).values(display_name="Lena Vogel-Berg")
        )
        bulk.start()
        bulk.join(1.0)
        assert bulk.is_alive() and not done  # Ana's bulk edit waits for Mo's save
    bulk.join(30)
    assert done and len(done[0].changed) == 100
    assert _row(db, lena) == ("Lena Vogel-Berg", "Ana")
    assert _owners(mo) == {"Ana": 100}


def _rename(user: Database, person: int, name: str) -> None:
    with user.transaction() as session:
        session.execute(update(Influencer).where(Influencer.id == person).values(display_name=name))


def _row(user: Database, person: int) -> tuple[str, str | None]:
    with user.reader() as session:
        found = session.execute(
            select(Influencer.display_name, Influencer.owner).where(Influencer.id == person)
        ).one()
    return tuple(found)


def _owners(user: Database) -> dict[str | None, int]:
    with user.reader() as session:
        owners = session.execute(select(Influencer.owner)).scalars().all()
    return {owner: owners.count(owner) for owner in set(owners)}
