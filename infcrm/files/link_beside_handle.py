"""A profile link beside a row's handle that names another account.

Trackers keep their own short name for an account (“gta”) beside a link to its posts
(tiktok.com/@hpgta6/video/…), and contact sheets give a network's handle and its profile link
in two columns. Only one of the two is imported (the account's link is made from its handle),
so when they name different accounts the user is told which was kept, on every network's
columns, not only the main account's.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from infcrm.domain.accounts import shown_account
from infcrm.domain.enums import Platform
from infcrm.domain.handles import normalise_handle
from infcrm.domain.platform_links import detect_platform
from infcrm.files.import_mapping import (
    FIELDS_BY_KEY,
    IGNORE,
    handle_beside_its_link,
    suggest_field,
)

# A YouTube channel id (“UC…”, 24 characters) and an @handle name one channel in two ways.
_CHANNEL_ID_LENGTH = 24


# A row's link is asked for its account several times (is it a link, which account does it
# name, does that agree with the handle beside it): read once, it costs an import of a
# full export, a profile link per network, a tenth of its time.
@lru_cache(maxsize=256)
def account_in_link(platform: Platform, link: str) -> str | None:
    """The handle a profile link on `platform` names, else None (not a link, another network,
    or a post whose link names no account)."""
    if "." not in link or detect_platform(link) is not platform:
        return None
    try:
        return normalise_handle(platform, link)
    except ValueError:
        return None


def other_account_in_link(
    platform: Platform, handle: str, link: str, handle_column: str, *, kept: str | None = None
) -> str | None:
    """What to tell the user when `link` is a profile on `platform` of an account other than
    `handle` (from `handle_column`), else None; `kept` is the handle stored (`handle` unless
    the link's column was the one imported)."""
    linked = account_in_link(platform, link)
    if linked is None:
        return None
    if platform is Platform.YOUTUBE and _CHANNEL_ID_LENGTH in (len(linked), len(handle)):
        return None
    if linked.casefold() == handle.casefold():
        return None
    theirs = shown_account(platform.value, linked)
    written = shown_account(platform.value, handle)
    stored = shown_account(platform.value, kept or handle)
    return (
        f"The {platform.label} link points to {theirs}, but column {handle_column} says "
        f"{written} — kept {stored}; check which is theirs."
    )


def links_beside_handles(
    headers: Sequence[str], mapping: Sequence[str]
) -> list[tuple[Platform, int, int]]:
    """(network, the column imported, its twin left out) for each network whose handle and
    profile link are two columns, only one of them imported (“TikTok” beside “TikTok link”)."""
    used: dict[str, int] = {}
    for index, key in enumerate(mapping):
        if key != IGNORE:
            used.setdefault(key, index)
    pairs = []
    for index, key in enumerate(mapping):
        if key != IGNORE:
            continue
        suggested = suggest_field(headers[index])
        kept = used.get(suggested)
        if kept is None or not suggested.endswith("_handle"):
            continue
        platform = FIELDS_BY_KEY[suggested].platform
        if platform and handle_beside_its_link(headers[index], headers[kept], suggested):
            pairs.append((Platform(platform), kept, index))
    return pairs


__all__ = ["account_in_link", "links_beside_handles", "other_account_in_link"]
