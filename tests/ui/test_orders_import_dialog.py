"""File › Import orders…: a preview of the shop's export, the import, the summary, the undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.ui.dialogs.orders_import_dialog import OrdersImportDialog
from tests.order_setup import ETSY, SHOPIFY, WOO_ADVANCED, bake_off


def _orders(db: Database) -> int:
    with db.reader() as session:
        return session.execute(text("SELECT count(*) FROM shop_order")).scalar()


def test_the_preview_shows_the_orders_and_what_the_import_would_do(
    db: Database, qtbot, qtmodeltester
) -> None:
    bake_off(db)
    dialog = OrdersImportDialog(db)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.load(SHOPIFY)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 9
    assert dialog.model.index(0, 0).data() == "#1001"
    assert dialog.model.index(2, 5).data() == "Cancelled or voided: not counted"
    assert "Shopify's order export" in dialog.file_label.text()
    assert "Would add 9 new orders; 5 matched a deal" in dialog.summary.text()
    assert "Codes not found: SUMMER10 ×2" in dialog.summary.text()
    assert _orders(db) == 0, "the preview writes nothing"
    assert dialog.import_button.isEnabled()
    result = dialog.import_now()
    assert result is not None and result.added == 9 and _orders(db) == 9
    assert dialog.summary.text().startswith("Shopify export")
    assert not dialog.import_button.isEnabled()


def test_the_preview_says_which_deal_each_order_counts_for(db: Database, qtbot) -> None:
    bake_off(db)
    dialog = OrdersImportDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.load(SHOPIFY)
    model = dialog.model
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Counts for"

    def shown(row: int) -> tuple[str, str]:
        return model.index(row, 0).data(), model.index(row, column).data()

    said = dict(shown(row) for row in range(model.rowCount()))
    assert said["#1001"] == "Lena Bakes · Spring Bake-Off"  # by its code, in small letters
    assert said["#1005"] == "Mia Cooks · Spring Bake-Off"  # by the link's tags
    assert said["#1006"] == "No deal has SUMMER10"
    colour = Qt.ItemDataRole.ForegroundRole
    assert model.index(5, column).data(colour) is not None  # #1006: worth a look
    assert model.index(0, column).data(colour) is None

    dialog.import_now()
    assert dialog.load(SHOPIFY)  # the same export again
    again = {model.index(r, 0).data(): model.index(r, column).data() for r in range(9)}
    assert set(again.values()) == {"Imported before"}


def test_with_no_deals_yet_the_preview_says_why_each_order_counts_for_none(
    db: Database, qtbot
) -> None:
    dialog = OrdersImportDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.load(SHOPIFY)
    last = dialog.model.columnCount() - 1
    said = {dialog.model.index(r, 0).data(): dialog.model.index(r, last).data() for r in range(9)}
    assert said["#1006"] == "No deal has SUMMER10"
    assert said["#1005"] == "No deal has these link tags"  # its link's tags name nobody yet


def test_a_file_that_is_no_order_export_is_refused_in_the_dialog(db: Database, qtbot, tmp_path):
    other = tmp_path / "people.csv"
    other.write_text("Name,Instagram\nLena,lena.bakes\n", encoding="utf-8")
    dialog = OrdersImportDialog(db)
    qtbot.addWidget(dialog)
    assert not dialog.load(other)
    assert "is not an order export infcrm knows" in dialog.summary.text()
    assert "Discount Code" in dialog.summary.text()
    assert not dialog.import_button.isEnabled() and dialog.model.rowCount() == 0


def test_the_menu_entry_imports_and_undo_last_import_takes_the_orders_back(
    db: Database, qtbot, monkeypatch
) -> None:
    from infcrm.ui.main_window import MainWindow

    bake_off(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(SHOPIFY), ""))
    )
    monkeypatch.setattr(OrdersImportDialog, "exec", lambda self: self.import_now() and 1)
    entry = next(
        a for a in window.menus["file"].actions() if a.text().replace("&", "") == "Import orders…"
    )
    entry.trigger()
    assert _orders(db) == 9
    asked: list[str] = []

    def yes(_parent, _title, question, *_args):
        asked.append(question)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    window._on_undo_import()
    assert "removes the 9 shop orders it added" in asked[0]
    assert _orders(db) == 0


def test_a_refund_in_a_later_export_is_one_undo_step_named_for_it(
    db: Database, qtbot, tmp_path
) -> None:
    from infcrm.ui.main_window import MainWindow

    bake_off(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    first = OrdersImportDialog(db, window)
    qtbot.addWidget(first)
    first.load(ETSY)
    first.import_now()
    later = tmp_path / "EtsySoldOrders-later.csv"  # order 101 refunded 20.00 since
    later.write_text(
        ETSY.read_text(encoding="utf-8").replace(
            "44.40,,1.53,42.87,0.00,0.00,0.00", "44.40,,1.53,42.87,24.40,0.80,23.60"
        ),
        encoding="utf-8",
    )
    dialog = OrdersImportDialog(db, window)
    qtbot.addWidget(dialog)
    assert dialog.load(later)
    assert (
        "1 of them changed since (a refund, a cancellation or a payment) and would be updated"
        in (dialog.summary.text())
    )
    assert dialog.import_button.isEnabled()
    dialog.import_now()
    assert _refunded(db, "3300000101") == 2000
    assert window.undo_stack.undoText() == (
        "import of 1 older order updated from “EtsySoldOrders-later.csv”"
    )
    window.undo_stack.undo()
    assert _refunded(db, "3300000101") == 0
    window.undo_stack.redo()
    assert _refunded(db, "3300000101") == 2000


def _refunded(db: Database, number: str) -> int:
    with db.reader() as session:
        return session.execute(
            text("SELECT refunded_minor FROM shop_order WHERE order_number = :n"), {"n": number}
        ).scalar_one()


def test_the_preview_shows_each_code_whole(db: Database, qtbot) -> None:
    # “LENABAKES10” was cut to “LENABAKES1…” in a column sized for its title.
    bake_off(db)
    dialog = OrdersImportDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.load(WOO_ADVANCED)
    code = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)].index("Code")
    assert dialog.table.columnWidth(code) >= dialog.table.sizeHintForColumn(code)


def test_the_preview_shows_a_cancelled_orders_status_whole(db: Database, qtbot) -> None:
    # “Cancelled or voided: not counted” was cut to “Cancelled or …”.
    dialog = OrdersImportDialog(db)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 640)
    dialog.show()
    assert dialog.load(SHOPIFY)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    status = headers.index("Status")
    assert dialog.table.columnWidth(status) >= dialog.table.sizeHintForColumn(status)
