"""Schema 0023 gives payments and recorded posts a count of their saves (`version`) and who
recorded and last changed them: an older file upgrades with every payment and post as it was,
each counted at 1 and signed by nobody, and the next change raises the count, so a change
made from an older reading is refused instead of overwriting."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from infcrm.db.engine import open_database
from infcrm.services.campaigns import result_edits
from infcrm.services.campaigns.campaign_types import PaymentInput
from infcrm.services.errors import EditConflict

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _rows(path: Path, table: str) -> list[dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]


@pytest.mark.parametrize("table", ["payment", "content"])
def test_an_older_file_upgrades_every_row_whole_counted_once(tmp_path: Path, table: str) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0022.sqlite").read_bytes())
    before = _rows(path, table)
    assert before, f"the fixture holds a {table} row"

    open_database(path, backup_dir=tmp_path / "backups").close()

    after = _rows(path, table)
    assert [{k: row[k] for k in before[0]} for row in after] == before
    assert {(r["version"], r["created_by"], r["changed_by"]) for r in after} == {(1, None, None)}


def test_a_payment_changed_after_the_upgrade_counts_and_refuses_a_stale_change(
    tmp_path: Path,
) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0022.sqlite").read_bytes())
    [payment] = _rows(path, "payment")
    db = open_database(path, backup_dir=tmp_path / "backups")
    db.sign_as("Ana")
    try:
        day = date.fromisoformat(payment["paid_on"])
        paid = PaymentInput(day, "260", payment["currency"], "bank transfer")
        result_edits.change_payment(db, payment["id"], paid, seen=1)
        with pytest.raises(EditConflict):
            result_edits.change_payment(db, payment["id"], paid, seen=1)
    finally:
        db.close()

    [now] = _rows(path, "payment")
    assert (now["amount_minor"], now["version"], now["changed_by"]) == (26000, 2, "Ana")
    assert now["created_by"] is None, "who recorded it before names were kept stays unknown"
