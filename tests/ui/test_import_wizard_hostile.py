"""The import wizard with a real Turkish list and a workbook whose column names sit under merged
group names: the pages say what the command line says, and the import keeps what can be read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list
from infcrm.ui.dialogs.import_wizard import (
    PAGE_DONE,
    PAGE_MAPPING,
    PAGE_SHEET,
    PAGE_SUMMARY,
    ImportWizard,
)
from tests.real_files import REAL

# Where to save each page's picture, to look at (unset: none saved).
SHOTS = os.environ.get("INFCRM_WIZARD_SHOTS")


def _open(qtbot, db: Database, path: Path) -> ImportWizard:
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.resize(1024, 700)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    return wizard


def _shot(wizard: ImportWizard, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        wizard.grab().save(str(Path(SHOTS) / f"{name}-{wizard.currentId()}.png"))


def test_a_turkish_list_goes_through_the_wizard(qtbot, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "turkish-influencers-influmatch.csv"
    shutil.copyfile(REAL / path.name, path)
    wizard = _open(qtbot, db, path)
    wizard.next()
    _shot(wizard, "turkish")
    assert wizard.currentId() == PAGE_SHEET
    wizard.next()
    _shot(wizard, "turkish")
    page = wizard.pages[PAGE_MAPPING]
    chosen = [combo.currentText() for combo in page.combos]
    # ad, sektor, tip, takipci, etkilesim, platform, aciklama
    assert chosen[0] == "Name" and chosen[1] == "Niches" and chosen[3] == "Followers"
    assert chosen[6] == "Notes"
    wizard.next()
    _shot(wizard, "turkish")
    wizard.next()
    _shot(wizard, "turkish")
    assert wizard.currentId() == PAGE_SUMMARY
    assert wizard.pages[PAGE_SUMMARY].headline.text() == "Import 43 people"

    wizard.next()  # Import

    _shot(wizard, "turkish")
    assert wizard.currentId() == PAGE_DONE
    assert (
        "Created 43, updated 0, skipped 0, not imported 0. 4 rows were more"
        in wizard.pages[PAGE_DONE].text.text()
    )
    assert influencer_list.count(db) == 43


def test_merged_group_names_are_read_in_the_wizard(qtbot, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "grouped.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["Influencer", None, "Instagram", None, "TikTok", None],
        ["Name", "Email", "Handle", "Followers", "Handle", "Followers"],
        ["Ana Souza", "ana@example.com", "@ana.s", "12,5K", "@ana.tt", "1.2M"],
        ["Bo Li", "bo@example.com", "@boli", 1_200_000, None, None],
    ):
        sheet.append(row)
    for cells in ("A1:B1", "C1:D1", "E1:F1"):
        sheet.merge_cells(cells)
    book.save(path)
    wizard = _open(qtbot, db, path)
    wizard.next()
    _shot(wizard, "grouped")
    # Before, row 1 was taken for the column names and nobody could be imported.
    assert (
        wizard.pages[PAGE_SHEET]
        .found.text()
        .startswith("Found 2 rows under the column names in row 2.")
    )
    wizard.next()
    _shot(wizard, "grouped")
    chosen = [combo.currentText() for combo in wizard.pages[PAGE_MAPPING].combos]
    assert chosen == [
        "Name",
        "Email",
        "Instagram handle",
        "Instagram followers",
        "TikTok handle",
        "TikTok followers",
    ]
    wizard.next()
    wizard.next()
    _shot(wizard, "grouped")
    assert wizard.pages[PAGE_SUMMARY].headline.text() == "Import 2 people"


def test_the_wizard_says_a_second_table_was_left_out(qtbot, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "two tables.xlsx"
    book = openpyxl.Workbook()
    for row in (
        ["Name", "Instagram", "Followers"],
        ["Ana Souza", "@ana.s", 12_500],
        [],
        ["Brand", "Budget", "Contact"],
        ["Nike", 5000, "x@nike.example"],
    ):
        book.active.append(row)
    book.save(path)
    wizard = _open(qtbot, db, path)
    for _ in range(4):
        wizard.next()
    _shot(wizard, "two-tables")

    summary = wizard.pages[PAGE_SUMMARY]
    # Before, the summary said nothing of it: the notes of reading the file were not shown.
    assert summary.headline.text() == "Import 1 person"
    assert summary.details.toPlainText().startswith(
        "Rows 4–5 of the sheet “Sheet” of “two tables.xlsx” are a second table"
    )
