"""The import wizard: suggested mapping, preview with problems on their rows, import and undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from infcrm.db.backups import default_folder
from infcrm.db.engine import Database
from infcrm.services.exchange import import_history
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from infcrm.ui.dialogs.import_wizard import (
    PAGE_DONE,
    PAGE_MAPPING,
    PAGE_PREVIEW,
    PAGE_SHEET,
    PAGE_SUMMARY,
    ImportWizard,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MESSY = FIXTURES / "messy_influencers.csv"


def _open(qtbot, db: Database, path: Path) -> ImportWizard:
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    return wizard


def _clean_copy(tmp_path: Path) -> Path:
    lines = MESSY.read_bytes().split(b"\r\n")
    path = tmp_path / "clean.csv"
    path.write_bytes(b"\r\n".join(line for line in lines if not line.startswith(b"Bad Row")))
    return path


def test_mapping_page_preselects_suggested_fields(qtbot, db: Database) -> None:
    wizard = _open(qtbot, db, MESSY)
    wizard.next()
    assert wizard.currentId() == PAGE_SHEET
    found = wizard.pages[PAGE_SHEET].found.text()
    assert found == (
        "Found 9 rows under the column names in row 3. "
        "The column “Instagram handle” holds Instagram accounts."
    )
    wizard.next()

    page = wizard.pages[PAGE_MAPPING]
    assert wizard.currentId() == PAGE_MAPPING
    chosen = [combo.currentText() for combo in page.combos]
    assert chosen[:4] == ["Name", "Instagram handle", "Followers", "Email"]
    assert chosen[6] == "Ignore this column"  # Engagement rate is worked out, not imported
    assert "worked out" in page.combos[6].toolTip()
    assert page.table.item(2, 1).text().startswith("12,3k · 1.2M")

    page.combos[1].setCurrentIndex(page.combos[1].findText("Name"))
    assert "both mapped to Name" in page.error.text()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    page.combos[1].setCurrentIndex(page.combos[1].findText("Instagram handle"))
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_preview_shows_rows_as_saved_and_problems_on_their_row(
    qtbot, qtmodeltester, db: Database
) -> None:
    wizard = _open(qtbot, db, MESSY)
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    model = wizard.pages[PAGE_PREVIEW].model
    qtmodeltester.check(model)

    texts = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(9)]
    assert texts[0][:2] + texts[0][3:8] == ["4", "New", "Café Renée", "renee@example.com",
                                            "Instagram", "@cafe.renee", "12.3k"]  # fmt: skip
    bad = texts[5]
    assert bad[:2] == ["9", "New"]  # its unreadable cells are left empty, the row imported
    assert bad[2].startswith("B (Instagram handle): A handle cannot contain spaces")
    tooltip = model.index(5, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "Row 9, column C (Followers): “lots” is not a number of followers." in tooltip
    assert model.index(5, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert texts[6][:2] == ["10", "Added to row 4"]  # the same account: what it adds goes there

    wizard.next()
    summary = wizard.pages[PAGE_SUMMARY]
    # Row 9's unreadable cells, and row 10 naming row 4's account “Café Renée (again)”.
    assert summary.headline.text() == "Import 8 people (2 rows need attention)"
    assert wizard.button(wizard.WizardButton.CommitButton).text() == "&Import 8 people"
    assert wizard.button(wizard.WizardButton.CommitButton).isEnabled()

    summary.strict.setChecked(True)  # all or nothing: the bad row now blocks the file

    assert summary.headline.text() == "Nothing can be imported yet"
    assert "cannot be imported yet" in summary.advice.text()
    assert not wizard.button(wizard.WizardButton.CommitButton).isEnabled()
    assert influencer_list.count(db) == 0


def test_duplicates_choice_changes_the_preview(qtbot, demo_db: Database, tmp_path: Path) -> None:
    ids = influencer_list.list_ids(demo_db, ListQuery())
    row = next(r for r in influencer_list.rows(demo_db, ids).values() if r.platform == "instagram")
    path = tmp_path / "again.csv"
    path.write_text(
        f"Name,Platform,Handle,City\n{row.display_name},{row.platform},{row.handle},Reykjavik\n",
        encoding="utf-8",
    )
    wizard = _open(qtbot, demo_db, path)
    for _ in range(3):
        wizard.next()
    model = wizard.pages[PAGE_PREVIEW].model
    assert model.index(0, 1).data() == "Skip"

    wizard.pages[PAGE_PREVIEW].duplicates.button(1).click()

    assert model.index(0, 1).data() == "Update"
    assert model.index(0, 2).data().startswith(f"Updates {row.display_name}")


def test_import_to_the_end_then_undo_from_the_edit_menu(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    db = main_window.db
    before = influencer_list.count(db)
    wizard = _open(qtbot, db, _clean_copy(tmp_path))
    for _ in range(4):
        wizard.next()
    assert wizard.currentId() == PAGE_SUMMARY
    # Row 10 repeats row 4's account under another name: row 4's is kept, and said.
    assert wizard.pages[PAGE_SUMMARY].headline.text() == "Import 7 people (1 row needs attention)"
    # A file is copied before anything is written, as the command line does; a server is
    # backed up on the server (maintenance.back_up_before makes no copy there).
    backups = default_folder(db.path) if db.is_file else None
    made_before = set(backups.glob("*import*")) if backups and backups.exists() else set()

    wizard.next()  # Import

    assert wizard.currentId() == PAGE_DONE
    done = wizard.pages[PAGE_DONE].text.text()
    assert "Created 7, updated 0, skipped 0, not imported 0. 1 row was more" in done
    assert "Edit › Undo last import takes it back: it removes the people it added." in done
    assert influencer_list.count(db) == before + 7
    if backups is not None:
        assert len(set(backups.glob("*import*")) - made_before) == 1

    asked: list[str] = []

    def answer_yes(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    action = next(a for a in main_window.actions() if a.text() == "Undo last &import…")
    action.trigger()

    assert "Undo the import of “clean.csv”" in asked[0]
    assert "removes the 7 people it added" in asked[0]
    assert influencer_list.count(db) == before
    # Gone from the history (the demo's own shop-orders import stays).
    assert all(r.file_name != "clean.csv" for r in import_history.imports(db))
    assert "removed 7" in main_window.statusBar().currentMessage()


def test_stage_values_are_shown_with_their_stage_and_can_be_picked(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text("Name,Status\nAnna,Replied\nBen,Maybe later\n", encoding="utf-8")
    wizard = _open(qtbot, db, path)
    for _ in range(4):
        wizard.next()
    summary = wizard.pages[PAGE_SUMMARY]
    combos = summary.stage_combos
    assert combos["Replied"].currentText() == "In talks"
    assert combos["Maybe later"].currentText() == "Leave empty (first stage)"
    assert summary.headline.text() == "Import 2 people (1 row needs attention)"

    combos["Maybe later"].setCurrentIndex(combos["Maybe later"].findText("Agreed"))
    combos["Maybe later"].activated.emit(combos["Maybe later"].currentIndex())

    assert summary.headline.text() == "Import 2 people"
    wizard.next()
    from infcrm.services.people import influencers

    stages = {
        p.display_name: p.stage_name
        for p in (influencers.get(db, i) for i in influencer_list.list_ids(db, ListQuery()))
    }
    assert stages == {"Anna": "In talks", "Ben": "Agreed"}


def test_going_back_reads_a_file_that_changed_on_disk(qtbot, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nAnna,anna@example.com\n", encoding="utf-8")
    wizard = _open(qtbot, db, path)
    for _ in range(4):
        wizard.next()
    assert wizard.pages[PAGE_SUMMARY].headline.text() == "Import 1 person"

    path.write_text(
        "Name,Email\nAnna,anna@example.com\nBen,ben@example.com\nCy,cy@example.com\n",
        encoding="utf-8",
    )
    wizard.back()
    wizard.back()
    wizard.next()
    wizard.next()

    assert wizard.pages[PAGE_SUMMARY].headline.text() == "Import 3 people"


def test_file_menu_import_has_ctrl_i(main_window) -> None:
    action = next(a for a in main_window.actions() if a.text() == "&Import…")
    assert action.shortcut().toString() == "Ctrl+I"
    assert action.toolTip()


def test_unreadable_file_is_explained_on_the_first_page(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    wizard = _open(qtbot, db, path)

    wizard.next()

    assert wizard.currentId() == 0
    assert "is empty" in wizard.pages[0].error.text()


def test_the_done_page_counts_possible_duplicates_of_people_already_there(
    qtbot, db: Database, tmp_path: Path
) -> None:
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

    influencers.create(
        db,
        InfluencerInput(display_name="Ana Ruíz", accounts=(AccountInput("instagram", "ana.ruiz"),)),
    )
    sheet = tmp_path / "tiktok-list.csv"
    sheet.write_text(
        "Name,Platform,Handle\nana-ruiz,TikTok,ana.cooks\nBen Stone,TikTok,ben.stone\n",
        encoding="utf-8",
    )
    wizard = _open(qtbot, db, sheet)
    for _ in range(5):
        wizard.next()
    assert wizard.currentId() == PAGE_DONE
    assert (
        wizard.pages[PAGE_DONE]
        .text.text()
        .endswith(
            "1 person looks like someone already in infcrm (possible duplicates) — compare and "
            "merge them with Edit › Find duplicates…"
        )
    )


def test_a_stage_value_can_become_a_new_stage(qtbot, db: Database, tmp_path: Path) -> None:
    from infcrm.services.people import influencers

    path = tmp_path / "tracker.csv"
    path.write_text("Name,Status\nAnna,Replied\nBen,maybe  later\nCy,Maybe later\n", "utf-8")
    wizard = _open(qtbot, db, path)
    for _ in range(4):
        wizard.next()
    summary = wizard.pages[PAGE_SUMMARY]
    combo = summary.stage_combos["maybe later"]  # spacing in the file does not count
    assert combo.itemText(combo.count() - 1) == "New stage “Maybe later”"
    assert "New stage “Replied”" in [
        summary.stage_combos["Replied"].itemText(i)
        for i in range(summary.stage_combos["Replied"].count())
    ]
    assert summary.headline.text() == "Import 3 people (2 rows need attention)"

    combo.setCurrentIndex(combo.count() - 1)
    combo.activated.emit(combo.currentIndex())

    combo = summary.stage_combos["maybe later"]  # the page was checked again
    assert combo.currentText() == "Maybe later"
    assert "New stage “Maybe later”" not in [combo.itemText(i) for i in range(combo.count())]
    assert [s.name for s in influencers.stages(db)][-3:] == ["Maybe later", "Declined", "Not a fit"]
    assert summary.headline.text() == "Import 3 people"
    wizard.next()
    stages = {
        p.display_name: p.stage_name
        for p in (influencers.get(db, i) for i in influencer_list.list_ids(db, ListQuery()))
    }
    assert stages == {"Anna": "In talks", "Ben": "Maybe later", "Cy": "Maybe later"}


def test_a_new_stage_whose_name_is_taken_by_an_archived_one_is_refused_in_words(
    qtbot, db: Database, tmp_path: Path
) -> None:
    from infcrm.services.outreach import pipeline

    pipeline.archive_stage(db, pipeline.add_stage(db, "Maybe later"))
    path = tmp_path / "tracker.csv"
    path.write_text("Name,Status\nBen,Maybe later\n", "utf-8")
    wizard = _open(qtbot, db, path)
    for _ in range(4):
        wizard.next()
    summary = wizard.pages[PAGE_SUMMARY]
    combo = summary.stage_combos["Maybe later"]

    combo.setCurrentIndex(combo.count() - 1)
    combo.activated.emit(combo.currentIndex())

    assert "There is already a stage called “Maybe later” (archived)" in summary.advice.text()
    assert combo.currentText() == "Leave empty (first stage)"
    assert summary.headline.text() == "Import 1 person (1 row needs attention)"


def test_the_mapping_page_names_the_columns_left_out_and_what_the_values_decided(
    qtbot, db: Database
) -> None:
    wizard = _open(qtbot, db, FIXTURES / "real" / "tik-tok.csv")
    wizard.next()
    wizard.next()
    page = wizard.pages[PAGE_MAPPING]

    # “comments” holds numbers, so it is a count: the values decided, and the page says so.
    comments = [page.table.item(i, 0).text() for i in range(page.table.rowCount())].index(
        "E  comments"
    )
    assert page.combos[comments].currentText() == "Average comments"
    assert "its values are numbers" in page.combos[comments].toolTip()
    assert page.left_out.text() == "Every column is imported."

    page.combos[comments].setCurrentIndex(0)  # Ignore this column
    assert page.left_out.text() == "Ignored: comments."


def test_columns_left_out_that_share_a_name_with_one_imported_are_told_by_letter(
    qtbot, db: Database
) -> None:
    wizard = _open(qtbot, db, FIXTURES / "real" / "social media influencers - youtube.csv")
    wizard.next()
    wizard.next()
    page = wizard.pages[PAGE_MAPPING]

    lines = page.left_out.text().split("\n")
    assert lines[0] == "Ignored: E (Subscribers), H (avg views), J (avg likes), L (avg comments)."
    # Each copy left out is named with the one imported in its place.
    assert lines[1] == (
        "E (Subscribers) is a second Followers column: D (Subscribers) is imported, E is "
        "ignored and not compared with it."
    )
    # The handles under a name's header are said to be handles.
    assert lines[-1] == "Column A (youtuber name) looks like YouTube handles; imported as handles."
    assert len(lines) == 6

    page.combos[3].setCurrentIndex(0)  # D (Subscribers): Ignore — nothing is repeated now
    assert "second Followers column" not in page.left_out.text()


def test_a_file_that_names_no_platform_asks_for_one_and_uses_the_answer(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "handles.csv"
    path.write_text("Handle,Followers\nanna.bakes,1200\nben_dances,3400\n", "utf-8")
    wizard = _open(qtbot, db, path)
    wizard.next()
    sheet = wizard.pages[PAGE_SHEET]
    assert sheet.found.text().endswith("choose the platform of its accounts.")

    sheet.platform_combo.setCurrentIndex(sheet.platform_combo.findText("TikTok"))
    wizard.next()
    wizard.next()
    model = wizard.pages[PAGE_PREVIEW].model
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert [row[1] for row in shown] == ["New", "New"]
    assert ["TikTok", "@anna.bakes"] == shown[0][5:7]


def test_example_values_show_numbers_as_a_spreadsheet_does(qtbot, db: Database) -> None:
    # LibreOffice stores 0.0162 as the nearest binary fraction, 0.016200000000000003.
    wizard = _open(qtbot, db, FIXTURES / "real" / "top_insta_influencers_data.xls")
    wizard.next()
    wizard.next()
    page = wizard.pages[PAGE_MAPPING]

    assert page.table.item(6, 1).text() == "0.0139 · 0.0162 · 0.0124"
    assert page.left_out.text() == (
        "Ignored: rank, influence_score, posts, 60d_eng_rate, new_post_avg_like, total_likes.\n"
        "H (new_post_avg_like) is a second Average likes column: F (avg_likes) is imported, "
        "H is ignored and not compared with it."
    )


def test_everyone_already_there_is_read_once_for_the_previews_and_the_summary(
    qtbot, demo_db: Database, tmp_path: Path
) -> None:
    # At 100,000 people reading who is there took 2 s of CPU (5–8 s waited): each
    # click on a duplicates choice, and the summary after it, waited that long again.
    from sqlalchemy import event

    path = tmp_path / "two.csv"
    path.write_text("Name,Instagram\nAnna Neu,anna.neu\nBen Neu,ben.neu\n", encoding="utf-8")
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", seen)
    try:
        wizard = _open(qtbot, demo_db, path)
        for _ in range(3):
            wizard.next()
        preview = wizard.pages[PAGE_PREVIEW]
        preview.duplicates.button(1).click()
        preview.duplicates.button(0).click()
        wizard.next()
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", seen)
    assert wizard.currentId() == PAGE_SUMMARY
    assert wizard.pages[PAGE_SUMMARY].headline.text() == "Import 2 people"
    everyone = [s for s in statements if "FROM social_account JOIN influencer" in s]
    assert len(everyone) == 1
    wizard.reject()


def test_long_example_values_keep_to_one_line_and_show_whole_when_pointed_at(
    qtbot, db: Database, tmp_path: Path
) -> None:
    # Three long emails wrapped onto a second line that the row's height cut in half.
    path = tmp_path / "long.csv"
    emails = [f"creator.number.{i}@a-rather-long-agency-domain.example.com" for i in range(3)]
    path.write_text(
        "Name,Email\n" + "".join(f"Creator {i},{e}\n" for i, e in enumerate(emails)), "utf-8"
    )
    wizard = _open(qtbot, db, path)
    wizard.next()
    wizard.next()
    table = wizard.pages[PAGE_MAPPING].table
    assert not table.wordWrap()
    assert table.item(1, 1).toolTip() == " · ".join(emails)
    wizard.reject()


def test_a_preview_without_problems_shows_handles_and_followers_without_scrolling(
    qtbot, db: Database, tmp_path: Path
) -> None:
    # An empty “Problem or note” column 280 px wide pushed Handle and Followers out of sight.
    path = tmp_path / "fine.csv"
    path.write_text("Name,Instagram,Followers\nAnna,anna.k,1200\nBen,ben.k,800\n", "utf-8")
    wizard = _open(qtbot, db, path)
    for _ in range(3):
        wizard.next()
    view = wizard.pages[PAGE_PREVIEW].view
    qtbot.waitExposed(wizard)
    assert view.isColumnHidden(2)
    followers = 7
    right = view.columnViewportPosition(followers) + view.columnWidth(followers)
    assert 0 < right <= view.viewport().width()
    wizard.reject()


def test_a_preview_with_a_problem_shows_it_beside_the_row(qtbot, db: Database) -> None:
    wizard = _open(qtbot, db, MESSY)
    for _ in range(3):
        wizard.next()
    assert not wizard.pages[PAGE_PREVIEW].view.isColumnHidden(2)
    wizard.reject()


def test_the_previews_column_names_are_not_cut(qtbot, themed, db: Database, tmp_path: Path) -> None:
    # “Followers” and “Accounts” lost their first letters to columns narrower than the name.
    path = tmp_path / "fine.csv"
    path.write_text("Name,Instagram,Followers\nAnna,anna.k,1200\n", "utf-8")
    wizard = _open(qtbot, db, path)
    for _ in range(3):
        wizard.next()
    view = wizard.pages[PAGE_PREVIEW].view
    header = view.horizontalHeader()
    for column in range(view.model().columnCount() - 1):  # the last stretches to the edge
        assert view.columnWidth(column) >= header.sectionSizeHint(column), column
    wizard.reject()


def test_an_english_ad_column_is_left_out_with_its_reason(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "sponsored.csv"
    path.write_text("Name,Instagram handle,Ad\nAna,ana.bakes,yes\nBo,bo.lee,no\n", encoding="utf-8")
    wizard = _open(qtbot, db, path)
    wizard.next()
    wizard.next()

    page = wizard.pages[wizard.currentId()]
    assert page.mapping() == ["display_name", "instagram_handle", "ignore"]
    said = page.left_out.text()
    assert "Ignored: Ad." in said
    assert "its values are yes/no or kinds of post" in said
    assert "second Name column" not in said


def test_the_done_page_says_undo_also_removes_accounts_added_to_people_already_there(
    qtbot, db: Database, tmp_path: Path
) -> None:
    influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruiz",
            email="ana@ruiz.studio",
            accounts=(AccountInput("instagram", "ana.ruiz", followers=5000),),
        ),
    )
    path = tmp_path / "tiktok.csv"
    path.write_text(
        "Name,Email,Platform,Handle,Followers\nAna Ruiz,ana@ruiz.studio,TikTok,ana.tok,12000\n",
        encoding="utf-8",
    )
    wizard = _open(qtbot, db, path)
    while wizard.currentId() != PAGE_SUMMARY:
        wizard.next()
    wizard.next()  # Import, skipping who is there: only her TikTok account is added

    done = wizard.pages[PAGE_DONE].text.text()
    assert "Created 0, updated 1" in done
    assert (
        "Edit › Undo last import takes it back: it removes the accounts it added to people "
        "already in infcrm." in done
    )
