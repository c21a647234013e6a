"""Re-importing a list that changes the people already there: every person gets the file's
values (figures, tags, new accounts), the import's undo puts each back as it was, and the
people are written many at a time (a re-import of 100,000 changed rows took ten minutes when
each person cost a dozen statements of their own)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, select

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, InfluencerTag, MetricSnapshot, SocialAccount
from infcrm.files.import_apply import import_file
from infcrm.services.exchange import import_history
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.progress import Cancelled
from tests.table_dump import everything

PEOPLE = 1_200  # more than two groups of people read and written together


def _write(path: Path, header: str, lines: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _first_list(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "list.csv",
        "Name,Instagram,Followers,City",
        [f"Creator {i},creator_{i},{1000 + i},Lyon" for i in range(PEOPLE)],
    )


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    """The SQL statements run on `db` inside the block."""
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)


def test_a_reimport_fills_everyone_and_its_undo_puts_everyone_back(
    db: Database, tmp_path: Path
) -> None:
    assert import_file(db, _first_list(tmp_path), on_duplicate="create").created == PEOPLE
    before = everything(db)
    again = _write(
        tmp_path / "again.csv",
        "Name,Instagram,Followers,City,Tags,TikTok handle",
        [f"Creator {i},creator_{i},{2000 + i},Paris,fair,tok_{i}" for i in range(PEOPLE)],
    )
    with _statements(db) as importing:
        summary = import_file(db, again, on_duplicate="update")

    assert (summary.created, summary.updated) == (0, PEOPLE)
    with db.reader() as session:
        cities = set(session.scalars(select(Influencer.city)))
        followers = dict(
            session.execute(
                select(SocialAccount.handle, SocialAccount.followers).where(
                    SocialAccount.platform == "instagram"
                )
            ).all()
        )
        tiktok = session.scalars(
            select(SocialAccount.handle).where(SocialAccount.platform == "tiktok")
        ).all()
        tags = session.scalars(select(InfluencerTag.name)).all()
        snapshots = session.scalars(select(MetricSnapshot.followers)).all()
    assert cities == {"Paris"}
    assert followers["creator_7"] == 2007 and followers["creator_1199"] == 3199
    assert sorted(tiktok) == sorted(f"tok_{i}" for i in range(PEOPLE))
    assert tags == ["fair"] * PEOPLE
    assert 2007 in snapshots  # the figures' history has the new count beside the first
    assert len(importing) < PEOPLE // 10  # not one statement (or a dozen) per person

    with _statements(db) as undoing:
        result, _redo = undo_import(db, summary.batch_id)

    assert result.restored == PEOPLE
    assert everything(db) == before
    assert len(undoing) < PEOPLE // 10  # putting them back: the same


def test_two_rows_finding_one_person_both_land_and_undo_back_to_the_start(
    db: Database, tmp_path: Path
) -> None:
    first = _write(
        tmp_path / "list.csv",
        "Name,Instagram,Followers,City,Email",
        [f"Creator {i},creator_{i},{1000 + i},Lyon,c{i}@example.com" for i in range(PEOPLE)],
    )
    import_file(db, first, on_duplicate="create")
    before = everything(db)
    # Two rows find Creator 3 side by side, and Creator 5 far apart: one by the handle, one
    # by the email. Nothing in the file says they are one person, so both update them.
    lines = [f"Creator {i},creator_{i},{5000 + i},," for i in range(PEOPLE)]
    lines[5] = "Creator 5,creator_5,5005,Rome,"  # then Oslo: the later row's city stays
    lines.insert(900, "Creator 5,,,Oslo,c5@example.com")
    lines.insert(4, "Creator 3,,,Oslo,c3@example.com")
    again = _write(tmp_path / "again.csv", "Name,Instagram,Followers,City,Email", lines)

    summary = import_file(db, again, on_duplicate="update")

    assert (summary.created, summary.updated, summary.added_to_earlier) == (0, PEOPLE + 2, 0)
    with db.reader() as session:
        found = session.execute(
            select(Influencer.display_name, Influencer.city, SocialAccount.followers)
            .join(SocialAccount)
            .where(Influencer.display_name.in_(["Creator 3", "Creator 5"]))
            .order_by(Influencer.display_name)
        ).all()
    assert [tuple(row) for row in found] == [
        ("Creator 3", "Oslo", 5003),
        ("Creator 5", "Oslo", 5005),
    ]

    result, _redo = undo_import(db, summary.batch_id)

    assert result.restored == PEOPLE
    assert everything(db) == before


class _Told:
    """What the import's progress says, stopping it when `stop_at` is said."""

    def __init__(self, stop_at: str | None = None) -> None:
        self.said: list[tuple[int, int, str]] = []
        self.stop_at = stop_at

    def report(self, done: int, total: int, text: str = "") -> None:
        self.said.append((done, total, text))
        if self.stop_at and text.startswith(self.stop_at):
            raise Cancelled


def test_a_reimport_says_it_updates_and_stopped_while_updating_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    import_file(db, _first_list(tmp_path), on_duplicate="create")
    before = everything(db)
    again = _write(
        tmp_path / "again.csv",
        "Name,Instagram,Followers,City",
        [f"Creator {i},creator_{i},{2000 + i},Paris" for i in range(PEOPLE)],
    )
    told = _Told()

    import_file(db, again, on_duplicate="update", progress=told)

    texts = [text for _done, _total, text in told.said]
    assert f"Importing row 1,001 of {PEOPLE:,}…" in texts
    assert not [t for t in texts if t.startswith("Adding")]  # nobody is added
    updating = [t for t in texts if t.startswith("Updating")]
    assert updating == [f"Updating people {n} of {PEOPLE:,}…" for n in ("1", "501", "1,001")]
    undo_import(db, import_history.last_import(db).id)
    assert everything(db) == before

    with pytest.raises(Cancelled):
        import_file(db, again, on_duplicate="update", progress=_Told("Updating people 1,001"))

    assert everything(db) == before  # the people already updated went back too
