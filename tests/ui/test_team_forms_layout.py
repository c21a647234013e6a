"""Long names in the team's forms, on a small screen (1024 × 640): the comparison shows its
rows whole with a three-line title and a long teammate's name, a form that says whose save
it took in keeps its fields full height, and a name taken under the cursor shows its start."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaign_edits, campaigns, deal_results, deals, result_edits
from infcrm.services.campaigns.campaign_types import CampaignInput, PaymentInput
from infcrm.services.changes import from_tables
from infcrm.ui import operations
from infcrm.ui.dialogs.campaign_dialog import CampaignDialog
from infcrm.ui.dialogs.edit_conflict_dialog import (
    Difference,
    EditConflictDialog,
    heading,
    their_version,
)
from infcrm.ui.dialogs.payment_dialog import PaymentDialog
from tests.order_setup import bake_off
from tests.ui.test_focused_fields_follow_teammates import opened

ANASTASIA = "Anastasia Wilhelmina Konstantinopoulou-Hargreaves"
DEAL = (
    "the deal of “Lena Marie Vanderbilt-Oberhauser of Bakes & Crumbs” in “Spring Bake-Off "
    "Festival 2026 with Oat & Honey Organic Kitchen”"
)


@pytest.fixture(autouse=True)
def _discard_on_teardown(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


@pytest.mark.parametrize("rows", [1, 3])
def test_a_comparison_with_long_names_shows_every_row_whole(qtbot, rows: int) -> None:
    found = [
        Difference(f"field{n}", f"Field {n}", "Ships in May, after the kitchen shoot with "
                   "the whole team", "Ships in June: the kitchen is being renovated", True)
        for n in range(rows)
    ]  # fmt: skip
    comparing = EditConflictDialog(
        heading(DEAL, ANASTASIA, "Sam"), their_version(ANASTASIA, "Sam"), found
    )
    qtbot.addWidget(comparing)
    comparing.show()
    qtbot.waitExposed(comparing)

    assert comparing.width() <= 1024 and comparing.height() <= 600, "fits a small screen"
    scroll = comparing.rows_area
    assert scroll.verticalScrollBar().maximum() == 0, "every row shows without scrolling"
    assert scroll.horizontalScrollBar().maximum() == 0, "nothing is cut on the right"
    for difference in found:
        radio = comparing.radios[(difference.key, "theirs")]
        assert radio.visibleRegion().boundingRect().height() == radio.height()


def test_a_payment_form_saying_whose_save_it_took_keeps_its_fields_full_height(
    qtbot, db: Database, ana: Database
) -> None:
    ana.sign_as(ANASTASIA)
    lena = bake_off(db).lena
    paid = deal_results.record_payment(db, lena, PaymentInput(date(2026, 5, 3), "200", "EUR"))
    [item] = deals.get_deal(db, lena).payments
    dialog = opened(qtbot, PaymentDialog(db, item, "Lena Bakes"))
    dialog.reference.setText("INV-7")
    result_edits.change_payment(ana, paid, PaymentInput(date(2026, 5, 3), "250", "EUR"), 1)

    operations.announce(from_tables(["payment"]))

    qtbot.waitUntil(lambda: dialog.amount.text() == "250.00")
    note = dialog.followed_note
    # laid out again, every line of the note showing
    qtbot.waitUntil(lambda: note.isVisible() and note.height() >= note.heightForWidth(note.width()))
    assert ANASTASIA in note.text()
    for field in (dialog.paid_on, dialog.amount, dialog.method, dialog.reference):
        assert field.height() >= field.minimumSizeHint().height(), "not squashed"


def test_a_long_name_taken_under_the_opening_cursor_shows_its_start(
    qtbot, db: Database, ana: Database
) -> None:
    summer = campaigns.create_campaign(db, CampaignInput("Summer launch"))
    dialog = opened(qtbot, CampaignDialog(db, summer))
    assert dialog.name.hasFocus() and dialog.name.selectedText() == "Summer launch"
    longer = "Summer launch 2026 — Oat & Honey Organic Kitchen, with the whole bakery team"
    campaign_edits.edit(ana, summer, CampaignInput(longer, version=1))

    operations.announce(from_tables(["campaign"]))

    qtbot.waitUntil(lambda: dialog.name.text() == longer)
    assert dialog.name.cursorPosition() == 0, "the name shows from its start"
    assert dialog.name.selectedText() == longer, "typing replaces it, as it would have"
    dialog.reject()


def test_the_agreement_window_of_a_deal_with_long_names_fits_a_small_screen(
    qtbot, db: Database
) -> None:
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput
    from infcrm.ui.dialogs.agreement_dialog import AgreementDialog

    person = influencers.create(
        db, InfluencerInput(display_name="Lena Marie Vanderbilt-Oberhauser of Bakes & Crumbs")
    )
    campaign = campaigns.create_campaign(
        db, CampaignInput("Spring Bake-Off Festival 2026 with Oat & Honey Organic Kitchen")
    )
    campaigns.add_influencers(db, campaign, [person])
    [deal] = deals.deal_summaries(db, campaign, date(2026, 4, 1))
    dialog = AgreementDialog(db, deal.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert dialog.minimumSizeHint().width() <= 1024, "the title wraps instead"
    assert dialog.width() <= 1040
    title = dialog.findChild(QLabel, "agreementTitle")
    assert title.width() <= dialog.width(), "the whole title shows"
    dialog.reject()


def test_a_comparison_shows_long_values_whole_and_a_click_on_one_chooses_it(qtbot) -> None:
    mine = "Repost for 3 months on the shop's Instagram and in two newsletters"
    theirs = "We may repost on our account and in newsletters for 12 months"
    found = [Difference("usage_rights", "Usage rights", mine, theirs, True)]
    comparing = EditConflictDialog(
        heading(DEAL, ANASTASIA, "Sam"), their_version(ANASTASIA, "Sam"), found
    )
    qtbot.addWidget(comparing)
    comparing.show()
    qtbot.waitExposed(comparing)

    words = {label.text() for label in comparing.rows_area.findChildren(QLabel)}
    assert {mine, theirs} <= words, "the difference (3 or 12 months) is not cut off"
    theirs_words = next(
        label for label in comparing.rows_area.findChildren(QLabel) if label.text() == theirs
    )
    assert theirs_words.visibleRegion().boundingRect().height() == theirs_words.height()
    qtbot.mouseClick(theirs_words, Qt.MouseButton.LeftButton)
    assert comparing.choices() == {"usage_rights": "theirs"}


def test_two_long_texts_that_differ_at_their_end_show_the_end(qtbot) -> None:
    body = "Hi Lena, thank you so much for saying yes to our Spring Bake-Off. " * 6
    found = [Difference("body", "Text", body, body + "P.S. Anastasia", True)]
    comparing = EditConflictDialog("Ana changed the draft", "Ana's version", found)
    qtbot.addWidget(comparing)
    comparing.show()

    words = [label.text() for label in comparing.rows_area.findChildren(QLabel)]
    assert any(text.startswith("…") and text.endswith("P.S. Anastasia") for text in words)
    assert any(text.startswith("…") and text.endswith("Bake-Off.") for text in words)
