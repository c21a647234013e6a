"""The engagement band filter picks exactly the people whose band the list shows: each by
their own main platform and tier, limits inclusive where a band starts, no band without
likes or followers, and the settings of the moment (nothing about bands is stored)."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform, Tier
from infcrm.domain.metrics import BandLimits, TierThresholds
from infcrm.services.maintenance import settings
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery

# (name, platform, followers, average likes, average comments, band shown by default).
PEOPLE = (
    # Instagram micro (1 % / 3 % / 10 %): each limit exactly, comments counted with the likes.
    ("ig micro at 1%", "instagram", 20_000, 150, 50, "typical"),
    ("ig micro under 1%", "instagram", 20_000, 199, 0, "low"),
    ("ig micro at 3%", "instagram", 20_000, 600, None, "high"),
    ("ig micro at 10%", "instagram", 20_000, 2_000, 0, "suspicious"),
    # The tier's edge: 9,999 followers is nano (1.5 % / 5 % / 15 %), 10,000 micro.
    ("ig nano 4%", "instagram", 9_999, 400, 0, "typical"),
    ("ig micro 4%", "instagram", 10_000, 400, 0, "high"),
    ("threads like instagram", "threads", 20_000, 600, 0, "high"),
    ("tiktok nano at 15%", "tiktok", 5_000, 750, 0, "high"),
    ("tiktok macro 3%", "tiktok", 500_000, 15_000, 0, "typical"),
    ("youtube mega at 1%", "youtube", 2_000_000, 20_000, 0, "high"),
    ("youtube mega 0.05%", "youtube", 2_000_000, 1_000, 0, "low"),
    ("no likes is 0%", "instagram", 20_000, 0, 0, "low"),
    ("likes unknown", "instagram", 20_000, None, 300, None),
    ("followers 0", "tiktok", 0, 10, 0, None),
    ("followers unknown", "youtube", None, 10, 0, None),
    ("no account", None, None, None, None, None),
    # Every quieter platform (micro 0.3 % / 1.5 % / 6 %).
    *(
        (f"{platform.value} micro 1%", platform.value, 50_000, 500, 0, "typical")
        for platform in Platform
        if platform not in (Platform.INSTAGRAM, Platform.THREADS, Platform.TIKTOK, Platform.YOUTUBE)
    ),
    ("x micro at 6%", "x", 50_000, 2_900, 100, "suspicious"),
    ("twitch macro 0.1%", "twitch", 200_000, 200, 0, "low"),
)
BANDS = ("low", "typical", "high", "suspicious")


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    ids = {}
    for index, (name, platform, followers, likes, comments, _band) in enumerate(PEOPLE):
        accounts = ()
        if platform is not None:
            accounts = (AccountInput(platform, f"person{index}", is_primary=True,
                                     followers=followers, avg_likes=likes,
                                     avg_comments=comments),)  # fmt: skip
        ids[name] = influencers.create(db, InfluencerInput(display_name=name, accounts=accounts))
    return ids


def _shown(db: Database, band: str, sort: str = "name") -> set[int]:
    """Who the list shows filtered by `band`, checked the ways the list reads it."""
    query = ListQuery(band=band, sort=sort)
    everyone = influencer_list.list_ids(db, query)
    start = influencer_list.list_start(db, query, 300)
    assert start.ids == everyone and start.total == len(everyone)
    assert influencer_list.count_matching(db, query) == len(everyone)
    return set(everyone)


def _band_column(db: Database, ids: dict[str, int]) -> dict[int, str | None]:
    return {
        person: row.band for person, row in influencer_list.rows(db, list(ids.values())).items()
    }


def test_each_band_shows_the_people_of_that_band_and_no_one_else(
    db: Database, people: dict[str, int]
) -> None:
    expected = {band: {people[p[0]] for p in PEOPLE if p[5] == band} for band in BANDS}
    for band in BANDS:
        assert _shown(db, band) == expected[band], band
        assert _shown(db, band, sort="followers") == expected[band], band
    # The filter agrees with the band column the list shows.
    column = _band_column(db, people)
    for band in BANDS:
        assert expected[band] == {person for person, shown in column.items() if shown == band}
    no_band = {people[p[0]] for p in PEOPLE if p[5] is None}
    assert no_band == {person for person, shown in column.items() if shown is None}


def test_the_band_filter_follows_the_settings_of_the_moment(
    db: Database, people: dict[str, int]
) -> None:
    # Micro now starts at 5,000 and Instagram micro's typical range ends at 5 %.
    settings.set_tier_thresholds(db, TierThresholds(micro=5_000, macro=100_000, mega=1_000_000))
    bands = settings.engagement_bands(db)
    settings.set_engagement_bands(
        db, bands.with_limits(Platform.INSTAGRAM, Tier.MICRO, BandLimits(0.01, 0.05, 0.10))
    )
    column = _band_column(db, people)
    assert column[people["ig micro at 3%"]] == "typical"
    assert column[people["ig nano 4%"]] == "typical"  # micro now, within 1–5 %
    for band in BANDS:
        assert _shown(db, band) == {person for person, shown in column.items() if shown == band}


def test_people_without_a_rate_sort_last_by_engagement_both_ways(
    db: Database, people: dict[str, int]
) -> None:
    no_rate = {people[p[0]] for p in PEOPLE if p[5] is None}
    assert people["likes unknown"] in no_rate  # some comments, but no likes: no rate
    for descending in (False, True):
        ordered = influencer_list.list_ids(db, ListQuery(sort="engagement", descending=descending))
        assert set(ordered[-len(no_rate) :]) == no_rate
