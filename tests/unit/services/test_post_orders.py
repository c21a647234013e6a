"""Orders per day around each post, read from a real Shopify export imported as a user would."""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.files.orders.order_reader import read_orders
from infcrm.services.campaigns import deal_results
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.campaign_types import ContentInput
from infcrm.services.exchange.orders_import import import_orders
from tests.order_setup import SHOPIFY, bake_off


def _import(db: Database) -> None:
    read = read_orders(SHOPIFY)
    import_orders(db, read.name, ("shopify", "Shopify"), read.orders, read.lines)


def _post(db: Database, deal_id: int, day: date) -> int:
    return deal_results.record_content(db, deal_id, ContentInput("instagram", day, format="reel"))


def test_each_post_shows_its_deals_orders_per_day_from_a_week_before_to_two_weeks_after(
    db: Database,
) -> None:
    setup = bake_off(db)
    _import(db)
    lena_post = _post(db, setup.lena, date(2026, 4, 6))
    mia_post = _post(db, setup.mia, date(2026, 4, 7))
    report = campaign_report(db, setup.campaign, date(2026, 5, 1))
    by_id = {p.content_id: p for p in report.posts}
    lena = by_id[lena_post]
    assert lena.days[0] == -7 and lena.days[-1] == 14 and len(lena.orders) == 22
    # #1001 on 5 April (21:06 +0400 is 17:06 UTC), #1002 on the post's day; #1003 cancelled
    # and #1004 voided do not count; #1008 three days after, the USD #1009 four.
    assert [lena.on(d) for d in range(-1, 5)] == [1, 1, 0, 0, 1, 1]
    assert lena.total == 4
    assert (lena.name, lena.platform, lena.posted_on) == (
        "Lena Bakes",
        "instagram",
        date(2026, 4, 6),
    )
    mia = by_id[mia_post]
    assert mia.on(0) == 1 and mia.total == 1  # #1005, found by its UTM tags
    assert [p.content_id for p in report.posts] == [lena_post, mia_post]  # oldest first


def test_orders_outside_the_window_and_of_other_deals_are_left_out(db: Database) -> None:
    setup = bake_off(db)
    _import(db)
    late = _post(db, setup.lena, date(2026, 4, 30))  # orders 25 days before it: out of view
    [post] = campaign_report(db, setup.campaign, date(2026, 5, 1)).posts
    assert post.content_id == late and post.total == 0


def test_posts_without_shop_orders_have_empty_days_and_no_posts_give_nothing(
    db: Database,
) -> None:
    setup = bake_off(db)
    assert campaign_report(db, setup.campaign, date(2026, 5, 1)).posts == ()
    _post(db, setup.lena, date(2026, 4, 6))
    [post] = campaign_report(db, setup.campaign, date(2026, 5, 1)).posts
    assert post.total == 0 and post.orders == (0,) * 22
