"""File › Export…: the dialog on a real database, the files it writes read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

from infcrm.db.engine import Database
from infcrm.files.export_sheets import SHEET_TITLES
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.dialogs.export_dialog import CSV_FILTER, ExportDialog


def _names(path: Path) -> list[str]:
    sheet = load_workbook(path)["Influencers"]
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


def _expected_names(db: Database, query: ListQuery) -> list[str]:
    ids = influencer_list.list_ids(db, query)
    rows = influencer_list.rows(db, ids)
    return [rows[i].display_name for i in ids]


@pytest.fixture
def dialog(qtbot, demo_db: Database) -> ExportDialog:
    """The dialog as the Influencers screen opens it with a “Micro” filter and two columns."""
    widget = ExportDialog(demo_db, ListQuery(tier="micro"), ["name", "followers"])
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_file_menu_offers_export_with_ctrl_e(main_window) -> None:
    action = next(a for a in main_window.menus["file"].actions() if a.text() == "&Export…")
    assert action.shortcut() == QKeySequence("Ctrl+E")
    assert "Excel" in action.toolTip()


def test_export_from_the_menu_saves_what_the_list_shows(
    main_window, qtbot, demo_db: Database, tmp_path: Path
) -> None:
    view = main_window.views["influencers"]
    view.search.setText("yoga")
    target = tmp_path / "yoga.xlsx"
    seen: list[ExportDialog] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(20, fill_in)
            return
        seen.append(dialog)
        dialog.path_edit.setText(str(target))
        dialog.export_button.click()

    QTimer.singleShot(0, fill_in)
    action = next(a for a in main_window.menus["file"].actions() if a.text() == "&Export…")
    action.trigger()

    expected = _expected_names(demo_db, ListQuery(search="yoga"))
    assert seen and "What you see now" in seen[0].shown_radio.text()
    assert f"({len(expected)} influencer" in seen[0].shown_radio.text()
    assert expected and _names(target) == expected
    message = main_window.statusBar().currentMessage()
    assert f"Exported {len(expected)} influencer" in message and str(target) in message


def test_what_you_see_keeps_filter_and_columns(dialog: ExportDialog, tmp_path: Path) -> None:
    micro = influencer_list.list_ids(dialog.db, ListQuery(tier="micro"))
    assert dialog.shown_radio.text() == f"What you see now ({len(micro)} influencers)"
    assert dialog.everyone_radio.text() == "Everyone (60 influencers)"
    target = tmp_path / "micro.xlsx"
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_info.influencers == len(micro)
    sheet = load_workbook(target)["Influencers"]
    assert [c.value for c in sheet[1]][:2] == ["Name", "Followers"]
    assert sheet.max_row - 1 == len(micro)


def test_everyone_with_the_accounts_sheet(dialog: ExportDialog, tmp_path: Path) -> None:
    target = tmp_path / "everyone.xlsx"
    dialog.path_edit.setText(str(target))
    dialog.everyone_radio.setChecked(True)
    dialog.sheets_check.setChecked(True)
    dialog.export_button.click()

    book = load_workbook(target)
    assert book.sheetnames == ["Influencers", *SHEET_TITLES]
    assert {"Social accounts", "Outreach", "Deals", "Content", "Payments"} <= set(SHEET_TITLES)
    assert book["Influencers"].max_row == 61
    # Every column, not the list's two, after the ID the other sheets refer to.
    assert [c.value for c in book["Influencers"][1]][:3] == ["ID", "Name", "Real name"]


def test_choose_a_csv_file(dialog: ExportDialog, tmp_path: Path, monkeypatch) -> None:
    asked: list[str] = []

    def pick(parent, caption, directory, filters, selected):
        asked.append(filters)
        return str(tmp_path / "contacts"), CSV_FILTER  # typed without an ending

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(pick))
    dialog.sheets_check.setChecked(True)
    dialog.choose_button.click()

    assert asked and "*.xlsx" in asked[0] and "*.csv" in asked[0]
    assert dialog.path_edit.text() == str(tmp_path / "contacts.csv")
    assert dialog.csv_radio.isChecked()
    assert not dialog.sheets_check.isEnabled() and not dialog.sheets_check.isChecked()
    dialog.export_button.click()
    raw = (tmp_path / "contacts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfName,Followers,")


def test_switching_format_changes_the_file_ending(dialog: ExportDialog) -> None:
    dialog.path_edit.setText("/somewhere/people.xlsx")
    dialog.csv_radio.setChecked(True)
    assert dialog.path_edit.text() == str(Path("/somewhere/people.csv"))
    dialog.xlsx_radio.setChecked(True)
    assert dialog.path_edit.text().endswith("people.xlsx")


def test_a_missing_folder_is_explained_next_to_the_field(
    dialog: ExportDialog, tmp_path: Path
) -> None:
    dialog.path_edit.setText(str(tmp_path / "gone" / "people.xlsx"))
    dialog.export_button.click()

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.path_error.isVisible()
    assert "does not exist" in dialog.path_error.message
    assert not (tmp_path / "gone").exists()
    dialog.path_edit.setText("")
    dialog.export_button.click()
    assert "Give the file a name" in dialog.path_error.message


def test_replacing_an_existing_file_asks_first(
    dialog: ExportDialog, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "people.xlsx"
    target.write_bytes(b"keep me")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *args: answers.pop(0)))
    dialog.path_edit.setText(str(target))

    dialog.export_button.click()
    assert target.read_bytes() == b"keep me" and dialog.isVisible()

    dialog.export_button.click()
    assert load_workbook(target).sheetnames == ["Influencers"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_cancel_during_export_writes_nothing(qtbot, db: Database, tmp_path: Path) -> None:
    from infcrm.demo import generate as demo

    demo.populate(db, influencers=2500, seed=5)
    dialog = ExportDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "big.xlsx"
    dialog.path_edit.setText(str(target))
    pressed: list[bool] = []

    def press_cancel() -> None:
        progress = next((p for p in dialog.findChildren(QProgressDialog) if p.isVisible()), None)
        if progress is None or progress.value() < 100:
            QTimer.singleShot(20, press_cancel)
            return
        progress.findChild(QPushButton).click()
        pressed.append(True)

    QTimer.singleShot(0, press_cancel)
    dialog.export_button.click()

    assert pressed
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.path_error.message == "Export cancelled; no file was written."
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("test.sqlite")] == []


def test_an_empty_database_says_there_is_nobody_to_export_and_offers_import(
    qtbot, db: Database
) -> None:
    widget = ExportDialog(db)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.export_button.isEnabled()
    assert widget.nobody_note.isVisible()
    assert "Nobody to export yet" in widget.nobody_note.text()
    assert widget.import_button.isVisible() and widget.import_button.isEnabled()
    qtbot.mouseClick(widget.import_button, Qt.MouseButton.LeftButton)
    assert widget.result() == QDialog.DialogCode.Rejected and widget.wants_import


def test_a_database_with_people_offers_export_without_the_note(dialog: ExportDialog) -> None:
    assert dialog.export_button.isEnabled()
    assert not dialog.nobody_note.isVisible() and not dialog.import_button.isVisible()


def test_import_from_export_on_an_empty_database_opens_the_import_wizard(
    qtbot, open_window, db
) -> None:
    """File › Export… on an empty database says there is nobody yet and offers Import…: the
    button leads straight to the import wizard, the window's own way of opening it."""
    from infcrm.ui.dialogs.import_wizard import ImportWizard

    window = open_window(db, view=None)
    seen: list[str] = []

    def answer() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, ExportDialog):
            seen.append("export")
            qtbot.mouseClick(shown.import_button, Qt.MouseButton.LeftButton)
        elif isinstance(shown, ImportWizard):
            seen.append("import")
            shown.reject()
            return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    next(a for a in window.menus["file"].actions() if a.text() == "&Export…").trigger()
    assert seen == ["export", "import"]
    assert QApplication.activeModalWidget() is None  # both closed; the window is back
    # The wizard is the window's, public: Export no longer reaches for a private method.
    assert callable(window.open_import_wizard)
