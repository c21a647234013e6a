"""Lists as creator tools in other languages export them import with the figures in place.

The Portuguese TikTok sheet is published text (tests/fixtures/real/); the other files carry the
header and cell format a public tool writes, filled in by hand (tests/fixtures/made/, see the
README there). The values checked were read off the files by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.real_files import REAL
from tests.real_files import stored_person as _person

MADE = REAL.parent / "made"


def _copy(tmp_path: Path, folder: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(folder / name, target)
    return target


def test_a_spanish_tracker_keeps_the_average_likes_beside_a_likes_column(
    empty: Database, tmp_path: Path
) -> None:
    # “Likes” (all N/A) comes before “Avg Likes”: the column named as the average is the
    # average; the other one must not push it out.
    summary = import_file(empty, _copy(tmp_path, MADE, "instagram-cuentas-tracker.csv"))

    assert summary.created == 2
    assert ("H (Avg Likes)", "Average likes") in summary.columns
    moda = _person(empty, "Moda Sevilla")
    assert moda["owner"] == "Lucía"  # “Encargada”: who on the team looks after the account
    assert moda["accounts"] == [("instagram", "moda_sevilla", None, 48_210, 1_320, 45, None)]
    assert (
        "F (Likes) is a second Average likes column: H (Avg Likes) is imported, F is ignored "
        "and not compared with it." in summary.notes
    )


def test_a_portuguese_tiktok_sheet_reads_its_counts_as_written(
    empty: Database, tmp_path: Path
) -> None:
    summary = import_file(empty, _copy(tmp_path, REAL, "tiktok-metricas-pt.csv"))

    assert summary.created == 2
    # Row 2's video is on @hpgta6 while its “Conta” says gta: stored as written, and said, so
    # nobody trusts a profile link to someone else's account unaware.
    assert summary.problems == (
        "Row 2, column F (Link): The TikTok link points to @hpgta6, but column A (Conta) says "
        "@gta — kept @gta; check which is theirs.",
    )
    assert ("G (Visualizações)", "Average views") in summary.columns
    # “12.345” followers and “1,2 mil” views: a dot between thousands, “mil” a thousand.
    assert _person(empty, "gta")["accounts"] == [("tiktok", "gta", None, 12_345, 150, 12, 1_200)]
    assert _person(empty, "hp.carros")["accounts"] == [
        ("tiktok", "hp.carros", None, None, 300, 25, 5_400)
    ]


def test_a_french_instagram_finder_export_keeps_the_website_and_not_the_following(
    empty: Database, tmp_path: Path
) -> None:
    summary = import_file(empty, _copy(tmp_path, MADE, "instagram_mode_2026-03-01.csv"))

    assert summary.created == 4
    assert ("C (Abonnés)", "Followers") in summary.columns
    assert ("I (URL externe)", "Blog / other handle") in summary.columns
    assert "Following" in summary.ignored  # how many they follow, not their followers
    lea = _person(empty, 'Léa "Lili" Martin')
    assert lea["accounts"][0] == ("instagram", "lea.martin", None, 12_500, None, None, None)
    assert lea["accounts"][1][:2] == ("other", "https://linktr.ee/leamartin")
    assert [a[0] for a in _person(empty, "Leo Messi")["accounts"]] == ["instagram"]


def test_a_portuguese_campaign_template_names_people_and_their_network(
    empty: Database, tmp_path: Path
) -> None:
    # The template a Brazilian campaign tool offers for download: “influenciador” is the name
    # and “rede” the network. Without them the whole file was refused for want of a platform.
    summary = import_file(empty, _copy(tmp_path, REAL, "modelo_campanha.csv"))

    assert (summary.created, summary.rejected) == (2, 0), summary.problems
    assert ("A (influenciador)", "Name") in summary.columns
    assert ("C (rede)", "Platform") in summary.columns
    maria = _person(empty, "Maria Silva")
    assert maria["accounts"][0][:4] == ("instagram", "mariasilva", None, 150_000)
    joao = _person(empty, "Joao Santos")
    assert joao["accounts"][0][:4] == ("tiktok", "joaosantos", None, 80_000)


def test_a_tiktok_scraper_dataset_keeps_names_likes_and_views(
    empty: Database, tmp_path: Path
) -> None:
    # The widely used TikTok scraper's CSV: the author's fields under “authorMeta/…”, likes
    # as “diggCount” and views as “playCount”; “authorMeta/heart” and “authorMeta/digg” are
    # the likes the author was given and gave in all, not figures of a post.
    summary = import_file(empty, _copy(tmp_path, MADE, "tiktok-scraper-dataset.csv"))

    assert (summary.created, summary.problems) == (2, ())
    assert ("A (authorMeta/name)", "Handle or profile link") in summary.columns
    assert ("B (authorMeta/nickName)", "Name") in summary.columns
    assert {"authorMeta/heart", "authorMeta/digg"} <= set(summary.ignored)
    assert _person(empty, "GTA 6 | HP")["accounts"] == [
        ("tiktok", "hpgta6", None, 12_345, 150, 12, 1_200)
    ]
