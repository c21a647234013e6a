"""`infcrm import` as a user types it: dry runs write nothing, exit codes say what happened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from safety_helpers import infcrm

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _count(db: Path) -> int:
    from infcrm.db.engine import open_database
    from infcrm.services.people import influencer_list

    database = open_database(db)
    try:
        return influencer_list.count(database)
    finally:
        database.close()


def _clean_copy(tmp_path: Path) -> Path:
    """The messy fixture without its one bad row."""
    lines = (FIXTURES / "messy_influencers.csv").read_bytes().split(b"\r\n")
    path = tmp_path / "clean.csv"
    path.write_bytes(b"\r\n".join(line for line in lines if not line.startswith(b"Bad Row")))
    return path


def _messy_copy(tmp_path: Path) -> Path:
    path = tmp_path / "messy_influencers.csv"
    path.write_bytes((FIXTURES / "messy_influencers.csv").read_bytes())
    return path


def test_dry_run_lists_problems_and_writes_nothing_at_all(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    messy = _messy_copy(tmp_path)

    result = infcrm("import", str(messy), "--db", str(db), "--dry-run")

    assert result.returncode == 0, result.stderr
    assert (
        "Would create 8, update 0, skip 0, not import 0. 1 row is more of a person on an "
        "earlier row and will be added to that row." in result.stdout
    )
    assert "Row 9, column C (Followers): “lots” is not a number of followers." in result.stderr
    assert "  Row 10: Same account as row 4 of this file: added to that row." in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    # Not even a database file or a backups folder; no rows-not-imported file either.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["messy_influencers.csv"]


def test_a_bad_cell_is_left_empty_and_strict_refuses_the_whole_file(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    messy = _messy_copy(tmp_path)

    strict = infcrm("import", str(messy), "--db", str(db), "--strict")

    assert strict.returncode == 1
    # Row 9's unreadable cells, and row 10 giving row 4's account another name.
    assert "Nothing was imported: 2 rows have problems." in strict.stderr
    assert "completely or not at all" in strict.stderr
    assert _count(db) == 0

    lenient = infcrm("import", str(messy), "--db", str(db))

    assert lenient.returncode == 0, lenient.stderr
    assert "Created 8, updated 0, skipped 0, not imported 0. 1 row was more" in lenient.stdout
    assert "Row 9, column D (E-mail): “not-an-email” is not an email address." in lenient.stderr
    assert "A (Nom) → Name" in lenient.stdout
    assert "C (Followers) → Followers" in lenient.stdout
    assert "Ignored: Engagement rate" in lenient.stdout
    assert "Undo: in the app, Edit › Undo last import" in lenient.stdout
    assert _count(db) == 8


def test_rows_not_imported_are_named_with_their_file(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    path = tmp_path / "list.csv"
    path.write_text("Name,Email,Status\nAnna,anna@example.com,Replied\n,broken@,\n", "utf-8")

    result = infcrm("import", str(path), "--db", str(db))

    assert result.returncode == 0, result.stderr
    assert "Created 1, updated 0, skipped 0, not imported 1." in result.stdout
    assert f"Rows not imported: {tmp_path / 'list-not-imported.csv'}" in result.stdout
    assert "Stages: “Replied” → In talks" in result.stdout
    assert (tmp_path / "list-not-imported.csv").exists()


def test_fields_are_listed_and_map_takes_a_label_or_a_key(tmp_path: Path) -> None:
    listed = infcrm("import", "--fields")
    assert listed.returncode == 0
    assert "Instagram followers" in listed.stdout and "instagram_followers" in listed.stdout

    db = tmp_path / "crm.sqlite"
    path = tmp_path / "yt.csv"
    path.write_text("Youtuber,Subs,Where\nLike Nastya,100M,youtube.com/@likenastya\n", "utf-8")
    result = infcrm(
        "import", str(path), "--db", str(db), "--map", "Youtuber=Name", "--map", "Where=url"
    )
    assert result.returncode == 0, result.stderr
    assert "A (Youtuber) → Name" in result.stdout
    assert "C (Where) → Profile link" in result.stdout

    unknown = infcrm("import", str(path), "--db", str(db), "--map", "Subs=Popularity")
    assert unknown.returncode == 2
    assert "“Popularity” is not a field; `infcrm import --fields` lists them." in unknown.stderr


def test_a_missing_platform_names_the_option(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    path = tmp_path / "handles.csv"
    path.write_text("Name,Handle\nAnna,anna.bakes\n", "utf-8")

    result = infcrm("import", str(path), "--db", str(db), "--dry-run")

    assert "--platform" in result.stderr


def test_clean_file_imports_and_a_second_run_skips_everyone(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    path = _clean_copy(tmp_path)

    dry = infcrm("import", str(path), "--db", str(db), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert _count(db) == 0

    first = infcrm("import", str(path), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "Created 7, updated 0, skipped 0, not imported 0. 1 row was more" in first.stdout
    assert _count(db) == 7

    backups = sorted((tmp_path / "crm-backups").iterdir())
    again = infcrm("import", str(path), "--db", str(db), "--on-duplicate", "skip")
    assert again.returncode == 0
    assert "every row is already in infcrm" in again.stderr
    # What happened, not what would: and no copy of a file the import did not change.
    assert "Created 0, updated 0, skipped 7, not imported 0. 1 row was more" in again.stdout
    assert "Would" not in again.stdout
    assert sorted((tmp_path / "crm-backups").iterdir()) == backups
    assert _count(db) == 7


def test_map_and_platform_options(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    path = tmp_path / "creators.csv"  # a name that says no platform either
    path.write_text("Creator,Who,Fans\nAnna,annabakes,12.3k\n", encoding="utf-8")

    no_handle = infcrm("import", str(path), "--db", str(db), "--dry-run")
    assert (
        "Row 2, column C (Fans): There are figures for an account but no handle and no platform "
        "in this row: choose one platform for the whole file to keep them."
    ) in no_handle.stderr
    assert "import them again with --platform instagram (or tiktok, youtube…)" in (no_handle.stderr)

    result = infcrm(
        "import", str(path), "--db", str(db), "--platform", "TikTok", "--map", "B=handle"
    )

    assert result.returncode == 0, result.stderr
    from infcrm.db.engine import open_database
    from infcrm.services.people import influencer_list, influencers
    from infcrm.services.people.influencer_types import ListQuery

    database = open_database(db)
    try:
        person = influencers.get(database, influencer_list.list_ids(database, ListQuery())[0])
    finally:
        database.close()
    assert (person.accounts[0].platform, person.accounts[0].handle) == ("tiktok", "annabakes")
    assert person.accounts[0].followers == 12_300


def test_unreadable_files_and_bad_options_are_rejected(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04garbage" * 10)

    for path, message in ((empty, "is empty"), (junk, "damaged or is not an Excel workbook")):
        result = infcrm("import", str(path), "--db", str(db))
        assert result.returncode == 1
        assert message in result.stderr

    bad_map = infcrm("import", str(_clean_copy(tmp_path)), "--db", str(db), "--map", "nonsense")
    assert bad_map.returncode == 2
    assert "is not COLUMN=FIELD" in bad_map.stderr
    missing = infcrm("import", str(_clean_copy(tmp_path)), "--db", str(db), "--map", "Likes=Name")
    assert missing.returncode == 1
    assert "The file has no column “Likes”" in missing.stderr
    assert _count(db) == 0


def test_the_import_command_loads_without_qt() -> None:
    code = "import sys, infcrm.files.import_command; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_the_mapping_says_where_the_values_decided(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    path = tmp_path / "channels.csv"
    path.write_text(
        "Rank,Channel,Subscribers\n1,Like Nastya,106M\n2,Vlad and Niki,98M\n"
        "3,Kids Diana Show,112M\n",
        "utf-8",
    )

    result = infcrm("import", str(path), "--db", str(db), "--platform", "youtube", "--dry-run")

    assert "B (Channel) → Name (by content)" in result.stdout
    assert "Ignored: Rank" in result.stdout
    assert result.stdout.count("Channel") == 1  # the mapping is said once


def test_a_real_outreach_tracker_reports_its_stages_columns_and_how_to_undo(
    tmp_path: Path,
) -> None:
    db = tmp_path / "crm.sqlite"
    path = tmp_path / "youtube-ai-outreach.csv"
    path.write_bytes((FIXTURES / "real" / "youtube-ai-outreach.csv").read_bytes())

    result = infcrm("import", str(path), "--db", str(db))

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "youtube-ai-outreach.csv: Created 19, updated 0, skipped 0, not imported 0."
    assert "  K (avg_views) → Average views" in lines
    assert "  L (status) → Stage" in lines
    assert "Stages: “Qualified” → Prospect, “Rejected” → Declined" in lines
    assert any(line.startswith("Ignored: engagement_rate, content_themes") for line in lines)
    assert (
        lines[-1] == "Undo: in the app, Edit › Undo last import (it removes the people it added)."
    )


def test_a_workbook_whose_first_sheet_is_not_the_list_names_its_other_sheets(
    tmp_path: Path,
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Read me"
    book.active.append(["Our creators, updated every Monday."])
    book.create_sheet("Creators").append(["Name", "Instagram handle"])
    path = tmp_path / "creators.xlsx"
    book.save(path)
    db = tmp_path / "crm.sqlite"

    result = infcrm("import", str(path), "--db", str(db))

    assert result.returncode == 1
    assert "The file also has the sheet “Creators”: choose the one with the people." in (
        result.stderr
    )
    assert 'Read it with --sheet "Creators".' in result.stderr


def test_import_help_names_every_kind_of_file_it_takes() -> None:
    shown = " ".join(infcrm("import", "--help").stdout.split())
    for kind in (".xlsx", ".xls", ".ods", ".csv", ".tsv", "full export", ".dump"):
        assert kind in shown, (kind, shown)
    assert "skip: keep what infcrm has (default)" in shown, shown


def test_a_real_run_that_imports_nothing_says_what_happened_not_what_would(
    tmp_path: Path,
) -> None:
    db = tmp_path / "crm.sqlite"
    messy = _messy_copy(tmp_path)

    strict = infcrm("import", str(messy), "--db", str(db), "--strict")

    assert strict.returncode == 1
    assert "messy_influencers.csv: Created 0, updated 0, skipped 0, not imported 9." in (
        strict.stdout
    )
    assert "Would" not in strict.stdout + strict.stderr

    dry = infcrm("import", str(messy), "--db", str(db), "--strict", "--dry-run")

    assert "Would create 7, update 0, skip 0, not import 1. 1 row is more" in dry.stdout


def test_an_import_says_which_rows_it_skipped_and_why(tmp_path: Path) -> None:
    # A scraper's sheet of posts lists a creator once per post: the import keeps the first
    # row and must say which rows it skipped, not only how many.
    posts = tmp_path / "tiktok-posts-ja.xlsx"
    posts.write_bytes((FIXTURES / "made" / "tiktok-posts-ja.xlsx").read_bytes())
    db = tmp_path / "crm.sqlite"

    result = infcrm("import", str(posts), "--db", str(db))

    assert result.returncode == 0, result.stderr
    assert "Created 2, updated 0, skipped 0, not imported 0. 1 row was more" in result.stdout
    assert "  Row 4: Same account as row 2 of this file: added to that row." in result.stdout
    again = infcrm("import", str(posts), "--db", str(db), "--on-duplicate", "skip")
    assert "Created 0, updated 0, skipped 2, not imported 0. 1 row was more" in again.stdout
    assert "skip Row 2: Already in infcrm as ゆりか💃 (same account)." in again.stdout
    assert _count(db) == 2


def test_a_sheet_of_posts_says_the_averages_in_a_dry_run_and_in_the_import(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "campaign-posts.csv"
    sheet.write_text(
        "Creator,TikTok,Likes,Comments,Video\n"
        "Lena,lenabakes,100,10,https://www.tiktok.com/@lenabakes/video/1\n"
        "Lena,lenabakes,300,30,https://www.tiktok.com/@lenabakes/video/2\n"
        "Ben,ben.stone,50,5,https://www.tiktok.com/@ben.stone/video/3\n",
        encoding="utf-8",
    )
    db = tmp_path / "crm.sqlite"
    note = "1 person had several rows (one per post): their likes and comments are averaged."
    dry = infcrm("import", str(sheet), "--db", str(db), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert note in dry.stdout and not db.exists()
    done = infcrm("import", str(sheet), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert note in done.stdout and "Created 2" in done.stdout
    # The TikTok column names the account: the videos are only links to posts.
    assert "E (Video) → Links to posts (by content)" in done.stdout


def test_a_refused_strict_import_into_a_new_file_leaves_no_file_behind(tmp_path: Path) -> None:
    messy = _messy_copy(tmp_path)
    nobody = tmp_path / "nobody.csv"
    nobody.write_text("Name,Followers\n,12k\n,3k\n", encoding="utf-8")

    for source in (messy, nobody):
        db = tmp_path / "new.sqlite"
        strict = infcrm("import", str(source), "--db", str(db), "--strict")

        assert strict.returncode == 1
        assert "Nothing was imported" in strict.stderr
        # Like a dry run: no database file, no backups folder, no rows-not-imported file.
        assert sorted(p.name for p in tmp_path.iterdir()) == ["messy_influencers.csv", "nobody.csv"]
