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
