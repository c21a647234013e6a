"""What can be done on the Campaigns screen: campaigns added, edited and deleted, people
added to one or taken out, their deals and agreements opened."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from infcrm.services.campaigns import campaign_edits, campaigns
from infcrm.services.campaigns.campaign_types import DealSummary
from infcrm.ui import operations, undo_commands
from infcrm.ui.events import events
from infcrm.ui.question_box import ask_yes
from infcrm.ui.undo_commands import people


class CampaignActions:
    """The Campaigns screen's actions (a CampaignsView part: it holds db, deal_table,
    deal_model, current_campaign_id, refresh and select_campaign)."""

    def selected_deals(self) -> list[DealSummary]:
        """The selected rows of the influencer table."""
        rows = sorted({i.row() for i in self.deal_table.selectionModel().selectedRows()})
        return [r for r in (self.deal_model.record(n) for n in rows) if r is not None]

    def selected_influencer_id(self) -> int | None:
        """The one selected person (for Log interaction, Ctrl+L)."""
        chosen = self.selected_deals()
        return chosen[0].influencer_id if len(chosen) == 1 else None

    def new_campaign(self) -> None:
        """Open the form for a new campaign."""
        from infcrm.ui.dialogs.campaign_dialog import CampaignDialog

        dialog = CampaignDialog(self.db, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.refresh()
            self.select_campaign(dialog.saved_id)

    def edit_campaign(self, field: str | None = None) -> None:
        """Open the chosen campaign's form (at `field`, e.g. "brief", when given)."""
        from infcrm.ui.dialogs.campaign_dialog import CampaignDialog

        campaign_id = self.current_campaign_id()
        if campaign_id is not None:
            dialog = CampaignDialog(self.db, campaign_id, self)
            if field is not None:
                getattr(dialog, field).setFocus()  # given when the window first shows
            dialog.exec()

    def delete_campaign(self) -> None:
        """Delete the chosen campaign after asking."""
        campaign_id = self.current_campaign_id()
        if campaign_id is None:
            return
        name = campaigns.get_campaign(self.db, campaign_id).name
        if ask_yes(
            self,
            "Delete campaign",
            f"Delete “{name}” with its deals, agreements, content and payments?\n\nThe "
            "influencers themselves and their timelines stay. Edit › Undo brings it all back.",
        ):
            deleted = operations.run(
                self, "Delete campaign", lambda: campaign_edits.delete(self.db, campaign_id)
            )
            if deleted.ok:
                undo_commands.remember(self.db, f"deletion of the campaign “{name}”", deleted.value)

    def add_influencers(self) -> None:
        """Choose people to add to the chosen campaign."""
        from infcrm.ui.dialogs.influencer_picker_dialog import InfluencerPickerDialog

        campaign_id = self.current_campaign_id()
        if campaign_id is None:
            return
        ids = InfluencerPickerDialog.choose(self.db, self)
        if ids:
            from infcrm.ui.dialogs.campaign_picker_dialog import add_to_campaign

            add_to_campaign(self, self.db, ids, campaign_id)

    def same_terms(self) -> None:
        """The same terms for the selected people (several), else for everyone in it."""
        from infcrm.ui.dialogs.same_terms_dialog import SameTermsDialog, chosen_for_terms

        campaign_id = self.current_campaign_id()
        if campaign_id is not None:
            chosen = chosen_for_terms(self.selected_deals(), self.deal_model.records)
            SameTermsDialog(self.db, campaign_id, chosen, self).exec()

    def open_deal(self) -> None:
        """Open the selected person's deal: terms, content and payments."""
        from infcrm.ui.dialogs.deal_dialog import DealDialog

        chosen = self.selected_deals()
        if len(chosen) == 1:
            DealDialog(self.db, chosen[0].id, self).exec()

    def open_agreement(self) -> None:
        """Open the agreement composer for the selected person."""
        from infcrm.ui.dialogs.agreement_dialog import AgreementDialog

        chosen = self.selected_deals()
        if len(chosen) == 1:
            AgreementDialog(self.db, chosen[0].id, self).exec()

    def remove_selected(self) -> None:
        """Take the selected people out of the campaign, after asking."""
        chosen = self.selected_deals()
        if not chosen:
            return
        who = chosen[0].influencer_name if len(chosen) == 1 else f"{len(chosen)} influencers"
        if ask_yes(
            self,
            "Remove from campaign",
            f"Take {who} out of this campaign? Their terms, agreement, content and payments "
            "for it are deleted; the people themselves stay.",
        ):
            ids = [deal.id for deal in chosen]
            campaign_id = self.current_campaign_id()
            campaign = campaigns.get_campaign(self.db, campaign_id).name if campaign_id else ""
            taken = operations.run(
                self, "Remove from campaign", lambda: campaign_edits.take_out(self.db, ids)
            )
            if taken.ok:
                who = people(len(chosen), chosen[0].influencer_name)
                undo_commands.remember(self.db, f"removal of {who} from “{campaign}”", taken.value)

    def _on_deal_menu(self, pos: QPoint) -> None:
        if not self.deal_table.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        single = len(self.selected_deals()) == 1
        menu.addAction("Open deal…", self.open_deal).setEnabled(single)
        menu.addAction("Agreement…", self.open_agreement).setEnabled(single)
        menu.addAction("Open influencer", self._open_influencer).setEnabled(single)
        menu.addAction("Same terms…", self.same_terms).setEnabled(not single)
        menu.addSeparator()
        menu.addAction("Remove from campaign…", self.remove_selected)
        menu.popup(self.deal_table.viewport().mapToGlobal(pos))

    def _open_influencer(self) -> None:
        influencer_id = self.selected_influencer_id()
        if influencer_id is not None:
            events.open_influencer.emit(influencer_id)
