"""An all-sheets export is a backup: restored into an empty file, exported again, cell for cell.

Real demo data, real .xlsx files read back with openpyxl, a real second database. The one
column allowed to differ is documented in the README: "Email kept" on the Outreach sheet (a
saved .eml file is not in a spreadsheet, so a restored message has no file kept).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, insert, select, update

from infcrm.db.campaign_models import Campaign, Deal
from infcrm.db.engine import Database, open_database
from infcrm.db.models import Influencer, InfluencerTag, SocialAccount
from infcrm.db.order_models import ShopOrder
from infcrm.db.outreach_models import Interaction
from infcrm.domain.metrics import TierThresholds
from infcrm.files.backup_import import apply_restore, plan_restore
from infcrm.files.backup_reader import BackupError, looks_like_backup
from infcrm.files.xlsx_export import export_xlsx, local_time
from infcrm.services.campaigns import agreement_templates, deal_tracking
from infcrm.services.campaigns.deal_tracking import TrackingInput
from infcrm.services.exchange import import_history
from infcrm.services.exchange.restore_checks import RestoreRefused
from infcrm.services.maintenance import settings
from infcrm.services.outreach import interactions, outreach_templates, pipeline
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencers, saved_views, tags
from infcrm.services.people.influencer_types import ListQuery

# (sheet, column) that may differ after a restore; the README names the same.
RESTORE_DIFFERS = {("Outreach", "Email kept")}
OTHER_NAMES = "Lena B.; Zoë Müller"


def _enrich(db: Database) -> int:
    """What the demo lacks: a kept e-mail, a follow-up with a time made from a message, a
    stage of the user's own, tier thresholds of the user's own, an account without a handle.
    Returns the message's id."""
    person = db.engine.connect().execute(select(func.min(Influencer.id))).scalar_one()
    message = interactions.log_interaction(
        db,
        InteractionInput(
            person,
            "email",
            "outbound",
            subject="Rates for spring",
            follow_up_due=date(2031, 4, 2),
            follow_up_time=dt.time(14, 30),
            follow_up_note="Ask again",
        ),
    )
    with db.transaction() as session:
        session.execute(
            update(Interaction).where(Interaction.id == message).values(source_eml=b"raw")
        )
        # The names of two records merged into this person, as a merge keeps them.
        session.execute(
            update(Influencer).where(Influencer.id == person).values(other_names=OTHER_NAMES)
        )
    pipeline.add_stage(db, "Waiting for samples")
    agreement_templates.set_default(
        db, agreement_templates.save_template(db, "Short", "Our deal", "Hi {first_name}!").value
    )
    with db.reader() as session:
        tag = session.execute(select(func.min(InfluencerTag.name))).scalar_one()
    tags.set_tag_colour(db, tag, "#3a7bd5")
    with db.transaction() as session:  # a channel known only by its name, figures and all
        session.execute(
            insert(SocialAccount).values(
                influencer_id=person, platform="youtube", handle=None, label="Kitchen Stories",
                is_primary=False, followers=123_000, created_at=dt.datetime(2031, 1, 1),
                updated_at=dt.datetime(2031, 1, 1),
            )
        )  # fmt: skip
    settings.set_tier_thresholds(db, TierThresholds(micro=5_000, macro=50_000, mega=500_000))
    outreach_templates.save_template(db, "After the fair", "email", "Hi {first_name}", "Lovely!")
    outreach_templates.save_template(db, "Quick DM", "dm", None, "Hey {handle} 👋")
    own_stage = next(s.id for s in influencers.stages(db) if s.name == "Waiting for samples")
    saved_views.create(
        db, "Samples due", ListQuery(stage_id=own_stage, sort="followers"), ("name", "stage")
    )
    with db.reader() as session:
        deal = session.execute(select(func.min(Deal.id))).scalar_one()
    deal_tracking.save_tracking(
        db, deal, TrackingInput(promo_code="Lena Bakes10", landing_url="https://shop.example/oats")
    )
    return message


def _fresh(tmp_path: Path, name: str) -> Database:
    return open_database(tmp_path / name)


@contextlib.contextmanager
def copy_again(tmp_path: Path):
    """The restored file, opened again."""
    db = _fresh(tmp_path, "restored.sqlite")
    try:
        yield db
    finally:
        db.close()


