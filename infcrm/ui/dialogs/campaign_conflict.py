"""The campaign form's side of an edit conflict: the fields where the user's version and the
newer saved one disagree, in the words the form shows (see edit_conflict_dialog)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.services.campaigns.campaign_types import Campaign, CampaignInput
from infcrm.ui.dialogs.edit_conflict_dialog import Difference

FIELDS = (
    ("name", "Name"),
    ("brand", "Brand or product"),
    ("status", "Status"),
    ("starts_on", "Starts"),
    ("ends_on", "Ends"),
    ("budget", "Budget"),
    ("hashtags", "Branded hashtags"),
    ("mentions", "Mentions"),
    ("goal", "Goal"),
    ("brief", "Brief"),
)


def as_typed(campaign: Campaign) -> dict[str, object]:
    """A saved campaign's fields as the form would hold them."""
    budget = campaign.budget.plain() if campaign.budget else ""
    return {
        "name": campaign.name,
        "brand": campaign.brand or "",
        "status": campaign.status,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "budget": f"{budget} {campaign.currency}".strip(),
        "hashtags": campaign.hashtags or "",
        "mentions": campaign.mentions or "",
        "goal": campaign.goal or "",
        "brief": campaign.brief or "",
    }


def _typed(form: CampaignInput) -> dict[str, object]:
    values: dict[str, object] = {key: getattr(form, key) or "" for key, _label in FIELDS}
    values.update(starts_on=form.starts_on, ends_on=form.ends_on)
    values["budget"] = f"{form.budget or ''} {form.currency}".strip()
    return values


def campaign_differences(
    mine: CampaignInput, loaded: CampaignInput, theirs: Campaign
) -> Iterator[Difference]:
    """The fields where the form (`mine`) and the saved campaign disagree; each says whether
    the user changed it from `loaded` (what the form was opened with)."""
    now, before, saved = _typed(mine), _typed(loaded), as_typed(theirs)
    for key, label in FIELDS:
        if now[key] != saved[key]:
            yield Difference(
                key, label, _text(now[key], key), _text(saved[key], key), now[key] != before[key]
            )


def _text(value: object, key: str) -> str:
    if isinstance(value, date):
        return f"{value:%d %b %Y}".lstrip("0")
    if key == "status" and value:
        return CampaignStatus(value).label
    return str(value or "")


__all__ = ["FIELDS", "as_typed", "campaign_differences"]
