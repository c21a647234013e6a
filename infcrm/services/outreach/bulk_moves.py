"""Bulk moves: one record for everyone a bulk stage change moved (db BulkMove).

Writing one stage-change interaction per person cost more than the move itself at 100,000
people, and as much again to undo. The record keeps the people as a packed list of ids with
the stage each came from (domain/id_packs.py); a person's history reads the moves whose id
range holds them and finds them in the list: “Moved from Prospect to Contacted (bulk, with
30 others)”. Forgetting a person takes them out of every list.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from infcrm.db import dialect, raw_rows
from infcrm.db.authors import signer
from infcrm.db.base import utcnow
from infcrm.db.models import Influencer
from infcrm.db.outreach_models import BulkMove
from infcrm.domain.id_packs import pack_ids, pack_values, position, unpack_ids, unpack_values


@dataclass(frozen=True)
class PersonMove:
    """One person's part in a bulk move."""

    move_id: int
    influencer_id: int
    occurred_at: datetime
    from_stage_id: int | None
    to_stage_id: int | None
    others: int  # how many more the move moved
    created_by: str | None


def record_bulk_move(
    session: Session, people: Sequence[int], from_stages: Sequence[int | None], stage_id: int
) -> None:
    """One record of `people` (ascending ids) moved from `from_stages` (in the same order) to
    `stage_id` now, signed as the session signs."""
    now = utcnow()
    session.execute(
        insert(BulkMove).values(
            occurred_at=now,
            to_stage_id=stage_id,
            people_count=len(people),
            first_person=people[0],
            last_person=people[-1],
            people=pack_ids(people),
            from_stages=pack_values(from_stages),
            created_at=now,
            created_by=signer(session.connection()),
        )
    )


def _holding(session: Session, influencer_id: int):
    return session.execute(
        select(BulkMove).where(
            BulkMove.first_person <= influencer_id, BulkMove.last_person >= influencer_id
        )
    ).scalars()


def moves_of(session: Session, influencer_id: int) -> Iterator[PersonMove]:
    """Every bulk move that moved this person."""
    for move in _holding(session, influencer_id):
        at = position(unpack_ids(move.people), influencer_id)
        if at is None:
            continue
        yield PersonMove(
            move_id=move.id,
            influencer_id=influencer_id,
            occurred_at=move.occurred_at,
            from_stage_id=unpack_values(move.from_stages)[at],
            to_stage_id=move.to_stage_id,
            others=move.people_count - 1,
            created_by=move.created_by,
        )


def by_person(session: Session, ids: Iterable[int]) -> dict[int, list[PersonMove]]:
    """Each of these people's parts in every bulk move, oldest move first (for exports:
    each list is unpacked once, however many people are asked about)."""
    wanted = set(ids)
    found: dict[int, list[PersonMove]] = {}
    for move in session.execute(select(BulkMove).order_by(BulkMove.id)).scalars():
        stages = unpack_values(move.from_stages)
        for at, person in enumerate(unpack_ids(move.people)):
            if person in wanted:
                found.setdefault(person, []).append(
                    PersonMove(
                        move.id,
                        person,
                        move.occurred_at,
                        stages[at],
                        move.to_stage_id,
                        move.people_count - 1,
                        move.created_by,
                    )
                )
    return found


@dataclass(frozen=True)
class RecentMove:
    """A bulk move as the dashboard lists it: opened at the first mover still there."""

    move_id: int
    occurred_at: datetime
    people_count: int
    to_stage_id: int | None
    created_by: str | None
    opens: int  # the influencer a click opens
    opens_name: str


def recent(session: Session, until: datetime, limit: int) -> list[RecentMove]:
    """The newest bulk moves made by `until` (naive UTC) whose people are not all in the
    trash, newest first."""
    found: list[RecentMove] = []
    moves = select(BulkMove).where(BulkMove.occurred_at <= until)
    newest = moves.order_by(BulkMove.occurred_at.desc(), BulkMove.id.desc()).limit(limit)
    for move in session.execute(newest).scalars():
        opener = _first_still_there(session, unpack_ids(move.people))
        if opener is not None:
            found.append(RecentMove(move.id, move.occurred_at, move.people_count,
                                    move.to_stage_id, move.created_by, *opener))  # fmt: skip
    return found


def _first_still_there(session: Session, people: list[int]) -> tuple[int, str] | None:
    for start in range(0, len(people), 500):  # mostly the first block answers
        row = session.execute(
            select(Influencer.id, Influencer.display_name)
            .where(Influencer.id.in_(people[start : start + 500]), Influencer.deleted_at.is_(None))
            .order_by(Influencer.id)
            .limit(1)
        ).first()
        if row is not None:
            return row[0], row[1]
    return None


def names_stage(session: Session, stage_id: int) -> bool:
    """Whether a bulk move went to or came from this stage."""
    for to_stage, stages in session.execute(select(BulkMove.to_stage_id, BulkMove.from_stages)):
        if to_stage == stage_id or stage_id in unpack_values(stages):
            return True
    return False


def forget_people(session: Session, ids: Sequence[int]) -> None:
    """Take these people out of every bulk move (a move left with nobody goes)."""
    gone = set(ids)
    if not gone:
        return
    low, high = min(gone), max(gone)
    moves = session.execute(
        select(BulkMove).where(BulkMove.first_person <= high, BulkMove.last_person >= low)
    ).scalars()
    for move in list(moves):
        people = unpack_ids(move.people)
        stages = unpack_values(move.from_stages)
        kept = [at for at, person in enumerate(people) if person not in gone]
        if len(kept) == len(people):
            continue
        if not kept:
            session.delete(move)
            continue
        session.execute(
            update(BulkMove)
            .where(BulkMove.id == move.id)
            .values(**_listing([(people[at], stages[at]) for at in kept]))
        )
    session.flush()