def test_a_full_export_restores_into_an_empty_file_cell_for_cell(
    db: Database, tmp_path: Path, workbook_differences
) -> None:
    from infcrm.demo import generate as demo

    demo.populate(db, influencers=60, seed=3)  # shop orders and deals' own codes too
    demo_db = db
    _enrich(demo_db)
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    export_xlsx(demo_db, first, all_sheets=True)
    assert looks_like_backup(first)

    copy = _fresh(tmp_path, "restored.sqlite")
    try:
        plan = plan_restore(copy, first)
        assert plan.refused is None
        assert plan.headline().startswith("Restore 60 people, ")
        result = apply_restore(copy, plan)
        assert result.counts["people"] == 60 and result.counts["campaigns"] >= 3
        export_xlsx(copy, second, all_sheets=True)
    finally:
        copy.close()

    differences = workbook_differences(first, second)
    unexplained = [d for d in differences if (d[0], d[2]) not in RESTORE_DIFFERS]
    assert unexplained == []
    # The documented column differs exactly where an e-mail was kept: Yes became No.
    assert [(d[3][0], d[4][0]) for d in differences] == [("Yes", "No")]
    book = load_workbook(second)
    assert book["Settings"].max_row == 2  # the tier thresholds came along
    assert "Waiting for samples" in [c.value for c in book["Stages"]["A"]]
    templates = [[c.value for c in row] for row in book["Agreement templates"].iter_rows()]
    assert templates[1] == ["Short", "Our deal", "Hi {first_name}!", "Yes"]
    assert book["Tag colours"]["B2"].value == "#3a7bd5"
    outreach = [[c.value for c in row] for row in book["Outreach templates"].iter_rows()]
    assert outreach[-2:] == [  # after the two a new file starts with
        ["After the fair", "Email", "Hi {first_name}", "Lovely!"],
        ["Quick DM", "Direct message", None, "Hey {handle} 👋"],
    ]
    views = {row[0].value: row for row in book["Saved views"].iter_rows(min_row=2)}
    assert len(views) == 5  # the demo's four and the user's own
    shows, filters, columns = (c.value for c in views["Samples due"][1:])
    assert "Stage: Waiting for samples" in shows and columns == "name, stage"
    assert '"stage": "Waiting for samples"' in filters  # by name: the ids are new
    with copy_again(tmp_path) as restored:
        view = saved_views.find(restored, "Samples due")
        assert view is not None and view.columns == ("name", "stage")
        stage = next(s for s in influencers.stages(restored) if s.id == view.query.stage_id)
        assert stage.name == "Waiting for samples"
        names = [t.name for t in outreach_templates.list_templates(restored)]
        assert len(names) == 4 and {"After the fair", "Quick DM"} <= set(names)
    with copy_again(tmp_path) as restored, restored.reader() as session:
        kept = session.execute(select(Influencer.other_names).where(Influencer.id == 1))
        assert kept.scalar_one() == OTHER_NAMES, "the names a merge kept come back"
        deal = session.execute(select(Deal).order_by(Deal.id).limit(1)).scalar_one()
        assert (deal.promo_code, deal.promo_key, deal.landing_url) == (
            "Lena Bakes10",
            "LENABAKES10",
            "https://shop.example/oats",
        ), "a deal's own code and landing page come back"
    every_sheet = {"Incentives", "Deliverables", "Payments", "Agreements", "Content", "Shop orders"}
    assert all(book[title].max_row > 1 for title in every_sheet)


