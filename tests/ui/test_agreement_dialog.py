"""The agreement composer: write, send, freeze, confirm, and save as .eml or PDF."""

from __future__ import annotations

from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import update

from infcrm.db.campaign_models import Campaign, Deal, Deliverable, Incentive
from infcrm.db.engine import Database
from infcrm.services.campaigns import agreement_confirming, agreement_templates, agreements
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.dialogs.agreement_dialog import AgreementDialog
from infcrm.ui.dialogs.agreement_reply_dialog import AgreementReplyDialog
from infcrm.ui.dialogs.template_editor_dialog import TemplateEditorDialog
from infcrm.ui.events import events


@pytest.fixture
def deal_id(db: Database) -> int:
    """Anna in the Spring Bake-Off with a free apron, a fee and two reels."""
    agreements.set_sender_name(db, "Lena")
    person = influencers.create(
        db,
        InfluencerInput(
            display_name="Anna Bakes",
            email="anna@example.com",
            accounts=(AccountInput("instagram", "anna.bakes", is_primary=True),),
        ),
    )
    with db.transaction() as session:
        campaign = Campaign(name="Spring Bake-Off", brand="Crumb & Co", hashtags="crumbspring")
        session.add(campaign)
        session.flush()
        deal = Deal(campaign_id=campaign.id, influencer_id=person, disclosure="ad_hashtag")
        session.add(deal)
        session.flush()
        session.add_all(
            [
                Incentive(deal_id=deal.id, kind="product", description="Linen apron",
                          value_minor=4500, currency="EUR"),
                Incentive(deal_id=deal.id, position=1, kind="fee", value_minor=15000,
                          currency="EUR"),
                Deliverable(deal_id=deal.id, platform="instagram", format="reel", count=2,
                            due_date=date(2026, 3, 14)),
            ]
        )  # fmt: skip
        return deal.id


@pytest.fixture
def dialog(qtbot, db: Database, deal_id: int) -> AgreementDialog:
    with qtbot.waitSignal(events.deals_changed) as told:
        shown = AgreementDialog(db, deal_id)
    assert told.args == [[deal_id]]  # the first draft was written: the deal's lists refresh
    qtbot.addWidget(shown)
    return shown


def _say_yes(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)


def _send(dialog: AgreementDialog, monkeypatch) -> None:
    _say_yes(monkeypatch)
    dialog.editor.sent_button.click()


def test_opening_writes_an_editable_draft_from_the_friendly_template(
    dialog: AgreementDialog,
) -> None:
    editor = dialog.editor
    assert editor.subject.text() == "Crumb & Co x Anna Bakes: what we agreed"
    assert editor.body.toPlainText().startswith("Hi Anna,")
    assert "- a fee of €150.00" in editor.body.toPlainText()
    assert not editor.body.isReadOnly() and editor.sent_button.isEnabled()
    assert not editor.reply_button.isEnabled() and editor.banner.isHidden()
    assert dialog.status_line.text().startswith("Version 1 of 1: Draft, not sent yet")
    assert dialog.to_label.text() == "To: anna@example.com"


def test_mark_sent_freezes_the_edited_text_and_shows_its_seal(
    qtbot, dialog: AgreementDialog, db: Database, deal_id: int, monkeypatch
) -> None:
    editor = dialog.editor
    editor.body.appendPlainText("\nP.S. The apron comes in green.")
    with qtbot.waitSignal(events.deals_changed):
        _send(dialog, monkeypatch)
    [sent] = agreements.versions(db, deal_id)
    assert sent.status == "sent" and sent.body.endswith("P.S. The apron comes in green.")
    assert editor.body.isReadOnly() and editor.subject.isReadOnly()
    assert not editor.sent_button.isEnabled() and editor.reply_button.isEnabled()
    assert not editor.banner.isHidden()
    assert f"SHA-256 {agreements.text_hash(sent.subject, sent.body)}" in editor.banner.text()
    assert "frozen" in editor.banner.text()
    assert dialog.status_line.text().startswith("Version 1 of 1: Sent on ")


