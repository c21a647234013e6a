"""Schema 0021 gives agreements a count of their saves (`edit_version`) beside their number in
the deal's history (`version`): an older file upgrades with every agreement as it was and each
counted at 1, and the next save of a draft raises it, so a draft saved from an older reading
is refused instead of overwriting."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db.engine import open_database
from infcrm.services.campaigns import agreements
from infcrm.services.errors import EditConflict

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _agreements(path: Path) -> list[dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute("SELECT * FROM agreement ORDER BY id")]


def test_an_older_file_upgrades_every_agreement_whole_counted_once(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0020.sqlite").read_bytes())
    before = _agreements(path)
    assert {row["status"] for row in before} == {"confirmed", "draft"}, "a sent one and a draft"

    open_database(path, backup_dir=tmp_path / "backups").close()

    after = _agreements(path)
    assert [{k: row[k] for k in before[0]} for row in after] == before
    assert {row["edit_version"] for row in after} == {1}


def test_a_draft_saved_after_the_upgrade_counts_and_refuses_a_stale_save(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0020.sqlite").read_bytes())
    draft = next(row for row in _agreements(path) if row["status"] == "draft")
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        agreements.update_draft(db, draft["id"], "New subject", draft["body"], seen=1)
        with pytest.raises(EditConflict):
            agreements.update_draft(db, draft["id"], "Older reading", draft["body"], seen=1)
    finally:
        db.close()

    now = {row["id"]: row for row in _agreements(path)}
    assert (now[draft["id"]]["subject"], now[draft["id"]]["edit_version"]) == ("New subject", 2)
    assert {r["edit_version"] for i, r in now.items() if i != draft["id"]} == {1}
