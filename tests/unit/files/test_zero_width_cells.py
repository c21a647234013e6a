"""A list copied from a web page carries zero-width characters; the import leaves them out."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.files.spreadsheet_reader import read_table
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery


def test_names_handles_and_emails_are_imported_without_zero_width_characters(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "copied.csv"
    path.write_text(
        "Name,Instagram handle,Email,Followers\n"
        "Mia Rossi\u200b,mia\u200b,mia@example.com\u2060,1200\n"
        "\ufeffLeo Park,\u200b@leo.park\u200d,leo\u200c@example.com,900\n"
        "Ana 👩\u200d🍳,ana.cooks,\u200b,300\n",
        encoding="utf-8",
    )

    summary = import_file(db, path)

    assert (summary.created, summary.rejected) == (3, 0), summary.problems
    assert summary.problems == ()
    people = {
        p.display_name: p
        for p in (influencers.get(db, i) for i in influencer_list.list_ids(db, ListQuery()))
    }
    assert set(people) == {"Mia Rossi", "Leo Park", "Ana 👩\u200d🍳"}
    assert people["Mia Rossi"].accounts[0].handle == "mia"
    assert people["Mia Rossi"].email == "mia@example.com"
    assert people["Leo Park"].accounts[0].handle == "leo.park"
    assert people["Leo Park"].email == "leo@example.com"
    assert people["Ana 👩\u200d🍳"].email is None


def test_a_cell_of_nothing_but_a_zero_width_space_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "copied.csv"
    path.write_text("Name\u200b,Handle\nMia,\u200b\n", encoding="utf-8")

    table = read_table(path)

    assert table.headers == ["Name", "Handle"]
    assert table.rows[0].cells == ("Mia", None)
