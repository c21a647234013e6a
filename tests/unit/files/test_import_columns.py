"""Plain rows read column by column come out exactly as the row-by-row reader reads them, and
every row with something to explain still gets its problem by row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.files import import_columns
from infcrm.files.import_apply import plan_file
from infcrm.files.import_columns import ColumnReader

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
HEADERS = ["Name", "Instagram handle", "Followers", "Email", "Country", "Niche", "Avg likes"]
MIXED_ROWS = [
    ["Ana Bakes", "ana_bakes", "12000", "ana@mail.test", "France", "food, travel", "300"],
    ["", "only_handle", "500", "", "Spain", "", ""],  # named after the handle
    ["", "", "", "mail.only@mail.test", "", "", ""],  # named after the address
    ["Bo Lifts", "bo.lifts", "12.3k", "bo@mail.test", "Brazil", "fitness", "40"],  # dot, 12.3k
    ["Cy Codes", "https://instagram.com/cy_codes", "700", "not an email", "", "tech", ""],
    ["Di Travels", "di_travels", "-5", "example@example.com", "Japan", "", "1"],  # placeholder
    ["Ed Long", "ed_long", "900", "", "X" * 150, "", ""],  # a country past its limit
    ["", "", "", "", "", "gaming", ""],  # nobody to identify
    ["Fay Name", "", "1200", "", "India", "", ""],  # figures kept under her name
    ["'=Gus", "gus_g", "80", "GUS@Mail.TEST", "Germany", "beauty", "2"],  # our export's quote
    ["Hal Plain", "hal_plain", "3000", "hal@mail.test", "France", "travel", "90"],
    ["Ivy Spaces", "ivy spaces", "10", "", "", "", ""],  # a handle with a space
]


def _rows(plan) -> list[tuple]:
    return [
        (
            r.number,
            r.action,
            r.person,
            list(r.tags),
            r.accounts,
            r.existing_id,
            r.reason,
            r.name_given,
            [str(p) for p in r.problems],
        )
        for r in plan.rows
    ]


def _both_ways(db: Database, path: Path, monkeypatch: pytest.MonkeyPatch, **options):
    """The plan read with plain rows by column, and read wholly row by row."""
    fast = plan_file(db, path, **options)
    with monkeypatch.context() as patch:
        patch.setattr(ColumnReader, "for_reader", classmethod(lambda cls, reader: None))
        slow = plan_file(db, path, **options)
    return fast, slow


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADERS, *rows])
    return path


def test_a_mixed_file_reads_the_same_by_column_as_row_by_row(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write_csv(tmp_path / "mixed.csv", MIXED_ROWS)
    taken = []
    read = ColumnReader.read

    def spy(self, block):
        out = read(self, block)
        taken.extend(out)
        return out

    monkeypatch.setattr(ColumnReader, "read", spy)

    fast, slow = _both_ways(db, path, monkeypatch, platform="instagram")

    assert _rows(fast) == _rows(slow)
    assert fast.notes == slow.notes
    plain = [row.number for row in taken if row is not None]
    assert plain == [2, 3, 4, 10, 12]  # the rows with nothing to explain (and only those)
    problems = [str(p) for p in fast.problems]
    assert any(p.startswith("Row 6, column D (Email)") for p in problems)  # not an email
    assert any(p.startswith("Row 7, column C (Followers)") for p in problems)  # negative
    assert any(p.startswith("Row 8, column E (Country)") for p in problems)  # too long
    assert any(p.startswith("Row 9:") and "Nobody" in p for p in problems)


@pytest.mark.parametrize(
    "name",
    sorted(
        str(p.relative_to(FIXTURES))
        for folder in ("real", "made")
        for p in (FIXTURES / folder).iterdir()
        if p.suffix.lower() in (".csv", ".xlsx", ".xlsm", ".xls", ".ods")
    ),
)
def test_every_real_file_reads_the_same_by_column_as_row_by_row(
    db: Database, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        fast, slow = _both_ways(db, FIXTURES / name, monkeypatch, platform="instagram")
    except Exception as error:  # a file this mapping refuses is refused the same both ways
        with pytest.raises(type(error)):
            _both_ways(db, FIXTURES / name, monkeypatch, platform="instagram")
        return
    assert _rows(fast) == _rows(slow)
    assert fast.notes == slow.notes


def test_a_mapping_that_routes_values_row_by_row_is_read_row_by_row(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Contact\nAna,Email: ana@mail.test | Instagram: @ana\n", "utf-8")
    calls = []
    original = import_columns.ColumnReader.for_reader

    def spy(reader):
        made = original(reader)
        calls.append(made)
        return made

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(import_columns.ColumnReader, "for_reader", spy)
        plan = plan_file(db, path)

    assert calls == [None]
    assert plan.rows[0].person["email"] == "ana@mail.test"
