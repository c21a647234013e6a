"""Imports on the one undo stack: Edit › Undo takes an import back (“Undo import of 1,234
people from “fair.csv””), Edit › Redo puts it back exactly.

The first undo is the import history's own (services/exchange/import_undo.py), which hands
back the restore point that redoes it; from then on undo and redo swap restore points. The
stages the wizard added for the import go with it (each unless someone is still in it).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoCommand

from infcrm.db.engine import Database
from infcrm.services.changes import Changes
from infcrm.services.errors import ChangedSinceStep, NothingToUndo
from infcrm.services.exchange.import_history import UndoResult
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.outreach import stage_edits
from infcrm.services.restore_points import RestorePoint, restore, restore_all
from infcrm.ui import undo_commands
from infcrm.ui.operations import announce


class ImportCommand(QUndoCommand):
    """An import already written (the import announced it); undo removes it, redo brings it
    back with the same rows and ids."""

    def __init__(
        self,
        db: Database,
        batch_id: int,
        title: str,
        changes: Changes,
        stages: Sequence[tuple[int, RestorePoint]] = (),
    ) -> None:
        super().__init__(title)
        self.batch_id = batch_id
        self._db = db
        self._changes = changes | Changes(stages=True) if stages else changes
        # Stages added for this import (id, what removes it): its undo removes those no one
        # uses any more, its redo brings those back first.
        self._stages = list(stages)
        self._stages_back: list[tuple[int, RestorePoint]] = []
        self._first = True
        self._redo: RestorePoint | None = None  # set once undone
        self._undo: RestorePoint | None = None  # set once redone
        self.result: UndoResult | None = None  # what the first undo did
        # Set when `attempt` already undid or redid it: the stack's call then only announces.
        self._attempted = False
        self._announced = False

    def attempt(self, doing: str) -> str | None:
        """Undo (`doing` “undoing”) or redo the import now, before the stack moves
        (undo_commands.UndoStack): the reason, in words, when a teammate's edit since refuses
        it and nothing was written."""
        if self._first:  # the push's own redo: nothing to put back
            return None
        try:
            self._announced = self._take_back() if doing == "undoing" else self._put_back()
        except ChangedSinceStep as refused:
            return str(refused)
        self._attempted = True
        return None

    def redo(self) -> None:
        """Put the import back (the first call, made by the stack on push, does nothing)."""
        if self._first:
            self._first = False
            return
        done = self._announced if self._attempted else self._put_back()
        self._attempted = False
        if done:
            announce(self._changes)

    def undo(self) -> None:
        """Take the import back."""
        done = self._announced if self._attempted else self._take_back()
        self._attempted = False
        if done:
            announce(self._changes)

    def _put_back(self) -> bool:
        """Redo; whether anything was put back. ChangedSinceStep when a teammate edited one of
        its people since the undo: then nothing stays changed."""
        if self._redo is None:
            return False
        with _busy():
            if self._stages_back:
                ids = [stage_id for stage_id, _point in self._stages_back]
                points = restore_all(self._db, [point for _id, point in self._stages_back])
                self._stages, self._stages_back = list(zip(ids, points, strict=True)), []
            try:
                self._undo = restore(self._db, self._redo, "redoing")
            except ChangedSinceStep:
                if self._stages:  # the stages brought back for it go again
                    self._stages_back = stage_edits.take_back_unused(self._db, self._stages)
                    self._stages = []
                raise
        return True

    def _take_back(self) -> bool:
        """Undo; whether the import's own rows were taken back (not when Edit › Undo last
        import… had done it already)."""
        with _busy():
            if self._undo is not None:
                self._redo = restore(self._db, self._undo)
            else:
                try:
                    self.result, self._redo = undo_import(self._db, self.batch_id)
                except NothingToUndo:  # undone already with Edit › Undo last import…
                    self.setObsolete(True)
                    if self._stages:  # its stages still go, as they would have with it
                        stage_edits.take_back_unused(self._db, self._stages)
                        announce(Changes(stages=True))
                    return False
            if self._stages:
                self._stages_back = stage_edits.take_back_unused(self._db, self._stages)
                self._stages = []
        return True


class _busy:
    """The wait cursor while a large import is taken back or put back."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


def push_import(
    db: Database,
    batch_id: int | None,
    what: str,
    file_name: str,
    changes: Changes,
    stages: Sequence[tuple[int, RestorePoint]] = (),
):
    """Put an import just written on the undo stack as “import of WHAT from “FILE””, with
    the stages added for it (id, what removes it)."""
    if batch_id is not None:
        title = f"import of {what} from “{file_name}”"
        undo_commands.push(ImportCommand(db, batch_id, title, changes, stages))


def people_import_title(created: int, updated: int) -> str:
    """“1,234 people”: everyone the import added or changed."""
    return _people(created + updated)


def top_import(batch_id: int) -> ImportCommand | None:
    """The import's step of Edit › Undo when it is the newest step, else None (imported
    before this run, or followed by other changes)."""
    stack = undo_commands.undo_stack()
    if stack is None or stack.index() == 0:
        return None
    top = stack.command(stack.index() - 1)
    return top if isinstance(top, ImportCommand) and top.batch_id == batch_id else None


__all__ = ["ImportCommand", "people_import_title", "push_import", "top_import"]
