"""Two imports that update the same person, undone newest first, give back what the user had:
the undo of the later import is not an edit of the person, so the earlier import's undo puts
them back fully. A real edit made after an import still keeps the person. On a file and on a
server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.errors import EditedSinceImport
from infcrm.services.exchange import import_history
from infcrm.services.exchange.import_undo import undo_import
from infcrm.services.people import influencers

_HEAD_A = "Name,Email,Instagram handle,Notes\n"
_HEAD_B = "Name,Email,TikTok handle,Notes\n"


def _files(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "a.csv"
    a.write_text(_HEAD_A + "Bo Chen,bo@example.com,@bochen,file note bo\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text(_HEAD_B + "Bo Chen,bo@example.com,@bochen.tt,second note\n", encoding="utf-8")
    return a, b


def _note(db: Database, person: int, note: str) -> None:
    seen = influencers.get(db, person)
    influencers.update(db, person, replace(seen.to_input(), notes=note))


def _bo_with_own_note(db: Database, tmp_path: Path) -> tuple[int, Path, Path]:
    """Bo, added by a.csv and given the user's own note; then a.csv and b.csv update him."""
    a, b = _files(tmp_path)
    import_file(db, a)
    (bo,) = _people(db)
    _note(db, bo, "my own note")
    return bo, a, b


def _people(db: Database) -> list[int]:
    from infcrm.services.people import influencer_list
    from infcrm.services.people.influencer_types import ListQuery

    return influencer_list.list_ids(db, ListQuery())


def _update(db: Database, path: Path) -> int:
    summary = import_file(db, path, on_duplicate="update")
    assert summary.updated == 1
    return summary.batch_id


def test_undo_last_import_twice_gives_back_the_users_own_note(db: Database, tmp_path: Path) -> None:
    bo, a, b = _bo_with_own_note(db, tmp_path)
    _update(db, a)
    _update(db, b)

    assert import_history.undo_last_import(db).file_name == "b.csv"
    assert influencers.get(db, bo).notes == "file note bo"
    result = import_history.undo_last_import(db)  # nobody edited Bo: nothing to ask

    assert (result.file_name, result.restored, result.kept) == ("a.csv", 1, 0)
    assert influencers.get(db, bo).notes == "my own note"


def test_undoing_two_updates_newest_first_as_edit_undo_does_gives_back_the_users_note(
    db: Database, tmp_path: Path
) -> None:
    bo, a, b = _bo_with_own_note(db, tmp_path)
    first, second = _update(db, a), _update(db, b)

    undo_import(db, second)
    result, _redo = undo_import(db, first)

    assert (result.restored, result.kept) == (1, 0)
    assert influencers.get(db, bo).notes == "my own note"


def test_an_edit_between_the_two_imports_still_keeps_the_person_on_the_earlier_undo(
    db: Database, tmp_path: Path
) -> None:
    bo, a, b = _bo_with_own_note(db, tmp_path)
    first = _update(db, a)
    _note(db, bo, "written after a.csv")
    second = _update(db, b)

    undo_import(db, second)
    assert influencers.get(db, bo).notes == "written after a.csv"
    with pytest.raises(EditedSinceImport):
        import_history.undo_last_import(db)
    result, _redo = undo_import(db, first)

    assert (result.restored, result.kept) == (0, 1)
    assert influencers.get(db, bo).notes == "written after a.csv"


def test_the_earlier_import_undone_first_keeps_the_person_the_later_one_changed(
    db: Database, tmp_path: Path
) -> None:
    bo, a, b = _bo_with_own_note(db, tmp_path)
    first, second = _update(db, a), _update(db, b)

    result, _redo = undo_import(db, first)
    assert (result.restored, result.kept) == (0, 1)
    undo_import(db, second)

    assert influencers.get(db, bo).notes == "file note bo"


def test_the_later_import_redone_and_undone_again_still_gives_back_the_users_note(
    db: Database, tmp_path: Path
) -> None:
    from infcrm.services import restore_points

    bo, a, b = _bo_with_own_note(db, tmp_path)
    first, second = _update(db, a), _update(db, b)

    _result, redo = undo_import(db, second)
    undo = restore_points.restore(db, redo, "redoing")
    assert influencers.get(db, bo).notes == "second note"
    restore_points.restore(db, undo)
    result, _redo = undo_import(db, first)

    assert (result.restored, result.kept) == (1, 0)
    assert influencers.get(db, bo).notes == "my own note"


def test_undo_last_import_after_the_later_ones_redo_still_gives_back_the_users_note(
    db: Database, tmp_path: Path
) -> None:
    from infcrm.services import restore_points

    bo, a, b = _bo_with_own_note(db, tmp_path)
    _update(db, a)
    second = _update(db, b)

    _result, redo = undo_import(db, second)
    restore_points.restore(db, redo, "redoing")
    import_history.undo_last_import(db)
    result = import_history.undo_last_import(db)

    assert (result.restored, result.kept) == (1, 0)
    assert influencers.get(db, bo).notes == "my own note"


def test_a_teammates_edit_kept_by_the_later_undo_stays_through_its_redo_and_the_earlier_undo(
    db: Database, ana: Database, tmp_path: Path
) -> None:
    from infcrm.services import restore_points

    bo, a, b = _bo_with_own_note(db, tmp_path)
    first, second = _update(db, a), _update(db, b)
    _note(ana, bo, "Ana's note")

    result, redo = undo_import(db, second)
    assert result.kept == 1
    undo = restore_points.restore(db, redo, "redoing")
    restore_points.restore(db, undo)
    result, _redo = undo_import(db, first)

    assert (result.restored, result.kept) == (0, 1)
    assert influencers.get(db, bo).notes == "Ana's note"
