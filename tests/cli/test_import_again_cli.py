"""`infcrm import` of a list a second time, as a user types it: nobody it knows is added again."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from safety_helpers import infcrm

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list, merge
from infcrm.services.people.influencer_types import ListQuery


def _names(path: Path) -> list[str]:
    db = open_database(path)
    try:
        ids = influencer_list.list_ids(db, ListQuery())
        rows = influencer_list.rows(db, ids)
        return sorted(rows[i].display_name for i in ids)
    finally:
        db.close()


def _imported(db: Path, source: Path, *options: str) -> str:
    """What `infcrm import` prints (its problems go to the error output)."""
    result = infcrm("import", str(source), "--db", str(db), *options)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_a_list_imported_again_after_a_merge_adds_nobody(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    shortlist = tmp_path / "shortlist.csv"
    shortlist.write_text("Name,Email\nAna Ruiz,ana@ruiz.studio\n", encoding="utf-8")
    agency = tmp_path / "agency.csv"
    agency.write_text("Creator,Email\nAna R.,ana.r@agency.test\nBen Stone,ben@stone.test\n")
    _imported(db, shortlist)
    _imported(db, agency)
    database = open_database(db)
    try:
        ana, ana_r = sorted(influencer_list.list_ids(database, ListQuery(search="ana")))
        merge.merge(database, ana, ana_r)
    finally:
        database.close()

    out = _imported(db, agency)

    assert "Created 0, updated 0, skipped 2, not imported 0." in out
    assert _names(db) == ["Ana Ruiz", "Ben Stone"]


def test_a_name_only_list_imported_again_after_a_merge_adds_nobody(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    shortlist = tmp_path / "shortlist.csv"
    shortlist.write_text("Name,Email\nAna Ruiz,ana@ruiz.studio\n", encoding="utf-8")
    fair = tmp_path / "fair.csv"
    fair.write_text("Name,City\nAna R.,Lisbon\nBen Stone,Porto\n", encoding="utf-8")
    _imported(db, shortlist)
    _imported(db, fair)
    database = open_database(db)
    try:
        ana, ana_r = sorted(influencer_list.list_ids(database, ListQuery(search="ana")))
        merge.merge(database, ana, ana_r)
    finally:
        database.close()

    out = _imported(db, fair)

    assert "Created 0, updated 0, skipped 2, not imported 0." in out
    assert _names(db) == ["Ana Ruiz", "Ben Stone"]


def test_one_person_on_several_rows_keeps_what_each_row_adds(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    networks = tmp_path / "networks.csv"
    networks.write_text(
        "Name,Email,Platform,Handle,Followers,Niche,Country\n"
        "Ana Ruiz,ana@ruiz.studio,Instagram,ana.ruiz,5400,food,Spain\n"
        "Ana Ruiz,ana@ruiz.studio,TikTok,ana.tok,12000,travel,\n"
        "Ana Ruiz,ana@ruiz.studio,YouTube,AnaRuizTV,,baking,Portugal\n",
        encoding="utf-8",
    )

    out = _imported(db, networks)

    # The later rows of Ana are not skipped: what they add went to her.
    assert (
        "Created 1, updated 0, skipped 0, not imported 0. 2 rows were more of a person on an "
        "earlier row and were added to that row."
    ) in out
    assert "  skip " not in out
    assert "Row 4, column G (Country): “Portugal” differs from “Spain” on row 2" in out
    database = open_database(db)
    try:
        (ana,) = influencer_list.list_ids(database, ListQuery())
        row = influencer_list.rows(database, [ana])[ana]
        assert row.niches == "food, travel, baking"
    finally:
        database.close()
    # The same file again adds nobody and changes nothing.
    again = _imported(db, networks)
    assert "Created 0, updated 0, skipped 1, not imported 0. 2 rows were more" in again


def test_a_name_only_list_written_without_accents_adds_nobody(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    first = tmp_path / "fair.csv"
    first.write_text("Name,City\nZoë Müller,Berlin\nJosé Núñez,Sevilla\n", encoding="utf-8")
    again = tmp_path / "fair-again.csv"
    again.write_text("Name,City\nZOE MULLER,Berlin\njose  nunez,Sevilla\n", encoding="utf-8")
    _imported(db, first)

    out = _imported(db, again)

    assert "Created 0, updated 0, skipped 2, not imported 0." in out
    assert "Already in infcrm as Zoë Müller (same name)." in out
    assert _names(db) == ["José Núñez", "Zoë Müller"]


def test_the_undo_line_says_which_accounts_and_people_undo_takes_back(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    instagram = tmp_path / "instagram.csv"
    instagram.write_text(
        "Name,Email,Platform,Handle\nAna Ruiz,ana@ruiz.studio,Instagram,ana.ruiz\n",
        encoding="utf-8",
    )
    tiktok = tmp_path / "tiktok.csv"
    tiktok.write_text(
        "Name,Email,Platform,Handle,Country\nAna Ruiz,ana@ruiz.studio,TikTok,ana.tok,Spain\n",
        encoding="utf-8",
    )
    first = _imported(db, instagram).splitlines()
    assert (
        first[-1] == "Undo: in the app, Edit › Undo last import (it removes the people it added)."
    )

    # Only an account added, to someone already there: counted as updated, nobody created.
    out = _imported(db, tiktok, "--on-duplicate", "skip")

    assert "Created 0, updated 1, skipped 0, not imported 0." in out
    assert out.splitlines()[-1] == (
        "Undo: in the app, Edit › Undo last import (it removes the accounts it added to people "
        "already in infcrm)."
    )
    both = tmp_path / "both.csv"
    both.write_text(
        "Name,Email,Platform,Handle\n"
        "Ana Ruiz,ana@ruiz.studio,YouTube,AnaRuizTV\n"
        "Ben Stone,ben@stone.test,Instagram,ben.stone\n",
        encoding="utf-8",
    )
    assert _imported(db, both).splitlines()[-1] == (
        "Undo: in the app, Edit › Undo last import (it removes the people it added and the "
        "accounts it added to people already in infcrm)."
    )
    again = tmp_path / "again.csv"
    again.write_text("Name,Email,Country\nBen Stone,ben@stone.test,Ghana\n", encoding="utf-8")
    assert _imported(db, again, "--on-duplicate", "update").splitlines()[-1] == (
        "Undo: in the app, Edit › Undo last import (it puts back the people it updated as "
        "they were)."
    )


def _last_import(path: Path) -> object:
    from infcrm.services.exchange import import_history

    db = open_database(path)
    try:
        return import_history.last_import(db)
    finally:
        db.close()


def test_importing_the_own_export_again_changes_and_counts_nobody(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    assert infcrm("--db", str(db), "demo", "--influencers", "12").returncode == 0
    out = tmp_path / "out.csv"
    assert infcrm("export", str(out), "--db", str(db)).returncode == 0
    before = _last_import(db)
    options = ("--on-duplicate", "update")

    dry = _imported(db, out, *options, "--dry-run")
    again = _imported(db, out, *options)

    assert "Would create 0, update 0, already up to date 12, skip 0, not import 0." in dry
    assert "Created 0, updated 0, already up to date 12, skipped 0, not imported 0." in again
    assert _last_import(db) == before  # nothing for Undo last import to put back
    strict = _imported(db, out, *options, "--strict")
    assert "Created 0, updated 0, already up to date 12, skipped 0, not imported 0." in strict

    with out.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.DictReader(source))
    rows[0]["City"] = "Reykjavik"
    with out.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    dry = _imported(db, out, *options, "--dry-run")
    changed = _imported(db, out, *options)

    assert "Would create 0, update 1, already up to date 11, skip 0, not import 0." in dry
    assert "Created 0, updated 1, already up to date 11, skipped 0, not imported 0." in changed
    assert _last_import(db).updated == 1


def test_a_list_of_old_youtube_channel_links_imported_again_adds_nobody(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    channels = tmp_path / "channels.csv"
    channels.write_text(
        "Name,YouTube,Subscribers\n"
        "Anna Bakes,https://www.youtube.com/c/AnnaBakes,120k\n"
        "Ben Cooks,youtube.com/user/BenCooks,5000\n",
        encoding="utf-8",
    )
    _imported(db, channels)
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(
        "Name,YouTube,Subscribers\nAnna B.,youtube.com/c/annabakes,130k\n", encoding="utf-8"
    )

    assert "Created 0, updated 0, skipped 2" in _imported(db, channels, "--on-duplicate", "skip")
    assert "Created 0, updated 1, skipped 0" in _imported(db, renamed, "--on-duplicate", "update")
    assert _names(db) == ["Anna B.", "Ben Cooks"]
    database = open_database(db)
    try:
        ids = influencer_list.list_ids(database, ListQuery(search="annabakes"))
        (row,) = influencer_list.rows(database, ids).values()
        assert (row.handle, row.label, row.url, row.followers) == (
            None,
            "AnnaBakes",
            "https://www.youtube.com/c/AnnaBakes",
            130_000,
        )
    finally:
        database.close()


def test_a_list_up_to_date_but_for_one_unreadable_row_says_so(tmp_path: Path) -> None:
    db, first, again = tmp_path / "crm.sqlite", tmp_path / "first.csv", tmp_path / "again.csv"
    first.write_text("Name,Instagram,Followers\nAna,ana.bakes,1200\nBen,ben.cooks,800\n")
    _imported(db, first)
    # The list again, and a row naming nobody (its followers alone).
    again.write_text("Name,Instagram,Followers\nAna,ana.bakes,1200\nBen,ben.cooks,800\n,,500\n")

    result = infcrm("import", str(again), "--db", str(db), "--on-duplicate", "update")
    said = result.stdout + result.stderr

    assert "already up to date 2" in said and "not imported 1" in said
    assert "no row names anybody" not in said
    assert "Nothing to import: everyone else in the file is already in infcrm" in said
    assert "1 row could not be imported: fix it in the file" in said
    assert result.returncode == 1  # a row to fix, as when every row names nobody


def test_an_older_list_never_clears_do_not_contact(tmp_path: Path) -> None:
    # Someone who asked not to be contacted stays so whatever an old list says; the list's
    # other values update them as asked.
    db, marked, old = tmp_path / "crm.sqlite", tmp_path / "marked.csv", tmp_path / "old.csv"
    marked.write_text("Name,Email,Do not contact,City\nAna Lima,ana@example.com,Yes,Porto\n")
    old.write_text("Name,Email,Do not contact,City\nAna Lima,ana@example.com,No,Lisbon\n")
    _imported(db, marked)

    said = _imported(db, old, "--on-duplicate", "update")

    assert "updated 1" in said
    out = tmp_path / "out.csv"
    assert infcrm("export", str(out), "--db", str(db)).returncode == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        (ana,) = csv.DictReader(handle)
    assert (ana["Do not contact"], ana["City"]) == ("Yes", "Lisbon")


_TIKTOK = "Name,TikTok handle,TikTok followers,TikTok profile\n"


def _tiktok_accounts(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT display_name, handle, label, followers FROM social_account "
            "JOIN influencer ON influencer.id = influencer_id ORDER BY social_account.id"
        ).fetchall()


def test_a_damaged_profile_link_beside_a_good_handle_keeps_the_handle(tmp_path: Path) -> None:
    # The damaged link was imported (left empty) in place of the handle beside it: updating
    # gave Zed a second TikTok account without a handle, and a new list lost zed.roe.
    db = tmp_path / "crm.sqlite"
    first = tmp_path / "tiktok.csv"
    first.write_text(
        _TIKTOK + "Zed Roe,zed.roe,5000,https://www.tiktok.com/@zed.roe\n"
        "Amy Poe,amy.poe,100,https://www.tiktok.com/@amy.poe\n",
        encoding="utf-8",
    )
    damaged = tmp_path / "damaged.csv"
    damaged.write_text(
        _TIKTOK + "Zed Roe,zed.roe,6000,https://www.tikt\n"
        "Amy Poe,amy.poe,100,https://www.tiktok.com/@amy.poe\n",
        encoding="utf-8",
    )
    _imported(db, first)

    said = _imported(db, damaged, "--on-duplicate", "update")

    assert "Created 0, updated 1, already up to date 1" in said
    assert (
        "Row 2, column D (TikTok profile): “https://www.tikt” is not a TikTok link. Paste a "
        "link like tiktok.com/@name, or just the handle. Kept @zed.roe from column B "
        "(TikTok handle)."
    ) in said
    assert "Left empty" not in said
    assert _tiktok_accounts(db) == [
        ("Zed Roe", "zed.roe", None, 6000),
        ("Amy Poe", "amy.poe", None, 100),
    ]
    fresh = tmp_path / "fresh.sqlite"
    _imported(fresh, damaged)
    assert _tiktok_accounts(fresh)[0] == ("Zed Roe", "zed.roe", None, 6000)