def test_cancelling_mark_as_sent_keeps_the_draft(
    dialog: AgreementDialog, db: Database, deal_id: int, monkeypatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Cancel)
    dialog.editor.sent_button.click()
    assert agreements.versions(db, deal_id)[0].status == "draft"
    assert not dialog.editor.body.isReadOnly()


def test_a_pasted_reply_confirms_and_is_shown_as_evidence(
    dialog: AgreementDialog, db: Database, deal_id: int, monkeypatch
) -> None:
    _send(dialog, monkeypatch)

    def paste_and_record(reply_dialog: AgreementReplyDialog) -> int:
        assert reply_dialog.sender.text() == "anna@example.com"  # offered, may be changed
        reply_dialog.reply.setPlainText("Yes, sounds good! Anna")
        reply_dialog.record_button.click()
        return reply_dialog.result()

    monkeypatch.setattr(AgreementReplyDialog, "exec", paste_and_record)
    dialog.editor.reply_button.click()
    today = date.today()
    assert dialog.status_line.text() == (
        f"Version 1 of 1: Confirmed by anna@example.com on {today.day} {today:%B %Y}."
    )
    assert not dialog.editor.reply_box.isHidden()
    assert dialog.editor.reply_text.toPlainText() == "Yes, sounds good! Anna"
    assert not dialog.editor.reply_button.isEnabled()
    assert agreements.versions(db, deal_id)[0].status == "confirmed"


def test_an_empty_reply_is_refused_next_to_the_field(
    qtbot, dialog: AgreementDialog, db: Database, deal_id: int, monkeypatch
) -> None:
    _send(dialog, monkeypatch)
    reply_dialog = AgreementReplyDialog(db, dialog.current.id, "anna@example.com")
    qtbot.addWidget(reply_dialog)
    reply_dialog.record_button.click()
    assert "required" in reply_dialog.reply_error.message
    assert reply_dialog.confirmed is None
    assert agreements.versions(db, deal_id)[0].status == "sent"


def test_a_dropped_file_that_is_not_an_email_is_refused_and_changes_nothing(
    dialog: AgreementDialog, db: Database, deal_id: int, monkeypatch, tmp_path: Path
) -> None:
    _send(dialog, monkeypatch)
    junk = tmp_path / "notes.eml"
    junk.write_text("Shopping list: flour, sugar, eggs\n", encoding="utf-8")
    assert not dialog.record_reply_file(junk)
    assert "does not look like an email" in dialog.editor.general_error.message
    assert agreements.versions(db, deal_id)[0].status == "sent"
    assert dialog.status_line.text().startswith("Version 1 of 1: Sent on ")


def test_save_as_pdf_writes_a_real_pdf(dialog: AgreementDialog, monkeypatch, tmp_path) -> None:
    _send(dialog, monkeypatch)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "anna agreement"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    dialog.editor.pdf_button.click()
    saved = folder / "anna agreement.pdf"  # the extension is added
    assert saved.read_bytes().startswith(b"%PDF")
    assert saved.stat().st_size > 5_000
    assert dialog.editor.notice.text() == f"Saved as {saved}."
    assert [p.name for p in folder.iterdir()] == [saved.name]  # no partial file left


def test_save_as_eml_holds_the_draft_with_its_latest_edits(
    dialog: AgreementDialog, monkeypatch, tmp_path
) -> None:
    dialog.editor.subject.setText("Our deal, Anna")
    dialog.editor.subject.textEdited.emit("Our deal, Anna")
    target = tmp_path / "deal.eml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    dialog.editor.eml_button.click()
    message = BytesParser(policy=policy.default).parsebytes(target.read_bytes())
    assert message["Subject"] == "Our deal, Anna" and message["To"] == "anna@example.com"
    text = message.get_body(("plain",)).get_content()
    assert text.replace("\r\n", "\n").rstrip("\n") == dialog.editor.body.toPlainText()


def test_open_in_mail_program_and_copy(dialog: AgreementDialog, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: not opened.append(bytes(url.toEncoded()).decode())
    )
    dialog.editor.mail_button.click()
    assert opened[0].startswith("mailto:anna@example.com?subject=Crumb%20%26%20Co%20x%20Anna")
    assert "&body=Hi%20Anna%2C%0D%0A%0D%0AThank%20you" in opened[0]
    assert "Mark as sent" in dialog.editor.notice.text()
    dialog.editor.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.editor.body.toPlainText()
    dialog.editor.copy_actions["subject"].trigger()
    assert QGuiApplication.clipboard().text() == dialog.editor.subject.text()


