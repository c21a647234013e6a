"""Writing an import: all or nothing, marked as imported, searchable, undoable, round-trip safe."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, MetricSnapshot, SocialAccount
from infcrm.domain.enums import Platform
from infcrm.files.import_apply import import_file
from infcrm.services.exchange import import_history
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _counts(db: Database) -> tuple[int, int, int]:
    with db.reader() as session:
        return tuple(
            session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Influencer, SocialAccount, MetricSnapshot)
        )


def _csv(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class StopAfter:
    """A progress object that raises (like Cancel) once `limit` rows are done."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.seen: list[int] = []

    def report(self, done: int, total: int, text: str = "") -> None:
        self.seen.append(done)
        if done >= self.limit and text.startswith("Importing row"):
            raise KeyboardInterrupt("cancelled")


def _listed(db: Database, search: str = "") -> list:
    """The influencer list's rows as the Influencers screen shows them, sorted by name."""
    ids = influencer_list.list_ids(db, ListQuery(search=search))
    found = influencer_list.rows(db, ids)
    return [found[i] for i in ids]


def _ids_by_name(db: Database) -> dict[str, int]:
    return {row.display_name: row.id for row in _listed(db)}


def test_import_creates_people_marked_as_imported_and_searchable(
    db: Database, tmp_path: Path
) -> None:
    messy = tmp_path / "messy_influencers.csv"
    messy.write_bytes((FIXTURES / "messy_influencers.csv").read_bytes())
    summary = import_file(db, messy, strict=True)

    assert summary.refused is not None  # with --strict the bad row refuses the whole file
    assert _counts(db) == (0, 0, 0)

    summary = import_file(db, messy, mapping={"Followers": ""}, strict=True)
    assert summary.rejected == 1  # still the bad handle and email

    lines = messy.read_bytes().split(b"\r\n")
    fixed = tmp_path / "clean.csv"
    fixed.write_bytes(b"\r\n".join(line for line in lines if not line.startswith(b"Bad Row")))
    summary = import_file(db, fixed)

    assert summary.headline() == (
        "Created 7, updated 0, skipped 0, not imported 0. 1 row was more of a person on an "
        "earlier row and was added to that row."
    )
    people = _listed(db, "renee")
    assert [p.display_name for p in people] == ["Café Renée"]
    renee = influencers.get(db, people[0].id)
    assert renee.found_via == "imported" and renee.found_detail == "clean.csv"
    assert renee.accounts[0].followers == 12_300
    assert renee.accounts[0].url == "https://www.instagram.com/cafe.renee/"
    assert renee.niches == "café, pâtisserie"
    # The day the file gives, as the form shows it: in the user's time zone.
    assert renee.created_at.replace(tzinfo=UTC).astimezone().date().isoformat() == "2024-03-05"
    assert len(influencers.snapshots(db, renee.accounts[0].id)) == 1
    assert influencer_list.count(db) == 7


def test_cancel_mid_import_leaves_the_database_as_it_was(db: Database, tmp_path: Path) -> None:
    rows = "\n".join(f"Person {i},person_{i},{i}k" for i in range(2500))
    path = _csv(tmp_path, "Name,Instagram handle,Followers\n" + rows + "\n")
    influencers.create(db, InfluencerInput(display_name="Already here"))
    before = _counts(db)

    progress = StopAfter(1000)
    with pytest.raises(KeyboardInterrupt):
        import_file(db, path, progress=progress)

    assert max(progress.seen) >= 1000  # it really was part-way through
    assert _counts(db) == before
    assert import_history.last_import(db) is None
    assert _listed(db, "person") == []


def test_update_fills_existing_people_and_undo_restores_them(db: Database, tmp_path: Path) -> None:
    anna = influencers.create(
        db,
        InfluencerInput(
            display_name="Anna",
            email="anna@example.com",
            city="Lyon",
            tags="vegan",
            accounts=(AccountInput("instagram", "anna.bakes", followers=1000),),
        ),
    )
    path = _csv(
        tmp_path,
        "Name,IG,Followers,City,Tags,TikTok handle\nAnna B,anna.bakes,2k,Paris,baking,annab\n"
        "Ben,ben,5k,,,\n",
    )

    summary = import_file(db, path, on_duplicate="update")

    assert (summary.created, summary.updated) == (1, 1)
    updated = influencers.get(db, anna)
    assert updated.display_name == "Anna B" and updated.city == "Paris"
    assert updated.tags == ("baking", "vegan")
    assert [(a.platform, a.followers) for a in updated.accounts] == [
        ("instagram", 2000),
        ("tiktok", None),
    ]

    result = import_history.undo_last_import(db)

    assert (result.removed, result.restored) == (1, 1)
    restored = influencers.get(db, anna)
    assert (restored.display_name, restored.city, restored.tags) == ("Anna", "Lyon", ("vegan",))
    assert [(a.platform, a.followers) for a in restored.accounts] == [("instagram", 1000)]
    assert len(influencers.snapshots(db, restored.accounts[0].id)) == 1
    assert [p.display_name for p in _listed(db)] == ["Anna"]
    assert _listed(db, "ben") == []
    assert import_history.last_import(db) is None


