"""Real creator-platform exports, contact sheets and Google Sheets downloads import as expected.

The files are in tests/fixtures/real/ with their sources in the README there; the values
checked here were read off the files by hand.
"""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database, open_database
from infcrm.files.import_apply import import_file
from tests.real_files import stored_person as _person


def test_creator_platform_database_export_with_camel_case_headers(
    empty: Database, tmp_path: Path, real
) -> None:
    summary = import_file(empty, real("viral-scrapper-creators.csv"))

    assert (summary.created, summary.rejected) == (13, 0)
    # No platform column and no profile links, but every picture is on Instagram's servers.
    assert "Platform: Instagram (from the Instagram links in “profilePicUrl”)." in summary.notes
    assert ("G (avgViews30d)", "Average views") in summary.columns
    assert summary.ignored == ("id", "profilePicUrl", "reelsCount30d", "lastScrapedAt")
    nick = _person(empty, "nick_saraev")
    assert nick["niches"] == "AI"
    assert nick["accounts"] == [("instagram", "nick_saraev", None, 490_356, None, None, 146_815)]
    assert _person(empty, "marktilbury")["accounts"][0][3:] == (2_080_662, None, None, 438_941)
    assert _person(empty, "elites.crypto")["niches"] == "copypaste"


def test_contacts_sheet_with_one_column_per_network(empty: Database, tmp_path: Path, real) -> None:
    summary = import_file(empty, real("history-creators-directory.csv"))

    # Every row names its channel; the “handle” column repeats the YouTube link's handle.
    assert (summary.created, summary.rejected) == (30, 0)
    assert ("E (youtube)", "YouTube handle") in summary.columns
    assert "youtube_channel_id" in summary.ignored
    milo = _person(empty, "Stefan Milo")
    assert milo["accounts"] == [("youtube", "stefanmilo", None, None, None, None, None)]
    assert milo["language"] == "en"
    girl = _person(empty, "Ancient Girl")
    assert {(a[0], a[1]) for a in girl["accounts"]} >= {
        ("youtube", "ancientstuffgirl"),
        ("instagram", "ancientstuffgirl"),
        ("tiktok", "ancientstuffgirl"),
    }
    garrett = _person(empty, "toldinstone (Garrett Ryan)")
    assert ("youtube", "toldinstone") in {(a[0], a[1]) for a in garrett["accounts"]}
    assert _person(empty, "Storia d’Italia")["language"] == "it"


def test_google_sheets_download_names_only_with_thousands_separators(
    empty: Database, tmp_path: Path, real
) -> None:
    path = real("alpha_creators - Sheet1 copy.csv")
    summary = import_file(empty, path)

    # A list of names and follower counts says nothing of the platform: the figures wait for it.
    assert summary.created == 5
    # The same problem of the five rows is said once, with how many rows have it.
    assert len(summary.problems) == 1 and "choose one platform" in summary.problems[0]
    assert summary.lacks_platform  # each surface says how to choose it
    assert summary.problems[0].startswith("5 rows (2, 3, 4, 5, 6), column D (Followers):")
    ninja = _person(empty, "Ninja")
    assert (ninja["niches"], ninja["notes"]) == ("Gaming", "#1 Fortnite streamer")

    again = open_database(tmp_path / "with-platform.sqlite")
    try:
        summary = import_file(again, path, platform="tiktok")
        assert (summary.created, summary.problems) == (5, ())
        # “1,000,000” as Google Sheets writes it, kept on an account named after the person.
        assert _person(again, "Mary Jane")["accounts"] == [
            ("tiktok", None, "Mary Jane", 1_000_000, None, None, None)
        ]
        assert _person(again, "Ninja")["accounts"][0][3] == 10_000_000
        assert _person(again, "Shawtay")["niches"] == "Dance & Fitness"
    finally:
        again.close()
