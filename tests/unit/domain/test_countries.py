"""A country is stored under one English name whatever language the list is written in."""

from __future__ import annotations

from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.domain.countries import country_name
from infcrm.files.import_apply import import_file
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("مصر", "Egypt"),
        ("السعودية", "Saudi Arabia"),
        ("المملكة العربية السعودية", "Saudi Arabia"),
        ("الإمارات", "United Arab Emirates"),
        ("الامارات العربية المتحدة", "United Arab Emirates"),
        ("المغرب", "Morocco"),
        ("الكويت", "Kuwait"),
        ("الأردن", "Jordan"),
        ("لبنان", "Lebanon"),
        ("قطر", "Qatar"),
        ("الولايات المتحدة", "United States"),
        ("대한민국", "South Korea"),
        ("한국", "South Korea"),
        ("미국", "United States"),
        ("일본", "Japan"),
        ("Türkiye", "Turkey"),
        ("TÜRKİYE", "Turkey"),
        ("Almanya", "Germany"),
        ("Brasil", "Brazil"),
        ("Alemanha", "Germany"),
        ("Espanha", "Spain"),
        ("México", "Mexico"),
        ("Coreia do Sul", "South Korea"),
        ("Emirados Árabes Unidos", "United Arab Emirates"),
        ("Arabie saoudite", "Saudi Arabia"),
        ("Deutschland", "Germany"),
        ("日本", "Japan"),
        ("USA", "United States"),
        ("Egypt", "Egypt"),
    ],
)
def test_a_country_in_another_language_is_stored_under_its_english_name(
    written: str, stored: str
) -> None:
    assert country_name(written) == stored


def test_text_that_is_no_known_country_is_kept_as_written() -> None:
    assert country_name("Gotham") == "Gotham"
    assert country_name("مدينة") == "مدينة"


def test_an_arabic_sheet_stores_the_countries_an_english_sheet_would(
    db: Database, tmp_path: Path
) -> None:
    arabic = tmp_path / "arabic.csv"
    arabic.write_text(
        "الاسم,حساب انستغرام,الدولة\n"
        "نور,noor.style,مصر\n"
        "سارة,sara.ksa,السعودية\n"
        "ليلى,layla.uae,الإمارات\n"
        "ياسين,yassine.ma,المغرب\n",
        encoding="utf-8",
    )

    summary = import_file(db, arabic)

    assert summary.created == 4
    people = [influencers.get(db, i) for i in influencer_list.list_ids(db, ListQuery())]
    assert {p.country for p in people} == {
        "Egypt",
        "Saudi Arabia",
        "United Arab Emirates",
        "Morocco",
    }


@pytest.mark.parametrize(
    ("written", "stored"),
    [("IN", "India"), ("DE", "Germany"), ("GB", "United Kingdom"), ("KR", "South Korea"),
     (" BR ", "Brazil"), ("XK", "Kosovo")],
)  # fmt: skip
def test_a_two_letter_country_code_is_stored_as_the_country(written: str, stored: str) -> None:
    assert country_name(written) == stored


def test_only_codes_in_capitals_are_read_as_countries() -> None:
    # “in” or “De” are more likely words or typos than codes; “NA” is “not available”.
    assert [country_name(t) for t in ("in", "De", "NA", "ZZ")] == ["in", "De", "NA", "ZZ"]
