"""Same terms for several people of a campaign at once: twenty tea boxes, two stories each.

Written only to the deals that have no terms yet (a deal with terms keeps them, shipping and
all); one step of Edit › Undo takes them back from everyone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaigns, deal_edits
from infcrm.services.campaigns.campaign_types import DealSummary, DealTermsInput
from infcrm.services.changes import Changes
from infcrm.ui import operations, theme, undo_commands
from infcrm.ui.undo_commands import people
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.terms_editor import IncentiveLine
from infcrm.ui.widgets.terms_fields import TermsFields


class SharedIncentiveLine(IncentiveLine):
    """An incentive line without carrier and tracking number: each parcel has its own,
    written in the person's deal once it ships."""

    def _show_fields(self) -> None:
        super()._show_fields()
        self.carrier.hide()
        self.tracking.hide()


def has_no_terms(deal: DealSummary) -> bool:
    """True when nothing is set yet of what the person gets or delivers."""
    return not deal.incentive and not deal.deliverables_total


class SameTermsDialog(QDialog):
    """What each of the chosen people gets and delivers, written to those without terms."""

    def __init__(
        self,
        db: Database,
        campaign_id: int,
        chosen: Sequence[DealSummary],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.campaign = campaigns.get_campaign(db, campaign_id)
        self.open_ids = [d.id for d in chosen if has_no_terms(d)]
        kept = len(chosen) - len(self.open_ids)
        self.setWindowTitle(f"Same terms — {self.campaign.name}")
        self.resize(900, 560)
        self.intro = intro = QLabel(
            f"What each of {people(len(self.open_ids))} gets and delivers. Their promo codes "
            "and notes stay their own; change one person's terms later in their deal."
            + (
                f"<br><b>{people(kept)} already {'has' if kept == 1 else 'have'} terms</b> "
                "and keep them as they are (open their deal to change them)."
                if kept
                else ""
            )
        )
        intro.setWordWrap(True)
        inner = QWidget()
        form = QVBoxLayout(inner)
        self.terms = TermsFields(
            form,
            "products, a service, an experience or a fee",
            None,
            self.campaign.currency,
            self.campaign.ends_on,
            incentive_line=SharedIncentiveLine,
        )
        self.incentives, self.deliverables = self.terms.incentives, self.terms.deliverables
        self.disclosure, self.usage = self.terms.disclosure, self.terms.usage
        form.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.error = FieldError()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button: QPushButton = buttons.addButton(
            f"Apply to {people(len(self.open_ids))}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setEnabled(bool(self.open_ids))
        self.apply_button.setDefault(True)
        theme.set_primary(self.apply_button)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def terms_input(self) -> DealTermsInput:
        """The terms as the form holds them."""
        return self.terms.value_input()

    def apply(self) -> bool:
        """Write the terms; errors appear under the line at fault. True when written."""
        self.error.clear_error()
        done = operations.run(
            self,
            "Same terms",
            lambda: deal_edits.same_terms(self.db, self.open_ids, self.terms_input()),
            changes=Changes(deals=tuple(self.open_ids)),
            form=lambda errors: self.terms.show_errors(errors, self.error),
            general=self.error,
        )
        if not done.ok:
            return False
        written = done.value.value
        if written:
            title = f"terms of {people(len(written))} in “{self.campaign.name}”"
            undo_commands.remember(self.db, title, done.value)
        self.accept()
        return True


def chosen_for_terms(selected: Sequence[DealSummary], everyone: Sequence[DealSummary]):
    """The selected people when several are, else everyone in the campaign."""
    return list(selected) if len(selected) > 1 else list(everyone)


__all__ = ["SameTermsDialog", "chosen_for_terms", "has_no_terms"]
