"""Schema 0010: an account may have no handle, only a label; older files upgrade whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from tests.unit.db.upgrade_facts import kept_indexes, triggers_after

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURE = FIXTURES / "schema-0007.sqlite"


def _snapshot(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        return {
            "accounts": conn.execute(
                "SELECT id, influencer_id, platform, handle, is_primary, followers "
                "FROM social_account ORDER BY id"
            ).fetchall(),
            "main": conn.execute(
                "SELECT id, main_platform, main_handle, main_followers FROM influencer ORDER BY id"
            ).fetchall(),
            "triggers": {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
            },
            "indexes": {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")
            },
            "revision": conn.execute("SELECT version_num FROM alembic_version").fetchone()[0],
        }
    finally:
        conn.close()


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes(FIXTURE.read_bytes())
    return path


@pytest.mark.parametrize(
    ("name", "accounts"),
    [("schema-0007.sqlite", 4), ("schema-0008.sqlite", 3), ("schema-0009.sqlite", 3)],
)
def test_an_older_file_keeps_every_account_trigger_and_index(
    tmp_path: Path, name: str, accounts: int
) -> None:
    old_file = tmp_path / "copy.sqlite"
    old_file.write_bytes((FIXTURES / name).read_bytes())
    before = _snapshot(old_file)
    open_database(old_file, backup_dir=tmp_path / "backups").close()
    after = _snapshot(old_file)

    assert (before["revision"], after["revision"]) == (name[7:11], schema.head_revision())
    assert after["accounts"] == before["accounts"]
    assert after["main"] == before["main"]
    assert after["triggers"] == triggers_after(before["triggers"])
    assert kept_indexes(before["indexes"]) <= after["indexes"]
    conn = sqlite3.connect(old_file)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    labels = conn.execute("SELECT count(*) FROM social_account WHERE label IS NULL").fetchone()
    conn.close()
    assert labels == (accounts,), "accounts that had handles get no label"
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"


def test_after_the_upgrade_two_channels_without_handles_are_two_accounts(old_file: Path) -> None:
    db = open_database(old_file)
    try:
        ids = [
            influencers.create(
                db,
                InfluencerInput(
                    display_name=name,
                    accounts=(
                        AccountInput("youtube", "", label=name, is_primary=True, followers=n),
                    ),
                ),
            )
            for name, n in (("Like Nastya", "106m"), ("Vlad and Niki", "98,900,000"))
        ]
        conn = sqlite3.connect(old_file)
        rows = conn.execute(
            "SELECT i.main_platform, i.main_handle, i.main_followers, a.handle, a.label "
            "FROM influencer i JOIN social_account a ON a.influencer_id = i.id "
            f"WHERE i.id IN ({ids[0]}, {ids[1]}) ORDER BY i.id"
        ).fetchall()
        with pytest.raises(sqlite3.IntegrityError, match="handle_or_label"):
            conn.execute(
                "INSERT INTO social_account (influencer_id, platform, is_primary, created_at, "
                "updated_at) VALUES (1, 'youtube', 0, 'x', 'x')"
            )
        conn.close()
    finally:
        db.close()
    # The main-account trigger copies the figures; the handle stays empty, never made up.
    assert rows == [
        ("youtube", None, 106_000_000, None, "Like Nastya"),
        ("youtube", None, 98_900_000, None, "Vlad and Niki"),
    ]


def test_an_upgrade_that_fails_leaves_the_0007_file_as_it_was(
    old_file: Path, tmp_path: Path
) -> None:
    conn = sqlite3.connect(old_file)
    # Something in the way of the upgrade: 0010's column, already there.
    conn.execute("ALTER TABLE social_account ADD COLUMN label TEXT")
    conn.commit()
    conn.close()
    before = _snapshot(old_file)

    with pytest.raises(Exception, match="label"):
        open_database(old_file, backup_dir=tmp_path / "backups")

    assert _snapshot(old_file) == before
    conn = sqlite3.connect(old_file)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'social_account'").fetchone()
    conn.close()
    assert "handle VARCHAR(200) NOT NULL" in sql
