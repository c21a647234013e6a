"""`infcrm orders FILE` as a user types it: a summary, a dry run that writes nothing, refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from safety_helpers import infcrm
from sqlalchemy import text

from infcrm.db.engine import open_database
from tests.order_setup import REAL_WOO_ADVANCED, SHOPIFY, bake_off


def _orders(path: Path) -> int:
    db = open_database(path)
    try:
        with db.reader() as session:
            return session.execute(text("SELECT count(*) FROM shop_order")).scalar()
    finally:
        db.close()


def test_orders_are_imported_dry_run_first(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite"
    db = open_database(path)
    bake_off(db)
    db.close()
    dry = infcrm("orders", str(SHOPIFY), "--db", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Would add 9 new orders; 5 matched a deal" in dry.stdout
    assert "Codes not found: SUMMER10 ×2" in dry.stdout
    assert "nothing was written" in dry.stdout and _orders(path) == 0
    done = infcrm("orders", str(SHOPIFY), "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert "Added 9 new orders" in done.stdout and _orders(path) == 9
    again = infcrm("orders", str(SHOPIFY), "--db", str(path))
    assert "9 orders were already imported" in again.stdout and _orders(path) == 9


def test_a_real_advanced_order_export_for_woocommerce_is_read(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite"
    open_database(path).close()
    dry = infcrm("orders", str(REAL_WOO_ADVANCED), "--db", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (
        "Advanced Order Export for WooCommerce export “woocommerce-advanced-order-export.csv”: "
        "4 lines, 4 orders." in dry.stdout
    )
    assert "Would add 4 new orders; 0 matched a deal" in dry.stdout


def test_a_file_that_is_no_order_export_is_refused_with_exit_1(tmp_path: Path) -> None:
    other = tmp_path / "people.csv"
    other.write_text("Name,Instagram\nLena,lena.bakes\n", encoding="utf-8")
    path = tmp_path / "shop.sqlite"
    refused = infcrm("orders", str(other), "--db", str(path))
    assert refused.returncode == 1
    assert "is not an order export infcrm knows" in refused.stderr
    assert "Advanced Order Export for WooCommerce, Customer/Order/Coupon Export or WP All " in (
        refused.stderr
    )
    assert not path.exists(), "a refused file creates no database"


def test_the_lock_file_of_an_open_export_points_at_the_export(tmp_path: Path) -> None:
    # Excel keeps “~$orders_export.csv” beside the shop's export while it is open there.
    lock = tmp_path / "~$orders_export.csv"
    lock.write_bytes(b"\x09Sam Field" + b" " * 44 + b"\x09\x00" + "Sam Field".encode("utf-16-le"))
    path = tmp_path / "shop.sqlite"
    refused = infcrm("orders", str(lock), "--db", str(path))
    assert refused.returncode == 1
    assert "“~$orders_export.csv” is the lock file Excel keeps beside “orders_export.csv”" in (
        refused.stderr
    )
    assert not path.exists(), "a refused file creates no database"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_an_export_that_cannot_be_read_says_so_not_that_writing_failed(tmp_path: Path) -> None:
    # Windows refuses to read a CSV while Excel has it open; this was said as “not allowed
    # to write there”.
    locked = tmp_path / "orders_export.csv"
    locked.write_bytes(SHOPIFY.read_bytes())
    locked.chmod(0o000)
    try:
        refused = infcrm("orders", str(locked), "--db", str(tmp_path / "shop.sqlite"))
    finally:
        locked.chmod(0o600)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "“orders_export.csv” cannot be read: Permission denied. If it is open in Excel or "
        "another program, close it there and import it again; otherwise ask for a copy you "
        "may open."
    )
