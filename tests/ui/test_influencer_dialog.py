"""The influencer form: what a user types is saved, what is wrong is said beside the field."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import func, select

from infcrm.db.engine import Database
from infcrm.db.models import SocialAccount
from infcrm.services.people import influencer_list, influencers, merge
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog
from infcrm.ui.events import events


@pytest.fixture(autouse=True)
def _discard_on_teardown(monkeypatch) -> None:
    """Forms left half-filled by a test are closed at teardown; answer their question."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


def _open(qtbot, db: Database, influencer_id: int | None = None) -> InfluencerDialog:
    dialog = InfluencerDialog(db, influencer_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # keyboard shortcuts and focus need an active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def _type(qtbot, widget, text: str) -> None:
    """Type `text` key by key; letters QTest cannot map (ö, emoji, Arabic) arrive as text."""
    widget.setFocus()
    for run in re.findall(r"[ -~]+|[^ -~]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, run)
                QApplication.sendEvent(widget, event)


def _save(qtbot, dialog: InfluencerDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _person_with_accounts(db: Database, count: int) -> int:
    with db.reader() as session:
        return session.execute(
            select(SocialAccount.influencer_id)
            .group_by(SocialAccount.influencer_id)
            .having(func.count() == count)
            .limit(1)
        ).scalar_one()


def test_adding_someone_with_two_accounts_on_an_empty_database(qtbot, db: Database) -> None:
    dialog = _open(qtbot, db)
    assert dialog.windowTitle() == "New influencer"
    _type(qtbot, dialog.display_name, "Anna Bakes")
    _type(qtbot, dialog.email, "anna@example.com")
    _type(qtbot, dialog.city, "Köln")
    _type(qtbot, dialog.tags, "vip, local")
    dialog.rating.setCurrentIndex(dialog.rating.findData(4))
    first = dialog.account_editors[0]
    _type(qtbot, first.handle, "@Anna.Bakes")
    _type(qtbot, first.counts["followers"], "12.5k")
    _type(qtbot, first.counts["avg_likes"], "400")
    _type(qtbot, first.counts["avg_comments"], "25")
    qtbot.mouseClick(dialog.add_account_button, Qt.MouseButton.LeftButton)
    second = dialog.account_editors[1]
    assert dialog.tabs.tabText(1) == "Accounts (2)"
    _type(qtbot, second.handle, "https://www.tiktok.com/@anna.tok/video/7")
    _type(qtbot, second.counts["followers"], "3,200")

    with qtbot.waitSignal(events.influencers_changed) as changed:
        _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert changed.args == [[dialog.saved_id]]
    person = influencers.get(db, dialog.saved_id)
    assert (person.display_name, person.email, person.city) == (
        "Anna Bakes",
        "anna@example.com",
        "Köln",
    )
    assert (person.tags, person.rating) == (("local", "vip"), 4)
    assert [(a.platform, a.handle, a.followers, a.is_primary) for a in person.accounts] == [
        ("instagram", "anna.bakes", 12_500, True),
        ("tiktok", "anna.tok", 3_200, False),  # the pasted TikTok link chose TikTok
    ]
    assert influencer_list.count(db) == 1


def test_handle_preview_and_engagement_update_while_typing(qtbot, db: Database) -> None:
    dialog = _open(qtbot, db)
    editor = dialog.account_editors[0]
    assert "once followers are filled in" in editor.summary.text()
    _type(qtbot, editor.handle, "instagram.com/Anna.Bakes/")
    assert "@anna.bakes" in editor.preview.text()
    assert "https://www.instagram.com/anna.bakes/" in editor.preview.text()
    assert editor.title() == "Instagram — @anna.bakes"
    _type(qtbot, editor.counts["followers"], "12.5k")
    _type(qtbot, editor.counts["avg_likes"], "400")
    _type(qtbot, editor.counts["avg_comments"], "25")
    assert editor.summary.text() == "Micro · 3.4% — high for Instagram micro"
    editor.platform.setCurrentIndex(editor.platform.findData("tiktok"))
    assert editor.summary.text() == "Micro · 3.4% — typical for TikTok micro"
    assert "That is an Instagram link, but the platform chosen is TikTok" in (editor.preview.text())
    editor.handle.clear()
    _type(qtbot, editor.handle, "anna bakes")
    assert "cannot contain spaces" in editor.preview.text()


def test_editing_a_demo_person_shows_their_accounts_and_growth(qtbot, demo_db: Database) -> None:
    person = influencers.get(demo_db, _person_with_accounts(demo_db, 3))
    dialog = _open(qtbot, demo_db, person.id)
    assert dialog.windowTitle() == f"Edit — {person.display_name}"
    assert dialog.display_name.text() == person.display_name
    assert dialog.tabs.tabText(1) == "Accounts (3)"
    main = dialog.account_editors[0]
    assert main.main_radio.isChecked()
    assert main.handle.text() == person.accounts[0].handle
    assert main.counts["followers"].text() == f"{person.accounts[0].followers:,}"
    assert main.growth.text().startswith("Followers: ")
    assert "→" in main.growth.text() and "today" in main.growth.text()
    # The demo keeps a first record and today's, with monthly ones between for some people.
    history = main.sparkline.values()
    assert len(history) >= 2 and history[-1] == person.accounts[0].followers
    assert not dialog.has_unsaved_changes()


def test_changing_followers_records_a_new_snapshot(qtbot, demo_db: Database) -> None:
    person_id = _person_with_accounts(demo_db, 3)
    dialog = _open(qtbot, demo_db, person_id)
    editor = dialog.account_editors[1]
    before = influencers.snapshots(demo_db, editor.account_id)
    editor.counts["followers"].clear()
    _type(qtbot, editor.counts["followers"], "250k")
    _save(qtbot, dialog)
    after = influencers.snapshots(demo_db, editor.account_id)
    assert len(after) == len(before) + 1
    assert after[-1].followers == 250_000
    assert influencers.get(demo_db, person_id).accounts[1].tier == "macro"


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("email", "anna(at)example.com", "“anna(at)example.com” is not an email address."),
        ("display_name", "", "Name is required; please fill it in."),
        ("other_emails", "ok@example.com, nope", "“nope” is not an email address."),
    ],
)
def test_a_bad_person_field_is_explained_beside_it(
    qtbot, demo_db: Database, field: str, text: str, message: str
) -> None:
    before = influencer_list.count(demo_db)
    dialog = _open(qtbot, demo_db)
    if field != "display_name":
        _type(qtbot, dialog.display_name, "Somebody")
    _type(qtbot, dialog.fields[field], text)
    _save(qtbot, dialog)
    assert message in dialog.errors[field].message
    assert dialog.errors[field].isVisible()
    assert dialog.fields[field].property("invalid") is True
    assert dialog.focusWidget() is dialog.fields[field]
    assert dialog.isVisible() and dialog.saved_id is None
    assert influencer_list.count(demo_db) == before
    _type(qtbot, dialog.fields[field], "x")  # typing again clears the complaint
    assert not dialog.errors[field].isVisible()


def test_a_ten_thousand_character_name_is_refused_with_the_limit(qtbot, db: Database) -> None:
    dialog = _open(qtbot, db)
    dialog.display_name.setText("N" * 10_000)  # as pasted
    _save(qtbot, dialog)
    assert dialog.errors["display_name"].message == (
        "Name is 10,000 characters long; keep it under 200."
    )
    assert influencer_list.count(db) == 0


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        (
            "other_emails",
            ", ".join(f"anna.{n:03d}@example-mail.test" for n in range(80)),
            "Other emails is 2,238 characters long; keep it under 2,000.",
        ),
        (
            "niches",
            ", ".join(f"niche {n:03d}" for n in range(120)),
            "Niches is 1,318 characters long; keep it under 1,000.",
        ),
    ],
    ids=["other emails", "niches"],
)
def test_other_emails_or_niches_too_long_are_refused_beside_the_field(
    qtbot, db: Database, field: str, text: str, message: str
) -> None:
    dialog = _open(qtbot, db)
    dialog.display_name.setText("Anna")
    dialog.fields[field].setText(text)  # as pasted
    _save(qtbot, dialog)
    assert dialog.errors[field].message == message
    assert dialog.errors[field].isVisible()
    assert dialog.isVisible() and dialog.saved_id is None
    assert influencer_list.count(db) == 0


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("followers", "-500", "Followers cannot be negative."),
        ("handle", "anna bakes", "A handle cannot contain spaces"),
        ("followers", "lots", "“lots” is not a number of followers."),
        (
            "followers",
            "99999999999999999",
            "“99999999999999999” is too large to be a number of followers. Check it for "
            "extra digits.",
        ),
        ("posts_per_week", "often", "“often” is not a number of posts per week."),
    ],
)
def test_a_bad_account_field_is_explained_on_its_card(
    qtbot, demo_db: Database, field: str, text: str, message: str
) -> None:
    before = influencer_list.count(demo_db)
    dialog = _open(qtbot, demo_db)
    _type(qtbot, dialog.display_name, "Somebody")
    qtbot.mouseClick(dialog.add_account_button, Qt.MouseButton.LeftButton)
    good, bad = dialog.account_editors
    _type(qtbot, good.handle, "somebody.fine")
    if field != "handle":
        _type(qtbot, bad.handle, "somebody.else")
    _type(qtbot, bad.fields[field], text)
    dialog.tabs.setCurrentIndex(0)
    _save(qtbot, dialog)
    assert message in bad.errors[field].message
    assert bad.fields[field].property("invalid") is True
    assert not any(e.message for e in good.errors.values())
    assert dialog.tabs.currentIndex() == 1  # the form turned to the page with the problem
    assert dialog.focusWidget() is bad.fields[field]
    assert not dialog.tabs.tabIcon(1).isNull()
    assert influencer_list.count(demo_db) == before


