"""One influencer in one campaign: the terms, the posts they delivered, and the fees paid."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.campaign_enums import ContentFormat, DeliverableStatus
from infcrm.domain.dates import day_text
from infcrm.domain.enums import Platform
from infcrm.domain.money import describe_totals
from infcrm.services.campaigns import campaigns, deal_edits, deal_tracking, deals
from infcrm.services.campaigns.campaign_types import (
    ContentItem,
    DealTermsInput,
    PaymentInput,
    PaymentItem,
)
from infcrm.services.campaigns.campaign_types import Deal as DealInfo
from infcrm.services.campaigns.deal_tracking import DealTracking, TrackingInput
from infcrm.services.changes import Changes
from infcrm.services.errors import (
    CampaignNotFound,
    DealGone,
    EditConflict,
    PaymentsRecordedMeanwhile,
)
from infcrm.ui import operations, theme, undo_commands
from infcrm.ui.dialogs import deal_conflict
from infcrm.ui.dialogs.content_dialog import ContentDialog, post_title
from infcrm.ui.dialogs.follow_saved import (
    FollowSaved,
    explain_refusal,
    forget_typing,
    take_saved,
    with_cursor,
)
from infcrm.ui.dialogs.payment_dialog import PaymentDialog
from infcrm.ui.dialogs.seen_delete import ask, delete_seen
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.events import events
from infcrm.ui.models.campaign_columns import CONTENT_COLUMNS, PAYMENT_COLUMNS
from infcrm.ui.models.record_table_model import RecordTableModel, record_table
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.terms_fields import TermsFields
from infcrm.ui.widgets.tracking_editor import TrackingEditor
from infcrm.ui.widgets.typed_date_edit import TypedDateEdit


def promised_progress(delivered: int, count: int, status: str, due: date | None) -> str:
    """E.g. "0 of 1, due 23 Apr", "1 of 2, late (was due 3 Mar)" or "2 of 2, delivered"."""
    done = f"{delivered} of {count}"
    if status == DeliverableStatus.DELIVERED.value:
        return f"{done}, delivered"
    when = day_text(due, year=False) if due else ""
    if status == DeliverableStatus.LATE.value:
        return f"{done}, late (was due {when})" if when else f"{done}, late"
    return f"{done}, due {when}" if when else done


class DealDialog(AsksBeforeClosing, QDialog):
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

    # Content and payments ----------------------------------------------------------------

    def _content_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        column.addWidget(self.progress)
        self.content_model: RecordTableModel[ContentItem] = RecordTableModel(CONTENT_COLUMNS, self)
        self.content_table = record_table(self.content_model)
        column.addWidget(self.content_table, 1)
        row = QHBoxLayout()
        record = QPushButton("Record a post…")
        record.setToolTip("Add a delivered post with its likes, reach, clicks and sales")
        record.clicked.connect(self._on_record_post)
        edit = QPushButton("Edit post…")
        edit.setToolTip("Change the selected post's link, day or results (also: double-click it)")
        edit.clicked.connect(self._on_edit_post)
        self.content_table.doubleClicked.connect(self._on_edit_post)
        delete = QPushButton("Delete post")
        delete.clicked.connect(self._on_delete_post)
        row.addWidget(record)
        row.addWidget(edit)
        row.addWidget(delete)
        row.addStretch(1)
        column.addLayout(row)
        return tab

    def _payments_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        self.owed = QLabel()
        column.addWidget(self.owed)
        self.payment_model: RecordTableModel[PaymentItem] = RecordTableModel(PAYMENT_COLUMNS, self)
        self.payment_table = record_table(self.payment_model)
        column.addWidget(self.payment_table, 1)
        form = QHBoxLayout()
        self.paid_on = TypedDateEdit()
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDisplayFormat("d MMM yyyy")
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(f"Amount in {self.payment_currency}")
        self.method = QLineEdit()
        self.method.setPlaceholderText("Method, e.g. bank transfer")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("Reference")
        add = QPushButton("Record payment")
        add.clicked.connect(self.record_payment)
        edit = QPushButton("Edit payment…")
        edit.setToolTip("Change the selected payment (also: double-click it)")
        edit.clicked.connect(self._on_edit_payment)
        self.payment_table.doubleClicked.connect(self._on_edit_payment)
        delete = QPushButton("Delete payment")
        delete.setToolTip("Remove the selected payment, e.g. one recorded by mistake")
        delete.clicked.connect(self._on_delete_payment)
        for widget in (self.paid_on, self.amount, self.method, self.reference, add, edit, delete):
            form.addWidget(widget)
        column.addLayout(form)
        self.payment_error = FieldError(self.amount)
        column.addWidget(self.payment_error)
        return tab

    def record_payment(self) -> bool:
        """Save the payment typed in the form. A payment someone else recorded on the deal
        since its list was shown is named first: the user may not want to pay twice."""
        self.payment_error.clear_error()
        data = PaymentInput(
            paid_on=self.paid_on.date().toPython(),
            amount=self.amount.text(),
            currency=self.payment_currency,
            method=self.method.text(),
            reference=self.reference.text(),
        )
        known = sorted(self.payments_seen)
        while True:
            saved = operations.run(
                self,
                "Record payment",
                lambda known=known: deal_edits.add_payment(self.db, self.deal_id, data, known),
                form=lambda errors: self.payment_error.show_error(" ".join(errors.values())),
                general=self.payment_error,
            )
            if not isinstance(saved.error, PaymentsRecordedMeanwhile):
                break
            self.reload()  # theirs shows in the list while the user decides
            if not ask(self, "Record payment", str(saved.error)):
                return False
            known = [*known, *(p.id for p in saved.error.recorded)]
        if not saved.ok:
            return False
        self.payments_seen.update([*known, saved.value.value])
        for field in (self.amount, self.method, self.reference):
            field.clear()
        self.reload()
        paid = next(p for p in self.payment_model.records if p.id == saved.value.value)
        title = f"payment of {paid.amount} to “{self.person}”"
        undo_commands.remember(self.db, title, saved.value, self)
        return True

    def _on_edit_payment(self) -> None:
        payment = self.payment_model.record(self.payment_table.currentIndex().row())
        if payment is not None and PaymentDialog(self.db, payment, self.person, self).exec():
            self.reload()

    def _on_delete_payment(self) -> None:
        payment = self.payment_model.record(self.payment_table.currentIndex().row())
        if payment is None:
            return
        question = f"Delete the payment of {payment.amount} made on {day_text(payment.paid_on)}?"
        if ask(self, "Delete payment", question):
            deleted = delete_seen(
                self, "Delete payment", payment.version,
                lambda seen: deal_edits.delete_payment(self.db, payment.id, seen),
                self.db.author, self.reload,
            )  # fmt: skip
            if deleted is not None:
                title = f"deletion of the payment of {payment.amount} to “{self.person}”"
                undo_commands.remember(self.db, title, deleted, self)

    def _on_record_post(self) -> None:
        deal = deals.get_deal(self.db, self.deal_id)
        if ContentDialog(self.db, deal, self).exec():
            self.reload()

    def _on_edit_post(self) -> None:
        post = self.content_model.record(self.content_table.currentIndex().row())
        if post is None:
            return
        deal = deals.get_deal(self.db, self.deal_id)
        if ContentDialog(self.db, deal, self, post).exec():
            self.reload()

    def _on_delete_post(self) -> None:
        post = self.content_model.record(self.content_table.currentIndex().row())
        if post is None:
            return
        question = f"Delete the post of {day_text(post.posted_on)} and its results?"
        if ask(self, "Delete post", question):
            title = post_title("deletion of the post", post.posted_on, self.person)
            deleted = delete_seen(
                self, "Delete post", post.version,
                lambda seen: deal_edits.delete_post(self.db, post.id, seen),
                self.db.author, self.reload,
            )  # fmt: skip
            if deleted is not None:
                undo_commands.remember(self.db, title, deleted, self)

    def reload(self, deal: DealInfo | None = None) -> None:
        """Show the deal's content, progress and payments as saved now (`deal`, just read)."""
        deal = deal or deals.get_deal(self.db, self.deal_id, date.today())
        self.content_model.set_records(deal.content)
        self.payment_model.set_records(deal.payments)
        parts = []
        for item in deal.deliverables:
            parts.append(
                f"{Platform(item.platform).label} {ContentFormat(item.format).label.lower()}: "
                + promised_progress(item.delivered, item.count, item.status, item.due_date)
            )
        self.progress.setText(
            "Promised: " + "; ".join(parts)
            if parts
            else "No content promised yet: add it on "
            "the first tab. Posts recorded here still count in the campaign report."
        )
        fees = describe_totals(deal.fees)
        self.owed.setText(
            f"Fees agreed: {fees} · paid: {describe_totals(deal.paid)} · "
            f"<b>still owed: {describe_totals(deal.owed) if deal.owed else 'nothing'}</b>"
            if deal.fees
            else "No fee in this deal's terms. Payments recorded here still count as paid."
        )
        self.owed.setTextFormat(Qt.TextFormat.RichText)

    def _on_agreement(self) -> None:
        from infcrm.ui.dialogs.agreement_dialog import AgreementDialog

        # The agreement is written from the saved terms: save what is on screen first.
        if not self.save_terms():
            self.tabs.setCurrentIndex(0)
            return
        AgreementDialog(self.db, self.deal_id, self).exec()
