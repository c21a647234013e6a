"""New people inserted in bulk, with empty cells here and there, come back exactly as given:
an empty cell is empty (NULL), a filled one keeps its value, whichever rows share which gaps."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.db.models import InfluencerTag
from infcrm.services.exchange import bulk_insert
from infcrm.services.exchange.import_history import undo_last_import
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.people_import import write_import
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import rows_of


def _row(n: int) -> ImportRow:
    """Row n: every third without an email, every fourth with notes, every fifth not to be
    contacted, every second with a TikTok account beside the Instagram one."""
    person: dict[str, object] = {"display_name": f"Maëlle Quartz{n}"}
    if n % 3:
        person["email"] = f"maelle{n}@mail.test"
    if n % 4 == 0:
        person["notes"] = f"Met at fair {n}"
    if n % 5 == 0:
        person["do_not_contact"] = True
    accounts: list[dict[str, object]] = [
        {
            "platform": "instagram",
            "handle": f"maelle_{n}",
            "url": f"https://www.instagram.com/maelle_{n}/",
            "is_primary": True,
            "followers": 1000 + n if n % 2 else None,
            "avg_likes": n if n % 7 else None,
        }
    ]
    if n % 2 == 0:
        accounts.append(
            {"platform": "tiktok", "handle": f"mq{n}", "url": None, "is_primary": False}
        )
    return ImportRow(n + 2, person=person, accounts=accounts)


def test_people_with_gaps_in_different_columns_are_stored_as_given(db: Database) -> None:
    rows = [_row(n) for n in range(60)]

    outcome = write_import(db, rows, file_name="gaps.csv", sheet=None, on_duplicate="skip")

    assert outcome.created == 60
    people = {
        name: (email, notes, dnc, main_followers)
        for name, email, notes, dnc, main_followers in rows_of(
            db, "SELECT display_name, email, notes, do_not_contact, main_followers FROM influencer"
        )
    }
    accounts = {
        handle: (platform, primary, followers, likes, label)
        for handle, platform, primary, followers, likes, label in rows_of(
            db,
            "SELECT handle, platform, is_primary, followers, avg_likes, label FROM social_account",
        )
    }
    for n in range(60):
        assert people[f"Maëlle Quartz{n}"] == (
            f"maelle{n}@mail.test" if n % 3 else None,
            f"Met at fair {n}" if n % 4 == 0 else None,
            1 if n % 5 == 0 else 0,
            1000 + n if n % 2 else None,
        )
        assert accounts[f"maelle_{n}"] == (
            "instagram",
            1,
            1000 + n if n % 2 else None,
            n if n % 7 else None,
            None,
        )
        if n % 2 == 0:
            assert accounts[f"mq{n}"] == ("tiktok", 0, None, None, None)
    assert len(accounts) == 90


def test_people_imported_in_bulk_are_found_by_part_of_a_name_until_undone(
    db: Database,
) -> None:
    write_import(
        db, [_row(n) for n in range(60)], file_name="gaps.csv", sheet=None, on_duplicate="skip"
    )

    def found(text: str) -> int:
        return len(influencer_list.list_ids(db, ListQuery(search=text)))

    assert found("quartz4") == 1 + 10  # Quartz4 and Quartz40…49: a word starts with it
    assert found("maelle") == 60  # diacritics folded
    assert found("lle_3") == 11  # any part of a handle
    assert found("mq12") == 1  # the second account's handle
    assert found("fair 8") == 1  # words of the notes

    undo_last_import(db)

    assert found("maelle") == found("lle_3") == found("mq12") == 0


@pytest.mark.parametrize("count", [1, 6, 7, 20])
def test_rows_many_to_a_statement_go_in_once_each_whatever_their_count(
    db: Database, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    monkeypatch.setattr(bulk_insert, "ROWS_PER_STATEMENT", 7)  # whole runs of 7, and a rest
    write_import(db, [_row(1)], file_name="a.csv", sheet=None, on_duplicate="create")
    rows = [(1, f"tag {n}") for n in range(count)]

    with db.transaction() as session:
        insert = bulk_insert.tuple_inserter(
            session.connection(), InfluencerTag, ("influencer_id", "name")
        )
        insert(rows)

    stored = rows_of(db, "SELECT influencer_id, name FROM influencer_tag")
    assert sorted(stored) == sorted(rows)


def test_a_big_import_many_rows_to_a_statement_stores_them_as_given(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_insert, "ROWS_PER_STATEMENT", 4)
    test_people_with_gaps_in_different_columns_are_stored_as_given(db)
