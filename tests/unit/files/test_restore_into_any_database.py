"""A full export restored into the test's own empty database — a server's on the PostgreSQL
pass — exported again cell for cell, then the restore undone and the setup it replaced back.

The source is always a file (the demo made there), as a team moving to a server has one.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from infcrm.db.engine import Database, open_database
from infcrm.db.models import Influencer
from infcrm.demo import generate as demo
from infcrm.files.backup_import import apply_restore, plan_restore
from infcrm.files.xlsx_export import export_xlsx
from infcrm.services.exchange import import_history
from infcrm.services.outreach import outreach_templates
from infcrm.services.people import influencers, saved_views

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
