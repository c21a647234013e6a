"""Undoable influencer actions: trash and restore, merging duplicates, “not a duplicate”."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtGui import QUndoCommand

from infcrm.db.engine import Database
from infcrm.services.people import duplicates, influencers, merge
from infcrm.services.people.duplicate_types import MergeResult, MergeUndo
from infcrm.ui.events import events


def people(count: int, name: str | None = None) -> str:
    """“Ana Ruiz” for one named person, “3 influencers” otherwise."""
    if count == 1 and name:
        return f"“{name}”"
    return f"{count:,} influencer" + ("" if count == 1 else "s")


class TrashCommand(QUndoCommand):
    """Move influencers to the trash; undo brings them back."""

    def __init__(self, db: Database, ids: Sequence[int], name: str | None = None) -> None:
        super().__init__(f"Move {people(len(ids), name)} to the trash")
        self._db = db
        self._ids = list(ids)

    def redo(self) -> None:
        """Trash them (again)."""
        influencers.trash(self._db, self._ids)
        events.influencers_changed.emit(self._ids)

    def undo(self) -> None:
        """Bring them back from the trash."""
        influencers.restore(self._db, self._ids)
        events.influencers_changed.emit(self._ids)


class RestoreCommand(QUndoCommand):
    """Bring influencers back from the trash; undo puts them back in it."""

    def __init__(self, db: Database, ids: Sequence[int], name: str | None = None) -> None:
        super().__init__(f"Restore {people(len(ids), name)}")
        self._db = db
        self._ids = list(ids)

    def redo(self) -> None:
        """Restore them (again)."""
        influencers.restore(self._db, self._ids)
        events.influencers_changed.emit(self._ids)

    def undo(self) -> None:
        """Put them back in the trash."""
        influencers.trash(self._db, self._ids)
        events.influencers_changed.emit(self._ids)


def _everything_changed(ids: list[int]) -> None:
    """A merge touches a person's accounts, outreach, follow-ups and deals: say so to all."""
    events.influencers_changed.emit(ids)
    events.interactions_changed.emit(ids)
    events.follow_ups_changed.emit()
    events.campaigns_changed.emit([])
    events.duplicates_changed.emit()


class MergeCommand(QUndoCommand):
    """A merge already made (so a refusal is shown before anything is on the stack); undo
    brings both people back exactly as they were, redo merges them again."""

    def __init__(
        self,
        db: Database,
        done: MergeResult,
        choices: Mapping[str, str],
        names: tuple[str, str],
    ) -> None:
        super().__init__(f"Merge “{names[1]}” into “{names[0]}”")
        self._db = db
        self._ids = (done.keep_id, done.other_id)
        self._choices = dict(choices)
        self._undo: MergeUndo | None = done.undo
        self._first = True

    def redo(self) -> None:
        """Merge again (the first call, made by the stack on push, only announces it)."""
        if not self._first:
            self._undo = merge.merge(self._db, *self._ids, self._choices).undo
        self._first = False
        _everything_changed(list(self._ids))

    def undo(self) -> None:
        """Take the merge back."""
        if self._undo is not None:
            merge.undo_merge(self._db, self._undo)
            self._undo = None
        _everything_changed(list(self._ids))


class NotDuplicateCommand(QUndoCommand):
    """Remember that two people are different; undo offers them as duplicates again."""

    def __init__(self, db: Database, ids: tuple[int, int], names: tuple[str, str]) -> None:
        super().__init__(f"Mark “{names[0]}” and “{names[1]}” as different people")
        self._db = db
        self._ids = ids

    def redo(self) -> None:
        """Remember the answer."""
        duplicates.mark_not_duplicate(self._db, *self._ids)
        events.duplicates_changed.emit()

    def undo(self) -> None:
        """Forget the answer."""
        duplicates.unmark_not_duplicate(self._db, *self._ids)
        events.duplicates_changed.emit()


__all__ = ["MergeCommand", "NotDuplicateCommand", "RestoreCommand", "TrashCommand", "people"]
