"""Shared fixtures: every test gets its own real SQLite file, migrated like a user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# No display on CI or on developers' servers: Qt renders offscreen. Set before Qt loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from infcrm.db.engine import Database, open_database


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Soaks and long crash loops (-m slow) may run for many minutes; the rest get 5."""
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(3600))


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Keep QSettings and the platformdirs data folder out of the real home directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("INFCRM_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database file lives."""
    return tmp_path / "test.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh, empty, migrated database on a real file."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The fresh database filled with a small demo (60 influencers, fixed seed)."""
    from infcrm.demo import generate as demo

    demo.populate(db, influencers=60, seed=3)
    return db


@pytest.fixture
def workbook_differences():
    """A function listing every cell two .xlsx files disagree on (value or number format).

    Each difference is (sheet, row, header, first, second); sheets missing on one side and
    different sheet orders count too. Both files are read back with openpyxl.
    """
    from openpyxl import load_workbook

    def differences(first: Path, second: Path) -> list[tuple[str, int, str, object, object]]:
        a, b = load_workbook(first), load_workbook(second)
        found: list[tuple[str, int, str, object, object]] = []
        if a.sheetnames != b.sheetnames:
            found.append(("(sheets)", 0, "", a.sheetnames, b.sheetnames))
        for title in a.sheetnames:
            if title not in b.sheetnames:
                continue
            rows_a, rows_b = list(a[title].iter_rows()), list(b[title].iter_rows())
            headers = [c.value for c in rows_a[0]] if rows_a else []
            for number in range(max(len(rows_a), len(rows_b))):
                row_a = rows_a[number] if number < len(rows_a) else ()
                row_b = rows_b[number] if number < len(rows_b) else ()
                for column in range(max(len(row_a), len(row_b))):
                    cell_a = row_a[column] if column < len(row_a) else None
                    cell_b = row_b[column] if column < len(row_b) else None
                    seen_a = (
                        getattr(cell_a, "value", None),
                        getattr(cell_a, "number_format", None),
                    )
                    seen_b = (
                        getattr(cell_b, "value", None),
                        getattr(cell_b, "number_format", None),
                    )
                    if seen_a != seen_b:
                        header = headers[column] if column < len(headers) else str(column)
                        found.append((title, number + 1, str(header), seen_a, seen_b))
        return found

    return differences
