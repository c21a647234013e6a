"""Undoable influencer actions: moving to the trash and restoring from it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from infcrm.db.engine import Database
from infcrm.services import influencers
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


__all__ = ["RestoreCommand", "TrashCommand", "people"]
