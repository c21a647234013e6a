"""One person on a row per network, tied together by their name only (no email in the list):
the rows are one person, as a person already in infcrm of that name would be, unless
something of theirs disagrees (two handles on one network, two emails)."""

from __future__ import annotations

import csv
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery
from tests.real_files import REAL
from tests.table_dump import everything, rows_of

NETWORKS = ("youtube", "instagram", "tiktok", "facebook")


def _per_network(tmp_path: Path) -> Path:
    """The real history creators' directory as a list with one row per network."""
    with (REAL / "history-creators-directory.csv").open(encoding="utf-8") as file:
        people = list(csv.DictReader(file))
    target = tmp_path / "history-per-network.csv"
    with target.open("w", newline="", encoding="utf-8") as file:
        out = csv.writer(file)
        out.writerow(["Creator", "Network", "Profile", "Followers", "Focus"])
        for n, person in enumerate(people, start=1):
            for network in NETWORKS:
                if person[network]:
                    followers = 1000 * n + len(network)
                    out.writerow([person["name"], network, person[network], followers, ""])
    return target


def _people(db: Database) -> list[tuple[str, str]]:
    return rows_of(
        db,
        "SELECT i.display_name, a.platform FROM influencer i "
        "JOIN social_account a ON a.influencer_id = i.id ORDER BY i.id, a.id",
    )


def test_a_creator_on_a_row_per_network_is_one_person(db: Database, tmp_path: Path) -> None:
    path = _per_network(tmp_path)

    summary = import_file(db, path)

    # 30 creators; Ancient Girl's four rows (14–17) are one person with four accounts.
    assert (summary.created, summary.skipped, summary.added_to_earlier) == (30, 0, 3)
    girl = [p for n, p in _people(db) if n == "Ancient Girl"]
    assert girl == ["youtube", "instagram", "tiktok", "facebook"]
    assert "Row 15: Same name as row 14 of this file: added to that row." in (summary.added_reasons)
    assert import_file(db, path).created == 0  # the same list again adds nobody


def test_a_person_already_there_by_name_gets_every_network_of_the_list(
    db: Database, tmp_path: Path
) -> None:
    """The second row was imported as another Cara: “was taken by row 2 of this file”."""
    influencers.create(db, InfluencerInput(display_name="Cara Icing"))
    before = everything(db)
    path = tmp_path / "networks.csv"
    path.write_text(
        "Name,Platform,Handle,Followers\n"
        "Cara Icing,Instagram,cara.icing,900\n"
        "Cara Icing,TikTok,cara.tok,1500\n",
        encoding="utf-8",
    )

    summary = import_file(db, path)  # skip: adding a network's account is not overwriting

    assert (summary.created, summary.updated, summary.added_to_earlier) == (0, 1, 1)
    assert influencer_list.count(db) == 1
    assert _people(db) == [("Cara Icing", "instagram"), ("Cara Icing", "tiktok")]
    undo_import(db, summary.batch_id)
    assert everything(db) == before


def test_a_name_only_row_after_the_persons_account_row_is_them(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Name,Platform,Handle,Followers,Country\n"
        "Ana Ruiz,Instagram,ana.ruiz,5400,\n"
        "Ana Ruiz,,,,Spain\n",
        encoding="utf-8",
    )

    summary = import_file(db, path)

    assert (summary.created, summary.added_to_earlier) == (1, 1)
    (only,) = influencer_list.list_ids(db, ListQuery())
    assert influencers.get(db, only).country == "Spain"


def test_two_people_of_one_name_stay_two_when_something_tells_them_apart(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "namesakes.csv"
    path.write_text(
        "Name,Email,Platform,Handle\n"
        "Maria Silva,,Instagram,mariasilva\n"
        "Maria Silva,,Instagram,maria.silva.art\n"  # another Instagram: another Maria
        "Maria Silva,,TikTok,mariasilva\n"  # two Marias before it: not guessed
        "Jo Lee,jo@lee.test,Instagram,jolee\n"
        "Jo Lee,jo@other.test,TikTok,jo.lee\n",  # another email: another Jo
        encoding="utf-8",
    )

    summary = import_file(db, path)

    assert (summary.created, summary.added_to_earlier) == (5, 0)
