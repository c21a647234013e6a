"""A full export restores each account's follower history, and loses nothing else unsaid.

Real demo data (which records about a year of monthly figures per account), a real .xlsx
written and read back, a second real database. The growth chart on a person's page draws from
these records, so after a restore it must draw the same line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from infcrm.db.base import Base
from infcrm.db.engine import Database, open_database
from infcrm.files.backup_import import apply_restore, plan_restore
from infcrm.files.backup_reader import BackupError
from infcrm.files.xlsx_export import export_xlsx
from infcrm.services.exchange.restore_checks import RestoreRefused
from infcrm.services.people import duplicates, influencers, photos
from infcrm.services.people.influencer_list import list_ids
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import rows_of

HISTORY = "Follower history"
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(64))  # what the store checks: a PNG's first bytes


def _second(moment: dt.datetime) -> dt.datetime:
    """A moment as the export writes it: to the second (the README says so)."""
    return moment.replace(microsecond=0)


def _histories(db: Database) -> dict[tuple, list[tuple]]:
    """Each account's growth chart, by person, platform and handle (or account name)."""
    charts = {}
    for person in list_ids(db, ListQuery()):
        for account in influencers.get(db, person).accounts:
            key = (person, account.platform, account.handle or account.label)
            charts[key] = [
                (_second(s.taken_at), s.followers, s.avg_likes, s.avg_comments, s.avg_views)
                for s in influencers.snapshots(db, account.id)
            ]
    return charts


def _figures(db: Database) -> dict[tuple, tuple]:
    """Each account's figures as its row shows them now."""
    return {
        (person, account.platform, account.handle or account.label): (
            account.followers,
            account.avg_likes,
            account.avg_comments,
            account.avg_views,
        )
        for person in list_ids(db, ListQuery())
        for account in influencers.get(db, person).accounts
    }


def _restored(tmp_path: Path, workbook: Path) -> Database:
    copy = open_database(tmp_path / "restored.sqlite")
    plan = plan_restore(copy, workbook)
    assert plan.refused is None, plan.refused
    apply_restore(copy, plan)
    return copy


def test_every_accounts_follower_history_comes_back_from_a_full_export(
    demo_db: Database, tmp_path: Path
) -> None:
    before = _histories(demo_db)
    recorded = sum(len(h) for h in before.values())
    assert recorded > 2 * len(before), "the demo records months of figures per account"
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    assert load_workbook(target, read_only=True)[HISTORY].max_row == recorded + 1

    copy = _restored(tmp_path, target)
    try:
        assert _histories(copy) == before
        # A second export of the restored file writes the same history, cell for cell.
        again = tmp_path / "again.xlsx"
        export_xlsx(copy, again, all_sheets=True)
    finally:
        copy.close()
    first = [[c.value for c in r] for r in load_workbook(target)[HISTORY].iter_rows()]
    second = [[c.value for c in r] for r in load_workbook(again)[HISTORY].iter_rows()]
    assert first == second


def test_a_history_row_naming_no_account_is_refused_by_sheet_row_and_column(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    book = load_workbook(target)
    sheet = book[HISTORY]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=headers.index("Handle") + 1, value="nobody.here")
    book.save(target)
    copy = open_database(tmp_path / "restored.sqlite")
    try:
        refused = plan_restore(copy, target).refused
        assert refused is not None
        assert refused.startswith(f"Sheet “{HISTORY}”, row 3, column “Handle”: ")
        assert "Social accounts" in refused and "Nothing was restored." in refused
        with pytest.raises(RestoreRefused):
            apply_restore(copy, plan_restore(copy, target))
        assert rows_of(copy, "SELECT count(*) FROM influencer") == [(0,)]
    finally:
        copy.close()


def test_an_unreadable_history_figure_is_refused_by_sheet_row_and_column(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    book = load_workbook(target)
    sheet = book[HISTORY]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("Followers") + 1, value="lots")
    book.save(target)
    copy = open_database(tmp_path / "restored.sqlite")
    try:
        with pytest.raises(BackupError) as refused:
            plan_restore(copy, target)
        assert str(refused.value).startswith(f"Sheet “{HISTORY}”, row 2, column “Followers”: ")
    finally:
        copy.close()


def test_an_older_export_without_the_history_sheet_still_restores(
    demo_db: Database, tmp_path: Path
) -> None:
    """Workbooks written before the sheet existed: each account's chart starts from the
    figures it has."""
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    book = load_workbook(target)
    del book[HISTORY]
    book.save(target)
    copy = _restored(tmp_path, target)
    try:
        charts = _histories(copy)
        figures = _figures(copy)
    finally:
        copy.close()
    assert figures == _figures(demo_db)
    for key, now in figures.items():
        assert [point[1:] for point in charts[key]] == ([now] if any(now) else [])


