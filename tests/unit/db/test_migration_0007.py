"""Schema 0007 on a released file: ids AUTOINCREMENT, all rows, indexes and triggers kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db import schema
from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from tests.unit.db.upgrade_facts import is_search_index, kept_indexes, triggers_after

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "schema-0004.sqlite"
ID_TABLES = (
    "stage", "influencer", "social_account", "metric_snapshot", "interaction", "follow_up",
    "import_batch", "import_batch_item", "agreement_template", "campaign", "deal", "incentive",
    "deliverable", "content", "payment", "agreement",
)  # fmt: skip
NEW_TRIGGERS = {
    "agreement_sent_not_replaced",
    "agreement_sent_not_moved",
    "agreement_sent_not_deleted",
    "agreement_reply_frozen",
}


def _snapshot(path: Path) -> dict[str, object]:
    """Every row of every table, and the names of the indexes and triggers, read raw."""
    conn = sqlite3.connect(path)
    try:
        objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
        tables = [
            n for t, n in objects if t == "table" and not n.startswith(("sqlite_", "alembic"))
        ]
        return {
            "rows": {
                t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
            },
            "indexes": {n for t, n in objects if t == "index"},
            "triggers": {n for t, n in objects if t == "trigger"},
            "sql": dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table'")),
            "revision": conn.execute("SELECT version_num FROM alembic_version").fetchone()[0],
        }
    finally:
        conn.close()


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes(FIXTURE.read_bytes())
    return path


def test_the_0004_file_keeps_every_row_index_and_trigger_and_its_ids_autoincrement(
    old_file: Path, tmp_path: Path
) -> None:
    before = _snapshot(old_file)
    open_database(old_file, backup_dir=tmp_path / "backups").close()
    after = _snapshot(old_file)

    assert after["revision"] == schema.head_revision()
    for table, rows in before["rows"].items():
        if is_search_index(table):
            continue
        # Later revisions may add columns at the end; the columns that were there are kept.
        kept = [row[: len(rows[0])] for row in after["rows"][table]] if rows else []
        assert kept == rows, f"rows of {table} changed"
    assert kept_indexes(before["indexes"]) <= after["indexes"]
    assert after["triggers"] == triggers_after(before["triggers"] | NEW_TRIGGERS)
    for table in ID_TABLES:
        assert "AUTOINCREMENT" in after["sql"][table], table
        assert "AUTOINCREMENT" not in before["sql"][table], table
    conn = sqlite3.connect(old_file)
    sequences = dict(conn.execute("SELECT name, seq FROM sqlite_sequence"))
    highest = {
        t: conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0] for t in ID_TABLES
    }
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    # Tables of later revisions keep sequences of their own (0011 seeds starter templates).
    assert {t: n for t, n in sequences.items() if t in ID_TABLES} == highest


def test_the_people_of_the_0004_file_are_still_found_after_the_upgrade(old_file: Path) -> None:
    db = open_database(old_file)
    try:
        for typed in ("Kofi", "kofi.runs", "runs", "kofi.runs@example.com"):
            found = [
                influencers.get(db, i).display_name
                for i in influencer_list.list_ids(db, ListQuery(search=typed))
            ]
            assert found == ["Kofi Mensah"], typed
    finally:
        db.close()


def test_the_main_account_trigger_still_works_after_the_upgrade(old_file: Path) -> None:
    db = open_database(old_file)
    try:
        new = influencers.create(
            db,
            InfluencerInput(
                display_name="Noor",
                accounts=(AccountInput("tiktok", "noor.cooks", is_primary=True),),
            ),
        )
        assert new == 4, "the next id after the three people of the released file"
        with db.reader() as session:
            from sqlalchemy import text

            handle = session.execute(
                text("SELECT main_handle FROM influencer WHERE id = :i"), {"i": new}
            ).scalar()
        assert handle == "noor.cooks"
    finally:
        db.close()


def test_an_upgrade_that_fails_at_its_last_step_leaves_the_file_as_it_was(
    old_file: Path, tmp_path: Path
) -> None:
    conn = sqlite3.connect(old_file)
    # Something in the way of the upgrade's very last statement.
    conn.execute(
        "CREATE TRIGGER agreement_reply_frozen AFTER INSERT ON campaign BEGIN SELECT 1; END"
    )
    conn.commit()
    conn.close()
    before = _snapshot(old_file)

    with pytest.raises(Exception, match="agreement_reply_frozen"):
        open_database(old_file, backup_dir=tmp_path / "backups")

    after = _snapshot(old_file)
    assert after == before, "a failed upgrade must leave the file exactly as it was"
    assert after["revision"] == "0004"
