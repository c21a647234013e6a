"""A stage renamed or archived in Edit › Stages… is a step of Edit › Undo named after it:
Ctrl+Z puts the board's columns and the dialog's list back, Ctrl+Shift+Z does it again."""

from __future__ import annotations

from infcrm.db.engine import Database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.dialogs.stages_dialog import StagesDialog
from infcrm.ui.main_window import MainWindow
from tests.undo_screen import redo, undo


def _board(window: MainWindow) -> list[str]:
    board = window.views["pipeline"]
    return [column.stage.name for column in board.columns.values()]


def _choose(dialog: StagesDialog, name: str) -> None:
    row = next(r for r, s in enumerate(dialog.active_stages()) if s.name == name)
    dialog.stage_list.setCurrentRow(row)


def test_a_renamed_and_an_archived_stage_come_back_with_ctrl_z(
    qtbot, open_window, db: Database
) -> None:
    talks = next(s.id for s in influencers.stages(db) if s.name == "In talks")
    ana = influencers.create(db, InfluencerInput(display_name="Ana Ruiz", stage_id=talks))
    window = open_window(db, "pipeline")
    qtbot.waitUntil(lambda: "In talks" in _board(window))
    dialog = StagesDialog(db, window)
    qtbot.addWidget(dialog)
    _choose(dialog, "In talks")
    dialog.name_edit.setText("Negotiating")
    dialog.rename_button.click()
    assert window.undo_stack.undoText() == "renaming of the stage “In talks” to “Negotiating”"
    _choose(dialog, "Negotiating")
    dialog.move_to.setCurrentIndex(dialog.move_to.findText("Contacted"))
    dialog.archive_button.click()
    assert window.undo_stack.undoText() == "archiving of the stage “Negotiating”"
    dialog.close()
    qtbot.waitUntil(lambda: "Negotiating" not in _board(window))

    undo(qtbot, window)

    qtbot.waitUntil(lambda: "Negotiating" in _board(window))
    assert influencers.get(db, ana).stage_id == talks  # Ana is back in it
    undo(qtbot, window)
    qtbot.waitUntil(lambda: "In talks" in _board(window))
    redo(qtbot, window)
    qtbot.waitUntil(lambda: "Negotiating" in _board(window))
