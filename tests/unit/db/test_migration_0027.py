"""Schema 0027 makes agreement versions keep who made them and who changed them last: an
older file upgrades with every version as it was, signed by nobody, and the next change is
signed, so a draft saved from an older reading names the teammate who changed it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db.engine import open_database
from infcrm.services.campaigns import agreements, deal_edits
from infcrm.services.errors import EditConflict

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _rows(path: Path) -> list[dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute("SELECT * FROM agreement ORDER BY id")]


def _older_file(tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0026.sqlite").read_bytes())
    return path


def test_an_older_file_upgrades_every_agreement_whole_signed_by_nobody(tmp_path: Path) -> None:
    path = _older_file(tmp_path)
    before = _rows(path)
    assert {row["status"] for row in before} >= {"draft", "confirmed"}, "the fixture holds both"

    open_database(path, backup_dir=tmp_path / "backups").close()

    after = _rows(path)
    assert [{k: row[k] for k in before[0]} for row in after] == before
    assert {(r["created_by"], r["changed_by"]) for r in after} == {(None, None)}


def test_a_draft_changed_after_the_upgrade_names_who_changed_it(tmp_path: Path) -> None:
    path = _older_file(tmp_path)
    [draft] = [row for row in _rows(path) if row["status"] == "draft"]
    ana = open_database(path, backup_dir=tmp_path / "backups")
    sam = open_database(path, backup_dir=tmp_path / "backups")
    ana.sign_as("Ana")
    sam.sign_as("Sam")
    seen = draft["edit_version"]
    try:
        deal_edits.edit_draft(ana, draft["id"], draft["subject"], "Hi Lena, Ana here.", seen)
        with pytest.raises(EditConflict) as refused:
            deal_edits.edit_draft(sam, draft["id"], "Our bake-off", draft["body"], seen)
        assert refused.value.changed_by == "Ana"
        assert str(refused.value).startswith(
            f"Ana changed the draft of agreement version {draft['version']} while you were"
        )
        assert agreements.version(sam, draft["id"]).body == "Hi Lena, Ana here."
    finally:
        ana.close()
        sam.close()

    [now] = [row for row in _rows(path) if row["id"] == draft["id"]]
    assert (now["edit_version"], now["created_by"], now["changed_by"]) == (seen + 1, None, "Ana")
    [sent] = [row for row in _rows(path) if row["status"] != "draft"]
    assert (sent["created_by"], sent["changed_by"]) == (None, None), "the sent one untouched"
