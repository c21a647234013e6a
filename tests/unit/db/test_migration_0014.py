"""Schema 0014 keeps a WooCommerce order's own amounts: an order imported by an older infcrm
before its code belonged to a deal counts, in the campaign's currency, once a deal gets it."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.domain.money import Money
from infcrm.services.campaigns import campaigns
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.campaigns.deal_tracking import TrackingInput, save_tracking

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0013.sqlite").read_bytes())
    return path


@pytest.mark.parametrize(
    ("currency", "expected"),
    [("EUR", Money(120000, "EUR")), ("JPY", Money(1200, "JPY"))],  # "1,200" in the file
)
def test_an_older_unmatched_order_counts_once_its_code_is_given(
    tmp_path: Path, currency: str, expected: Money
) -> None:
    db = open_database(_copy(tmp_path), backup_dir=tmp_path / "backups")
    try:
        [campaign] = campaigns.list_campaigns(db)
        before = campaign_report(db, campaign.id, date(2026, 5, 1))
        assert before.rows[0].revenue == {"EUR": Money(3870, "EUR")}  # Kofi's matched order
        assert any("NEWCODE ×1" in n for n in before.notes)
        if currency != "EUR":
            edited = CampaignInput(name=campaign.name, currency=currency)
            campaigns.update_campaign(db, campaign.id, edited)
        deal = before.rows[0].deal_id
        save_tracking(db, deal, TrackingInput("newcode", None))
        after = campaign_report(db, campaign.id, date(2026, 5, 1))
    finally:
        db.close()
    assert (after.rows[0].orders, after.rows[0].revenue) == (1, {currency: expected})
    assert not any("NEWCODE" in n for n in after.notes)


def test_the_upgrade_keeps_every_order_and_reaches_the_head(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    open_database(path, backup_dir=tmp_path / "backups").close()
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT order_number, currency, revenue_minor, store_places, store_revenue "
            "FROM shop_order ORDER BY order_number"
        ).fetchall()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    assert rows == [("2041", "EUR", 3870, 2, 3870), ("2045", "", 120000, 2, 120000)]
    assert revision == schema.head_revision()
