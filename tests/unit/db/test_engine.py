"""Opening, migrating and configuring a real database file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from infcrm.db import schema
from infcrm.db.engine import CACHE_KIB, READ_CACHE_KIB, open_database


def test_a_new_file_is_created_at_the_newest_schema_with_seeded_stages(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite")
    with db.reader() as session:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        stages = session.execute(text("SELECT name FROM stage ORDER BY position")).scalars().all()
    db.close()
    assert revision == schema.head_revision()
    assert stages[0] == "Prospect" and "Declined" in stages and "Not a fit" in stages


def test_connections_use_wal_foreign_keys_and_a_busy_timeout(db) -> None:
    with db.reader() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert session.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_only_a_write_transaction_holds_the_large_page_cache(db) -> None:
    """Reading (an export of 100,000 people) keeps memory small; a bulk edit gets room for
    the pages it dirties, and gives it back when it ends."""
    with db.reader() as session:
        assert session.execute(text("PRAGMA cache_size")).scalar() == -READ_CACHE_KIB
    with db.transaction() as session:
        assert session.execute(text("PRAGMA cache_size")).scalar() == -CACHE_KIB
    with db.reader() as session:  # the same pooled connection, back to the small cache
        assert session.execute(text("PRAGMA cache_size")).scalar() == -READ_CACHE_KIB
    assert READ_CACHE_KIB < CACHE_KIB


def test_revisions_on_disk_match_alembics_own_history() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(schema.alembic_config())
    assert scripts.get_current_head() == schema.head_revision()
    assert sorted(s.revision for s in scripts.walk_revisions()) == schema.known_revisions()


def test_a_database_of_the_first_schema_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO influencer (display_name, found_via, do_not_contact, created_at, "
                "updated_at) VALUES ('Ada Bakes', 'other', 0, '2025-01-01', '2025-01-01')"
            )
        )
    engine.dispose()
    backups = tmp_path / "backups"

    db = open_database(path, backup_dir=backups)
    with db.reader() as session:
        names = session.execute(text("SELECT display_name FROM influencer")).scalars().all()
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    db.close()

    assert names == ["Ada Bakes"]
    assert revision == schema.head_revision()
    copies = list(backups.glob("old-before-upgrade-0001-*.sqlite"))
    assert len(copies) == 1, "the file must be copied before it is migrated"
    copy = create_engine(f"sqlite:///{copies[0]}")
    with copy.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    copy.dispose()


def test_an_up_to_date_file_opens_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "current.sqlite"
    open_database(path).close()
    backups = tmp_path / "backups"
    open_database(path, backup_dir=backups).close()
    assert not backups.exists() or not any(backups.iterdir())


def test_the_fixture_of_the_first_released_schema_upgrades(tmp_path: Path) -> None:
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "schema-0001.sqlite"
    path = tmp_path / "copy.sqlite"
    path.write_bytes(fixture.read_bytes())
    db = open_database(path)
    with db.reader() as session:
        count = session.execute(text("SELECT count(*) FROM influencer")).scalar()
        hits = session.execute(
            text("SELECT rowid FROM influencer_search WHERE influencer_search MATCH 'bakes*'")
        ).all()
    db.close()
    assert count == 3
    assert hits, "the search index of an old file keeps working after the upgrade"


def test_the_fixture_of_schema_0002_upgrades_keeping_the_outreach_history(tmp_path: Path) -> None:
    from infcrm.services.outreach import follow_up_lists, history

    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "schema-0002.sqlite"
    path = tmp_path / "copy.sqlite"
    path.write_bytes(fixture.read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        with db.reader() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        titles = [entry.title for entry in history.timeline(db, 1)]
        open_follow_ups = follow_up_lists.follow_ups_of(db, 1)
    finally:
        db.close()
    assert revision == schema.head_revision()
    assert any("spring box" in title for title in titles)
    assert [f.note for f in open_follow_ups] == ["Chase the reply"]
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"


def test_the_fixture_of_schema_0003_upgrades_to_campaigns(tmp_path: Path) -> None:
    from infcrm.services.campaigns import campaigns
    from infcrm.services.exchange import import_history

    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "schema-0003.sqlite"
    path = tmp_path / "copy.sqlite"
    path.write_bytes(fixture.read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        last = import_history.last_import(db)
        assert last is not None and last.file_name == "spring.csv"
        assert campaigns.list_campaigns(db) == [], "no campaign appears from the old ids"
        assert campaigns.campaigns_of(db, 1) == []
    finally:
        db.close()
    assert list((tmp_path / "backups").iterdir()), "backed up before the upgrade"


def test_the_fixture_of_schema_0004_upgrades_keeping_deals_and_frozen_agreements(
    tmp_path: Path,
) -> None:
    from infcrm.services.campaigns import agreements, campaigns

    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "schema-0004.sqlite"
    path = tmp_path / "copy.sqlite"
    path.write_bytes(fixture.read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        with db.reader() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            counts = {
                table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                for table in ("campaign", "deal", "deliverable", "incentive", "payment", "content")
            }
        assert revision == schema.head_revision()
        assert [c.name for c in campaigns.list_campaigns(db)] == ["Spring box"]
        assert [c.campaign_id for c in campaigns.campaigns_of(db, 2)] == [1]
        first, *_ = sorted(agreements.versions(db, 1), key=lambda v: v.version)
        assert first.text_sha256 == agreements.text_hash(first.subject, first.body)
        assert agreements.reply_eml(db, first.id).startswith(b"From: Kofi Mensah")
        with db.reader() as session:
            refused = None
            try:
                session.execute(text("UPDATE agreement SET body = 'changed' WHERE id = 1"))
            except Exception as error:  # the frozen-text rule survived the upgrade
                refused = str(error)
        assert refused is not None and "frozen" in refused
    finally:
        db.close()
    assert counts == dict.fromkeys(counts, 1)