def test_a_pair_marked_not_a_duplicate_stays_marked_and_a_bad_pair_is_refused(
    demo_db: Database, tmp_path: Path
) -> None:
    first, second = list_ids(demo_db, ListQuery())[:2]
    duplicates.mark_not_duplicate(demo_db, first, second)
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    copy = _restored(tmp_path, target)
    try:
        assert rows_of(copy, "SELECT influencer_id, other_id FROM not_duplicate") == [
            (min(first, second), max(first, second))
        ]
    finally:
        copy.close()
    book = load_workbook(target)
    sheet = book["Not duplicates"]
    sheet.cell(row=2, column=4, value=sheet.cell(row=2, column=2).value)
    book.save(target)
    again = open_database(tmp_path / "again.sqlite")
    try:
        refused = plan_restore(again, target).refused
        assert refused == (
            "Sheet “Not duplicates”, row 2, column “Other influencer ID”: a person cannot be a "
            "duplicate of themselves. Nothing was restored."
        )
    finally:
        again.close()


# What a restore cannot give back, table by table; the README names what a user would miss.
# Every other stored value of every table must come back exactly, row by row (moments to the
# second, as the sheets write them).
NOT_CARRIED = {
    # When a row was first written into this file: the restore writes it.
    ("social_account", "created_at"),
    ("social_account", "updated_at"),
    ("interaction", "created_at"),
    ("follow_up", "created_at"),
    ("deal", "created_at"),
    ("deal", "updated_at"),
    ("campaign", "updated_at"),
    ("agreement_template", "created_at"),
    ("outreach_template", "created_at"),
    ("outreach_template", "updated_at"),
    ("saved_view", "created_at"),
    ("saved_view", "updated_at"),
    # Numbers shown on no sheet and named by no other row's sheet: an account (the sheets
    # name it by person, platform and handle), a follow-up, a post, a shop order and a
    # template are numbered afresh, in the sheet's order.
    ("social_account", "id"),
    ("metric_snapshot", "id"),
    ("metric_snapshot", "account_id"),
    ("follow_up", "id"),
    ("content", "id"),
    ("shop_order", "id"),
    ("outreach_template", "id"),
    # How often a record was saved in this file (what tells two users' saves apart): counted
    # afresh by the restore's own writes.
    ("influencer", "version"),
    ("campaign", "version"),
    ("deal", "version"),
    # A saved .eml is a file, not a cell (the Outreach sheet says "Email kept").
    ("interaction", "source_eml"),
    # The import history is the file's own: a restore is recorded as one import.
    ("import_batch", "*"),
    ("import_batch_item", "*"),
    ("shop_order", "batch_id"),
    # A photo is a picture, not a cell: a backup copy of the file keeps it.
    ("influencer_photo", "*"),
}

_STORED_MOMENT = re.compile(r"(\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d\.\d+")


def _to_the_second(value: object) -> object:
    """A stored value spelled one way whatever the backend gives (a server's datetime, date,
    time or bool; SQLite's text and 0/1), moments to the second."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and _STORED_MOMENT.fullmatch(value):
        return value.partition(".")[0]
    return value


def _comparable(db: Database) -> dict[str, tuple[list[str], list[tuple]]]:
    """Each table's rows (the columns a restore carries), sorted, moments to the second."""
    tables = {}
    for table in Base.metadata.sorted_tables:
        if (table.name, "*") in NOT_CARRIED:
            continue
        names = [c.name for c in table.columns if (table.name, c.name) not in NOT_CARRIED]
        sql = "SELECT " + ", ".join(f'"{n}"' for n in names) + f' FROM "{table.name}"'
        rows = [tuple(map(_to_the_second, row)) for row in rows_of(db, sql)]
        tables[table.name] = (names, sorted(rows, key=repr))
    return tables


def test_a_full_export_restores_every_stored_value_but_those_the_readme_names(
    demo_db: Database, tmp_path: Path
) -> None:
    first, second, third = list_ids(demo_db, ListQuery())[:3]
    duplicates.mark_not_duplicate(demo_db, first, second)  # a question the user answered
    photos.set_photo(demo_db, third, PHOTO)
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    copy = _restored(tmp_path, target)
    try:
        after = _comparable(copy)
    finally:
        copy.close()
    before = _comparable(demo_db)
    lost = {}
    for table, (names, rows) in before.items():
        if after[table][1] != rows:
            columns = zip(*rows, strict=True) if rows else ()
            again = zip(*after[table][1], strict=True) if after[table][1] else ()
            lost[table] = [
                name
                for name, old, new in zip(names, columns, again, strict=False)
                if sorted(old, key=repr) != sorted(new, key=repr)
            ] or f"{len(rows)} rows before, {len(after[table][1])} after"
    assert lost == {}
    assert len(before["metric_snapshot"][1]) > 2 * len(before["social_account"][1])
