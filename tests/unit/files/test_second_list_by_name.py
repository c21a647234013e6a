"""A list of names, then the same people again with their emails: each row is found by its name.

A first list often has only names and followers; the next one adds emails or handles. The
name is then all that ties a row to the person already there: it is taken when exactly one
person has that name and nothing of theirs disagrees with the row, never guessed otherwise.
"""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.table_dump import rows_of


def _people(db: Database) -> list[tuple[str, str | None]]:
    return rows_of(db, "SELECT display_name, email FROM influencer ORDER BY id")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _names_only(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "names.csv",
        "Name,Followers\nLena Vogel,12000\nOmar Haddad,8400\nJune Park,3100\n",
    )


def _with_emails(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "emails.csv",
        "Name,Email,Followers\n"
        "Lena Vogel,lena@vogel.studio,12500\n"
        "omar  haddad,omar@haddad.me,8400\n"
        "June Park,june@park.co,3100\n",
    )


def test_the_second_list_fills_the_emails_of_the_people_the_first_added(
    db: Database, tmp_path: Path
) -> None:
    assert import_file(db, _names_only(tmp_path), platform="instagram").created == 3

    summary = import_file(db, _with_emails(tmp_path), on_duplicate="update", platform="instagram")

    assert (summary.created, summary.updated) == (0, 3)
    assert _people(db) == [
        ("Lena Vogel", "lena@vogel.studio"),
        ("Omar Haddad", "omar@haddad.me"),
        ("June Park", "june@park.co"),
    ]
    followers = rows_of(db, "SELECT influencer_id, followers FROM social_account ORDER BY id")
    assert followers == [(1, 12500), (2, 8400), (3, 3100)]


def test_skipping_duplicates_adds_nobody_from_the_second_list(db: Database, tmp_path: Path) -> None:
    import_file(db, _names_only(tmp_path), platform="instagram")

    summary = import_file(db, _with_emails(tmp_path), platform="instagram")

    assert (summary.created, summary.skipped) == (0, 3)
    assert [name for name, _email in _people(db)] == ["Lena Vogel", "Omar Haddad", "June Park"]
    assert "Row 2: Already in infcrm as Lena Vogel (same name)." in summary.skipped_reasons


def test_a_new_handle_is_added_to_the_one_person_of_that_name(db: Database, tmp_path: Path) -> None:
    import_file(db, _write(tmp_path / "a.csv", "Name,Instagram\nLena Vogel,lena.bakes\n"))

    summary = import_file(
        db,
        _write(tmp_path / "b.csv", "Name,TikTok\nLena Vogel,lena.bakes\n"),
        on_duplicate="update",
    )

    assert (summary.created, summary.updated) == (0, 1)
    accounts = rows_of(db, "SELECT influencer_id, platform, handle FROM social_account ORDER BY id")
    assert accounts == [(1, "instagram", "lena.bakes"), (1, "tiktok", "lena.bakes")]


def test_someone_of_that_name_with_another_email_is_not_updated(
    db: Database, tmp_path: Path
) -> None:
    import_file(db, _write(tmp_path / "a.csv", "Name,Email\nMia Wong,mia@wong.art\n"))

    summary = import_file(
        db,
        _write(tmp_path / "b.csv", "Name,Email\nMia Wong,mia@other.net\n"),
        on_duplicate="update",
    )

    assert (summary.created, summary.updated) == (1, 0)
    assert _people(db) == [("Mia Wong", "mia@wong.art"), ("Mia Wong", "mia@other.net")]
    assert any(
        "Row 2, column A (Name)" in note and "Mia Wong" in note and "another email" in note
        for note in summary.notes
    ), summary.notes


def test_someone_of_that_name_with_another_account_on_the_network_is_not_updated(
    db: Database, tmp_path: Path
) -> None:
    import_file(db, _write(tmp_path / "a.csv", "Name,Instagram\nMia Wong,mia.paints\n"))

    summary = import_file(
        db,
        _write(tmp_path / "b.csv", "Name,Instagram,Email\nMia Wong,mia.cooks,mia@cooks.tv\n"),
        on_duplicate="update",
    )

    assert (summary.created, summary.updated) == (1, 0)
    assert _people(db) == [("Mia Wong", None), ("Mia Wong", "mia@cooks.tv")]
    assert any("another Instagram account" in note for note in summary.notes), summary.notes


def test_a_name_two_people_share_is_not_guessed_and_the_new_one_is_flagged(
    db: Database, tmp_path: Path
) -> None:
    import_file(db, _write(tmp_path / "a.csv", "Name,Followers\nSam Lee,100\nSam Lee,200\n"),
                on_duplicate="create")  # fmt: skip
    assert len(_people(db)) == 2

    summary = import_file(
        db, _write(tmp_path / "b.csv", "Name,Email\nSam Lee,sam@lee.io\n"), on_duplicate="update"
    )

    assert (summary.created, summary.updated) == (1, 0)
    assert _people(db) == [("Sam Lee", None), ("Sam Lee", None), ("Sam Lee", "sam@lee.io")]
    assert summary.possible_duplicates == 1
    assert any("2 people named Sam Lee" in note for note in summary.notes), summary.notes


def test_two_rows_of_one_name_do_not_both_update_the_one_person(
    db: Database, tmp_path: Path
) -> None:
    import_file(db, _write(tmp_path / "a.csv", "Name\nAva Cruz\n"))

    summary = import_file(
        db,
        _write(tmp_path / "b.csv", "Name,Email\nAva Cruz,ava@cruz.one\nAva Cruz,ava@cruz.two\n"),
        on_duplicate="update",
    )

    # The first row fills her email; the second, with another email, is someone else.
    assert (summary.created, summary.updated) == (1, 1)
    assert _people(db) == [("Ava Cruz", "ava@cruz.one"), ("Ava Cruz", "ava@cruz.two")]
