"""Columns understood by name in any style, and by content where the name cannot tell."""

from __future__ import annotations

import pytest

from infcrm.files.column_inference import infer_mapping
from infcrm.files.import_mapping import IGNORE, LABELLED, suggest_field
from infcrm.files.import_routing import RowRouter


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("fullName", "real_name"),
        ("full_name", "real_name"),
        ("Full Name", "real_name"),
        ("followerCount", "followers"),
        ("follower_cnt", "followers"),
        ("Subscribers", "followers"),
        ("Number of\nfollowers", "followers"),
        ("likes(avg.)", "avg_likes"),
        ("Avg. Likes", "avg_likes"),
        ("Total Likes", IGNORE),  # a total is not an average
        ("locationCountry", "country"),
        ("region", "country"),
        ("Country/Region", "country"),
        ("Youtuber", "display_name"),
        ("creator_nickname", "display_name"),
        ("seguidores", "followers"),
        ("País", "country"),
        ("abonnés", "followers"),
        ("Follower", "followers"),
        ("Abonnenten", "followers"),
        ("instagram name", "instagram_handle"),
        ("tiktok_handle", "tiktok_handle"),
        ("YouTube handle", "youtube_handle"),
        ("LinkedIn followers", "linkedin_followers"),
        ("followers (instagram)", "instagram_followers"),
        ("Category_2", "niches"),
        ("niche5", "niches"),
        ("Engagement rate", "engagement"),
        # A creator platform's export (camelCase) and a Spanish outreach sheet.
        ("ownerUsername", "handle"),
        ("followersCount", "followers"),
        ("commentsCount", "avg_comments"),
        ("biography", "notes"),
        ("businessCategoryName", "niches"),
        ("Nombre de usuario", "handle"),
        ("Seguidores totales", "followers"),
        ("Correo electrónico", "email"),
        ("Teléfono", "phone"),
        ("Categoría", "niches"),
        ("Follower (Instagram)", "instagram_followers"),
        ("Abonnés TikTok", "tiktok_followers"),
        ("Handle IG", "instagram_handle"),
        ("Link to profile", "url"),
        ("video views", IGNORE),  # a channel's lifetime total, not an average
        # What creator lists call a niche: a creator finder's CSV export (“focus”), a Steam
        # curator contact list (“focus”), a creator sign-up form (“Content Niche/Focus”), a
        # creator upload template (“Subniche”, “Contact No”), a prospects export (“why_fit”).
        ("focus", "niches"),
        ("Focus", "niches"),
        ("Content Niche/Focus", "niches"),
        ("Niche/Focus", "niches"),
        ("Niche(s)", "niches"),
        ("Topics", "niches"),
        ("platform_focus", "niches"),
        ("Subniche", "niches"),
        ("Nische", "niches"),  # German
        ("Contact No", "phone"),
        ("why_fit", "brand_fit"),
        ("video_views_rank", IGNORE),
        ("subscribers_for_last_30_days", IGNORE),
        ("avgViews30d", "avg_views"),  # an average over a period is still an average
        ("reelsCount30d", IGNORE),
        ("Following", IGNORE),
        ("Rank", IGNORE),
        ("influence_score", IGNORE),
    ],
)
def test_header_names_in_any_style(header: str, field: str) -> None:
    assert suggest_field(header) == field


def _mapping(headers: list[str], rows: list[tuple]) -> list[str]:
    return infer_mapping(headers, rows).fields


def test_tiktoker_name_is_the_name_and_tiktok_name_the_handle_by_content() -> None:
    rows = [("Khaby Lame", "khaby.lame", "162.1M"), ("Charli D'Amelio", "charlidamelio", "151M")]

    mapping = infer_mapping(["Tiktoker name", "Tiktok name", "Followers"], rows)

    assert mapping.fields == ["display_name", "tiktok_handle", "followers"]
    assert mapping.platform == "tiktok"


def test_a_handle_column_full_of_names_becomes_the_name_by_content() -> None:
    rows = [("Like Nastya", "106M"), ("Vlad and Niki", "98M"), ("Kids Diana Show", "112M")]

    mapping = infer_mapping(["Channel", "Subscribers"], rows)

    assert mapping.fields == ["display_name", "followers"]
    assert mapping.choices[0].by_content
    assert mapping.describe()[0] == "Channel → Name (by content)"


