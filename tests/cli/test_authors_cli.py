"""`--as NAME` and INFCRM_USER: what a command writes is signed with the name given."""

from __future__ import annotations

import os
from pathlib import Path

from safety_helpers import infcrm

from infcrm.__main__ import main
from tests.table_dump import rows_of


def _signers(path: Path) -> set[tuple]:
    from infcrm.db.engine import open_database

    db = open_database(path)
    try:
        return set(rows_of(db, "SELECT created_by, changed_by FROM influencer"))
    finally:
        db.close()


def test_as_names_who_the_changes_are_signed_by(tmp_path: Path) -> None:
    after = infcrm("demo", "--db", str(tmp_path / "a.sqlite"), "--influencers", "3", "--as", "Ana")
    assert after.returncode == 0, after.stderr
    before = infcrm("--as", "Cy", "demo", "--db", str(tmp_path / "c.sqlite"), "--influencers", "3")
    assert before.returncode == 0, before.stderr
    assert _signers(tmp_path / "a.sqlite") == {("Ana", "Ana")}
    assert _signers(tmp_path / "c.sqlite") == {("Cy", "Cy")}


def test_infcrm_user_signs_when_no_name_is_given(tmp_path: Path) -> None:
    done = infcrm(
        "demo", "--db", str(tmp_path / "b.sqlite"), "--influencers", "3", env={"INFCRM_USER": "Ben"}
    )
    assert done.returncode == 0, done.stderr
    assert _signers(tmp_path / "b.sqlite") == {("Ben", "Ben")}


def test_as_leaves_the_environment_as_it_was(tmp_path: Path, capsys) -> None:
    was = os.environ.get("INFCRM_USER")
    assert (
        main(["demo", "--db", str(tmp_path / "d.sqlite"), "--influencers", "2", "--as", "Di"]) == 0
    )
    assert os.environ.get("INFCRM_USER") == was
    assert _signers(tmp_path / "d.sqlite") == {("Di", "Di")}
