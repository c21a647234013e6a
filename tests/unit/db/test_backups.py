"""Backups a user can rely on: round trip, refusal of a damaged copy, rotation, privacy."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from infcrm.db import backup_restore, backup_rotation, backups
from infcrm.db.engine import Database
from infcrm.services.maintenance import maintenance
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX idea")


def add_person(db: Database, name: str) -> int:
    """Create one influencer through the service, as the form would."""
    handle = name.lower().replace(" ", "_")
    return influencers.create(
        db, InfluencerInput(display_name=name, accounts=(AccountInput("instagram", handle),))
    )


def names(db: Database) -> set[str]:
    """Every influencer's name, as the list shows them."""
    from infcrm.services.people.influencer_types import ListQuery

    ids = influencer_list.list_ids(db, ListQuery())
    return {row.display_name for row in influencer_list.rows(db, ids).values()}


def damage(path: Path) -> None:
    """Overwrite the pages after the first with junk, as a failing disk would."""
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 8 : offset + 200] = b"\xa5" * 192
    path.write_bytes(bytes(data))


def test_restore_brings_back_the_backup_and_keeps_the_current_data_as_a_backup(db) -> None:
    add_person(db, "Ada Bakes")
    copy = maintenance.back_up_now(db)
    add_person(db, "Ben Climbs")

    kept = maintenance.restore_backup(db, copy)

    assert names(db) == {"Ada Bakes"}, "the change made after the backup is gone"
    assert kept is not None and kept.exists()
    listed = {b.path: b for b in backups.list_backups(backups.default_folder(db.path))}
    assert listed[kept].reason == "before-restore"
    assert listed[kept].influencer_count == 2
    # A restore can itself be undone.
    maintenance.restore_backup(db, kept)
    assert names(db) == {"Ada Bakes", "Ben Climbs"}
    add_person(db, "Cleo Cooks")  # and the database keeps working afterwards
    assert "Cleo Cooks" in names(db)


def test_a_damaged_backup_is_refused_and_the_current_file_is_untouched(db) -> None:
    add_person(db, "Ada Bakes")
    copy = maintenance.back_up_now(db)
    damage(copy)
    db.close()
    before = db.path.read_bytes()

    with pytest.raises(backups.BackupDamaged, match=r"damaged.*nothing was changed"):
        maintenance.restore_backup(db, copy)
    with pytest.raises(backups.BackupDamaged):
        backup_restore.restore(db.path, copy)

    assert db.path.read_bytes() == before
    assert [b.reason for b in backups.list_backups(copy.parent)] == ["manual"]
    assert names(db) == {"Ada Bakes"}


def test_restoring_over_a_damaged_file_keeps_that_file_byte_for_byte(db) -> None:
    add_person(db, "Ada Bakes")
    good = maintenance.back_up_now(db)
    db.close()
    damage(db.path)
    damaged_bytes = db.path.read_bytes()
    assert not maintenance.check_file(db.path).ok

    kept = backup_restore.restore(db.path, good)

    assert kept is not None and kept.read_bytes() == damaged_bytes
    assert maintenance.check_file(db.path, full=True).ok
    assert names(db) == {"Ada Bakes"}


def test_list_shows_date_size_and_influencer_count(db) -> None:
    for name in ("Ada Bakes", "Ben Climbs", "Cleo Cooks"):
        add_person(db, name)
    copy = backups.backup_before(db, "import of shops.xlsx")
    (copy.parent / "my own copy.sqlite").write_bytes(copy.read_bytes())

    listed = backups.list_backups(copy.parent)

    assert [b.path for b in listed] == [copy], "only infcrm's own backups are listed"
    info = listed[0]
    assert info.reason == "before-import-of-shops-xlsx"
    assert info.influencer_count == 3
    assert info.size == copy.stat().st_size > 0
    assert abs((datetime.now().astimezone() - info.made_at).total_seconds()) < 5
    assert info.schema_revision is not None


def test_the_daily_backup_is_made_at_most_once_a_day(db) -> None:
    add_person(db, "Ada Bakes")
    first = backups.daily_backup_if_due(db.path)
    assert first is not None and first.exists()
    assert backups.daily_backup_if_due(db.path) is None
    tomorrow = datetime.now() + timedelta(days=1)
    assert backups.daily_backup_if_due(db.path, now=tomorrow) is not None


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime(2026, 6, 30, 9, 0)  # a Tuesday
    made = {}
    for days_ago in range(90):
        when = now - timedelta(days=days_ago, hours=1)
        path = folder / backups.backup_name(Path("infcrm.sqlite"), "daily", when)
        path.write_bytes(b"x")
        made[path.name] = when
    own = folder / "keep me.sqlite"
    own.write_bytes(b"mine")
    other_db = folder / backups.backup_name(Path("other.sqlite"), "daily", now - timedelta(days=80))
    other_db.write_bytes(b"x")

    backup_rotation.rotate(folder, "infcrm", now=now.astimezone())

    left = sorted(made[p.name] for p in folder.glob("infcrm-*.sqlite"))
    daily, weekly = left[-7:], left[:-7]
    assert [d.date() for d in daily] == [(now - timedelta(days=n)).date() for n in range(6, -1, -1)]
    assert len(weekly) == 4
    weeks = {w.isocalendar()[:2] for w in weekly}
    assert len(weeks) == 4, "one backup per week"
    assert all(w < daily[0] - timedelta(days=0) for w in weekly)
    assert (daily[0] - weekly[0]).days <= 35, "the four most recent weeks, not older ones"
    assert own.exists() and other_db.exists(), "files that are not this database's backups stay"


def test_a_backup_just_made_is_never_rotated_away(tmp_path: Path) -> None:
    now = datetime(2026, 6, 30, 18, 0).astimezone()
    times = [now - timedelta(minutes=m) for m in (1, 30, 90)]
    assert backup_rotation.to_keep(times, now) == set(times)


@posix_only
def test_database_and_backups_are_readable_by_the_user_alone(db) -> None:
    add_person(db, "Ada Bakes")
    copy = maintenance.back_up_now(db)
    for path in (db.path, Path(f"{db.path}-wal"), copy):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700


def test_a_backups_folder_that_cannot_be_made_gives_a_clear_message(db, monkeypatch) -> None:
    add_person(db, "Ada Bakes")
    blocker = db.path.parent / "blocked"
    blocker.write_text("a file where the folder should be")

    with pytest.raises(
        backups.BackupFailed, match=r"cannot be written to.*data itself is unchanged"
    ):
        backups.make_backup(db.path, "manual", blocker / "backups")
    assert names(db) == {"Ada Bakes"}
    assert list(db.path.parent.glob("*.partial")) == []


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_a_read_only_backups_folder_gives_a_clear_message(db) -> None:
    folder = db.path.parent / "readonly"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(backups.BackupFailed, match="cannot be written to"):
            backups.make_backup(db.path, "manual", folder)
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []
