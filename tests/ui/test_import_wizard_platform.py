"""The import wizard with a list whose rows say no platform: it says so before going on, in the
app's words, and starts on the platform the file's name names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from infcrm.db.engine import Database
from infcrm.ui.dialogs.import_wizard import (
    PAGE_DONE,
    PAGE_PREVIEW,
    PAGE_SHEET,
    PAGE_SUMMARY,
    ImportWizard,
)
from tests.table_dump import rows_of

HEADER = "Rank,Username,Name,Followers\n"


def _list(tmp_path: Path, name: str, rows: int = 3) -> Path:
    """A ranking as the public lists have it: handles without “@”, no platform column."""
    lines = [f"{n},creator{n}x,Creator {n},{n * 1000}\n" for n in range(1, rows + 1)]
    path = tmp_path / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _open(qtbot, db: Database, path: Path) -> ImportWizard:
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentId() == PAGE_SHEET
    return wizard


def _next_enabled(wizard: ImportWizard) -> bool:
    return wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_no_platform_anywhere_holds_next_and_says_to_choose_one_above(
    qtbot, db: Database, tmp_path: Path
) -> None:
    wizard = _open(qtbot, db, _list(tmp_path, "creators.csv"))
    page = wizard.pages[PAGE_SHEET]

    assert page.platform_combo.currentData() is None
    assert not _next_enabled(wizard)
    assert page.why.isVisible()
    assert page.why.text() == (
        "No row can be imported: the file has handles but no platform column. "
        "Choose the platform above."
    )
    wizard.next()  # as Enter would: refused all the same
    assert wizard.currentId() == PAGE_SHEET

    page.platform_combo.setCurrentIndex(page.platform_combo.findText("Instagram"))

    assert _next_enabled(wizard)
    assert not page.why.isVisible()
    wizard.next()
    assert wizard.currentId() != PAGE_SHEET


def test_the_file_name_chooses_the_platform_and_the_import_uses_it(
    qtbot, db: Database, tmp_path: Path
) -> None:
    wizard = _open(qtbot, db, _list(tmp_path, "top-250-tiktokers.csv"))
    page = wizard.pages[PAGE_SHEET]

    assert page.platform_combo.currentText() == "TikTok"
    assert "its name says TikTok" in page.found.text()
    assert _next_enabled(wizard)
    for _ in range(4):
        wizard.next()
    assert wizard.currentId() == PAGE_DONE

    stored = set(rows_of(db, "SELECT platform FROM social_account"))
    assert stored == {("tiktok",)}


def test_rows_without_a_platform_are_explained_in_the_apps_words(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "creators.csv"
    path.write_text(
        "Username,Platform,Followers\nana.bakes,TikTok,1200\nben.dances,,3400\n", "utf-8"
    )
    wizard = _open(qtbot, db, path)
    assert _next_enabled(wizard)  # one row can be imported
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    model = wizard.pages[PAGE_PREVIEW].model
    tip = model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)

    assert "Which platform is this account on?" in tip
    assert "command line" not in tip and "--platform" not in tip

    wizard.next()
    summary = wizard.pages[PAGE_SUMMARY]
    assert "command line" not in summary.details.toPlainText()
    assert "--platform" not in summary.details.toPlainText()
    assert summary.advice.text().endswith(
        "For rows with no platform, go Back to “Sheet and platform” and choose it."
    )


def test_rows_that_name_nobody_hold_import_and_say_what_to_do(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("Name,Email,Notes\n,,call back\n,,maybe\n", "utf-8")
    wizard = _open(qtbot, db, path)
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == PAGE_SUMMARY
    summary = wizard.pages[PAGE_SUMMARY]

    assert not wizard.button(wizard.WizardButton.CommitButton).isEnabled()
    assert summary.advice.text() == (
        "No row can be imported: no row names anybody infcrm could read. Fill in a name, "
        "email or handle in the file, or go Back and match the column that holds one."
    )


def test_a_column_naming_the_platform_chooses_it_as_the_command_line_does(
    qtbot, db: Database, tmp_path: Path
) -> None:
    """“Instagramフォロワー数” beside a user-name column: the CLI imports onto Instagram, and so
    does the wizard, without holding Next or asking for a platform the file already names."""
    path = tmp_path / "jp.csv"
    path.write_text("名前,ユーザー名,Instagramフォロワー数\n佐藤 花,hana.sato,120万\n", "utf-8")
    wizard = _open(qtbot, db, path)
    page = wizard.pages[PAGE_SHEET]

    assert page.platform_combo.currentText() == "Instagram"
    assert "Found 1 row under" in page.found.text()
    assert "“Instagramフォロワー数”" in page.found.text()
    assert _next_enabled(wizard) and not page.why.isVisible()
    for _ in range(4):
        wizard.next()
    assert wizard.currentId() == PAGE_DONE
    stored = set(rows_of(db, "SELECT platform, handle, followers FROM social_account"))
    assert stored == {("instagram", "hana.sato", 1_200_000)}
