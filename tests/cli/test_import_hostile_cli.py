"""`infcrm import` of sheets as people leave them: a second table under the list, dates in a
figure's column, a web page saved as .xls, a real Turkish list — with --dry-run and --strict."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest
from safety_helpers import infcrm

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _names(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT display_name FROM influencer ORDER BY id")]


def test_a_dry_run_of_two_tables_on_one_sheet_says_so_and_writes_nothing(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "lists.xlsx",
        [
            ["Name", "Instagram", "Followers"],
            ["Ana Souza", "@ana.s", 12_500],
            [],
            ["Brand", "Budget", "Contact"],
            ["Nike", 5000, "x@nike.example"],
        ],
    )
    db = tmp_path / "crm.sqlite"

    result = infcrm("import", str(path), "--db", str(db), "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "Would create 1, update 0, skip 0, not import 0." in result.stdout
    assert "Rows 4–5 of the sheet “Sheet” of “lists.xlsx” are a second table" in result.stdout
    assert not db.exists() and not (tmp_path / "crm-backups").exists()

    result = infcrm("import", str(path), "--db", str(db))

    assert result.returncode == 0, result.stderr
    assert _names(db) == ["Ana Souza"]  # not “Brand” nor “Nike”


def test_strict_refuses_dates_in_a_followers_column_naming_row_and_column(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "dates.xlsx",
        [
            ["Name", "Instagram", "Followers"],
            ["Ana Souza", "@ana.s", dt.date(2024, 3, 1)],
            ["Cy Ko", "@cyko", 1200],
        ],
    )
    db = tmp_path / "crm.sqlite"

    result = infcrm("import", str(path), "--db", str(db), "--strict")

    assert result.returncode == 1
    assert (
        "Row 2, column C (Followers): “2024-03-01” is a date, not a number of followers"
        in result.stdout + result.stderr
    )
    assert "Traceback" not in result.stderr
    # Nothing was imported: no cell was “left empty”, as the lenient import says.
    assert "Left empty" not in result.stdout + result.stderr
    assert not db.exists()  # all or nothing: not even a new database file

    result = infcrm("import", str(path), "--db", str(db))

    assert result.returncode == 0, result.stderr
    assert _names(db) == ["Ana Souza", "Cy Ko"]  # the date costs that cell, not the row


def test_a_web_page_saved_as_xls_imports_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text(
        "<html><body><table><tr><td>Name</td><td>TikTok</td><td>Followers</td></tr>"
        "<tr><td>Ana Souza</td><td>@ana.tt</td><td>1,2M</td></tr></table></body></html>",
        encoding="utf-8",
    )
    db = tmp_path / "crm.sqlite"

    result = infcrm("import", str(path), "--db", str(db))

    assert result.returncode == 0, result.stderr
    assert "is a web page (HTML) saved under a spreadsheet's name" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT platform, handle, followers FROM social_account"
        ).fetchall() == [("tiktok", "ana.tt", 1_200_000)]


def test_the_turkish_list_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "turkish-influencers-influmatch.csv"
    shutil.copyfile(REAL / path.name, path)
    db = tmp_path / "crm.sqlite"

    result = infcrm("import", str(path), "--db", str(db))

    assert result.returncode == 0, result.stderr
    assert "Created 43, updated 0, skipped 0, not imported 0. 4 rows were more" in result.stdout
    assert "  A (ad) → Name" in result.stdout
    assert "  D (takipci) → Followers" in result.stdout
    assert "Row 26: Same name as row 23 of this file: added to that row." in result.stdout


def _excel_owner_file(path: Path, user: str) -> Path:
    """The lock (“owner”) file Excel writes beside a workbook it has open: 165 bytes, the
    user's name after its length, padded with spaces, then again in UTF-16."""
    data = bytes([len(user)]) + user.encode("ascii").ljust(53, b" ")
    data += len(user).to_bytes(2, "little") + user.encode("utf-16-le")
    path.write_bytes(data.ljust(165, b"\x00"))
    return path


