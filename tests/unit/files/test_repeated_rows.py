"""One person on several rows of a file (one per network, per campaign, per post): what the
later rows add reaches the person the first row imports; a value they disagree on is kept
from the first row and named by row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.other_names import split_names
from infcrm.files.import_apply import import_file
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from tests.table_dump import everything

PER_NETWORK = (
    "Name,Email,Platform,Handle,Followers,Niche,Country,City,Tags\n"
    "Ana Ruiz,ana@ruiz.studio,Instagram,ana.ruiz,5400,food,Spain,,vegan\n"
    "Ana Ruiz,ana@ruiz.studio,TikTok,ana.tok,12000,travel,,Madrid,summer\n"
    "Ana Ruiz,ana@ruiz.studio,YouTube,AnaRuizTV,,baking,Portugal,,vegan\n"
    "Ben Stone,ben@stone.test,Instagram,ben.stone,800,,,,\n"
)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _person(db: Database, search: str):
    (found,) = influencer_list.list_ids(db, ListQuery(search=search))
    return influencers.get(db, found)


@pytest.mark.parametrize("dry_run_first", [False, True], ids=["at once", "after a preview"])
def test_rows_of_one_person_add_their_accounts_lists_and_empty_fields(
    db: Database, tmp_path: Path, dry_run_first: bool
) -> None:
    path = _write(tmp_path / "networks.csv", PER_NETWORK)
    if dry_run_first:
        preview = import_file(db, path, dry_run=True)
        assert (preview.created, preview.skipped, preview.added_to_earlier) == (2, 0, 2)
        assert preview.headline() == (
            "Would create 2, update 0, skip 0, not import 0. 2 rows are more of a person on "
            "an earlier row and will be added to that row."
        )

    summary = import_file(db, path)

    # Skipped means only what skipping left out: Ana's later rows went to her.
    assert (summary.created, summary.skipped, summary.added_to_earlier) == (2, 0, 2)
    ana = _person(db, "ana ruiz")
    assert sorted((a.platform, a.handle, a.followers) for a in ana.accounts) == [
        ("instagram", "ana.ruiz", 5400),
        ("tiktok", "ana.tok", 12000),
        ("youtube", "anaruiztv", None),
    ]
    assert [a.handle for a in ana.accounts if a.is_primary] == ["ana.ruiz"]
    assert ana.niches == "food, travel, baking"
    assert sorted(ana.tags) == ["summer", "vegan"]
    assert (ana.country, ana.city) == ("Spain", "Madrid")
    # The one value two rows disagree on is listed, not silently dropped.
    conflicts = [p for p in summary.problems if "Portugal" in p]
    assert len(conflicts) == 1
    assert conflicts[0].startswith("Row 4, column G (Country):")
    assert "row 2" in conflicts[0] and "Spain" in conflicts[0]


def test_a_later_row_fills_an_update_and_the_import_is_undone_exactly(
    db: Database, tmp_path: Path
) -> None:
    influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruiz",
            email="ana@ruiz.studio",
            accounts=(AccountInput("instagram", "ana.ruiz", followers=5000),),
        ),
    )
    before = everything(db)
    path = _write(tmp_path / "networks.csv", PER_NETWORK)

    summary = import_file(db, path, on_duplicate="update")

    assert (summary.created, summary.updated, summary.skipped) == (1, 1, 0)
    assert summary.added_to_earlier == 2
    ana = _person(db, "ana ruiz")
    assert sorted((a.platform, a.handle) for a in ana.accounts) == [
        ("instagram", "ana.ruiz"),
        ("tiktok", "ana.tok"),
        ("youtube", "anaruiztv"),
    ]
    assert (ana.city, ana.niches) == ("Madrid", "food, travel, baking")
    undo_import(db, summary.batch_id)
    assert everything(db) == before


def test_a_later_row_gives_the_email_and_name_the_first_row_lacked(
    db: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "campaigns.csv",
        "Instagram,Name,Email,Campaign\n"
        "cara.icing,,,Spring\n"
        "cara.icing,Cara Icing,cara@icing.test,Summer\n",
    )

    summary = import_file(db, path)

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (1, 0, 1)
    assert summary.headline().endswith(
        " 1 row was more of a person on an earlier row and was added to that row."
    )
    cara = _person(db, "cara")
    assert (cara.display_name, cara.email) == ("Cara Icing", "cara@icing.test")


def test_a_figure_a_later_row_gives_otherwise_is_listed_not_dropped_silently(
    db: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "campaigns.csv",
        "Name,Platform,Handle,Followers,TikTok,TikTok followers,Campaign\n"
        "Ana Ruiz,Instagram,ana.ruiz,12000,ana.tok,,Spring\n"
        "Ben Stone,Instagram,ben.stone,800,,,Spring\n"
        "Ana Ruiz,Instagram,ana.ruiz,12400,ana.tok,5000,Summer\n"
        "Ana Ruiz,Instagram,ana.ruiz,,ana.tok,5100,Autumn\n",
    )

    summary = import_file(db, path)

    ana = _person(db, "ana ruiz")
    assert sorted((a.handle, a.followers) for a in ana.accounts) == [
        ("ana.ruiz", 12000),
        ("ana.tok", 5000),  # the first row left it empty: the first later figure fills it
    ]
    assert summary.problems == (
        "Row 4, column D (Followers): 12,400 differs from 12,000 on row 2, the same person: "
        "row 2's is kept.",
        # The value kept is the one row 4 filled in: that is the row named.
        "Row 5, column F (TikTok followers): 5,100 differs from 5,000 on row 4, the same "
        "person: row 4's is kept.",
    )
    # Strict checking refuses it, as it refuses any value that would not reach infcrm.
    assert import_file(db, path, strict=True, dry_run=True).refused


def test_the_other_names_of_later_rows_join_the_first_rows(db: Database, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "networks.csv",
        "Name,Email,Platform,Handle,Other names\n"
        "Lena Vogel,lena@vogel.test,Instagram,lena.vogel,Lena V.\n"
        "Lena Vogel,lena@vogel.test,TikTok,lena.tok,Lena V.; L. Vogel\n"
        "Lena Vogel,lena@vogel.test,YouTube,LenaTV,lena vogel; LENA V.; Lenchen\n"
        "Cara Icing,cara@icing.test,Instagram,cara.icing,\n"
        "Cara Icing,cara@icing.test,TikTok,cara.tok,Cara I.\n",
    )

    preview = import_file(db, path, dry_run=True)
    summary = import_file(db, path)

    # United, each once whatever its case, never the person's own name; not a disagreement.
    assert _person(db, "lena").other_names == "Lena V.; L. Vogel; Lenchen"
    assert _person(db, "cara").other_names == "Cara I."
    assert preview.problems == summary.problems == ()
    assert (summary.created, summary.added_to_earlier) == (2, 3)
    assert [
        influencers.get(db, i).display_name
        for i in influencer_list.list_ids(db, ListQuery(search="lenchen"))
    ] == ["Lena Vogel"]


def test_a_later_row_that_names_the_person_drops_that_name_from_the_other_names(
    db: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "campaigns.csv",
        "Instagram,Name,Other names,Campaign\n"
        "cara.icing,,Cara Icing; Cake Cara,Spring\n"
        "cara.icing,Cara Icing,Cara I.,Summer\n",
    )

    summary = import_file(db, path)

    cara = _person(db, "cara")
    assert (cara.display_name, cara.other_names) == ("Cara Icing", "Cake Cara; Cara I.")
    assert summary.problems == ()


@pytest.mark.parametrize("strict", [False, True], ids=["at once", "checked first"])
def test_the_later_rows_of_a_row_not_imported_are_left_out_with_it(
    db: Database, tmp_path: Path, strict: bool
) -> None:
    """Row 2 names Ana's email and Ben's TikTok, so it is not imported; row 3, Ana's YouTube,
    was “added to that row” and lost with it: the rows-not-imported file held row 2 only."""
    import_file(
        db,
        _write(
            tmp_path / "base.csv",
            "Name,Email,Platform,Handle\nAna Ruiz,ana@ruiz.studio,Instagram,ana.ruiz\n"
            "Ben Stone,,TikTok,ben.tok\n",
        ),
    )
    path = _write(
        tmp_path / "more.csv",
        "Name,Email,Platform,Handle,Followers\n"
        "Ana Ruiz,ana@ruiz.studio,TikTok,ben.tok,100\n"
        "Ana Ruiz,ana@ruiz.studio,YouTube,AnaRuizTV,5000\n"
        "Zoe Lane,zoe@lane.test,Instagram,zoe.lane,10\n",
    )

    summary = import_file(db, path, strict=strict)

    if strict:  # refused whole: both rows are named
        assert summary.refused and summary.rejected == 2
        return
    assert (summary.created, summary.rejected, summary.added_to_earlier) == (1, 2, 0)
    left = summary.not_imported_path.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[3] for line in left[1:]] == ["ben.tok", "AnaRuizTV"]
    assert "row 2" in left[2]
    # Row 2 corrected, the file of rows left out imported: nothing of Ana's is missing.
    fixed = _write(tmp_path / "fixed.csv", "\n".join(left).replace("ben.tok", "ana.tok") + "\n")
    import_file(db, fixed)
    assert sorted(a.handle for a in _person(db, "ana ruiz").accounts) == [
        "ana.ruiz",
        "ana.tok",
        "anaruiztv",
    ]


def test_other_names_of_later_rows_that_do_not_fit_are_listed_not_stored(
    db: Database, tmp_path: Path
) -> None:
    """Three rows of Lena, each with about 900 characters of other names of her own: all
    together they are longer than the Other names field holds, so her form refused to save."""

    def names(row: int) -> str:
        return "; ".join(f"Lena row {row} name {n:02d} {'x' * 20}" for n in range(22))

    path = _write(
        tmp_path / "networks.csv",
        "Name,Email,Platform,Handle,Other names\n"
        f"Lena Vogel,lena@vogel.test,Instagram,lena.vogel,{names(2)}\n"
        f"Lena Vogel,lena@vogel.test,TikTok,lena.tok,{names(3)}\n"
        f"Lena Vogel,lena@vogel.test,YouTube,LenaTV,{names(4)}\n",
    )
    limit = max_length("other_names")
    assert len(names(2)) + len(names(3)) < limit < len(names(2)) + len(names(3)) * 2

    preview = import_file(db, path, dry_run=True)
    summary = import_file(db, path)

    lena = _person(db, "lena")
    kept = split_names(lena.other_names)
    assert len(lena.other_names) <= limit
    # What fits is kept, in file order: rows 2 and 3 whole, row 4 as far as it fits.
    assert kept[:44] == split_names(names(2)) + split_names(names(3))
    assert 44 < len(kept) < 66 and kept[44:] == split_names(names(4))[: len(kept) - 44]
    # Her form saves as it is.
    influencers.update(db, lena.id, _as_input(lena))
    # The names left out are listed by row and column, as other problems are.
    (problem,) = summary.problems
    assert problem.startswith("Row 4, column E (Other names): ")
    assert f"Lena row 4 name {len(kept) - 44:02d}" in problem
    assert "row 2" in problem and f"{limit:,} characters" in problem
    assert preview.problems == summary.problems


def _as_input(person) -> InfluencerInput:
    return InfluencerInput(
        display_name=person.display_name,
        other_names=person.other_names,
        email=person.email,
        accounts=tuple(
            AccountInput(a.platform, a.handle, id=a.id, is_primary=a.is_primary)
            for a in person.accounts
        ),
    )


def test_with_create_only_rows_of_one_account_are_one_person(db: Database, tmp_path: Path) -> None:
    # “Create a new person for each duplicate”: rows sharing only an email or a name are
    # people of their own, each with its own values; rows of one account are still folded.
    path = _write(
        tmp_path / "create.csv",
        "Name,Email,Instagram handle,Country\n"
        "Ana Ruiz,ana@ruiz.studio,,Spain\n"
        "Ana Ruiz,ana@ruiz.studio,,Portugal\n"
        "Ben Stone,,,France\n"
        "Ben Stone,,,Italy\n"
        "Cy Park,,cy.park,Japan\n"
        "Cy Park,cy@park.test,cy.park,Korea\n",
    )

    summary = import_file(db, path, on_duplicate="create")

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (5, 0, 1)
    people = [influencers.get(db, i) for i in influencer_list.list_ids(db, ListQuery())]
    assert sorted((p.display_name, p.country) for p in people) == [
        ("Ana Ruiz", "Portugal"),
        ("Ana Ruiz", "Spain"),
        ("Ben Stone", "France"),
        ("Ben Stone", "Italy"),
        ("Cy Park", "Japan"),
    ]
    cy = _person(db, "cy park")
    assert cy.email == "cy@park.test"  # the later row of the account gave it
    assert [p for p in summary.problems if "differs from" in p] == [
        p for p in summary.problems if "Korea" in p
    ]
    assert len([p for p in summary.problems if "Korea" in p]) == 1
