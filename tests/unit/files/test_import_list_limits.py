"""Other emails and niches an import joins (a person's later rows in a file, or the file's
added to a person's with “update”) stay within what the person's form holds: what fits is
kept, the rest is listed on the row's cell, and the form then saves the person as they are."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.domain.validation import split_list
from infcrm.files.import_apply import import_file
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from tests.person_form import found, saves_as_it_is


def _addresses(prefix: str, count: int, start: int = 0) -> list[str]:
    return [f"{prefix}.{n:02d}@example-mail.test" for n in range(start, start + count)]


def _niches(prefix: str, count: int, start: int = 0) -> list[str]:
    return [f"{prefix} niche {n:02d}" for n in range(start, start + count)]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def test_other_emails_and_niches_of_later_rows_that_do_not_fit_are_listed_not_stored(
    db: Database, tmp_path: Path
) -> None:
    """Mia's first row nearly fills both fields; her second row's would overflow them."""
    path = _write(
        tmp_path / "mia.csv",
        [
            ["Name", "Email", "Platform", "Handle", "Other emails", "Niches"],
            [
                "Mia Bakes",
                "mia@bakes.test",
                "Instagram",
                "mia.bakes",
                ", ".join(_addresses("row2", 70)),
                ", ".join(_niches("row2", 60)),
            ],
            [
                "Mia Bakes",
                "mia@bakes.test",
                "TikTok",
                "mia.tok",
                ", ".join(_addresses("row3", 10)),
                ", ".join(_niches("row3", 10)),
            ],
        ],
    )

    preview = import_file(db, path, dry_run=True)
    summary = import_file(db, path)

    mia = found(db, "mia bakes")
    assert split_list(mia.other_emails) == [*_addresses("row2", 70), *_addresses("row3", 4)]
    assert split_list(mia.niches) == [*_niches("row2", 60), *_niches("row3", 6)]
    assert len(mia.accounts) == 2
    saves_as_it_is(db, mia)
    emails, niches = summary.problems
    assert emails.startswith(
        "Row 3, column E (Other emails): 6 addresses (“row3.04@example-mail.test, "
    )
    assert emails.endswith(
        "…”) not added to the other emails of row 2, the same person: Other emails holds at "
        "most 2,000 characters."
    )
    assert niches == (
        "Row 3, column F (Niches): 4 niches (“row3 niche 06, row3 niche 07, row3 niche 08, "
        "row3 niche 09”) not added to the niches of row 2, the same person: Niches holds at "
        "most 1,000 characters."
    )
    assert preview.problems == summary.problems


@pytest.fixture
def lena(db: Database) -> Database:
    """Lena, whose other emails (kept by merges) nearly fill the field."""
    influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Vogel",
            email="lena@vogel.test",
            other_emails=", ".join(_addresses("kept", 70)),
            accounts=(AccountInput("instagram", "lena.vogel"),),
        ),
    )
    return db


@pytest.mark.parametrize("preview_first", [False, True], ids=["at once", "after a preview"])
def test_an_update_adds_only_the_other_emails_that_fit(
    lena: Database, tmp_path: Path, preview_first: bool
) -> None:
    path = _write(
        tmp_path / "update.csv",
        [
            ["Name", "Email", "Handle", "Other emails"],
            ["Lena Vogel", "lena@vogel.test", "lena.vogel", ", ".join(_addresses("file", 10))],
        ],
    )
    preview = None
    if preview_first:
        preview = import_file(lena, path, platform="instagram", on_duplicate="update", dry_run=True)
    summary = import_file(lena, path, platform="instagram", on_duplicate="update")

    assert summary.updated == 1
    person = found(lena, "lena vogel")
    # Her own addresses all stay; of the file's, what fits.
    assert split_list(person.other_emails) == [*_addresses("kept", 70), *_addresses("file", 4)]
    saves_as_it_is(lena, person)
    (problem,) = summary.problems
    assert problem.startswith(
        "Row 2, column D (Other emails): 6 addresses (“file.04@example-mail.test, "
    )
    assert problem.endswith(
        "…”) not added to the other emails of Lena Vogel, already in infcrm: Other emails "
        "holds at most 2,000 characters."
    )
    if preview is not None:
        assert preview.problems == summary.problems


def test_a_main_email_replaced_stays_among_the_other_emails_within_the_limit(
    lena: Database, tmp_path: Path
) -> None:
    """The row's new main email pushes Lena's old one into her other emails: it stays, and
    the file's other emails are added only as far as there is room after it."""
    path = _write(
        tmp_path / "update.csv",
        [
            ["Name", "Email", "Handle", "Other emails"],
            ["Lena Vogel", "lena@new.test", "lena.vogel", ", ".join(_addresses("file", 10))],
        ],
    )

    summary = import_file(lena, path, platform="instagram", on_duplicate="update")

    person = found(lena, "lena vogel")
    assert person.email == "lena@new.test"
    assert split_list(person.other_emails) == [
        *_addresses("kept", 70),
        "lena@vogel.test",
        *_addresses("file", 3),
    ]
    saves_as_it_is(lena, person)
    (problem,) = summary.problems
    assert problem.startswith("Row 2, column D (Other emails): 7 addresses (“file.03@")


