"""A handle cell carrying a zero-width space or a stray byte-order mark (pasted from a web
page, or two CSV files joined together) is read as the handle without it, from a CSV file and
from a workbook alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery

ROWS = [
    ["Name", "Instagram", "TikTok"],
    ["Mia Stone", "mia\u200b", "\ufeff@mia.tt"],
    ["\ufeffNoor Hale", "\ufeffnoor.h", "noor\u2060tt"],
    ["Olu Ade", "@\u200bolu_ade\u200b", "https://www.tiktok.com/@olu\u200b"],
]
EXPECTED = {
    "Mia Stone": {"instagram": "mia", "tiktok": "mia.tt"},
    "Noor Hale": {"instagram": "noor.h", "tiktok": "noortt"},
    "Olu Ade": {"instagram": "olu_ade", "tiktok": "olu"},
}


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "pasted.csv"
    path.write_text("\n".join(",".join(row) for row in ROWS) + "\n", encoding="utf-8")
    return path


def _xlsx(tmp_path: Path) -> Path:
    book = Workbook()
    for row in ROWS:
        book.active.append(row)
    path = tmp_path / "pasted.xlsx"
    book.save(path)
    return path


def _handles(db: Database) -> dict[str, dict[str, str]]:
    found = {}
    for person_id in influencer_list.list_ids(db, ListQuery()):
        person = influencers.get(db, person_id)
        found[person.display_name] = {a.platform: a.handle for a in person.accounts}
    return found


@pytest.mark.parametrize("make", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_invisible_characters_in_a_handle_are_left_out(make, db: Database, tmp_path: Path) -> None:
    path = make(tmp_path)

    summary = import_file(db, path)

    assert summary.created == 3
    assert _handles(db) == EXPECTED
    # The same list again finds the same people by their handles: nobody is added twice.
    again = import_file(db, path)
    assert (again.created, again.skipped) == (0, 3)