def test_a_name_column_full_of_handles_becomes_the_handle_by_content() -> None:
    rows = [("@ada.bakes", "Ada"), ("ben_climbs", "Ben"), ("cleo.cooks92", "Cleo")]

    mapping = infer_mapping(["Creator", "First name"], rows)

    assert mapping.fields[0] == "handle"
    assert mapping.choices[0].by_content


def test_a_platform_column_must_hold_platforms() -> None:
    rows = [("Music", "Ana"), ("Entertainment", "Ben"), ("Gaming", "Cy")]

    mapping = infer_mapping(["channel_type", "Name"], rows)

    assert mapping.fields == ["niches", "display_name"]
    assert mapping.choices[0].by_content
    real = infer_mapping(["Network", "Name"], [("Instagram", "Ana"), ("TikTok", "Ben")])
    assert real.fields == ["platform", "display_name"]


def test_a_comments_column_of_numbers_is_a_count_not_notes() -> None:
    rows = [("Ana", 120, "Loves cats"), ("Ben", "1.2k", "")]

    mapping = infer_mapping(["Name", "Comments", "Remarks"], rows)

    assert mapping.fields == ["display_name", "avg_comments", "notes"]
    assert "Comments → Average comments (by content)" in mapping.describe()


def test_a_column_of_fractional_averages_is_a_count() -> None:
    rows = [("Ana", "6995.8"), ("Ben", "11.4"), ("Cy", "50.0")]

    assert infer_mapping(["Name", "avg_views"], rows).fields == ["display_name", "avg_views"]


def test_every_unused_column_is_named() -> None:
    mapping = infer_mapping(
        ["Rank", "Name", "influence_score", "Followers"], [(1, "Ana", 88.2, "12k")]
    )

    assert mapping.ignored == ["Rank", "influence_score"]
    assert "ignored: Rank, influence_score" in mapping.describe()


def test_platform_comes_from_profile_links_when_names_say_nothing() -> None:
    rows = [("Ana", "https://www.tiktok.com/@ana.b"), ("Ben", "tiktok.com/@ben")]

    mapping = infer_mapping(["Name", "Profile"], rows)

    assert mapping.platform == "tiktok"
    assert mapping.platform_reason == "from the profile links"


def test_unknown_columns_of_emails_are_used_by_content() -> None:
    mapping = infer_mapping(["Name", "Contact"], [("Ana", "ana@example.com"), ("Ben", "b@x.org")])

    assert mapping.fields == ["display_name", "email"]


def test_several_columns_feed_one_list_field_split_on_every_separator() -> None:
    headers = ["Name", "Category_1", "Category_2", "niche", "niche2"]
    fields = _mapping(headers, [("Ana", "Food", "Travel | DIY", "food/baking", "cats; dogs")])
    assert fields == ["display_name", "niches", "niches", "niches", "niches"]

    cells = RowRouter(fields).cells(("Ana", "Food", "Travel | DIY", "food/baking", "cats; dogs"))

    assert cells["niches"] == "Food, Travel, DIY, baking, cats, dogs"


def test_labelled_values_go_where_their_label_says() -> None:
    rows = [
        ("Ana", "Email: ana@example.com\nInstagram: @ana.bakes\nWebsite: anabakes.com"),
        ("Ben", "Email: ben@example.org | TikTok: @ben.b"),
    ]
    fields = _mapping(["Name", "Contact details"], rows)
    assert fields == ["display_name", LABELLED]

    router = RowRouter(fields)
    first, second = router.cells(rows[0]), router.cells(rows[1])

    assert first["email"] == "ana@example.com"
    assert first["other_handle"] == "anabakes.com"
    assert second["email"] == "ben@example.org"
    # One handle per row, so it is that row's main account, on TikTok.
    assert (first["handle"], first["platform"]) == ("@ana.bakes", "instagram")
    assert (second["handle"], second["platform"]) == ("@ben.b", "tiktok")


def test_followers_belong_to_the_platform_of_the_rows_handle() -> None:
    fields = _mapping(
        ["Name", "Instagram", "TikTok", "Followers"],
        [("Ana", "@ana", None, "12k"), ("Ben", None, "ben.tt", "3M")],
    )
    router = RowRouter(fields)

    ana = router.cells(("Ana", "@ana", None, "12k"))
    ben = router.cells(("Ben", None, "ben.tt", "3M"))

    assert (ana["platform"], ana["handle"], ana["followers"]) == ("instagram", "@ana", "12k")
    assert (ben["platform"], ben["handle"], ben["followers"]) == ("tiktok", "ben.tt", "3M")


