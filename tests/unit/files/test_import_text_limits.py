"""The notes of a person's rows in a file, joined, stay within what the person's form holds:
what fits is kept, the rest is listed by row and column, as other values not imported are."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.domain.field_catalogue import max_length
from infcrm.files.import_apply import import_file
from tests.person_form import found, saves_as_it_is

ALSO_MAX = max_length("other_names")
NOTES_MAX = max_length("notes")


def _names(prefix: str, count: int) -> str:
    return "; ".join(f"{prefix} name {n:02d} {'x' * 20}" for n in range(count))


def test_notes_of_later_rows_that_do_not_fit_are_listed_not_stored(
    db: Database, tmp_path: Path
) -> None:
    """Three rows of Mia, each with 8,000 characters of notes: together longer than the
    Notes field holds."""

    def note(row: int) -> str:
        return f"Row {row} note. " + "n" * 7_986

    path = tmp_path / "notes.csv"
    path.write_text(
        "Name,Email,Platform,Handle,Notes\n"
        f"Mia Bakes,mia@bakes.test,Instagram,mia.bakes,{note(2)}\n"
        f"Mia Bakes,mia@bakes.test,TikTok,mia.tok,{note(3)}\n"
        f"Mia Bakes,mia@bakes.test,YouTube,MiaTV,{note(4)}\n",
        encoding="utf-8",
    )

    preview = import_file(db, path, dry_run=True)
    summary = import_file(db, path)

    mia = found(db, "mia bakes")
    assert mia.notes == f"{note(2)}\n\n{note(3)}"
    assert len(mia.accounts) == 3
    saves_as_it_is(db, mia)
    (problem,) = summary.problems
    assert problem.startswith("Row 4, column E (Notes): “Row 4 note. nnn")
    assert problem.endswith(
        "…” not added to the notes of row 2, the same person: Notes holds at most "
        f"{NOTES_MAX:,} characters."
    )
    assert preview.problems == summary.problems
