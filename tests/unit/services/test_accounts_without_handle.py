"""An account known only by its name (a YouTube channel's title) keeps its figures everywhere."""

from __future__ import annotations

import csv

import pytest

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.files.csv_export import export_csv
from infcrm.files.import_apply import import_file
from infcrm.services.people import influencer_list, influencers, merge
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from tests.table_dump import rows_of


def _channel(name: str, followers: object = None, **more: object) -> InfluencerInput:
    account = AccountInput("youtube", "", label=name, followers=followers, is_primary=True)
    return InfluencerInput(display_name=name, accounts=(account,), **more)


def test_two_channels_without_handles_are_two_people_with_their_figures(db: Database) -> None:
    nastya = influencers.create(db, _channel("Like Nastya", "106m"))
    vlad = influencers.create(db, _channel("Vlad and Niki", "98.9m"))

    rows = influencer_list.rows(db, [nastya, vlad])
    assert (rows[nastya].platform, rows[nastya].handle, rows[nastya].label) == (
        "youtube",
        None,
        "Like Nastya",
    )
    assert rows[nastya].followers == 106_000_000
    assert rows[vlad].followers == 98_900_000
    (account,) = influencers.get(db, nastya).accounts
    assert (account.handle, account.label, account.url) == (None, "Like Nastya", None)


def test_the_same_name_twice_on_one_network_is_listed_twice(db: Database) -> None:
    twice = AccountInput("youtube", None, label="Like Nastya")
    with pytest.raises(InvalidInput) as refused:
        influencers.create(db, InfluencerInput(display_name="Nastya", accounts=(twice, twice)))
    assert refused.value.errors["accounts.1.handle"] == "This account is listed twice."


def test_an_account_with_neither_handle_nor_name_is_refused(db: Database) -> None:
    with pytest.raises(InvalidInput) as refused:
        influencers.create(
            db, InfluencerInput(display_name="Nobody", accounts=(AccountInput("youtube", ""),))
        )
    assert "empty" in refused.value.errors["accounts.0.handle"]


def test_search_finds_the_account_by_its_name(db: Database) -> None:
    person = influencers.create(
        db,
        InfluencerInput(
            display_name="Anastasia R.",
            accounts=(AccountInput("youtube", "", label="Like Nastya Vlog", followers="1m"),),
        ),
    )
    assert influencer_list.list_ids(db, ListQuery(search="nastya vlog")) == [person]
    assert influencer_list.list_ids(db, ListQuery(search="stya")) == [person]


def test_the_export_shows_the_name_where_the_handle_is_empty(db: Database, tmp_path) -> None:
    influencers.create(db, _channel("Like Nastya", "106m"))
    path = tmp_path / "people.csv"

    export_csv(db, path)

    with path.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["Handle"], row["Followers"], row["Profile URL"]) == ("Like Nastya", "106000000", "")
    assert row["YouTube handle"] == "Like Nastya"


def test_the_export_of_such_an_account_imports_back_as_the_same_account(
    db: Database, tmp_path
) -> None:
    influencers.create(db, _channel("Like Nastya", "106m"))
    path = tmp_path / "people.csv"
    export_csv(db, path)
    influencers.forget(db, influencer_list.list_ids(db, ListQuery()))

    summary = import_file(db, path)

    assert summary.created == 1
    assert not summary.problems, "the name in the Handle column is the account's name"
    (person,) = influencer_list.rows(db, influencer_list.list_ids(db, ListQuery())).values()
    assert (person.handle, person.label, person.followers) == (None, "Like Nastya", 106_000_000)


def test_merging_keeps_two_channels_with_different_names(db: Database) -> None:
    keep = influencers.create(db, _channel("Like Nastya", "106m"))
    other = influencers.create(db, _channel("Nastya Español", "20m"))
    twin = influencers.create(db, _channel("like nastya", "107m"))

    merge.merge(db, keep, other)
    assert sorted(a.label for a in influencers.get(db, keep).accounts) == [
        "Like Nastya",
        "Nastya Español",
    ]
    merge.merge(db, keep, twin)  # the same channel name in other capitals is one channel
    assert len(influencers.get(db, keep).accounts) == 2


def test_importing_a_name_only_list_twice_adds_nobody_and_keeps_one_account(
    db: Database, tmp_path
) -> None:
    path = tmp_path / "tiktokers.csv"
    path.write_text("name,sub\nAaron Murphy,4700000\nKevin Gates,2.1M\n", encoding="utf-8")

    first = import_file(db, path, platform="tiktok")
    again = import_file(db, path, platform="tiktok", on_duplicate="update")

    assert (first.created, again.created) == (2, 0)
    accounts = rows_of(
        db,
        "SELECT i.display_name, a.platform, a.handle, a.label, a.followers FROM social_account a "
        "JOIN influencer i ON i.id = a.influencer_id ORDER BY a.id",
    )
    assert accounts == [
        ("Aaron Murphy", "tiktok", None, "Aaron Murphy", 4_700_000),
        ("Kevin Gates", "tiktok", None, "Kevin Gates", 2_100_000),
    ]


def test_an_old_channel_link_pasted_as_the_handle_keeps_that_channel(db: Database) -> None:
    pasted = AccountInput("youtube", "https://m.youtube.com/c/AnnaBakes/videos", followers="12k")
    person = influencers.create(db, InfluencerInput(display_name="Anna", accounts=(pasted,)))

    (account,) = influencers.get(db, person).accounts
    assert (account.handle, account.label, account.url, account.followers) == (
        None,
        "AnnaBakes",
        "https://www.youtube.com/c/AnnaBakes",
        12_000,
    )
    named = AccountInput("youtube", "youtube.com/user/AnnaBakes", label="Anna Bakes Official")
    influencers.update(db, person, InfluencerInput(display_name="Anna", accounts=(named,)))
    (account,) = influencers.get(db, person).accounts
    assert (account.handle, account.label, account.url) == (
        None,
        "Anna Bakes Official",
        "https://www.youtube.com/user/AnnaBakes",
    )


def test_an_old_channel_link_someone_else_has_names_them(db: Database) -> None:
    link = "youtube.com/c/AnnaBakes"
    influencers.create(
        db, InfluencerInput(display_name="Anna", accounts=(AccountInput("youtube", link),))
    )
    again = AccountInput("youtube", "https://www.youtube.com/c/annabakes")
    with pytest.raises(InvalidInput) as refused:
        influencers.create(db, InfluencerInput(display_name="Ann", accounts=(again,)))
    assert refused.value.errors["accounts.0.handle"].startswith(
        "YouTube youtube.com/c/annabakes already belongs to Anna."
    )
