"""Real published lists in Turkish, Brazilian Portuguese and Korean (tests/fixtures/real/, see
the README there) import with the people and values a user expects; the values checked were
read off the files by hand."""

from __future__ import annotations

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import stored_person as _person


def test_a_turkish_list_reads_its_turkish_column_names(empty: Database, real) -> None:
    summary = import_file(empty, real("turkish-influencers-influmatch.csv"))

    # 47 rows; Duygu Özaslan, Danla Bilic, Melodi Elbirliler and Damla Altun are each listed
    # twice (once per sector): 43 people, the repeats skipped and said so, their sectors kept.
    assert (summary.created, summary.skipped, summary.added_to_earlier) == (43, 0, 4)
    assert ("A (ad)", "Name") in summary.columns
    assert ("D (takipci)", "Followers") in summary.columns
    assert ("G (aciklama)", "Notes") in summary.columns
    cznburak = _person(empty, "CZN Burak")
    assert cznburak["accounts"] == [("instagram", None, "CZN Burak", 51_400_000, None, None, None)]
    assert cznburak["niches"] == "Gıda & Gastronomi"
    assert cznburak["notes"].startswith("Global captaki devasa porsiyonlu")
    danla = _person(empty, "Danla Bilic")
    assert danla["accounts"][0][3] == 5_600_000
    assert danla["niches"] == "Yaşam Tarzı, Kozmetik"  # the sectors of her two rows
    assert _person(empty, "Ays (BookTok)")["accounts"][0][3] == 877
    assert _person(empty, "Melisa’nın Dünyası")["accounts"][0][3] == 1_200


def test_a_brazilian_list_keeps_the_names_beside_youtube_and_twitch_links(
    empty: Database, real
) -> None:
    summary = import_file(empty, real("brazilian-gaming-creators.csv"))

    # 36 creators; the 31 empty “;;;;;” lines at the end are nobody.
    assert summary.created == 36
    assert ("A (nome_influencer)", "Name") in summary.columns
    cellbit = _person(empty, "Cellbit")
    assert [a[:2] for a in cellbit["accounts"]] == [
        ("youtube", "cellbitlives"),
        ("twitch", "cellbit"),
    ]
    # “https://www.youtube.com/@FEURIPE ” ends with a space in the file.
    assert _person(empty, "FEURIPE")["accounts"][0][:2] == ("youtube", "feuripe")
    assert _person(empty, "Canal Clash War")["accounts"] == [
        ("youtube", "luanclashwar", None, None, None, None, None)
    ]
    assert _person(empty, "Yoda")["accounts"][1][:2] == ("twitch", "yoda")


def test_korean_sellers_with_link_in_bio_pages_are_imported_by_name(empty: Database, real) -> None:
    summary = import_file(empty, real("korean-inpock-sellers.csv"))

    # Every row names someone; their links are link-in-bio pages, not a social network's, so
    # they are kept as the person's website instead of costing the row.
    assert summary.created == 10 and not summary.problems
    assert _person(empty, "율이네 집밥")["accounts"] == [
        ("other", "link.inpock.co.kr/yulhouse", None, None, None, None, None)
    ]
    assert _person(empty, "Sunyoung Oh")["accounts"][0][:2] == ("other", "inpk.link/dalkommm")


def test_a_korean_instagram_profile_export(empty: Database, real) -> None:
    summary = import_file(empty, real("korean-instagram-profiles.csv"), platform="instagram")

    assert summary.created == 3 and not summary.problems
    adulkid = _person(empty, "키드 | <땐땐해지는 돈 이야기> 인스타툰")
    assert adulkid["accounts"][0] == ("instagram", "adulkid", None, 46_331, None, None, None)
    # The biography over several lines is kept whole, its email inside it included.
    assert "협업문의 : adulkid22@naver.com" in adulkid["notes"]
    tripgoing = _person(empty, "트립고잉 tripgoing")
    assert tripgoing["accounts"][0][:4] == ("instagram", "_tripgoing", None, 768_316)
