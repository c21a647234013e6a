"""Checking rows before anything is written: values as people write them, problems, duplicates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.files.import_mapping import IGNORE, suggest_mapping
from infcrm.files.import_plan import ImportPlan, build_plan
from infcrm.files.spreadsheet_reader import read_table
from infcrm.services.common import as_utc
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _plan(
    db: Database, tmp_path: Path, text: str, *, mapping: list[str] | None = None, **options
) -> ImportPlan:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    table = read_table(path)
    return build_plan(db, table, mapping or suggest_mapping(table.headers), **options)


@pytest.mark.parametrize(
    ("written", "followers"),
    [
        ("12345", 12_345),
        ('"12,345"', 12_345),
        ("12.3k", 12_300),
        ("1.2M", 1_200_000),
        ("3.3b", 3_300_000_000),
        ('"12,3k"', 12_300),
        ("", None),
    ],
)
def test_counts_are_read_as_people_write_them(
    db: Database, tmp_path: Path, written: str, followers: int | None
) -> None:
    plan = _plan(db, tmp_path, f"Name,Instagram,Followers\nAnna,anna.bakes,{written}\n")

    row = plan.rows[0]
    assert row.action == "create", row.problems
    assert row.accounts[0]["followers"] == followers


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-03-05", datetime(2024, 3, 5)),
        ("05/03/2024", datetime(2024, 3, 5)),
        ("5.3.2024", datetime(2024, 3, 5)),
        ("5 March 2024", datetime(2024, 3, 5)),
        ('"March 5, 2024"', datetime(2024, 3, 5)),
        ("2024/03/05", datetime(2024, 3, 5)),
        ("2024-03-05T00:00:00", datetime(2024, 3, 5)),
    ],
)
def test_dates_in_the_common_formats(
    db: Database, tmp_path: Path, written: str, expected: datetime
) -> None:
    plan = _plan(db, tmp_path, f"Name,Date added\nAnna,{written}\n")

    # The day as the user wrote it, in their time zone, as every instant is kept: in UTC.
    assert plan.rows[0].person["created_at"] == as_utc(expected)


def test_a_column_of_month_first_dates_is_read_month_first(db: Database, tmp_path: Path) -> None:
    plan = _plan(db, tmp_path, "Name,Date added\nAnna,03/04/2024\nBen,03/25/2024\n")

    assert [r.person["created_at"].month for r in plan.rows] == [3, 3]


def test_percentages_and_nan_percent_are_accepted_as_derived_and_left_out(
    db: Database, tmp_path: Path
) -> None:
    plan = _plan(db, tmp_path, "Name,IG,ER\nAnna,anna,4.5%\nBen,ben,NaN%\n")

    assert plan.count("create") == 2
    assert plan.notes == [
        "Column C (ER) is left out: Engagement is worked out from followers, likes and "
        "comments; map average likes and comments instead."
    ]


def test_unparseable_values_are_reported_with_row_and_column(db: Database, tmp_path: Path) -> None:
    plan = _plan(
        db,
        tmp_path,
        "Name,Instagram handle,Followers,Email,Date added,Rating\n"
        "Anna,anna,12k,anna@example.com,2024-01-02,4\n"
        "Ben,ben,lots,not-an-email,31/02/2024,9\n",
    )

    # Each unreadable cell is left empty and reported; Ben is still imported.
    assert [r.action for r in plan.rows] == ["create", "create"]
    problems = [str(p) for p in plan.problems]
    assert problems == [
        "Row 3, column C (Followers): “lots” is not a number of followers. "
        "Write it like 12,345 or 12.3k. Left empty.",
        "Row 3, column D (Email): “not-an-email” is not an email address. "
        "Write it like name@example.com. Left empty.",
        "Row 3, column E (Date added): “31/02/2024” is not a date. "
        "Write dates like 2024-03-05 or 05/03/2024. Left empty.",
        "Row 3, column F (Rating): Rating must be between 0 and 5; you entered 9. Left empty.",
    ]
    assert plan.rows[1].person["email"] is None and plan.rows[1].accounts[0]["followers"] is None
    assert plan.can_apply

    strict = _plan(
        db,
        tmp_path,
        "Name,Instagram handle,Followers\nAnna,anna,12k\nBen,ben,lots\n",
        strict=True,
    )
    assert [r.action for r in strict.rows] == ["create", "reject"]
    assert not strict.can_apply


def test_rows_without_a_platform_ask_for_one_unless_the_link_tells(
    db: Database, tmp_path: Path
) -> None:
    text = "Name,Handle\nAnna,anna.bakes\nBen,https://www.tiktok.com/@ben.dances\n"

    plan = _plan(db, tmp_path, text)
    assert [r.action for r in plan.rows] == ["reject", "create"]
    assert "Which platform" in plan.rows[0].problems[0].message
    # Said for the app and the command line alike: each says how to choose it there.
    assert "command line" not in plan.rows[0].problems[0].message
    assert plan.rows[1].accounts[0]["platform"] == "tiktok"
    # A row with only a handle is not “without a handle”: the platform is what is missing.
    handle_only = _plan(db, tmp_path, "Handle,Followers\nanna.bakes,1200\n")
    assert [p.message for p in handle_only.rows[0].problems] == [
        "Which platform is this account on? Add a Platform column, or choose one platform for "
        "the whole file."
    ]

    whole_file = _plan(db, tmp_path, text, platform="Instagram")
    assert [r.accounts[0]["platform"] for r in whole_file.rows] == ["instagram", "tiktok"]


def test_a_platform_column_and_several_accounts_per_row(db: Database, tmp_path: Path) -> None:
    plan = _plan(
        db,
        tmp_path,
        "Name,Platform,Handle,Followers,TikTok handle,TikTok followers\n"
        "Anna,IG,@Anna.Bakes,10k,annabakes,2.5k\n",
    )

    accounts = plan.rows[0].accounts
    assert [(a["platform"], a["handle"], a["followers"]) for a in accounts] == [
        ("instagram", "anna.bakes", 10_000),
        ("tiktok", "annabakes", 2_500),
    ]
    assert accounts[0]["url"] == "https://www.instagram.com/anna.bakes/"


def test_a_ragged_row_is_rejected_on_its_row(db: Database, tmp_path: Path) -> None:
    plan = _plan(db, tmp_path, "Name,IG\nAnna,anna\nBen,ben,oops\n")

    assert [r.action for r in plan.rows] == ["create", "reject"]
    assert str(plan.problems[0]).startswith("Row 3: This row has 3 or more cells")


def test_duplicates_within_the_file_are_skipped_in_favour_of_the_first(
    db: Database, tmp_path: Path
) -> None:
    plan = _plan(
        db,
        tmp_path,
        "Name,IG,Email\nAnna,anna,anna@example.com\nAnna B,ANNA,\nAnna,,Anna@Example.com\n",
    )

    assert [r.action for r in plan.rows] == ["create", "skip", "skip"]
    assert plan.rows[1].reason == "Same account as row 2 of this file: added to that row."
    assert plan.rows[2].reason == "Same email as row 2 of this file: added to that row."
    assert plan.summary() == "Would create 1, update 0, skip 0, not import 0"


@pytest.mark.parametrize(
    ("choice", "actions"),
    [
        ("skip", ["skip", "skip", "create"]),
        ("update", ["update", "update", "create"]),
        # An account belongs to one person, so a handle match is still skipped.
        ("create", ["skip", "create", "create"]),
    ],
)
def test_duplicates_of_people_already_in_infcrm(
    db: Database, tmp_path: Path, choice: str, actions: list[str]
) -> None:
    influencers.create(
        db,
        InfluencerInput(
            display_name="Anna",
            email="anna@example.com",
            accounts=(AccountInput("instagram", "anna.bakes"),),
        ),
    )
    plan = _plan(
        db,
        tmp_path,
        "Name,IG,Email\nAnna Bakes,anna.bakes,\nAnna,,ANNA@example.com\nBen,ben,ben@example.com\n",
        on_duplicate=choice,
    )

    assert [r.action for r in plan.rows] == actions
    if choice == "skip":
        assert plan.rows[0].reason == "Already in infcrm as Anna (same account)."


def test_a_row_matching_two_people_is_rejected(db: Database, tmp_path: Path) -> None:
    people = (("Anna", "anna@example.com", "tiktok", "anna"), ("Ben", None, "instagram", "ben"))
    for name, email, platform, handle in people:
        influencers.create(
            db,
            InfluencerInput(
                display_name=name, email=email, accounts=(AccountInput(platform, handle),)
            ),
        )

    # Anna's email and name (nothing of hers disagrees), Ben's Instagram: which one is it?
    plan = _plan(db, tmp_path, "Name,IG,Email\nAnna,ben,anna@example.com\n")

    assert plan.rows[0].action == "reject"
    assert "matches 2 people already in infcrm (Anna and Ben)" in str(plan.problems[0])


def test_bad_mappings_are_refused_naming_the_column(db: Database, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="Columns A and B are both mapped to Name"):
        _plan(db, tmp_path, "A,B\nx,y\n", mapping=["display_name", "display_name"])
    with pytest.raises(InvalidInput, match="Map at least one column to Name, Email or a handle"):
        _plan(db, tmp_path, "Followers\n10\n", mapping=["followers"])
    with pytest.raises(InvalidInput, match="not a platform"):
        _plan(db, tmp_path, "Name\nx\n", mapping=["display_name"], platform="Myspace")


def test_ignored_columns_are_not_read(db: Database, tmp_path: Path) -> None:
    plan = _plan(db, tmp_path, "Name,Followers\nAnna,lots\n", mapping=["display_name", IGNORE])

    assert plan.rows[0].action == "create"


def test_the_messy_fixture_plans_without_writing(db: Database) -> None:
    table = read_table(FIXTURES / "messy_influencers.csv")

    plan = build_plan(db, table, suggest_mapping(table.headers))

    # The bad row's cells are left empty; its name still identifies it.
    assert plan.summary() == "Would create 8, update 0, skip 0, not import 0"
    first = plan.rows[0]
    assert first.person["display_name"] == "Café Renée"
    assert first.accounts[0]["followers"] == 12_300
    assert influencer_list.count(db) == 0


@pytest.mark.parametrize(
    ("written", "score"),
    [
        ("85%", 85),
        ("4.5%", 4),
        ('"4,5 %"', 4),
        ("0.85", 85),
        ("85", 85),
        ("NaN%", None),
        ("", None),
    ],
)
def test_percentages_fill_the_authenticity_score(
    db: Database, tmp_path: Path, written: str, score: int | None
) -> None:
    plan = _plan(db, tmp_path, f"Name,IG,Authenticity\nAnna,anna,{written}\n")

    assert plan.rows[0].action == "create", plan.problems
    assert plan.rows[0].accounts[0]["authenticity"] == score


def test_a_bad_percentage_is_reported_with_row_and_column(db: Database, tmp_path: Path) -> None:
    plan = _plan(db, tmp_path, "Name,IG,Authenticity\nAnna,anna,high\nBen,ben,140%\n")

    assert [str(p) for p in plan.problems] == [
        "Row 2, column C (Authenticity): “high” is not an authenticity score. "
        "Write it like 85 or 85%. Left empty.",
        "Row 3, column C (Authenticity): “140%” is not an authenticity score. "
        "Write it like 85 or 85%. Left empty.",
    ]


@pytest.mark.parametrize("key", ["country", "city", "language", "phone", "owner"])
def test_the_import_and_the_form_agree_on_each_fields_longest_value(
    db: Database, tmp_path: Path, key: str
) -> None:
    from infcrm.domain.field_catalogue import FIELDS_BY_KEY, max_length

    longest = max_length(key)
    value = (
        ("+" if key == "phone" else "") + "1" * (longest - 1) if key == "phone" else "a" * longest
    )
    label = FIELDS_BY_KEY[key].label
    for text, fits in ((value, True), (value + "1", False)):
        plan = _plan(
            db, tmp_path, f"Name,Instagram,{label}\nAda,ada.bakes,{text}\n", platform="instagram"
        )
        row = plan.rows[0]
        assert row.action == "create"  # a cell too long costs the cell, never the row
        assert (row.person.get(key) == text) is fits
        assert bool(row.problems) is not fits
        if fits:
            influencers.validate(db, InfluencerInput(display_name="Ada", **{key: text}))
        else:
            assert "column C" in str(row.problems[0])
            with pytest.raises(InvalidInput):
                influencers.validate(db, InfluencerInput(display_name="Ada", **{key: text}))
