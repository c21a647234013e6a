"""The one undo stack and its commands: trash and restore, merges, “not a duplicate”, and every
change a service made with a restore point (bulk edits, drags on the board, tags, follow-ups…).

The main window owns the stack (`use_stack`); any screen or dialog pushes onto it with `push`,
so Edit › Undo names the last change wherever it was made.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from infcrm.db.engine import Database
from infcrm.services.changes import Changes
from infcrm.services.people.duplicate_types import MergeResult, MergeUndo
from infcrm.ui.operations import announce

if TYPE_CHECKING:
    from infcrm.services.restore_points import RestorePoint, Undoable

# The services (and the database layer under them) are imported by the commands that run
# them: the window takes this module's stack before its first paint, and the database layer
# loads after it.

_stack: weakref.ref[QUndoStack] | None = None


def use_stack(stack: QUndoStack) -> None:
    """Make `stack` the app's one undo stack (the window that shows the open file owns it)."""
    global _stack
    _stack = weakref.ref(stack)


def release_stack(stack: QUndoStack) -> None:
    """The window owning `stack` is closing: changes made after this are not its to undo."""
    global _stack
    if _stack is not None and _stack() is stack:
        _stack = None


def undo_stack() -> QUndoStack | None:
    """The app's undo stack, if a window is open (a closed window's stack is gone)."""
    stack = _stack() if _stack is not None else None
    return stack if stack is not None and shiboken6.isValid(stack) else None


def push(command: QUndoCommand) -> None:
    """Put a change on the undo stack (without a window, as in some tests, just do it)."""
    stack = undo_stack()
    if stack is None:
        command.redo()
    else:
        stack.push(command)


# "Undo" or "Redo" while the stack announces rows it put back: an open form hearing the change
# then knows it was the user's own step, whatever name the rows were put back with.
_putting_back: list[str] = []


def putting_back() -> str | None:
    """ "Undo" or "Redo" while the app's own undo or redo announces what it changed."""
    return _putting_back[-1] if _putting_back else None


@contextmanager
def _announcing(doing: str) -> Iterator[None]:
    _putting_back.append(doing)
    try:
        yield
    finally:
        _putting_back.pop()


class UndoStack(QUndoStack):
    """The window's undo stack. A step that may be refused (a teammate saved over its rows
    since, services/people/undo_guard.py) is tried first: when refused, the reason is shown and the
    step stays where it was — Undo still offers it — instead of the stack moving past a
    change that did not happen. Edit › Undo and Redo call these (see `stack_actions`)."""

    def undo(self) -> None:
        """Undo the step before the current index, unless it is refused; then say what it
        left as teammates made it, if anything (`ChangeCommand.note`)."""
        index = self.index() - 1
        if self._tried(index, "undoing"):
            with _announcing("Undo"):
                super().undo()
            _tell_note(self.parent(), self.command(index) if index >= 0 else None, "Undo")

    redoing = False  # true while Redo runs a step (the window then says "Redone: …")

    def redo(self) -> None:
        """Redo the step at the current index, unless it is refused; then say what it left
        as teammates made it, if anything, as `undo` does."""
        index = self.index()
        if self._tried(index, "redoing"):
            self.redoing = True
            try:
                with _announcing("Redo"):
                    super().redo()
            finally:
                self.redoing = False
            _tell_note(self.parent(), self.command(index) if index < self.count() else None, "Redo")

    def _tried(self, index: int, doing: str) -> bool:
        command = self.command(index) if 0 <= index < self.count() else None
        attempt = getattr(command, "attempt", None)  # a ChangeCommand, an import's step
        if attempt is None:
            return True
        refusal = attempt(doing)
        if refusal is None:
            return True
        parent = self.parent()
        title = "Undo" if doing == "undoing" else "Redo"
        QMessageBox.warning(parent if isinstance(parent, QWidget) else None, title, refusal)
        return False


