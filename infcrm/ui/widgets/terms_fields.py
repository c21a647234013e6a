"""The terms part of a form: what people get and deliver, the ad label and the usage rights.

A deal's window and a campaign's "Same terms…" form both show it, read it as one
`DealTermsInput` and put the service's errors under the line at fault.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout

from infcrm.domain.campaign_enums import Disclosure
from infcrm.services.campaigns.campaign_types import Deal, DealTermsInput
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.terms_editor import DeliverableLine, IncentiveLine, LineList

# The parts of the terms `take` can show, by the keys of an edit conflict's comparison.
PARTS = ("incentives", "deliverables", "disclosure", "usage_rights", "notes")
# The service names a line's errors `incentive_<n>.<field>` or `deliverable_<n>.<field>`.
_LINE_ERRORS = ("incentive_", "deliverable_")


class TermsFields:
    """The terms' widgets, laid out in `column`: two growing lists of lines, the disclosure,
    the usage rights and, for one deal (`with_notes`), its notes. They show `saved`'s terms,
    or (None) blank ones with one incentive line to fill in."""

    def __init__(
        self,
        column: QVBoxLayout,
        what_they_get: str,
        saved: Deal | None,
        currency: str,
        due: date | None,
        *,
        incentive_line: type[IncentiveLine] = IncentiveLine,
        with_notes: bool = False,
    ) -> None:
        column.addWidget(QLabel(f"<b>What they get</b> — {what_they_get}"))
        self.incentives = LineList("Add an incentive", lambda: incentive_line(currency))
        # The lines are in place before the list joins the form, so Tab visits them in order.
        for incentive in saved.incentives if saved else ():
            self.incentives.add_line(incentive_line(currency, incentive))
        if saved is None:
            self.incentives.add_line()
        column.addWidget(self.incentives)
        column.addWidget(QLabel("<b>What they deliver</b> — posts, stories, reels, videos…"))
        self.deliverables = LineList("Add content", lambda: DeliverableLine(default_due=due))
        for deliverable in saved.deliverables if saved else ():
            self.deliverables.add_line(DeliverableLine(deliverable))
        column.addWidget(self.deliverables)
        fields = QFormLayout()
        self.disclosure = QComboBox()
        self.disclosure.addItem("No ad label required", None)
        for choice in Disclosure:
            self.disclosure.addItem(choice.label, choice.value)
        self.usage = QLineEdit()
        self.usage.setPlaceholderText("e.g. We may repost on our account for 6 months")
        fields.addRow("Disclosure", self.disclosure)
        fields.addRow("Usage rights", self.usage)
        self.notes: QPlainTextEdit | None = None
        if with_notes:
            self.notes = QPlainTextEdit()
            self.notes.setFixedHeight(56)
            fields.addRow("Notes", self.notes)
        if saved is not None:
            self.take(saved, ("disclosure", "usage_rights", "notes"), currency)
        column.addLayout(fields)

    def value_input(self, version: int | None = None) -> DealTermsInput:
        """The terms as typed (`version`: the deal's, as the form read it)."""
        return DealTermsInput(
            incentives=tuple(line.value_input() for line in self.incentives.lines),
            deliverables=tuple(line.value_input() for line in self.deliverables.lines),
            usage_rights=self.usage.text(),
            disclosure=self.disclosure.currentData(),
            notes=self.notes.toPlainText() if self.notes is not None else None,
            version=version,
        )

    def take(self, saved: Deal, parts: Collection[str], currency: str) -> None:
        """Show `saved`'s version of each of `parts` (see PARTS); the others stay as typed."""
        if "incentives" in parts:
            self.incentives.set_lines([IncentiveLine(currency, i) for i in saved.incentives])
        if "deliverables" in parts:
            self.deliverables.set_lines([DeliverableLine(d) for d in saved.deliverables])
        if "disclosure" in parts:
            self.disclosure.setCurrentIndex(max(0, self.disclosure.findData(saved.disclosure)))
        if "usage_rights" in parts:
            self.usage.setText(saved.usage_rights or "")
        if "notes" in parts and self.notes is not None:
            self.notes.setPlainText(saved.notes or "")

    def show_errors(
        self, errors: Mapping[str, str], general: FieldError, shown_elsewhere: Collection[str] = ()
    ) -> None:
        """Each line's errors under it; the rest (but `shown_elsewhere`) on `general`."""
        self.incentives.show_errors("incentive", dict(errors))
        self.deliverables.show_errors("deliverable", dict(errors))
        other = [
            message
            for key, message in errors.items()
            if not key.startswith(_LINE_ERRORS) and key not in shown_elsewhere
        ]
        if other:
            general.show_error(" ".join(other))

    def clear_errors(self) -> None:
        """Take the errors away from every line."""
        self.incentives.show_errors("incentive", {})
        self.deliverables.show_errors("deliverable", {})


__all__ = ["PARTS", "TermsFields"]
