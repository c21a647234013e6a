"""Shop orders matched to deals: codes, UTM tags, refunds, cancellations, overlaps, undo."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from infcrm.db.engine import Database
from infcrm.db.order_models import ShopOrder
from infcrm.domain.money import Money
from infcrm.files.orders.order_reader import read_orders
from infcrm.services.exchange import import_history
from infcrm.services.exchange.orders_import import import_orders
from tests.order_setup import ETSY, SHOPIFY, WOOCOMMERCE, bake_off, orders_of


def _import(db: Database, path: Path, *, dry_run: bool = False):
    read = read_orders(path)
    return import_orders(
        db, read.name, (read.shop.key, read.shop.label), read.orders, read.lines, dry_run=dry_run
    )


def _count(db: Database) -> int:
    with db.reader() as session:
        return session.execute(select(func.count()).select_from(ShopOrder)).scalar_one()


def test_shopify_orders_find_their_deal_by_code_or_by_link(db: Database) -> None:
    setup = bake_off(db)
    result = _import(db, SHOPIFY)
    assert (result.shop, result.lines, result.orders, result.added) == ("Shopify", 12, 9, 9)
    lena = orders_of(db, setup.lena)
    # Code in any capitals; multi-line orders once; a repeated code once; refunds kept.
    assert set(lena) == {"#1001", "#1002", "#1003", "#1004", "#1008", "#1009"}
    assert lena["#1002"] == (123450, 1000, True)
    assert lena["#1003"][2] is False and lena["#1004"][2] is False  # cancelled, voided
    assert set(orders_of(db, setup.mia)) == {"#1005"}  # by utm_campaign + utm_content
    assert result.matched == 5 and result.not_counted == 2
    # 54.00 + 1,224.50 + 45.00 in EUR; the USD order stays in USD.
    assert result.revenue == {"EUR": Money(132350 + 2900, "EUR"), "USD": Money(2160, "USD")}
    assert result.codes_not_found == (("SUMMER10", 2),)
    assert "Codes not found: SUMMER10 ×2" in result.summary()
    assert any("Row 13: order #1009 is in USD" in w for w in result.warnings)


def test_an_overlapping_export_adds_nothing(db: Database) -> None:
    bake_off(db)
    _import(db, SHOPIFY)
    again = _import(db, SHOPIFY)
    assert (again.added, again.already_known, again.matched) == (0, 9, 0)
    assert _count(db) == 9
    assert [r.file_name for r in import_history.imports(db)] == ["shopify_orders_export.csv"]


def test_woocommerce_refund_rows_subtract_and_cancelled_orders_do_not_count(db: Database) -> None:
    setup = bake_off(db)
    result = _import(db, WOOCOMMERCE)
    lena = orders_of(db, setup.lena)
    assert lena["2042"] == (12000, 2000, True)  # the later refund row of 20.00
    assert lena["2044"] == (1080, 1080, True)  # refunded whole: nets to nothing
    assert lena["2043"][2] is False
    # No currency column: the campaign's currency.
    assert result.revenue == {"EUR": Money(3870 + 10000 + 0, "EUR")}
    assert result.codes_not_found == (("SUMMER10", 1),)


def test_etsy_orders_net_of_discount_and_adjustments(db: Database) -> None:
    setup = bake_off(db)
    result = _import(db, ETSY)
    assert orders_of(db, setup.lena) == {
        "3300000101": (4050, 0, True),
        "3300000102": (2700, 1000, True),
    }
    assert result.revenue == {"EUR": Money(4050 + 1700, "EUR")}


def test_a_dry_run_writes_nothing(db: Database) -> None:
    bake_off(db)
    result = _import(db, SHOPIFY, dry_run=True)
    assert result.added == 9 and result.summary().startswith("Shopify export")
    assert "Would add 9 new orders" in result.summary()
    assert _count(db) == 0 and import_history.imports(db) == []


def test_undo_last_import_removes_its_orders_only(db: Database) -> None:
    bake_off(db)
    _import(db, ETSY)
    _import(db, SHOPIFY)
    record = import_history.last_import(db)
    assert record is not None and record.orders == 9
    import_history.undo_last_import(db)
    assert _count(db) == 4  # Etsy's stay
    import_history.undo_last_import(db)
    assert _count(db) == 0


def test_an_order_whose_code_arrives_later_is_matched_by_the_next_import(db: Database) -> None:
    setup = bake_off(db)
    _import(db, SHOPIFY)
    from infcrm.services.campaigns.deal_tracking import TrackingInput, save_tracking

    save_tracking(db, setup.mia, TrackingInput("summer10", None))
    again = _import(db, SHOPIFY)
    assert again.added == 0
    assert set(orders_of(db, setup.mia)) == {"#1005", "#1006", "#1007"}


@pytest.mark.parametrize("shop", [SHOPIFY, WOOCOMMERCE, ETSY])
def test_every_sample_is_read_in_its_shops_format(shop: Path) -> None:
    read = read_orders(shop)
    assert read.orders and all(o.order_number for o in read.orders)


def test_the_report_counts_the_shops_orders_net_and_says_so(db: Database) -> None:
    from datetime import date

    from infcrm.services.campaigns.campaign_report import campaign_report
    from infcrm.services.campaigns.campaign_types import DealTermsInput, IncentiveInput
    from infcrm.services.campaigns.deals import save_terms

    setup = bake_off(db)
    save_terms(db, setup.lena, DealTermsInput(incentives=(IncentiveInput("fee", value="100"),)))
    _import(db, ETSY)
    report = campaign_report(db, setup.campaign, date(2026, 5, 1))
    lena = next(r for r in report.rows if r.deal_id == setup.lena)
    mia = next(r for r in report.rows if r.deal_id == setup.mia)
    # 40.50 + (27.00 − 10.00 refunded) over two orders; €100 fee.
    assert (lena.orders, lena.revenue) == (2, {"EUR": Money(5750, "EUR")})
    assert lena.average_order_text == "€28.75"
    assert lena.cost_per_order == Money(5000, "EUR")
    assert lena.roi == Decimal("-0.425")
    assert lena.from_shop and not mia.from_shop and mia.orders == 0
    assert report.total.orders == 2
    assert any("Lena Bakes come from the shop's own orders" in n for n in report.notes)


def test_the_demo_shop_export_drives_the_demo_report(db: Database) -> None:
    from datetime import date

    from infcrm.demo import generate as demo
    from infcrm.services.campaigns.campaign_report import campaign_report
    from infcrm.services.campaigns.campaigns import list_campaigns

    demo.populate(db, influencers=80, seed=3)
    (record,) = [r for r in import_history.imports(db) if r.orders]
    assert record.file_name == "fern-and-crumb-orders.csv"
    reports = [campaign_report(db, c.id, date.today()) for c in list_campaigns(db)]
    shop = [r for report in reports for r in report.rows if r.from_shop]
    assert shop and all(r.orders > 0 and r.revenue for r in shop)
    assert any("come from the shop's own orders" in n for rep in reports for n in rep.notes)