def _tell_note(parent: object, command: QUndoCommand | None, title: str) -> None:
    """Show what an undo or redo left as teammates made it (“Undone for 98 people; “Lena”
    was changed by Ana after your edit…”, “Redone for…”), beside the refusals, in a message
    box of its own."""
    note = getattr(command, "note", "")
    if note:
        QMessageBox.information(parent if isinstance(parent, QWidget) else None, title, note)


def stack_actions(stack: QUndoStack, parent: QWidget) -> tuple:
    """Edit › Undo and Redo for `stack`: Qt's own actions (their text follows the stack), but
    triggered through the stack's Python `undo`/`redo`, which may refuse a step."""
    undo = stack.createUndoAction(parent, "&Undo")
    redo = stack.createRedoAction(parent, "&Redo")
    for action, run in ((undo, stack.undo), (redo, stack.redo)):
        action.triggered.disconnect()  # Qt's connection calls the C++ slot, past the check
        action.triggered.connect(lambda _checked=False, run=run: run())
    return undo, redo


class ChangeCommand(QUndoCommand):
    """A change a service has already made (so a refusal never reaches the stack), held as the
    restore point(s) that take it back — several when it was made one record at a time.
    Undo and redo each swap the rows back in one transaction; `announce` tells the screens.
    A swap refused because someone else changed the rows since writes nothing (`attempt`)."""

    def __init__(
        self,
        db: Database,
        title: str,
        points: RestorePoint | Sequence[RestorePoint],
        announce: Callable[[], None],
        *,
        announced: bool = False,
    ) -> None:
        super().__init__(title)
        self._db = db
        from infcrm.services.restore_points import RestorePoint

        self._points = [points] if isinstance(points, RestorePoint) else list(points)
        self._announce = announce
        self._first = True
        self._announced = announced  # the change was already told to the screens
        self._swapped = False  # `attempt` has already put the rows back
        # What the last undo or redo left as teammates made it, in words, or "" (restore_points).
        self.note = ""

    def attempt(self, doing: str) -> str | None:
        """Put the rows back now (the stack's undo or redo then only moves and announces);
        the reason, in words, when that was refused and nothing was written."""
        if self._first:  # the push's own redo: nothing to put back
            return None
        from infcrm.services.errors import ChangedSinceStep

        try:
            self._points = _restore_all(self._db, self._points, doing)
        except ChangedSinceStep as refused:
            return str(refused)
        self.note = " ".join(point.note for point in self._points if point.note)
        self._swapped = True
        return None

    def _swap(self, doing: str) -> None:
        swapped, self._swapped = self._swapped, False
        if not swapped:
            refusal = self.attempt(doing)  # moved by other means than Edit › Undo or Redo
            self._swapped = False
            if refusal is not None:
                QMessageBox.warning(None, "Undo" if doing == "undoing" else "Redo", refusal)
            else:
                _tell_note(None, self, "Undo" if doing == "undoing" else "Redo")

    def redo(self) -> None:
        """Do the change again (the first call, made by the stack on push, only announces)."""
        first, self._first = self._first, False
        if not first:
            self._swap("redoing")
        if not (first and self._announced):
            self._announce()

    def undo(self) -> None:
        """Put back every row the change touched."""
        self._swap("undoing")
        self._announce()


def remember(
    db: Database,
    title: str,
    done: Undoable | Sequence[Undoable],
    dialog: QWidget | None = None,
) -> None:
    """Put a change a service already made and announced on the stack as “Undo TITLE” (or
    several made one after another, as one step); each undo or redo tells the screens what it
    changed again, and `dialog`, while still open, shows the rows as they are now (its
    `reload()`)."""
    me = weakref.ref(dialog) if dialog is not None else None
    steps = list(done) if isinstance(done, Sequence) else [done]
    changes = steps[0].changes
    for later in steps[1:]:
        changes |= later.changes

    def tell() -> None:
        announce(changes)
        shown = me() if me is not None else None
        if shown is not None and shiboken6.isValid(shown) and shown.isVisible():
            shown.reload()  # type: ignore[attr-defined]

    push(ChangeCommand(db, title, [step.undo for step in steps], tell, announced=True))


