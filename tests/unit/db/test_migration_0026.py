"""Schema 0026 makes deals and campaigns keep who made them and who changed them last: an
older file upgrades with every deal and campaign as it was, signed by nobody, and the next
change is signed, so a save made from an older reading names the teammate who changed it."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from infcrm.db.engine import open_database
from infcrm.services.campaigns import campaign_edits, campaigns, deal_edits, deals
from infcrm.services.campaigns.campaign_types import CampaignInput, DealTermsInput
from infcrm.services.errors import EditConflict

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _rows(path: Path, table: str) -> list[dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]


def _older_file(tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    path.write_bytes((FIXTURES / "schema-0025.sqlite").read_bytes())
    return path


@pytest.mark.parametrize("table", ["deal", "campaign"])
def test_an_older_file_upgrades_every_row_whole_signed_by_nobody(
    tmp_path: Path, table: str
) -> None:
    path = _older_file(tmp_path)
    before = _rows(path, table)
    assert before, f"the fixture holds a {table} row"

    open_database(path, backup_dir=tmp_path / "backups").close()

    after = _rows(path, table)
    assert [{k: row[k] for k in before[0]} for row in after] == before
    assert {(r["created_by"], r["changed_by"]) for r in after} == {(None, None)}


def test_a_deal_changed_after_the_upgrade_names_who_changed_it(tmp_path: Path) -> None:
    path = _older_file(tmp_path)
    [deal] = _rows(path, "deal")
    ana = open_database(path, backup_dir=tmp_path / "backups")
    sam = open_database(path, backup_dir=tmp_path / "backups")
    ana.sign_as("Ana")
    sam.sign_as("Sam")
    try:
        sams_form = DealTermsInput(usage_rights="Organic only", version=deal["version"])
        deal_edits.edit_terms(
            ana, deal["id"], dataclasses.replace(sams_form, usage_rights="Repost 3 months")
        )
        with pytest.raises(EditConflict) as refused:
            deal_edits.edit_terms(sam, deal["id"], dataclasses.replace(sams_form, notes="May"))
        assert refused.value.changed_by == "Ana"
        assert str(refused.value).startswith("Ana changed the deal of ")
        assert deals.get_deal(sam, deal["id"]).usage_rights == "Repost 3 months"
    finally:
        ana.close()
        sam.close()

    [now] = _rows(path, "deal")
    assert (now["version"], now["created_by"], now["changed_by"]) == (2, None, "Ana")


def test_a_campaign_changed_after_the_upgrade_names_who_changed_it(tmp_path: Path) -> None:
    path = _older_file(tmp_path)
    [campaign] = _rows(path, "campaign")
    ana = open_database(path, backup_dir=tmp_path / "backups")
    sam = open_database(path, backup_dir=tmp_path / "backups")
    ana.sign_as("Ana")
    sam.sign_as("Sam")
    try:
        form = CampaignInput(campaign["name"], brand=campaign["brand"], status="active", version=1)
        campaign_edits.edit(ana, campaign["id"], dataclasses.replace(form, brief="Oat lattes"))
        with pytest.raises(EditConflict) as refused:
            campaign_edits.edit(sam, campaign["id"], dataclasses.replace(form, goal="Reach"))
        assert refused.value.changed_by == "Ana"
        assert str(refused.value).startswith(f"Ana changed the campaign “{campaign['name']}”")
        assert campaigns.get_campaign(sam, campaign["id"]).brief == "Oat lattes"
    finally:
        ana.close()
        sam.close()

    [now] = _rows(path, "campaign")
    assert (now["version"], now["created_by"], now["changed_by"]) == (2, None, "Ana")
