"""What the tests of real files share: the folder of real exports, a copy of one beside the
test's database, and a person read back as stored."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from infcrm.db.engine import Database

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def copy_real(tmp_path: Path, name: str) -> Path:
    """A real file copied beside the test's database: rows an import leaves out are written
    beside the file it read, and that must never be the project's own fixture folder."""
    target = tmp_path / name
    shutil.copyfile(REAL / name, target)
    return target


def stored_person(db: Database, name: str) -> dict:
    """The person called `name` as stored, with their accounts' figures in order."""
    conn = sqlite3.connect(db.path)
    conn.row_factory = sqlite3.Row
    try:
        person = conn.execute("SELECT * FROM influencer WHERE display_name = ?", (name,)).fetchone()
        assert person is not None, f"{name} was not imported"
        accounts = conn.execute(
            "SELECT platform, handle, label, followers, avg_likes, avg_comments, avg_views "
            "FROM social_account WHERE influencer_id = ? ORDER BY id",
            (person["id"],),
        ).fetchall()
        return dict(person) | {"accounts": [tuple(a) for a in accounts]}
    finally:
        conn.close()
