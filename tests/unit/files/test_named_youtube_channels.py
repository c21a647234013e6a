"""A YouTube channel given by its old link (youtube.com/c/NAME, /user/NAME) keeps that link.

Such a name is not the channel's @handle, which may belong to someone else: the account is
kept without a handle, under the name, with the link as given, and found again by that link.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from infcrm.db.engine import Database
from infcrm.files.csv_export import export_csv
from infcrm.files.import_apply import import_file
from infcrm.files.xlsx_export import export_xlsx
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import rows_of

ANNA = "https://www.youtube.com/c/AnnaBakes"
BEN = "https://www.youtube.com/user/BenCooks"
ID = "UCa1B2c3D4e5F6g7H8i9J0kL"
ROWS = [
    ["Anna Bakes", "youtube.com/c/AnnaBakes/videos", "120k"],
    ["Ben Cooks", "http://m.youtube.com/user/BenCooks", "5000"],
    ["Cara Vlogs", "https://www.youtube.com/@CaraVlogs", "300"],
    ["Dan Draws", f"https://www.youtube.com/channel/{ID}", "40"],
]
EXPECTED = [
    ("Anna Bakes", "youtube", None, "AnnaBakes", ANNA, 120_000),
    ("Ben Cooks", "youtube", None, "BenCooks", BEN, 5000),
    ("Cara Vlogs", "youtube", "caravlogs", None, "https://www.youtube.com/@caravlogs", 300),
    ("Dan Draws", "youtube", ID, None, f"https://www.youtube.com/channel/{ID}", 40),
]
HEADERS = {"a YouTube column": "YouTube", "a column of profile links": "Profile link"}


def _csv(path: Path, rows: list[list[str]]) -> Path:
    path = path.with_suffix(".csv")
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = path.with_suffix(".xlsx")
    book.save(path)
    return path


def _list(tmp_path: Path, name: str, header: str, rows=ROWS, make=_csv) -> Path:
    return make(tmp_path / name, [["Name", header, "Subscribers"], *rows])


def _accounts(db: Database) -> list[tuple]:
    return rows_of(
        db,
        "SELECT i.display_name, a.platform, a.handle, a.label, a.url, a.followers "
        "FROM social_account a JOIN influencer i ON i.id = a.influencer_id "
        "WHERE i.deleted_at IS NULL ORDER BY i.display_name, a.id",
    )


def _people(db: Database) -> int:
    return rows_of(db, "SELECT count(*) FROM influencer")[0][0]


@pytest.mark.parametrize("make", [_csv, _xlsx], ids=["csv", "xlsx"])
@pytest.mark.parametrize("header", HEADERS.values(), ids=HEADERS.keys())
def test_an_old_channel_link_is_kept_under_its_name_never_as_a_handle(
    db: Database, tmp_path: Path, header: str, make
) -> None:
    summary = import_file(db, _list(tmp_path, "channels", header, make=make))

    assert summary.created == 4 and not summary.problems
    assert _accounts(db) == EXPECTED
    ids = influencer_list.list_ids(db, ListQuery(sort="name"))
    rows = influencer_list.rows(db, ids)
    anna = rows[ids[0]]
    assert (anna.handle, anna.label, anna.url) == (None, "AnnaBakes", ANNA)
    (account,) = influencers.get(db, ids[0]).accounts
    assert (account.handle, account.label, account.url) == (None, "AnnaBakes", ANNA)


def test_an_old_channel_link_in_a_column_of_its_own_keeps_its_subscribers(
    db: Database, tmp_path: Path
) -> None:
    rows = [
        ["Name", "Instagram", "YouTube", "YouTube subscribers"],
        ["Anna Bakes", "anna.bakes", "youtube.com/c/AnnaBakes", "120k"],
        ["Cara Vlogs", "cara.vlogs", "youtube.com/@CaraVlogs", "300"],
    ]

    summary = import_file(db, _csv(tmp_path / "networks", rows))

    assert summary.created == 2 and not summary.problems
    assert [a for a in _accounts(db) if a[1] == "youtube"] == [
        EXPECTED[0],
        EXPECTED[2],
    ]


def test_an_old_channel_link_in_a_website_column_is_that_channel_not_a_website(
    db: Database, tmp_path: Path
) -> None:
    rows = [
        ["Name", "Instagram", "Website"],
        ["Anna Bakes", "anna.bakes", "https://www.youtube.com/c/AnnaBakes"],
        ["Ben Cooks", "ben.cooks", "https://bencooks.blog"],
    ]

    summary = import_file(db, _csv(tmp_path / "sites", rows))

    assert summary.created == 2 and not summary.problems
    assert [a[1:5] for a in _accounts(db) if a[1] != "instagram"] == [
        ("youtube", None, "AnnaBakes", ANNA),
        ("other", "https://bencooks.blog", None, "https://bencooks.blog"),
    ]


def test_rows_of_one_channel_written_two_ways_are_one_person(db: Database, tmp_path: Path) -> None:
    rows = [
        ["Name", "YouTube", "Email"],
        ["Anna Bakes", "https://www.youtube.com/c/AnnaBakes", ""],
        ["Anna", "youtube.com/c/annabakes/videos", "anna@bakes.test"],
    ]

    summary = import_file(db, _csv(tmp_path / "twice", rows))

    assert (summary.created, summary.added_to_earlier) == (1, 1)
    assert rows_of(db, "SELECT display_name, email FROM influencer") == [
        ("Anna Bakes", "anna@bakes.test")
    ]


def _crowd(db: Database, tmp_path: Path, many: bool) -> int:
    """Enough other people that a short list looks up its few people instead of reading
    everyone (`import_lookup`), or nobody else; how many."""
    if not many:
        return 0
    lines = "".join(f"Person {n},person{n}@mail.test\n" for n in range(120))
    path = tmp_path / "crowd.csv"
    path.write_text("Name,Email\n" + lines, encoding="utf-8")
    return import_file(db, path).created


@pytest.mark.parametrize("many", [False, True], ids=["everyone read", "looked up"])
def test_the_same_list_twice_adds_nobody(db: Database, tmp_path: Path, many: bool) -> None:
    crowd = _crowd(db, tmp_path, many)
    path = _list(tmp_path, "channels", "YouTube")
    import_file(db, path)

    again = import_file(db, path, on_duplicate="skip")

    assert (again.created, again.skipped) == (0, 4)
    assert _people(db) == crowd + 4
    assert [a for a in _accounts(db) if a[1] == "youtube"] == EXPECTED


@pytest.mark.parametrize("many", [False, True], ids=["everyone read", "looked up"])
def test_the_link_finds_the_channel_under_another_name_of_the_person(
    db: Database, tmp_path: Path, many: bool
) -> None:
    crowd = _crowd(db, tmp_path, many)
    import_file(db, _list(tmp_path, "channels", "YouTube"))
    renamed = [["Anna B.", "https://www.youtube.com/c/annabakes", "150k"]]

    skipped = import_file(db, _list(tmp_path, "renamed", "YouTube", renamed))
    updated = import_file(db, _list(tmp_path, "renamed", "YouTube", renamed), on_duplicate="update")

    assert (skipped.created, skipped.skipped) == (0, 1)
    assert (updated.created, updated.updated) == (0, 1)
    assert _people(db) == crowd + 4
    anna = [a[1:] for a in _accounts(db) if a[4] == ANNA]
    assert anna == [("youtube", None, "AnnaBakes", ANNA, 150_000)]


def test_an_update_finds_the_account_by_its_link_when_its_name_was_changed(
    db: Database, tmp_path: Path
) -> None:
    path = _list(tmp_path, "channels", "YouTube")
    import_file(db, path)
    with db.transaction() as session:
        session.connection().exec_driver_sql(
            "UPDATE social_account SET label = 'Anna Bakes Official' WHERE label = 'AnnaBakes'"
        )
    more = [["Anna Bakes", ANNA, "130k"]]

    summary = import_file(db, _list(tmp_path, "more", "YouTube", more), on_duplicate="update")

    assert summary.updated == 1
    anna = [a for a in _accounts(db) if a[0] == "Anna Bakes"]
    assert anna == [("Anna Bakes", "youtube", None, "Anna Bakes Official", ANNA, 130_000)]


def test_the_channel_name_and_its_link_find_the_person(db: Database, tmp_path: Path) -> None:
    import_file(db, _list(tmp_path, "channels", "YouTube"))
    (anna,) = influencer_list.list_ids(db, ListQuery(search="Anna Bakes"))

    assert influencer_list.list_ids(db, ListQuery(search="annabakes")) == [anna]
    assert influencer_list.list_ids(db, ListQuery(search="bencooks")) != [anna]
    assert influencer_list.list_ids(db, ListQuery(search="youtube.com/c/AnnaBakes")) == [anna]


def _everyone_forgotten(db: Database) -> None:
    influencers.forget(db, influencer_list.list_ids(db, ListQuery()))
    assert _people(db) == 0


def test_the_csv_export_imports_back_as_the_same_channels(db: Database, tmp_path: Path) -> None:
    import_file(db, _list(tmp_path, "channels", "YouTube"))
    exported = tmp_path / "people.csv"
    export_csv(db, exported)
    _everyone_forgotten(db)

    summary = import_file(db, exported)

    assert summary.created == 4 and not summary.problems
    assert _accounts(db) == EXPECTED


def test_the_workbook_of_every_sheet_imports_back_as_the_same_channels(
    db: Database, tmp_path: Path
) -> None:
    import_file(db, _list(tmp_path, "channels", "YouTube"))
    exported = tmp_path / "everything.xlsx"
    export_xlsx(db, exported, all_sheets=True)
    _everyone_forgotten(db)

    summary = import_file(db, exported)

    assert summary.created == 4 and not summary.problems
    assert _accounts(db) == EXPECTED
