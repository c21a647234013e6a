"""Rows a bulk edit adds in one statement, kept on the undo stack as that statement rather than
as 100,000 rows: the timeline entries of a stage change, and the rows of a new tag.

Everything in those rows is known from the edit itself — who (in id order), the stage or the
tag, the moment, the id range — except each person's stage before a move, which is their stage
whenever the move is (re)done. So undo deletes them without reading them first, and redo
writes the same rows again (same ids) in one INSERT … SELECT, instead of reading 100,000 rows
and inserting them back one by one. Both only while every row is still there exactly as
written (`intact`); otherwise they are read and put back like any other rows (see
restore_points.Remade).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, DateTime, String, bindparam, insert, literal, select, text
from sqlalchemy.orm import Session

from infcrm.db import raw_rows
from infcrm.db.authors import signer
from infcrm.db.base import utcnow
from infcrm.db.dialect import exact, placeholder, same_as
from infcrm.db.models import Influencer
from infcrm.db.outreach_models import KIND_STAGE_CHANGE, Interaction
from infcrm.services.restore_points import Remade, Rows, id_list

MOVES_TABLE = "stage_moves"  # temporary: each timeline entry's id beside its person
# The columns a stage change leaves empty: a row with any of them set is not as written.
_EMPTY = ("channel", "direction", "subject", "summary", "outcome", "campaign_id", "source_eml")


def record_moves(
    session: Session, who: ColumnElement[bool], stage_id: int, *, when: datetime | None = None
) -> tuple[datetime, datetime, str | None]:
    """One stage-change interaction per person, from their own stage, in one statement (the
    timeline shows each move, as pipeline.record_stage_change writes it for a drag), in the
    order of the people's ids. Returns the moment written, the creation time and the name
    the entries are signed with."""
    now = utcnow()
    moment = when or now
    author = signer(session.connection())
    table = Interaction.__table__
    session.execute(
        insert(table).from_select(
            [
                "influencer_id", "occurred_at", "kind", "from_stage_id", "to_stage_id",
                "created_at", "created_by", "changed_by",
            ],
            select(
                Influencer.id,
                literal(moment, DateTime),
                literal(KIND_STAGE_CHANGE),
                Influencer.stage_id,
                literal(stage_id),
                literal(now, DateTime),
                literal(author, String),
                literal(author, String),
            )
            .where(who)
            .order_by(Influencer.id),
        )
    )  # fmt: skip
    return moment, now, author


@dataclass(frozen=True)
class Moves(Remade):
    """The interactions `first`…`first + len(people) - 1` that moved `people` (ascending ids,
    one entry each, in that order) to `stage_id` at `moment`, written at `created` and
    signed by `author`."""

    first: int
    people: tuple[int, ...]
    stage_id: int
    moment: datetime
    created: datetime
    author: str | None = None
    table: str = "interaction"

    @property
    def last(self) -> int:
        return self.first + len(self.people) - 1

    def where(self, session: Session) -> tuple[str, list]:
        """The id range."""
        mark = placeholder(session)
        return f"id BETWEEN {mark} AND {mark}", [self.first, self.last]

    def _pairs(self, session: Session) -> None:
        """Each entry's id beside its person in a temporary table (once per transaction)."""
        if session.info.get(MOVES_TABLE) is self:
            return
        raw_rows.fill_pairs(session, MOVES_TABLE, self.first, self.people)
        session.info[MOVES_TABLE] = self

    def _values(self) -> dict:
        return {
            "moment": self.moment,
            "created": self.created,
            "kind": KIND_STAGE_CHANGE,
            "stage": self.stage_id,
            "author": self.author,
        }

    def intact(self, session: Session) -> bool:
        """Whether every entry of the range is there exactly as the move wrote it (the stage
        each person came from is theirs again once the move is undone).

        The k-th entry must be the k-th person's. Without pairing each id with its person:
        when the range holds as many entries as there are people, each entry as written and
        its person one of them, and each entry's person after the one before (in id order),
        then the entries' people are exactly `people`, in that order. The list of people is
        the one the restore point's other part (their stage and update time) reads too.
        """
        where, params = self.where(session)
        (there,) = raw_rows.read_one(
            session, f"SELECT count(*) FROM interaction WHERE {where}", params
        )
        if there != len(self.people):
            return False
        people = id_list(session, self.people)
        # `+influencer_id`: read the range in id order, as the window wants it, rather than
        # through the person index and then sorted (twice the time).
        empty = " AND ".join(f"{name} IS NULL" for name in _EMPTY)
        signed = same_as(session)
        same = session.execute(
            _typed(
                "SELECT count(*) FROM (SELECT influencer_id AS person, "
                "lag(influencer_id) OVER (ORDER BY id) AS before FROM interaction "
                "WHERE id BETWEEN :first AND :last "
                f"AND +influencer_id IN (SELECT id FROM {people}) AND kind = :kind "
                "AND to_stage_id = :stage AND occurred_at = :moment AND created_at = :created "
                f"AND created_by {signed} :author AND changed_by {signed} :author "
                f"AND {empty}) AS entries WHERE before IS NULL OR person > before"
            ),
            {**self._values(), "first": self.first, "last": self.last},
        ).scalar_one()
        return same == there

    def write(self, session: Session) -> None:
        """The entries again, same ids, each from the person's stage now (the one before the
        move, as the undo left it); people gone since are left out."""
        self._pairs(session)
        session.execute(
            _typed(
                "INSERT INTO interaction (id, influencer_id, occurred_at, kind, from_stage_id, "
                "to_stage_id, created_at, created_by, changed_by) "
                "SELECT m.id, p.id, :moment, :kind, p.stage_id, :stage, :created, :author, "
                ":author "
                f"FROM {MOVES_TABLE} m JOIN influencer p ON p.id = m.person ORDER BY m.id"
            ),
            self._values(),
        )


def _typed(sql: str):
    """`sql` with its times bound as the ORM stores them (the very same text)."""
    return text(sql).bindparams(
        bindparam("moment", type_=DateTime),
        bindparam("created", type_=DateTime),
        bindparam("author", type_=String),
    )


@dataclass(frozen=True)
class Tagged(Rows, Remade):
    """The tag rows of `values` (people, ascending) named one of the tags in `also`, after a
    bulk tag gave each of them every one of those tags, spelled as given."""

    def intact(self, session: Session) -> bool:
        """Whether each person has each tag, spelled exactly so, and no other spelling."""
        where, params = self.where(session)
        ((_, names),) = self.also
        spelling = f"name = {placeholder(session)} COLLATE {exact(session)}"
        exactly = " OR ".join(spelling for _ in names)
        there, spelled = raw_rows.read_one(
            session,
            f"SELECT count(*), count(CASE WHEN {exactly} THEN 1 END) "
            f"FROM influencer_tag WHERE {where}",
            [*names, *params],
        )
        return there == spelled == len(self.values) * len(names)

    def write(self, session: Session) -> None:
        """Every person gets every tag again (people gone since are left out)."""
        ((_, names),) = self.also
        # The same id list as `where` (a long one is already in its temporary table).
        people, params = Rows("influencer", "id", self.values).where(session)
        for name in names:
            raw_rows.execute(
                session,
                "INSERT INTO influencer_tag (influencer_id, name) "
                f"SELECT id, {placeholder(session)} FROM influencer WHERE {people}",
                (name, *params),
            )


__all__ = ["MOVES_TABLE", "Moves", "Tagged", "record_moves"]
