"""A bulk stage change is one record (services/outreach/bulk_moves.py), yet each person's
history, a full export and forgetting a person see each mover as before."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.db.outreach_models import BulkMove
from infcrm.domain.id_packs import unpack_ids
from infcrm.services.exchange import outreach_export_rows
from infcrm.services.outreach import history
from infcrm.services.people import bulk, influencer_list, influencers, merge, trash
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.restore_points import restore


def _people(db: Database, count: int) -> list[int]:
    now = utcnow()
    with db.transaction() as session:
        session.execute(
            insert(Influencer),
            [
                {"display_name": f"Person {n:02d}", "found_via": "other", "created_at": now,
                 "updated_at": now}
                for n in range(count)
            ],
        )  # fmt: skip
    return influencer_list.list_ids(db, ListQuery())


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db) if s.name == name)


def test_each_mover_s_history_names_the_move_and_how_many_moved_with_them(db: Database) -> None:
    people = _people(db, 31)
    contacted, agreed = _stage(db, "Contacted"), _stage(db, "Agreed")
    bulk.set_stage(db, people[:1], contacted)  # one of them was moved on their own before
    db.sign_as("Ana")
    bulk.set_stage(db, people, agreed)
    titles = [e.title for e in history.timeline(db, people[0])]
    assert titles[0] == "Ana moved Person 00 from Contacted to Agreed (bulk, with 30 others)"
    assert [e.title for e in history.timeline(db, people[5])] == [
        "Ana moved Person 05 to Agreed (bulk, with 30 others)"  # they had no stage
    ]
    with db.reader() as session:  # one record for the 31, not 31 timeline rows
        assert session.execute(select(BulkMove.people_count)).scalars().all() == [31]


def test_forgetting_a_mover_takes_them_out_of_the_move(db: Database) -> None:
    people = _people(db, 3)
    bulk.set_stage(db, people, _stage(db, "Contacted"))
    trash.forget(db, people[:1])
    assert history.timeline(db, people[1])[0].title.endswith("(bulk, with 1 other)")
    trash.forget(db, people[1:2])
    assert history.timeline(db, people[2])[0].title.endswith("(bulk, with 0 others)")
    trash.forget(db, people[2:])
    with db.reader() as session:
        assert session.execute(select(BulkMove)).first() is None, "nobody left: the move goes"


def test_a_full_export_lists_each_movers_move_as_a_row_of_its_own(db: Database) -> None:
    people = _people(db, 3)
    bulk.set_stage(db, people, _stage(db, "Contacted"))
    keys = outreach_export_rows.INTERACTION_KEYS
    rows = [dict(zip(keys, r, strict=True)) for r in outreach_export_rows.interaction_values(
        db, people
    )]  # fmt: skip
    assert outreach_export_rows.interaction_count(db, people) == len(rows) == 3
    assert [(r["influencer_id"], r["kind"], r["from_stage"]) for r in rows] == [
        (person, "Moved to Contacted", None) for person in people
    ]


def test_merging_a_mover_hands_their_part_in_the_move_to_the_person_kept(db: Database) -> None:
    keep, other, third, fourth = _people(db, 4)
    db.sign_as("Ana")
    bulk.set_stage(db, [other, third], _stage(db, "Contacted"))
    bulk.set_stage(db, [keep, other, fourth], _stage(db, "Agreed"))  # both in one move
    result = merge.merge(db, keep, other)
    titles = [e.title for e in history.timeline(db, keep)]
    assert titles == [
        "Ana moved Person 00 to Agreed (bulk, with 1 other)",  # the kept one's own place
        "Ana moved Person 00 to Contacted (bulk, with 1 other)",
    ], "the other's move comes with them; their place in a move both made is not doubled"
    merge.undo_merge(db, result.undo)
    assert [e.title for e in history.timeline(db, other)] == [
        "Ana moved Person 01 from Contacted to Agreed (bulk, with 2 others)",
        "Ana moved Person 01 to Contacted (bulk, with 1 other)",
    ]
    assert [e.title for e in history.timeline(db, keep)] == [
        "Ana moved Person 00 to Agreed (bulk, with 2 others)"
    ]


@pytest.mark.parametrize("spread", [1, 4], ids=["side by side", "far apart"])
def test_redoing_a_move_after_forgetting_one_of_its_people_leaves_them_out(
    db: Database, spread: int
) -> None:
    people = _people(db, 3 * spread)[::spread]  # read as a range, or id by id
    move = bulk.set_stage(db, people, _stage(db, "Contacted"))
    redo = restore(db, move.undo)
    influencers.trash(db, people[:1])
    trash.forget(db, people[:1])
    restore(db, redo)
    assert history.timeline(db, people[1])[0].title.endswith("(bulk, with 1 other)")
    with db.reader() as session:
        kept = session.execute(select(BulkMove.people)).scalar_one()
    assert unpack_ids(kept) == people[1:], "a forgotten person leaves no trace, not even an id"
