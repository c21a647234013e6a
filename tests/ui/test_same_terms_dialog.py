"""Campaigns › Same terms…: twenty people given the same tea box and stories in one go, the
people who already had terms left alone, one Ctrl+Z taking it back."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import (
    CampaignInput,
    DealTermsInput,
    IncentiveInput,
)
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.dialogs.same_terms_dialog import SameTermsDialog
from tests.undo_screen import campaigns_screen, undo


def _tea(db: Database) -> tuple[int, int]:
    """“Tea” with 20 people; the first one's deal already holds a €200 fee: (campaign, deal)."""
    people = [influencers.create(db, InfluencerInput(display_name=f"P{n:02}")) for n in range(20)]
    campaign = campaigns.create_campaign(db, CampaignInput(name="Tea", currency="EUR"))
    campaigns.add_influencers(db, campaign, people)
    first = next(d.id for d in deals.deal_summaries(db, campaign, date.today())
                 if d.influencer_id == people[0])  # fmt: skip
    fee = IncentiveInput("fee", value="200", currency="EUR")
    deals.save_terms(db, first, DealTermsInput(incentives=(fee,)))
    return campaign, first


def test_same_terms_go_to_everyone_without_terms_in_one_undo_step(
    qtbot, db: Database, monkeypatch
) -> None:
    campaign, first = _tea(db)
    window, view = campaigns_screen(qtbot, db, campaign)
    qtbot.waitUntil(lambda: len(view.deal_model.records) == 20)
    shown: list[SameTermsDialog] = []

    def fill_and_apply(dialog: SameTermsDialog) -> int:
        shown.append(dialog)
        line = dialog.incentives.lines[0]
        line.description.setText("Tea sampler box")
        line.value.setText("29,90")
        story = dialog.deliverables.add_line()
        story.count.setValue(2)
        assert dialog.apply()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SameTermsDialog, "exec", fill_and_apply)
    view.same_terms_button.click()

    assert shown[0].apply_button.text() == "Apply to 19 influencers"
    assert "1 influencer already has terms" in shown[0].intro.text()
    rows = {d.id: d for d in deals.deal_summaries(db, campaign, date.today())}
    assert rows[first].incentive == "Fee" and rows[first].cost == "€200.00"
    others = [d for d in rows.values() if d.id != first]
    assert {(d.incentive, d.cost, d.deliverables_total) for d in others} == {
        ("Free product", "€29.90", 2)
    }
    # The screen shows them at once (the deals' changes reach it).
    qtbot.waitUntil(lambda: sum(d.cost == "€29.90" for d in view.deal_model.records) == 19)
    assert window.undo_stack.undoText() == "terms of 19 influencers in “Tea”"

    undo(qtbot, window)

    rows = {d.id: d for d in deals.deal_summaries(db, campaign, date.today())}
    assert rows[first].cost == "€200.00"
    assert all(not d.incentive and not d.deliverables_total for i, d in rows.items() if i != first)
