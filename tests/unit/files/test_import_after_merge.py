"""A person merged away does not come back when their list is imported again: the import
finds the kept person by any of their emails, and by every account the merge kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.people import influencer_list, influencers, merge
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import everything, rows_of


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _names(db: Database) -> list[str]:
    return [n for (n,) in rows_of(db, "SELECT display_name FROM influencer ORDER BY id")]


def _crowd(db: Database, tmp_path: Path, many: bool) -> None:
    """Enough other people that a one-row list looks up its few people instead of reading
    everyone (`import_lookup`), or nobody else."""
    if many:
        lines = "".join(f"Person {n},person{n}@mail.test\n" for n in range(60))
        import_file(db, _write(tmp_path / "crowd.csv", "Name,Email\n" + lines))


def _merged_pair(db: Database, tmp_path: Path) -> int:
    """Ana from a shortlist, and “Ana R.” from an agency's list, merged into her."""
    import_file(db, _write(tmp_path / "shortlist.csv", "Name,Email\nAna Ruiz,ana@ruiz.studio\n"))
    agency = _write(
        tmp_path / "agency.csv",
        "Creator,Email,TikTok\nAna R.,ana.r@agency.test,https://www.tiktok.com/@ana.r\n",
    )
    import_file(db, agency)
    ids = influencer_list.list_ids(db, ListQuery(search="ana"))
    keep, other = sorted(ids)
    merge.merge(db, keep, other)
    return keep


@pytest.mark.parametrize("many", [False, True], ids=["everyone read", "looked up"])
def test_the_list_of_someone_merged_away_imports_again_without_doubling_them(
    db: Database, tmp_path: Path, many: bool
) -> None:
    _crowd(db, tmp_path, many)
    keep = _merged_pair(db, tmp_path)
    assert influencers.get(db, keep).other_emails == "ana.r@agency.test"
    again = _write(tmp_path / "agency-again.csv", "Creator,Email\nAna R.,ANA.R@agency.test\n")

    summary = import_file(db, again)

    assert (summary.created, summary.skipped) == (0, 1)
    assert "Ana Ruiz (same email)" in summary.skipped_reasons[0]
    assert _names(db).count("Ana Ruiz") == 1 and "Ana R." not in _names(db)


@pytest.mark.parametrize("many", [False, True], ids=["everyone read", "looked up"])
def test_an_update_by_an_other_email_fills_the_kept_person_and_is_undone(
    db: Database, tmp_path: Path, many: bool
) -> None:
    _crowd(db, tmp_path, many)
    keep = _merged_pair(db, tmp_path)
    before = everything(db)
    update = _write(tmp_path / "cities.csv", "Name,Email,City\nAna R.,ana.r@agency.test,Porto\n")

    summary = import_file(db, update, on_duplicate="update")

    assert (summary.created, summary.updated) == (0, 1)
    person = influencers.get(db, keep)
    assert (person.display_name, person.city) == ("Ana Ruiz", "Porto")
    undo_import(db, summary.batch_id)
    assert everything(db) == before


def test_the_accounts_a_merge_kept_find_the_kept_person_by_handle_or_link(
    db: Database, tmp_path: Path
) -> None:
    _merged_pair(db, tmp_path)
    links = _write(
        tmp_path / "links.csv",
        "Name,Profile\nAna R.,https://www.tiktok.com/@ANA.R?lang=en\nSomeone New,@someone.new\n",
    )

    summary = import_file(db, links, platform="tiktok")

    assert (summary.created, summary.skipped) == (1, 1)
    assert "Ana Ruiz (same account)" in summary.skipped_reasons[0]


def test_an_update_never_drops_an_address_the_person_had(db: Database, tmp_path: Path) -> None:
    keep = _merged_pair(db, tmp_path)
    before = everything(db)
    newer = _write(
        tmp_path / "newer.csv",
        "Name,TikTok,Email,Other emails\nAna Ruiz,ana.r,ana@new.studio,press@ruiz.studio\n",
    )

    summary = import_file(db, newer, on_duplicate="update")

    assert summary.updated == 1
    person = influencers.get(db, keep)
    assert person.email == "ana@new.studio"
    # The merged-away address and the main one replaced stay as other emails.
    assert person.other_emails == "ana.r@agency.test, press@ruiz.studio, ana@ruiz.studio"
    again = import_file(
        db, _write(tmp_path / "again.csv", "Name,Email\nAna R.,ana.r@agency.test\n")
    )
    assert (again.created, again.skipped) == (0, 1)
    undo_import(db, summary.batch_id)
    assert everything(db) == before