def test_a_handle_someone_else_has_names_them(qtbot, demo_db: Database) -> None:
    with demo_db.reader() as session:
        owner_id = session.execute(
            select(SocialAccount.influencer_id).where(SocialAccount.platform == "instagram")
        ).scalar()
    owner = influencers.get(demo_db, owner_id)
    taken = next(a for a in owner.accounts if a.platform == "instagram")
    dialog = _open(qtbot, demo_db)
    _type(qtbot, dialog.display_name, "Copycat")
    editor = dialog.account_editors[0]
    editor.platform.setCurrentIndex(editor.platform.findData(taken.platform))
    _type(qtbot, editor.handle, "@" + taken.handle.upper())
    _save(qtbot, dialog)
    assert f"already belongs to {owner.display_name}" in editor.errors["handle"].message


def test_emoji_and_right_to_left_text_are_saved_and_shown_intact(qtbot, db: Database) -> None:
    name = "ليلى 🌸 Lina"
    notes = "שלום! 👋🏽\nfamily: 👨‍👩‍👧"
    dialog = _open(qtbot, db)
    _type(qtbot, dialog.display_name, name)
    dialog.notes.setPlainText(notes)
    _type(qtbot, dialog.account_editors[0].handle, "lina.blooms")
    _save(qtbot, dialog)
    person = influencers.get(db, dialog.saved_id)
    assert (person.display_name, person.notes) == (name, notes)
    again = _open(qtbot, db, person.id)
    assert again.windowTitle() == f"Edit — {name}"
    assert again.display_name.text() == name
    assert again.notes.toPlainText() == notes


