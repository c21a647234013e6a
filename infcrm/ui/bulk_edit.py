"""Running a bulk edit: in the background with Cancel, asking about rule breaks, then one step
on the undo stack and a summary in the status bar."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from infcrm.db.engine import Database
from infcrm.services.changes import Changes
from infcrm.services.people import bulk
from infcrm.services.people.bulk_types import BulkRefused, BulkResult, people_count
from infcrm.ui import operations, undo_commands
from infcrm.ui.dialogs.bulk_edit_dialog import (
    CAMPAIGNS,
    FOLLOW_UPS,
    INFLUENCERS,
    OUTREACH,
    PIPELINE,
    BulkAction,
    BulkEditDialog,
)
from infcrm.ui.dialogs.chosen_versions import ChosenVersions


def status(parent: QWidget, text: str) -> None:
    """Say `text` in the window's status bar."""
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10_000)


def ask_to_skip(parent: QWidget, refused: BulkRefused) -> bool:
    """Show who breaks which rule; True when the user chose to change everyone else."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Some people cannot be changed" if refused.affected else "Edit people")
    box.setText("\n".join(p.sentence() for p in refused.problems))
    # Nobody named: the change itself cannot be made (no tag written), so only OK.
    cancel = box.addButton(
        QMessageBox.StandardButton.Cancel if refused.affected else QMessageBox.StandardButton.Ok
    )
    skip = None
    if refused.can_skip:
        left = refused.total - refused.affected
        box.setInformativeText(
            f"Nothing has been changed. Skip those {people_count(refused.affected)} and change "
            f"the other {left:,}?"
        )
        skip = box.addButton("Skip those", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("Nothing has been changed.")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return skip is not None and box.clickedButton() is skip


def announce(action: BulkAction, ids: Sequence[int]) -> None:
    """Tell the screens what the change (or its undo) touched, through the one place that
    emits the app-wide signals."""
    people = tuple(ids)
    kinds = action.changes
    operations.announce(
        Changes(
            people=people if INFLUENCERS in kinds else None,
            pipeline=people if PIPELINE in kinds else None,
            outreach=people if OUTREACH in kinds else None,
            follow_ups=FOLLOW_UPS in kinds,
            campaigns=((action.campaign_id,) if action.campaign_id else ())
            if CAMPAIGNS in kinds
            else None,
        )
    )


def _run(
    action: BulkAction, db: Database, people: list[int], skip: bool, progress: object
) -> BulkResult:
    return action.run(db, people, skip, progress)


def run_bulk(
    parent: QWidget, db: Database, action: BulkAction, ids: Sequence[int]
) -> BulkResult | None:
    """Run `action` on `ids` (asking about rule breaks) and put it on the undo stack."""
    people = list(ids)
    skip = False
    while True:
        try:
            outcome = operations.run_in_background(
                parent,
                "Edit people",
                partial(_run, action, db, people, skip),
                label=f"Changing {people_count(len(people))}…",
            )
        except BulkRefused as refused:  # not for operations: the user may skip those people
            if skip or not ask_to_skip(parent, refused):
                status(parent, "Nobody was changed.")
                return None
            skip = True
            continue
        if outcome.cancelled:
            status(parent, "Cancelled: nobody was changed.")
        if not outcome.ok:
            return None
        result: BulkResult = outcome.value  # type: ignore[assignment]
        break
    touched = result.changed

    def tell() -> None:
        announce(action, touched)

    undo_commands.push(undo_commands.ChangeCommand(db, result.title, result.undo, tell))
    status(parent, f"{result.summary} Undo: Ctrl+Z.")
    return result


def edit_people(
    parent: QWidget,
    db: Database,
    selected: Sequence[int],
    listed: Sequence[int] | None = None,
    *,
    action: str | None = None,
) -> BulkResult | None:
    """“Edit N people…”: ask for the change, then run it on the selection or the whole list."""
    if not selected and not listed:
        status(parent, "Select the people to edit first (Ctrl+A selects the whole list).")
        return None
    dialog = BulkEditDialog(
        db,
        len(selected),
        len(listed) if listed is not None else None,
        parent,
        action=action,
        everyone=not selected,
    )
    # Their versions now, when the user chooses them, read in the background while the
    # dialog is open: the edit names whoever is changed elsewhere before it is applied (it
    # is made all the same; see docs/ARCHITECTURE.md).
    versions = ChosenVersions(db, list({*selected, *(listed or ())}), dialog)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = list(listed or []) if dialog.everyone_in_list() else list(selected)
    return run_bulk(parent, db, dialog.chosen_action(versions.seen()), chosen)


def move_people(
    db: Database, ids: Sequence[int], stage_id: int, where: QObject | None = None
) -> str | None:
    """A drag on the board (or Move to ▸): one undoable step, said in the status bar of the
    window `where` sits in, with the way back; an error sentence, or None."""
    action = BulkAction(
        lambda d, i, s, p: bulk.set_stage(d, i, stage_id, skip_problems=s, progress=p),
        frozenset({INFLUENCERS, PIPELINE, OUTREACH}),
    )
    try:
        result = action.run(db, list(ids), False, None)
    except BulkRefused as refused:
        return refused.problems[0].reason + "."
    if result.changed:
        changed = result.changed
        undo_commands.push(
            undo_commands.ChangeCommand(
                db, result.title, result.undo, lambda: announce(action, changed)
            )
        )
        if isinstance(where, QWidget):
            status(where, f"{result.summary.removesuffix('.')} — Undo (Ctrl+Z)")
    return None


__all__ = ["announce", "ask_to_skip", "edit_people", "move_people", "run_bulk", "status"]