def leave_out_the_forgotten(session: Session, move_ids: Iterable[int]) -> None:
    """Take out of these bulk moves the people no longer in the database: a move put back by
    undo or redo lists everyone it moved then, someone forgotten since among them."""
    for move_id in move_ids:
        move = session.get(BulkMove, move_id)
        if move is None:
            continue
        people = unpack_ids(move.people)
        present = _present(session, people)
        if len(present) < len(people):
            forget_people(session, [person for person in people if person not in present])


def keep_listed(
    session: Session, names: Sequence[str], rows: Sequence[tuple], kept: set[int]
) -> None:
    """After an undo that left the `kept` people as a teammate made them: each move of `rows`
    (its columns `names`, as read before the undo) lists them again, with the stage each came
    from, beside whoever the undo put back in it — their timeline still says how they got to
    where the teammate found them."""
    for row in rows:
        before = dict(zip(names, row, strict=True))
        came_from = unpack_values(before["from_stages"])  # type: ignore[arg-type]
        moved = zip(unpack_ids(before["people"]), came_from, strict=True)  # type: ignore[arg-type]
        staying = {person: stage for person, stage in moved if person in kept}
        if not staying:
            continue
        mark = dialect.placeholder(session)
        listed = ("people", "from_stages")
        there = raw_rows.read(session, "bulk_move", listed, f"id = {mark}", [before["id"]])
        if not there:  # the undo took the move away: it comes back with them alone
            listing = _listing(sorted(staying.items()))
            again = tuple(listing.get(name, before[name]) for name in names)
            raw_rows.insert(session, "bulk_move", names, [again])
            continue
        ((people, stages),) = there
        movers = dict(zip(unpack_ids(people), unpack_values(stages), strict=True))
        listing = _listing(sorted({**staying, **movers}.items()))
        sets = ", ".join(f'"{name}" = {mark}' for name in listing)
        raw_rows.execute(
            session,
            f"UPDATE bulk_move SET {sets} WHERE id = {mark}",
            [*listing.values(), before["id"]],
        )


def unlisted(names: Sequence[str], rows: Sequence[tuple], gone: set[int]) -> tuple[tuple, ...]:
    """Moves (`rows`, their columns `names`, as a redo is about to put them back) without the
    `gone` people in their lists: the redo leaves those as a teammate made them, so their
    timeline must not say it moved them. A move left with nobody is not put back."""
    out = []
    for row in rows:
        move = dict(zip(names, row, strict=True))
        came_from = unpack_values(move["from_stages"])  # type: ignore[arg-type]
        movers = zip(unpack_ids(move["people"]), came_from, strict=True)  # type: ignore[arg-type]
        staying = [(person, stage) for person, stage in movers if person not in gone]
        if staying:
            listing = _listing(staying)
            out.append(tuple(listing.get(name, move[name]) for name in names))
    return tuple(out)


def _present(session: Session, people: list[int]) -> set[int]:
    """Which of these ascending ids are still people: one range read when they fill most of
    their range (a whole list moved), else a read of the ids themselves."""
    if len(people) * 2 >= people[-1] - people[0] + 1:
        within = Influencer.id.between(people[0], people[-1])
        return set(session.execute(select(Influencer.id).where(within)).scalars())
    found: set[int] = set()
    for start in range(0, len(people), 500):
        chunk = people[start : start + 500]
        found.update(
            session.execute(select(Influencer.id).where(Influencer.id.in_(chunk))).scalars()
        )
    return found


def _listing(movers: Sequence[tuple[int, int | None]]) -> dict[str, object]:
    """A move's columns that list its people: (id, stage they came from) in ascending ids."""
    return {
        "people": pack_ids([person for person, _ in movers]),
        "from_stages": pack_values([stage for _, stage in movers]),
        "people_count": len(movers),
        "first_person": movers[0][0],
        "last_person": movers[-1][0],
    }


def rows_holding(session: Session, influencer_id: int) -> list[dict[str, object]]:
    """The moves that moved this person, each as its stored row (for a change log)."""
    table = BulkMove.__table__
    query = select(table).where(
        table.c.first_person <= influencer_id, table.c.last_person >= influencer_id
    )
    return [
        dict(row)
        for row in session.execute(query.order_by(table.c.id)).mappings()
        if position(unpack_ids(row["people"]), influencer_id) is not None
    ]


def handed_over(row: dict[str, object], keep_id: int, other_id: int) -> dict[str, object]:
    """The listing of a move (`rows_holding`) once `other_id` is merged into `keep_id`: the
    kept person takes the other's place, or keeps their own where the move moved both."""
    people = unpack_ids(row["people"])  # type: ignore[arg-type]
    stages = unpack_values(row["from_stages"])  # type: ignore[arg-type]
    movers = dict(zip(people, stages, strict=True))
    came_from = movers.pop(other_id)
    movers.setdefault(keep_id, came_from)
    return _listing(sorted(movers.items()))


__all__ = [
    "PersonMove",
    "RecentMove",
    "by_person",
    "forget_people",
    "handed_over",
    "keep_listed",
    "leave_out_the_forgotten",
    "moves_of",
    "names_stage",
    "recent",
    "record_bulk_move",
    "rows_holding",
    "unlisted",
]
