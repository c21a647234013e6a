"""Two people edit one deal's terms, or its agreement draft, at once: the second to save sees
both versions part by part, chooses, and saves; nothing the first saved is lost. Sam is at
the screen (`db`); Ana saves from a second copy of the app on the same database (`ana`)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import agreements, deal_edits, deals
from infcrm.services.campaigns.campaign_types import DealTermsInput, IncentiveInput
from infcrm.services.campaigns.deal_tracking import TrackingInput, get_tracking
from infcrm.ui.dialogs.agreement_dialog import AgreementDialog
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.dialogs.edit_conflict_dialog import MINE, THEIRS, EditConflictDialog
from tests.deal_forms import terms_form
from tests.order_setup import bake_off
from tests.ui.comparing import answer_comparison


@pytest.fixture(autouse=True)
def _discard_on_teardown(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


def _anas_terms(ana: Database, deal: int, **values: object) -> None:
    """Ana saves the deal's terms with `values` changed, from her own copy of the app."""
    tracking = get_tracking(ana, deal)
    deal_edits.edit_terms(
        ana,
        deal,
        terms_form(deals.get_deal(ana, deal), **values),
        TrackingInput(tracking.promo_code, tracking.landing_url),
    )


def _sams_form(qtbot, db: Database) -> tuple[DealDialog, int]:
    lena = bake_off(db).lena
    deals.save_terms(db, lena, DealTermsInput(incentives=(IncentiveInput("fee", value="300"),)))
    dialog = DealDialog(db, lena)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes.setPlainText("Ships in May")
    return dialog, lena


