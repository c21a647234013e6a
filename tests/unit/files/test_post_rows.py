"""A sheet with one row per post: each creator's average is the mean of their posts."""

from __future__ import annotations

import shutil
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import REAL
from tests.real_files import stored_person as _person


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "posts.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_campaign_template_with_two_posts_of_one_creator_averages_them(
    empty: Database, tmp_path: Path
) -> None:
    # Maria Silva's Reels (5000 likes, 200 comments, 50000 views) and Stories (0, 0, 25000).
    path = tmp_path / "modelo_campanha.csv"
    shutil.copyfile(REAL / "modelo_campanha.csv", path)
    summary = import_file(empty, path)

    assert (summary.created, summary.skipped) == (2, 1)
    assert _person(empty, "Maria Silva")["accounts"] == [
        ("instagram", "mariasilva", None, 150_000, 2_500, 100, 37_500)
    ]
    assert _person(empty, "Joao Santos")["accounts"][0][4:] == (3_000, 100, 100_000)
    assert (
        "1 person had several rows (one per post): their likes, comments and views are "
        "averaged." in summary.notes
    )


def test_posts_of_several_creators_are_averaged_each_and_counted(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Creator,TikTok,Followers,Likes,Comments,Video\n"
        "Lena,lenabakes,12000,100,10,https://www.tiktok.com/@lenabakes/video/1\n"
        "Ben,ben.stone,9000,50,,https://www.tiktok.com/@ben.stone/video/2\n"
        "Lena,lenabakes,12000,200,20,https://www.tiktok.com/@lenabakes/video/3\n"
        "Ola,ola.berg,500,7,1,https://www.tiktok.com/@ola.berg/video/4\n"
        "Lena,lenabakes,12100,301,31,https://www.tiktok.com/@lenabakes/video/5\n"
        "Ben,ben.stone,9000,70,4,https://www.tiktok.com/@ben.stone/video/6\n",
    )
    summary = import_file(empty, path)

    assert (summary.created, summary.skipped) == (3, 3)
    # The mean of the posts that give a figure; followers as the first row says.
    assert _person(empty, "Lena")["accounts"][0][3:6] == (12_000, 200, 20)
    assert _person(empty, "Ben")["accounts"][0][3:6] == (9_000, 60, 4)
    assert _person(empty, "Ola")["accounts"][0][3:6] == (500, 7, 1)
    assert (
        "2 people had several rows (one per post): their likes and comments are averaged."
        in summary.notes
    )


def test_a_list_repeating_a_row_as_it_was_is_not_a_sheet_of_posts(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Name,Instagram,Followers,Avg likes\n"
        "Lena,lenabakes,12000,100\n"
        "Ben,ben.stone,9000,50\n"
        "Lena,lenabakes,12000,100\n",
    )
    summary = import_file(empty, path)

    assert (summary.created, summary.skipped) == (2, 1)
    assert _person(empty, "Lena")["accounts"][0][3:5] == (12_000, 100)
    assert not any("several rows" in note for note in summary.notes)


def test_posts_of_one_creator_written_differently_are_averaged_together(
    empty: Database, tmp_path: Path
) -> None:
    # A tracker filled in by hand: the same creator as “@lenabakes”, “lenabakes”, “LenaBakes”
    # and a link to her profile. The importer takes all four for one account, so all four
    # posts count towards her average (not the first, with the others skipped as repeats).
    path = _write(
        tmp_path,
        "Creator,TikTok,Followers,Likes,Comments,Video\n"
        "Lena,@lenabakes,12000,100,10,https://www.tiktok.com/@lenabakes/video/1\n"
        "Ben,ben.stone,9000,50,5,https://www.tiktok.com/@ben.stone/video/2\n"
        "Lena,lenabakes,12000,200,20,https://www.tiktok.com/@lenabakes/video/3\n"
        "Lena,LenaBakes,12000,300,30,https://www.tiktok.com/@lenabakes/video/4\n"
        "Lena,https://www.tiktok.com/@lenabakes,12000,400,40,"
        "https://www.tiktok.com/@lenabakes/video/5\n",
    )
    summary = import_file(empty, path)

    assert (summary.created, summary.skipped) == (2, 3)
    assert _person(empty, "Lena")["accounts"][0][1:6] == ("lenabakes", None, 12_000, 250, 25)
    assert _person(empty, "Ben")["accounts"][0][3:6] == (9_000, 50, 5)
    assert (
        "1 person had several rows (one per post): their likes and comments are averaged."
        in summary.notes
    )
