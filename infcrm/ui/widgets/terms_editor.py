"""Editable lines of a deal's terms: one line per incentive, one per promised piece of content."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.domain.campaign_enums import ContentFormat, IncentiveKind, ShippingStatus
from infcrm.domain.enums import Platform
from infcrm.services.campaigns.campaign_types import Deliverable as SavedDeliverable
from infcrm.services.campaigns.campaign_types import (
    DeliverableInput,
    IncentiveInput,
)
from infcrm.services.campaigns.campaign_types import Incentive as SavedIncentive
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.typed_date_edit import TypedDateEdit


def _combo(enum_cls, value: str | None) -> QComboBox:
    combo = QComboBox()
    for member in enum_cls:
        combo.addItem(member.label, member.value)
    if value is not None:
        combo.setCurrentIndex(max(0, combo.findData(value)))
    return combo


# Per kind: the value field's placeholder and tooltip, and an example description.
_KIND_HINTS = {
    IncentiveKind.PRODUCT: ("Value each", "Retail value of one item", "e.g. Linen apron, size M"),
    IncentiveKind.SERVICE: (
        "Worth",
        "What the service is worth",
        "e.g. A one-hour styling session",
    ),
    IncentiveKind.EXPERIENCE: ("Worth", "What it is worth", "e.g. Dinner for two at our bistro"),
    IncentiveKind.FEE: ("Amount", "The fee you pay", "e.g. For the reel and three stories"),
    IncentiveKind.COMMISSION: ("", "", "e.g. On sales with their code for 3 months"),
}


class _Line(QWidget):
    """One editable line with a remove button and an error sentence under it."""

    removed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.error = FieldError()
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip("Remove this line")
        remove.clicked.connect(lambda: self.removed.emit(self))
        self.remove_button = remove
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addLayout(self.row)
        column.addWidget(self.error)

    def finish(self) -> None:
        self.row.addWidget(self.remove_button)


class IncentiveLine(_Line):
    """Kind, description, quantity, value per unit, currency; promo code, commission; shipping."""

    def __init__(self, currency: str, saved: SavedIncentive | None = None) -> None:
        super().__init__()
        self.kind = _combo(IncentiveKind, saved.kind if saved else IncentiveKind.PRODUCT.value)
        # The kind and the small figures take what they need; the description the rest, and
        # never less than a product's name ("Canvas tote bag") needs.
        metrics = self.fontMetrics()
        self.description = QLineEdit(saved.description or "" if saved else "")
        self.description.setMinimumWidth(metrics.horizontalAdvance("x" * 22))
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 10_000)
        self.quantity.setPrefix("× ")
        self.quantity.setFixedWidth(metrics.horizontalAdvance("× 9999") + 40)
        self.quantity.setValue(saved.quantity if saved else 1)
        self.quantity.setToolTip("How many (for products)")
        self.value = QLineEdit(saved.value.plain() if saved and saved.value else "")
        self.value.setPlaceholderText("Value")
        self.value.setMaximumWidth(90)
        self.currency = QLineEdit(saved.value.currency if saved and saved.value else currency)
        self.currency.setFixedWidth(metrics.horizontalAdvance("EUR") + 24)
        self.currency.setToolTip("Three-letter currency code, e.g. EUR")
        self.promo = QLineEdit(saved.promo_code or "" if saved else "")
        self.promo.setPlaceholderText("Promo code")
        self.promo.setMaximumWidth(110)
        self.percent = QLineEdit(saved.commission_percent or "" if saved else "")
        self.percent.setPlaceholderText("%")
        self.percent.setMaximumWidth(50)
        self.percent.setToolTip("Commission on sales, in percent")
        self.shipping = _combo(ShippingStatus, saved.shipping_status if saved else None)
        self.carrier = QLineEdit(saved.carrier or "" if saved else "")
        self.carrier.setPlaceholderText("Carrier")
        self.carrier.setToolTip("Who delivers the parcel, e.g. DHL")
        self.carrier.setFixedWidth(metrics.horizontalAdvance("Royal Mail") + 24)
        self.tracking = QLineEdit(saved.tracking_number or "" if saved else "")
        self.tracking.setPlaceholderText("Tracking no.")
        self.tracking.setFixedWidth(metrics.horizontalAdvance("JD0123456789") + 24)
        self.shipped_on = saved.shipped_on if saved else None
        self.delivered_on = saved.delivered_on if saved else None
        for widget in (self.kind, self.description, self.quantity, self.value, self.currency,
                       self.promo, self.percent, self.shipping, self.carrier,
                       self.tracking):  # fmt: skip
            self.row.addWidget(widget, 1 if widget is self.description else 0)
        self.finish()
        self.kind.currentIndexChanged.connect(self._show_fields)
        self._show_fields()

    def _show_fields(self) -> None:
        # As wide as the kind chosen ("Fee" is short), not as the longest in the list.
        text_width = self.fontMetrics().horizontalAdvance(self.kind.currentText())
        self.kind.setFixedWidth(text_width + 64)  # padding, frame and the arrow
        kind = IncentiveKind(self.kind.currentData())
        product = kind is IncentiveKind.PRODUCT
        commission = kind is IncentiveKind.COMMISSION
        self.quantity.setVisible(product)
        self.shipping.setVisible(product)
        self.carrier.setVisible(product)
        self.tracking.setVisible(product)
        self.promo.setVisible(commission)
        self.percent.setVisible(commission)
        self.value.setVisible(not commission)
        self.currency.setVisible(not commission)
        hint, tip, example = _KIND_HINTS[kind]
        self.value.setPlaceholderText(hint)
        self.value.setToolTip(tip)
        self.description.setPlaceholderText(example)

    def value_input(self) -> IncentiveInput:
        """The line as the deal service takes it."""
        kind = IncentiveKind(self.kind.currentData())
        product = kind is IncentiveKind.PRODUCT
        return IncentiveInput(
            kind=kind,
            description=self.description.text(),
            quantity=self.quantity.value() if product else 1,
            value=self.value.text() if kind is not IncentiveKind.COMMISSION else None,
            currency=self.currency.text(),
            promo_code=self.promo.text() if kind is IncentiveKind.COMMISSION else None,
            commission_percent=self.percent.text() if kind is IncentiveKind.COMMISSION else None,
            shipping_status=self.shipping.currentData() if product else None,
            carrier=self.carrier.text() if product else None,
            tracking_number=self.tracking.text() if product else None,
            shipped_on=self.shipped_on,
            delivered_on=self.delivered_on,
        )


class DeliverableLine(_Line):
    """Platform, format, count and due date of promised content."""

    def __init__(self, saved: SavedDeliverable | None = None, default_due: date | None = None):
        super().__init__()
        self.platform = _combo(Platform, saved.platform if saved else Platform.INSTAGRAM.value)
        self.format = _combo(ContentFormat, saved.format if saved else ContentFormat.POST.value)
        self.count = QSpinBox()
        self.count.setRange(1, 1000)
        self.count.setValue(saved.count if saved else 1)
        self.count.setPrefix("× ")
        self.has_due = QCheckBox("due")
        self.due = TypedDateEdit(due=True)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d MMM yyyy")
        due = saved.due_date if saved else default_due
        self.has_due.setChecked(due is not None)
        self.due.setDate(QDate(due) if due else QDate.currentDate().addDays(14))
        self.due.setEnabled(due is not None)
        self.has_due.toggled.connect(self.due.setEnabled)
        for widget in (self.count, self.platform, self.format, self.has_due, self.due):
            self.row.addWidget(widget)
        self.row.addStretch(1)
        self.finish()

    def value_input(self) -> DeliverableInput:
        """The line as the deal service takes it."""
        return DeliverableInput(
            platform=self.platform.currentData(),
            format=self.format.currentData(),
            count=self.count.value(),
            due_date=self.due.date().toPython() if self.has_due.isChecked() else None,
        )


class LineList(QWidget):
    """A growing list of lines with an “Add …” button under it."""

    def __init__(self, add_text: str, make_line: Callable[[], _Line]) -> None:
        super().__init__()
        self._make_line = make_line
        self.lines: list[_Line] = []
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)  # Enter in a field saves; it adds no line
        self.add_button.clicked.connect(lambda: self.add_line())
        button_row = QHBoxLayout()
        button_row.addWidget(self.add_button)
        button_row.addStretch(1)
        self.column.addLayout(button_row)

    def add_line(self, line: _Line | None = None) -> _Line:
        """Append a line (a new blank one unless given)."""
        line = line or self._make_line()
        line.removed.connect(self._on_removed)
        self.lines.append(line)
        self.column.insertWidget(self.column.count() - 1, line)
        return line

    def set_lines(self, lines: list[_Line]) -> None:
        """Show exactly `lines` (e.g. another version's terms, taken into the form)."""
        for line in list(self.lines):
            self._on_removed(line)
        for line in lines:
            self.add_line(line)

    def _on_removed(self, line: _Line) -> None:
        self.lines.remove(line)
        line.setParent(None)
        line.deleteLater()

    def show_errors(self, prefix: str, errors: dict[str, str]) -> None:
        """Show each `<prefix>_<n>.<field>` error under line n."""
        for number, line in enumerate(self.lines):
            messages = [m for k, m in errors.items() if k.startswith(f"{prefix}_{number}.")]
            if messages:
                line.error.show_error(" ".join(messages))
            else:
                line.error.clear_error()
