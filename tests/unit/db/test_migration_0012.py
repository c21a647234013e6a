"""Schema 0012 adds a deal's promo code and landing page, and shop orders; older files upgrade."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.services.campaigns import deal_tracking
from infcrm.services.campaigns.deal_tracking import TrackingInput
from infcrm.services.exchange import import_history
from infcrm.services.exchange.order_types import ShopOrderInput
from infcrm.services.exchange.orders_import import import_orders

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def upgraded(tmp_path: Path):
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0011.sqlite").read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    yield db
    db.close()


def test_the_0011_file_upgrades_with_its_deal_and_label_account_whole(upgraded) -> None:
    with upgraded.reader() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            schema.head_revision()
        )
        assert (
            session.execute(text("SELECT label FROM social_account WHERE handle IS NULL")).scalar()
            == "Mia Bakes TV"
        )
        deal = session.execute(text("SELECT id, promo_code, landing_url FROM deal")).one()
    assert deal[1:] == (None, None)
    assert deal_tracking.get_tracking(upgraded, deal[0]).suggested_code == "KOFIRUNS10"


def test_an_upgraded_file_takes_codes_and_orders_and_undoes_them(upgraded) -> None:
    with upgraded.reader() as session:
        deal_id = session.execute(text("SELECT id FROM deal")).scalar()
    deal_tracking.save_tracking(upgraded, deal_id, TrackingInput("KOFI10", "shop.example.com"))
    order = ShopOrderInput("#1", datetime(2026, 4, 5), "EUR", 2500, codes=("kofi10",), row=2)
    result = import_orders(upgraded, "orders.csv", ("shopify", "Shopify"), [order], 1)
    assert result.matched == 1
    import_history.undo_last_import(upgraded)
    with upgraded.reader() as session:
        assert session.execute(text("SELECT count(*) FROM shop_order")).scalar() == 0


def test_two_deals_can_never_hold_one_code_even_from_outside_the_app(upgraded) -> None:
    path = upgraded.path
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE deal SET promo_key = 'KOFI10'")
        conn.execute("INSERT INTO deal (campaign_id, influencer_id, promo_key, created_at, "
                     "updated_at) VALUES (1, 1, 'KOFI10', '2026-01-01', '2026-01-01')")  # fmt: skip
        pytest.fail("a second deal took the same code")
    except sqlite3.IntegrityError:
        pass
    finally:
        conn.close()
