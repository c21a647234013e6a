"""Timing an orders import: a Shopify export of N line items, read and matched by infcrm,
beside the raw work it cannot avoid — csv.reader over the file and one sqlite3 executemany of
the same rows into a fresh table, in one transaction."""

from __future__ import annotations

import csv
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.demo.shop_export import SHOPIFY_COLUMNS, DemoOrder, write_shopify_export
from infcrm.files.orders.order_reader import read_orders
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.campaigns.deal_tracking import TrackingInput, save_tracking
from infcrm.services.exchange.orders_import import import_orders
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

CODES = ("LENABAKES10", "MIACOOKS10", "ZOEKNITS15", "SUMMER10")


def write_export(path: Path, lines: int, seed: int = 1) -> int:
    """A Shopify export of about `lines` line items (orders of 1–3 lines); returns the lines."""
    rng = random.Random(seed)
    start = datetime(2026, 4, 1, 9, tzinfo=UTC)

    def orders():
        written, number = 0, 1000
        while written < lines:
            count = min(rng.randint(1, 3), lines - written)
            number += 1
            written += count
            yield DemoOrder(
                number, start + timedelta(minutes=number), "EUR",
                tuple(("Cake tin", 1, "24.50") for _ in range(count)),
                discount_code=rng.choice(CODES), discount="2.45",
            )  # fmt: skip

    return write_shopify_export(path, orders())


def _shop_with_deals(path: Path):
    db = open_database(path)
    people = [
        influencers.create(db, InfluencerInput(
            display_name=handle, accounts=(AccountInput("instagram", handle),)
        ))
        for handle in ("lena.bakes", "mia.cooks", "zoe.knits")
    ]  # fmt: skip
    campaign = campaigns.create_campaign(db, CampaignInput(name="Spring", currency="EUR"))
    campaigns.add_influencers(db, campaign, people)
    for deal, code in zip(
        deals.deal_summaries(db, campaign, datetime.now().date()), CODES, strict=False
    ):
        save_tracking(db, deal.id, TrackingInput(code, None))
    return db


def ours(export: Path, folder: Path) -> tuple[float, int]:
    """infcrm: read, recognise, group and match the export, then write it (one transaction)."""
    db = _shop_with_deals(folder / "shop.sqlite")
    try:
        started = time.perf_counter()
        read = read_orders(export)
        result = import_orders(
            db, read.name, (read.shop.key, read.shop.label), read.orders, read.lines
        )
        return time.perf_counter() - started, result.added
    finally:
        db.close()


def raw(export: Path, folder: Path) -> float:
    """csv.reader over the file, then one executemany of every row into a fresh table."""
    target = folder / "raw.sqlite"
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target)
    columns = ", ".join(f"c{i}" for i in range(len(SHOPIFY_COLUMNS)))
    conn.execute(f"CREATE TABLE line ({columns})")
    marks = ", ".join("?" * len(SHOPIFY_COLUMNS))
    started = time.perf_counter()
    with export.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    with conn:
        conn.executemany(f"INSERT INTO line VALUES ({marks})", rows)
    took = time.perf_counter() - started
    conn.close()
    return took


def measure(lines: int) -> tuple[float, float, int, int]:
    """(infcrm seconds, raw seconds, lines, orders added)."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        export = base / "orders_export.csv"
        written = write_export(export, lines)
        raw_seconds = min(raw(export, base) for _ in range(2))
        took, added = ours(export, base)
        return took, raw_seconds, written, added