def test_ctrl_s_saves(qtbot, db: Database) -> None:
    dialog = _open(qtbot, db)
    _type(qtbot, dialog.display_name, "Quick Save")
    qtbot.keyClick(dialog.display_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert influencers.get(db, dialog.saved_id).display_name == "Quick Save"


def test_an_empty_new_account_card_is_ignored(qtbot, db: Database) -> None:
    dialog = _open(qtbot, db)
    _type(qtbot, dialog.display_name, "No Accounts Yet")
    _save(qtbot, dialog)
    assert influencers.get(db, dialog.saved_id).accounts == ()


def test_removing_an_account_and_choosing_another_main_one(qtbot, demo_db: Database) -> None:
    person = influencers.get(demo_db, _person_with_accounts(demo_db, 3))
    dialog = _open(qtbot, demo_db, person.id)
    main, second, third = dialog.account_editors
    qtbot.mouseClick(main.remove_button, Qt.MouseButton.LeftButton)
    assert second.main_radio.isChecked()  # the main role moves on instead of vanishing
    third.main_radio.setChecked(True)
    assert dialog.tabs.tabText(1) == "Accounts (2)"
    _save(qtbot, dialog)
    saved = influencers.get(demo_db, person.id)
    assert [(a.id, a.is_primary) for a in saved.accounts] == [
        (person.accounts[2].id, True),
        (person.accounts[1].id, False),
    ]
    assert influencers.snapshots(demo_db, person.accounts[0].id) == []


def test_tags_complete_from_the_tags_in_use(qtbot, db: Database) -> None:
    influencers.create(db, InfluencerInput(display_name="Tagged", tags="local, vegan-lover"))
    dialog = _open(qtbot, db)
    _type(qtbot, dialog.tags, "vip, ve")
    completer = dialog.tags.completer()
    assert completer.completionPrefix() == "vip, ve"
    assert completer.currentCompletion() == "vip, vegan-lover"  # earlier tags are kept


def test_cancel_with_changes_asks_and_keeps_everything_when_told(
    qtbot, db: Database, monkeypatch
) -> None:
    asked: list[str] = []

    def answer(choice):
        def question(_parent, _title, text, *_args):
            asked.append(text)
            return choice

        return question

    dialog = _open(qtbot, db)
    dialog.reject()  # nothing typed: closes without a question
    assert asked == [] and dialog.result() == QDialog.DialogCode.Rejected

    dialog = _open(qtbot, db)
    _type(qtbot, dialog.display_name, "Half typed")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    dialog.reject()
    assert not dialog.isVisible() and dialog.saved_id is None
    assert influencer_list.count(db) == 0


def test_closing_with_changes_can_save_them(qtbot, db: Database, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Save)
    dialog = _open(qtbot, db)
    _type(qtbot, dialog.display_name, "Saved On Close")
    dialog.close()
    QApplication.processEvents()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert influencers.get(db, dialog.saved_id).display_name == "Saved On Close"


def test_an_archived_stage_stays_on_the_person(qtbot, db: Database) -> None:
    from infcrm.db.models import Stage

    person_id = influencers.create(
        db, InfluencerInput(display_name="Old Stage", accounts=(AccountInput("x", "oldstage"),))
    )
    stage_id = influencers.get(db, person_id).stage_id
    with db.transaction() as session:
        session.get(Stage, stage_id).archived = True
    dialog = _open(qtbot, db, person_id)
    assert dialog.stage.currentText() == "Prospect (archived)"
    assert not dialog.has_unsaved_changes()


def test_a_channel_known_only_by_its_name_keeps_its_figures(qtbot, db: Database) -> None:
    from infcrm.ui.models.influencer_columns import cell_text

    dialog = _open(qtbot, db)
    _type(qtbot, dialog.display_name, "Anastasia")
    editor = dialog.account_editors[0]
    editor.platform.setCurrentIndex(editor.platform.findData("youtube"))
    _type(qtbot, editor.label, "Like Nastya")
    _type(qtbot, editor.counts["followers"], "106m")
    assert editor.title() == "YouTube account — Like Nastya"

    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (account,) = influencers.get(db, dialog.saved_id).accounts
    assert (account.platform, account.handle, account.label, account.followers) == (
        "youtube",
        None,
        "Like Nastya",
        106_000_000,
    )
    row = influencer_list.rows(db, [dialog.saved_id])[dialog.saved_id]
    assert cell_text("handle", row) == "Like Nastya"  # the list shows the name, not “@”
    again = _open(qtbot, db, dialog.saved_id)
    assert (again.account_editors[0].handle.text(), again.account_editors[0].label.text()) == (
        "",
        "Like Nastya",
    )


def test_an_old_channel_link_pasted_keeps_that_channel_and_stays_in_the_form(
    qtbot, db: Database
) -> None:
    from infcrm.ui.models.influencer_columns import cell_text

    dialog = _open(qtbot, db)
    _type(qtbot, dialog.display_name, "Anna")
    editor = dialog.account_editors[0]
    _type(qtbot, editor.handle, "https://www.youtube.com/c/AnnaBakes")
    assert editor.current_platform().value == "youtube"
    assert "@" not in editor.preview.text()
    assert "https://www.youtube.com/c/AnnaBakes" in editor.preview.text()
    assert editor.title() == "YouTube — AnnaBakes"

    _save(qtbot, dialog)

    (account,) = influencers.get(db, dialog.saved_id).accounts
    assert (account.handle, account.label, account.url) == (
        None,
        "AnnaBakes",
        "https://www.youtube.com/c/AnnaBakes",
    )
    row = influencer_list.rows(db, [dialog.saved_id])[dialog.saved_id]
    assert cell_text("handle", row) == "AnnaBakes"  # the list shows the name, never “@”
    again = _open(qtbot, db, dialog.saved_id)
    assert again.account_editors[0].handle.text() == "https://www.youtube.com/c/AnnaBakes"
    _type(qtbot, again.fields["city"], "Berlin")
    _save(qtbot, again)
    (account,) = influencers.get(db, dialog.saved_id).accounts
    assert account.url == "https://www.youtube.com/c/AnnaBakes", "an edit keeps the link"


def test_saving_someone_a_teammate_forgot_meanwhile_names_them_not_an_id(
    qtbot, db: Database, ana: Database
) -> None:
    """Sam edits Lena Fischer; meanwhile Ana forgets her (a privacy request). The save tells
    Sam who is gone and why, by name: never "This influencer (#1)"."""
    from infcrm.services.people import trash

    lena = influencers.create(db, InfluencerInput(display_name="Lena Fischer"))
    dialog = InfluencerDialog(db, lena)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.fields["city"], "Berlin")
    trash.forget(ana, [lena])
    _save(qtbot, dialog)
    said = dialog.general_error.message
    assert said.startswith("Lena Fischer no longer exists: "), said
    assert "#" not in said and "influencer" not in said.lower()
    assert dialog.isVisible() and influencer_list.count(db) == 0


