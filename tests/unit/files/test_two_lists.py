"""The same person in two lists is found: by profile link, or flagged by name and handle."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.table_dump import rows_of


def _people(db: Database) -> list[str]:
    return [name for (name,) in rows_of(db, "SELECT display_name FROM influencer ORDER BY id")]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_profile_link_in_a_second_list_is_the_handle_of_the_first(
    db: Database, tmp_path: Path
) -> None:
    first = _write(tmp_path / "shortlist.csv", "Name,Instagram,Followers\nAna Ruiz,ana.ruiz,5400\n")
    second = _write(
        tmp_path / "agency.csv",
        "Creator,Profile URL,Email\n"
        "Ana R.,https://www.instagram.com/Ana.Ruiz/?hl=en,ana@ruiz.studio\n"
        "Ben Stone,https://www.tiktok.com/@ben.stone,\n",
    )
    assert import_file(db, first).created == 1

    summary = import_file(db, second)

    assert (summary.created, summary.skipped) == (1, 1)
    assert _people(db) == ["Ana Ruiz", "Ben Stone"]
    assert any("Ana Ruiz (same account)" in reason for reason in summary.skipped_reasons)


def test_the_same_name_but_for_accents_with_a_handle_on_another_network_is_matched(
    db: Database, tmp_path: Path
) -> None:
    insta = _write(tmp_path / "insta.csv", "Name,Instagram\nZoë Müller,zoe.bakes\n")
    tiktok = _write(tmp_path / "tiktok.csv", "Name,TikTok\nzoe muller,zoe.bakes\nSam Lee,sam.lee\n")
    import_file(db, insta)

    summary = import_file(db, tiktok)

    # Capitals and accents do not make another name, and nothing of Zoë's disagrees: her
    # TikTok, a network she had no account on, is added to her (adding is not overwriting).
    assert (summary.created, summary.updated, summary.skipped) == (1, 1, 0)
    assert (
        "Row 2: Already in infcrm as Zoë Müller (same name); a new account is added: "
        "TikTok @zoe.bakes." in summary.notes
    )
    assert _people(db) == ["Zoë Müller", "Sam Lee"]


def test_a_name_in_other_words_with_the_same_handle_on_another_network_is_flagged(
    db: Database, tmp_path: Path
) -> None:
    insta = _write(tmp_path / "insta.csv", "Name,Instagram\nZoë Müller,zoe.bakes\n")
    tiktok = _write(tmp_path / "tiktok.csv", "Name,TikTok\nZoë-Müller,zoe.bakes\nSam Lee,sam.lee\n")
    import_file(db, insta)

    summary = import_file(db, tiktok)

    # Not certain enough to merge on its own: both are kept, and the import says so.
    assert summary.created == 2
    assert summary.possible_duplicates == 1
