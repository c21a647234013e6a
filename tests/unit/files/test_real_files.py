"""Real published influencer lists (tests/fixtures/real/) import with the values a user expects."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from infcrm.db.engine import Database, open_database
from infcrm.files.import_apply import import_file

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "real"


@pytest.fixture
def empty(tmp_path: Path) -> Database:
    database = open_database(tmp_path / "real.sqlite")
    yield database
    database.close()


@pytest.fixture
def real(tmp_path: Path):
    """A real file copied beside the test's database: rows an import leaves out are written
    beside the file it read, and that must never be the project's own fixture folder."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copyfile(REAL / name, target)
        return target

    return copy


def _person(db: Database, name: str) -> dict:
    conn = sqlite3.connect(db.path)
    conn.row_factory = sqlite3.Row
    try:
        person = conn.execute("SELECT * FROM influencer WHERE display_name = ?", (name,)).fetchone()
        assert person is not None, f"{name} was not imported"
        accounts = conn.execute(
            "SELECT platform, handle, label, followers, avg_likes, avg_comments, avg_views "
            "FROM social_account WHERE influencer_id = ?",
            (person["id"],),
        ).fetchall()
        return dict(person) | {"accounts": [tuple(a) for a in accounts]}
    finally:
        conn.close()


def test_top_instagram_influencers_kaggle_list(empty: Database, real) -> None:
    summary = import_file(empty, real("top_insta_influencers_data.csv"), platform="instagram")

    assert summary.created == 25
    assert ("B (channel_info)", "Handle or profile link") in summary.columns
    assert summary.ignored[:3] == ("rank", "influence_score", "posts")
    cristiano = _person(empty, "@cristiano")
    assert cristiano["country"] == "Spain"
    assert cristiano["accounts"] == [
        ("instagram", "cristiano", None, 475_800_000, 8_700_000, None, None)
    ]
    assert _person(empty, "@leomessi")["country"] is None  # “NaN” is empty, never stored
    assert _person(empty, "@virat.kohli")["accounts"][0][:4] == (
        "instagram",
        "virat.kohli",
        None,
        211_800_000,
    )
    assert _person(empty, "@shakira")["accounts"][0][1] == "shakira"
    # A name in the handle column of a list without names is who the row is.
    girly = _person(empty, "5-Minute Crafts GIRLY")
    assert girly["country"] == "United States"
    # Known only by its name: the figures stay on an Instagram account without a handle.
    assert girly["accounts"][0][:4] == ("instagram", None, "5-Minute Crafts GIRLY", 46_500_000)


def test_top_tiktok_influencers_list_with_short_headers(empty: Database, real) -> None:
    summary = import_file(empty, real("tik-tok.csv"), platform="tiktok")

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
