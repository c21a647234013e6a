"""A full export restored into the test's own empty database — a server's on the PostgreSQL
pass — exported again cell for cell, then the restore undone and the setup it replaced back.

The source is always a file (the demo made there), as a team moving to a server has one.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from infcrm.db.engine import Database, open_database
from infcrm.db.models import Influencer
from infcrm.demo import generate as demo
from infcrm.files.backup_import import apply_restore, plan_restore
from infcrm.files.xlsx_export import export_xlsx
from infcrm.services.campaigns import campaigns
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.exchange import import_history
from infcrm.services.outreach import followups, interactions, outreach_templates
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencer_list, influencers, saved_views
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery

RESTORE_DIFFERS = {("Outreach", "Email kept")}


def test_a_full_export_restores_into_the_database_exports_the_same_and_undoes(
    db: Database, tmp_path: Path, workbook_differences
) -> None:
    source = open_database(tmp_path / "shop.sqlite")
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    try:
        demo.populate(source, influencers=30, seed=5)
        export_xlsx(source, first, all_sheets=True)
    finally:
        source.close()
    stages_before = [s.name for s in influencers.stages(db)]
    templates_before = [t.name for t in outreach_templates.list_templates(db)]

    result = apply_restore(db, plan_restore(db, first))
    assert result.counts["people"] == 30
    export_xlsx(db, second, all_sheets=True)
    differences = workbook_differences(first, second)
    assert [d for d in differences if (d[0], d[2]) not in RESTORE_DIFFERS] == []
    views_restored = [v.name for v in saved_views.views(db)]
    assert len(views_restored) == 4  # the demo's saved views came along

    import_history.undo_last_import(db)
    with db.reader() as session:
        assert session.execute(select(func.count(Influencer.id))).scalar_one() == 0
    assert [s.name for s in influencers.stages(db)] == stages_before
    assert [t.name for t in outreach_templates.list_templates(db)] == templates_before
    assert saved_views.views(db) == []
    assert plan_restore(db, first).refused is None  # empty again: it restores again


def test_after_a_restore_new_people_campaigns_outreach_and_follow_ups_save(
    db: Database, tmp_path: Path
) -> None:
    # The restore writes every row with the id it had; a server's id sequences must then
    # follow those rows, or the next person saved would take id 1 again and be refused.
    source = open_database(tmp_path / "shop.sqlite")
    export = tmp_path / "all.xlsx"
    try:
        demo.populate(source, influencers=30, seed=5)
        export_xlsx(source, export, all_sheets=True)
    finally:
        source.close()
    apply_restore(db, plan_restore(db, export))

    person = influencers.create(db, InfluencerInput(display_name="New after the restore"))
    campaign = campaigns.create_campaign(db, CampaignInput(name="After the restore"))
    interactions.log_interaction(
        db, InteractionInput(person, "email", "outbound", occurred_at=datetime(2026, 12, 1, 9))
    )
    followups.add_follow_up(db, person, date(2026, 12, 8), "Chase")

    assert person > 30 and campaign > 4
    found = influencer_list.list_ids(db, ListQuery(search="after the restore"))
    assert found == [person]
    assert influencers.get(db, person).display_name == "New after the restore"
