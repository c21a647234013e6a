"""An import's new people are recorded as one run of ids; forgetting some of them cuts them out
of it (nothing of them stays in the history) and undoing the import still removes the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.exchange import import_history
from infcrm.services.exchange.import_items import runs
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery

NAMES = ["Ada", "Bo", "Cy", "Di", "Ed"]


def _import(db: Database, tmp_path: Path) -> dict[str, int]:
    source = tmp_path / "five.csv"
    rows = "".join(f"{name},{name.lower()}_x\n" for name in NAMES)
    source.write_text("Name,Instagram handle\n" + rows, encoding="utf-8")
    assert import_file(db, source).created == 5
    ids = influencer_list.list_ids(db, ListQuery())
    return {influencers.get(db, i).display_name: i for i in ids}


def _history(db: Database) -> list[tuple[int, int | None]]:
    with db.reader() as session:
        return list(
            session.execute(
                text(
                    "SELECT influencer_id, last_influencer_id FROM import_batch_item "
                    "ORDER BY influencer_id"
                )
            ).all()
        )


@pytest.mark.parametrize(
    ("forgotten", "left"),
    [(["Cy"], ["Ada", "Bo", "Di", "Ed"]), (["Ada", "Ed"], ["Bo", "Cy", "Di"]), (NAMES, [])],
)
def test_forgetting_imported_people_cuts_them_out_of_the_import_record(
    db: Database, tmp_path: Path, forgotten: list[str], left: list[str]
) -> None:
    ids = _import(db, tmp_path)
    assert _history(db) == [(ids["Ada"], ids["Ed"])], "five new people, one row"

    influencers.forget(db, [ids[name] for name in forgotten])

    kept = sorted(ids[name] for name in left)
    recorded = [i for first, last in _history(db) for i in range(first, (last or first) + 1)]
    assert recorded == kept, "the history holds exactly the people still there"
    if left:
        result = import_history.undo_last_import(db)
        assert result.removed == len(left)
    assert influencer_list.count(db) == 0


def test_runs_of_ids() -> None:
    assert runs([7, 3, 4, 5, 9, 8, 1]) == [(1, 1), (3, 5), (7, 9)]
    assert runs(range(10, 15)) == [(10, 14)]
    assert runs(range(3, 3)) == [] == runs([])
