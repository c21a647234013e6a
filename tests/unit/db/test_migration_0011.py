"""Schema 0011 adds outreach templates (with two starters); older files upgrade whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.services.outreach import outreach_templates

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.mark.parametrize("name", ["schema-0009.sqlite", "schema-0010.sqlite"])
def test_an_older_file_upgrades_keeping_its_accounts_and_gets_the_starter_templates(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / name).read_bytes())
    conn = sqlite3.connect(path)
    accounts = conn.execute(
        "SELECT id, influencer_id, platform, handle, followers FROM social_account ORDER BY id"
    ).fetchall()
    conn.close()
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        kinds = {t.name: t.kind for t in outreach_templates.list_templates(db)}
        added = outreach_templates.save_template(db, "Mine", "dm", None, "Hi {first_name}").value
    finally:
        db.close()
    assert kinds == {"First email": "email", "First DM": "dm"}
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
        schema.head_revision(),
    )
    assert (
        conn.execute(
            "SELECT id, influencer_id, platform, handle, followers FROM social_account ORDER BY id"
        ).fetchall()
        == accounts
    )
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert (
        "AUTOINCREMENT"
        in conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'outreach_template'"
        ).fetchone()[0]
    )
    conn.close()
    assert added == 3
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"
