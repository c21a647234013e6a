"""Compose… from the list, the board and the person page: a preview per person, unknown
placeholders refused, then mail program, .eml files or DM texts copied one by one — every
message logged with its follow-up in one transaction and one undo step."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from urllib.parse import unquote

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.services.outreach import outreach_templates
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui import compose_sending
from infcrm.ui.compose_sending import open_compose
from infcrm.ui.dialogs.compose_dialog import ComposeDialog
from infcrm.ui.dialogs.outreach_templates_dialog import OutreachTemplatesDialog
from infcrm.ui.main_window import MainWindow


def _person(db: Database, name: str, email: str | None, handle: str, **extra) -> int:
    return influencers.create(
        db,
        InfluencerInput(
            display_name=name,
            email=email,
            accounts=(AccountInput("instagram", handle, followers=20_000),),
            **extra,
        ),
    )


@pytest.fixture
def people(db: Database) -> list[int]:
    return [
        _person(db, "Mia Bakes", "mia@example.com", "mia.bakes"),
        _person(db, "Kofi Runs", None, "kofi.runs"),
        _person(db, "Ana Ruiz", "ana@example.com", "ana.ruiz", do_not_contact=True),
    ]


@pytest.fixture
def window(qtbot, open_window, db: Database, people) -> MainWindow:
    window = open_window(db)
    qtbot.waitUntil(lambda: window.influencers_view().model.rowCount() == 3, timeout=10_000)
    return window


def _messages(db: Database) -> list[tuple]:
    with db.reader() as session:
        rows = session.execute(
            text(
                "SELECT influencer_id, channel, subject, summary FROM interaction "
                "WHERE kind = 'message' ORDER BY influencer_id"
            )
        )
        return [tuple(r) for r in rows]


def _follow_ups(db: Database) -> int:
    with db.reader() as session:
        return session.execute(text("SELECT count(*) FROM follow_up")).scalar_one()


def _compose_from_menu(window: MainWindow, ids: list[int]) -> ComposeDialog:
    window.influencers_view().table.select_ids(ids)
    action = window.outreach_menu.compose_action
    assert action.shortcut().toString() == "Ctrl+Shift+M"
    action.trigger()
    dialog = window.outreach_menu.compose_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_compose_previews_each_person_and_warns_about_do_not_contact_and_no_email(
    window, people
) -> None:
    dialog = _compose_from_menu(window, people)
    # In the list's order (by name), a mark before those with something to know.
    assert [dialog.people.item(i).text() for i in range(3)] == [
        "⚠ Ana Ruiz",
        "⚠ Kofi Runs",
        "Mia Bakes",
    ]
    assert "“Do not contact”" in dialog.warnings.message
    dialog.people.setCurrentRow(2)
    assert dialog.preview.toPlainText().startswith("Hi Mia,")
    assert dialog.preview_subject.text() == "Subject: A little something for Mia Bakes"
    assert not dialog.warnings.message
    assert dialog.counts.text() == (
        "2 to send · 1 marked “Do not contact” (left out) · 1 without an email address"
    )


def test_an_unknown_placeholder_is_named_and_nothing_can_be_sent(window, people, db) -> None:
    dialog = _compose_from_menu(window, people[:1])
    dialog.body.setPlainText("Hi {first_name}, your code is {discount}")
    dialog.refresh_preview()
    assert "{discount}" in dialog.errors["body"].message
    assert not dialog.mail_button.isEnabled() and not dialog.eml_button.isEnabled()
    compose_sending.send_by_mail(dialog)
    assert _messages(db) == []


def test_eml_files_are_saved_logged_with_follow_ups_and_undone_in_one_step(
    window, people, db, tmp_path, monkeypatch
) -> None:
    dialog = _compose_from_menu(window, people)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(tmp_path))
    dialog.follow_up_days.setValue(3)
    dialog.eml_button.click()

    files = sorted(tmp_path.glob("*.eml"))
    assert [f.name for f in files] == ["01 Kofi Runs.eml", "02 Mia Bakes.eml"]
    mail = BytesParser(policy=policy.default).parsebytes(files[1].read_bytes())
    assert mail["To"] == "mia@example.com"
    assert mail["Subject"] == "A little something for Mia Bakes"
    assert [m[:3] for m in _messages(db)] == [
        (people[0], "email", "A little something for Mia Bakes"),
        (people[1], "email", "A little something for Kofi Runs"),
    ]
    assert _follow_ups(db) == 2
    assert not dialog.isVisible()
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "email logged with 2 people"
    window.undo_stack.undo()
    assert _messages(db) == [] and _follow_ups(db) == 0


def test_open_in_mail_program_opens_a_mailto_per_person(window, people, db, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        compose_sending, "open_url", lambda url: opened.append(url.toString()) or True
    )
    dialog = _compose_from_menu(window, people[:1])
    dialog.follow_up.setChecked(False)
    dialog.mail_button.click()
    (url,) = opened
    assert url.startswith("mailto:mia@example.com?subject=")
    assert "Hi Mia," in unquote(url)
    assert len(_messages(db)) == 1 and _follow_ups(db) == 0


def test_direct_messages_are_copied_one_by_one_with_next(window, people, db) -> None:
    dialog = _compose_from_menu(window, people)
    dialog.template.setCurrentIndex(dialog.template.findText("First DM", flags_contains()))
    assert dialog.kind_value() == "dm" and dialog.copy_button.isVisible()
    dialog.copy_button.click()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text().startswith("Hi Kofi!")
    assert dialog.step.text() == (
        "Copied the message for Kofi Runs (1 of 2). Paste it into a direct message on "
        "Instagram, then press Next."
    )
    dialog.next_button.click()
    assert clipboard.text().startswith("Hi Mia!")
    assert dialog.next_button.text() == "Done: log 2 sent"
    dialog.next_button.click()
    assert [m[:2] for m in _messages(db)] == [
        (people[0], "instagram_dm"),
        (people[1], "instagram_dm"),
    ]


def flags_contains():
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchContains


def test_closing_with_an_edited_text_asks_save_discard_cancel(
    qtbot, db, people, monkeypatch
) -> None:
    dialog = ComposeDialog(db, people[:1])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.body.setPlainText("Hi {first_name}, changed")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    asked: list[str] = []

    def question(*args, **_kwargs):
        asked.append(args[2])
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    dialog.reject()
    assert dialog.isVisible(), "Cancel keeps the dialog open"
    dialog.reject()
    assert not dialog.isVisible()
    assert asked == [ComposeDialog.unsaved_question] * 2
    first = next(t for t in outreach_templates.list_templates(db) if t.name == "First email")
    assert first.body == "Hi {first_name}, changed"


def test_the_person_page_and_the_board_open_compose_for_their_people(
    qtbot, window, people, db
) -> None:
    view = window.influencers_view()
    view.select_influencer(people[1])
    timeline = view.detail.timeline
    timeline.compose_button.click()
    assert timeline.compose_dialog.ids == [people[1]]
    timeline.compose_dialog.done(0)
    window.show_view("pipeline")
    board = window.views["pipeline"]
    qtbot.waitUntil(lambda: not board.is_loading(), timeout=10_000)
    column = next(c for c in board.columns.values() if c.cards.model().rowCount())
    column.cards.selectAll()
    compose = next(a for a in column.card_menu().actions() if a.text() == "Compose…")
    compose.trigger()
    assert sorted(column.compose_dialog.ids) == sorted(column.selected_ids())


def test_the_list_context_menu_offers_compose(window, people) -> None:
    view = window.influencers_view()
    view.table.select_ids(people[:2])
    next(a for a in view.table_menu().actions() if a.text() == "Compose…").trigger()
    assert sorted(view.compose_dialog.ids) == people[:2]


def test_without_a_selection_compose_says_what_to_do(window) -> None:
    window.influencers_view().table.clearSelection()
    assert open_compose(window, window.db, []) is None
    assert "Select the people" in window.statusBar().currentMessage()


def test_the_template_manager_adds_a_template_and_refuses_an_unknown_placeholder(
    qtbot, db, monkeypatch
) -> None:
    dialog = OutreachTemplatesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.template_list.count() == 2
    dialog.new_button.click()
    dialog.name.setText("Fair thanks")
    dialog.subject.setText("Lovely to meet you, {first_name}")
    dialog.body.setPlainText("Use {voucher} at checkout")
    dialog.save_button.click()
    assert "{voucher}" in dialog.errors["body"].message
    assert len(outreach_templates.list_templates(db)) == 2
    dialog.body.setPlainText("Thanks for stopping by!\n{signature}")
    dialog.signature.setPlainText("Lena")
    dialog.save_button.click()
    assert dialog.template_list.count() == 3
    assert outreach_templates.signature(db) == "Lena"
    dialog.body.setPlainText("edited, not saved")
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **_k: asked.append(a[2]) or QMessageBox.StandardButton.Discard),
    )
    dialog.reject()
    assert asked == [OutreachTemplatesDialog.unsaved_question]
    assert not dialog.isVisible()
    QApplication.processEvents()


def test_typing_for_200_people_fills_only_the_message_on_show_and_reads_nothing(
    qtbot, db: Database
) -> None:
    """A pause in typing used to read all 200 people again and fill every message; now the
    people are read once per campaign and only the message on show is filled, and the
    preview still follows every edit, for whoever is chosen."""
    from sqlalchemy import event

    ids = [
        _person(db, f"Person {i:03d}", f"p{i}@example.com", f"person.{i:03d}") for i in range(200)
    ]
    dialog = ComposeDialog(db, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.people.count() == 200
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_rest) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    dialog.body.setPlainText("Hello {first_name} ({handle})")
    qtbot.waitUntil(lambda: dialog.preview.toPlainText() == "Hello Person (@person.000)")
    dialog.people.setCurrentRow(150)
    assert dialog.preview.toPlainText() == "Hello Person (@person.150)"
    dialog.subject.setText("For {influencer_name}")
    dialog.body.setPlainText("Bye {handle}")
    dialog.refresh_preview()
    assert dialog.preview.toPlainText() == "Bye @person.150"
    assert dialog.preview_subject.text() == "Subject: For Person 150"
    assert statements == []  # nothing read again while typing
    assert dialog.people.count() == 200 and dialog.people.currentRow() == 150
    sent = dialog.sendable()  # sending fills everyone, from the text as it is now
    assert len(sent) == 200 and sent[7].body == "Bye @person.007"
    dialog.campaign.setCurrentIndex(0)  # "No campaign" again: nothing to read
    dialog.body.setPlainText("Bye {first_name")  # a lone brace
    dialog.refresh_preview()
    assert dialog.errors["body"].message and dialog.preview.toPlainText() == ""
    assert not dialog.mail_button.isEnabled()
    event.remove(db.engine, "before_cursor_execute", seen)
