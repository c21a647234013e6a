"""Bulk edits of one field: owner, rating, do-not-contact (the same value for everyone, one
UPDATE) and niches (each person's own list, added to or taken from)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, update

from infcrm.db import search_index
from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.validation import split_list
from infcrm.services.people.bulk_common import (
    Reporter,
    columns_point,
    keep_or_refuse,
    live_by_id,
    live_ids,
    moved_on,
    problem,
    report,
    skipped_note,
    still_chosen,
    told,
    update_where,
    written_alike,
)
from infcrm.services.people.bulk_types import BulkRefused, BulkResult, Problem, people_count
from infcrm.services.restore_points import RestorePoint, rows_left

_NICHES_MAX = max_length("niches")
_TOO_LONG = (
    f"Their niches would be longer than the {_NICHES_MAX:,} characters a person's niches hold"
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
    seen: Mapping[int, int] | None,
) -> BulkResult:
    """Give `column` the same value for everyone."""
    with db.transaction() as session:
        rows = live_by_id(session, ids, (column, "updated_at"))
        moved = moved_on(session, seen)
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
        done = BulkResult(
            wording.summary(len(changing), already),
            wording.title(people_count(len(changing))),
            changing,
            already,
            0,
            point,
        )
        return told(session, done, moved)


def set_owner(
    db: Database,
    ids: Sequence[int],
    owner: str | None,
    *,
    progress: Reporter | None = None,
    seen: Mapping[int, int] | None = None,
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
    return _set_column(db, ids, "owner", owner, wording, progress, seen)


def set_rating(
    db: Database,
    ids: Sequence[int],
    rating: int | None,
    *,
    progress: Reporter | None = None,
    seen: Mapping[int, int] | None = None,
) -> BulkResult:
    """Give everyone the same rating, 0–5 (None clears it)."""
    if rating is not None and not 0 <= int(rating) <= 5:
        raise _refuse_everyone(db, ids, "A rating goes from 0 to 5")
    shown = "no rating" if rating is None else f"{rating} ★"
    wording = _Wording(
        lambda who: f"Rated {who} {shown}", lambda who: f"rating of {who} set to {shown}"
    )
    return _set_column(db, ids, "rating", rating, wording, progress, seen)


def set_do_not_contact(
    db: Database,
    ids: Sequence[int],
    marked: bool,
    *,
    progress: Reporter | None = None,
    seen: Mapping[int, int] | None = None,
) -> BulkResult:
    """Mark everyone “Do not contact”, or take the mark away."""
    verb = "Marked" if marked else "Unmarked"
    wording = _Wording(
        lambda who: f"{verb} {who} “Do not contact”",
        lambda who: f"{verb.lower()} {who} “Do not contact”",
        "were already" if marked else "were not marked",
    )
    return _set_column(db, ids, "do_not_contact", bool(marked), wording, progress, seen)


def change_niches(
    db: Database,
    ids: Sequence[int],
    niches: str | Sequence[str],
    *,
    remove: bool = False,
    skip_problems: bool = False,
    progress: Reporter | None = None,
    seen: Mapping[int, int] | None = None,
) -> BulkResult:
    """Add these niches to everyone's list (or take them out with `remove`).

    Those whose niches would then be longer than a person's form holds are named and nobody
    is changed, unless `skip_problems`: then everyone else is."""
    wanted = split_list(niches if isinstance(niches, str) else ", ".join(niches))
    with db.transaction() as session:
        rows = live_by_id(session, ids, ("niches", "updated_at"))
        moved = moved_on(session, seen)
        if not wanted:
            raise BulkRefused((Problem("Write at least one niche", (), ()),), len(rows))
        keys = {n.casefold() for n in wanted}
        new_values: dict[int, str | None] = {}
        saved = []
        too_long: list[int] = []
        for row in rows:
            current = split_list(row[1])
            if remove:
                kept = [n for n in current if n.casefold() not in keys]
            else:
                have = {n.casefold() for n in current}
                kept = current + [n for n in wanted if n.casefold() not in have]
            joined = ", ".join(kept) or None
            if joined is not None and len(joined) > _NICHES_MAX and kept != current:
                too_long.append(row[0])
            elif kept != current:
                new_values[row[0]] = joined
                saved.append(row)
        over = problem(session, _TOO_LONG, too_long) if too_long else None
        _kept, skipped = keep_or_refuse([r[0] for r in rows], [over] if over else [], skip_problems)
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
        search_index.reindex(session, touched, words_only=True)
        point = rows_left(session, point)
        named = ", ".join(f"“{n}”" for n in wanted)
        unchanged = len(rows) - len(touched)
        if remove:
            summary = f"Took {named} out of the niches of {people_count(len(touched))}."
            title = f"removal of niche {named} from {people_count(len(touched))}"
        else:
            summary = f"Added {named} to the niches of {people_count(len(touched))}."
            title = f"niche {named} on {people_count(len(touched))}"
        unchanged -= skipped
        if unchanged:
            summary = summary[:-1] + f"; {unchanged:,} unchanged."
        summary += skipped_note(skipped)
        result = BulkResult(summary, title, tuple(touched), unchanged, skipped, point)
        return told(session, result, moved)


__all__ = ["change_niches", "set_do_not_contact", "set_owner", "set_rating"]
