"""`infcrm import` of an all-sheets export restores it, as a user types it: real processes.

infcrm demo → infcrm export --all-sheets → infcrm import into a new file → export again: the two
workbooks agree cell for cell but for the column the README names ("Email kept"; the demo keeps
no e-mails, so here nothing differs at all).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from safety_helpers import infcrm


def test_demo_export_import_export_gives_the_same_workbook(
    tmp_path: Path, workbook_differences
) -> None:
    source, copy = tmp_path / "demo.sqlite", tmp_path / "restored.sqlite"
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    # 60 people fill every sheet that the default 300 fill, with a fifth of the rows to write
    # and read back in each command.
    assert infcrm("demo", "--db", str(source), "--influencers", "60").returncode == 0
    assert infcrm("export", str(first), "--db", str(source), "--all-sheets").returncode == 0

    dry = infcrm("import", str(first), "--db", str(copy), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would restore 60 people" in dry.stdout and not copy.exists()

    restored = infcrm("import", str(first), "--db", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert "restored 60 people" in restored.stdout
    assert "from an infcrm export" in restored.stdout and "Undo" in restored.stdout

    assert infcrm("export", str(second), "--db", str(copy), "--all-sheets").returncode == 0
    assert workbook_differences(first, second) == []
    assert load_workbook(second)["Deals"].max_row > 1

    again = infcrm("import", str(first), "--db", str(copy))
    assert again.returncode == 1
    assert "Nothing was imported" in again.stderr and "empty database" in again.stderr
    people = infcrm("import", str(first), "--db", str(copy), "--sheet", "Influencers")
    assert people.returncode == 0 and "skipped 60" in people.stdout  # the plain people import


def test_an_edited_deal_row_is_refused_naming_sheet_row_and_column(tmp_path: Path) -> None:
    source, copy = tmp_path / "demo.sqlite", tmp_path / "restored.sqlite"
    backup = tmp_path / "all.xlsx"
    assert infcrm("demo", "--db", str(source), "--influencers", "40").returncode == 0
    assert infcrm("export", str(backup), "--db", str(source), "--all-sheets").returncode == 0
    book = load_workbook(backup)
    headers = [c.value for c in book["Deals"][1]]
    book["Deals"].cell(row=2, column=headers.index("Campaign ID") + 1, value=777)
    book.save(backup)

    result = infcrm("import", str(backup), "--db", str(copy))
    assert result.returncode == 1
    assert "Sheet “Deals”, row 2, column “Campaign ID”" in result.stderr
    assert "no campaign with ID 777" in result.stderr
    check = infcrm("check", "--db", str(copy))
    assert "Influencers: 0" in check.stdout
