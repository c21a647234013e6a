"""A long part of an all-sheets export goes on over "Outreach (2)"…, and still restores.

A real demo database of 300 people exported with the row bound lowered, so every long part
(people, accounts, follower history, outreach) runs over several sheets; restored into an
empty file and exported again. And infcrm's own export is known before the size limits meant
for people lists, while a workbook made to look like one is still refused if it is a bomb.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from infcrm.db.engine import open_database
from infcrm.db.models import Influencer
from infcrm.db.outreach_models import Interaction
from infcrm.files.backup_import import apply_restore, plan_restore
from infcrm.files.backup_reader import BackupError, looks_like_backup
from infcrm.files.backup_signature import SIGNATURE
from infcrm.files.xlsx_export import export_xlsx
from infcrm.services.exchange.restore_checks import RestoreRefused

BOUND = 400  # rows per sheet: small enough that 300 people need continuation sheets


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A 300-person demo exported with all sheets at BOUND rows a sheet, and its counts."""
    from infcrm.demo import generate as demo

    folder = tmp_path_factory.mktemp("continued")
    source = open_database(folder / "demo.sqlite")
    try:
        demo.populate(source, influencers=300, seed=5)
        target = folder / "all.xlsx"
        export_xlsx(source, target, all_sheets=True, rows_per_sheet=BOUND)
        with source.reader() as session:
            counts = {
                name: session.execute(select(func.count()).select_from(model)).scalar_one()
                for name, model in (("people", Influencer), ("interactions", Interaction))
            }
    finally:
        source.close()
    return target, counts


def test_a_long_part_goes_on_over_plainly_named_sheets(exported) -> None:
    target, counts = exported
    names = load_workbook(target, read_only=True).sheetnames
    outreach = [n for n in names if n.startswith("Outreach") and "templates" not in n]
    expected = -(-counts["interactions"] // BOUND)  # sheets needed, rounded up
    assert expected >= 3
    assert outreach == ["Outreach"] + [f"Outreach ({n})" for n in range(2, expected + 1)]
    assert names[:3] == ["Influencers", "Social accounts", "Social accounts (2)"]
    book = load_workbook(target, read_only=True)
    first = [c.value for c in next(book["Outreach"].iter_rows(max_row=1))]
    assert [c.value for c in next(book["Outreach (2)"].iter_rows(max_row=1))] == first
    assert book["Outreach (2)"].max_row == BOUND + 1  # a full sheet: the header and BOUND rows


def test_a_continued_export_restores_and_exports_again_the_same(
    exported, tmp_path: Path, workbook_differences
) -> None:
    target, counts = exported
    assert looks_like_backup(target)
    copy = open_database(tmp_path / "restored.sqlite")
    try:
        plan = plan_restore(copy, target)
        assert plan.refused is None
        assert plan.headline().startswith(f"Restore {counts['people']} people, ")
        result = apply_restore(copy, plan)
        assert result.counts["interactions"] == counts["interactions"]
        again = tmp_path / "again.xlsx"
        export_xlsx(copy, again, all_sheets=True, rows_per_sheet=BOUND)
    finally:
        copy.close()
    assert workbook_differences(target, again) == []


def test_an_export_on_one_sheet_per_part_still_restores(
    exported, tmp_path: Path, workbook_differences
) -> None:
    """What every export before continuation sheets looked like, at the default bound."""
    target, counts = exported
    whole = tmp_path / "whole.xlsx"
    copy = open_database(tmp_path / "restored.sqlite")
    try:
        apply_restore(copy, plan_restore(copy, target))
        export_xlsx(copy, whole, all_sheets=True)
    finally:
        copy.close()
    names = load_workbook(whole, read_only=True).sheetnames
    assert not [n for n in names if n.endswith("(2)")]
    second = open_database(tmp_path / "second.sqlite")
    try:
        result = apply_restore(second, plan_restore(second, whole))
        assert result.counts["people"] == counts["people"]
        assert result.counts["interactions"] == counts["interactions"]
    finally:
        second.close()


def _edited(exported_path: Path, tmp_path: Path, sheet: str, cell: str, value: object) -> Path:
    book = load_workbook(exported_path)
    book[sheet][cell] = value
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    return edited


def test_a_bad_cell_on_a_continuation_sheet_is_named_by_that_sheet(
    exported, tmp_path: Path
) -> None:
    target, _counts = exported
    book = load_workbook(target, read_only=True)
    header = [c.value for c in next(book["Outreach (2)"].iter_rows(max_row=1))]
    when = chr(ord("A") + header.index("When"))
    edited = _edited(target, tmp_path, "Outreach (2)", f"{when}7", "next Tuesday-ish")
    copy = open_database(tmp_path / "restored.sqlite")
    try:
        with pytest.raises(BackupError, match=r"Sheet “Outreach \(2\)”, row 7, column “When”"):
            plan_restore(copy, edited)
        with copy.reader() as session:
            assert session.execute(select(func.count()).select_from(Influencer)).scalar_one() == 0
    finally:
        copy.close()


def test_a_row_pointing_at_nobody_on_a_continuation_sheet_is_named_by_that_sheet(
    exported, tmp_path: Path
) -> None:
    target, _counts = exported
    book = load_workbook(target, read_only=True)
    header = [c.value for c in next(book["Outreach (3)"].iter_rows(max_row=1))]
    person = chr(ord("A") + header.index("Influencer ID"))
    edited = _edited(target, tmp_path, "Outreach (3)", f"{person}5", 999_999)
    copy = open_database(tmp_path / "restored.sqlite")
    try:
        plan = plan_restore(copy, edited)
        assert plan.refused is not None
        assert plan.refused.startswith("Sheet “Outreach (3)”, row 5, column “Influencer ID”")
        with pytest.raises(RestoreRefused):
            apply_restore(copy, plan)
    finally:
        copy.close()


def _fake_backup(path: Path, outreach: bytes) -> Path:
    """A workbook with an export's sheet names and ID column, and `outreach` as one sheet."""
    names = [*SIGNATURE]
    sheets = "".join(
        f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1)
    )
    links = "".join(
        f'<Relationship Id="rId{i}" Target="worksheets/sheet{i}.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        for i in range(1, len(names) + 1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    header = (
        f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>ID</t></is></c></row></sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>{sheets}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{links}</Relationships>',
        )
        for number, name in enumerate(names, 1):
            body = outreach if name == "Outreach" else header.encode()
            archive.writestr(f"xl/worksheets/sheet{number}.xml", body)
    return path


