"""An undo of a bulk edit never writes over what someone else saved since in the fields it set.

A bulk edit gives everyone the same values (`restore_points.SameColumns`: a stage, an owner,
a rating, the flag, with the update time and the signer), so whoever still holds exactly
those values is as the edit left them. Before the undo puts the old values back, the rows
that no longer do are read, inside the undo's transaction:

- changed by this user since (another window, a later step): as before, the undo goes on;
- changed by someone else in a field the edit set (Ana moved Lena on to Declined): putting
  the old stage back would erase her move, so Lena is left out of the undo (`Kept`) and keeps
  what Ana made her; the others are undone, and the undo says whom it left and why ("Undone
  for 98 people; “Lena” was changed by Ana after your edit and keeps Ana's values."). When
  that is everyone, there is nothing to undo: `ChangedSinceStep` names who and whom and
  nothing is written;
- changed by someone else in other fields only (Ana's new city): the undo goes on, but the
  row keeps Ana's update time and name, since what it says now is partly hers.

Per person, one query for all of them; the rows as the edit left them cost nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from infcrm.db import dialect, raw_rows
from infcrm.services.errors import ChangedSinceStep
from infcrm.services.people.undo_guard_names import menu_of

# The columns that say who wrote a row and when: kept from the other writer, never refused on.
SIGNATURE = ("updated_at", "changed_by")
NAMES_SHOWN = 3

Saved = tuple[tuple[str, ...], tuple[tuple, ...]]


@dataclass
class Kept:
    """The people an undo leaves as teammates made them: writer → their names, and ids."""

    by: dict[str, list[str]] = field(default_factory=dict)
    ids: set[int] = field(default_factory=set)
    # People someone else changed in other fields only (Ana's new city): the swap goes on
    # over them but leaves them her update time and name (id → SIGNATURE column → value).
    signed: dict[int, dict[str, object]] = field(default_factory=dict)

    def add(self, other: Kept) -> None:
        """Take in the people `other` keeps too (several parts, several points)."""
        for who, people in other.by.items():
            self.by.setdefault(who, []).extend(people)
        self.ids |= other.ids
        self.signed.update(other.signed)

    def note(self, done: int, doing: str = "undoing", also: str = "") -> str:
        """“Undone for 98 people; “Lena” and “Sam” were changed by Ana after your edit and
        keep Ana's values.” (several teammates: “…, and “Mia” by Ben, after your edit and
        keep those values.”); a redo's: “Redone for 98 people; … after your undo …”. `also`
        names what else they keep (“ and the message”)."""
        groups = list(self.by.items())
        who, people = groups[0]
        said = f"{_listed(people)} {_were(people)} changed by {who}"
        if len(groups) > 1:
            rest = [f"{_listed(names)} by {other}" for other, names in groups[1:]]
            said = ", ".join([said, *rest[:-1]]) + f", and {rest[-1]},"
        mine = len(groups) == 1 and who != "someone else"
        values = f"{who}'s values" if mine else "those values"
        keep = "keeps" if len(self.ids) == 1 else "keep"
        count = f"{done:,} {'person' if done == 1 else 'people'}"
        did, since = ("Redone", "your undo") if doing == "redoing" else ("Undone", "your edit")
        return f"{did} for {count}; {said} after {since} and {keep} {values}{also}."


def _were(people: Sequence[str]) -> str:
    return "was" if len(people) == 1 else "were"


def checked(
    session: Session,
    part: object,
    where: tuple[str, list],
    saved: Saved,
    me: str | None,
    doing: str,
) -> tuple[Saved, Kept]:
    """`saved` (the rows the undo of `part`, a SameColumns of people, puts back) once checked
    against the rows as they are now, without the people whose later value of a column the
    edit set is someone else's (`Kept`, whom the undo leaves out); raises ChangedSinceStep
    when that is every one of them."""
    columns: tuple[str, ...] = part.columns  # type: ignore[attr-defined]
    values: tuple = part.values  # type: ignore[attr-defined]
    clause, params = where
    same_as, mark = dialect.same_as(session), dialect.placeholder(session)
    same = " AND ".join(f'"{name}" {same_as} {mark}' for name in columns)
    names = ("id", "display_name", *columns)
    sql = f"{clause} AND NOT ({same})"
    now = raw_rows.read(session, "influencer", names, sql, [*params, *values])
    theirs: dict[int, dict[str, object]] = {}
    kept = Kept()
    for row in now:
        found = dict(zip(names, row, strict=True))
        writer = found.get("changed_by")
        if me is not None and writer == me:
            continue  # the user's own later change: undone as it always was
        moved = [
            name
            for name, value in zip(columns, values, strict=True)
            if name not in SIGNATURE and found[name] != value
        ]
        if moved:
            kept.by.setdefault(str(writer or "someone else"), []).append(
                f"“{found['display_name']}”"
            )
            kept.ids.add(int(found["id"]))
        else:
            theirs[int(found["id"])] = found
    names, rows = saved
    if kept.ids:
        rows = tuple(row for row in rows if row[0] not in kept.ids)
        if not rows:
            raise ChangedSinceStep(refusal(kept.by, doing))
    if theirs:
        names, rows = _keeping_signatures((names, rows), theirs)
    return (names, rows), kept


def _keeping_signatures(
    saved: tuple[tuple[str, ...], tuple[tuple, ...]], theirs: dict[int, dict[str, object]]
) -> tuple[tuple[str, ...], tuple[tuple, ...]]:
    """`saved` with the update time and signer of the rows in `theirs` as they are now."""
    names, rows = saved
    kept = [n for n, name in enumerate(names) if name in SIGNATURE]
    out = []
    for row in rows:
        now = theirs.get(row[0])
        if now is not None:
            row = tuple(now[names[n]] if n in kept else value for n, value in enumerate(row))
        out.append(row)
    return names, tuple(out)


def refusal(refused: dict[str, list[str]], doing: str) -> str:
    """Why nothing was undone (or redone): everyone in the step was changed by others since,
    “Ana changed “Lena” and “Sam” again after this step, so undoing it would write over…”."""
    said = "; ".join(
        f"{who if who != 'someone else' else 'Someone'} changed {_listed(people)}"
        for who, people in refused.items()
    )
    one = sum(len(people) for people in refused.values()) == 1
    return (
        f"{said} again after this step, so {doing} it would write over their work. Nothing "
        f"was changed, and the step stays in {menu_of(doing)}: open "
        f"{'the person' if one else 'them'} to see what was done, and change it there if it "
        "should be different."
    )


def _listed(people: Sequence[str]) -> str:
    shown = list(people[:NAMES_SHOWN])
    more = len(people) - len(shown)
    if more:
        return ", ".join(shown) + f" and {more:,} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


__all__ = ["Kept", "checked", "refusal"]