def test_excel_or_libreoffice_lock_file_points_at_the_list_itself(tmp_path: Path) -> None:
    # While people.xlsx is open, Excel keeps “~$people.xlsx” beside it and LibreOffice
    # “.~lock.people.xlsx#”; a file dialog showing hidden files lists them next to the list.
    list_path = _xlsx(tmp_path / "people.xlsx", [["Name", "Instagram"], ["Ana", "ana.lopez"]])
    db = tmp_path / "crm.sqlite"
    excel = _excel_owner_file(tmp_path / "~$people.xlsx", "Sam Field")
    office = tmp_path / ".~lock.people.xlsx#"
    office.write_text("Sam Field,laptop,sam,03.12.2026 10:15,file:///home/sam/.config;\n")

    for lock, program in ((excel, "Excel"), (office, "LibreOffice")):
        result = infcrm("import", str(lock), "--db", str(db))

        assert result.returncode == 1
        assert result.stderr.strip() == (
            f"Nothing was imported. “{lock.name}” is the lock file {program} keeps beside "
            f"“people.xlsx” while that file is open. Import “people.xlsx” itself "
            "(save it first, so the import reads your latest changes)."
        )
    assert not db.exists()
    assert list_path.exists()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_a_list_that_cannot_be_read_says_what_to_do(tmp_path: Path) -> None:
    # Windows refuses to read a CSV while Excel has it open (“Permission denied”, as for a
    # file the user may not open): the sentence says to close it, not only what failed.
    locked = tmp_path / "people.csv"
    locked.write_text("Name,Instagram\nAna,ana.lopez\n", encoding="utf-8")
    locked.chmod(0o000)
    try:
        result = infcrm("import", str(locked), "--db", str(tmp_path / "crm.sqlite"))
    finally:
        locked.chmod(0o600)

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Nothing was imported. “people.csv” cannot be read: Permission denied. If it is open "
        "in Excel or another program, close it there and import it again; otherwise ask for "
        "a copy you may open."
    )


def test_a_workbook_saved_under_another_workbook_s_extension_is_read(tmp_path: Path) -> None:
    # A list renamed by hand, or downloaded from a site that names every sheet .xls: an .xlsx
    # named .xls and an .ods named .xlsx were refused as damaged, an old .xls named .xlsx as
    # password-protected. Each is read as what it is. The .xls and .ods are the converted real
    # lists of tests/fixtures/real (see its README).
    made = _xlsx(tmp_path / "made.xlsx", [["Name", "Instagram"], ["Ana", "ana.lopez"]])
    files = {
        "creators.xls": made,
        "top_insta_influencers_data.xlsx": REAL / "top_insta_influencers_data.xls",
        "tiktok-shop-creators.xlsx": REAL / "tiktok-shop-creators.ods",
    }
    for name, source in files.items():
        path = shutil.copyfile(source, tmp_path / name)
        db = tmp_path / f"{name}.sqlite"

        result = infcrm("import", str(path), "--db", str(db))

        assert result.returncode == 0, result.stderr
        assert _names(db), name
    assert _names(tmp_path / "creators.xls.sqlite") == ["Ana"]
    assert len(_names(tmp_path / "top_insta_influencers_data.xlsx.sqlite")) == 25
    assert len(_names(tmp_path / "tiktok-shop-creators.xlsx.sqlite")) == 25


def test_an_apple_numbers_document_says_how_to_export_it(tmp_path: Path) -> None:
    # Numbers saves its own format (a zip of .iwa parts, or a folder as a package): it was
    # refused as a damaged Excel workbook, with advice to open it in Excel.
    document = tmp_path / "Creators.numbers"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("Index/Document.iwa", b"\x00" * 64)
        archive.writestr("Metadata/Properties.plist", "<plist/>")
    package = tmp_path / "Shops.numbers"
    (package / "Index").mkdir(parents=True)

    for path in (document, package):
        result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"))

        assert result.returncode == 1
        assert result.stderr.strip() == (
            f"Nothing was imported. “{path.name}” is an Apple Numbers document, which infcrm "
            "cannot read. In Numbers, choose File › Export To › Excel… (or CSV…) and import "
            "the file it saves."
        )


def test_a_csv_cut_short_leaves_out_its_last_row_and_says_why(tmp_path: Path) -> None:
    # A download that stopped mid-line imported its last row half empty without a word.
    cut = tmp_path / "people.csv"
    cut.write_text(
        "Name,Email,Instagram handle,Followers\n"
        "Anna Lee,anna@example.com,annalee,1200\n"
        "Ben Ode,ben@example.com,benode,3400\n"
        "Cy Park,cy@exa",
        encoding="utf-8",
    )
    db = tmp_path / "crm.sqlite"

    result = infcrm("import", str(cut), "--db", str(db))

    said = "This row ends early: the file seems cut short — export it again."
    assert result.returncode == 0, result.stderr
    assert "Created 2, updated 0, skipped 0, not imported 1." in result.stdout
    assert f"Row 4: {said}" in result.stderr
    assert "Email" not in result.stderr  # the half email is not what is wrong with the row
    assert _names(db) == ["Anna Lee", "Ben Ode"]
    with (tmp_path / "people-not-imported.csv").open(encoding="utf-8-sig", newline="") as left:
        why = {row["Name"]: row["Why"] for row in csv.DictReader(left)}
    assert why == {"Cy Park": said}
