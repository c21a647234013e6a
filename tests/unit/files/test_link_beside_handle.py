"""A profile link beside a handle of the same network that names another account is said,
on every network's columns, in words that say what was kept."""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import stored_person as _person


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "creators.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_tiktok_link_beside_a_tiktok_handle_is_checked_when_instagram_is_the_main(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Name,Instagram,Followers,TikTok,TikTok link\n"
        "Lena Vogel,lenabakes,12000,lena.tt,https://www.tiktok.com/@lenavogel_official\n"
        "Ben Stone,ben.stone,9000,ben.tt,https://www.tiktok.com/@ben.tt\n",
    )
    summary = import_file(empty, path)

    assert summary.created == 2
    assert summary.problems == (
        "Row 2, column E (TikTok link): The TikTok link points to @lenavogel_official, but "
        "column D (TikTok) says @lena.tt — kept @lenavogel_official; check which is theirs.",
    )
    # The link is the column imported (it names its network and account beyond doubt).
    handles = [(a[0], a[1]) for a in _person(empty, "Lena Vogel")["accounts"]]
    assert handles == [("instagram", "lenabakes"), ("tiktok", "lenavogel_official")]


def test_a_link_beside_the_only_networks_handle_is_checked(empty: Database, tmp_path: Path) -> None:
    # One network's handle and link and nothing else: the handle column is the main account.
    path = _write(
        tmp_path,
        "Name,Instagram handle,Instagram link\n"
        "Lena Vogel,lenabakes,https://instagram.com/lena.vogel/\n"
        "Ben Stone,ben.stone,https://instagram.com/ben.stone\n",
    )
    summary = import_file(empty, path)

    assert summary.created == 2
    assert summary.problems == (
        "Row 2, column C (Instagram link): The Instagram link points to @lena.vogel, but "
        "column B (Instagram handle) says @lenabakes — kept @lena.vogel; check which is theirs.",
    )
    assert _person(empty, "Lena Vogel")["accounts"][0][:2] == ("instagram", "lena.vogel")


def test_a_link_before_its_handle_says_the_links_account_was_kept(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Name,TikTok link,TikTok handle,Followers\n"
        "Lena Vogel,https://www.tiktok.com/@lenavogel,lena.tt,5000\n"
        "Ben Stone,https://www.tiktok.com/@ben.tt,ben.tt,7000\n",
    )
    summary = import_file(empty, path)

    assert summary.created == 2
    assert summary.problems == (
        "Row 2, column B (TikTok link): The TikTok link points to @lenavogel, but column C "
        "(TikTok handle) says @lena.tt — kept @lenavogel; check which is theirs.",
    )


def test_a_damaged_link_of_a_second_network_keeps_the_handle_beside_it(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Name,Instagram,Followers,TikTok,TikTok link\n"
        "Lena Vogel,lenabakes,12000,lena.tt,https://www.tikt\n"
        "Ben Stone,ben.stone,9000,ben.tt,https://www.tiktok.com/@ben.tt\n",
    )
    summary = import_file(empty, path)

    assert summary.created == 2
    assert summary.problems == (
        "Row 2, column E (TikTok link): “https://www.tikt” is not a TikTok link. Paste a link "
        "like tiktok.com/@name, or just the handle. Kept @lena.tt from column D (TikTok).",
    )
    handles = [(a[0], a[1]) for a in _person(empty, "Lena Vogel")["accounts"]]
    assert handles == [("instagram", "lenabakes"), ("tiktok", "lena.tt")]


def test_an_unreadable_handle_keeps_the_account_of_the_link_beside_it(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Name,Platform,Handle,Profile link\n"
        "Lena Vogel,Instagram,lena/vogel,https://instagram.com/lena.vogel/\n",
    )
    summary = import_file(empty, path)

    assert summary.created == 1
    (said,) = summary.problems
    assert said.startswith("Row 2, column C (Handle): A")
    assert said.endswith(" Kept @lena.vogel from column D (Profile link).")
    assert _person(empty, "Lena Vogel")["accounts"][0][:2] == ("instagram", "lena.vogel")


def test_a_handle_and_link_both_damaged_are_left_empty_once(
    empty: Database, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Name,Instagram handle,Followers,Instagram link\n"
        "Lena Vogel,lena/vogel,5000,https://www.insta\n"
        "Ben Stone,ben.stone,9000,https://instagram.com/ben.stone\n",
    )
    summary = import_file(empty, path)

    assert summary.created == 2
    (said,) = summary.problems
    assert said.endswith("Left empty.")
    assert _person(empty, "Lena Vogel")["accounts"][0][1] is None
