"""Checking one account of the influencer form: its platform, handle, figures and audience."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from infcrm.db.models import Influencer, SocialAccount
from infcrm.domain.enums import Platform
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.handles import normalise_handle, profile_url
from infcrm.domain.platform_links import named_channel
from infcrm.domain.validation import FieldChecker
from infcrm.services.people.influencer_types import AccountInput

_NOTES_MAX = max_length("notes")  # audience notes are as long as the person's notes


def clean_account(
    session: Session, check: FieldChecker, index: int, data: AccountInput, own_id: int | None
) -> dict | None:
    """One account of the form checked, or None when it cannot be stored; errors are keyed
    accounts.N.field (a handle someone else has is one)."""
    prefix = f"accounts.{index}."
    # Required: an account without a platform cannot be stored and must not vanish silently.
    platform = check.choice(
        prefix + "platform", data.platform, Platform, label="Platform", required=True
    )
    handle = None
    label = check.text(prefix + "label", data.label, label="Account name", max_length=200)
    # A YouTube channel's old link by its name is kept as it is, under that name: the same
    # name as a handle may be someone else's channel.
    channel = named_channel(data.handle or "") if platform is Platform.YOUTUBE else None
    if channel is not None:
        label = label or channel.name[:200]
    elif platform is not None and (label is None or (data.handle or "").strip()):
        try:
            handle = normalise_handle(platform, data.handle or "")
        except ValueError as exc:
            check.errors[prefix + "handle"] = str(exc)
    values = {
        "id": data.id,
        "is_primary": bool(data.is_primary),
        "followers": check.count(prefix + "followers", data.followers, label="Followers"),
        "avg_likes": check.count(
            prefix + "avg_likes", data.avg_likes, label="Average likes", average=True
        ),
        "avg_comments": check.count(
            prefix + "avg_comments", data.avg_comments, label="Average comments", average=True
        ),
        "avg_views": check.count(
            prefix + "avg_views", data.avg_views, label="Average views", average=True
        ),
        "posts_per_week": posts_per_week(check, prefix, data.posts_per_week),
        "audience_countries": check.text(
            prefix + "audience_countries", data.audience_countries, label="Audience countries"
        ),
        "audience_gender": check.text(
            prefix + "audience_gender",
            data.audience_gender,
            label="Audience gender",
            max_length=max_length("audience_gender"),
        ),
        "audience_age": check.text(
            prefix + "audience_age",
            data.audience_age,
            label="Audience age",
            max_length=max_length("audience_age"),
        ),
        "audience_notes": check.text(
            prefix + "audience_notes",
            data.audience_notes,
            label="Audience notes",
            max_length=_NOTES_MAX,
            multiline=True,
        ),
        "authenticity": check.int_range(
            prefix + "authenticity", data.authenticity, label="Authenticity", maximum=100
        ),
    }
    if platform is not None and channel is not None:
        shown = channel.url.removeprefix("https://www.")
        # The same channel whatever the capitals (as an import matches it).
        same = SocialAccount.handle.is_(None) & (
            func.lower(SocialAccount.url) == channel.url.lower()
        )
        _check_owner(session, check, prefix, platform, same, shown, own_id)
        values.update(platform=platform.value, handle=None, label=label, url=channel.url)
        return values
    if platform is not None and handle is None and label is not None:
        # Figures without a handle (a channel known only by its name) are kept all the same.
        values.update(platform=platform.value, handle=None, label=label, url=None)
        return values
    if platform is None or handle is None:
        return None
    same = SocialAccount.handle == handle
    _check_owner(session, check, prefix, platform, same, f"@{handle}", own_id)
    values.update(
        platform=platform.value, handle=handle, label=label, url=profile_url(platform, handle)
    )
    return values


def _check_owner(
    session: Session,
    check: FieldChecker,
    prefix: str,
    platform: Platform,
    same: ColumnElement[bool],
    shown: str,
    own_id: int | None,
) -> None:
    """Refuse an account (`same` on `platform`, written `shown`) someone else has."""
    owner = session.execute(
        select(SocialAccount.influencer_id, Influencer.display_name)
        .join(Influencer)
        .where(SocialAccount.platform == platform.value, same)
    ).first()
    if owner is not None and owner.influencer_id != own_id:
        check.errors[prefix + "handle"] = (
            f"{platform.label} {shown} already belongs to {owner.display_name}. "
            "Open that person instead, or check the handle."
        )


def posts_per_week(check: FieldChecker, prefix: str, value: object) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        check.errors[prefix + "posts_per_week"] = (
            f"“{value}” is not a number of posts per week. Write it like 3 or 2.5."
        )
        return None
    if not 0 <= number <= 500:
        check.errors[prefix + "posts_per_week"] = "Posts per week must be between 0 and 500."
        return None
    return number


__all__ = ["clean_account"]
