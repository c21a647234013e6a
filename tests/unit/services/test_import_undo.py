"""An import as one step of Edit › Undo: undone like “Undo last import”, redone exactly, and
undone again — people, full-export restores and shop orders (with the older orders an orders
import matched)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from infcrm.db.engine import Database, open_database
from infcrm.files.backup_import import apply_restore, plan_restore
from infcrm.files.import_apply import import_file
from infcrm.files.orders.order_reader import read_orders
from infcrm.files.xlsx_export import export_xlsx
from infcrm.services import restore_points
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.deal_tracking import TrackingInput, save_tracking
from infcrm.services.exchange import import_history
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.exchange.orders_import import import_orders
from infcrm.services.maintenance import settings
from infcrm.services.outreach import outreach_templates
from infcrm.services.people import influencer_list, influencers, saved_views
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from tests.order_setup import ORDERS, SHOPIFY, bake_off, shopify_file
from tests.table_dump import everything


def _names(db: Database, search: str = "") -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery(search=search))
    rows = influencer_list.rows(db, ids)
    return [rows[i].display_name for i in ids]


def test_a_people_import_is_undone_redone_and_undone_again(db: Database, tmp_path: Path) -> None:
    anna = influencers.create(
        db,
        InfluencerInput(
            display_name="Anna",
            email="anna@example.com",
            city="Lyon",
            tags="vegan",
            accounts=(AccountInput("instagram", "anna.bakes", followers=1000),),
        ),
    )
    path = tmp_path / "fair.csv"
    path.write_text(
        "Name,IG,Followers,City,Tags,TikTok handle\nAnna B,anna.bakes,2k,Paris,baking,annab\n"
        "Ben Crumb,ben,5k,,,\nCara Icing,cara,12k,Oslo,cakes,\n",
        encoding="utf-8",
    )
    summary = import_file(db, path, on_duplicate="update")
    assert (summary.created, summary.updated) == (2, 1)
    imported = everything(db)
    assert _names(db) == ["Anna B", "Ben Crumb", "Cara Icing"]

    result, redo = undo_import(db, summary.batch_id)

    assert (result.removed, result.restored) == (2, 1)
    assert _names(db) == ["Anna"] and _names(db, "ben") == [] and influencer_list.count(db) == 1
    back = influencers.get(db, anna)
    assert (back.display_name, back.city, back.tags) == ("Anna", "Lyon", ("vegan",))
    assert [(a.platform, a.followers) for a in back.accounts] == [("instagram", 1000)]
    assert import_history.last_import(db) is None
    undone = everything(db)

    again = restore_points.restore(db, redo)  # Redo: the import exactly as it was

    assert everything(db) == imported
    assert _names(db, "cara") == ["Cara Icing"]
    assert import_history.last_import(db).created == 2
    restore_points.restore(db, again)  # Undo once more
    assert everything(db) == undone


def test_rows_added_to_imported_people_since_come_back_with_the_redo(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "new.csv"
    path.write_text("Name,IG\nDana Dough,dana\n", encoding="utf-8")
    summary = import_file(db, path)
    (dana,) = influencer_list.list_ids(db, ListQuery())
    from infcrm.services.outreach import followups

    followups.add_follow_up(db, dana, date(2026, 6, 1), "Send the brief")  # not undoable
    imported = everything(db)

    _result, redo = undo_import(db, summary.batch_id)
    assert influencer_list.count(db) == 0
    restore_points.restore(db, redo)

    assert everything(db) == imported


def test_a_full_export_restore_is_undone_and_redone(demo_db: Database, tmp_path: Path) -> None:
    export = tmp_path / "all.xlsx"
    export_xlsx(demo_db, export, all_sheets=True)
    empty = open_database(tmp_path / "empty.sqlite")
    try:
        restored = apply_restore(empty, plan_restore(empty, export))
        after = everything(empty)
        people = influencer_list.count(empty)
        assert people == influencer_list.count(demo_db)

        _result, redo = undo_import(empty, restored.batch_id)
        gone = everything(empty)
        assert influencer_list.count(empty) == 0
        assert gone["deal"] == [] and gone["campaign"] == [] and gone["shop_order"] == []

        again = restore_points.restore(empty, redo)
        assert everything(empty) == after
        restore_points.restore(empty, again)
        assert everything(empty) == gone
    finally:
        empty.close()


def _import_orders(db: Database, path: Path):
    read = read_orders(path)
    return import_orders(db, read.name, (read.shop.key, read.shop.label), read.orders, read.lines)


def _figures(db: Database, campaign: int) -> list[tuple]:
    report = campaign_report(db, campaign, date(2026, 5, 1))
    return [(r.deal_id, r.orders, r.revenue) for r in report.rows] + [
        (report.total.orders, report.total.revenue)
    ]


def _a_then_b(db: Database, tmp_path: Path):
    """A: order #3001 without its code (the shop added it later); B: the overlapping export
    where #3001 carries Lena's code, so B matches that older order."""
    setup = bake_off(db)
    plain = {"Name": "#3001", "Total": "40.00", "Subtotal": "40.00"}
    _import_orders(db, shopify_file(tmp_path / "a.csv", [plain]))
    with_code = {**plain, "Discount Code": "LENABAKES10"}
    later = {"Name": "#3002", "Total": "20.00", "Subtotal": "20.00", "Discount Code": "summer1"}
    return setup, shopify_file(tmp_path / "b.csv", [with_code, later])


