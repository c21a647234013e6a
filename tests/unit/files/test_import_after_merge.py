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
    # The merged-away address and the main one replaced stay as other emails, before the
    # file's.
    assert person.other_emails == "ana.r@agency.test, ana@ruiz.studio, press@ruiz.studio"
    again = import_file(
        db, _write(tmp_path / "again.csv", "Name,Email\nAna R.,ana.r@agency.test\n")
    )
    assert (again.created, again.skipped) == (0, 1)
    undo_import(db, summary.batch_id)
    assert everything(db) == before


def _merged_by_name(db: Database, tmp_path: Path) -> int:
    """Ana from a shortlist, and “Ana R.” from a fair's list of names only, merged into her."""
    import_file(db, _write(tmp_path / "shortlist.csv", "Name,Email\nAna Ruiz,ana@ruiz.studio\n"))
    import_file(db, _write(tmp_path / "fair.csv", "Name,City\nAna R.,Lisbon\nBen Stone,Porto\n"))
    ids = influencer_list.list_ids(db, ListQuery(search="ana"))
    keep, other = sorted(ids)
    merge.merge(db, keep, other)
    return keep


@pytest.mark.parametrize("many", [False, True], ids=["everyone read", "looked up"])
def test_a_name_only_row_of_someone_merged_away_finds_the_kept_person(
    db: Database, tmp_path: Path, many: bool
) -> None:
    _crowd(db, tmp_path, many)
    keep = _merged_by_name(db, tmp_path)
    assert influencers.get(db, keep).other_names == "Ana R."
    # The same list again, in capitals, with an accent and an invisible space.
    again = _write(
        tmp_path / "fair-again.csv", "Name,City\nÁNA\u200b  R.,Lisbon\nBen Stone,Porto\n"
    )

    summary = import_file(db, again)

    assert (summary.created, summary.skipped) == (0, 2)
    # Not “(same name)”: the row says Ana R., and infcrm shows Ana Ruiz.
    reason = summary.skipped_reasons[0]
    assert reason.startswith("Row 2: Already in infcrm as Ana Ruiz (“ÁNA")
    assert reason.endswith(" R.” is one of their other names).")
    assert _names(db).count("Ana Ruiz") == 1 and "Ana R." not in _names(db)


@pytest.mark.parametrize("many", [False, True], ids=["everyone read", "looked up"])
def test_an_update_by_an_other_name_keeps_the_chosen_name_and_is_undone(
    db: Database, tmp_path: Path, many: bool
) -> None:
    _crowd(db, tmp_path, many)
    keep = _merged_by_name(db, tmp_path)
    before = everything(db)
    cities = _write(tmp_path / "cities.csv", "Name,City\nAna R.,Porto\n")

    summary = import_file(db, cities, on_duplicate="update")

    assert (summary.created, summary.updated) == (0, 1)
    person = influencers.get(db, keep)
    assert (person.display_name, person.city, person.other_names) == ("Ana Ruiz", "Porto", "Ana R.")
    undo_import(db, summary.batch_id)
    assert everything(db) == before


def test_an_other_name_with_a_new_email_follows_the_rules_of_a_name(
    db: Database, tmp_path: Path
) -> None:
    """A row giving the merged-away name and an email nobody has is that person only when
    nothing of theirs disagrees, as for their own name."""
    keep = _merged_by_name(db, tmp_path)
    rows = _write(
        tmp_path / "emails.csv",
        "Name,Email\nAna R.,ana@other.test\n",
    )

    summary = import_file(db, rows, on_duplicate="update")

    assert (summary.created, summary.updated) == (1, 0)
    assert any("Ana Ruiz, already in infcrm, has another email" in n for n in summary.notes)
    assert influencers.get(db, keep).email == "ana@ruiz.studio"


def test_undoing_the_merge_takes_the_other_name_back(db: Database, tmp_path: Path) -> None:
    import_file(db, _write(tmp_path / "shortlist.csv", "Name,Email\nAna Ruiz,ana@ruiz.studio\n"))
    import_file(db, _write(tmp_path / "fair.csv", "Name,City\nAna R.,Lisbon\n"))
    keep, other = sorted(influencer_list.list_ids(db, ListQuery(search="ana")))
    before = everything(db)
    done = merge.merge(db, keep, other)
    assert influencers.get(db, keep).other_names == "Ana R."

    merge.undo_merge(db, done.undo)

    assert everything(db) == before
    assert influencers.get(db, keep).other_names is None
    again = import_file(db, _write(tmp_path / "again.csv", "Name\nAna R.\n"))
    assert (again.created, again.skipped) == (0, 1)  # Ana R. is herself again


def test_a_list_gives_other_names_which_an_update_adds_to(db: Database, tmp_path: Path) -> None:
    first = _write(tmp_path / "aka.csv", "Name,Also known as\nAna Ruiz,Ana R.; ANA RUIZ\n")
    assert import_file(db, first).created == 1
    (ana,) = influencer_list.list_ids(db, ListQuery())
    assert influencers.get(db, ana).other_names == "Ana R.", "her own name is not another"
    more = _write(tmp_path / "more.csv", "Name,Other names\nAna Ruiz,Annie Ruiz\n")

    assert import_file(db, more, on_duplicate="update").updated == 1

    assert influencers.get(db, ana).other_names == "Ana R.; Annie Ruiz"
    again = import_file(db, _write(tmp_path / "names.csv", "Name\nAnnie Ruiz\nAna R.\n"))
    assert (again.created, again.skipped) == (0, 2)
