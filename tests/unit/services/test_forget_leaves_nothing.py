"""Forgetting someone leaves none of their words in the file, its WAL or a backup made after."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import text

from infcrm.db import backups
from infcrm.db.engine import Database
from infcrm.files.agreement_eml import confirm_with_eml
from infcrm.files.email_log import log_email
from infcrm.files.import_apply import import_file
from infcrm.services.campaigns import agreements, campaigns, deal_results
from infcrm.services.campaigns.campaign_types import CampaignInput, ContentInput, PaymentInput
from infcrm.services.outreach import followups
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

# Each appears nowhere but in what is kept about the person.
SECRETS = {
    "name": "Zyqwenthia Vorblesk",
    "email": "zyqwenthia.vorblesk@example.org",
    "phone": "+49 1577 998812",
    "notes": "Plorkish marmalade allergy",
    "handle": "vorbleskbakes",
    "old city": "Glimmerhaven",
    "old notes": "Snarfelwick introduced us",
    "tag": "quorblax",
    "eml subject": "Brindlewump offer",
    "eml body": "Wobbleton cottage address",
    "follow-up": "Chase Mibblefrost",
    "deal notes": "Likes Gloopertine",
    "reply": "Agreed by Fenwhistle",
    "content": "https://www.instagram.com/reel/Xantrobble/",
    "payment": "Payref Drumbleweft",
}


def _eml(subject: str, body: str) -> bytes:
    return (
        f"From: {SECRETS['name']} <{SECRETS['email']}>\r\nTo: me@shop.example\r\n"
        f"Subject: {subject}\r\nDate: Mon, 02 Mar 2026 10:00:00 +0000\r\n\r\n{body}\r\n"
    ).encode()


def _remember_everything(db: Database, tmp_path: Path) -> int:
    """A person with something distinctive in every place the app keeps things about people."""
    person = influencers.create(
        db,
        InfluencerInput(
            display_name=SECRETS["name"],
            email=SECRETS["email"],
            phone=SECRETS["phone"],
            city=SECRETS["old city"],
            notes=SECRETS["old notes"],
            tags=SECRETS["tag"],
            accounts=(AccountInput("instagram", SECRETS["handle"], followers=12_000),),
        ),
    )
    # An import that changed them: its history keeps the old city and notes to undo it.
    sheet = tmp_path / "update.csv"
    sheet.write_text(
        f"Name,Email,City,Notes,IG,Followers\n{SECRETS['name']},{SECRETS['email']},Frostvale,"
        f"{SECRETS['notes']},{SECRETS['handle']},15000\n",
        encoding="utf-8",
    )
    summary = import_file(db, sheet, on_duplicate="update")
    assert summary.updated == 1
    log_email(db, person, _eml(SECRETS["eml subject"], SECRETS["eml body"]))
    followups.add_follow_up(db, person, date(2026, 4, 1), SECRETS["follow-up"])
    campaign = campaigns.create_campaign(db, CampaignInput(name="Spring box"))
    campaigns.add_influencers(db, campaign, [person])
    with db.reader() as session:
        deal = session.execute(text("SELECT id FROM deal")).scalar_one()
    with db.transaction() as session:
        session.execute(text("UPDATE deal SET notes = :n"), {"n": SECRETS["deal notes"]})
    sent = agreements.mark_sent(db, agreements.compose(db, deal).id)
    confirm_with_eml(db, sent.id, _eml("Re: Spring box", SECRETS["reply"]))
    deal_results.record_content(
        db, deal, ContentInput("instagram", date(2026, 3, 20), url=SECRETS["content"])
    )
    deal_results.record_payment(
        db, deal, PaymentInput(date(2026, 3, 25), "250", reference=SECRETS["payment"])
    )
    return person


def _found(path: Path) -> list[str]:
    """Which secrets appear in the raw bytes of `path` (any case, as UTF-8)."""
    if not path.exists():
        return []
    data = path.read_bytes().lower()
    return [key for key, value in SECRETS.items() if value.lower().encode() in data]


def _indexed_words(path: Path, index: str = "influencer_search") -> set[str]:
    """Every word (or, for the part index, every three letters) an index of `path` holds."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, {index}, row)")
        return {row[0] for row in conn.execute("SELECT term FROM temp.words")}
    finally:
        conn.close()


def test_the_setup_really_stores_every_secret(db: Database, db_path: Path, tmp_path: Path) -> None:
    """Without this, a test that finds nothing after forgetting proves nothing."""
    _remember_everything(db, tmp_path)
    copy = backups.make_backup(db_path, "manual", tmp_path / "before")
    assert sorted(_found(copy)) == sorted(SECRETS)


def test_forgetting_leaves_no_trace_in_the_file_its_wal_or_a_new_backup(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    person = _remember_everything(db, tmp_path)
    assert {"plorkish", "vorbleskbakes"} <= _indexed_words(db_path)
    assert "quorblax" in _indexed_words(db_path, "tag_search")
    assert {"zyq", "yqw", "skb"} <= _indexed_words(db_path, "influencer_part_search")

    assert influencers.forget(db, [person]) == 1

    copy = backups.make_backup(db_path, "manual", tmp_path / "after")
    wal = db_path.with_name(db_path.name + "-wal")
    assert _found(db_path) == [], "the database file still holds them"
    assert _found(wal) == [], "the write-ahead log still holds them"
    assert _found(copy) == [], "a backup made after forgetting still holds them"
    words = _indexed_words(copy)
    assert not {"zyqwenthia", "vorblesk", "plorkish", "quorblax", "glimmerhaven"} & words
    assert not {"zyq", "yqw", "skb"} & _indexed_words(copy, "influencer_part_search")
    assert "quorblax" not in _indexed_words(copy, "tag_search")
    assert backups.integrity_problems(copy) == []
    with db.reader() as session:
        left = session.execute(text("SELECT count(*) FROM import_batch_item")).scalar()
    assert left == 0
