"""Fixtures of the file tests that read real exports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from infcrm.db.engine import Database, open_database
from tests.real_files import copy_real


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Database]:
    """An empty database for a real file to go into."""
    database = open_database(tmp_path / "real.sqlite")
    yield database
    database.close()


@pytest.fixture
def real(tmp_path: Path) -> Callable[[str], Path]:
    """A function copying a real file beside the test's database (see `copy_real`)."""
    return lambda name: copy_real(tmp_path, name)
