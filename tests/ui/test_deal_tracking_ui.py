"""The deal dialog's code and tracking link: Suggest, Save, Copy, refusals, closing unsaved."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import deal_tracking
from infcrm.ui.dialogs.deal_dialog import DealDialog
from tests.order_setup import bake_off


def test_a_suggested_code_and_landing_page_are_saved_and_the_link_copied(
    db: Database, qtbot
) -> None:
    setup = bake_off(db)
    dialog = DealDialog(db, setup.mia)
    qtbot.addWidget(dialog)
    tracking = dialog.tracking
    assert tracking.link.text() == (
        "https://shop.example.com/starter?utm_source=instagram&utm_medium=influencer"
        "&utm_campaign=spring-bake-off&utm_content=mia.cooks"
    )
    tracking.suggest.click()
    assert tracking.code.text() == "MIACOOKS10"
    tracking.landing.setText("shop.example.com/sourdough")
    assert dialog.save_terms()
    assert deal_tracking.get_tracking(db, setup.mia).promo_code == "MIACOOKS10"
    assert "shop.example.com/sourdough?utm_source=instagram" in tracking.link.text()
    tracking.copy.click()
    assert QGuiApplication.clipboard().text() == tracking.link.text()


def test_a_code_another_creator_holds_is_refused_under_the_field(db: Database, qtbot) -> None:
    setup = bake_off(db)
    dialog = DealDialog(db, setup.mia)
    qtbot.addWidget(dialog)
    dialog.tracking.code.setText("lenabakes 10")
    assert not dialog.save_terms()
    assert "already Lena Bakes's" in dialog.tracking.code_error.text()
    assert deal_tracking.get_tracking(db, setup.mia).promo_code is None


def test_closing_with_a_code_typed_asks_and_discard_keeps_the_old_one(
    db: Database, qtbot, monkeypatch
) -> None:
    setup = bake_off(db)
    dialog = DealDialog(db, setup.lena)
    qtbot.addWidget(dialog)
    dialog.tracking.code.setText("LENA20")
    asked = []

    def answer(*_args, **_kwargs):
        asked.append(True)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(QMessageBox, "warning", answer)
    dialog.reject()
    assert asked
    assert deal_tracking.get_tracking(db, setup.lena).promo_code == "LENABAKES10"


def test_a_code_saved_in_the_deal_dialog_brings_its_imported_orders_into_the_report(
    db: Database, qtbot, tmp_path
) -> None:
    """WooCommerce orders imported before any deal held their code: the report, of a campaign
    that holds no code, says nothing of codes (the import's summary listed LENA10); once the
    deal dialog saves the code the report counts them in the campaign's yen."""
    from infcrm.files.orders.order_reader import read_orders
    from infcrm.services.exchange.orders_import import import_orders
    from infcrm.ui.models.campaign_report_table_model import COLUMN_KEYS
    from infcrm.ui.views.campaign_report_view import CampaignReportView
    from tests.order_setup import one_deal, woocommerce_export

    campaign, deal = one_deal(db, "JPY")
    read = read_orders(woocommerce_export(tmp_path, "1,200", "15,800"))
    import_orders(db, read.name, ("woocommerce", "WooCommerce"), read.orders, read.lines)
    view = CampaignReportView(db)
    qtbot.addWidget(view)

    def shown() -> tuple[str, str]:
        view.show_campaign(campaign)
        qtbot.waitUntil(lambda: not view.is_loading())
        return view.notes.text(), str(view.model.index(0, COLUMN_KEYS.index("revenue")).data())

    notes, revenue = shown()
    assert "Codes not found" not in notes and "¥" not in revenue
    dialog = DealDialog(db, deal)
    qtbot.addWidget(dialog)
    dialog.tracking.code.setText("lena10")
    assert dialog.save_terms()
    notes, revenue = shown()
    assert "LENA10" not in notes
    assert revenue == "¥17,000 (shop)"
