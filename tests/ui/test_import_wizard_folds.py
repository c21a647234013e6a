"""The import wizard with one person on several rows of the file (one per network): the preview
shows what their first row will import, and the later rows as added to it, not skipped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.dialogs.import_wizard import PAGE_PREVIEW, PAGE_SUMMARY, ImportWizard

PER_NETWORK = (
    "Name,Email,Platform,Handle,Followers\n"
    "Ana Ruiz,ana@ruiz.studio,Instagram,ana.ruiz,5400\n"
    "Ben Stone,ben@stone.test,Instagram,ben.stone,800\n"
    "Ana Ruiz,ana@ruiz.studio,TikTok,ana.tok,12000\n"
    "Ana Ruiz,ana@ruiz.studio,YouTube,AnaRuizTV,\n"
)


def _preview(qtbot, db: Database, tmp_path: Path, text: str = PER_NETWORK) -> ImportWizard:
    path = tmp_path / "networks.csv"
    path.write_text(text, encoding="utf-8")
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    return wizard


def test_the_preview_shows_every_account_of_a_person_on_several_rows(
    qtbot, qtmodeltester, db: Database, tmp_path: Path
) -> None:
    wizard = _preview(qtbot, db, tmp_path)
    page = wizard.pages[PAGE_PREVIEW]
    model = page.model
    qtmodeltester.check(model)

    def text(row: int, column: int) -> str:
        return model.index(row, column).data()

    # Ana's first row: her Instagram, and what rows 4 and 5 add to her.
    assert [text(0, c) for c in (0, 1)] == ["2", "New"]
    assert text(0, 2) == (
        "+ 2 more rows of this person (rows 4, 5): TikTok @ana.tok, YouTube @anaruiztv"
    )
    assert text(0, 8) == "3"  # accounts
    assert not page.view.isColumnHidden(2)
    # The later rows are added to her, not skipped.
    assert [text(2, c) for c in (0, 1)] == ["4", "Added to row 2"]
    assert [text(3, c) for c in (0, 1)] == ["5", "Added to row 2"]
    assert "Same email as row 2" in model.index(2, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert [text(1, c) for c in (0, 1, 2)] == ["3", "New", ""]

    wizard.next()
    summary = wizard.pages[PAGE_SUMMARY]
    assert summary.headline.text() == "Import 2 people"
    assert (
        "Will create 2, update 0, skip 0, not import 0. 2 rows are more of a person on an "
        "earlier row and will be added to that row."
    ) in summary.advice.text()
    wizard.reject()  # closed unsaved: nothing was written
    assert influencer_list.count(db) == 0


def test_the_preview_names_the_later_row_that_matches_a_second_person(
    qtbot, db: Database, tmp_path: Path
) -> None:
    influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruiz",
            email="ana@ruiz.studio",
            accounts=(AccountInput("instagram", "ana.ruiz"),),
        ),
    )
    influencers.create(
        db, InfluencerInput(display_name="Ben Stone", accounts=(AccountInput("tiktok", "ben.tok"),))
    )
    # Row 4, Ana's by her email, gives Ben's TikTok.
    wizard = _preview(qtbot, db, tmp_path, PER_NETWORK.replace("ana.tok", "ben.tok"))
    model = wizard.pages[PAGE_PREVIEW].model

    assert [model.index(0, c).data() for c in (0, 1)] == ["2", "Not imported"]
    assert (
        model.index(0, 2)
        .data()
        .startswith(
            "This row matches 2 people already in infcrm (Ana Ruiz and Ben Stone): row 4 (the "
            "same person in this file) matches Ben Stone by the TikTok account @ben.tok; correct "
            "one of the rows so they name one person."
        )
    )
    wizard.reject()
