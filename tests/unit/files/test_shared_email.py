"""Two people sharing one email (an agency's, a family's) are two people, on every import.

Real CSV files imported through the same path as `infcrm import`, into a real database. An
email alone, shared by rows whose accounts or names disagree, does not make them one person:
both are imported with their accounts, and the summary names the row and the column.
"""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery

AGENCY = (
    "Name,Instagram,Email\n"
    "Ana Ruiz,ana.bakes,hello@agency.example\n"
    "Bea Lopez,bea.cooks,hello@agency.example\n"
)


def _csv(tmp_path: Path, text: str, name: str = "agency.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _people(db: Database) -> dict[str, list[tuple[str, str | None]]]:
    """Each person's name → their accounts (platform, handle), as the person's page shows."""
    return {
        (detail := influencers.get(db, i)).display_name: sorted(
            (a.platform, a.handle) for a in detail.accounts
        )
        for i in influencer_list.list_ids(db, ListQuery())
    }


def test_two_people_with_one_agency_email_are_both_imported_with_their_accounts(
    db: Database, tmp_path: Path
) -> None:
    path = _csv(tmp_path, AGENCY)
    summary = import_file(db, path, dry_run=True)
    assert (summary.created, summary.skipped, summary.rejected) == (2, 0, 0)

    summary = import_file(db, path)
    assert (summary.created, summary.skipped, summary.rejected) == (2, 0, 0)
    assert _people(db) == {
        "Ana Ruiz": [("instagram", "ana.bakes")],
        "Bea Lopez": [("instagram", "bea.cooks")],
    }
    assert (
        "Row 3, column C (Email): hello@agency.example is also the email of row 2 (different "
        "names and Instagram accounts): imported as another person."
    ) in summary.notes
    assert not (tmp_path / "agency-not-imported.csv").exists()


def test_importing_the_agency_file_again_skips_each_as_themselves(
    db: Database, tmp_path: Path
) -> None:
    path = _csv(tmp_path, AGENCY)
    import_file(db, path)
    again = import_file(db, path)
    assert (again.created, again.skipped, again.rejected) == (0, 2, 0)
    assert again.skipped_reasons == (
        "Row 2: Already in infcrm as Ana Ruiz (same account).",
        "Row 3: Already in infcrm as Bea Lopez (same account).",
    )
    assert len(_people(db)) == 2
    assert not (tmp_path / "agency-not-imported.csv").exists()


def test_a_new_person_sharing_the_email_of_someone_already_there_is_added(
    db: Database, tmp_path: Path
) -> None:
    influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruiz",
            email="hello@agency.example",
            accounts=[AccountInput(platform="instagram", handle="ana.bakes")],
        ),
    )
    path = _csv(tmp_path, "Name,Instagram,Email\nBea Lopez,bea.cooks,HELLO@agency.example\n")
    summary = import_file(db, path)
    assert (summary.created, summary.skipped) == (1, 0)
    assert _people(db)["Bea Lopez"] == [("instagram", "bea.cooks")]
    assert (
        "Row 2, column C (Email): HELLO@agency.example is also the email of Ana Ruiz, already "
        "in infcrm (different names and Instagram accounts): imported as another person."
    ) in summary.notes


def test_the_same_person_on_another_network_is_still_matched_by_email(
    db: Database, tmp_path: Path
) -> None:
    """Nothing disagrees (same name, no second Instagram): one person, as before."""
    influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruiz",
            email="ana@example.com",
            accounts=[AccountInput(platform="instagram", handle="ana.bakes")],
        ),
    )
    path = _csv(tmp_path, "Name,TikTok,Email\nAna Ruiz,ana.tok,ana@example.com\n")
    summary = import_file(db, path)
    assert (summary.created, summary.updated, summary.skipped) == (0, 1, 0)
    assert (
        "Row 2: Already in infcrm as Ana Ruiz (same email); a new account is added: TikTok "
        "@ana.tok." in summary.notes
    )
    in_the_file = _csv(
        tmp_path,
        "Name,Instagram,TikTok,Email\n"
        "Lu Chen,lu.makes,,lu@example.com\n"
        "Lu Chen,,lu.tok,lu@example.com\n",
        "lu.csv",
    )
    summary = import_file(db, in_the_file)
    assert (summary.created, summary.skipped, summary.added_to_earlier) == (1, 0, 1)
    assert summary.skipped_reasons == ()
    assert summary.added_reasons == ("Row 3: Same email as row 2 of this file: added to that row.",)
