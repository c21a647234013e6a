"""Tiers, engagement rates and the benchmark bands they are judged against."""

import json

import pytest

from infcrm.domain.enums import EngagementBand, Platform, Tier
from infcrm.domain.metrics import BandLimits, EngagementBands, TierThresholds, engagement_rate


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (None, None),
        (0, Tier.NANO),
        (9_999, Tier.NANO),
        (10_000, Tier.MICRO),
        (99_999, Tier.MICRO),
        (100_000, Tier.MACRO),
        (999_999, Tier.MACRO),
        (1_000_000, Tier.MEGA),
        (500_000_000, Tier.MEGA),
    ],
)
def test_default_tiers(followers: int | None, tier: Tier | None) -> None:
    assert TierThresholds().tier_for(followers) is tier


def test_custom_thresholds_move_the_boundaries() -> None:
    thresholds = TierThresholds(micro=5_000, macro=50_000, mega=500_000)
    assert thresholds.tier_for(4_999) is Tier.NANO
    assert thresholds.tier_for(5_000) is Tier.MICRO
    assert thresholds.tier_for(50_000) is Tier.MACRO
    assert thresholds.tier_for(500_000) is Tier.MEGA


def test_follower_range_matches_tier_for() -> None:
    thresholds = TierThresholds()
    assert thresholds.follower_range(Tier.NANO) == (0, 10_000)
    assert thresholds.follower_range(Tier.MICRO) == (10_000, 100_000)
    assert thresholds.follower_range(Tier.MACRO) == (100_000, 1_000_000)
    assert thresholds.follower_range(Tier.MEGA) == (1_000_000, None)
    for followers in (0, 9_999, 10_000, 123_456, 999_999, 1_000_000, 10**9):
        tier = thresholds.tier_for(followers)
        assert tier is not None
        low, high = thresholds.follower_range(tier)
        assert low <= followers and (high is None or followers < high)


@pytest.mark.parametrize(
    ("micro", "macro", "mega"),
    [(0, 100, 1_000), (100, 100, 1_000), (100, 1_000, 999), (-5, 10, 20)],
)
def test_thresholds_must_grow(micro: int, macro: int, mega: int) -> None:
    with pytest.raises(ValueError, match="Tier thresholds must grow"):
        TierThresholds(micro=micro, macro=macro, mega=mega)


def test_thresholds_dict_round_trip_and_defaults() -> None:
    thresholds = TierThresholds(micro=5_000, macro=50_000, mega=2_000_000)
    assert thresholds.to_dict() == {"micro": 5_000, "macro": 50_000, "mega": 2_000_000}
    assert TierThresholds.from_dict(json.loads(json.dumps(thresholds.to_dict()))) == thresholds
    assert TierThresholds.from_dict({}) == TierThresholds()
    assert TierThresholds.from_dict(None) == TierThresholds()
    assert TierThresholds.from_dict({"micro": 20_000, "colour": "red"}) == TierThresholds(
        micro=20_000
    )
    with pytest.raises(ValueError):
        TierThresholds.from_dict({"micro": 500_000})


def test_negative_followers_have_no_tier() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        TierThresholds().tier_for(-1)


@pytest.mark.parametrize(
    ("followers", "likes", "comments", "rate"),
    [
        (10_000, 250, 50, 0.03),
        (10_000, 250, None, 0.025),
        (10_000, None, 50, None),  # without the likes the rate is unknown, not 0.5%
        (10_000, 0, None, 0.0),
        (10_000, 0, 0, 0.0),
        (10_000, None, None, None),
        (0, 250, 50, None),
        (None, 250, 50, None),
    ],
)
def test_engagement_rate(
    followers: int | None, likes: int | None, comments: int | None, rate: float | None
) -> None:
    result = engagement_rate(followers, likes, comments)
    assert result == (None if rate is None else pytest.approx(rate))


def test_band_limits_must_ascend() -> None:
    BandLimits(0.01, 0.03, 0.10)
    with pytest.raises(ValueError, match="must grow"):
        BandLimits(0.03, 0.01, 0.10)
    with pytest.raises(ValueError, match="must grow"):
        BandLimits(0.01, 0.03, 0.03)
    with pytest.raises(ValueError, match="must grow"):
        BandLimits(-0.01, 0.03, 0.10)
    with pytest.raises(ValueError):
        BandLimits(0.01, 0.03, float("inf"))


