"""The redo of an undone import, checked against a teammate's edit made since the undo.

The redo puts back, whole, the people the import added and the columns it wrote on those it
updated, as they were just before the undo. Ana may have edited one of them meanwhile: a
person the import updated, or one it added that the undo kept because she had worked on them.
The redo point therefore knows the version each of those people was left at by the undo
(`undo_guard`, like every guarded step), and redoing refuses, naming who changed whom, once a
teammate has saved one of them since. The point's own parts reach the added people through
their foreign keys, which name no ids, so the point keeps every person of the import by id
(`RestorePoint.people`): each later undo and redo of it follows them all, added and updated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy.orm import Session

from infcrm.services.people import undo_guard
from infcrm.services.restore_points import RestorePoint, Rows


def guarded_redo(session: Session, redo: RestorePoint, people: Iterable[int]) -> RestorePoint:
    """`redo`, knowing the versions `people` hold now (read right after the undo wrote); those
    the undo removed hold none, and nobody can edit them until the redo brings them back."""
    ids = tuple(dict.fromkeys(people))
    left = undo_guard.left_now(session, [Rows("influencer", "id", ids)]) if ids else ()
    undo_guard.watch(session, left)
    return replace(redo, left=left, people=ids)


__all__ = ["guarded_redo"]
