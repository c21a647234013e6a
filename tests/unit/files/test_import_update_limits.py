"""Other names an import with “update” adds to a person's own stay within what the person's
form holds: what fits is kept, the rest is listed by row and column, as other values not
imported are, and strict checking refuses the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.other_names import split_names
from infcrm.files.import_apply import import_file
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from tests.person_form import found, saves_as_it_is

ALSO_MAX = max_length("other_names")


def _names(prefix: str, count: int) -> str:
    return "; ".join(f"{prefix} name {n:02d} {'x' * 20}" for n in range(count))


@pytest.fixture
def lena(db: Database) -> Database:
    """Lena, whose other names (kept by merges) nearly fill the field."""
    influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Vogel",
            email="lena@vogel.test",
            other_names=_names("Lena kept", 49),
            accounts=(AccountInput("instagram", "lena.vogel"),),
        ),
    )
    return db


@pytest.mark.parametrize("preview_first", [False, True], ids=["at once", "after a preview"])
def test_an_update_adds_only_the_other_names_that_fit(
    lena: Database, tmp_path: Path, preview_first: bool
) -> None:
    before = found(lena, "lena vogel").other_names
    assert ALSO_MAX - 100 < len(before) <= ALSO_MAX
    path = tmp_path / "update.csv"
    path.write_text(
        "Name,Email,Handle,Other names\n"
        f"Lena Vogel,lena@vogel.test,lena.vogel,Lena V.; {_names('Lena file', 10)}\n",
        encoding="utf-8",
    )
    preview = None
    if preview_first:
        preview = import_file(lena, path, platform="instagram", on_duplicate="update", dry_run=True)
    summary = import_file(lena, path, platform="instagram", on_duplicate="update")

    assert summary.updated == 1
    person = found(lena, "lena vogel")
    assert len(person.other_names) <= ALSO_MAX
    # Her own names all stay; of the file's, what fits (a short one does, the long ones not).
    assert split_names(person.other_names) == [*split_names(before), "Lena V."]
    saves_as_it_is(lena, person)
    (problem,) = summary.problems
    assert problem == (
        "Row 2, column D (Other names): 10 names (“Lena file name 00 xxxxxxxxxxxxxxxxxxxx; "
        "Lena file name 01 xxxxxxxxxxxxxxxxxxxx;…”) not added to the other "
        "names of Lena Vogel, already in infcrm: Other names holds at most 2,000 characters."
    )
    if preview is not None:
        assert preview.problems == summary.problems


def test_strict_checking_refuses_other_names_that_do_not_fit(
    lena: Database, tmp_path: Path
) -> None:
    before = found(lena, "lena vogel").other_names
    path = tmp_path / "update.csv"
    path.write_text(
        "Name,Email,Handle,Other names\n"
        f"Lena Vogel,lena@vogel.test,lena.vogel,{_names('Lena file', 10)}\n",
        encoding="utf-8",
    )

    summary = import_file(lena, path, platform="instagram", on_duplicate="update", strict=True)

    assert summary.refused
    assert summary.problems[0].endswith("Other names holds at most 2,000 characters.")
    assert found(lena, "lena vogel").other_names == before
