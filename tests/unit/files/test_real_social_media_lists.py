"""The “Social media influencers 2022” lists as people re-published them: one Instagram, one
YouTube and one TikTok sheet downloaded from Google Sheets (see tests/fixtures/real/README.md).

Each keeps its handle in a column called after the person (“Influencer insta name”,
“youtuber name”, “Tiktoker name”) and the display name in one called after the network
(“instagram name”, “channel name”, “Tiktok name”), repeats a figure column under the same name
as plain digits, and writes “N/A” and the spreadsheet error “#VALOR!” where nothing was found.
"""

from __future__ import annotations

import pytest

from infcrm.__main__ import main
from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import stored_person as _person

INSTAGRAM = "social media influencers - instagram.csv"
YOUTUBE = "social media influencers - youtube.csv"
TIKTOK = "social media influencers-TIKTOK - ---DEC 2022.csv"


def _audience(db: Database, name: str) -> str | None:
    import sqlite3

    conn = sqlite3.connect(db.path)
    try:
        row = conn.execute(
            "SELECT a.audience_countries FROM social_account a JOIN influencer i"
            " ON i.id = a.influencer_id WHERE i.display_name = ?",
            (name,),
        ).fetchone()
        return row[0]
    finally:
        conn.close()


def test_instagram_list_keeps_the_handle_column_named_after_the_influencer(
    empty: Database, real
) -> None:
    summary = import_file(empty, real(INSTAGRAM))

    # Every row has a handle, so nobody is left out — also those without a display name.
    assert summary.created == 30 and not summary.problems
    assert ("A (Influencer insta name)", "Instagram handle") in summary.columns
    assert ("B (instagram name)", "Name (by content)") in summary.columns
    # Headers with a line break inside are named without it.
    assert {"Followers Numbers", "Authentic engagement", "Engagement avg Values"} <= set(
        summary.ignored
    )
    # Four engagement columns left out for one reason: said once, naming all four.
    left_out = [note for note in summary.notes if "left out" in note]
    assert left_out == [
        "Columns H (Authentic engagement), I (Authentic engagement Values), J (Engagement avg) "
        "and K (Engagement avg Values) are left out: Engagement is worked out from followers, "
        "likes and comments; map average likes and comments instead."
    ]
    lewandowski = _person(empty, "Robert Lewandowski")
    assert lewandowski["accounts"] == [("instagram", "_rl9", None, 25_000_000, None, None, None)]
    assert lewandowski["niches"] == "Sports with a ball"
    # The country of most of the audience is not where the person lives.
    assert lewandowski["country"] is None
    assert _audience(empty, "Robert Lewandowski") == "Poland"
    assert _person(empty, "AB de Villiers")["niches"] == "Sports with a ball, Lifestyle"
    # No name in the list: the person is known by the handle.
    assert _person(empty, "21savage")["accounts"][0][:4] == (
        "instagram",
        "21savage",
        None,
        13_200_000,
    )
    assert _audience(empty, "SUGA of BTS 민윤기") is None  # “N/A”
    assert _person(empty, "설인아 sᴇᴏʀɪɴᴀ")["accounts"][0][1] == "_seorina"


def test_youtube_list_takes_the_channel_name_as_the_name_and_the_youtuber_as_the_handle(
    empty: Database, real
) -> None:
    summary = import_file(empty, real(YOUTUBE))

    assert summary.created == 25 and not summary.problems
    assert ("A (youtuber name)", "YouTube handle (by content)") in summary.columns
    assert ("B (channel name)", "Name") in summary.columns
    assert ("F (Audience Country)", "Audience countries") in summary.columns
    # Each figure is in two columns of the same name: the ones left out are told by letter.
    assert summary.ignored == (
        "E (Subscribers)",
        "H (avg views)",
        "J (avg likes)",
        "L (avg comments)",
    )
    # … and which copy was imported: the second is not compared with the first.
    assert (
        "E (Subscribers) is a second Followers column: D (Subscribers) is imported, E is "
        "ignored and not compared with it."
    ) in summary.notes
    assert (
        "L (avg comments) is a second Average comments column: K (avg comments) is imported, "
        "L is ignored and not compared with it."
    ) in summary.notes
    assert _person(empty, "T-Series")["accounts"] == [
        ("youtube", "tseries", None, 212_100_000, 9_800, 290, 323_700)
    ]
    assert _audience(empty, "T-Series") == "India"
    assert _person(empty, "MrBeast")["accounts"][0][:4] == (
        "youtube",
        "mrbeast6000",
        None,
        92_500_000,
    )
    # A channel known by its name only keeps its figures on an account labelled with it.
    assert _person(empty, "Like Nastya")["accounts"] == [
        ("youtube", None, "Like Nastya", 90_100_000, 74_200, None, 13_700_000)
    ]
    assert _audience(empty, "Cocomelon - Nursery Rhymes") is None  # “N/A”
    assert _person(empty, "J Balvin")["accounts"][0][3:] == (33_300_000, None, None, 0)


def test_youtube_list_reports_the_spreadsheet_errors_and_leaves_them_empty(
    empty: Database, real
) -> None:
    # The plain-digit copy of the comments, where Google Sheets wrote “#VALOR!” (Spanish for
    # #VALUE!) beside every “N/A”: the formula failed, so the cell is left empty and said.
    summary = import_file(empty, real(YOUTUBE), mapping={"L": "avg_comments", "K": "ignore"})

    assert summary.created == 25 and summary.rejected == 0
    assert summary.problems == (
        "9 rows (3, 7, 8, 11, 22 …), column L (avg comments): “#VALOR!” is a spreadsheet "
        "error (a formula that failed), not a value. Left empty.",
    )
    assert _person(empty, "Like Nastya")["accounts"][0][5] is None
    assert _person(empty, "T-Series")["accounts"][0][5] == 290


def test_tiktok_list_with_tiktoker_and_tiktok_name_columns(empty: Database, real) -> None:
    summary = import_file(empty, real(TIKTOK))

    # Rank 51 repeats rank 50 word for word: one person.
    assert (summary.created, summary.skipped, summary.added_to_earlier) == (24, 0, 1)
    assert ("B (Tiktoker name)", "TikTok handle (by content)") in summary.columns
    assert ("C (Tiktok name)", "Name (by content)") in summary.columns
    assert ("G (likes(avg.))", "Average likes") in summary.columns
    assert summary.ignored == (
        "Rank",
        "F (views(avg))",
        "H (likes(avg.))",
        "J (comments(avg.))",
        "K (shares(avg.))",
        "L (shares(avg.))",
    )
    assert _person(empty, "MrBeast")["accounts"] == [
        ("tiktok", "mrbeast", None, 60_300_000, 3_500_000, 30_800, 29_200_000)
    ]
    assert _person(empty, "Міша Городецький 🇺🇦")["accounts"][0][1] == "mishayoung"
    assert _person(empty, "Nama gue Rian, tp bkn babayo")["accounts"][0][1] == "muluerror"
    assert _person(empty, "Kourtney-Penelope")["accounts"][0][5] == 0


def test_the_command_line_says_which_copy_of_a_repeated_figure_it_imported(
    tmp_path, real, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "crm.sqlite"

    assert main(["import", "--db", str(db), "--dry-run", str(real(YOUTUBE))]) == 0

    out = capsys.readouterr().out
    assert "Ignored: E (Subscribers), H (avg views), J (avg likes), L (avg comments)" in out
    assert (
        "  G (avg views) is imported" not in out
        and "  H (avg views) is a second Average views column: G (avg views) is imported, H is "
        "ignored and not compared with it."
        in out
    )
