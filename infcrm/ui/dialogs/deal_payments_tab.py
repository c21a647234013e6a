"""The deal window's "Payments" tab: the fees agreed, paid and still owed, and recording,
editing and deleting payments."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from infcrm.domain.dates import day_text
from infcrm.domain.money import describe_totals
from infcrm.services.campaigns import deal_edits
from infcrm.services.campaigns.campaign_types import Deal as DealInfo
from infcrm.services.campaigns.campaign_types import PaymentItem
from infcrm.services.errors import PaymentsRecordedMeanwhile
from infcrm.ui import operations, undo_commands
from infcrm.ui.dialogs.payment_dialog import PaymentDialog
from infcrm.ui.dialogs.seen_delete import ask_and_delete
from infcrm.ui.models.campaign_columns import PAYMENT_COLUMNS
from infcrm.ui.models.record_table_model import RecordTableModel, record_table
from infcrm.ui.question_box import ask_yes
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.payment_fields import PaymentFields


class DealPaymentsTab:
    """The payments of the deal window (a DealDialog part: it holds db, deal_id, person,
    payment_currency, payments_seen and reload)."""

    def _payments_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        self.owed = QLabel()
        column.addWidget(self.owed)
        self.payment_model: RecordTableModel[PaymentItem] = RecordTableModel(PAYMENT_COLUMNS, self)
        self.payment_table = record_table(self.payment_model)
        column.addWidget(self.payment_table, 1)
        form = QHBoxLayout()
        self.payment_fields = PaymentFields(self.payment_currency, in_a_row=True)
        self.paid_on, self.amount = self.payment_fields.paid_on, self.payment_fields.amount
        self.method, self.reference = self.payment_fields.method, self.payment_fields.reference
        add = QPushButton("Record payment")
        add.clicked.connect(self.record_payment)
        edit = QPushButton("Edit payment…")
        edit.setToolTip("Change the selected payment (also: double-click it)")
        edit.clicked.connect(self._on_edit_payment)
        self.payment_table.doubleClicked.connect(self._on_edit_payment)
        delete = QPushButton("Delete payment")
        delete.setToolTip("Remove the selected payment, e.g. one recorded by mistake")
        delete.clicked.connect(self._on_delete_payment)
        for widget in (*self.payment_fields.by_key().values(), add, edit, delete):
            form.addWidget(widget)
        column.addLayout(form)
        self.payment_error = FieldError(self.amount)
        column.addWidget(self.payment_error)
        return tab

    def record_payment(self) -> bool:
        """Save the payment typed in the form. A payment someone else recorded on the deal
        since its list was shown is named first: the user may not want to pay twice."""
        self.payment_error.clear_error()
        data = self.payment_fields.typed()
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
            if not ask_yes(self, "Record payment", str(saved.error), cancel=False):
                return False
            known = [*known, *(p.id for p in saved.error.recorded)]
        if not saved.ok:
            return False
        self.payments_seen.update([*known, saved.value.value])
        self.payment_fields.clear_typed()
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
        ask_and_delete(
            self, self.db, "Delete payment",
            f"Delete the payment of {payment.amount} made on {day_text(payment.paid_on)}?",
            payment.version,
            lambda seen: deal_edits.delete_payment(self.db, payment.id, seen),
            self.reload,
            f"deletion of the payment of {payment.amount} to “{self.person}”",
        )  # fmt: skip

    def _show_payments(self, deal: DealInfo) -> None:
        """The payments and the fees still owed of `deal` as just read."""
        self.payment_model.set_records(deal.payments)
        fees = describe_totals(deal.fees)
        self.owed.setText(
            f"Fees agreed: {fees} · paid: {describe_totals(deal.paid)} · "
            f"<b>still owed: {describe_totals(deal.owed) if deal.owed else 'nothing'}</b>"
            if deal.fees
            else "No fee in this deal's terms. Payments recorded here still count as paid."
        )
        self.owed.setTextFormat(Qt.TextFormat.RichText)


__all__ = ["DealPaymentsTab"]
