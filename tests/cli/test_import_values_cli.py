"""`infcrm import` stores what a list says: engagement, names, countries; re-imports quietly."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from safety_helpers import infcrm

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerDetail, ListQuery


def _people(db_path: Path) -> dict[str, InfluencerDetail]:
    """Everyone stored, by name, as the edit form shows them."""
    db = open_database(db_path)
    try:
        ids = influencer_list.list_ids(db, ListQuery())
        return {p.display_name: p for p in (influencers.get(db, i) for i in ids)}
    finally:
        db.close()


def _import(tmp_path: Path, name: str, text: str, *args: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"), *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _exported_engagement(tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "out.csv"
    result = infcrm("export", str(out), "--db", str(tmp_path / "crm.sqlite"))
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return {row["Name"]: row["Engagement"] for row in csv.DictReader(handle)}


def test_engagement_stays_unknown_without_likes_and_a_real_zero_gives_zero(
    tmp_path: Path,
) -> None:
    _import(
        tmp_path,
        "figures.csv",
        "Name,Instagram,Followers,Avg likes,Avg comments\n"
        "Ana,ana.bakes,10000,,50\n"
        "Ben,ben.bakes,10000,,\n"
        "Cy,cy.bakes,10000,0,0\n"
        "Di,di.bakes,10000,250,50\n",
    )

    engagement = _exported_engagement(tmp_path)
    assert engagement == {"Ana": "", "Ben": "", "Cy": "0%", "Di": "3%"}
    db = open_database(tmp_path / "crm.sqlite")
    try:
        rows = influencer_list.rows(db, influencer_list.list_ids(db, ListQuery()))
        rates = {row.display_name: row.engagement_rate for row in rows.values()}
    finally:
        db.close()
    assert rates["Ana"] is None and rates["Ben"] is None and rates["Cy"] == 0


def test_a_workbook_with_followers_and_comments_but_no_likes_shows_no_engagement(
    tmp_path: Path,
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "TikTok", "Followers", "Comments per post"])
    sheet.append(["Ana", "ana.dance", 20000, 40])
    path = tmp_path / "tiktok.xlsx"
    book.save(path)

    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"))

    assert result.returncode == 0, result.stderr
    assert _exported_engagement(tmp_path) == {"Ana": ""}


def test_a_row_with_nobody_in_it_says_what_to_fill_in_without_a_stray_space(
    tmp_path: Path,
) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Email,City\nAna,ana@example.com,Paris\n,,Lyon\n", "utf-8")

    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"))

    assert "it has no name, email or handle; fill one in." in result.stderr
    assert " ;" not in result.stderr


def test_someone_known_only_by_a_handle_is_named_after_it_without_the_at(
    tmp_path: Path,
) -> None:
    _import(tmp_path, "handles.csv", "Instagram,Followers\n@ana.bakes,1200\nben_cooks,900\n")
    # The same through the row-by-row reader: a handle column beside a platform column.
    _import(tmp_path, "more.csv", "Platform,Handle,Email\nTikTok,@cy.dance,cy@example.com\n")

    assert sorted(_people(tmp_path / "crm.sqlite")) == ["ana.bakes", "ben_cooks", "cy.dance"]


def test_every_spelling_of_the_united_states_is_stored_as_one_country(tmp_path: Path) -> None:
    spellings = ["United States", "U.S.A", "U.S.A.", "USA", "US", "United States of America"]
    names = ["Ana Ruiz", "Ben Ode", "Cy Lane", "Di Moss", "Ed Park", "Flo Hart"]
    rows = "".join(f"{n},{n[:2]}@mail.com,{c}\n" for n, c in zip(names, spellings, strict=True))
    _import(tmp_path, "countries.csv", "Name,Email,Country\n" + rows + "Zed Bo,z@mail.com,Peru\n")

    people = _people(tmp_path / "crm.sqlite")
    assert {people[name].country for name in names} == {"United States"}
    assert people["Zed Bo"].country == "Peru"


def test_importing_infcrms_own_export_again_is_quiet(tmp_path: Path) -> None:
    demo = tmp_path / "demo.sqlite"
    assert infcrm("demo", "--db", str(demo), "--influencers", "8").returncode == 0
    out = tmp_path / "people.csv"
    assert infcrm("export", str(out), "--db", str(demo)).returncode == 0

    result = infcrm("import", str(out), "--db", str(tmp_path / "crm.sqlite"))

    assert result.returncode == 0, result.stderr
    assert "Created 8" in result.stdout
    assert "second" not in result.stdout
    assert result.stderr == ""


def test_a_username_column_beside_a_platform_s_followers_keeps_the_followers(
    tmp_path: Path,
) -> None:
    _import(
        tmp_path,
        "list.csv",
        "Name,Username,Instagram followers\nAna,ana.bakes,120000\nBen,ben.cooks,\n",
    )

    people = _people(tmp_path / "crm.sqlite")
    ana, ben = people["Ana"].accounts, people["Ben"].accounts
    assert [(a.platform, a.handle, a.followers) for a in ana] == [
        ("instagram", "ana.bakes", 120000)
    ]
    assert [(a.platform, a.handle, a.followers) for a in ben] == [("instagram", "ben.cooks", None)]


def test_a_column_of_handles_or_links_named_so_is_read_as_the_handles(tmp_path: Path) -> None:
    # An outreach list's shape (GitHub SmartAIMentor/mentorly-outreach, creators.csv): one
    # column “handle_or_url” holding a profile link or a bare handle. It was left out, and
    # every row refused as naming nobody, though each names its account.
    _import(
        tmp_path,
        "creators.csv",
        "platform,handle_or_url,email,niche,notes\n"
        "instagram,https://www.instagram.com/ana.bakes/,,beauty,\n"
        "instagram,ben_cooks,,beauty,\n",
    )
    # The same column named with its platform and a slash, as other lists write it.
    _import(
        tmp_path, "more.csv", "Name,TikTok handle / link\nCy,https://www.tiktok.com/@cy.dance\n"
    )

    people = _people(tmp_path / "crm.sqlite")
    assert sorted(people) == ["Cy", "ana.bakes", "ben_cooks"]
    assert people["ben_cooks"].accounts[0].url == "https://www.instagram.com/ben_cooks/"
    assert people["Cy"].accounts[0].handle == "cy.dance"


def test_an_email_pitch_column_is_not_read_as_email_addresses(tmp_path: Path) -> None:
    # An outreach list's shape (GitHub nishantdubey-tech/creatorreach-micro-influencer-outreach,
    # data/influencers.csv): `contact_email` beside `email_pitch`, the text of the email to
    # send. The pitch was read as a second address and refused cell by cell (“Hi” is not an
    # email address); it is a column left out, named among the ignored ones.
    result = _import(
        tmp_path,
        "influencers.csv",
        "name,platform,followers,profile_url,contact_email,email_pitch,email_status\n"
        "Ana Fit,YouTube,19700,https://www.youtube.com/@anafit,ana@example.com,"
        '"Hi Ana, your leg day videos stood out. Best, Partnerships Team",sent\n'
        "Ben Runs,YouTube,5200,https://www.youtube.com/@benruns,Not Found,,\n",
    )

    assert "not an email address" not in result.stderr, result.stderr
    assert "Ignored: email_pitch, email_status" in result.stdout
    people = _people(tmp_path / "crm.sqlite")
    assert (people["Ana Fit"].email, people["Ana Fit"].other_emails) == ("ana@example.com", None)
    assert (people["Ben Runs"].email, people["Ben Runs"].other_emails) == (None, None)


def test_country_codes_are_stored_as_the_countries_they_name(tmp_path: Path) -> None:
    # A creators list's shape (GitHub Rashmitha-anugu/youtube-brand-deals-analytics,
    # creators.csv), as YouTube's and scrapers' exports write countries: two-letter codes.
    # “UK” and “US” became country names while “AU”, “BR”, “IN”, “DE” stayed codes, so the
    # country filter offered both kinds and a search for India missed “IN”.
    _import(
        tmp_path,
        "creators.csv",
        "creator_id,creator_name,category,subscribers,country\n"
        "C001,Zoe Brooks,Finance,21031,UK\nC002,Eli Rivera,Beauty,1366993,AU\n"
        "C003,Nina Brooks,Gaming,12201,BR\nC006,Nina Larsen,Tech,63947,US\n"
        "C011,Zoe Costa,Lifestyle,19629,IN\nC017,Lena Nguyen,Food,3479093,DE\n"
        "C018,Ivy Kim,Fitness,3677741,KR\nC019,Eli Haddad,Beauty,51906,GB\n",
        "--platform",
        "youtube",
    )

    countries = {name: p.country for name, p in _people(tmp_path / "crm.sqlite").items()}
    assert countries == {
        "Zoe Brooks": "United Kingdom",
        "Eli Rivera": "Australia",
        "Nina Brooks": "Brazil",
        "Nina Larsen": "United States",
        "Zoe Costa": "India",
        "Lena Nguyen": "Germany",
        "Ivy Kim": "South Korea",
        "Eli Haddad": "United Kingdom",
    }
