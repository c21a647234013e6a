"""CSV export read back with the csv module, as Excel and other programs would read it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from infcrm.db.engine import Database
from infcrm.files.csv_export import export_csv
from infcrm.files.xlsx_export import ExportError, export_xlsx
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_is_utf8_with_bom_and_keeps_accents_and_emoji(db: Database, tmp_path: Path) -> None:
    influencers.create(
        db,
        InfluencerInput(
            display_name="Zoë Café ☕",
            city="São Paulo",
            notes="Loves 🍞, answers fast",
            accounts=(
                AccountInput(
                    platform="instagram",
                    handle="zoe.cafe",
                    followers="12.5k",
                    avg_likes=400,
                    avg_comments=25,
                ),
            ),
        ),
    )
    target = tmp_path / "people.csv"
    assert export_csv(db, target).influencers == 1

    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert b"\r\n" in raw
    (row,) = _read(target)
    assert row["Name"] == "Zoë Café ☕" and row["City"] == "São Paulo"
    assert row["Notes"] == "Loves 🍞, answers fast"
    assert row["Followers"] == "12500"  # plain, no thousands separator
    assert row["Avg likes"] == "400"
    assert row["Engagement"] == "3.4%"
    assert row["Platform"] == "Instagram" and row["Tier"] == "Micro"
    assert row["Profile URL"] == "https://www.instagram.com/zoe.cafe/"
    assert row["Instagram followers"] == "12500"
    assert row["Do not contact"] == "No"
    assert len(row["Added"]) == len("2026-05-01 14:30")


def test_csv_has_the_same_rows_and_columns_as_the_workbook(
    demo_db: Database, tmp_path: Path
) -> None:
    query = ListQuery(search="yoga")
    columns = ["name", "handle", "followers", "stage"]
    export_csv(demo_db, tmp_path / "p.csv", query, columns)
    export_xlsx(demo_db, tmp_path / "p.xlsx", query, columns)

    rows = _read(tmp_path / "p.csv")
    sheet = load_workbook(tmp_path / "p.xlsx")["Influencers"]
    headers = [c.value for c in sheet[1]]
    assert list(rows[0]) == headers
    assert len(rows) == len(influencer_list.list_ids(demo_db, query)) == sheet.max_row - 1 > 0
    for csv_row, sheet_row in zip(rows, sheet.iter_rows(min_row=2, values_only=True), strict=True):
        assert csv_row["Name"] == sheet_row[0]
        followers = sheet_row[headers.index("Followers")]
        assert csv_row["Followers"] == ("" if followers is None else str(followers))


def test_cancelled_csv_export_leaves_nothing_behind(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "people.csv"

    class CancelAtOnce:
        def report(self, done: int, total: int, text: str = "") -> None:
            if done:
                raise RuntimeError("Cancel pressed")

    with pytest.raises(RuntimeError):
        export_csv(demo_db, target, progress=CancelAtOnce())
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("test.sqlite")] == []


def test_csv_into_a_missing_folder_is_refused(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is not an existing folder"):
        export_csv(demo_db, tmp_path / "gone" / "people.csv")
