"""`infcrm export` as a user types it: real processes, real files, exit codes and messages."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery


def infcrm(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m infcrm ARGS` the way a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "infcrm", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def _names(path: Path) -> list[str]:
    sheet = load_workbook(path)["Influencers"]
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


def _expected_names(db: Database, query: ListQuery) -> list[str]:
    ids = influencer_list.list_ids(db, query)
    rows = influencer_list.rows(db, ids)
    return [rows[i].display_name for i in ids]


def test_export_everyone_to_xlsx(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "everyone.xlsx"
    result = infcrm("export", str(target), "--db", demo_db.url)
    assert result.returncode == 0, result.stderr
    assert "Exported 60 influencers" in result.stdout and str(target) in result.stdout
    assert _names(target) == _expected_names(demo_db, ListQuery())


def test_search_stage_and_tier_filters(demo_db: Database, tmp_path: Path) -> None:
    stage = influencers.stages(demo_db)[0]
    target = tmp_path / "filtered.xlsx"
    # The stage name in any case, the tier by its label: as people type them.
    result = infcrm(
        "--db",
        demo_db.url,
        "export",
        str(target),
        "--stage",
        stage.name.upper(),
        "--tier",
        "Micro",
    )
    assert result.returncode == 0, result.stderr
    expected = _expected_names(demo_db, ListQuery(stage_id=stage.id, tier="micro"))
    assert expected and _names(target) == expected
    sheet = load_workbook(target)["Influencers"]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert row[headers.index("Tier")] == "Micro"
        assert row[headers.index("Stage")] == stage.name

    found = infcrm("export", str(tmp_path / "yoga.csv"), "--db", demo_db.url, "--search", "yoga")
    assert found.returncode == 0, found.stderr
    with (tmp_path / "yoga.csv").open(encoding="utf-8-sig", newline="") as handle:
        names = [row["Name"] for row in csv.DictReader(handle)]
    assert names == _expected_names(demo_db, ListQuery(search="yoga")) != []


def test_all_sheets_adds_the_social_accounts_sheet(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "all.xlsx"
    result = infcrm("export", str(target), "--db", demo_db.url, "--all-sheets")
    assert result.returncode == 0, result.stderr
    assert load_workbook(target).sheetnames == [
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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("people.txt",), "End the name with .xlsx or .csv"),
        (("people.xlsx", "--stage", "Somewhere"), "There is no stage called “Somewhere”"),
        (("people.xlsx", "--tier", "huge"), "“huge” is not a tier"),
        (("people.csv", "--all-sheets"), "needs an .xlsx file"),
        (("missing-folder/people.xlsx",), "is not an existing folder"),
    ],
)
def test_rejected_input_exits_1_with_a_reason_and_writes_nothing(
    demo_db: Database, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    target = tmp_path / args[0]
    result = infcrm("export", str(target), *args[1:], "--db", demo_db.url)
    assert result.returncode == 1
    assert message in result.stderr
    assert not target.exists()
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob(".*.part"))


def test_a_destination_inside_a_file_is_unwritable(demo_db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "report.txt"
    blocker.write_text("not a folder")
    result = infcrm("export", str(blocker / "people.xlsx"), "--db", demo_db.url)
    assert result.returncode == 1
    assert "is not an existing folder" in result.stderr


def test_export_from_a_database_that_does_not_exist(tmp_path: Path) -> None:
    result = infcrm("export", str(tmp_path / "p.xlsx"), "--db", str(tmp_path / "nope.sqlite"))
    assert result.returncode == 1
    assert "There is no database" in result.stderr
    assert not (tmp_path / "nope.sqlite").exists()


def test_export_without_a_file_is_a_usage_error() -> None:
    assert infcrm("export").returncode == 2
