"""One influencer in one campaign: the terms, the posts they delivered, and the fees paid."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaigns, deal_edits, deal_tracking, deals
from infcrm.services.campaigns.campaign_types import Deal as DealInfo
from infcrm.services.campaigns.campaign_types import (
    DealTermsInput,
)
from infcrm.services.campaigns.deal_tracking import DealTracking, TrackingInput
from infcrm.services.changes import Changes
from infcrm.services.errors import (
    CampaignNotFound,
    DealGone,
    EditConflict,
)
from infcrm.ui import operations, theme, undo_commands
from infcrm.ui.dialogs import deal_conflict
from infcrm.ui.dialogs.deal_content_tab import DealContentTab
from infcrm.ui.dialogs.deal_payments_tab import DealPaymentsTab
from infcrm.ui.dialogs.follow_saved import (
    FollowSaved,
    explain_refusal,
    forget_typing,
    take_saved,
    with_cursor,
)
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.events import events
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.terms_fields import TermsFields
from infcrm.ui.widgets.tracking_editor import TrackingEditor


class DealDialog(DealContentTab, DealPaymentsTab, AsksBeforeClosing, QDialog):
    """Terms, content and payments of one deal; each tab saves on its own."""

    def __init__(self, db: Database, deal_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.deal_id = deal_id
        deal = deals.get_deal(db, deal_id)
        # The version the terms were read at: a save over a newer one is a conflict to solve.
        self._version = deal.version
        self.currency = deal.campaign_currency
        # Fees are paid in the currency they were agreed in.
        self.payment_currency = next(iter(deal.fees), deal.campaign_currency)
        self.campaign = campaigns.get_campaign(db, deal.campaign_id)
        self.person = deal.influencer_name
        self.setWindowTitle(f"{deal.influencer_name} in {deal.campaign_name}")
        self._shown_as = f"{deal.influencer_name}'s deal in “{deal.campaign_name}”"
        self.step_title = f"edit of the deal of “{deal.influencer_name}” in “{deal.campaign_name}”"
        comfortable_size(self, 940, 640)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._terms_tab(deal), "What they get and deliver")
        self.tabs.addTab(self._content_tab(), "Content and results")
        self.tabs.addTab(self._payments_tab(), "Payments")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        agreement = buttons.addButton("Agreement…", QDialogButtonBox.ButtonRole.ActionRole)
        agreement.setToolTip("Write, send and confirm the agreement email for these terms")
        agreement.clicked.connect(self._on_agreement)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        # The main action (Enter, and the accent), set once it is inside the dialog.
        self.save_terms_button.setDefault(True)
        theme.set_primary(self.save_terms_button)
        self.reload()
        self.mark_clean()
        # The payments the user has seen recorded: those shown on opening and their own. One
        # a teammate recorded shows in the list as it lands, but recording another still
        # asks first (PaymentsRecordedMeanwhile): the user may not have looked at the list.
        self.payments_seen = {p.id for p in self.payment_model.records}
        # A teammate's save (or another window's) shows here as it lands: see follow_saved.
        self.following = FollowSaved(self, events.deals_changed, deal_id, self.follow_saved)

    # Terms -------------------------------------------------------------------------------

    def _terms_tab(self, deal) -> QWidget:
        inner = QWidget()
        form = QVBoxLayout(inner)
        self.terms = TermsFields(
            form,
            "products, a service, an experience, a fee or a commission; any mix",
            deal,
            self.currency,
            self.campaign.ends_on,
            with_notes=True,
        )
        # The parts by the names the tests and the conflict comparison use.
        self.incentives, self.deliverables = self.terms.incentives, self.terms.deliverables
        self.disclosure, self.usage, self.notes = (
            self.terms.disclosure,
            self.terms.usage,
            self.terms.notes,
        )
        self.terms_error = FieldError()
        form.addWidget(QLabel("<b>Promo code and tracking link</b> — how the shop's orders "
                              "find this deal (File › Import orders…)"))  # fmt: skip
        self.tracking = TrackingEditor(deal_tracking.get_tracking(self.db, self.deal_id))
        form.addWidget(self.tracking)
        form.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(scroll, 1)
        save_row = QHBoxLayout()
        self.terms_status = QLabel()
        self.terms_status.setWordWrap(True)
        save = self.save_terms_button = QPushButton("Save terms")
        save.setToolTip("Save what they get and deliver; a new agreement version follows if "
                        "the terms of a sent agreement changed")  # fmt: skip
        save.clicked.connect(self.save_terms)
        save_row.addWidget(self.terms_error, 1)
        save_row.addWidget(self.terms_status, 1)
        save_row.addWidget(save)
        column.addLayout(save_row)
        return tab

    def terms_input(self) -> DealTermsInput:
        """The terms as the form holds them."""
        return self.terms.value_input(self._version)

    def form_state(self) -> tuple[DealTermsInput, TrackingInput]:
        """The terms and code typed (posts and payments are saved as they are recorded)."""
        return self.terms_input(), self.tracking.value_input()

    def save_changes(self) -> bool:
        """Save the terms (Save in the question on closing)."""
        return self.save_terms()

    def save_terms(self) -> bool:
        """Save the terms; errors appear under the line at fault. Returns whether it saved."""
        self.terms_error.clear_error()
        saved = operations.run(
            self,
            "Save terms",
            lambda: deal_edits.edit_terms(
                self.db, self.deal_id, self.terms_input(), self.tracking.value_input()
            ),
            changes=Changes(deals=(self.deal_id,)),
            form=self._show_terms_errors,
            general=self.terms_error,
        )
        if isinstance(saved.error, EditConflict):
            return self._resolve(saved.error)
        if isinstance(saved.error, DealGone):  # named as the form shows it
            self.terms_error.show_error(DealGone.named(self._shown_as))
        if not saved.ok:
            self.terms_status.setText("")
            return False
        self._version = deals.get_deal(self.db, self.deal_id).version
        done = saved.value
        undo_commands.remember(self.db, self.step_title, done)  # one step of Edit › Undo
        self.terms.clear_errors()
        self.tracking.show_errors({})
        self.tracking.show_saved(deal_tracking.get_tracking(self.db, self.deal_id))
        self.terms_status.setText(
            "Saved. The agreement changed, so a new version is ready to send for confirmation."
            if done.value
            else "Saved."
        )
        self.reload()
        self.mark_clean()
        forget_typing(self)
        return True

    def _resolve(self, conflict: EditConflict) -> bool:
        """Someone saved these terms since the form read them: compare part by part, take the
        chosen parts of theirs into the form and save over the newer version. Closing the
        comparison leaves the form as typed (the reason stays beside Save terms)."""
        theirs: DealInfo = conflict.theirs
        me = self.db.author
        put_back = explain_refusal(self, self.terms_error, conflict, me, theirs.version)
        tracking = deal_tracking.get_tracking(self.db, self.deal_id)
        saved = deal_conflict.saved_as_typed(theirs, tracking, self.currency)
        mine, loaded = self.form_state(), self._clean_state
        keys = deal_conflict.choose(
            self,
            deal_conflict.TermsForm(*mine),
            deal_conflict.TermsForm(*loaded),
            theirs,
            saved,
            me,
            put_back,
        )
        if keys is None:
            return False
        self._take(theirs, tracking, keys)
        self._version = theirs.version
        return self.save_terms()

    def follow_saved(self) -> None:
        """Show the deal as saved now: its posts, payments and fees, and each part of the
        terms the user has not edited. Edited parts stay as typed, and the form keeps the
        version it was loaded at, so saving them compares both versions first."""
        try:
            deal = deals.get_deal(self.db, self.deal_id, date.today())
        except CampaignNotFound:  # taken out of its campaign meanwhile
            self.terms_error.show_error(DealGone.named(self._shown_as))
            return
        self.reload(deal)
        if deal.version == self._version:
            return
        tracking = deal_tracking.get_tracking(self.db, self.deal_id)
        saved = deal_conflict.saved_as_typed(deal, tracking, self.currency)
        mine, loaded = (deal_conflict.TermsForm(*s) for s in (self.form_state(), self._clean_state))
        found = deal_conflict.differences(mine, loaded, saved)
        edited = take_saved(
            self,
            found,
            lambda keys: self._take(deal, tracking, keys, link=True),
            with_cursor(self, self._fields()),
            deal.version,
        )
        self.terms_status.setText(
            self.following.said("This deal", deal.changed_by, self.db.author, edited, deal.version)
        )

    def _fields(self) -> dict[str, QWidget]:
        """The widgets of each part of the terms, by the comparison's keys."""
        return {
            "incentives": self.incentives,
            "deliverables": self.deliverables,
            "disclosure": self.disclosure,
            "usage_rights": self.usage,
            "notes": self.notes,
            "promo_code": self.tracking.code,
            "landing_url": self.tracking.landing,
        }

    def _take(
        self, theirs: DealInfo, tracking: DealTracking, keys: list[str], link: bool = False
    ) -> None:
        """Show the saved version of each of `keys` in the form (and the saved link)."""
        self.terms.take(theirs, keys, self.currency)
        if "promo_code" in keys:
            self.tracking.code.setText(tracking.promo_code or "")
        if "landing_url" in keys:
            self.tracking.landing.setText(tracking.landing_url or "")
        if link:
            self.tracking.show_link(tracking)

    def _show_terms_errors(self, errors: Mapping[str, str]) -> None:
        tracked = ("promo_code", "landing_url")
        self.terms.show_errors(errors, self.terms_error, shown_elsewhere=tracked)
        self.tracking.show_errors(dict(errors))

    # Content and payments (their tabs: deal_content_tab, deal_payments_tab) ---------------

    def reload(self, deal: DealInfo | None = None) -> None:
        """Show the deal's content, progress and payments as saved now (`deal`, just read)."""
        deal = deal or deals.get_deal(self.db, self.deal_id, date.today())
        self._show_content(deal)
        self._show_payments(deal)

    def _on_agreement(self) -> None:
        from infcrm.ui.dialogs.agreement_dialog import AgreementDialog

        # The agreement is written from the saved terms: save what is on screen first.
        if not self.save_terms():
            self.tabs.setCurrentIndex(0)
            return
        AgreementDialog(self.db, self.deal_id, self).exec()