def people(count: int, name: str | None = None) -> str:
    """“Ana Ruiz” for one named person, “3 influencers” otherwise."""
    if count == 1 and name:
        return f"“{name}”"
    return f"{count:,} influencer" + ("" if count == 1 else "s")


def _restore_all(
    db: Database, points: list[RestorePoint], doing: str = "undoing"
) -> list[RestorePoint]:
    from infcrm.services.restore_points import restore_all

    return restore_all(db, points, doing)


def _trash(db: Database, ids: list[int], *, back: bool = False) -> None:
    """Move `ids` to the trash, or `back` out of it."""
    from infcrm.services.people import influencers

    (influencers.restore if back else influencers.trash)(db, ids)


class TrashCommand(QUndoCommand):
    """Move influencers to the trash; undo brings them back."""

    def __init__(self, db: Database, ids: Sequence[int], name: str | None = None) -> None:
        super().__init__(f"move of {people(len(ids), name)} to the trash")
        self._db = db
        self._ids = list(ids)

    def redo(self) -> None:
        """Trash them (again)."""
        _trash(self._db, self._ids)
        announce(Changes(people=tuple(self._ids)))

    def undo(self) -> None:
        """Bring them back from the trash."""
        _trash(self._db, self._ids, back=True)
        announce(Changes(people=tuple(self._ids)))


class RestoreCommand(QUndoCommand):
    """Bring influencers back from the trash; undo puts them back in it."""

    def __init__(self, db: Database, ids: Sequence[int], name: str | None = None) -> None:
        super().__init__(f"restore of {people(len(ids), name)} from the trash")
        self._db = db
        self._ids = list(ids)

    def redo(self) -> None:
        """Restore them (again)."""
        _trash(self._db, self._ids, back=True)
        announce(Changes(people=tuple(self._ids)))

    def undo(self) -> None:
        """Put them back in the trash."""
        _trash(self._db, self._ids)
        announce(Changes(people=tuple(self._ids)))


def _everything_changed(ids: list[int]) -> None:
    """A merge touches a person's accounts, outreach, follow-ups and deals: say so to all."""
    people = tuple(ids)
    announce(
        Changes(people=people, outreach=people, follow_ups=True, campaigns=(), duplicates=True)
    )


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
        super().__init__(f"merge of “{names[1]}” into “{names[0]}”")
        self._db = db
        self._ids = (done.keep_id, done.other_id)
        self._choices = dict(choices)
        self._undo: MergeUndo | None = done.undo
        self._first = True

    def redo(self) -> None:
        """Merge again (the first call, made by the stack on push, only announces it)."""
        from infcrm.services.people import merge

        if not self._first:
            self._undo = merge.merge(self._db, *self._ids, self._choices).undo
        self._first = False
        _everything_changed(list(self._ids))

    def undo(self) -> None:
        """Take the merge back."""
        from infcrm.services.people import merge

        if self._undo is not None:
            merge.undo_merge(self._db, self._undo)
            self._undo = None
        _everything_changed(list(self._ids))


class NotDuplicateCommand(QUndoCommand):
    """Remember that two people are different; undo offers them as duplicates again."""

    def __init__(self, db: Database, ids: tuple[int, int], names: tuple[str, str]) -> None:
        super().__init__(f"marking of “{names[0]}” and “{names[1]}” as different people")
        self._db = db
        self._ids = ids

    def redo(self) -> None:
        """Remember the answer."""
        from infcrm.services.people import duplicates

        duplicates.mark_not_duplicate(self._db, *self._ids)
        announce(Changes(duplicates=True))

    def undo(self) -> None:
        """Forget the answer."""
        from infcrm.services.people import duplicates

        duplicates.unmark_not_duplicate(self._db, *self._ids)
        announce(Changes(duplicates=True))


__all__ = [
    "ChangeCommand",
    "MergeCommand",
    "NotDuplicateCommand",
    "RestoreCommand",
    "TrashCommand",
    "UndoStack",
    "people",
    "push",
    "putting_back",
    "release_stack",
    "remember",
    "stack_actions",
    "undo_stack",
    "use_stack",
]
