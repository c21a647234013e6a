"""A profile link beside a row's handle that names another account.

Trackers keep their own short name for an account (“gta”) beside a link to its posts
(tiktok.com/@hpgta6/video/…). The handle column is what the user typed and is stored; the link
would otherwise be dropped without a word, leaving a profile link to someone else's account.
"""

from __future__ import annotations

from infcrm.domain.enums import Platform
from infcrm.domain.handles import detect_platform, normalise_handle, shown_account

# A YouTube channel id (“UC…”, 24 characters) and an @handle name one channel in two ways.
_CHANNEL_ID_LENGTH = 24


def other_account_in_link(platform: Platform, handle: str, link: str, column: str) -> str | None:
    """What to tell the user when `link` is a profile on `platform` of an account other than
    `handle` (from `column`), else None."""
    if "." not in link or detect_platform(link) is not platform:
        return None
    try:
        linked = normalise_handle(platform, link)
    except ValueError:
        return None  # a link to a post with no account in it names nobody
    if platform is Platform.YOUTUBE and _CHANNEL_ID_LENGTH in (len(linked), len(handle)):
        return None
    if linked.casefold() == handle.casefold():
        return None
    theirs = shown_account(platform.value, linked)
    written = shown_account(platform.value, handle)
    return (
        f"This link is to {theirs}, not to {written} named in column {column}: the account is "
        f"stored as {written}. Check which is theirs."
    )


__all__ = ["other_account_in_link"]
