"""Files infcrm must refuse to open, each with its own sentence, each left byte for byte."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from infcrm.db.engine import DatabaseTooNew, NotAnInfcrmDatabase, StorageError, open_database


def random_bytes(path: Path) -> None:
    """A file of noise, like a download that went wrong."""
    path.write_bytes(random.Random(6).randbytes(64 * 1024))


def text_file(path: Path) -> None:
    """A text file someone renamed."""
    path.write_text("Name,Followers\nAda Bakes,12.5k\n" * 200, encoding="utf-8")


def other_programs_database(path: Path) -> None:
    """A real SQLite database of some other program."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO recipes (title) VALUES ('Sourdough')")
    conn.commit()
    conn.close()


def newer_infcrm_database(path: Path) -> None:
    """An infcrm database saved by a newer version (a revision this one does not know)."""
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (random_bytes, NotAnInfcrmDatabase, "is not an infcrm database"),
        (text_file, NotAnInfcrmDatabase, "is not an infcrm database"),
        (other_programs_database, NotAnInfcrmDatabase, "a database of another program"),
        (newer_infcrm_database, DatabaseTooNew, "saved by a newer version of infcrm"),
    ],
    ids=["random-bytes", "text-file", "other-program", "newer-infcrm"],
)
def test_a_file_infcrm_cannot_use_is_refused_and_left_untouched(
    tmp_path: Path, make, error: type[StorageError], message: str
) -> None:
    path = tmp_path / "chosen.sqlite"
    make(path)
    before = path.read_bytes()
    siblings = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(error, match=message) as refused:
        open_database(path, backup_dir=tmp_path / "backups")

    assert "left untouched" in str(refused.value) or "untouched" in str(refused.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings, "no -wal, lock or backup made"


def test_a_database_whose_schema_page_is_damaged_is_called_damaged(tmp_path: Path) -> None:
    """Noise over the page that lists the tables makes SQLite say "not a database"; the file
    still starts as one, so the user is told of damage and of their backups, not "wrong file"."""
    from infcrm.db.engine import DatabaseDamaged, inspect_file

    path = tmp_path / "shop.sqlite"
    open_database(path).close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[100:page] = bytes((i * 97 + 13) % 256 for i in range(page - 100))  # page 1's body
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged, match="found damage"):
        inspect_file(path)
    assert path.read_bytes() == before
