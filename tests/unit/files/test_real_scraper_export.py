"""An Instagram scraper's export imports without being told the platform.

`apify-instagram-scraper-profiles.csv` holds the two profiles Apify publishes as its Instagram
Scraper's output (tests/fixtures/real/README.md): camelCase columns, the website in
`externalUrl` (one of them a link to the Instagram profile itself), Instagram's link shims in
`externalUrlShimmed`, profile pictures on Instagram's image servers and an empty
`facebookPage` column. The values checked were read off the file by hand.
"""

from __future__ import annotations

import csv

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import stored_person

SCRAPER = "apify-instagram-scraper-profiles.csv"


def test_the_platform_comes_from_instagrams_own_links(empty: Database, real) -> None:
    summary = import_file(empty, real(SCRAPER))  # no platform given

    assert (summary.created, summary.rejected) == (2, 0), summary.problems
    assert not summary.lacks_platform
    assert ("B (username)", "Handle or profile link") in summary.columns
    assert ("G (followersCount)", "Followers") in summary.columns
    # The empty facebookPage column names no platform, and a shim link is nobody's profile.
    assert "externalUrlShimmed" in summary.ignored
    assert any(note.startswith("Platform: Instagram") for note in summary.notes), summary.notes


def test_names_handles_followers_and_websites_read_by_hand(empty: Database, real) -> None:
    import_file(empty, real(SCRAPER))

    avengers = stored_person(empty, "Avengers: Endgame")
    assert avengers["accounts"][0][:4] == ("instagram", "avengers", None, 8_212_505)
    assert ("other", "http://www.fandango.com/avengersendgame") in [
        a[:2] for a in avengers["accounts"]
    ]
    assert "Content & Apps" in (avengers["niches"] or "")
    apify = stored_person(empty, "Apify")
    assert apify["accounts"][0][:4] == ("instagram", "apifytech", None, 190)
    assert apify["notes"].startswith("Official account of the Apify team.")
    # Its “website” is its own Instagram profile: one account, not a second one.
    assert [a[:2] for a in apify["accounts"]] == [("instagram", "apifytech")]


def test_the_profile_scrapers_link_columns_give_the_platform(
    empty: Database, real, tmp_path
) -> None:
    # Apify's Instagram Profile Scraper writes the same fields with the profile's address
    # first (“inputUrl”, “url”): the same file with those columns added.

    with real(SCRAPER).open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    path = tmp_path / "profile-scraper.csv"
    with path.open("w", encoding="utf-8", newline="") as target:
        fields = ["inputUrl", "url", *rows[0]]
        writer = csv.DictWriter(target, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            link = f"https://www.instagram.com/{row['username']}"
            writer.writerow({"inputUrl": link, "url": link, **row})

    summary = import_file(empty, path)

    assert (summary.created, summary.rejected) == (2, 0), summary.problems
    assert "Platform: Instagram (from the profile links)." in summary.notes
    assert stored_person(empty, "Apify")["accounts"][0][:4] == ("instagram", "apifytech", None, 190)


def test_the_full_name_names_people_a_list_of_handles_brought_in_before(
    empty: Database, real, tmp_path
) -> None:
    # A list of handles first: each person is named after their handle, for want of a name.
    handles = tmp_path / "handles.csv"
    handles.write_text("Instagram\navengers\napifytech\n", encoding="utf-8")
    import_file(empty, handles)
    assert stored_person(empty, "apifytech")["real_name"] is None

    summary = import_file(empty, real(SCRAPER), on_duplicate="update")

    # The scraper's fullName is the person's name from now on, and their real name.
    assert summary.updated == 2, summary.problems
    apify = stored_person(empty, "Apify")
    assert (apify["display_name"], apify["real_name"]) == ("Apify", "Apify")
    assert stored_person(empty, "Avengers: Endgame")["accounts"][0][:2] == (
        "instagram",
        "avengers",
    )