def test_undo_is_refused_when_an_imported_person_was_edited_since(
    db: Database, tmp_path: Path
) -> None:
    import_file(db, _csv(tmp_path, "Name,IG\nAnna,anna\nBen,ben\nCy,cy\n"))
    ids = _ids_by_name(db)
    edited = influencers.get(db, ids["Ben"]).to_input()
    influencers.update(db, ids["Ben"], edited.__class__(**{**edited.__dict__, "city": "Oslo"}))

    with pytest.raises(import_history.EditedSinceImport, match=r"1 of the people .* \(Ben\)"):
        import_history.undo_last_import(db)
    assert influencer_list.count(db) == 3

    result = import_history.undo_last_import(db, keep_edited=True)

    assert (result.removed, result.kept) == (2, 1)
    assert list(_ids_by_name(db)) == ["Ben"]


def test_undo_with_nothing_imported_says_so(db: Database) -> None:
    with pytest.raises(import_history.NothingToUndo, match="no import to undo"):
        import_history.undo_last_import(db)


def test_only_skipped_duplicates_import_nothing_and_say_so(db: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Name,IG\nAnna,anna\n")
    import_file(db, path)

    again = import_file(db, path)

    assert again.refused is not None and "every row is already in infcrm" in again.refused
    assert again.skipped_reasons == ("Row 2: Already in infcrm as Anna (same account).",)
    assert len(import_history.imports(db)) == 1


def test_our_export_imports_back_into_an_empty_database(demo_db: Database, tmp_path: Path) -> None:
    from infcrm.db.engine import open_database
    from infcrm.files.xlsx_export import export_xlsx

    # The demo writes Pinterest, Twitch and LinkedIn handles with “.”, which those platforms
    # (and the import's handle rules) refuse; make them what a user could have typed.
    with demo_db.transaction() as session:
        session.execute(
            update(SocialAccount)
            .where(SocialAccount.platform.in_(("pinterest", "twitch", "linkedin")))
            .values(handle=func.replace(SocialAccount.handle, ".", "_"))
        )
    exported = tmp_path / "everyone.xlsx"
    export_xlsx(demo_db, exported)
    empty = open_database(tmp_path / "empty.sqlite")
    try:
        summary = import_file(empty, exported)
        assert summary.refused is None, summary.problems[:5]
        assert summary.created == influencer_list.count(demo_db)
        assert _people(empty) == _people(demo_db)
    finally:
        empty.close()


def _people(db: Database) -> dict[str, tuple]:
    """Each person's own fields and accounts, keyed by name, as the round trip must keep them."""
    people = {}
    for row in _listed(db):
        p = influencers.get(db, row.id)
        accounts = sorted(
            (Platform(a.platform).value, a.handle, a.followers, a.is_primary) for a in p.accounts
        )
        main = next((a for a in p.accounts if a.is_primary), None)
        figures = (main.avg_likes, main.avg_comments, main.avg_views) if main else None
        people[p.display_name] = (
            p.real_name, p.email, p.other_emails, p.phone, p.country, p.city, p.language,
            p.niches, p.tags, p.stage_name, p.owner, p.rating, p.do_not_contact, p.brand_fit,
            p.notes, accounts, figures,
        )  # fmt: skip
    return people


def test_the_import_history_migration_goes_down_and_up_again(db: Database) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from infcrm.db import schema

    config = schema.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    assert "import_batch" not in inspect(db.engine).get_table_names()

    schema.upgrade(db.engine)

    assert {"import_batch", "import_batch_item"} <= set(inspect(db.engine).get_table_names())


def test_an_import_backs_up_the_database_first(db, tmp_path) -> None:
    from infcrm.db.backups import default_folder
    from infcrm.files.import_apply import import_file

    source = tmp_path / "people.csv"
    source.write_text("Name,Instagram handle,Followers\nMia Bakes,@mia.bakes,12.3k\n", "utf-8")
    summary = import_file(db, source, platform="instagram")
    assert summary.created == 1
    copies = list(default_folder(db.path).glob("*import*"))
    assert len(copies) == 1, "a copy of the database is made before an import writes"
