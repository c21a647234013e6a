"""An order refunded or cancelled after it was imported: the next export that holds it brings
its new figures, so the report stops counting money the shop gave back; undo puts the earlier
figures back and redo brings the new ones again."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.domain.money import Money
from infcrm.files.orders.order_reader import read_orders
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.exchange import import_history
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.exchange.orders_import import import_orders
from infcrm.services.restore_points import restore
from tests.order_setup import ETSY, SHOPIFY, bake_off


def _import(db: Database, path: Path, *, dry_run: bool = False):
    read = read_orders(path)
    return import_orders(
        db, read.name, (read.shop.key, read.shop.label), read.orders, read.lines, dry_run=dry_run
    )


def _later_etsy(tmp_path: Path) -> Path:
    """Next week's download: order 3300000101 (44.40 paid) was refunded 20.00 since."""
    text = ETSY.read_text(encoding="utf-8")
    before = "44.40,,1.53,42.87,0.00,0.00,0.00"
    assert before in text
    later = tmp_path / "EtsySoldOrders2026-later.csv"
    later.write_text(text.replace(before, "44.40,,1.53,42.87,24.40,0.80,23.60"), "utf-8")
    return later


def _later_shopify(tmp_path: Path) -> Path:
    """Shopify's export after order #1008 was cancelled."""
    with SHOPIFY.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    cancelled_at = rows[0].index("Cancelled at")
    first = next(r for r in rows if r[0] == "#1008")
    first[cancelled_at] = "2026-04-20 10:00:00 +0200"
    later = tmp_path / "orders_export_later.csv"
    with later.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return later


def _lena_revenue(db: Database, campaign: int) -> tuple[int, dict[str, Money]]:
    row = next(r for r in campaign_report(db, campaign, date(2026, 5, 1)).rows
               if r.name == "Lena Bakes")  # fmt: skip
    return row.orders, row.revenue


def test_a_refund_in_a_later_export_lowers_the_reports_revenue(
    db: Database, tmp_path: Path
) -> None:
    setup = bake_off(db)
    _import(db, ETSY)
    assert _lena_revenue(db, setup.campaign) == (2, {"EUR": Money(4050 + 1700, "EUR")})

    later = _import(db, _later_etsy(tmp_path))

    assert (later.added, later.already_known, later.refigured) == (0, 4, 1)
    assert "1 of them changed since (a refund, a cancellation or a payment) and was updated" in (
        later.summary()
    )
    assert _lena_revenue(db, setup.campaign) == (2, {"EUR": Money(2050 + 1700, "EUR")})
    newest = import_history.imports(db)[0]
    assert newest.file_name == "EtsySoldOrders2026-later.csv"


def test_a_dry_run_says_what_changed_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    setup = bake_off(db)
    _import(db, ETSY)
    dry = _import(db, _later_etsy(tmp_path), dry_run=True)
    assert dry.refigured == 1 and "would be updated" in dry.summary()
    assert _lena_revenue(db, setup.campaign)[1] == {"EUR": Money(4050 + 1700, "EUR")}


def test_an_order_cancelled_since_stops_counting(db: Database, tmp_path: Path) -> None:
    setup = bake_off(db)
    _import(db, SHOPIFY)
    orders, revenue = _lena_revenue(db, setup.campaign)

    later = _import(db, _later_shopify(tmp_path))

    assert later.refigured == 1
    after_orders, after = _lena_revenue(db, setup.campaign)
    assert after_orders == orders - 1
    assert after["EUR"].minor == revenue["EUR"].minor - 4500  # #1008 sold 45.00


def test_undo_puts_the_earlier_figures_back_and_redo_the_new_ones(
    db: Database, tmp_path: Path
) -> None:
    setup = bake_off(db)
    _import(db, ETSY)
    _import(db, _later_etsy(tmp_path))
    refunded = {"EUR": Money(2050 + 1700, "EUR")}
    assert _lena_revenue(db, setup.campaign)[1] == refunded

    record = import_history.last_import(db)
    assert record is not None
    _done, redo = undo_import(db, record.id)
    assert _lena_revenue(db, setup.campaign)[1] == {"EUR": Money(4050 + 1700, "EUR")}
    assert [r.file_name for r in import_history.imports(db)] == ["etsy_sold_orders.csv"]

    restore(db, redo)
    assert _lena_revenue(db, setup.campaign)[1] == refunded
