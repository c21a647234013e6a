"""A column of links to posts or videos is called that, not “profile links”; its handle is
taken from a link only when the link names the account (tiktok.com/@name/video/…)."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import stored_person as _person


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "videos.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_tiktok_video_links_give_each_creator_their_handle(empty: Database, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Name,Video\n"
        "Lena Vogel,https://www.tiktok.com/@lenabakes/video/7434566309813193991\n"
        "Ben Stone,https://www.tiktok.com/@ben.stone/video/7485152103380389127\n"
        "Ola Berg,https://www.tiktok.com/@ola.berg/video/7332943023661223200\n",
    )
    summary = import_file(empty, path)

    assert (summary.created, summary.problems) == (3, ())
    assert ("B (Video)", "Handle, from links to posts (by content)") in summary.columns
    assert (
        "Column B (Video) holds links to TikTok posts or videos, not profiles: the account "
        "each link names is imported as the handle." in summary.notes
    )
    assert not any("profile links" in note for note in summary.notes)
    assert "Platform: TikTok (from the links to posts)." in summary.notes
    assert _person(empty, "Lena Vogel")["accounts"][0][:2] == ("tiktok", "lenabakes")


def test_video_links_beside_a_network_handle_column_are_called_links_to_posts(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Creator,TikTok,Video\n"
        "Lena Vogel,lenabakes,https://www.tiktok.com/@lenabakes/video/7434566309813193991\n"
        "Ben Stone,ben.stone,https://www.tiktok.com/@ben.stone/video/7485152103380389127\n",
    )
    summary = import_file(empty, path)

    assert summary.created == 2
    assert ("C (Video)", "Links to posts (by content)") in summary.columns
    assert _person(empty, "Lena Vogel")["accounts"][0][:2] == ("tiktok", "lenabakes")


def test_instagram_post_links_beside_handles_are_left_out_without_a_problem_per_row(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Name,Instagram,Post\n"
        "Lena Vogel,lenabakes,https://www.instagram.com/p/C1abcDEF/\n"
        "Ben Stone,ben.stone,https://www.instagram.com/reel/C2abcDEF/\n"
        "Ola Berg,ola.berg,https://www.instagram.com/p/C3abcDEF/\n",
    )
    summary = import_file(empty, path)

    assert (summary.created, summary.problems) == (3, ())
    assert "Post" in summary.ignored
    assert _person(empty, "Ben Stone")["accounts"][0][:2] == ("instagram", "ben.stone")


def test_youtube_video_links_name_no_channel_and_are_left_out(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Name,Followers,Link\n"
        "Lena Vogel,1200,https://www.youtube.com/watch?v=dQw4w9WgXcQ\n"
        "Ben Stone,900,https://youtu.be/abcdefghijk\n"
        "Ola Berg,300,https://www.youtube.com/shorts/abcdefghijk\n",
    )
    summary = import_file(empty, path)

    assert summary.created == 3
    assert not any("does not point to a profile" in p for p in summary.problems)
    assert "Link" in summary.ignored
