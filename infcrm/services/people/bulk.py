"""Bulk edits of many people at once: stage, owner, rating, do-not-contact, tags and niches.

Each action is one transaction of a few Core statements over a temporary table of the chosen
ids (100,000 people cost the same handful of statements as 10, and no ORM objects). Before
writing, it keeps a restore point of every row it will touch, so Undo puts each back exactly.
When some people break a rule the action raises `BulkRefused` naming them and changes nobody;
with `skip_problems=True` it changes the others. `progress` (any object with
`.report(done, total, text)` that may raise to cancel) hears between statements; raising rolls
the whole action back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from infcrm.db import dialect, raw_rows, search
from infcrm.db.base import Base, utcnow
from infcrm.db.engine import Database
from infcrm.db.id_lists import id_table, id_table_select
from infcrm.db.models import Influencer, InfluencerTag, Stage
from infcrm.db.sequences import next_id
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.validation import split_list
from infcrm.services.people.bulk_remade import Moves, Tagged, record_moves
from infcrm.services.people.bulk_types import BulkRefused, BulkResult, Problem, people_count
from infcrm.services.restore_points import Columns, RestorePoint, Rows, SameColumns, capture

TAG_MAX = 60
_MOVED = ("stage_id", "updated_at")  # what a stage change writes on each person
BULK_IDS = "bulk_ids"
NAMES_SHOWN = 5


class Reporter(Protocol):
    """Anything with `.report(done, total, text)` (ui/workers.Progress is one)."""

    def report(self, done: int, total: int, text: str = "") -> None: ...


def chosen(session: Session, ids: Sequence[int]) -> Select:
    """A select of `ids` (through a temporary table) for `column.in_(…)` over any number."""
    return id_table(session, BULK_IDS, ids)


def still_chosen() -> Select:
    """A select of the ids `chosen` (or `live_rows`) last put in the temporary table."""
    return id_table_select(BULK_IDS)


def live_ids(session: Session, ids: Sequence[int]) -> list[int]:
    """Those of `ids` who exist and are not in the trash, in the given order, once each."""
    return list(live_rows(session, ids))


def live_rows(
    session: Session, ids: Sequence[int], columns: Sequence[str] = ()
) -> dict[int, tuple]:
    """(id, *columns) as stored, of those of `ids` who exist and are not in the trash, in the
    given order; `chosen` then holds `ids`, so statements can pick them without a refill."""
    order = dict.fromkeys(map(int, ids))
    chosen(session, order)
    where = f"id IN (SELECT id FROM {BULK_IDS}) AND deleted_at IS NULL"
    found = {row[0]: row for row in raw_rows.read(session, "influencer", ("id", *columns), where)}
    if len(found) == len(order):  # everyone is there: only the order is left to give
        return {i: found[i] for i in order}
    return {i: found[i] for i in order if i in found}


def live_by_id(session: Session, ids: Sequence[int], columns: Sequence[str]) -> list[tuple]:
    """(id, *columns) as stored, of those of `ids` who exist and are not in the trash, in the
    order of their ids (no reordering: a bulk edit's restore point and summary need none);
    `chosen` then holds `ids`, as after `live_rows`."""
    chosen(session, ids)
    where = f"id IN (SELECT id FROM {BULK_IDS}) AND deleted_at IS NULL ORDER BY id"
    return raw_rows.read(session, "influencer", ("id", *columns), where)


def columns_point(
    columns: Sequence[str], saved: tuple[tuple, ...]
) -> tuple[RestorePoint, tuple[int, ...]]:
    """The restore point of `columns` of the people whose rows (id first, then `columns`, as
    `live_by_id` read them) are `saved`, and their ids."""
    ids = tuple(row[0] for row in saved)
    part = Columns("influencer", tuple(columns), ids)
    return RestorePoint((part,), ((("id", *columns), saved),)), ids


def written_alike(session: Session, point: RestorePoint) -> RestorePoint:
    """`point` (from `columns_point`) once the edit has given everyone in it the same values:
    its part then holds those values as stored, so that undo and redo need not read every
    row back nor write each one (see restore_points.SameColumns)."""
    (part,) = point.parts
    if not isinstance(part, Columns) or not part.ids:
        return point
    names = ", ".join(f'"{name}"' for name in part.columns)
    sql = f'SELECT {names} FROM "{part.table}" WHERE id = {dialect.placeholder(session)}'
    values = tuple(raw_rows.read_one(session, sql, (part.ids[0],)))
    alike = SameColumns(part.table, part.columns, part.ids, values)
    return RestorePoint((alike,), point.saved, point.reindex, point.words_only)


def problem(session: Session, reason: str, ids: Sequence[int]) -> Problem:
    """A rule broken by `ids`, with the first few of their names."""
    shown = list(ids[:NAMES_SHOWN])
    names = dict(
        session.execute(
            select(Influencer.id, Influencer.display_name).where(Influencer.id.in_(shown))
        ).all()
    )
    return Problem(reason, tuple(ids), tuple(names[i] for i in shown if i in names))


def keep_or_refuse(
    ids: list[int], problems: list[Problem], skip_problems: bool
) -> tuple[list[int], int]:
    """The ids to change and how many were skipped; raises BulkRefused unless skipping."""
    problems = [p for p in problems if p.ids]
    if not problems:
        return ids, 0
    if not skip_problems:
        raise BulkRefused(tuple(problems), len(ids))
    bad = {i for p in problems for i in p.ids}
    return [i for i in ids if i not in bad], len(bad)


def report(progress: Reporter | None, done: int, total: int, text: str) -> None:
    """Tell `progress` how far the action is (it may raise to cancel)."""
    if progress is not None:
        progress.report(done, total, text)


def skipped_note(skipped: int) -> str:
    """“ Skipped 2 who break a rule.” or nothing."""
    return f" Skipped {skipped:,} who could not be changed." if skipped else ""


def update_people(session: Session, ids: list[int], **values: object) -> None:
    """One UPDATE giving everyone in `ids` the same `values`."""
    update_where(session, Influencer.__table__.c.id.in_(chosen(session, ids)), **values)


def update_where(session: Session, who: ColumnElement[bool], **values: object) -> None:
    """One UPDATE of the people `who` picks (Core: no ORM objects to keep in step)."""
    table = Influencer.__table__
    session.execute(
        update(table).where(who).values(**values),
        execution_options={"synchronize_session": False},
    )


def set_stage(
    db: Database,
    ids: Sequence[int],
    stage_id: int,
    *,
    skip_problems: bool = False,
    progress: Reporter | None = None,
) -> BulkResult:
    """Move people to a stage; each move shows in their timeline, as a drag on the board does."""
    with db.transaction() as session:
        rows = live_by_id(session, ids, ("stage_id", "updated_at"))
        stage = session.get(Stage, stage_id)
        if stage is None or stage.archived:
            people = list(live_rows(session, ids))  # named in the order given
            gone = problem(session, "That stage no longer exists; choose another", people)
            keep_or_refuse(people, [gone], False)
        assert stage is not None
        point, movers = columns_point(_MOVED, tuple(r for r in rows if r[1] != stage_id))
        # movers: in ascending order, as their timeline entries are written
        table = Influencer.__table__
        # The chosen ids are still in their table: pick the movers by condition, no refill.
        who = and_(
            table.c.id.in_(still_chosen()),
            table.c.deleted_at.is_(None),
            table.c.stage_id.is_distinct_from(stage_id),
        )
        report(progress, 1, 3, f"Moving to {stage.name}…")
        first_new = next_row_id(session, "interaction")
        moment, created = record_moves(session, who, stage_id)
        report(progress, 2, 3, f"Moving to {stage.name}…")
        update_where(session, who, stage_id=stage_id, updated_at=utcnow())
        point = written_alike(session, point)
        last_new = next_row_id(session, "interaction") - 1
        if movers and last_new - first_new + 1 == len(movers):
            moves = Moves(first_new, movers, stage_id, moment, created)
            point = RestorePoint((moves, *point.parts), (((), ()), *point.saved))
        else:  # never expected: then the rows are read back like any others
            point = with_new_rows(point, "interaction", first_new, last_new)
        already = len(rows) - len(movers)
        summary = f"Moved {len(movers):,} to {stage.name}."
        if already:
            summary = summary[:-1] + f"; {already:,} {_were(already)} already there."
        return BulkResult(
            summary=summary,
            title=f"move of {people_count(len(movers))} to {stage.name}",
            changed=movers,
            unchanged=already,
            skipped=0,
            undo=point,
        )


def _were(count: int) -> str:
    return "was" if count == 1 else "were"


def next_row_id(session: Session, table_name: str) -> int:
    """The id the next row of `table_name` will get: the rows an action adds are the range
    from this id before it to this id after it (ids are never reused; see db/sequences)."""
    return next_id(session.connection(), Base.metadata.tables[table_name].c.id, 0)


def with_new_rows(point: RestorePoint, table_name: str, first: int, last: int) -> RestorePoint:
    """`point` plus the id range (empty before) that the action filled in `table_name`."""
    if last < first:
        return point
    part = Rows(table_name, "id", between=(first, last))
    return RestorePoint(
        parts=(part, *point.parts),
        saved=(((), ()), *point.saved),
        reindex=point.reindex,
        words_only=point.words_only,
    )


@dataclass(frozen=True)
class _Wording:
    """How a field edit is told: `done` and `title` take “31 people”; `already` follows a
    count of those who had the value already."""

    done: Callable[[str], str]
    title: Callable[[str], str]
    already: str = "already had it"

    def summary(self, changed: int, already: int) -> str:
        text = self.done(people_count(changed))
        return text + (f"; {already:,} {self.already}." if already else ".")


def _refuse_everyone(db: Database, ids: Sequence[int], reason: str) -> BulkRefused:
    """A refusal naming every chosen person (the value itself breaks a rule)."""
    with db.reader() as session:
        everyone = problem(session, reason, live_ids(session, ids))
    return BulkRefused((everyone,), len(everyone.ids))


def _set_column(
    db: Database,
    ids: Sequence[int],
    column: str,
    value: object,
    wording: _Wording,
    progress: Reporter | None,
) -> BulkResult:
    """Give `column` the same value for everyone."""
    with db.transaction() as session:
        rows = live_by_id(session, ids, (column, "updated_at"))
        saved = tuple(row for row in rows if row[1] != value)
        point, changing = columns_point((column, "updated_at"), saved)
        report(progress, 1, 2, "Saving…")
        table = Influencer.__table__
        who = and_(
            table.c.id.in_(still_chosen()),
            table.c.deleted_at.is_(None),
            table.c[column].is_distinct_from(value),
        )
        update_where(session, who, **{column: value, "updated_at": utcnow()})
        point = written_alike(session, point)
        already = len(rows) - len(changing)
        return BulkResult(
            wording.summary(len(changing), already),
            wording.title(people_count(len(changing))),
            changing,
            already,
            0,
            point,
        )


def set_owner(
    db: Database, ids: Sequence[int], owner: str | None, *, progress: Reporter | None = None
) -> BulkResult:
    """Give everyone the same owner (None or blank clears it)."""
    owner = " ".join((owner or "").split()) or None
    limit = max_length("owner")
    if owner and limit and len(owner) > limit:
        raise _refuse_everyone(db, ids, f"An owner's name must stay under {limit} characters")
    shown = f"“{owner}”" if owner else "nobody"
    wording = _Wording(
        lambda who: f"Set the owner of {who} to {shown}",
        lambda who: f"owner of {who} set to {shown}",
    )
    return _set_column(db, ids, "owner", owner, wording, progress)


def set_rating(
    db: Database, ids: Sequence[int], rating: int | None, *, progress: Reporter | None = None
) -> BulkResult:
    """Give everyone the same rating, 0–5 (None clears it)."""
    if rating is not None and not 0 <= int(rating) <= 5:
        raise _refuse_everyone(db, ids, "A rating goes from 0 to 5")
    shown = "no rating" if rating is None else f"{rating} ★"
    wording = _Wording(
        lambda who: f"Rated {who} {shown}", lambda who: f"rating of {who} set to {shown}"
    )
    return _set_column(db, ids, "rating", rating, wording, progress)


def set_do_not_contact(
    db: Database, ids: Sequence[int], marked: bool, *, progress: Reporter | None = None
) -> BulkResult:
    """Mark everyone “Do not contact”, or take the mark away."""
    verb = "Marked" if marked else "Unmarked"
    wording = _Wording(
        lambda who: f"{verb} {who} “Do not contact”",
        lambda who: f"{verb.lower()} {who} “Do not contact”",
        "were already" if marked else "were not marked",
    )
    return _set_column(db, ids, "do_not_contact", bool(marked), wording, progress)


def clean_tags(session: Session, text: str | Sequence[str], ids: list[int]) -> list[str]:
    """The tags of `text`; a tag over the length limit refuses the edit for everyone."""
    tags = split_list(text if isinstance(text, str) else ", ".join(text))
    long = [t for t in tags if len(t) > TAG_MAX]
    if long:
        reason = f"The tag “{long[0][:20]}…” is too long; keep tags under {TAG_MAX} characters"
        raise BulkRefused((problem(session, reason, ids),), len(ids))
    return tags


def _carrying(tag: str) -> Select:
    """A select of the people carrying `tag`."""
    return select(InfluencerTag.influencer_id).where(InfluencerTag.name == tag)


def change_tags(
    db: Database,
    ids: Sequence[int],
    tags: str | Sequence[str],
    *,
    remove: bool = False,
    progress: Reporter | None = None,
) -> BulkResult:
    """Add these tags to everyone (or take them away with `remove`)."""
    with db.transaction() as session:
        rows = live_by_id(session, ids, ("updated_at",))
        try:
            wanted = clean_tags(session, tags, [row[0] for row in rows])
        except BulkRefused:  # names the first few people in the order given
            wanted = clean_tags(session, tags, live_ids(session, ids))
        if not wanted:
            raise BulkRefused((Problem("Write at least one tag", (), ()),), len(rows))
        live = and_(Influencer.id.in_(still_chosen()), Influencer.deleted_at.is_(None))
        holders = [
            set(
                session.execute(
                    _carrying(tag).where(InfluencerTag.influencer_id.in_(still_chosen()))
                ).scalars()
            )
            for tag in wanted
        ]
        # Adding touches whoever lacks one of the tags; removing, whoever has one.
        having = set().union(*holders)
        if remove:
            saved = tuple(row for row in rows if row[0] in having)
        else:
            complete = set.intersection(*holders)
            saved = tuple(row for row in rows if row[0] not in complete)
        times, touched = columns_point(("updated_at",), saved)
        # The tag rows of the people touched, as they are: only those holding one of the tags
        # have any to read (a new tag on 100,000 people reads none).
        # (Once added, everyone touched has every tag: undo and redo need not read them.)
        names = (("name", tuple(wanted)),)
        tag_rows = (Rows if remove else Tagged)(
            "influencer_tag", "influencer_id", touched, also=names
        )
        holding = tuple(i for i in touched if i in having)
        before = capture(session, [Rows("influencer_tag", "influencer_id", holding, also=names)])
        # The update time first, while who will change can still be told by the tags they have.
        if remove:
            changing = or_(*(Influencer.id.in_(_carrying(tag)) for tag in wanted))
        else:
            changing = or_(*(Influencer.id.not_in(_carrying(tag)) for tag in wanted))
        update_where(session, and_(live, changing), updated_at=utcnow())
        times = written_alike(session, times)
        # No search entry changes: tags have their own index.
        point = RestorePoint((tag_rows, *times.parts), (*before.saved, *times.saved))
        table = InfluencerTag.__table__
        for n, tag in enumerate(wanted):
            if remove:
                session.execute(
                    table.delete().where(
                        table.c.influencer_id.in_(select(Influencer.id).where(live)),
                        table.c.name == tag,
                    )
                )
            else:
                lacking = select(Influencer.id, literal(tag)).where(
                    live, Influencer.id.not_in(_carrying(tag))
                )
                session.execute(insert(table).from_select(["influencer_id", "name"], lacking))
            report(progress, n + 1, len(wanted) + 1, "Saving tags…")
        search.refresh_tags(session, wanted)
        named = ", ".join(f"“{t}”" for t in wanted)
        if remove:
            summary = f"Took {named} off {people_count(len(touched))}."
            title = f"removal of {named} from {people_count(len(touched))}"
        else:
            summary = f"Tagged {people_count(len(touched))} {named}."
            title = f"tag {named} on {people_count(len(touched))}"
        unchanged = len(rows) - len(touched)
        if unchanged:
            have = "had none of them" if remove else "had them already"
            summary = summary[:-1] + f"; {unchanged:,} {have}."
        return BulkResult(summary, title, touched, unchanged, 0, point)


def change_niches(
    db: Database,
    ids: Sequence[int],
    niches: str | Sequence[str],
    *,
    remove: bool = False,
    progress: Reporter | None = None,
) -> BulkResult:
    """Add these niches to everyone's list (or take them out with `remove`)."""
    wanted = split_list(niches if isinstance(niches, str) else ", ".join(niches))
    with db.transaction() as session:
        rows = live_by_id(session, ids, ("niches", "updated_at"))
        if not wanted:
            raise BulkRefused((Problem("Write at least one niche", (), ()),), len(rows))
        keys = {n.casefold() for n in wanted}
        new_values: dict[int, str | None] = {}
        saved = []
        for row in rows:
            current = split_list(row[1])
            if remove:
                kept = [n for n in current if n.casefold() not in keys]
            else:
                have = {n.casefold() for n in current}
                kept = current + [n for n in wanted if n.casefold() not in have]
            if kept != current:
                new_values[row[0]] = ", ".join(kept) or None
                saved.append(row)
        point, touched = columns_point(("niches", "updated_at"), tuple(saved))
        point = RestorePoint(point.parts, point.saved, touched)  # their search entries too
        now = utcnow()
        changes = [{"key_id": i, "new_niches": v, "now": now} for i, v in new_values.items()]
        statement = (
            update(Influencer.__table__)
            .where(Influencer.__table__.c.id == bindparam("key_id"))
            .values(niches=bindparam("new_niches"), updated_at=bindparam("now"))
        )
        report(progress, 1, 2, "Saving niches…")
        if changes:
            session.connection().execute(statement, changes)
        search.reindex(session, touched, words_only=True)
        named = ", ".join(f"“{n}”" for n in wanted)
        unchanged = len(rows) - len(touched)
        if remove:
            summary = f"Took {named} out of the niches of {people_count(len(touched))}."
            title = f"removal of niche {named} from {people_count(len(touched))}"
        else:
            summary = f"Added {named} to the niches of {people_count(len(touched))}."
            title = f"niche {named} on {people_count(len(touched))}"
        if unchanged:
            summary = summary[:-1] + f"; {unchanged:,} unchanged."
        return BulkResult(summary, title, tuple(touched), unchanged, 0, point)


__all__ = [
    "BulkRefused",
    "BulkResult",
    "change_niches",
    "change_tags",
    "columns_point",
    "keep_or_refuse",
    "live_by_id",
    "live_ids",
    "live_rows",
    "next_row_id",
    "problem",
    "set_do_not_contact",
    "set_owner",
    "set_rating",
    "set_stage",
    "still_chosen",
    "update_where",
    "with_new_rows",
    "written_alike",
]