def test_a_deal_saved_meanwhile_is_compared_and_merged_part_by_part(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena = _sams_form(qtbot, db)
    _anas_terms(
        ana,
        lena,
        usage_rights="Repost 3 months",
        incentives=(IncentiveInput("fee", value="450"),),
    )

    def choose(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert rows == {
            "incentives": ("Fee, 300.00 EUR", "Fee, 450.00 EUR"),
            "usage_rights": ("", "Repost 3 months"),
            "notes": ("Ships in May", ""),
        }
        heading = "Ana changed the deal of “Lena Bakes” in “Spring Bake-Off” while you were"
        words = [label.text() for label in comparing.findChildren(QLabel)]
        assert any(heading in text for text in words), words
        assert "Ana's version" in words, "her column is named after her"
        # Sam left the fee and the rights alone: Ana's are chosen; his note stays his.
        assert comparing.radios[("incentives", THEIRS)].isChecked()
        assert comparing.radios[("usage_rights", THEIRS)].isChecked()
        assert not comparing.radios[("notes", THEIRS)].isChecked()
        return True

    seen = answer_comparison(monkeypatch, choose)
    assert dialog.save_terms()

    assert len(seen) == 1
    assert dialog.terms_status.text() == "Saved."
    now = deals.get_deal(ana, lena)
    assert (now.usage_rights, now.notes) == ("Repost 3 months", "Ships in May")
    assert [i.value.plain() for i in now.incentives] == ["450.00"], "Ana's fee stands"
    assert dialog.usage.text() == "Repost 3 months", "the form shows what was saved"
    assert not dialog.has_unsaved_changes()


def test_closing_a_deals_comparison_keeps_the_form_and_saves_nothing(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena = _sams_form(qtbot, db)
    _anas_terms(ana, lena, usage_rights="Repost 3 months")
    answer_comparison(monkeypatch, lambda _comparing: False)

    assert not dialog.save_terms()

    assert dialog.isVisible() and dialog.notes.toPlainText() == "Ships in May"
    assert "Ana changed the deal of “Lena Bakes”" in dialog.terms_error.text()
    now = deals.get_deal(db, lena)
    assert (now.usage_rights, now.notes) == ("Repost 3 months", None)


def test_saving_the_terms_twice_in_one_window_is_no_conflict(qtbot, db: Database) -> None:
    dialog, lena = _sams_form(qtbot, db)
    assert dialog.save_terms()
    dialog.usage.setText("Repost 1 month")
    assert dialog.save_terms() and dialog.terms_status.text() == "Saved."
    assert deals.get_deal(db, lena).usage_rights == "Repost 1 month"


def _sams_draft(qtbot, db: Database) -> tuple[AgreementDialog, int]:
    lena = bake_off(db).lena
    dialog = AgreementDialog(db, lena)  # writes the first draft from the template
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editor.subject.setText("Our bake-off")
    dialog.editor.subject.textEdited.emit("Our bake-off")
    return dialog, lena


def test_an_agreement_draft_saved_meanwhile_is_compared_and_merged(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena = _sams_draft(qtbot, db)
    draft = agreements.versions(ana, lena)[0]
    deal_edits.edit_draft(ana, draft.id, draft.subject, "Hi Lena, Ana here.", seen=1)

    def choose(comparing: EditConflictDialog) -> bool:
        rows = {d.key: (d.mine, d.theirs) for d in comparing.differences}
        assert rows == {
            "subject": ("Our bake-off", draft.subject),
            "body": (draft.body, "Hi Lena, Ana here."),
        }
        heading = "Ana changed the draft of agreement version 1 while you were editing"
        words = [label.text() for label in comparing.findChildren(QLabel)]
        assert heading in words, words
        assert "Ana's version" in words, "her column is named after her"
        assert comparing.radios[("body", THEIRS)].isChecked(), "Sam left the text alone"
        assert not comparing.radios[("subject", THEIRS)].isChecked()
        return True

    seen = answer_comparison(monkeypatch, choose)
    assert dialog.save_draft()

    assert len(seen) == 1
    now = agreements.versions(ana, lena)[0]
    assert (now.subject, now.body) == ("Our bake-off", "Hi Lena, Ana here.")
    assert dialog.editor.body.toPlainText() == "Hi Lena, Ana here."
    assert not dialog.has_unsaved_changes()


def test_closing_a_drafts_comparison_keeps_the_draft_as_typed(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena = _sams_draft(qtbot, db)
    draft = agreements.versions(ana, lena)[0]
    deal_edits.edit_draft(ana, draft.id, draft.subject, "Hi Lena, Ana here.", seen=1)
    answer_comparison(monkeypatch, lambda _comparing: False)

    assert not dialog.save_draft()

    assert dialog.editor.subject.text() == "Our bake-off" and dialog.has_unsaved_changes()
    assert "Ana changed the draft" in dialog.editor.general_error.text()
    assert agreements.versions(db, lena)[0].body == "Hi Lena, Ana here."


def test_the_comparison_shows_what_differs_in_a_list_and_an_ampersand_as_typed(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    dialog, lena = _sams_form(qtbot, db)
    dialog.usage.setText("Repost on Fern & Crumb's account")
    _anas_terms(
        ana,
        lena,
        incentives=(
            IncentiveInput("fee", value="300"),
            IncentiveInput("product", "Oat tin", value="24"),
        ),
    )

    def look(comparing: EditConflictDialog) -> bool:
        theirs = comparing.words[("incentives", THEIRS)].text()
        assert theirs.startswith("Free product Oat tin"), "Ana's added line shows first"
        assert comparing.words[("usage_rights", MINE)].text() == "Repost on Fern & Crumb's account"
        return False

    seen = answer_comparison(monkeypatch, look)
    dialog.save_terms()
    assert len(seen) == 1


def test_marking_as_sent_a_draft_changed_meanwhile_shows_the_new_text_instead(
    qtbot, db: Database, ana: Database, monkeypatch
) -> None:
    lena = bake_off(db).lena
    dialog = AgreementDialog(db, lena)
    qtbot.addWidget(dialog)
    dialog.show()
    draft = agreements.versions(ana, lena)[0]
    deal_edits.edit_draft(ana, draft.id, draft.subject, "Hi Lena, Ana here.", seen=1)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)

    dialog.editor.sent_button.click()

    assert agreements.versions(db, lena)[0].status == "draft", "not frozen"
    assert dialog.editor.body.toPlainText() == "Hi Lena, Ana here."
    assert "changed elsewhere after you opened it" in dialog.editor.general_error.text()
    dialog.editor.sent_button.click()  # seen now: it goes
    assert agreements.versions(db, lena)[0].status == "sent"


def test_saving_a_deal_a_teammate_removed_meanwhile_names_the_deal_not_an_id(
    qtbot, db: Database, ana: Database
) -> None:
    from infcrm.services.campaigns import campaigns

    dialog, lena = _sams_form(qtbot, db)
    campaigns.remove_deal(ana, lena)
    assert not dialog.save_terms()
    said = dialog.terms_error.message
    assert said.startswith("Lena Bakes's deal in “Spring Bake-Off” no longer exists: "), said
    assert "#" not in said