def test_a_restore_is_undone_whole(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    copy = _fresh(tmp_path, "restored.sqlite")
    try:
        apply_restore(copy, plan_restore(copy, target))
        assert import_history.last_import(copy).created == 60
        import_history.undo_last_import(copy)
        with copy.reader() as session:
            assert session.execute(select(func.count(Influencer.id))).scalar_one() == 0
            assert session.execute(select(func.count(Campaign.id))).scalar_one() == 0
        # Empty again, so the same file restores again.
        assert plan_restore(copy, target).refused is None
    finally:
        copy.close()


def test_a_database_that_holds_people_is_refused_and_left_alone(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    plan = plan_restore(demo_db, target)
    assert "already holds 60 people" in plan.refused and "empty database" in plan.refused
    with pytest.raises(RestoreRefused):
        apply_restore(demo_db, plan)
    with demo_db.reader() as session:
        assert session.execute(select(func.count(Influencer.id))).scalar_one() == 60


def _edit(path: Path, sheet: str, header: str, value: object, row: int = 2) -> None:
    book = load_workbook(path)
    headers = [c.value for c in book[sheet][1]]
    book[sheet].cell(row=row, column=headers.index(header) + 1, value=value)
    book.save(path)


def _nothing_written(db: Database) -> None:
    with db.reader() as session:
        assert session.execute(select(func.count(Influencer.id))).scalar_one() == 0
        assert session.execute(select(func.count(Deal.id))).scalar_one() == 0


def test_a_deal_pointing_at_a_missing_campaign_is_refused_by_sheet_row_and_column(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "edited.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    _edit(target, "Deals", "Campaign ID", 9999, row=3)
    copy = _fresh(tmp_path, "restored.sqlite")
    try:
        plan = plan_restore(copy, target)
        assert plan.refused.startswith("Sheet “Deals”, row 3, column “Campaign ID”: ")
        assert "no campaign with ID 9999 on the sheet “Campaigns”" in plan.refused
        with pytest.raises(RestoreRefused, match="row 3"):
            apply_restore(copy, plan)
        _nothing_written(copy)
    finally:
        copy.close()


def test_a_shop_order_on_two_rows_is_refused_and_an_undone_restore_takes_the_orders(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "edited.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    copy = _fresh(tmp_path, "restored.sqlite")
    try:
        apply_restore(copy, plan_restore(copy, target))
        with copy.reader() as session:
            kept = session.execute(select(func.count(ShopOrder.id))).scalar_one()
        with demo_db.reader() as session:
            assert kept == session.execute(select(func.count(ShopOrder.id))).scalar_one() > 0
        import_history.undo_last_import(copy)
        with copy.reader() as session:
            assert session.execute(select(func.count(ShopOrder.id))).scalar_one() == 0

        first = load_workbook(target)["Shop orders"]
        headers = [c.value for c in first[1]]
        _edit(target, "Shop orders", "Order", first[2][headers.index("Order")].value, row=3)
        _edit(target, "Shop orders", "Shop", first[2][headers.index("Shop")].value, row=3)
        plan = plan_restore(copy, target)
        assert plan.refused.startswith("Sheet “Shop orders”, row 3, column “Order”: ")
        assert "an order is kept once" in plan.refused
        _nothing_written(copy)
    finally:
        copy.close()


@pytest.mark.parametrize(
    ("sheet", "header", "value", "message"),
    [
        ("Social accounts", "Followers", "lots", "“lots” is not a whole number"),
        ("Influencers", "Stage", None, None),  # an empty stage is fine: no row refused
        ("Payments", "Currency", "XYZ", "XYZ is not a currency"),
        ("Outreach", "Channel", "Pigeon", "“Pigeon” is not"),
    ],
)
def test_an_unreadable_cell_is_refused_by_sheet_row_and_column(
    demo_db: Database, tmp_path: Path, sheet: str, header: str, value: object, message: str
) -> None:
    target = tmp_path / "edited.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    _edit(target, sheet, header, value)
    copy = _fresh(tmp_path, "restored.sqlite")
    try:
        if message is None:
            assert plan_restore(copy, target).refused is None
            return
        with pytest.raises(BackupError) as refused:
            plan_restore(copy, target)
        assert str(refused.value).startswith(f"Sheet “{sheet}”, row 2, column “{header}”: ")
        assert message in str(refused.value) and "Nothing was restored." in str(refused.value)
        _nothing_written(copy)
    finally:
        copy.close()


def test_a_sent_agreement_whose_text_was_edited_is_refused(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "edited.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    book = load_workbook(target)
    sheet = book["Agreements"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[headers.index("Sent")].value)
    row[headers.index("Text")].value += " And a bonus."
    book.save(target)
    copy = _fresh(tmp_path, "restored.sqlite")
    try:
        refused = plan_restore(copy, target).refused
        assert f"row {row[0].row}, column “Text”" in refused and "SHA-256" in refused
    finally:
        copy.close()


def test_a_list_export_is_not_taken_for_a_backup(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "list.xlsx"
    export_xlsx(demo_db, target)
    assert not looks_like_backup(target)


def test_outreach_times_are_shown_in_local_time_once(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        target = tmp_path / "all.xlsx"
        export_xlsx(demo_db, target, all_sheets=True)
        sheet = load_workbook(target)["Outreach"]
        headers = [c.value for c in sheet[1]]
        first = [c.value for c in sheet[2]]
        with demo_db.reader() as session:
            stored = session.get(Interaction, first[headers.index("ID")]).occurred_at
        assert first[headers.index("When")] == local_time(stored).replace(microsecond=0)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_restore_cancelled_half_way_leaves_the_file_empty(
    demo_db: Database, tmp_path: Path
) -> None:
    from infcrm.services.progress import Cancelled

    class CancelAtPeople:
        def report(self, done: int, total: int, text: str = "") -> None:
            if text.startswith("Restoring campaigns"):  # people are written by now
                raise Cancelled

    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    copy = _fresh(tmp_path, "restored.sqlite")
    try:
        with pytest.raises(Cancelled):
            apply_restore(copy, plan_restore(copy, target), CancelAtPeople())
        _nothing_written(copy)
        assert import_history.last_import(copy) is None
        assert plan_restore(copy, target).refused is None
    finally:
        copy.close()
