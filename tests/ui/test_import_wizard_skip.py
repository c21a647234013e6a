"""The import wizard's preview with “skip” chosen: someone already in infcrm is shown kept as
they are — none of the file's values for them — with only the accounts skip adds (those on a
network they have none on)."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.services.exchange import import_history
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.dialogs.import_wizard import PAGE_DONE, PAGE_PREVIEW, PAGE_SUMMARY, ImportWizard
from infcrm.ui.models.import_preview_table_model import COLUMNS

LIST = (
    "Name,Email,Platform,Handle,Followers,Country,Tags\n"
    "Ana Ruiz,ana@ruiz.studio,TikTok,ana.tok,12000,Portugal,summer\n"
    "Cara Icing,cara@icing.test,Instagram,cara.icing,1500,Italy,vegan\n"
    "Ben Stone,ben@stone.test,Instagram,ben.stone,800,Spain,\n"
)


def _people(db: Database) -> None:
    for name, email, country, handle in (
        ("Ana Ruiz", "ana@ruiz.studio", "Spain", "ana.ruiz"),
        ("Cara Icing", "cara@icing.test", "France", "cara.icing"),
    ):
        influencers.create(
            db,
            InfluencerInput(
                display_name=name,
                email=email,
                country=country,
                accounts=(AccountInput("instagram", handle, followers=900),),
            ),
        )


def _preview(qtbot, db: Database, tmp_path: Path, text: str) -> ImportWizard:
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[0].path_edit.setText(str(path))
    while wizard.currentId() != PAGE_PREVIEW:
        wizard.next()
    return wizard


def _shown(wizard: ImportWizard) -> list[dict[str, str]]:
    model = wizard.pages[PAGE_PREVIEW].model
    return [
        {key: model.index(row, column).data() for column, (key, _title) in enumerate(COLUMNS)}
        for row in range(model.rowCount())
    ]


def test_skip_previews_people_already_there_as_kept_with_only_the_accounts_it_adds(
    qtbot, db: Database, tmp_path: Path
) -> None:
    _people(db)
    wizard = _preview(qtbot, db, tmp_path, LIST)

    ana, cara, ben = _shown(wizard)

    # Ana: kept as she is; her new TikTok account is all that is written.
    assert ana["action"] == "Skip + new account"
    assert (ana["display_name"], ana["email"], ana["country"], ana["tags"]) == (
        "Ana Ruiz",
        "",
        "",
        "",
    )
    assert (ana["platform"], ana["handle"], ana["followers"], ana["accounts"]) == (
        "TikTok",
        "@ana.tok",
        "12k",
        "1",
    )
    assert ana["note"].startswith("Already in infcrm as Ana Ruiz (same email)")
    view = wizard.pages[PAGE_PREVIEW].view
    assert view.columnWidth(1) >= view.sizeHintForColumn(1)  # “Skip + new account” whole
    # Cara: nothing of the row is written.
    assert cara["action"] == "Skip"
    assert [cara[k] for k in ("email", "handle", "followers", "accounts", "country", "tags")] == [
        ""
    ] * 6
    # Ben is new: the file's values, as before.
    assert (ben["action"], ben["country"], ben["handle"]) == ("New", "Spain", "@ben.stone")
    # With “update”, the file's values are what will be written.
    wizard.pages[PAGE_PREVIEW].duplicates.button(1).click()
    ana, cara, _ben = _shown(wizard)
    assert (ana["action"], ana["country"], ana["tags"]) == ("Update", "Portugal", "summer")
    assert (cara["action"], cara["country"]) == ("Update", "Italy")
    wizard.reject()


def test_skip_previews_a_person_on_several_rows_with_the_accounts_their_rows_add(
    qtbot, db: Database, tmp_path: Path
) -> None:
    _people(db)
    wizard = _preview(
        qtbot,
        db,
        tmp_path,
        "Name,Email,Platform,Handle,Followers,Country\n"
        "Ana Ruiz,ana@ruiz.studio,Instagram,ana.ruiz,5400,Portugal\n"
        "Ana Ruiz,ana@ruiz.studio,TikTok,ana.tok,12000,\n"
        "Ana Ruiz,ana@ruiz.studio,YouTube,AnaRuizTV,,\n",
    )

    ana, *later = _shown(wizard)

    assert ana["action"] == "Skip + 2 new accounts"
    assert (ana["country"], ana["platform"], ana["handle"], ana["accounts"]) == (
        "",
        "TikTok",
        "@ana.tok",
        "2",
    )
    assert ana["note"].endswith("+ 2 more rows of this person (rows 3, 4): YouTube @anaruiztv"), (
        ana["note"]
    )
    # Her later rows: what of them is added to her — their accounts, not their values.
    assert [(row["action"], row["display_name"], row["email"], row["handle"]) for row in later] == [
        ("Added to row 2", "Ana Ruiz", "", "@ana.tok"),
        ("Added to row 2", "Ana Ruiz", "", "@anaruiztv"),
    ]
    wizard.reject()


def test_people_the_file_would_not_change_are_shown_and_counted_as_up_to_date(
    qtbot, db: Database, tmp_path: Path
) -> None:
    _people(db)
    wizard = _preview(
        qtbot,
        db,
        tmp_path,
        "Name,Email,Platform,Handle,Followers,Country\n"
        "Ana Ruiz,ana@ruiz.studio,Instagram,ana.ruiz,900,Spain\n"
        "Cara Icing,cara@icing.test,Instagram,cara.icing,900,Italy\n",
    )
    wizard.pages[PAGE_PREVIEW].duplicates.button(1).click()  # update

    shown = _shown(wizard)
    assert [row["action"] for row in shown] == ["Up to date", "Update"]
    assert shown[0]["note"] == "Already up to date: Ana Ruiz (same account)."
    view = wizard.pages[PAGE_PREVIEW].view
    assert view.columnWidth(1) >= view.sizeHintForColumn(1)  # “Up to date” on one line

    wizard.next()
    summary = wizard.pages[PAGE_SUMMARY]
    assert summary.headline.text() == "Import 1 person"
    assert "Will create 0, update 1, already up to date 1, skip 0, not import 0." in (
        summary.advice.text()
    )
    wizard.next()  # Import

    assert wizard.currentId() == PAGE_DONE
    done = wizard.pages[PAGE_DONE].text.text()
    assert "Created 0, updated 1, already up to date 1, skipped 0, not imported 0." in done
    assert import_history.last_import(db).updated == 1
