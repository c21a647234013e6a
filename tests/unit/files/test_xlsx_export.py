"""Excel export on a real database, every file read back with openpyxl as Excel would see it."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from infcrm.db.engine import Database
from infcrm.files.export_columns import (
    ACCOUNT_COLUMNS,
    EXPORT_COLUMNS,
    ID_COLUMN,
    known_headers,
)
from infcrm.files.xlsx_export import ExportError, export_xlsx
from infcrm.services.exchange import export_rows
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery


def _headers(sheet: Worksheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def _column(sheet: Worksheet, header: str) -> list:
    index = _headers(sheet).index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


class CancelAfter:
    """A progress object that cancels, like the Cancel button, once `rows` rows are written."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.calls: list[tuple[int, int, str]] = []

    def report(self, done: int, total: int, text: str = "") -> None:
        self.calls.append((done, total, text))
        if done >= self.rows:
            raise KeyboardInterrupt("cancelled")  # any exception must leave nothing behind


@pytest.fixture
def anna(db: Database) -> int:
    """One fully described influencer with an Instagram (main) and a TikTok account."""
    return influencers.create(
        db,
        InfluencerInput(
            display_name="Anna Bakes",
            email="anna@example.com",
            country="Germany",
            city="Köln",
            tags="vip, local",
            notes="Loves sourdough 🍞",
            found_via="follows_us",
            rating="4",
            accounts=(
                AccountInput(
                    platform="instagram",
                    handle="anna.bakes",
                    is_primary=True,
                    followers="12.5k",
                    avg_likes="400",
                    avg_comments="25",
                ),
                AccountInput(platform="tiktok", handle="annabakes", followers=3200),
            ),
        ),
    )


def test_demo_export_is_a_real_spreadsheet(
    demo_db: Database, tmp_path: Path, column_widths
) -> None:
    target = tmp_path / "people.xlsx"
    result = export_xlsx(demo_db, target)

    assert result.influencers == 60 and result.sheets == ("Influencers",)
    book = load_workbook(target)
    assert book.sheetnames == ["Influencers"]
    sheet = book["Influencers"]
    headers = _headers(sheet)
    assert headers[: len(EXPORT_COLUMNS)] == [c.header for c in EXPORT_COLUMNS]
    assert sheet.max_row == 61
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headers)).column_letter}61"
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    # Widths in characters (Excel stores a few pixels' padding on top).
    widths = column_widths(sheet)
    assert int(widths["A"]) == 26  # Name
    assert int(widths["C"]) == 30  # Email
    for cell in sheet[1]:  # and never so narrow that a header is cut
        assert widths[cell.column_letter] >= len(cell.value) + 2, cell.value
    # It prints: landscape, one page wide, the header row on every page.
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"
    # Rows come in the list's order: by name.
    names = [c.value for c in _column(sheet, "Name")]
    assert names == sorted(names, key=str.casefold)

    followers = [c for c in _column(sheet, "Followers") if c.value is not None]
    assert followers and all(isinstance(c.value, int) for c in followers)
    assert {c.number_format for c in followers} == {"#,##0"}
    rates = [c for c in _column(sheet, "Engagement") if c.value is not None]
    assert rates and all(isinstance(c.value, float) and c.value < 1 for c in rates)
    assert {c.number_format for c in rates} == {"0.0%"}
    # Written with the precision shown: 0.027, not 0.0269607843…
    assert all(c.value == round(c.value, 3) for c in rates)
    added = _column(sheet, "Added")
    assert all(isinstance(c.value, datetime) and c.is_date for c in added)
    assert {c.number_format for c in added} == {"yyyy-mm-dd hh:mm"}


def test_figures_links_and_dates_match_what_was_saved(
    db: Database, anna: int, tmp_path: Path
) -> None:
    target = tmp_path / "anna.xlsx"
    export_xlsx(db, target)
    sheet = load_workbook(target)["Influencers"]
    row = {h: c for h, c in zip(_headers(sheet), sheet[2], strict=True)}
    saved = influencers.get(db, anna)

    assert row["Name"].value == "Anna Bakes"
    assert row["City"].value == "Köln" and row["Notes"].value == "Loves sourdough 🍞"
    assert row["Platform"].value == "Instagram" and row["Tier"].value == "Micro"
    assert row["Found via"].value == "Follows us"
    assert row["Followers"].value == 12_500 and row["Avg likes"].value == 400
    assert row["Engagement"].value == pytest.approx(425 / 12_500)
    assert row["Rating"].value == 4 and row["Do not contact"].value == "No"
    assert row["Accounts"].value == 2
    assert row["Email"].hyperlink.target == "mailto:anna@example.com"
    assert row["Email"].value == "anna@example.com" and row["Email"].style == "Hyperlink"
    assert row["Profile URL"].hyperlink.target == saved.accounts[0].url
    assert row["Profile URL"].style == "Hyperlink"
    # Instants are stored in UTC and shown in local time, to the minute.
    local = saved.created_at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
    assert abs((row["Added"].value - local).total_seconds()) < 1
    # One group of columns per platform present, the main account included.
    assert row["Instagram handle"].value == "anna.bakes"
    assert row["TikTok handle"].value == "annabakes"
    assert row["TikTok followers"].value == 3200
    assert row["TikTok profile"].hyperlink.target == saved.accounts[1].url
    assert "YouTube handle" not in row  # nobody here is on YouTube


