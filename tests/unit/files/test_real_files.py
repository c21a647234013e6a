"""Real published influencer lists (tests/fixtures/real/) import with the values a user expects."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import stored_person as _person


# The .xls and .ods copies are the same lists saved by LibreOffice Calc (see the README): a real
# spreadsheet program's files must read exactly as the CSV they came from.
@pytest.mark.parametrize("suffix", [".csv", ".xls"])
def test_top_instagram_influencers_kaggle_list(empty: Database, real, suffix: str) -> None:
    summary = import_file(empty, real("top_insta_influencers_data" + suffix), platform="instagram")

    assert summary.created == 25
    assert ("B (channel_info)", "Handle or profile link") in summary.columns
    assert summary.ignored[:3] == ("rank", "influence_score", "posts")
    cristiano = _person(empty, "cristiano")
    assert cristiano["country"] == "Spain"
    assert cristiano["accounts"] == [
        ("instagram", "cristiano", None, 475_800_000, 8_700_000, None, None)
    ]
    assert _person(empty, "leomessi")["country"] is None  # “NaN” is empty, never stored
    assert _person(empty, "virat.kohli")["accounts"][0][:4] == (
        "instagram",
        "virat.kohli",
        None,
        211_800_000,
    )
    assert _person(empty, "shakira")["accounts"][0][1] == "shakira"
    # A name in the handle column of a list without names is who the row is.
    girly = _person(empty, "5-Minute Crafts GIRLY")
    assert girly["country"] == "United States"
    # Known only by its name: the figures stay on an Instagram account without a handle.
    assert girly["accounts"][0][:4] == ("instagram", None, "5-Minute Crafts GIRLY", 46_500_000)


@pytest.mark.parametrize("suffix", [".csv", ".xlsm"])
def test_top_tiktok_influencers_list_with_short_headers(empty: Database, real, suffix: str) -> None:
    summary = import_file(empty, real("tik-tok" + suffix), platform="tiktok")

    assert summary.created == 50
    assert ("B (sub)", "Followers") in summary.columns
    assert ("E (comments)", "Average comments (by content)") in summary.columns
    # A name-only list keeps every figure, on a TikTok account named after the person.
    assert _person(empty, "Aaron Murphy")["accounts"] == [
        ("tiktok", None, "Aaron Murphy", 4_700_000, 173_400, 1_400, 1_500_000)
    ]
    assert _person(empty, "Monika Kociołek")["display_name"] == "Monika Kociołek"
    assert _person(empty, "バヤシ🥑Bayashi")
    assert _person(empty, "PINAT🍅|| IG: @hesfinatia")


def test_global_youtube_statistics_names_the_platform_from_the_youtuber_column(
    empty: Database, real
) -> None:
    summary = import_file(empty, real("Global YouTube Statistics.csv"))

    assert summary.created == 10
    assert "Platform: YouTube (from the column “Youtuber”)." in summary.notes
    assert ("J (channel_type)", "Niches (by content)") in summary.columns
    assert {"video views", "video_views_rank", "subscribers_for_last_30_days"} <= set(
        summary.ignored
    )
    nastya = _person(empty, "Like Nastya")
    assert (nastya["country"], nastya["niches"]) == ("Russia", "People & Blogs, People")
    assert nastya["accounts"] == [("youtube", None, "Like Nastya", 106_000_000, None, None, None)]
    assert nastya["main_followers"] == 106_000_000  # the list sorts and filters by it
    music = _person(empty, "Music")
    assert music["country"] is None and music["niches"] == "Music"  # “nan” is empty
    assert _person(empty, "��� Kids Diana Show")["country"] == "United States"


def _stage(db: Database, person: dict) -> str | None:
    conn = sqlite3.connect(db.path)
    try:
        row = conn.execute("SELECT name FROM stage WHERE id = ?", (person["stage_id"],)).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


@pytest.mark.parametrize("suffix", [".csv", ".ods"])
def test_tiktok_shop_affiliate_creator_export(empty: Database, real, suffix: str) -> None:
    summary = import_file(empty, real("tiktok-shop-creators" + suffix))

    assert summary.created == 25 and not summary.problems
    # No profile links, but the affiliate centre's links are TikTok's: the file is about TikTok.
    assert "Platform: TikTok (from the TikTok links in “主页”)." in summary.notes
    assert ("C (creator_nickname)", "Name") in summary.columns
    assert {"creator_id", "creator_oecuid", "主页"} <= set(summary.ignored)
    codrina = _person(empty, "Codrina🤍")
    assert codrina["accounts"] == [("tiktok", "codrinachetaa", None, 1958, None, None, None)]
    assert (codrina["country"], codrina["niches"]) == ("United Kingdom", "玩具与乐器, 母婴用品")
    darcy = _person(empty, "Darcy Nicholson")
    assert darcy["accounts"][0][:4] == ("tiktok", "darcynicholson", None, 2408)


def test_top_tiktok_list_with_a_blank_line_above_the_header(empty: Database, real) -> None:
    summary = import_file(empty, real("nigerian-tiktok-influencers.csv"))

    assert summary.created == 50 and not summary.problems
    # Nothing inside the file names the network; its name does.
    assert (
        "Platform: TikTok (from the file name; use --platform to choose another)." in summary.notes
    )
    assert summary.ignored == ("Rank",)
    assert _person(empty, "Tiwa Savage")["accounts"][0][:4] == (
        "tiktok",
        "tiwasavage",
        None,
        2_900_000,
    )
    assert _person(empty, "Ayra Starr")["accounts"][0][3] == 963_800  # “963.8K”
    # The source's own lost characters stay as it has them; the handle is still read.
    assert _person(empty, "??????? ??????")["accounts"][0][1] == "kiss_aka_me"


def test_youtube_outreach_list_with_camel_case_headers(empty: Database, real) -> None:
    summary = import_file(empty, real("youtube-outreach-games.csv"))

    assert summary.created == 13
    assert "Platform: YouTube (from the profile links)." in summary.notes
    assert summary.ignored == ("channelId", "keyword", "uploads_playlist")
    assert summary.problems == (
        "Row 2, column H (email): “fill in emails yourself” is not an email address: it contains "
        "a space. Write it like name@example.com. Left empty.",
    )
    tarik = _person(empty, "tarik")
    assert tarik["accounts"] == [
        ("youtube", "UCTbtlMEiBfs0zZLQyJzR0Uw", None, 1_020_000, None, None, 201_164)
    ]
    assert _person(empty, "Cypher In Real Life")["email"] is None


def test_spanish_semicolon_list_with_a_network_infcrm_does_not_know(empty: Database, real) -> None:
    summary = import_file(empty, real("influencers-es.csv"))

    assert summary.created == 50 and not summary.problems
    assert ("E (likesAvg)", "Average likes") in summary.columns
    assert summary.ignored == ("id",)
    assert (
        "“Reddit” (row 11) is not one of infcrm's platforms: those accounts are kept under "
        "Blog / other." in summary.notes
    )
    vegetta = _person(empty, "Vegetta777")
    assert vegetta["accounts"] == [
        ("instagram", None, "Vegetta777", 6_400_000, 701_000, 2034, None)
    ]
    assert vegetta["niches"] == "Videojuegos, Minecraft, Humor, Adoescentes, Variedad"
    assert _person(empty, "Minecraft")["accounts"] == [
        ("other", None, "Minecraft (Reddit)", 84_000_000, 0, 0, None)
    ]
    assert _person(empty, "ArteMaster")["accounts"][0][:4] == (
        "youtube",
        None,
        "ArteMaster",
        4_220_000,
    )


def test_tiktok_affiliate_tracker_status_becomes_a_stage(empty: Database, real) -> None:
    summary = import_file(empty, real("tiktok-affiliate-tracker.csv"))

    assert summary.created == 5 and not summary.problems
    assert summary.stages == (("affiliate confirmed", "Agreed"),)
    andras = _person(empty, "András")
    assert andras["accounts"] == [("tiktok", "herczegandras", None, 1125, None, None, None)]
    assert _stage(empty, andras) == "Agreed"
    assert _person(empty, "Gery")["niches"] is None


def test_one_row_per_video_with_a_placeholder_email_shared_by_many(empty: Database, real) -> None:
    summary = import_file(empty, real("tiktok-k-beauty-videos.csv"))

    # 20 videos by 15 creators; 8 of them share “example@example.com” and are 8 people.
    assert (summary.created, summary.skipped, summary.added_to_earlier) == (15, 0, 5)
    # Said once for the nine rows that have it, not once per row.
    assert summary.problems == (
        "9 rows (5, 6, 9, 13, 14 …), column F (creator_email): “example@example.com” is a "
        "stand-in, not someone's address. Left empty.",
    )
    song = _person(empty, "songofskin")
    assert (song["email"], song["accounts"][0][:4]) == (
        None,
        ("tiktok", "songofskin", None, 1_300_000),
    )
    assert _person(empty, "lilyforet_")["accounts"][0][3] == 26_700


def test_outreach_tracker_with_not_found_placeholders_and_statuses(empty: Database, real) -> None:
    summary = import_file(empty, real("youtube-ai-outreach.csv"))

    assert summary.created == 19 and not summary.problems
    assert dict(summary.stages) == {"Qualified": "Prospect", "Rejected": "Declined"}
    assert ("H (contact_email)", "Email") in summary.columns
    sahil = _person(empty, "Sahil Free AI Tool")
    assert (sahil["email"], sahil["country"], _stage(empty, sahil)) == (
        "freeaitool99@gmail.com",
        "India",  # written “IN”, a code
        "Declined",
    )
    assert sahil["accounts"][0][:4] == ("youtube", "UCDYs4mQ5aLCRCImumHMVwvQ", None, 1_830_000)
    # An average is often fractional (“859.2” views a video): kept, rounded, never dropped.
    assert ("K (avg_views)", "Average views") in summary.columns
    assert sahil["accounts"][0][6] == 859
    journey = _person(empty, "AI Tool Journey")
    # “Not Found” is empty, never a country or an email.
    assert (journey["country"], journey["email"], _stage(empty, journey)) == (
        None,
        None,
        "Prospect",
    )
    conn = sqlite3.connect(empty.path)
    same_name = conn.execute(
        "SELECT count(*) FROM influencer WHERE display_name = 'AI Tools'"
    ).fetchone()
    conn.close()
    assert same_name == (3,), "three channels called “AI Tools” are three people"


def test_one_broken_byte_keeps_utf8_and_the_import_names_the_row(
    empty: Database, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    text = "Name,Instagram,City\r\nZoë Ångström,@zoe.a,Malmö\r\nBen,@ben.b,Paris\r\n".encode()
    path.write_bytes(text.replace(b"Paris", b"Par\xe9s"))

    summary = import_file(empty, path)

    assert summary.created == 2
    assert _person(empty, "Zoë Ångström")["city"] == "Malmö"  # not “ZoÃ« Ã…ngstrÃ¶m”
    assert any(note.startswith("Row 3 of “people.csv” has characters") for note in summary.notes)