def test_undoing_an_orders_import_unmatches_the_older_orders_it_matched(
    db: Database, tmp_path: Path
) -> None:
    setup, b_file = _a_then_b(db, tmp_path)
    after_a, rows_after_a = _figures(db, setup.campaign), everything(db)

    b = _import_orders(db, b_file)

    assert (b.added, b.rematched) == (1, 1)
    assert "except 1 that now match a deal" in b.summary()
    assert _figures(db, setup.campaign) != after_a

    result = import_history.undo_last_import(db)  # the menu's own undo does it too

    assert result.file_name == "b.csv"
    assert _figures(db, setup.campaign) == after_a
    assert everything(db) == rows_after_a


def test_an_orders_import_on_the_undo_stack_is_redone_with_its_matches(
    db: Database, tmp_path: Path
) -> None:
    setup, b_file = _a_then_b(db, tmp_path)
    after_a = _figures(db, setup.campaign)
    b = _import_orders(db, b_file)
    after_b = everything(db)

    _result, redo = undo_import(db, b.batch_id)
    assert _figures(db, setup.campaign) == after_a
    restore_points.restore(db, redo)

    assert everything(db) == after_b


def test_an_order_naming_two_deals_counts_once_for_its_first_code(
    db: Database, tmp_path: Path
) -> None:
    setup = bake_off(db)
    save_tracking(db, setup.mia, TrackingInput("MIA5", None))
    with SHOPIFY.open(encoding="utf-8", newline="") as sample:
        header = next(csv.reader(sample))
    row = dict.fromkeys(header, "")
    row.update({
        "Name": "#2001", "Created at": "2026-04-05 21:06:21 +0200", "Currency": "EUR",
        "Total": "50.00", "Discount Code": "MIA5, LENABAKES10", "Discount Amount": "5.00",
        "Financial Status": "paid", "Subtotal": "55.00",
    })  # fmt: skip
    path = tmp_path / "orders_export.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, header)
        writer.writeheader()
        writer.writerow(row)

    result = _import_orders(db, path)

    assert result.matched == 1
    report = campaign_report(db, setup.campaign, date(2026, 5, 1))
    orders = {r.deal_id: r.orders for r in report.rows}
    assert orders == {setup.mia: 1, setup.lena: 0} and report.total.orders == 1
    assert len(result.conflicts) == 1
    assert "Order #2001 (row 2) counts once, for Mia Cooks" in result.conflicts[0]
    assert "code MIA5: the first code on the order" in result.conflicts[0]
    assert "also names Lena Bakes in “Spring Bake-Off”" in result.conflicts[0]
    assert "1 order names two deals; it counts once: Order #2001" in result.summary()


def test_the_order_samples_stay_where_the_tests_find_them() -> None:
    assert SHOPIFY.parent == ORDERS and SHOPIFY.exists()


def test_undoing_a_restore_brings_back_the_templates_views_stages_and_settings_it_replaced(
    demo_db: Database, tmp_path: Path
) -> None:
    export = tmp_path / "all.xlsx"
    export_xlsx(demo_db, export, all_sheets=True)
    empty = open_database(tmp_path / "empty.sqlite")
    try:
        saved_views.create(empty, "My own view", ListQuery(search="bakes"))
        settings.put(empty, settings.DEFAULT_CURRENCY, "USD")
        before = everything(empty)
        starters = [t.name for t in outreach_templates.list_templates(empty)]
        restored = apply_restore(empty, plan_restore(empty, export))
        after = everything(empty)
        assert after["saved_view"] != before["saved_view"]
        assert after["outreach_template"] != before["outreach_template"]

        _result, redo = undo_import(empty, restored.batch_id)

        assert everything(empty) == before  # every row exactly, ids included
        assert [t.name for t in outreach_templates.list_templates(empty)] == starters
        assert [v.name for v in saved_views.views(empty)] == ["My own view"]
        assert settings.default_currency(empty) == "USD"
        again = restore_points.restore(empty, redo)
        assert everything(empty) == after
        restore_points.restore(empty, again)
        assert everything(empty) == before

        # “Undo last import…” (the import history, also after a restart) does the same.
        apply_restore(empty, plan_restore(empty, export))
        import_history.undo_last_import(empty)
        assert everything(empty)["outreach_template"] == before["outreach_template"]
        assert [v.name for v in saved_views.views(empty)] == ["My own view"]
    finally:
        empty.close()
