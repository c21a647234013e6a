"""The deal's promo code and tracking link: Suggest fills a free code, Copy puts the link on the
clipboard. The link shown is rebuilt from the saved landing page, so what is copied is what the
agreement email says."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from infcrm.services.campaigns.deal_tracking import DealTracking, TrackingInput
from infcrm.ui.widgets.field_error import FieldError


class TrackingEditor(QWidget):
    """Promo code with Suggest, landing page, and the tracking link with Copy."""

    def __init__(self, tracking: DealTracking, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggested = tracking.suggested_code
        self.code = QLineEdit(tracking.promo_code or "")
        self.code.setPlaceholderText(f"e.g. {tracking.suggested_code}")
        self.code.setToolTip(
            "The code their followers type at checkout; the shop's orders with it count for "
            "this deal (capitals and spaces do not matter)"
        )
        self.suggest = QPushButton("Suggest")
        self.suggest.setToolTip("Make a code from their handle that no other deal uses")
        self.suggest.clicked.connect(self._on_suggest)
        self.landing = QLineEdit(tracking.landing_url or "")
        self.landing.setPlaceholderText(
            "The product or landing page, e.g. https://shop.com/cake-tin"
        )
        self.link = QLineEdit(tracking.link or "")
        self.link.setReadOnly(True)
        self.link.setCursorPosition(0)  # the address reads from its start
        self.link.setPlaceholderText("Enter a landing page and save the terms to get their link")
        self.link.setToolTip(
            "The landing page with UTM tags naming the network, the campaign and the handle, "
            "so the shop's export says who sent each order"
        )
        self.copy = QPushButton("Copy")
        self.copy.setToolTip("Copy the tracking link to the clipboard")
        self.copy.setEnabled(bool(tracking.link))
        self.copy.clicked.connect(self._on_copy)
        self.code_error = FieldError(self.code)
        self.landing_error = FieldError(self.landing)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.suggest)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link, 1)
        link_row.addWidget(self.copy)
        form.addRow("Promo code", code_row)
        form.addRow("", self.code_error)
        form.addRow("Landing page", self.landing)
        form.addRow("", self.landing_error)
        form.addRow("Tracking link", link_row)

    def value_input(self) -> TrackingInput:
        """The code and landing page as typed."""
        return TrackingInput(promo_code=self.code.text(), landing_url=self.landing.text())

    def show_saved(self, tracking: DealTracking) -> None:
        """Show the link and the landing page of what was saved."""
        self.show_link(tracking)
        self.landing.setText(tracking.landing_url or "")

    def show_link(self, tracking: DealTracking) -> None:
        """Show the saved link (and suggest from it), leaving what is typed as it is."""
        self.suggested = tracking.suggested_code
        self.link.setText(tracking.link or "")
        self.link.setCursorPosition(0)
        self.copy.setEnabled(bool(tracking.link))

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show the code's and the landing page's problems under them (or clear them)."""
        for key, widget in (("promo_code", self.code_error), ("landing_url", self.landing_error)):
            if key in errors:
                widget.show_error(errors[key])
            else:
                widget.clear_error()

    def _on_suggest(self) -> None:
        self.code.setText(self.suggested)

    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.link.text())
        self.copy.setText("Copied")