def test_a_main_email_with_no_room_to_keep_the_old_one_is_listed_not_stored(
    db: Database, tmp_path: Path
) -> None:
    """Lena's other emails leave no room for her main email: a row giving her a new one
    cannot move it there, so her main email stays and the row's is listed on its Email cell."""
    full = ", ".join([*_addresses("kept", 71), "a" * 60 + "@example.test"])
    assert len(full) == 1_990
    influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Vogel",
            email="lena@vogel.test",
            other_emails=full,
            accounts=(AccountInput("instagram", "lena.vogel"),),
        ),
    )
    path = _write(
        tmp_path / "update.csv",
        [["Name", "Email", "Handle"], ["Lena Vogel", "lena@new.test", "lena.vogel"]],
    )

    preview = import_file(db, path, platform="instagram", on_duplicate="update", dry_run=True)
    summary = import_file(db, path, platform="instagram", on_duplicate="update")

    person = found(db, "lena vogel")
    assert (person.email, person.other_emails) == ("lena@vogel.test", full)
    assert summary.problems == (
        "Row 2, column B (Email): “lena@new.test” not added to the other emails of Lena Vogel, "
        "already in infcrm: Other emails holds at most 2,000 characters.",
    )
    assert preview.problems == summary.problems


def test_an_other_emails_or_niches_cell_longer_than_its_field_is_left_empty(
    db: Database, tmp_path: Path
) -> None:
    """One row's own cells, too long for the form: said by row and column, as an Other names
    cell too long is, and the rest of the row imported."""
    path = _write(
        tmp_path / "long.csv",
        [
            ["Name", "Email", "Other emails", "Niches"],
            [
                "Ana Ruiz",
                "ana@ruiz.test",
                ", ".join(_addresses("ana", 80)),
                ", ".join(_niches("ana", 80)),
            ],
        ],
    )

    preview = import_file(db, path, dry_run=True)
    summary = import_file(db, path)

    assert summary.created == 1
    ana = found(db, "ana ruiz")
    assert (ana.email, ana.other_emails, ana.niches) == ("ana@ruiz.test", None, None)
    assert summary.problems == (
        "Row 2, column C (Other emails): Other emails is 2,078 characters long; keep it under "
        "2,000. Left empty.",
        "Row 2, column D (Niches): Niches is 1,118 characters long; keep it under 1,000. Left "
        "empty.",
    )
    assert preview.problems == summary.problems


def test_a_niches_cell_too_long_is_said_in_a_big_plain_list_too(
    db: Database, tmp_path: Path
) -> None:
    """A list of names and niches only is read column by column: a niches cell too long for
    the form is said all the same."""
    rows = [["Name", "Niches"]]
    rows += [[f"Person {n:03d}", "baking, travel"] for n in range(2, 40)]
    rows += [["Ana Ruiz", ", ".join(_niches("ana", 80))]]
    path = _write(tmp_path / "plain.csv", rows)

    summary = import_file(db, path)

    assert summary.created == 39
    assert found(db, "ana ruiz").niches is None
    assert found(db, "person 002").niches == "baking, travel"
    assert summary.problems == (
        "Row 40, column B (Niches): Niches is 1,118 characters long; keep it under 1,000. "
        "Left empty.",
    )