def test_what_you_see_keeps_the_filter_sort_and_columns(demo_db: Database, tmp_path: Path) -> None:
    query = ListQuery(tier="micro", sort="followers", descending=True)
    target = tmp_path / "micro.xlsx"
    result = export_xlsx(demo_db, target, query, ["name", "followers", "tier", "nonsense"])

    expected = influencer_list.list_ids(demo_db, query)
    assert result.influencers == len(expected) > 0
    sheet = load_workbook(target)["Influencers"]
    headers = _headers(sheet)
    assert headers[:4] == ["Name", "Followers", "Tier", "Do not contact"]
    assert all(h.endswith(("handle", "followers", "profile")) for h in headers[4:])
    assert {c.value for c in _column(sheet, "Tier")} == {"Micro"}
    followers = [c.value for c in _column(sheet, "Followers")]
    assert followers == sorted(followers, reverse=True)


def test_all_sheets_adds_every_social_account(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "all.xlsx"
    result = export_xlsx(demo_db, target, all_sheets=True)

    assert list(result.sheets) == [
        "Influencers",
        "Social accounts",
        "Follower history",
        "Outreach",
        "Follow-ups",
        "Campaigns",
        "Deals",
        "Incentives",
        "Deliverables",
        "Content",
        "Payments",
        "Agreements",
        "Shop orders",
        "Stages",
        "Settings",
        "Agreement templates",
        "Outreach templates",
        "Tag colours",
        "Saved views",
        "Not duplicates",
    ]
    sheet = load_workbook(target)["Social accounts"]
    ids = influencer_list.list_ids(demo_db, ListQuery())
    assert sheet.max_row - 1 == export_rows.account_count(demo_db, ids) > 60
    assert _headers(sheet) == [c.header for c in ACCOUNT_COLUMNS]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    main_flags = [c.value for c in _column(sheet, "Main account")]
    assert main_flags.count("Yes") == 60
    links = [c for c in _column(sheet, "Profile URL") if c.value]
    assert links and all(c.hyperlink.target == c.value for c in links)


def test_account_sheet_columns_match_the_rows_the_service_gives() -> None:
    assert tuple(c.key for c in ACCOUNT_COLUMNS) == export_rows.ACCOUNT_KEYS
    assert {c.key for c in (ID_COLUMN, *EXPORT_COLUMNS)} == set(export_rows.INFLUENCER_KEYS)
    assert known_headers()["instagram followers"] == "instagram_followers"


def test_an_empty_database_gives_a_header_only_sheet(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "empty.xlsx"
    assert export_xlsx(db, target).influencers == 0
    sheet = load_workbook(target)["Influencers"]
    assert sheet.max_row == 1 and _headers(sheet)[0] == "Name"


def test_cancel_mid_export_leaves_no_file_and_no_temporary_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infcrm.demo import generate as demo

    demo.populate(db, influencers=1500, seed=1)
    # Rows are streamed through temporary files: the system's folder is watched too.
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    target = tmp_path / "big.xlsx"
    progress = CancelAfter(rows=500)
    with pytest.raises(KeyboardInterrupt):
        export_xlsx(db, target, progress=progress)

    assert any(done >= 500 for done, _total, _text in progress.calls)
    left = [p.name for p in tmp_path.iterdir() if not p.name.startswith("test.sqlite")]
    assert left == ["system-temp"]  # neither the export nor its temporary file
    assert list(system_temp.iterdir()) == []


def test_cancel_keeps_the_previous_file_untouched(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "people.xlsx"
    target.write_bytes(b"last week's export")
    with pytest.raises(KeyboardInterrupt):
        export_xlsx(demo_db, target, progress=CancelAfter(rows=1))
    assert target.read_bytes() == b"last week's export"
    assert not list(tmp_path.glob(".*.part"))


def test_a_missing_folder_is_refused_in_plain_words(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is not an existing folder"):
        export_xlsx(demo_db, tmp_path / "nowhere" / "people.xlsx")


def test_progress_counts_up_to_every_influencer(demo_db: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    class Watch:
        def report(self, done: int, total: int, text: str = "") -> None:
            seen.append((done, total))

    export_xlsx(demo_db, tmp_path / "p.xlsx", progress=Watch())
    assert (60, 60) in seen


def test_the_files_package_loads_without_qt_and_defers_the_xlsx_writer() -> None:
    code = (
        "import sys; import infcrm.files.export_command, infcrm.files.csv_export, "
        "infcrm.files.xlsx_export, infcrm.files.export_columns, infcrm.files.safe_cells; "
        "print('\\n'.join(sys.modules))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "infcrm.files.xlsx_export" in loaded
    assert "PySide6" not in loaded
    assert "xlsxwriter" not in loaded and "openpyxl" not in loaded


def test_the_list_as_shown_always_carries_do_not_contact(db: Database, tmp_path: Path) -> None:
    influencers.create(db, InfluencerInput(display_name="Quiet Quinn", do_not_contact=True))
    influencers.create(db, InfluencerInput(display_name="Open Olga"))
    target = tmp_path / "shown.xlsx"
    export_xlsx(db, target, ListQuery(sort="name"), ["name", "email"])

    sheet = load_workbook(target)["Influencers"]
    assert _headers(sheet)[:3] == ["Name", "Email", "Do not contact"]
    names = [c.value for c in _column(sheet, "Name")]
    flags = [c.value for c in _column(sheet, "Do not contact")]
    assert dict(zip(names, flags, strict=True)) == {"Open Olga": "No", "Quiet Quinn": "Yes"}


def test_a_killed_exports_row_streams_are_removed_at_the_next_start(tmp_path: Path) -> None:
    from infcrm.services.maintenance import maintenance

    # The private folder of row streams a killed export left (its process is gone).
    left = tmp_path / ".people.2147480000-ab12.part"
    left.mkdir()
    (left / "tmpk2x9").write_text("<row r='2'>…personal data…</row>")
    kept = tmp_path / "people.xlsx"
    kept.write_text("the user's own file")
    assert maintenance.clean_leftovers(tmp_path) == [left]
    assert not left.exists() and kept.exists()
