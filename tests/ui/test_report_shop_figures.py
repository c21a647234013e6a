"""The report's shop columns: hidden until a shop's orders are imported, then filled and marked."""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.files.orders.order_reader import read_orders
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.exchange.orders_import import import_orders
from infcrm.ui.campaign_report_pdf import report_html
from infcrm.ui.models.campaign_report_table_model import (
    COLUMN_KEYS,
    CampaignReportTableModel,
    shown_columns,
)
from tests.order_setup import ETSY, bake_off


def test_shop_columns_appear_with_the_shops_orders(db: Database, qtmodeltester) -> None:
    setup = bake_off(db)
    before = campaign_report(db, setup.campaign, date(2026, 5, 1))
    assert "orders" not in [key for key, _t, _tip in shown_columns(before)]
    assert "Avg. order" not in report_html(before)
    read = read_orders(ETSY)
    import_orders(db, read.name, ("etsy", "Etsy"), read.orders, read.lines)
    report = campaign_report(db, setup.campaign, date(2026, 5, 1))
    model = CampaignReportTableModel()
    model.set_report(report)
    qtmodeltester.check(model)
    lena = next(i for i, r in enumerate(report.rows) if r.deal_id == setup.lena)
    cell = lambda key: model.index(lena, COLUMN_KEYS.index(key)).data()  # noqa: E731
    assert cell("orders") == "2"
    assert cell("revenue") == "€57.50 (shop)"
    assert cell("aov") == "€28.75"
    assert "Avg. order" in report_html(report)