def test_closing_asks_and_save_keeps_the_edits_to_the_draft(
    dialog: AgreementDialog, db: Database, deal_id: int, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **_k: asked.append(a[2]) or QMessageBox.StandardButton.Save),
    )
    dialog.editor.body.setPlainText("Hi Anna, just the short version.")
    dialog.reject()
    assert asked and "Save" in asked[0]
    assert agreements.versions(db, deal_id)[0].body == "Hi Anna, just the short version."


def test_after_terms_change_the_old_version_stays_readable_and_frozen(
    qtbot, dialog: AgreementDialog, db: Database, deal_id: int, monkeypatch
) -> None:
    _send(dialog, monkeypatch)
    agreement_confirming.confirm_with_text(db, dialog.current.id, "Yes!", sender="anna@example.com")
    first = agreements.versions(db, deal_id)[0]
    with db.transaction() as session:
        session.execute(update(Incentive).where(Incentive.kind == "fee").values(value_minor=9900))
        agreements.on_terms_changed(session, deal_id)

    again = AgreementDialog(db, deal_id)
    qtbot.addWidget(again)
    assert again.version_list.count() == 2
    assert "- a fee of €99.00" in again.editor.body.toPlainText()  # the new draft on top
    assert not again.editor.body.isReadOnly()
    again.version_list.setCurrentRow(1)
    assert again.editor.body.toPlainText() == first.body and again.editor.body.isReadOnly()
    today = date.today()
    assert again.status_line.text() == (
        "Version 1 of 2: Replaced by a newer version; it had been confirmed by "
        f"anna@example.com on {today.day} {today:%B %Y}."
    )
    assert again.editor.reply_text.toPlainText() == "Yes!"


def test_template_editor_refuses_an_unknown_placeholder_next_to_the_text(
    qtbot, db: Database
) -> None:
    editor = TemplateEditorDialog(db)
    qtbot.addWidget(editor)
    before = agreement_templates.list_templates(db)
    editor.body.setPlainText("Hi {first_name}, your fee is {fee_amount}.")
    editor.save_button.click()
    assert "{fee_amount}" in editor.errors["body"].message
    assert agreement_templates.list_templates(db) == before
    editor.body.setPlainText("Hi {first_name}, you get {incentive}.")
    editor.save_button.click()
    assert editor.errors["body"].message == ""
    assert agreement_templates.list_templates(db)[0].body == "Hi {first_name}, you get {incentive}."


def test_a_dropped_reply_with_raw_8bit_headers_confirms(
    dialog: AgreementDialog, db: Database, deal_id: int, monkeypatch, tmp_path: Path
) -> None:
    _send(dialog, monkeypatch)
    reply = tmp_path / "reply.eml"
    reply.write_bytes(
        b"From: Anna M\xfcller \xc3\xa9 <anna@example.com>\r\nSubject: Re: Sch\xf6n\r\n"
        b"Date: Mon, 02 Mar 2026 10:00:00 +0000\r\n\r\nJa, gerne \xfc\r\n"
    )
    assert dialog.record_reply_file(reply)
    newest = agreements.versions(db, deal_id)[0]
    assert newest.status == "confirmed" and newest.reply_subject == "Re: Schön"


def test_a_dropped_reply_over_25_mb_is_refused_in_words(
    dialog: AgreementDialog, db: Database, deal_id: int, monkeypatch, tmp_path: Path
) -> None:
    _send(dialog, monkeypatch)
    huge = tmp_path / "huge.eml"
    with huge.open("wb") as out:
        out.write(b"From: anna@example.com\r\n\r\n")
        out.truncate(26 * 1024 * 1024)
    assert not dialog.record_reply_file(huge)
    assert "up to 25 MB" in dialog.editor.general_error.message
    assert agreements.versions(db, deal_id)[0].status == "sent"
