"""The fields of one payment: the day it was paid, the amount, the method and the reference.

The deal window's Payments tab shows them in a row under its list (each saying what it is for
by its grey hint), the payment dialog as a labelled form; both read them as one `PaymentInput`.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from infcrm.services.campaigns.campaign_types import PaymentInput
from infcrm.ui.widgets.field_error import FieldError, with_error
from infcrm.ui.widgets.typed_date_edit import TypedDateEdit

# The service's names for the fields, with the labels the dialog's form gives them.
LABELS = {"paid_on": "Paid on", "amount": "Amount", "method": "Method", "reference": "Reference"}


class PaymentFields:
    """A payment's four fields in `currency`. In a row (`in_a_row`), where no label stands
    beside them, the method's and the reference's hints say what they are."""

    def __init__(self, currency: str, *, in_a_row: bool = False) -> None:
        self.currency = currency
        self.paid_on = TypedDateEdit()
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDisplayFormat("d MMM yyyy")
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(f"Amount in {currency}")
        self.method = QLineEdit()
        self.method.setPlaceholderText(
            "Method, e.g. bank transfer" if in_a_row else "e.g. bank transfer"
        )
        self.reference = QLineEdit()
        if in_a_row:
            self.reference.setPlaceholderText("Reference")

    def by_key(self) -> dict[str, QWidget]:
        """The fields by the service's names for them, in the order they are shown."""
        return {
            "paid_on": self.paid_on,
            "amount": self.amount,
            "method": self.method,
            "reference": self.reference,
        }

    def form(self, errors: dict[str, FieldError]) -> QFormLayout:
        """The fields as a labelled form, each with its error sentence under it (in `errors`)."""
        form = QFormLayout()
        for key, field in self.by_key().items():
            form.addRow(LABELS[key], with_error(key, field, errors, field))
        return form

    def typed(self) -> PaymentInput:
        """The payment as typed."""
        return PaymentInput(
            paid_on=self.paid_on.date().toPython(),
            amount=self.amount.text(),
            currency=self.currency,
            method=self.method.text(),
            reference=self.reference.text(),
        )

    def show(self, saved: PaymentInput, keys: Collection[str] | None = None) -> None:
        """Put `saved`'s fields in (only `keys`, when given)."""
        if keys is None or "paid_on" in keys:
            self.paid_on.setDate(saved.paid_on)
        for key, edit in (("amount", self.amount), ("method", self.method),
                          ("reference", self.reference)):  # fmt: skip
            if keys is None or key in keys:
                edit.setText(str(getattr(saved, key) or ""))

    def clear_typed(self) -> None:
        """Empty the amount, method and reference for the next payment; the day stays."""
        for field in (self.amount, self.method, self.reference):
            field.clear()


__all__ = ["LABELS", "PaymentFields"]
