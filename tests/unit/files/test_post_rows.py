"""A sheet with one row per post: each creator's average is the mean of their posts."""

from __future__ import annotations

import shutil
import sqlite3
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

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (2, 0, 1)
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

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (3, 0, 3)
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

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (2, 0, 1)
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

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (2, 0, 3)
    assert _person(empty, "Lena")["accounts"][0][1:6] == ("lenabakes", None, 12_000, 250, 25)
    assert _person(empty, "Ben")["accounts"][0][3:6] == (9_000, 50, 5)
    assert (
        "1 person had several rows (one per post): their likes and comments are averaged."
        in summary.notes
    )


def test_posts_of_one_creator_known_by_email_only_are_averaged(
    empty: Database, tmp_path: Path
) -> None:
    # A YouTube campaign tracker without handles: each creator's videos share the email
    # (in other capitals once); the importer takes the rows for one person, so all count.
    path = _write(
        tmp_path,
        "Creator,Email,Subscribers,Views,Likes,Video link\n"
        "Like Nastya,team@nastya.example,120000,1000,100,https://youtu.be/a1\n"
        "Ben Stone,ben@stone.example,9000,500,50,https://youtu.be/b1\n"
        "Like Nastya,TEAM@nastya.example,120000,3000,300,https://youtu.be/a2\n"
        "Like Nastya,team@nastya.example,120000,2000,,https://youtu.be/a3\n",
    )
    summary = import_file(empty, path, platform="youtube")

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (2, 0, 2)
    # platform, handle, label, followers, likes, comments, views
    assert _person(empty, "Like Nastya")["accounts"] == [
        ("youtube", None, "Like Nastya", 120_000, 200, None, 2_000)
    ]
    assert _person(empty, "Ben Stone")["accounts"][0][3:] == (9_000, 50, None, 500)
    assert (
        "1 person had several rows (one per post): their likes and views are averaged."
        in summary.notes
    )


def test_one_email_under_two_names_is_two_people_whose_posts_stay_apart(
    empty: Database, tmp_path: Path
) -> None:
    # An agency's address given for two of its creators: the importer keeps them apart, so
    # their figures are not mixed.
    path = _write(
        tmp_path,
        "Creator,Email,Followers,Likes,Post\n"
        "Lena Berg,talent@agency.example,12000,100,https://instagram.com/p/1\n"
        "Ola Lind,talent@agency.example,8000,900,https://instagram.com/p/2\n"
        "Lena Berg,talent@agency.example,12000,300,https://instagram.com/p/3\n",
    )
    summary = import_file(empty, path, platform="instagram")

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (2, 0, 1)
    assert _person(empty, "Lena Berg")["accounts"][0][3:5] == (12_000, 200)
    assert _person(empty, "Ola Lind")["accounts"][0][3:5] == (8_000, 900)


def test_posts_of_a_creator_known_by_name_only_are_averaged_in_a_sheet_of_posts(
    empty: Database, tmp_path: Path
) -> None:
    # No handle and no email column at all, but post links: the name repeats post by post.
    path = _write(
        tmp_path,
        "Influencer,Followers,Likes,Comments,Post link,Posted on\n"
        "Maria Silva,150000,5000,200,https://instagram.com/p/x1,2024-12-01\n"
        "Joao Santos,80000,3000,100,https://instagram.com/p/y1,2024-12-02\n"
        "Maria Silva,150000,1000,0,https://instagram.com/p/x2,2024-12-03\n",
    )
    summary = import_file(empty, path, platform="instagram")

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (2, 0, 1)
    assert _person(empty, "Maria Silva")["accounts"][0][3:6] == (150_000, 3_000, 100)
    assert _person(empty, "Joao Santos")["accounts"][0][3:6] == (80_000, 3_000, 100)
    assert any("several rows (one per post)" in note for note in summary.notes)


def test_a_name_repeated_in_a_list_without_posts_is_not_averaged(
    empty: Database, tmp_path: Path
) -> None:
    # A creator list (averages already, no post columns) naming Maria Silva twice: nothing
    # says these are posts, so the first row's figures stand, as before.
    path = _write(
        tmp_path,
        "Influencer,Followers,Avg likes\n"
        "Maria Silva,150000,5000\n"
        "Joao Santos,80000,3000\n"
        "Maria Silva,90000,1000\n",
    )
    summary = import_file(empty, path, platform="instagram")

    assert _person(empty, "Maria Silva")["accounts"][0][3:5] == (150_000, 5_000)
    assert not any("several rows" in note for note in summary.notes)


def test_importing_every_row_as_a_new_person_averages_only_an_accounts_posts(
    empty: Database, tmp_path: Path
) -> None:
    # “Create a new person for each duplicate”: rows of one email become people of their own,
    # each keeping its own figures; rows of one account are still one account, averaged.
    path = _write(
        tmp_path,
        "Creator,Email,TikTok,Likes,Video\n"
        "Lena,lena@mail.example,,100,https://www.tiktok.com/@x/video/1\n"
        "Lena,lena@mail.example,,300,https://www.tiktok.com/@x/video/2\n"
        "Ben,ben@mail.example,ben.stone,50,https://www.tiktok.com/@ben.stone/video/3\n"
        "Ben,ben@mail.example,ben.stone,70,https://www.tiktok.com/@ben.stone/video/4\n",
    )
    summary = import_file(empty, path, platform="tiktok", on_duplicate="create")

    assert (summary.created, summary.skipped, summary.added_to_earlier) == (3, 0, 1)
    assert _person(empty, "Ben")["accounts"][0][4] == 60
    conn = sqlite3.connect(empty.path)
    likes = conn.execute(
        "SELECT a.avg_likes FROM social_account a JOIN influencer i ON i.id = a.influencer_id "
        "WHERE i.display_name = 'Lena' ORDER BY a.id"
    ).fetchall()
    conn.close()
    assert likes == [(100,), (300,)]
