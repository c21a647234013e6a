"""The import wizard says when a column's values, not its name, made it the handle column."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.ui.dialogs.import_wizard import PAGE_MAPPING, PAGE_PREVIEW, PAGE_SHEET, ImportWizard


def test_a_column_of_handles_with_no_name_is_said_to_be_one_and_imported_as_handles(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "creators.csv"
    path.write_text("Name,,Followers\nAna Ruiz,@ana.bakes,1200\nBen Ode,@ben_cooks,3400\n", "utf-8")
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    wizard.next()
    sheet = wizard.pages[PAGE_SHEET]
    sheet.platform_combo.setCurrentIndex(sheet.platform_combo.findText("Instagram"))
    wizard.next()
    page = wizard.pages[PAGE_MAPPING]

    assert page.combos[1].currentText() == "Handle or profile link"
    lines = page.left_out.text().split("\n")
    assert "Column B looks like Instagram handles (@…); imported as handles." in lines

    wizard.next()
    model = wizard.pages[PAGE_PREVIEW].model
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert ["Instagram", "@ana.bakes"] == first[5:7]

    # Mapped otherwise by the user, the column is no longer said to be handles.
    wizard.back()
    page.combos[1].setCurrentIndex(0)
    assert "looks like" not in page.left_out.text()


def test_a_column_of_video_links_is_called_links_to_videos_not_profile_links(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "videos.csv"
    path.write_text(
        "Name,Video,Post\n"
        "Ana Ruiz,https://www.tiktok.com/@ana.bakes/video/7434566309813193991,"
        "https://www.instagram.com/p/C1abcDEF/\n"
        "Ben Ode,https://www.tiktok.com/@ben_cooks/video/7485152103380389127,"
        "https://www.instagram.com/reel/C2abcDEF/\n",
        "utf-8",
    )
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    page = wizard.pages[PAGE_MAPPING]

    # The combo box words it as the summary does, not as a column of profile links.
    assert page.combos[1].currentText() == "Handle, from links to posts"
    assert "links to posts or videos that name their account" in page.combos[1].toolTip()
    # Instagram post links name nobody's account: left out, not a problem on every row.
    assert page.combos[2].currentText() == "Ignore this column"
    assert "which name no account" in page.combos[2].toolTip()
    lines = page.left_out.text().split("\n")
    assert lines == [
        "Ignored: Post.",
        "Column B (Video) holds links to TikTok posts or videos, not profiles: the account "
        "each link names is imported as the handle.",
    ]
    assert not any("profile links" in line for line in lines)

    wizard.next()
    model = wizard.pages[PAGE_PREVIEW].model
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert ["TikTok", "@ana.bakes"] == first[5:7]
    wizard.reject()


def test_video_links_beside_a_network_handle_column_read_links_to_posts(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "videos.csv"
    path.write_text(
        "Creator,TikTok,Likes,Video\n"
        "Lena,lenabakes,100,https://www.tiktok.com/@lenabakes/video/7434566309813193991\n"
        "Ben,ben.stone,50,https://www.tiktok.com/@ben.stone/video/7485152103380389127\n",
        "utf-8",
    )
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    page = wizard.pages[PAGE_MAPPING]

    # The TikTok column names the account: the links are only links to posts.
    assert page.combos[1].currentText() == "TikTok handle"
    assert page.combos[3].currentText() == "Links to posts"
    # Without the TikTok column, the handle comes from the links, and the box says so.
    page.combos[1].setCurrentIndex(0)
    assert page.combos[3].currentText() == "Handle, from links to posts"
    page.combos[1].setCurrentIndex(page.combos[1].findData("tiktok_handle"))
    assert page.combos[3].currentText() == "Links to posts"
    wizard.reject()


def test_the_preview_shows_a_pasted_handle_without_its_invisible_characters(
    qtbot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "pasted.csv"
    path.write_text(
        "Name,Instagram\nMia Stone,mia\u200b\nNoor Hale,\ufeff@noor.h\nOlu Ade,@\u200bolu\u2060\n",
        "utf-8",
    )
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    wizard.next()
    model = wizard.pages[PAGE_PREVIEW].model
    handles = [
        model.index(row, c).data()
        for row in range(model.rowCount())
        for c in range(model.columnCount())
        if str(model.index(row, c).data() or "").startswith("@")
    ]

    assert handles == ["@mia", "@noor.h", "@olu"]
    wizard.reject()
