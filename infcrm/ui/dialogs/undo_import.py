"""Edit › Undo last import: confirm, remove what the import added, restore what it changed."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from infcrm.db.engine import Database
from infcrm.domain.dates import moment_text
from infcrm.services.exchange import import_history
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.restore_points import Undoable
from infcrm.ui import operations
from infcrm.ui.import_undo import top_import
from infcrm.ui.question_box import ask_yes
from infcrm.ui.undo_commands import remember, undo_stack


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


def undo_question(record: import_history.ImportRecord) -> str:
    """What undoing `record` does, in the user's own time and without "the 0 it changed"."""
    stamp = record.imported_at
    local = (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone()
    what = []
    if record.created:
        what.append(f"removes the {_people(record.created)} it added")
    if record.updated:
        what.append(f"puts back the {_people(record.updated)} it changed as they were before")
    if record.orders:
        what.append(f"removes the {record.orders:,} shop orders it added from the reports")
    does = " and ".join(what) if what else "changes nobody: it added and changed no one"
    return f"Undo the import of “{record.file_name}” ({moment_text(local)})?\n\nIt {does}."


def undo_last_import(parent: QWidget, db: Database) -> import_history.UndoResult | None:
    """Ask, then undo the newest import; returns what was undone, or None."""
    record = import_history.last_import(db)
    if record is None:
        QMessageBox.information(parent, "Undo last import", "There is no import to undo.")
        return None
    question = undo_question(record)
    if not ask_yes(parent, "Undo last import", question):
        return None
    step = top_import(record.id)
    back = ""
    if step is not None:  # the newest step of Edit › Undo: undone there, so Redo can redo it
        step_stack = undo_stack()
        assert step_stack is not None
        step_stack.undo()
        result = step.result
    else:
        # Changes made since sit above it on Edit › Undo (or it came before this run), so
        # Redo cannot reach it: taking it back is a step of its own, which Undo reverses.
        result = _run(parent, db, record.id, keep_edited=False)
        if isinstance(result, import_history.EditedSinceImport):
            if not ask_yes(parent, "Some people were edited since", str(result)):
                return None
            result = _run(parent, db, record.id, keep_edited=True)
        if isinstance(result, Undoable):
            remember(db, f"taking back the import of “{record.file_name}”", result)
            result = result.value
            back = " Edit › Undo (Ctrl+Z) brings it back."
    if not isinstance(result, import_history.UndoResult):
        return None  # refused; the operation said why
    message = (
        f"Undid the import of “{result.file_name}”: removed {result.removed:,}, "
        f"restored {result.restored:,}"
        + (f", {result.orders:,} orders" if result.orders else "")
        + (f", kept {result.kept:,} edited since." if result.kept else ".")
        + back
    )
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(message, 8000)
    return result


def _run(
    parent: QWidget, db: Database, batch_id: int, *, keep_edited: bool
) -> Undoable | import_history.EditedSinceImport | None:
    """Undo in the background, keeping what redoes it; people edited since come back as a
    question to ask."""

    def job(_progress: object) -> object:
        try:
            done, redo = undo_import(db, batch_id, keep_edited=keep_edited)
        except import_history.EditedSinceImport as edited:
            return edited  # not an error: the user chooses
        return Undoable(done, done.changes, redo)

    # One transaction that can delete many thousands of rows: kept off the UI thread.
    outcome = operations.run_in_background(
        parent,
        "Undo last import",
        job,
        label="Undoing the import…",
        cancellable=False,
    )
    return outcome.value
