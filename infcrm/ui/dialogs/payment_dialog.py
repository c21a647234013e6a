"""Change a recorded payment: its day, amount, method and reference (a typo in the amount, the
bank's reference added once it is known)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from infcrm.db.engine import Database
from infcrm.domain.dates import day_text
from infcrm.services.campaigns import deal_edits
from infcrm.services.campaigns.campaign_types import PaymentInput, PaymentItem
from infcrm.services.campaigns.result_edits import saved_payment
from infcrm.services.errors import CampaignNotFound, EditConflict
from infcrm.ui import operations, theme, undo_commands
from infcrm.ui.dialogs import result_conflict
from infcrm.ui.dialogs.follow_saved import (
    FollowSaved,
    a_form_of_its_own,
    explain_refusal,
    followed_note,
    show_followed,
    take_saved,
    with_cursor,
)
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.events import events
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.payment_fields import PaymentFields


class PaymentDialog(AsksBeforeClosing, QDialog):
    """Change one recorded payment of `person`'s deal; saves over the version it was read at."""

    def __init__(
        self, db: Database, payment: PaymentItem, person: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.payment = payment
        self.person = person
        # The version the payment was read at: a save over a newer one is a conflict to solve.
        self._version = payment.version
        self.setWindowTitle(f"Payment to {person} of {day_text(payment.paid_on)}")
        self.setMinimumWidth(440)
        self.errors: dict[str, FieldError] = {}
        self.fields = PaymentFields(payment.amount.currency)
        self.paid_on, self.amount = self.fields.paid_on, self.fields.amount
        self.method, self.reference = self.fields.method, self.fields.reference
        form = self.fields.form(self.errors)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        theme.set_primary(self.save_button)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.general = FieldError()
        # Says when a teammate's save was taken into the open form (follow_saved).
        self.followed_note = followed_note()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.followed_note)
        layout.addWidget(buttons)
        self.fields.show(result_conflict.payment_as_typed(payment))
        self.mark_clean()
        a_form_of_its_own(self)  # the deal window under it follows saves meanwhile
        try:  # a teammate's change of the payment is announced as one of its deal's
            deal_id, _saved = saved_payment(db, payment.id)
        except CampaignNotFound as gone:
            self.general.show_error(str(gone))
        else:
            self.following = FollowSaved(self, events.deals_changed, deal_id, self.follow_saved)

    def follow_saved(self) -> None:
        """Show the payment as saved now in each field the user has not edited; edited
        fields stay as typed, and saving them compares both versions first."""
        try:
            _deal_id, theirs = saved_payment(self.db, self.payment.id)
        except CampaignNotFound as gone:  # deleted meanwhile: saving will say so too
            self.general.show_error(str(gone))
            return
        if theirs.version == self._version:
            return
        found = result_conflict.payment_differences(self.form_input(), self._clean_state, theirs)
        edited = take_saved(
            self,
            found,
            lambda keys: self.fields.show(result_conflict.payment_as_typed(theirs), keys),
            with_cursor(self, self.fields.by_key()),
            theirs.version,
        )
        show_followed(
            self.followed_note,
            self.following.said(
                "This payment", theirs.changed_by, self.db.author, edited, theirs.version
            ),
        )

    def form_input(self) -> PaymentInput:
        """The payment as typed."""
        return self.fields.typed()

    def form_state(self) -> PaymentInput:
        """What the form holds."""
        return self.form_input()

    def save_changes(self) -> bool:
        """Save as the Save button does (which closes the dialog when it worked)."""
        self._on_save()
        return not self.isVisible()

    def _on_save(self) -> None:
        for error in (*self.errors.values(), self.general):
            error.clear_error()
        data = self.form_input()
        saved = operations.run(
            self,
            "Save the payment",
            lambda: deal_edits.edit_payment(self.db, self.payment.id, data, self._version),
            form=self.errors,
            general=self.general,
        )
        if isinstance(saved.error, EditConflict):
            self._resolve(saved.error)
            return
        if saved.ok:
            title = f"change of the payment of {self.payment.amount} to “{self.person}”"
            # The deal's window, still open, shows the payment as an undo puts it back.
            window = self.parentWidget()
            shows = window if hasattr(window, "reload") else None
            undo_commands.remember(self.db, title, saved.value, shows)
            self.accept()

    def _resolve(self, conflict: EditConflict) -> None:
        """Someone changed the payment since the form read it: compare field by field, take
        the chosen fields of theirs into the form and save over the newer version. Closing
        the comparison leaves the form as typed (the reason stays on its general line)."""
        theirs: PaymentItem = conflict.theirs
        found = result_conflict.payment_differences(self.form_input(), self._clean_state, theirs)
        put_back = explain_refusal(self, self.general, conflict, self.db.author, theirs.version)
        keys = result_conflict.choose(
            self, theirs, found, conflict.changed_by, self.db.author, put_back
        )
        if keys is None:
            return
        self.fields.show(result_conflict.payment_as_typed(theirs), keys)
        self._version = theirs.version
        self._on_save()


__all__ = ["PaymentDialog"]
