"""File › Import with a full infcrm export: the wizard offers to restore it all, and does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from infcrm.db.campaign_models import Campaign
from infcrm.db.engine import Database, open_database
from infcrm.db.models import Influencer
from infcrm.files.xlsx_export import export_xlsx
from infcrm.ui.dialogs.import_wizard import PAGE_DONE, PAGE_RESTORE, PAGE_SHEET, ImportWizard


def _open(qtbot, db: Database, path: Path) -> ImportWizard:
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    return wizard


def _count(db: Database, model) -> int:
    with db.reader() as session:
        return session.execute(select(func.count(model.id))).scalar_one()


def test_a_full_export_is_restored_into_an_empty_file(
    qtbot, demo_db: Database, tmp_path: Path
) -> None:
    backup = tmp_path / "everything.xlsx"
    export_xlsx(demo_db, backup, all_sheets=True)
    empty = open_database(tmp_path / "new.sqlite")
    try:
        wizard = _open(qtbot, empty, backup)
        wizard.next()
        assert wizard.currentId() == PAGE_RESTORE
        page = wizard.pages[PAGE_RESTORE]
        headline = page.headline.text()
        assert headline.startswith("Restore 60 people, ")
        assert " campaigns, " in headline and headline.endswith(" from an infcrm export")
        assert wizard.button(QWizard.WizardButton.CommitButton).text() == "&Restore"
        wizard.pages[PAGE_RESTORE].grab().save(str(tmp_path / "restore-page.png"))
        wizard.next()
        assert wizard.currentId() == PAGE_DONE
        assert "restored 60 people" in wizard.pages[PAGE_DONE].text.text()
        assert _count(empty, Influencer) == 60
        assert _count(empty, Campaign) == _count(demo_db, Campaign)
    finally:
        empty.close()


def test_a_file_with_people_imports_only_the_people_of_a_full_export(
    qtbot, demo_db: Database, tmp_path: Path
) -> None:
    backup = tmp_path / "everything.xlsx"
    export_xlsx(demo_db, backup, all_sheets=True)
    wizard = _open(qtbot, demo_db, backup)
    wizard.next()
    page = wizard.pages[PAGE_RESTORE]
    assert page.headline.text() == "Only its people can be imported into this database"
    assert "already holds 60 people" in page.advice.text()
    assert "Next imports only its people" in page.advice.text()
    wizard.next()
    assert wizard.currentId() == PAGE_SHEET
    assert wizard.table is not None and wizard.table.sheet == "Influencers"
    assert _count(demo_db, Influencer) == 60  # nothing written on the way


def test_an_edited_export_is_refused_by_sheet_row_and_column(
    qtbot, demo_db: Database, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    backup = tmp_path / "edited.xlsx"
    export_xlsx(demo_db, backup, all_sheets=True)
    book = load_workbook(backup)
    headers = [c.value for c in book["Deals"][1]]
    book["Deals"].cell(row=2, column=headers.index("Campaign ID") + 1, value=404)
    book.save(backup)
    empty = open_database(tmp_path / "new.sqlite")
    try:
        wizard = _open(qtbot, empty, backup)
        wizard.next()
        page = wizard.pages[PAGE_RESTORE]
        assert page.headline.text() == "This export cannot be restored as it is"
        assert page.advice.text().startswith("Sheet “Deals”, row 2, column “Campaign ID”")
        assert not page.isComplete()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        assert _count(empty, Influencer) == 0
    finally:
        empty.close()
