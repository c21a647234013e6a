"""Commands refuse what would lose data: a damaged file, an export over the database, a
read-only place, a file another copy holds; each with a sentence, exit 1, nothing changed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from safety_helpers import (
    assert_sentence,
    infcrm,
    make_demo,
    read_only,
    rows,
    scramble_middle,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CSV = FIXTURES / "messy_influencers.csv"


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """One demo database for the whole module (made once: the machine is shared)."""
    path = make_demo(tmp_path_factory.mktemp("demo") / "shop.sqlite", influencers=60)
    return path.read_bytes()


@pytest.fixture
def people(tmp_path: Path) -> Path:
    """A clean CSV of five new people."""
    path = tmp_path / "new-people.csv"
    lines = ["Name,Email,Instagram,Followers"]
    lines += [f"New {i},new{i}@example.com,new_{i},{2000 + i}" for i in range(5)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def shop(tmp_path: Path, demo_bytes: bytes) -> Path:
    """A fresh copy of the demo database."""
    path = tmp_path / "shop.sqlite"
    path.write_bytes(demo_bytes)
    return path


def test_every_writing_or_copying_command_refuses_a_damaged_file(shop: Path, tmp_path) -> None:
    scramble_middle(shop)
    before = shop.read_bytes()
    assert infcrm("check", "--db", str(shop)).returncode == 1
    for args in (
        ["import", str(CSV)],
        ["backup"],
        ["backup", str(tmp_path / "copy.sqlite")],
        ["export", str(tmp_path / "out.xlsx")],
        ["demo"],
    ):
        result = infcrm(*args, "--db", str(shop))
        assert_sentence(result, "found damage", "File › Restore from backup")
    assert shop.read_bytes() == before, "nothing wrote to the damaged file"
    backups = shop.parent / "shop-backups"
    assert not backups.exists() or not list(backups.glob("*.sqlite")), "no damaged 'backup'"
    assert not (tmp_path / "copy.sqlite").exists() and not (tmp_path / "out.xlsx").exists()


def test_the_apps_before_import_backup_refuses_a_damaged_file(shop: Path) -> None:
    from infcrm.db.engine import DatabaseDamaged, open_read_only
    from infcrm.services.maintenance import maintenance

    scramble_middle(shop)
    db = open_read_only(shop)
    try:
        with pytest.raises(DatabaseDamaged, match="File › Restore from backup"):
            maintenance.back_up_before(db, "import")
    finally:
        db.close()


def test_a_file_damaged_after_a_sound_check_is_refused_at_its_next_backup(shop: Path) -> None:
    """A sound file is not checked twice while nothing writes to it; damage written after the
    check is still caught before the next copy could pass it off as a backup."""
    from infcrm.db import backups
    from infcrm.db.engine import DatabaseDamaged

    first = backups.make_backup(shop, "manual")
    backups.refuse_if_damaged(shop)  # the same bytes: sound, as just found
    scramble_middle(shop)
    with pytest.raises(DatabaseDamaged, match="File › Restore from backup"):
        backups.make_backup(shop, "before import")
    assert [p.name for p in first.parent.glob("*.sqlite")] == [first.name], "no damaged copy"


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "backups"])
def test_an_export_never_replaces_the_database_or_its_backups(tmp_path: Path, how: str) -> None:
    db = tmp_path / "data.xlsx"  # a database whose name ends like a spreadsheet
    make_demo(db, influencers=5)
    target = {
        "same": db,
        "symlink": tmp_path / "link.xlsx",
        "hardlink": tmp_path / "hard.xlsx",
        "backups": tmp_path / "data-backups" / "list.xlsx",
    }[how]
    if how == "symlink":
        target.symlink_to(db)
    elif how == "hardlink":
        os.link(db, target)
    elif how == "backups":
        target.parent.mkdir(exist_ok=True)
    before = db.read_bytes()
    result = infcrm("export", str(target), "--db", str(db))
    assert_sentence(result)
    assert db.read_bytes() == before
    assert rows(db, "PRAGMA quick_check") == [("ok",)]


def test_a_read_only_folder_can_be_checked_exported_and_backed_up_but_not_written(
    shop: Path, tmp_path: Path
) -> None:
    out = tmp_path.parent / f"{tmp_path.name}-out"
    out.mkdir()
    with read_only(shop.parent):
        check = infcrm("check", "--db", str(shop))
        export = infcrm("export", str(out / "list.xlsx"), "--db", str(shop))
        backup = infcrm("backup", "--db", str(shop), str(out))
        imported = infcrm("import", str(CSV), "--db", str(shop))
        own_backup = infcrm("backup", "--db", str(shop))
    assert check.returncode == 0 and "Integrity: ok" in check.stdout, check.stderr
    assert export.returncode == 0, export.stderr
    assert backup.returncode == 0, backup.stderr
    assert_sentence(imported, "read-only")
    assert_sentence(own_backup)
    assert "not a database" not in imported.stderr + own_backup.stderr
    assert (out / "list.xlsx").exists() and list(out.glob("shop-manual-*.sqlite"))


def test_a_read_only_database_file_is_read_but_never_written(shop: Path, tmp_path) -> None:
    with read_only(shop):
        check = infcrm("check", "--db", str(shop))
        export = infcrm("export", str(tmp_path / "list.csv"), "--db", str(shop))
        imported = infcrm("import", str(CSV), "--db", str(shop))
    assert check.returncode == 0, check.stderr
    assert export.returncode == 0, export.stderr
    assert_sentence(imported, "read-only")


HOLDER = textwrap.dedent(
    """
    import sys, time
    from infcrm.db.lock import DatabaseLock
    lock = DatabaseLock(sys.argv[1], command=sys.argv[2] == "command").acquire()
    print("locked", flush=True)
    sys.stdin.readline()  # until the test says so
    lock.release()
    """
)


def _hold_lock(path: Path, who: str) -> subprocess.Popen[str]:
    """Hold the single-instance lock of `path` as the app ("app") or a command ("command")."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), who],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_an_import_while_the_app_has_the_file_says_so_at_once(shop: Path, people) -> None:
    holder = _hold_lock(shop, "app")
    try:
        result = infcrm("import", str(people), "--db", str(shop))
        # Reading commands work alongside the app.
        assert infcrm("check", "--db", str(shop)).returncode == 0
        assert infcrm("export", str(shop.with_name("x.csv")), "--db", str(shop)).returncode == 0
        assert infcrm("backup", "--db", str(shop)).returncode == 0
    finally:
        holder.kill()
        holder.wait()
    assert_sentence(result, "another copy of infcrm", "nothing was changed")
    assert "waiting" not in result.stderr, "the app holds its file until it closes"


