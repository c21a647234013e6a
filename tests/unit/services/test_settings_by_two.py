"""Two people saving the Settings of one database: each one's change lands, field by field,
and a value both changed is refused rather than overwritten. Two copies of the app on one
database (the test's own signs as Sam, `ana` as Ana), on a file and on a server."""

from __future__ import annotations

import copy

import pytest

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform, Tier
from infcrm.domain.metrics import EngagementBands, TierThresholds
from infcrm.services.errors import Refused
from infcrm.services.maintenance import settings
from infcrm.services.maintenance.settings_change import SettingsChange, save, seen_now


def _bands_with(shown: dict, platform: Platform, low: float) -> EngagementBands:
    """The benchmarks a dialog that showed `shown` saves after one change."""
    limits = copy.deepcopy(shown[settings.ENGAGEMENT_BANDS])
    limits[platform.value][Tier.MICRO.value]["low_below"] = low
    return EngagementBands.from_dict(limits)


def _low(db: Database, platform: Platform) -> float:
    settings.forget_cached(db)
    return settings.engagement_bands(db).to_dict()[platform.value][Tier.MICRO.value]["low_below"]


def test_two_people_changing_different_benchmarks_keep_both(db: Database, ana: Database) -> None:
    opened = seen_now(db)  # Sam opens Settings
    tiktok = _bands_with(seen_now(ana), Platform.TIKTOK, 0.005)
    save(ana, SettingsChange(engagement_bands=tiktok, seen=seen_now(ana)))

    mine = _bands_with(opened, Platform.INSTAGRAM, 0.004)  # from what Sam's dialog showed
    save(db, SettingsChange(engagement_bands=mine, seen=opened))

    assert _low(db, Platform.TIKTOK) == 0.005  # Ana's change is kept
    assert _low(db, Platform.INSTAGRAM) == 0.004


def test_a_threshold_both_changed_is_refused_and_theirs_stays(db: Database, ana: Database) -> None:
    opened = seen_now(db)
    save(ana, SettingsChange(tier_thresholds=TierThresholds(micro=20_000)))

    with pytest.raises(Refused, match="a tier threshold") as refused:
        save(db, SettingsChange(tier_thresholds=TierThresholds(micro=5_000), seen=opened))

    assert "Nothing was saved" in str(refused.value)
    settings.forget_cached(db)
    assert settings.tier_thresholds(db).micro == 20_000


def test_a_threshold_changed_beside_a_teammates_other_one_keeps_both(
    db: Database, ana: Database
) -> None:
    opened = seen_now(db)
    save(ana, SettingsChange(tier_thresholds=TierThresholds(mega=2_000_000)))

    save(db, SettingsChange(tier_thresholds=TierThresholds(micro=5_000), seen=opened))

    settings.forget_cached(db)
    now = settings.tier_thresholds(db)
    assert (now.micro, now.mega) == (5_000, 2_000_000)


def test_the_same_change_by_both_is_no_conflict(db: Database, ana: Database) -> None:
    opened = seen_now(db)
    save(ana, SettingsChange(default_currency="GBP"))
    save(db, SettingsChange(default_currency="GBP", seen=opened))
    assert settings.default_currency(db) == "GBP"


def _outreach(db: Database) -> tuple[int, bool, str, str]:
    from infcrm.services.campaigns import agreements
    from infcrm.services.outreach import followups, interactions, outreach_templates

    settings.forget_cached(db)
    return (
        followups.stale_after_days(db),
        interactions.auto_advance_enabled(db),
        agreements.sender_name(db),
        outreach_templates.signature(db),
    )


def test_waiting_days_both_changed_differently_are_refused_and_hers_stay(
    db: Database, ana: Database
) -> None:
    opened = seen_now(db)  # Sam opens Settings: 7 days
    save(ana, SettingsChange(stale_after_days=10, seen=seen_now(ana)))

    with pytest.raises(Refused, match="waiting") as refused:
        save(db, SettingsChange(stale_after_days=14, seen=opened))

    assert "Nothing was saved" in str(refused.value)
    assert _outreach(db)[0] == 10


def test_outreach_values_left_as_shown_keep_a_teammates_save(db: Database, ana: Database) -> None:
    from infcrm.services.campaigns.agreement_types import SENDER_NAME_SETTING

    opened = seen_now(db)
    save(ana, SettingsChange(sender_name="Ana from Oat & Honey", auto_advance=False))
    save(ana, SettingsChange(signature="Ana\nOat & Honey"))

    # Sam's form sends his new waiting days beside the values he left as shown.
    shown = opened[SENDER_NAME_SETTING]
    save(db, SettingsChange(stale_after_days=3, sender_name=shown, auto_advance=True, seen=opened))

    assert _outreach(db) == (3, False, "Ana from Oat & Honey", "Ana\nOat & Honey")


def test_a_signature_both_changed_is_refused_and_the_same_switch_is_no_conflict(
    db: Database, ana: Database
) -> None:
    opened = seen_now(db)
    save(ana, SettingsChange(signature="Ana", auto_advance=False))

    with pytest.raises(Refused, match="signature"):
        save(db, SettingsChange(signature="Sam", seen=opened))
    save(db, SettingsChange(auto_advance=False, seen=opened))

    assert _outreach(db)[1:] == (False, "", "Ana")
