"""A stage the import wizard adds for a status in the file (“New stage …”) goes with the
import: Ctrl+Z takes back the people and the stage, Ctrl+Shift+Z brings both back. Closing the
wizard without importing leaves the stage as a step of its own."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.dialogs.import_wizard import PAGE_DONE, PAGE_SUMMARY, ImportWizard
from infcrm.ui.main_window import MainWindow
from tests.table_dump import everything
from tests.undo_screen import redo, undo


def _board(window: MainWindow) -> list[str]:
    return [column.stage.name for column in window.views["pipeline"].columns.values()]


def _wizard_at_summary(qtbot, window: MainWindow, tmp_path: Path) -> ImportWizard:
    path = tmp_path / "tracker.csv"
    path.write_text("Name,Status\nAnna,Maybe later\nBen,Maybe later\nCy,Contacted\n", "utf-8")
    wizard = ImportWizard(window.db, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    for _ in range(4):
        wizard.next()
    assert wizard.currentId() == PAGE_SUMMARY
    combo = wizard.pages[PAGE_SUMMARY].stage_combos["Maybe later"]
    combo.setCurrentIndex(combo.findText("New stage “Maybe later”"))
    combo.activated.emit(combo.currentIndex())
    return wizard


def test_the_stage_added_for_an_import_is_undone_and_redone_with_it(
    qtbot, open_window, db: Database, tmp_path: Path
) -> None:
    window = open_window(db, "pipeline")
    before = everything(db)
    wizard = _wizard_at_summary(qtbot, window, tmp_path)
    wizard.next()  # Import
    assert wizard.currentId() == PAGE_DONE
    wizard.accept()
    assert window.undo_stack.count() == 1  # the people and their new stage: one step
    assert window.undo_stack.undoText() == "import of 3 people from “tracker.csv”"
    qtbot.waitUntil(lambda: "Maybe later" in _board(window))
    after = everything(db)

    undo(qtbot, window)

    assert everything(db) == before
    assert "Maybe later" not in [s.name for s in influencers.stages(db)]
    qtbot.waitUntil(lambda: "Maybe later" not in _board(window))

    redo(qtbot, window)

    assert everything(db) == after
    qtbot.waitUntil(lambda: "Maybe later" in _board(window))
    ben = influencer_list.list_ids(db, ListQuery(search="Ben"))
    assert influencers.get(db, ben[0]).stage_name == "Maybe later"


def test_a_stage_added_in_a_wizard_closed_unimported_is_its_own_step(
    qtbot, open_window, db: Database, tmp_path: Path
) -> None:
    window = open_window(db, "pipeline")
    before = everything(db)
    wizard = _wizard_at_summary(qtbot, window, tmp_path)
    wizard.reject()
    assert window.undo_stack.undoText() == "new stage “Maybe later”"
    qtbot.waitUntil(lambda: "Maybe later" in _board(window))

    undo(qtbot, window)

    assert everything(db) == before
    qtbot.waitUntil(lambda: "Maybe later" not in _board(window))
