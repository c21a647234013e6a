"""Settings live in the database file: they survive reopening and change derived figures."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database, open_database
from infcrm.domain.enums import EngagementBand, Platform, Tier
from infcrm.domain.metrics import BandLimits, EngagementBands, TierThresholds
from infcrm.domain.validation import InvalidInput
from infcrm.services.maintenance import settings
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery


def test_defaults_when_nothing_was_set(db: Database) -> None:
    assert settings.tier_thresholds(db) == TierThresholds(10_000, 100_000, 1_000_000)
    assert settings.engagement_bands(db) == EngagementBands()
    assert settings.get(db, "missing", "fallback") == "fallback"


def test_values_survive_closing_and_reopening_the_file(db: Database) -> None:
    settings.set_tier_thresholds(db, TierThresholds(5_000, 50_000, 500_000))
    bands = EngagementBands().with_limits(Platform.TIKTOK, Tier.NANO, BandLimits(0.05, 0.2, 0.5))
    settings.set_engagement_bands(db, bands)
    settings.put(db, "owner_names", ["Sam", "Alex"])
    db.close()
    reopened = open_database(db.url)
    try:
        assert settings.tier_thresholds(reopened) == TierThresholds(5_000, 50_000, 500_000)
        assert settings.engagement_bands(reopened) == bands
        assert settings.get(reopened, "owner_names") == ["Sam", "Alex"]
    finally:
        reopened.close()


def test_put_replaces_an_earlier_value(db: Database) -> None:
    settings.put(db, "theme", "dark")
    settings.put(db, "theme", "light")
    assert settings.get(db, "theme") == "light"


def test_thresholds_change_an_accounts_tier_in_detail_and_list(db: Database) -> None:
    person_id = influencers.create(
        db,
        InfluencerInput(
            display_name="Eli",
            accounts=(AccountInput(platform="instagram", handle="eli", followers="8k"),),
        ),
    )
    assert influencers.get(db, person_id).accounts[0].tier == "nano"
    settings.set_tier_thresholds(db, TierThresholds(5_000, 100_000, 1_000_000))
    assert influencers.get(db, person_id).accounts[0].tier == "micro"
    assert influencer_list.rows(db, [person_id])[person_id].tier == "micro"
    assert influencer_list.list_ids(db, ListQuery(tier="micro")) == [person_id]


def test_bands_change_an_accounts_band(db: Database) -> None:
    person_id = influencers.create(
        db,
        InfluencerInput(
            display_name="Fay",
            accounts=(
                AccountInput(platform="instagram", handle="fay", followers="20k", avg_likes="400"),
            ),
        ),
    )
    assert influencers.get(db, person_id).accounts[0].band == EngagementBand.TYPICAL  # 2%
    stricter = EngagementBands().with_limits(
        Platform.INSTAGRAM, Tier.MICRO, BandLimits(0.025, 0.04, 0.10)
    )
    settings.set_engagement_bands(db, stricter)
    assert influencers.get(db, person_id).accounts[0].band == EngagementBand.LOW


def test_broken_thresholds_cannot_be_built(db: Database) -> None:
    with pytest.raises(ValueError, match="must grow"):
        TierThresholds(100_000, 10_000, 1_000_000)
    assert settings.tier_thresholds(db) == TierThresholds()


def test_saving_several_settings_is_one_step_that_undo_and_redo_swap(db: Database) -> None:
    from infcrm.services.maintenance import settings_change
    from infcrm.services.maintenance.settings_change import SettingsChange
    from tests.table_dump import undone_and_redone

    settings.set_default_currency(db, "GBP")
    change = SettingsChange(
        tier_thresholds=TierThresholds(5_000, 50_000, 500_000),
        default_currency="usd",
        stale_after_days=10,
        auto_advance=False,
        sender_name="  Maria  ",
    )
    done = undone_and_redone(db, lambda: settings_change.save(db, change))
    assert done.value == 5
    assert settings.default_currency(db) == "GBP"  # undone last: cached values read afresh
    settings_change.save(db, change)
    assert settings.default_currency(db) == "USD"
    assert settings.get(db, "sender_name") == "Maria"


def test_a_refused_setting_stores_none_of_the_others(db: Database) -> None:
    from infcrm.services.maintenance import settings_change
    from infcrm.services.maintenance.settings_change import SettingsChange

    change = SettingsChange(default_currency="USD", stale_after_days=0, sender_name="a\x07")
    with pytest.raises(InvalidInput) as refused:
        settings_change.save(db, change)
    assert set(refused.value.errors) == {"stale_after_days", "sender_name"}
    assert settings.get(db, settings.DEFAULT_CURRENCY) is None
