"""`infcrm import` of a public list with no platform column (“top-250-tiktokers.csv”)."""

from __future__ import annotations

from pathlib import Path

from safety_helpers import infcrm

HEADER = "Rank,Username,Name,Followers,Likes\n"


def _list(tmp_path: Path, name: str, rows: int = 46) -> Path:
    """A ranking as the public lists have it: handles without “@”, no platform column."""
    lines = [f"{n},creator{n}x,Creator {n},{n * 1000},{n * 50}\n" for n in range(1, rows + 1)]
    path = tmp_path / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _accounts(db: Path) -> list[tuple[str, str]]:
    """(platform, handle) of every stored account, in the order they were added."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return list(conn.execute("SELECT platform, handle FROM social_account ORDER BY id"))
    finally:
        conn.close()


def test_the_file_name_says_the_platform_and_is_said_once(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    source = _list(tmp_path, "top-250-tiktokers.csv")

    result = infcrm("import", str(source), "--db", str(db))

    assert result.returncode == 0, result.stderr
    said = "Platform: TikTok (from the file name; use --platform to choose another)."
    assert result.stdout.count(said) == 1
    assert "top-250-tiktokers.csv: Created 46, updated 0, skipped 0, not imported 0." in (
        result.stdout
    )
    stored = _accounts(db)
    assert len(stored) == 46
    assert stored[0] == ("tiktok", "creator1x")
    assert {platform for platform, _handle in stored} == {"tiktok"}


def test_the_platform_option_wins_over_the_file_name(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    source = _list(tmp_path, "Top-Instagrammers.csv", rows=3)

    result = infcrm("import", str(source), "--db", str(db), "--platform", "youtube")

    assert result.returncode == 0, result.stderr
    assert "from the file name" not in result.stdout
    assert {platform for platform, _handle in _accounts(db)} == {"youtube"}


def test_a_problem_of_many_rows_is_said_once_with_its_count(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    source = _list(tmp_path, "tiktok-vs-instagram.csv")  # two platforms: no guess

    result = infcrm("import", str(source), "--db", str(db), "--dry-run")

    assert "from the file name" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if "Which platform" in line]
    assert len(lines) == 1
    assert lines[0].startswith("  46 rows (2, 3, 4, 5, 6 …), column B (Username): Which platform")


NO_PLATFORM = (
    "No row could be imported: the file has handles but no platform column. "
    "Run again with --platform instagram (or tiktok, youtube…)."
)


def test_handles_with_no_platform_anywhere_create_no_database(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    source = _list(tmp_path, "creators.csv", rows=5)

    result = infcrm("import", str(source), "--db", str(db))

    assert result.returncode == 1
    assert NO_PLATFORM in result.stderr
    assert "Undo:" not in result.stdout
    # No database file, no backups folder, no file of rows not imported: nothing at all.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["creators.csv"]


def test_a_file_nothing_of_which_can_be_imported_leaves_the_database_as_it_was(
    tmp_path: Path,
) -> None:
    db = tmp_path / "crm.sqlite"
    first = _list(tmp_path, "top-tiktokers.csv", rows=2)
    assert infcrm("import", str(first), "--db", str(db)).returncode == 0
    before = db.read_bytes()
    folder = sorted(p.name for p in tmp_path.rglob("*"))

    result = infcrm("import", str(_list(tmp_path, "creators.csv", rows=3)), "--db", str(db))

    assert result.returncode == 1
    assert NO_PLATFORM in result.stderr
    assert db.read_bytes() == before  # no import record, no person
    # No new backup, and nothing beside the file.
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted([*folder, "creators.csv"])


def test_rows_nobody_is_named_in_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    source = tmp_path / "notes.csv"
    source.write_text("Name,Email,Notes\n,,call back\n,,maybe\n", encoding="utf-8")

    result = infcrm("import", str(source), "--db", str(db))

    assert result.returncode == 1
    assert "No row could be imported" in result.stderr
    assert "2 rows (2, 3): Nobody can be identified in this row" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.csv"]
