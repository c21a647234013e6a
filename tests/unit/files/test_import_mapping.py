"""Which field each column name suggests, and what a column can be mapped to."""

from __future__ import annotations

import pytest

from infcrm.files import export_columns
from infcrm.files.import_mapping import (
    DERIVED,
    FIELDS_BY_KEY,
    IGNORE,
    ignored_reason,
    platforms_named,
    repeated_columns,
    resolve_column,
    suggest_field,
    suggest_mapping,
)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Followers", "followers"),
        ("Subscribers", "followers"),
        ("Fans", "followers"),
        ("Follower count", "followers"),
        ("Instagram handle", "instagram_handle"),
        ("IG", "instagram_handle"),
        ("IG followers", "instagram_followers"),
        ("TikTok Followers", "tiktok_followers"),
        ("X (Twitter) handle", "x_handle"),
        ("username", "handle"),
        ("channel_info", "handle"),
        ("Channel", "handle"),
        ("E-mail", "email"),
        ("Email address", "email"),
        ("  Business e-mail  ", "email"),
        ("Full name", "real_name"),
        ("Name", "display_name"),
        ("Profile URL", "url"),
        ("Date added", "created_at"),
        ("Stage", "stage"),
        ("Pays", "country"),
        ("Something else", IGNORE),
    ],
)
def test_common_column_names_suggest_their_field(header: str, field: str) -> None:
    assert suggest_field(header) == field


def test_engagement_rate_is_left_out_and_says_it_is_derived() -> None:
    mapping = suggest_mapping(["Name", "ER", "Engagement rate", "Followers"])

    assert mapping == ["display_name", IGNORE, IGNORE, "followers"]
    assert "worked out from followers" in ignored_reason("Engagement rate")
    assert ignored_reason("Followers") is None


def test_each_field_is_suggested_for_one_column_only() -> None:
    # A second email column is the person's other email; a second followers column is left out.
    mapping = suggest_mapping(["Email", "E-mail", "Followers", "Subscribers"])

    assert mapping == ["email", "other_emails", "followers", IGNORE]
    # The copy left out is named, with the one used in its place.
    assert repeated_columns(["Email", "E-mail", "Followers", "Subscribers"], mapping) == [
        "D (Subscribers) is a second Followers column: C (Followers) is imported, D is ignored "
        "and not compared with it."
    ]


def test_a_column_the_user_ignores_is_not_called_a_copy_of_a_different_field() -> None:
    headers = ["Name", "Followers", "Notes"]

    assert repeated_columns(headers, ["display_name", "followers", IGNORE]) == []
    assert repeated_columns(headers, ["display_name", IGNORE, "notes"]) == []
    # Niches may come from several columns: one left out is not a copy.
    assert repeated_columns(["Category", "Category 2"], ["niches", IGNORE]) == []


def test_every_header_of_our_own_export_is_recognised() -> None:
    for header, key in export_columns.known_headers().items():
        field = suggest_field(header)
        assert field in FIELDS_BY_KEY or field in DERIVED or key in ("created",), header


def test_columns_are_found_by_name_or_letter() -> None:
    headers = ["Name", "IG", "Followers"]

    assert resolve_column(headers, "followers") == 2
    assert resolve_column(headers, "B") == 1
    assert resolve_column(headers, "Z") is None
    assert resolve_column(headers, "Likes") is None


def test_a_file_name_names_its_platform_inside_a_longer_word() -> None:
    assert platforms_named("top-250-tiktokers.csv") == {"tiktok"}
    assert platforms_named("Instagrammers_2024.xlsx") == {"instagram"}
    assert platforms_named("INSTA list.csv") == {"instagram"}
    assert platforms_named("top-youtubers.csv") == {"youtube"}
    assert platforms_named("twitch streamers.xlsx") == {"twitch"}
    # Not a platform: a word that only starts like one, a website, a name without one.
    assert platforms_named("instant-list.csv") == set()
    assert platforms_named("blog.csv") == set()
    assert platforms_named("creators.csv") == set()
    # Two platforms say nothing about each row.
    assert platforms_named("tiktok-vs-instagram.csv") == {"tiktok", "instagram"}
