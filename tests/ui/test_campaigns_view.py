"""The Campaigns screen: creating a campaign, adding people in bulk, terms, posts and payments."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.dialogs import campaign_picker_dialog
from infcrm.ui.dialogs.campaign_dialog import CampaignDialog
from infcrm.ui.dialogs.content_dialog import ContentDialog
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.events import events
from infcrm.ui.views.campaigns_view import CampaignsView


@pytest.fixture
def view(qtbot, demo_db: Database) -> CampaignsView:
    widget = CampaignsView(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.refresh()
    return widget


def _spring(db: Database, people: int = 3) -> int:
    campaign_id = campaigns.create_campaign(
        db,
        CampaignInput(name="Spring launch", starts_on=date(2026, 3, 1), status="active"),
    )
    ids = influencer_list.list_ids(db, ListQuery())[:people]
    campaigns.add_influencers(db, campaign_id, ids)
    return campaign_id


def test_the_empty_screen_says_how_to_start(qtbot, db: Database, qtmodeltester) -> None:
    view = CampaignsView(db)
    qtbot.addWidget(view)
    view.refresh()
    assert view.screen_pages.currentWidget() is view.empty
    sentence = view.empty.findChild(QLabel, "empty_text").text()
    assert "A campaign keeps what you offered each influencer" in sentence
    assert view.start_button.text() == "New campaign…" and view.start_button.property("primary")
    started = []
    view.new_campaign = lambda: started.append(True)
    view.start_button.click()
    assert started == [True]
    qtmodeltester.check(view.campaign_model)


def test_campaign_names_are_shown_whole(qtbot, demo_db: Database) -> None:
    view = CampaignsView(demo_db)
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    view.refresh()
    table = view.campaign_table
    for row, campaign in enumerate(view.campaign_model.records):
        index = view.campaign_model.index(row, 0)
        assert index.data().startswith(campaign.name + "\n")
        text_width = table.fontMetrics().horizontalAdvance(campaign.name)
        lines = -(-text_width // max(table.columnWidth(0) - 12, 1))  # at most this many lines
        assert table.rowHeight(row) >= table.fontMetrics().height() * min(lines + 1, 2)


def test_the_campaign_form_refuses_bad_input_next_to_the_field(qtbot, demo_db: Database) -> None:
    dialog = CampaignDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.name.setText("Summer giveaway")
    dialog.budget.setText("-300")
    dialog.currency.setCurrentText("EUD")
    dialog._on_save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "not a currency" in dialog.errors["budget"].message
    before = campaigns.list_campaigns(demo_db)
    assert "Summer giveaway" not in [c.name for c in before]
    dialog.currency.setCurrentText("EUR")
    dialog._on_save()
    assert "negative" in dialog.errors["budget"].message
    dialog.budget.setText("300")
    dialog._on_save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = campaigns.list_campaigns(demo_db)
    assert len(after) == len(before) + 1 and "Summer giveaway" in [c.name for c in after]


def _show(view: CampaignsView, campaign_id: int) -> None:
    view.refresh()
    view.select_campaign(campaign_id)
    assert view.current_campaign_id() == campaign_id


def test_a_new_campaign_shows_with_its_people(qtbot, view: CampaignsView, qtmodeltester) -> None:
    before = view.campaign_model.rowCount()
    campaign_id = _spring(view.db)
    events.campaigns_changed.emit([campaign_id])  # as the campaign form does after saving
    qtbot.waitUntil(lambda: view.campaign_model.rowCount() == before + 1)
    _show(view, campaign_id)
    assert view.right.currentIndex() == 1
    assert "Spring launch" in view.heading.text()
    assert view.deal_model.rowCount() == 3
    assert view.deal_model.index(0, 3).data() == "Not written yet"
    qtmodeltester.check(view.deal_model)


def test_adding_the_selected_influencers_from_the_list(
    qtbot, main_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = main_window.db
    campaign_id = _spring(db, people=1)
    main_window.show_view("influencers")
    view = main_window.views["influencers"]
    qtbot.waitUntil(lambda: view.model.rowCount() > 5)
    view.table.selectRow(0)
    for row in range(1, 5):
        view.table.selectionModel().select(
            view.model.index(row, 0),
            view.table.selectionModel().SelectionFlag.Select
            | view.table.selectionModel().SelectionFlag.Rows,
        )
    chosen = view.selected_influencer_ids()
    assert len(chosen) == 5

    class Picker:
        def __init__(self, *_args, **_kwargs) -> None:
            pass

        def exec(self) -> bool:
            return True

        def chosen_id(self) -> int:
            return campaign_id

    monkeypatch.setattr(campaign_picker_dialog, "CampaignPickerDialog", Picker)
    # Whoever of them is marked do not contact is added anyway, as after "Go on anyway".
    monkeypatch.setattr(campaign_picker_dialog, "confirm_contact", lambda *_a: True)
    view.add_to_campaign()
    people = {d.influencer_id for d in deals.deal_summaries(db, campaign_id, date.today())}
    assert set(chosen) <= people and len(people) in (5, 6)
    assert "Added" in main_window.statusBar().currentMessage()


def test_terms_posts_and_payments_through_the_deal_dialog(qtbot, view: CampaignsView) -> None:
    campaign_id = _spring(view.db, people=1)
    _show(view, campaign_id)
    [deal] = deals.deal_summaries(view.db, campaign_id, date.today())
    dialog = DealDialog(view.db, deal.id)
    qtbot.addWidget(dialog)
    product = dialog.incentives.add_line()
    product.description.setText("Linen apron")
    product.quantity.setValue(2)
    product.value.setText("45")
    product.shipping.setCurrentIndex(product.shipping.findData("shipped"))
    product.carrier.setText("DHL")
    product.tracking.setText("JD0123")
    fee = dialog.incentives.add_line()
    fee.kind.setCurrentIndex(fee.kind.findData("fee"))
    fee.value.setText("-150")
    dialog.deliverables.add_line().count.setValue(2)
    assert not dialog.save_terms()
    assert "negative" in fee.error.message, "the error shows under the line at fault"
    assert deals.get_deal(view.db, deal.id).incentives == (), "nothing saved"
    fee.value.setText("150")
    assert dialog.save_terms()
    apron = deals.get_deal(view.db, deal.id).incentives[0]
    assert (apron.shipping_status, apron.carrier, apron.tracking_number) == (
        "shipped",
        "DHL",
        "JD0123",
    )
    qtbot.waitUntil(lambda: view.deal_model.index(0, 2).data() == "€240.00")
    assert view.deal_model.index(0, 6).data() == "€150.00", "the fee is owed until paid"

    dialog.amount.setText("100")
    dialog.method.setText("Bank transfer")
    assert dialog.record_payment()
    assert "still owed: €50.00" in dialog.owed.text()

    saved = deals.get_deal(view.db, deal.id)
    post = ContentDialog(view.db, saved, dialog)
    qtbot.addWidget(post)
    post.posted_on.setDate(QDate.currentDate())
    post.fields["likes"].setText("1.2k")
    post.fields["comments"].setText("abc")
    post._on_save()
    assert "comments" in post.errors["comments"].message.lower()
    post.fields["comments"].setText("80")
    post.url.setText("https://instagram.com/p/abc")
    post._on_save()
    assert post.result() == QDialog.DialogCode.Accepted
    dialog.reload()
    assert dialog.content_model.index(0, 3).data() == "1,280"
    assert "1 of 2" in dialog.progress.text()


def test_removing_someone_asks_first(qtbot, view: CampaignsView, monkeypatch) -> None:
    _show(view, _spring(view.db, people=2))
    view.deal_table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    view.remove_selected()
    assert view.deal_model.rowCount() == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.remove_selected()
    qtbot.waitUntil(lambda: view.deal_model.rowCount() == 1)


def test_the_brief_tab_says_what_its_button_edits_and_opens_the_brief(
    qtbot, view: CampaignsView
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    campaign_id = _spring(view.db, people=1)
    _show(view, campaign_id)
    view.tabs.setCurrentIndex(view.tabs.indexOf(view.brief_page))
    assert view.edit_brief_button.isVisible()
    assert view.edit_brief_button.text() == "Edit brief…"
    assert "Edit brief…" in view.brief.toPlainText()  # no brief yet: the hint names the button
    seen = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append((type(dialog).__name__, dialog.focusWidget() is dialog.brief))
        dialog.reject()

    QTimer.singleShot(0, look)
    view.edit_brief_button.click()
    assert seen == [("CampaignDialog", True)]
