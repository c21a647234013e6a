"""The same people imported twice with `skip` are not doubled, however the second list writes
them: by name only, in other capitals or without accents, a handle with or without its “@”,
a profile link for the handle."""

from __future__ import annotations

from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.table_dump import rows_of


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _count(db: Database) -> int:
    return rows_of(db, "SELECT count(*) FROM influencer")[0][0]


def _crowd(db: Database, tmp_path: Path, many: bool) -> int:
    """Enough other people that a short list looks up its few people instead of reading
    everyone (`import_lookup`), or nobody else; how many."""
    if not many:
        return 0
    lines = "".join(f"Person {n},person{n}@mail.test\n" for n in range(120))
    return import_file(db, _write(tmp_path / "crowd.csv", "Name,Email\n" + lines)).created


SECOND_LISTS = {
    "the same file": ("Name\nZoë Müller\nOmar Haddad\n", "Name\nZoë Müller\nOmar Haddad\n"),
    "other capitals and spacing": ("Name\nZoë Müller\n", "Name\nZOË  müller\n"),
    "without accents": ("Name\nZoë Müller\nJosé Núñez\n", "Name\nZoe Muller\njose nunez\n"),
    "with accents": ("Name\nZoe Muller\n", "Name\nZoë Müller\n"),
    "copied with invisible characters": (
        "Name\nAna Ruiz\n",
        "Name\nAna\u200b Ruiz\ufeff\n",
    ),
    "a handle with and without @": (
        "Name,Instagram\nAna Ruiz,@ana.ruiz\n",
        "Name,Instagram\nAna Ruiz,ana.ruiz\n",
    ),
    "a profile link for the handle": (
        "Instagram\nana.ruiz\n",
        "Instagram\nhttps://instagram.com/Ana.Ruiz/\n",
    ),
}


@pytest.mark.parametrize("many", [False, True], ids=["everyone read", "looked up"])
@pytest.mark.parametrize("first, second", SECOND_LISTS.values(), ids=SECOND_LISTS.keys())
def test_a_second_list_of_the_same_people_adds_nobody(
    db: Database, tmp_path: Path, first: str, second: str, many: bool
) -> None:
    crowd = _crowd(db, tmp_path, many)
    created = import_file(db, _write(tmp_path / "first.csv", first)).created

    summary = import_file(db, _write(tmp_path / "second.csv", second))

    assert (summary.created, summary.skipped) == (0, created)
    assert _count(db) == crowd + created


def test_two_people_whose_names_differ_only_by_accents_in_one_file_are_one(
    db: Database, tmp_path: Path
) -> None:
    summary = import_file(db, _write(tmp_path / "list.csv", "Name\nJosé Núñez\nJose Nunez\n"))

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (1, 0, 1)
