"""“Ad” is the name in a Turkish sheet and an advertisement in an English one."""

from __future__ import annotations

from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.files.column_inference import infer_mapping
from infcrm.files.import_apply import import_file
from infcrm.files.import_mapping import IGNORE
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery


@pytest.mark.parametrize(
    ("header", "values"),
    [
        ("Ad", ["yes", "no", "yes", "no"]),
        ("Ad?", ["Yes", "No", "", "yes"]),
        ("Ad", ["TRUE", "FALSE", "TRUE", "FALSE"]),
        ("Ad", [True, False, True, None]),
        ("Ad", ["x", "", "x", "✓"]),
        ("AD", ["Reel", "Story", "Reel", "Post"]),
        ("Ad type", ["Reel", "Story", "Carousel", "Video"]),
        ("Ads", ["Sponsored", "Organic", "Sponsored", "Organic"]),
    ],
)
def test_an_english_ad_column_is_never_the_name(header: str, values: list[object]) -> None:
    handles = ("ana.b", "bo_lee", "cy92", "dee.x")
    rows = [(h, v, 1000 * n) for n, (h, v) in enumerate(zip(handles, values, strict=True))]

    mapping = infer_mapping(["Instagram handle", header, "Followers"], rows)

    assert mapping.fields == ["instagram_handle", IGNORE, "followers"]
    assert header in mapping.ignored


def test_an_ad_column_of_names_beside_an_english_name_column_is_left_out() -> None:
    rows = [("Ana Bakes", "Reel", "ana.b"), ("Bo Lee", "Story", "bo_lee")]

    mapping = infer_mapping(["Name", "Ad", "Handle"], rows)

    assert mapping.fields == ["display_name", IGNORE, "handle"]


def test_a_turkish_ad_column_stays_the_name() -> None:
    rows = [
        ("Ayşe Yılmaz", "Güzellik", "1.2M"),
        ("Mehmet Öz", "Spor", "800K"),
        ("Deniz Kaya", "Yemek", "50K"),
    ]

    mapping = infer_mapping(["Ad", "Sektör", "Takipçi"], rows)

    assert mapping.fields[0] == "display_name"


def test_a_turkish_ad_beside_soyad_is_the_name() -> None:
    rows = [("Ayşe", "Yılmaz", "ayse.y"), ("Can", "Demir", "can_d")]

    mapping = infer_mapping(["Ad", "Soyad", "Kullanıcı adı"], rows)

    assert mapping.fields[0] == "display_name"


def test_an_english_sheet_with_a_yes_no_ad_column_imports_the_names_from_the_handles(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "sponsored.csv"
    path.write_text(
        "Instagram handle,Ad,Followers\nana.bakes,yes,1200\nbo.lee,no,800\n", encoding="utf-8"
    )

    summary = import_file(db, path)

    assert summary.created == 2
    names = {influencers.get(db, i).display_name for i in influencer_list.list_ids(db, ListQuery())}
    assert names == {"ana.bakes", "bo.lee"}
    assert "Ad" in summary.ignored


def test_an_ad_column_left_out_is_not_called_a_second_name_column(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "sponsored.csv"
    path.write_text(
        "Name,Instagram handle,Ad\nAna Bakes,ana.bakes,yes\nBo Lee,bo.lee,no\n", encoding="utf-8"
    )

    summary = import_file(db, path)

    assert summary.created == 2
    assert not any("second Name column" in note for note in summary.notes), summary.notes
    assert any("C (Ad) is left out" in note for note in summary.notes), summary.notes