def test_zero_width_characters_pasted_into_the_form_are_not_saved(qtbot, db: Database) -> None:
    dialog = _open(qtbot, db)
    # As pasted from a web page or with the middle mouse button: invisible, but there.
    dialog.display_name.setText("\ufeffMia Rossi\u200b")
    dialog.email.setText("mia@example.com\u2060")
    dialog.account_editors[0].handle.setText("@mia\u200b")
    assert "https://www.instagram.com/mia/" in dialog.account_editors[0].preview.text()

    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    person = influencers.get(db, dialog.saved_id)
    assert (person.display_name, person.email) == ("Mia Rossi", "mia@example.com")
    assert [a.handle for a in person.accounts] == ["mia"]


def test_other_names_a_merge_kept_are_shown_and_can_be_edited(qtbot, db: Database) -> None:
    ana = influencers.create(db, InfluencerInput(display_name="Ana Ruiz"))
    merge.merge(db, ana, influencers.create(db, InfluencerInput(display_name="Ana R.")))
    dialog = _open(qtbot, db, ana)
    assert dialog.other_names.text() == "Ana R."
    assert "Importing a list finds them" in dialog.other_names.toolTip()
    dialog.other_names.end(False)  # after what is there
    _type(qtbot, dialog.other_names, "; Annie R.; ana ruiz")

    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert influencers.get(db, ana).other_names == "Ana R.; Annie R.", "not her own name again"
    closed = _open(qtbot, db, ana)  # typed into, then closed unsaved: nothing changes
    _type(qtbot, closed.other_names, "; Someone Else")
    closed.reject()
    assert influencers.get(db, ana).other_names == "Ana R.; Annie R."


def test_an_old_channel_link_fits_the_accounts_tab_without_scrolling_sideways(
    qtbot, db: Database
) -> None:
    # “Saved as the channel … by this link, without a handle · https://…” on one line pushed
    # the followers' history and the authenticity box out of sight.
    channel = AccountInput("youtube", "https://www.youtube.com/c/LikeNastyaofficial")
    person = influencers.create(db, InfluencerInput(display_name="Nastya", accounts=(channel,)))
    dialog = _open(qtbot, db, person)
    dialog.resize(900, 700)
    from PySide6.QtWidgets import QTabWidget

    tabs = dialog.findChild(QTabWidget)
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if "Accounts" in tabs.tabText(i)))
    qtbot.wait(50)
    assert dialog.accounts_scroll.isVisible()

    assert not dialog.accounts_scroll.horizontalScrollBar().isVisible()