def test_a_name_column_of_handles_stays_the_name_beside_a_column_named_handle() -> None:
    # infcrm's own export: people known only by a handle are named after it.
    rows = [("@ada.bakes", "ada.bakes", 120), ("@ben_climbs", "ben_climbs", 4500)]

    mapping = infer_mapping(["Name", "Handle", "Followers"], rows)

    assert mapping.fields == ["display_name", "handle", "followers"]
    assert not mapping.by_content


def test_a_category_column_of_tiers_is_left_out_by_content() -> None:
    # A creator upload template's “Category” holds Nano/Micro/Macro, not what they post about.
    rows = [("Ana", "Fashion", "Micro"), ("Ben", "Food", "Nano (<10k)"), ("Cy", "Tech", "Macro")]

    mapping = infer_mapping(["Name", "Niche", "Category"], rows)

    assert mapping.fields == ["display_name", "niches", IGNORE]
    assert mapping.choices[2].by_content
    assert "tier" in mapping.choices[2].reason


def test_labels_naming_a_platform_s_account_in_another_language_are_its_handle() -> None:
    rows = [("Ana", "Compte Instagram: @ana.bakes | Email: ana@example.com")]
    fields = _mapping(["Name", "Contact"], rows)

    cells = RowRouter(fields).cells(rows[0])

    assert (cells["handle"], cells["platform"]) == ("@ana.bakes", "instagram")
    assert cells["email"] == "ana@example.com"


def test_a_followers_column_after_each_network_is_that_network_s_followers(empty, tmp_path) -> None:
    # Casting sheets put each network's followers right after its handle, under one repeated
    # name: the second and third “フォロワー数” are TikTok's and YouTube's, not copies.
    from infcrm.files.import_apply import import_file
    from tests.real_files import stored_person

    sheet = tmp_path / "casting.csv"
    sheet.write_text(
        "名前,インスタグラム,フォロワー数,TikTok,フォロワー数,YouTube,登録者数\n"
        "ゆりか,@yurika_dance,12.3万,@yurika.tt,45.6万,https://www.youtube.com/@yurika,1.2万\n",
        encoding="utf-8",
    )

    summary = import_file(empty, sheet)

    assert ("E (フォロワー数)", "TikTok followers") in summary.columns
    assert ("G (登録者数)", "YouTube followers") in summary.columns
    assert [a[:4] for a in stored_person(empty, "ゆりか")["accounts"]] == [
        ("instagram", "yurika_dance", None, 123_000),
        ("tiktok", "yurika.tt", None, 456_000),
        ("youtube", "yurika", None, 12_000),
    ]
    assert not any("second Followers" in note for note in summary.notes)


def test_a_korean_list_keeps_each_figure_on_its_network(empty, tmp_path) -> None:
    # “유튜브 채널” is the YouTube channel, not the row's main profile link: taken for that, it
    # made YouTube the main account with the Instagram followers, and lost the followers of
    # rows without a channel.
    from infcrm.files.import_apply import import_file
    from tests.real_files import stored_person

    sheet = tmp_path / "ko-list.csv"
    sheet.write_text(
        "이름,인스타그램 아이디,팔로워,유튜브 채널,구독자 수,연락처,진행상태\n"
        "김민서,@minseo_style,3.2만,https://www.youtube.com/@minseostyle,1.5만,010-1234-5678,"
        "연락 완료\n"
        "박지훈,jihoon.eats,8900,,,,미연락\n",
        encoding="utf-8",
    )

    summary = import_file(empty, sheet)

    assert (summary.created, summary.problems) == (2, ())
    assert ("D (유튜브 채널)", "YouTube handle") in summary.columns
    assert ("E (구독자 수)", "YouTube followers") in summary.columns
    minseo = stored_person(empty, "김민서")
    assert [a[:4] for a in minseo["accounts"]] == [
        ("instagram", "minseo_style", None, 32_000),
        ("youtube", "minseostyle", None, 15_000),
    ]
    assert minseo["phone"] == "010-1234-5678"
    assert stored_person(empty, "박지훈")["accounts"][0][:4] == (
        "instagram",
        "jihoon.eats",
        None,
        8_900,
    )
