"""Importing with “skip” someone already in infcrm: their values are kept, but an account on a
network they have none on is added — adding is not overwriting — and the summary says so."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from tests.table_dump import everything


def _person(db: Database, search: str):
    (found,) = influencer_list.list_ids(db, ListQuery(search=search))
    return influencers.get(db, found)


def _ana_and_cara(db: Database) -> None:
    influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruiz",
            email="ana@ruiz.studio",
            country="Spain",
            accounts=(AccountInput("instagram", "ana.ruiz", followers=5000),),
        ),
    )
    influencers.create(db, InfluencerInput(display_name="Cara Icing"))


def test_a_new_networks_account_is_added_to_a_person_found_by_email_or_name(
    db: Database, tmp_path: Path
) -> None:
    _ana_and_cara(db)
    before = everything(db)
    path = tmp_path / "tiktok.csv"
    path.write_text(
        "Name,Email,Platform,Handle,Followers,Country\n"
        "Ana Ruiz,ana@ruiz.studio,TikTok,ana.tok,12000,Portugal\n"
        "Cara Icing,,Instagram,cara.icing,900,\n",
        encoding="utf-8",
    )

    summary = import_file(db, path)  # skip is the default

    assert (summary.created, summary.updated, summary.skipped) == (0, 2, 0)
    ana = _person(db, "ana ruiz")
    assert sorted((a.platform, a.handle, a.followers) for a in ana.accounts) == [
        ("instagram", "ana.ruiz", 5000),
        ("tiktok", "ana.tok", 12000),
    ]
    assert ana.country == "Spain"  # nothing of hers is overwritten with skip
    cara = _person(db, "cara icing")
    assert [(a.platform, a.handle) for a in cara.accounts] == [("instagram", "cara.icing")]
    assert (
        "Row 2: Already in infcrm as Ana Ruiz (same email); a new account is added: "
        "TikTok @ana.tok." in summary.notes
    )
    assert (
        "Row 3: Already in infcrm as Cara Icing (same name); a new account is added: "
        "Instagram @cara.icing." in summary.notes
    )
    # The same file again has nothing to add.
    again = import_file(db, path)
    assert (again.updated, again.skipped) == (0, 2)
    undo_import(db, summary.batch_id)
    assert everything(db) == before


def test_an_account_someone_else_has_is_not_added_and_the_row_is_listed(
    db: Database, tmp_path: Path
) -> None:
    _ana_and_cara(db)
    influencers.create(
        db,
        InfluencerInput(display_name="Ben Stone", accounts=(AccountInput("tiktok", "ben.tok"),)),
    )
    path = tmp_path / "tiktok.csv"
    path.write_text(
        "Name,Email,Platform,Handle\nAna Ruiz,ana@ruiz.studio,TikTok,ben.tok\n", encoding="utf-8"
    )

    summary = import_file(db, path)

    assert (summary.created, summary.updated, summary.rejected) == (0, 0, 1)
    assert [a.handle for a in _person(db, "ana ruiz").accounts] == ["ana.ruiz"]
    assert [a.handle for a in _person(db, "ben stone").accounts] == ["ben.tok"]
    assert any(
        p.startswith("Row 2: This row matches 2 people already in infcrm (Ana Ruiz and Ben Stone)")
        for p in summary.problems
    ), summary.problems


def test_a_value_two_rows_disagree_on_is_not_said_to_be_kept_when_skip_keeps_neither(
    db: Database, tmp_path: Path
) -> None:
    """Cara on a row per network, the rows' countries differing: with “skip” only her new
    accounts are added, so “row 2's is kept” was untrue — her country stays empty."""
    influencers.create(db, InfluencerInput(display_name="Cara Icing", email="cara@icing.test"))
    path = tmp_path / "networks.csv"
    path.write_text(
        "Name,Email,Platform,Handle,Followers,Country\n"
        "Cara Icing,cara@icing.test,Instagram,cara.icing,900,Spain\n"
        "Cara Icing,cara@icing.test,TikTok,cara.tok,1500,France\n",
        encoding="utf-8",
    )

    summary = import_file(db, path)

    assert (summary.created, summary.updated, summary.added_to_earlier) == (0, 1, 1)
    assert not [p for p in summary.problems if "France" in p]
    cara = _person(db, "cara icing")
    assert cara.country is None
    assert sorted(a.handle for a in cara.accounts) == ["cara.icing", "cara.tok"]
    # Updating writes row 2's country: then the disagreement is said.
    update = import_file(db, path, on_duplicate="update", dry_run=True)
    assert [p for p in update.problems if "France" in p] == [
        "Row 3, column F (Country): “France” differs from “Spain” on row 2, the same person: "
        "row 2's is kept."
    ]
