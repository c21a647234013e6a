"""The import wizard with the files users really bring: a workbook whose first sheet is not the
list, a file edited while the wizard is open, and the last page's buttons."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.dialogs.import_wizard import (
    PAGE_DONE,
    PAGE_MAPPING,
    PAGE_PREVIEW,
    PAGE_SHEET,
    PAGE_SUMMARY,
    ImportWizard,
)


def _open(qtbot, db: Database, path: Path) -> ImportWizard:
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    return wizard


def test_the_first_page_names_every_kind_of_file_it_reads(qtbot, db: Database) -> None:
    """It said “.xlsx or CSV” only: someone with an .xls or .ods list thought it would not do."""
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    said = wizard.pages[0].subTitle()
    assert all(kind in said for kind in (".xlsx", ".xls", ".ods", "CSV"))
    wizard.reject()  # nothing chosen: closing it keeps nothing


def _people(db: Database) -> dict[str, str | None]:
    found = (influencers.get(db, i) for i in influencer_list.list_ids(db, ListQuery()))
    return {p.display_name: p.email for p in found}


def test_the_last_page_offers_finish_and_nothing_after_it(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nAnna,anna@example.com\n", encoding="utf-8")
    wizard = _open(qtbot, db, path)
    for _ in range(5):
        wizard.next()
    assert wizard.currentId() == PAGE_DONE

    assert wizard.button(wizard.WizardButton.FinishButton).isVisible()
    assert not wizard.button(wizard.WizardButton.NextButton).isVisible()
    assert not wizard.button(wizard.WizardButton.CancelButton).isVisible()
    wizard.next()
    assert wizard.currentId() == PAGE_DONE


def _workbook_with_a_note_first(path: Path) -> Path:
    """A workbook as people keep them: a “Read me” sheet first, the list on the second."""
    book = Workbook()
    note = book.active
    note.title = "Read me"
    note.append(["Our creators, updated every Monday."])
    creators = book.create_sheet("Creators")
    creators.append(["Name", "Instagram handle", "Followers"])
    creators.append(["Anna Berg", "@anna.berg", 1200])
    creators.append(["Ben Cole", "@ben.cole", 3400])
    book.create_sheet("Old list").append(["Name", "TikTok", "Followers"])
    book.save(path)
    return path


def test_a_workbook_whose_first_sheet_is_a_note_goes_on_to_its_list(
    qtbot, db: Database, tmp_path: Path
) -> None:
    wizard = _open(qtbot, db, _workbook_with_a_note_first(tmp_path / "creators.xlsx"))

    wizard.next()

    assert wizard.currentId() == PAGE_SHEET
    page = wizard.pages[PAGE_SHEET]
    assert page.sheet_combo.currentText() == "Creators"
    assert page.sheet_combo.isEnabled()
    assert page.found.text().startswith(
        "The first sheet, “Read me”, holds no list of people, so “Creators” is read."
    )
    # The sheet left aside can still be chosen, and says why it cannot be imported.
    page.sheet_combo.setCurrentIndex(0)
    page.sheet_combo.activated.emit(0)
    assert "“Read me”" in page.error.text()
    assert "also has the sheets “Creators”, “Old list”" in page.error.text()
    assert page.found.text() == ""  # no longer describes the sheet read before
    page.sheet_combo.setCurrentIndex(1)
    page.sheet_combo.activated.emit(1)
    assert not page.error.isVisible()
    for _ in range(4):
        wizard.next()

    assert wizard.currentId() == PAGE_DONE
    assert _people(db) == {"Anna Berg": None, "Ben Cole": None}


def _rewrite(path: Path, text: str) -> None:
    """Save the file again, as a spreadsheet program would while the wizard is open."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def test_a_file_whose_columns_change_after_matching_is_matched_again(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nAnna,anna@example.com\n", encoding="utf-8")
    wizard = _open(qtbot, db, path)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    # Saved again with the columns moved and one added, before Next.
    _rewrite(path, "Email,Name,Instagram handle\nben@example.com,Ben,@ben\ncy@example.com,Cy,@cy\n")

    wizard.next()

    assert wizard.currentId() == PAGE_PREVIEW
    preview = wizard.pages[PAGE_PREVIEW]
    assert preview.error.text() == (
        "The file changed on disk, and its columns are not the ones you matched. Go Back to "
        "match them again."
    )
    assert preview.model.rowCount() == 0
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()

    wizard.back()

    mapping = wizard.pages[PAGE_MAPPING]
    chosen = [combo.currentText() for combo in mapping.combos]
    assert chosen == ["Email", "Name", "Instagram handle"]
    assert "The file changed since it was read" in mapping.error.text()
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == PAGE_DONE
    assert _people(db) == {"Ben": "ben@example.com", "Cy": "cy@example.com"}


def test_columns_changed_while_on_the_summary_are_not_imported_by_the_old_match(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nAnna,anna@example.com\n", encoding="utf-8")
    wizard = _open(qtbot, db, path)
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    _rewrite(path, "Email,Name\nben@example.com,Ben\n")

    wizard.next()

    assert wizard.currentId() == PAGE_SUMMARY
    summary = wizard.pages[PAGE_SUMMARY]
    assert summary.headline.text() == "The file changed"
    assert "Go Back to match them again" in summary.advice.text()
    assert not wizard.button(wizard.WizardButton.CommitButton).isEnabled()
    assert _people(db) == {}