def test_a_zip_bomb_dressed_as_an_export_is_still_refused(tmp_path: Path) -> None:
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    padding = b'<worksheet xmlns="' + main + b'"><sheetData>' + b" " * (64 << 20)
    bomb = _fake_backup(tmp_path / "bomb.xlsx", padding + b"</sheetData></worksheet>")
    assert looks_like_backup(bomb), "it is dressed well enough to be taken for one"
    copy = open_database(tmp_path / "empty.sqlite")
    try:
        with pytest.raises(BackupError, match="times its size"):
            plan_restore(copy, bomb)
    finally:
        copy.close()


def test_a_sheet_reaching_past_the_per_sheet_limit_is_refused_in_a_backup_too(
    tmp_path: Path,
) -> None:
    far = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        b'<row r="1000000"><c r="ZZ1000000"><v>1</v></c></row></sheetData></worksheet>'
    )
    reaching = _fake_backup(tmp_path / "far.xlsx", far)
    copy = open_database(tmp_path / "empty.sqlite")
    try:
        with pytest.raises(BackupError, match="down to row 1,000,000") as refused:
            plan_restore(copy, reaching)
        assert "“Social accounts (2)”" in str(refused.value), "how to split an older export"
    finally:
        copy.close()


def test_an_export_is_known_without_unpacking_its_sheets(exported, tmp_path: Path) -> None:
    """Recognised from its list of sheets and first cell: a people list with the same sheet
    names but no ID column is not a backup."""
    target, _counts = exported
    assert looks_like_backup(target)
    plain = _fake_backup(tmp_path / "plain.xlsx", b"<worksheet/>")
    book = zipfile.ZipFile(plain)
    assert "xl/worksheets/sheet1.xml" in book.namelist()
    renamed = tmp_path / "list.xlsx"
    with zipfile.ZipFile(renamed, "w") as out:
        for info in book.infolist():
            data = book.read(info)
            out.writestr(info, data.replace(b"<t>ID</t>", b"<t>Name</t>"))
    assert not looks_like_backup(renamed)
