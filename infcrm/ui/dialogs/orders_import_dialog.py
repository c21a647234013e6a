"""File › Import orders…: choose a shop's export, see what it holds and what it would match,
then import it (in the background, with Cancel) and read what was done.

The preview is a dry run of the real import, so its counts are the ones the import will give.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.dates import day_text
from infcrm.domain.money import Money
from infcrm.files.orders.order_reader import OrderFile, read_orders
from infcrm.files.orders.shop_formats import OrderFileError
from infcrm.services.changes import Changes
from infcrm.services.exchange.order_types import OrdersImportResult, ShopOrderInput
from infcrm.services.exchange.orders_import import import_orders
from infcrm.ui import operations, theme
from infcrm.ui.import_undo import push_import
from infcrm.ui.models.record_table_model import Column, RecordTableModel, record_table
from infcrm.ui.screen_fit import comfortable_size

FILE_FILTER = "Shop order exports (*.csv);;All files (*)"
PREVIEW_ROWS = 500


def _amount(order: ShopOrderInput) -> str:
    net = order.revenue_minor - order.refunded_minor
    return str(Money(net, order.currency)) if order.currency else f"{net / 100:,.2f}"


def _status(order: ShopOrderInput) -> str:
    if not order.counted:
        return "Cancelled or voided: not counted"
    return "Partly refunded" if order.refunded_minor else ""


PREVIEW_COLUMNS: tuple[Column[ShopOrderInput], ...] = (
    Column("Order", lambda o: o.order_number),
    Column("Date", lambda o: day_text(o.placed_at.date())),
    Column("Code", lambda o: ", ".join(o.codes)),
    Column("Link tags", lambda o: " / ".join(filter(None, (o.utm_campaign, o.utm_content)))),
    Column("Net revenue", _amount, numeric=True,
           header_tip="After discounts and refunds, before shipping and taxes"),
    Column("Status", _status, warn=lambda o: not o.counted),
)  # fmt: skip
_CODE_COLUMN, _TAGS_COLUMN, _STATUS_COLUMN = 2, 3, 5


def orders_title(done: OrdersImportResult) -> str:
    """“57 orders” (“57 orders and 3 older ones matched”, “1 older order updated”) for
    Edit › Undo."""

    def many(count: int, word: str) -> str:
        return f"{count:,} {word}{'' if count == 1 else 's'}"

    parts = (
        [many(done.added, "order")] if done.added or not (done.rematched or done.refigured) else []
    )
    older = "older one" if parts else "older order"
    if done.rematched:
        parts.append(f"{many(done.rematched, older)} matched")
    if done.refigured:
        parts.append(f"{many(done.refigured, older)} updated")
    return " and ".join(parts)


class OrdersImportDialog(QDialog):
    """Preview a shop's order export, then import it."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.file: OrderFile | None = None
        self.result: OrdersImportResult | None = None
        self.setWindowTitle("Import orders")
        comfortable_size(self, 900, 560)
        intro = QLabel(
            "Bring in your shop's order export to see what each creator really sold. infcrm "
            "reads Shopify's orders CSV, WooCommerce's Analytics › Orders download (or the order "
            "export of Advanced Order Export, Customer/Order/Coupon Export or WP All Export) and "
            "Etsy's sold orders, and matches each order to a deal by its promo code, else by the "
            "tracking link's tags. Importing the same orders again adds nothing."
        )
        intro.setWordWrap(True)
        self.choose = QPushButton("Choose file…")
        self.choose.setToolTip("Pick the CSV file your shop exported")
        self.choose.clicked.connect(self._on_choose)
        self.file_label = QLabel("No file chosen yet.")
        self.file_label.setWordWrap(True)
        self._counts_for: dict[str, tuple[str, bool]] = {}
        counts_for = Column(
            "Counts for", self._counts_for_text, warn=lambda o: self._no_deal(o),
            header_tip="The deal each order would count for, or why it counts for none",
        )  # fmt: skip
        self.model: RecordTableModel[ShopOrderInput] = RecordTableModel(
            (*PREVIEW_COLUMNS, counts_for), self
        )
        self.table = record_table(self.model)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(self.summary.textInteractionFlags())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setToolTip("Add these orders in one step (Edit › Undo takes them back)")
        self.import_button.setEnabled(False)
        theme.set_primary(self.import_button)
        self.import_button.clicked.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    @classmethod
    def run_for(cls, parent: QWidget, db: Database) -> OrdersImportResult | None:
        """Ask for a shop's export, preview it, let the user import it; returns what was done."""
        path = cls.ask_for_file(parent)
        if path is None:
            return None
        dialog = cls(db, parent)
        dialog.load(path)
        dialog.exec()
        return dialog.result

    @staticmethod
    def ask_for_file(parent: QWidget | None) -> Path | None:
        """The export the user picks, or None."""
        path, _filter = QFileDialog.getOpenFileName(parent, "Import orders", "", FILE_FILTER)
        return Path(path) if path else None

    def _on_choose(self) -> None:
        path = self.ask_for_file(self)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> bool:
        """Read `path` and preview what importing it would do; False when it was refused."""
        self.result = None
        self.file = None
        self.import_button.setEnabled(False)

        def job(progress):
            read = read_orders(path, progress)
            preview = import_orders(
                self.db, read.name, (read.shop.key, read.shop.label), read.orders, read.lines,
                dry_run=True,
            )  # fmt: skip
            return read, preview

        outcome = operations.run_in_background(
            self, "Import orders", job, label=f"Reading “{path.name}”…",
            general=self._show_refusal, also_expected=(OrderFileError,),
        )  # fmt: skip
        if not outcome.ok:
            self.model.set_records([])
            return False
        self.file, preview = outcome.value
        self._counts_for = preview.counts_for
        self.file_label.setText(f"<b>{path.name}</b> — {preview.shop}'s order export")
        self.model.set_records(self.file.orders[:PREVIEW_ROWS])
        self._show_whole()
        shown = (
            f"The first {PREVIEW_ROWS:,} orders are shown. "
            if len(self.file.orders) > PREVIEW_ROWS
            else ""
        )
        self.summary.setText(shown + preview.summary())
        self.import_button.setEnabled(preview.added > 0 or preview.already_known > 0)
        return True

    def _counts_for_text(self, order: ShopOrderInput) -> str:
        return self._counts_for.get(order.order_number, ("", False))[0]

    def _no_deal(self, order: ShopOrderInput) -> bool:
        """Whether a new order's code is one no deal has: the user may give a deal that code."""
        return self._counts_for.get(order.order_number, ("", False))[1]

    def _show_refusal(self, message: str) -> None:
        self.file_label.setText("This file was not imported.")
        self.summary.setText(message)

    def _show_whole(self) -> None:
        """Widen the codes, the link tags and the status to what the orders hold
        (“LENABAKES10”, not “LENABAKES1…”; “Cancelled or voided: not counted”), up to a third
        of the table, never narrower than their titles."""
        most = max(self.table.viewport().width() // 3, 160)
        for column in (_CODE_COLUMN, _TAGS_COLUMN, _STATUS_COLUMN):
            wanted = min(self.table.sizeHintForColumn(column), most)
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), wanted))

    def import_now(self) -> OrdersImportResult | None:
        """Import the file previewed; the summary says what was done."""
        read = self.file
        if read is None:
            return None
        outcome = operations.run_in_background(
            self, "Import orders",
            lambda progress: import_orders(
                self.db, read.name, (read.shop.key, read.shop.label), read.orders, read.lines,
                progress=progress,
            ),
            label=f"Importing the orders of “{read.name}”…",
            changes=Changes(campaigns=(), deals=()),
            general=self._show_refusal,
        )  # fmt: skip
        if not outcome.ok:
            return None
        self.result = done = outcome.value
        push_import(
            self.db,
            done.batch_id,
            orders_title(done),
            done.file_name,
            Changes(campaigns=(), deals=()),
        )
        self.summary.setText(self.result.summary())
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        return self.result
