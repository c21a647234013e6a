"""A sent agreement is evidence: no path in SQL changes or removes it, except erasing its deal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.services.campaigns import agreement_confirming, agreements, campaigns
from infcrm.services.campaigns.agreement_types import AgreementStateError
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.outreach.outreach_types import EmailFields
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput


def _sent_agreement(db: Database, name: str = "Anna Bakes") -> tuple[int, int, int]:
    """A person in a campaign whose agreement version 1 was sent; (person, deal, agreement)."""
    person = influencers.create(db, InfluencerInput(display_name=name, email="anna@example.com"))
    campaign = campaigns.create_campaign(db, CampaignInput(name=f"Spring with {name}"))
    campaigns.add_influencers(db, campaign, [person])
    with db.reader() as session:
        from sqlalchemy import text

        deal = session.execute(
            text("SELECT id FROM deal WHERE influencer_id = :p"), {"p": person}
        ).scalar_one()
    version = agreements.compose(db, deal)
    agreements.mark_sent(db, version.id)
    return person, deal, version.id


def _raw(db_path: Path) -> sqlite3.Connection:
    """Another program's connection to the file: plain sqlite3 with foreign keys on."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _row(conn: sqlite3.Connection, agreement_id: int) -> tuple:
    return conn.execute(
        "SELECT status, subject, body, sent_at, text_sha256, reply_body FROM agreement "
        "WHERE id = ?",
        (agreement_id,),
    ).fetchone()


@pytest.mark.parametrize(
    "statement",
    [
        # REPLACE deletes the old row without firing DELETE triggers, then inserts.
        "INSERT OR REPLACE INTO agreement (id, deal_id, version, status, subject, body, "
        "created_at) VALUES (:id, :deal, 1, 'draft', 'Changed', 'Changed', '2026-01-01')",
        "INSERT OR REPLACE INTO agreement (deal_id, version, status, subject, body, created_at) "
        "VALUES (:deal, 1, 'draft', 'Changed', 'Changed', '2026-01-01')",
        "REPLACE INTO agreement (id, deal_id, version, status, subject, body, created_at) "
        "VALUES (:id, :deal, 7, 'draft', 'Changed', 'Changed', '2026-01-01')",
        "DELETE FROM agreement WHERE id = :id",
        "UPDATE agreement SET status = 'draft' WHERE id = :id",
        "UPDATE agreement SET version = 9 WHERE id = :id",
        "UPDATE agreement SET id = 99 WHERE id = :id",
        "UPDATE agreement SET body = 'Changed' WHERE id = :id",
        "UPDATE agreement SET status = 'draft', sent_at = NULL, text_sha256 = NULL WHERE id = :id",
    ],
)
def test_raw_sql_cannot_change_or_remove_a_sent_agreement(
    db: Database, db_path: Path, statement: str
) -> None:
    _person, deal, agreement = _sent_agreement(db)
    conn = _raw(db_path)
    before = _row(conn, agreement)
    with pytest.raises(sqlite3.IntegrityError, match="agreement"):
        conn.execute(statement, {"id": agreement, "deal": deal})
    assert _row(conn, agreement) == before
    conn.close()


def test_a_draft_cannot_take_a_sent_versions_place(db: Database, db_path: Path) -> None:
    _person, deal, agreement = _sent_agreement(db)
    with db.transaction() as session:
        from sqlalchemy import text

        session.execute(
            text(
                "INSERT INTO agreement (deal_id, version, status, subject, body, created_at) "
                "VALUES (:deal, 2, 'draft', 'Next', 'Next', '2026-01-01')"
            ),
            {"deal": deal},
        )
    conn = _raw(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="agreement"):
        conn.execute("UPDATE agreement SET version = 1 WHERE deal_id = ? AND version = 2", (deal,))
    with pytest.raises(sqlite3.IntegrityError, match="agreement"):
        conn.execute("UPDATE OR REPLACE agreement SET version = 1 WHERE version = 2")
    assert _row(conn, agreement)[0] == "sent"
    conn.close()


def test_the_confirming_reply_cannot_be_edited(db: Database, db_path: Path) -> None:
    _person, _deal, agreement = _sent_agreement(db)
    agreement_confirming.confirm_with_email(
        db, agreement, EmailFields(sender="anna@example.com", body="Deal!"), b"From: a@b.c\n\nDeal!"
    )
    conn = _raw(db_path)
    for statement in (
        "UPDATE agreement SET reply_body = 'No deal' WHERE id = ?",
        "UPDATE agreement SET reply_eml = x'00' WHERE id = ?",
        "UPDATE agreement SET reply_sender = 'someone@else.com' WHERE id = ?",
        "UPDATE agreement SET confirmed_at = NULL WHERE id = ?",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="reply"):
            conn.execute(statement, (agreement,))
    assert _row(conn, agreement)[5] == "Deal!"
    assert agreements.version(db, agreement).status == "confirmed"
    conn.close()


def test_forgetting_the_person_or_removing_the_deal_erases_the_agreement(
    db: Database, db_path: Path
) -> None:
    person, _deal, first = _sent_agreement(db)
    _other, other_deal, second = _sent_agreement(db, "Ben Runs")
    assert influencers.forget(db, [person]) == 1
    campaigns.remove_deal(db, other_deal)
    conn = _raw(db_path)
    assert conn.execute("SELECT count(*) FROM agreement").fetchone() == (0,)
    assert first != second
    conn.close()


def test_a_sent_version_put_back_to_draft_is_refused_in_words(db: Database, db_path: Path) -> None:
    _person, _deal, agreement = _sent_agreement(db)
    conn = _raw(db_path)  # a file edited before the database refused this
    conn.execute("DROP TRIGGER agreement_sent_not_moved")
    conn.execute("UPDATE agreement SET status = 'draft' WHERE id = ?", (agreement,))
    conn.close()
    with pytest.raises(AgreementStateError, match="was sent"):
        agreements.update_draft(db, agreement, "New subject", "New text")
    with pytest.raises(AgreementStateError, match="already marked as sent"):
        agreements.mark_sent(db, agreement)
    assert agreements.version(db, agreement).subject != "New subject"