def test_default_bands_for_micro_instagram() -> None:
    bands = EngagementBands()
    assert bands.limits(Platform.INSTAGRAM, Tier.MICRO) == BandLimits(0.01, 0.03, 0.10)
    ig, micro = Platform.INSTAGRAM, Tier.MICRO
    assert bands.band_for(0.005, ig, micro) is EngagementBand.LOW
    assert bands.band_for(0.01, ig, micro) is EngagementBand.TYPICAL
    assert bands.band_for(0.029, ig, micro) is EngagementBand.TYPICAL
    assert bands.band_for(0.03, ig, micro) is EngagementBand.HIGH
    assert bands.band_for(0.10, ig, micro) is EngagementBand.SUSPICIOUS
    assert bands.band_for(None, ig, micro) is None
    assert bands.band_for(0.02, ig, None) is None


def test_defaults_follow_the_benchmarks_shape() -> None:
    bands = EngagementBands()
    tiers = [Tier.NANO, Tier.MICRO, Tier.MACRO, Tier.MEGA]
    for platform in Platform:
        highs = [bands.limits(platform, tier).high_from for tier in tiers]
        assert highs == sorted(highs, reverse=True), f"{platform} should fall as tiers grow"
    for tier in tiers:
        instagram = bands.limits(Platform.INSTAGRAM, tier)
        assert bands.limits(Platform.TIKTOK, tier).high_from > instagram.high_from
        for quiet in (Platform.X, Platform.FACEBOOK, Platform.LINKEDIN):
            assert bands.limits(quiet, tier).high_from < instagram.high_from
    # 6 % is high for a micro Instagram account but ordinary on TikTok.
    assert bands.band_for(0.06, Platform.INSTAGRAM, Tier.MICRO) is EngagementBand.HIGH
    assert bands.band_for(0.06, Platform.TIKTOK, Tier.MICRO) is EngagementBand.TYPICAL


def test_with_limits_returns_a_new_object() -> None:
    bands = EngagementBands()
    custom = BandLimits(0.02, 0.04, 0.2)
    changed = bands.with_limits(Platform.X, Tier.MICRO, custom)
    assert changed.limits(Platform.X, Tier.MICRO) == custom
    assert bands.limits(Platform.X, Tier.MICRO) != custom
    assert changed != bands
    assert changed.limits(Platform.X, Tier.NANO) == bands.limits(Platform.X, Tier.NANO)


def test_bands_dict_round_trip_through_json() -> None:
    bands = EngagementBands().with_limits(Platform.TIKTOK, Tier.MEGA, BandLimits(0.005, 0.02, 0.1))
    data = json.loads(json.dumps(bands.to_dict()))
    assert data["tiktok"]["mega"] == {"low_below": 0.005, "high_from": 0.02, "suspicious_from": 0.1}
    assert set(data) == {p.value for p in Platform}
    assert EngagementBands.from_dict(data) == bands


def test_bands_from_dict_ignores_unknown_and_defaults_missing() -> None:
    default = EngagementBands()
    assert EngagementBands.from_dict({}) == default
    assert EngagementBands.from_dict(None) == default
    loaded = EngagementBands.from_dict(
        {
            "myspace": {"micro": {"low_below": 0.5}},
            "tiktok": {"giga": {"low_below": 0.5}, "nano": "broken"},
            "x": {"micro": {"high_from": 0.012}},
        }
    )
    limits = loaded.limits(Platform.X, Tier.MICRO)
    assert limits.high_from == 0.012
    assert limits.low_below == default.limits(Platform.X, Tier.MICRO).low_below
    assert loaded.limits(Platform.TIKTOK, Tier.NANO) == default.limits(Platform.TIKTOK, Tier.NANO)


def test_bands_from_dict_rejects_impossible_limits() -> None:
    with pytest.raises(ValueError, match="must grow"):
        EngagementBands.from_dict({"x": {"micro": {"low_below": 0.5}}})
