"""`infcrm backup` and `infcrm check` as a user types them, also while the app has the file."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from infcrm.db.lock import DatabaseLock


def infcrm(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m infcrm ARGS` the way a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "infcrm", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """A small demo database made by the command line."""
    path = tmp_path / "shop.sqlite"
    assert infcrm("demo", "--db", str(path), "--influencers", "12").returncode == 0
    return path


def influencer_count(path: Path) -> int:
    """How many influencers a file holds, read directly."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM influencer").fetchone()[0]
    finally:
        conn.close()


def test_backup_goes_to_the_backups_folder_private_and_complete(demo_file: Path) -> None:
    with DatabaseLock(demo_file):  # the app is open: backing up alongside it is safe
        result = infcrm("backup", "--db", str(demo_file))
    assert result.returncode == 0, result.stderr
    copy = Path(result.stdout.strip().removeprefix("Backed up to "))
    assert copy.parent == demo_file.parent / "shop-backups"
    assert copy.name.startswith("shop-manual-")
    assert influencer_count(copy) == 12
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_backup_to_a_chosen_folder_and_refusing_to_overwrite(
    demo_file: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb-stick"
    usb.mkdir()
    first = infcrm("backup", "--db", str(demo_file), str(usb))
    assert first.returncode == 0, first.stderr
    (copy,) = usb.iterdir()
    assert influencer_count(copy) == 12

    target = usb / "mine.sqlite"
    target.write_text("keep me")
    again = infcrm("backup", "--db", str(demo_file), str(target))
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert target.read_text() == "keep me"


def test_backup_to_a_folder_not_made_yet_makes_it(demo_file: Path, tmp_path: Path) -> None:
    made = infcrm("backup", "--db", str(demo_file), str(tmp_path / "bk") + "/")
    assert made.returncode == 0, made.stderr
    (copy,) = (tmp_path / "bk").iterdir()  # a folder, not a file called bk
    assert copy.suffix == ".sqlite" and influencer_count(copy) == 12


def test_backup_into_an_unwritable_place_says_so(demo_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = infcrm("backup", "--db", str(demo_file), str(blocker / "copy.sqlite"))
    assert result.returncode == 1
    assert "cannot be written to" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reports_schema_counts_per_table_and_integrity(demo_file: Path) -> None:
    with DatabaseLock(demo_file):
        result = infcrm("check", "--db", str(demo_file))
    assert result.returncode == 0, result.stderr
    assert "Integrity: ok" in result.stdout
    assert "Schema version: 0" in result.stdout
    assert "Influencers: 12 (in trash: 0)" in result.stdout
    # What the file holds, in words a user knows, not the tables' names.
    assert "  Social accounts: " in result.stdout
    assert "  Follow-ups: " in result.stdout
    held = result.stdout.split("Influencers:")[1]
    assert "social_account" not in held and "_" not in held
    assert "influencer_search" not in result.stdout, "the search index's own tables are hidden"


def test_check_of_a_damaged_file_exits_1_and_changes_nothing(demo_file: Path) -> None:
    data = bytearray(demo_file.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 8 : offset + 200] = b"\xa5" * 192
    demo_file.write_bytes(bytes(data))
    before = demo_file.read_bytes()

    result = infcrm("check", "--db", str(demo_file))

    assert result.returncode == 1
    assert "DAMAGED" in result.stdout or "found damage" in result.stderr
    assert "Traceback" not in result.stderr
    assert demo_file.read_bytes() == before


def test_backup_and_check_of_a_missing_file_create_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite"
    for command in ("backup", "check"):
        result = infcrm(command, "--db", str(missing))
        assert result.returncode == 1
        assert "There is no database" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_opening_the_app_on_a_file_another_copy_has_open_is_refused_at_once(
    demo_file: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "shot.png"
    with DatabaseLock(demo_file):
        result = infcrm("--db", str(demo_file), "--screenshot", str(shot))
    assert result.returncode == 1
    assert "already open in another copy of infcrm, started today at" in result.stderr
    assert not shot.exists()
    again = infcrm("--db", str(demo_file), "--screenshot", str(shot))
    assert again.returncode == 0, again.stderr
    assert not Path(f"{demo_file}.lock").exists(), "the app gives the lock back when it ends"


def test_check_verifies_every_sent_agreement_against_its_sha256(demo_file: Path) -> None:
    result = infcrm("check", "--db", str(demo_file))
    assert result.returncode == 0, result.stderr
    assert "Sent agreements: every text matches its SHA-256" in result.stdout

    conn = sqlite3.connect(demo_file)  # someone edits the file behind the app's back
    conn.execute("DROP TRIGGER agreement_text_frozen")
    (changed,) = conn.execute(
        "SELECT id FROM agreement WHERE sent_at IS NOT NULL ORDER BY id LIMIT 1"
    ).fetchone()
    conn.execute("UPDATE agreement SET body = body || ' and a car' WHERE id = ?", (changed,))
    conn.commit()
    conn.close()

    result = infcrm("check", "--db", str(demo_file))

    assert result.returncode == 1
    assert "Sent agreements: 1 CHANGED since sent" in result.stdout
    assert f"(agreement {changed})" in result.stdout
    assert "Integrity: ok" in result.stdout
    assert "Traceback" not in result.stderr
