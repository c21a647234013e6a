"""The Outreach and Follow-ups sheets of an all-sheets export, read back with openpyxl."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.files.xlsx_export import export_xlsx
from infcrm.services.outreach import interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery


def test_outreach_and_follow_ups_are_exported_with_dates_and_safe_text(
    demo_db: Database, tmp_path: Path
) -> None:
    person = influencer_list.list_ids(demo_db, ListQuery())[0]
    interactions.log_interaction(
        demo_db,
        InteractionInput(person, "email", "outbound", subject="=HYPERLINK(\"http://x\")",
                         summary="x" * 40_000),
    )  # fmt: skip
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    book = load_workbook(target)
    outreach = book["Outreach"]
    headers = [c.value for c in outreach[1]]
    assert headers[:5] == ["ID", "Influencer", "Influencer ID", "When", "What"]
    subject, summary, when = (headers.index(h) for h in ("Subject", "Summary", "When"))
    rows = list(outreach.iter_rows(min_row=2, values_only=True))
    with demo_db.reader() as session:
        stored = session.execute(text("SELECT count(*) FROM interaction")).scalar()
    assert len(rows) == stored, "every interaction of everyone exported"
    ours = next(r for r in rows if r[subject] and r[subject].startswith("=HYPERLINK"))
    cell = next(c for c in outreach.iter_rows(min_row=2) if c[subject].value == ours[subject])
    assert cell[subject].data_type == "s", "a subject that looks like a formula stays text"
    assert len(ours[summary]) == 32_767 and ours[summary].endswith("…"), "cut to what Excel keeps"
    assert isinstance(rows[0][when], datetime)

    follow = book["Follow-ups"]
    headers = [c.value for c in follow[1]]
    due, status = headers.index("Due"), headers.index("Status")
    rows = list(follow.iter_rows(min_row=2, values_only=True))
    with demo_db.reader() as session:
        stored = session.execute(text("SELECT count(*) FROM follow_up")).scalar()
    assert len(rows) == stored > 0
    assert all(isinstance(r[due], datetime) for r in rows), "due dates are dates"
    assert {r[status] for r in rows} <= {"Open", "Done"}
