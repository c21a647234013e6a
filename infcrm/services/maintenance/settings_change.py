"""Saving the Settings dialog: every value it changed, checked first, then written in one
transaction as one step of Edit › Undo (“Undo change of settings”). The template dialogs
store their signing line the same way.

Only what lives in the database is here; the colours and the reminders are preferences of
the computer (QSettings), not of the file, and stay out of the file's undo history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from infcrm.db.engine import Database
from infcrm.domain.metrics import EngagementBands, TierThresholds
from infcrm.domain.money import check_currency
from infcrm.domain.validation import InvalidInput
from infcrm.services.campaigns.agreement_types import SENDER_NAME_SETTING
from infcrm.services.campaigns.agreements import checked_sender_name
from infcrm.services.changes import Changes
from infcrm.services.maintenance import settings, settings_merge
from infcrm.services.outreach.compose_types import SIGNATURE_SETTING
from infcrm.services.outreach.followups import checked_stale_after_days
from infcrm.services.outreach.outreach_templates import checked_signature
from infcrm.services.outreach.outreach_types import AUTO_ADVANCE_SETTING, STALE_AFTER_SETTING
from infcrm.services.restore_points import Rows, Undoable, step


@dataclass(frozen=True)
class SettingsChange:
    """The settings to store; None leaves a setting as it is."""

    tier_thresholds: TierThresholds | None = None
    engagement_bands: EngagementBands | None = None
    default_currency: str | None = None
    stale_after_days: int | None = None
    auto_advance: bool | None = None
    sender_name: str | None = None
    signature: str | None = None  # of outreach messages
    # The stored values when the dialog opened (`seen_now`): each value saved is then
    # merged with what someone else saved meanwhile (settings_merge.py). None: written whole.
    seen: Mapping[str, Any] | None = None


def _stored(change: SettingsChange) -> dict[str, Any]:
    """Each changed setting's key and the value stored for it; raises InvalidInput naming
    every field that cannot be stored (by the field's name) before anything is written."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if change.tier_thresholds is not None:
        values[settings.TIER_THRESHOLDS] = change.tier_thresholds.to_dict()
    if change.engagement_bands is not None:
        values[settings.ENGAGEMENT_BANDS] = change.engagement_bands.to_dict()
    if change.default_currency is not None:
        try:
            values[settings.DEFAULT_CURRENCY] = check_currency(change.default_currency)
        except ValueError as exc:
            errors["default_currency"] = str(exc)
    checks = (
        (STALE_AFTER_SETTING, change.stale_after_days, checked_stale_after_days),
        (SENDER_NAME_SETTING, change.sender_name, checked_sender_name),
        (SIGNATURE_SETTING, change.signature, checked_signature),
        (AUTO_ADVANCE_SETTING, change.auto_advance, bool),
    )
    for key, value, checked in checks:
        if value is None:
            continue
        try:
            values[key] = checked(value)
        except InvalidInput as exc:
            errors.update(exc.errors)
    if errors:
        raise InvalidInput(errors)
    return values


def seen_now(db: Database) -> dict[str, Any]:
    """The stored values a Settings dialog shows, as it opens: its `SettingsChange.seen`."""
    with db.reader() as session:
        read = settings.read_setting
        return {key: settings_merge.normal(key, read(session, key)) for key in settings_merge.SHOWN}


def save(db: Database, change: SettingsChange) -> Undoable:
    """Store every setting `change` names in one transaction; its value is how many settings
    were written (0: nothing to put on the undo stack), its undo puts each one back as it
    was — or absent, when it was never set."""
    values = _stored(change)

    def write(session) -> int:
        for key, value in values.items():
            if change.seen is not None and key in change.seen:
                now = settings_merge.normal(key, settings.read_setting(session, key))
                value = settings_merge.merged(key, change.seen[key], value, now)
            settings.write_setting(session, key, value)
        return len(values)

    done = step(
        db, lambda _session: [Rows("setting", "key", tuple(values))], write, Changes(settings=True)
    )
    settings.forget_cached(db)  # thresholds and bands are kept decoded between reads
    return done


__all__ = ["SettingsChange", "save", "seen_now"]