def test_an_import_gives_up_waiting_for_a_command_with_a_sentence(shop: Path, people) -> None:
    holder = _hold_lock(shop, "command")
    try:
        started = time.monotonic()
        result = infcrm("import", str(people), "--db", str(shop), env={"INFCRM_LOCK_WAIT": "1"})
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert_sentence(result, "nothing was changed")
    assert "waiting up to 1 seconds" in result.stderr
    assert waited >= 1.0


def test_an_import_waits_for_another_command_to_finish_then_runs(shop: Path, people) -> None:
    holder = _hold_lock(shop, "command")
    command = [sys.executable, "-m", "infcrm", "import", str(people), "--db", str(shop)]
    env = {**os.environ, "INFCRM_LOCK_WAIT": "120"}
    importer = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert importer.stderr is not None
        waiting = importer.stderr.readline()
        assert "another infcrm command" in waiting and "waiting up to 120 seconds" in waiting
    finally:
        assert holder.stdin is not None
        holder.stdin.write("release\n")
        holder.stdin.flush()
        holder.wait()
    out, err = importer.communicate(timeout=300)
    assert importer.returncode == 0, err
    assert "Created 5" in out


WRITER = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE influencer SET notes = 'held' WHERE id = 1")
    print("writing", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("ROLLBACK")
    """
)


def test_another_program_writing_for_long_is_a_sentence_not_database_is_locked(
    shop: Path, people: Path
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(shop), "600"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        result = infcrm("import", str(people), "--db", str(shop), env={"INFCRM_LOCK_WAIT": "1"})
        check = infcrm("check", "--db", str(shop))
    finally:
        writer.kill()
        writer.wait()
    assert_sentence(result, "Nothing was imported")
    assert "database is locked" not in result.stderr
    assert check.returncode == 0, check.stderr


def test_two_imports_of_one_file_at_once_add_each_person_once(shop: Path, tmp_path) -> None:
    people = tmp_path / "people.csv"
    lines = ["Name,Email,Instagram,Followers"]
    lines += [f"Person {i},p{i}@example.com,p_{i},{1000 + i}" for i in range(400)]
    people.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = rows(shop, "SELECT count(*) FROM influencer")[0][0]
    command = [sys.executable, "-m", "infcrm", "import", str(people), "--db", str(shop)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    for process, (_out, err) in zip((first, second), outputs, strict=True):
        assert "Traceback" not in err, err
        assert process.returncode in (0, 1), err
    assert rows(shop, "SELECT count(*) FROM influencer")[0][0] == before + 400
    emails = rows(shop, "SELECT count(DISTINCT email), count(email) FROM influencer")[0]
    assert emails[0] == emails[1], "nobody was imported twice"


def test_three_backups_at_once_all_succeed_with_distinct_files(shop: Path) -> None:
    command = [sys.executable, "-m", "infcrm", "backup", "--db", str(shop)]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    assert [code for code, _out, _err in results] == [0, 0, 0], results
    made = {out.strip().removeprefix("Backed up to ") for _code, out, _err in results}
    assert len(made) == 3
    for copy in made:
        assert rows(Path(copy), "PRAGMA integrity_check") == [("ok",)]


def test_the_backups_folder_is_private_however_it_is_made(tmp_path: Path) -> None:
    from infcrm import paths
    from infcrm.db.engine import open_database

    demo = tmp_path / "demo.sqlite"  # the real command: it makes the backups folder
    assert infcrm("demo", "--db", str(demo), "--influencers", "3").returncode == 0
    assert (demo.parent / "demo-backups").stat().st_mode & 0o777 == 0o700
    fixture = tmp_path / "old.sqlite"
    fixture.write_bytes((FIXTURES / "schema-0001.sqlite").read_bytes())
    open_database(fixture, backup_dir=paths.backup_dir(fixture)).close()
    assert (tmp_path / "old-backups").stat().st_mode & 0o777 == 0o700
    assert infcrm("export", str(tmp_path / "x.csv"), "--db", str(demo)).returncode == 0
    assert infcrm("import", str(CSV), "--db", str(demo)).returncode in (0, 1)
    assert (demo.parent / "demo-backups").stat().st_mode & 0o777 == 0o700


def test_a_killed_exports_and_backups_leftovers_go_at_the_next_start(shop: Path, tmp_path) -> None:
    dead = 2**22 + 12345  # above the usual pid range: no such process
    out = tmp_path / "out"
    out.mkdir()
    left = [
        out / f".list.{dead}-0a1b2c3d.part",
        out / f".list.{dead}-0a1b2c3d.{dead}-99aa00ff.part",
        shop.parent
        / "shop-backups"
        / f".shop-manual-20260101-000000.sqlite.{dead}-1234abcd.partial",
        *(
            shop.parent
            / "shop-backups"
            / f".shop-manual-20260101-000000.sqlite.{dead}-1234abcd.partial-{side}"
            for side in ("journal", "wal", "shm")  # a copy killed in WAL mode leaves these
        ),
    ]
    for path in left:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"personal data")
    mine = out / "notes.part"  # not ours: never touched
    mine.write_text("keep")
    assert infcrm("export", str(out / "list.xlsx"), "--db", str(shop)).returncode == 0
    assert infcrm("import", str(CSV), "--db", str(shop)).returncode in (0, 1)
    assert [p for p in left if p.exists()] == []
    assert mine.exists()
    assert sorted(p.name for p in out.iterdir()) == ["list.xlsx", "notes.part"]


def test_check_says_when_the_tables_disagree_with_the_recorded_version(tmp_path: Path) -> None:
    # What an interrupted upgrade by an older infcrm left: version 0001, a table of 0002.
    path = tmp_path / "half.sqlite"
    path.write_bytes((FIXTURES / "schema-0001.sqlite").read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE follow_up (id INTEGER PRIMARY KEY, note TEXT)")
    conn.commit()
    conn.close()
    result = infcrm("check", "--db", str(path))
    assert result.returncode == 1, result.stdout
    assert "DOES NOT MATCH" in result.stdout and "follow_up" in result.stdout
    sound = tmp_path / "sound.sqlite"
    sound.write_bytes((FIXTURES / "schema-0001.sqlite").read_bytes())
    assert infcrm("check", "--db", str(sound)).returncode == 0
