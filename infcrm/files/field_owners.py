"""Which column fills a field that several columns of a list are named or valued as.

Lists give a figure twice (“Likes” and “Avg Likes”), or a handle as an id and as a link; one
column is imported and the others are left out, with the reason shown to the user. A second
followers column right after a network's handle column is that network's followers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from infcrm.domain.field_catalogue import simplify_header
from infcrm.files.figure_headers import says_average
from infcrm.files.import_mapping import FIELDS_BY_KEY, IGNORE, LIST_FIELDS, field_label

if TYPE_CHECKING:
    from infcrm.files.column_choices import ColumnChoice
    from infcrm.files.column_profile import ColumnProfile


def one_column_per_field(
    choices: list[ColumnChoice], profiles: list[ColumnProfile]
) -> list[ColumnChoice]:
    """Keep the first column for each field (the best-filled name), except list fields."""
    used: dict[str, int] = {}
    result: list[ColumnChoice] = []
    for choice in choices:
        key = choice.field
        if key == "email" and "email" in used:
            choice = replace(choice, field="other_emails", reason="")
            key = "other_emails"
        if key == "followers" and key in used and (beside := _network_before(result, used)):
            # “Instagram | Followers | TikTok | Followers”: each count is its network's.
            choice = replace(choice, field=f"{beside}_followers")
            key = choice.field
        if key != IGNORE and key in used and key not in LIST_FIELDS:
            earlier = result[used[key]]
            label = field_label(key)
            if _more_profile_links(
                key, profiles[choice.index], profiles[earlier.index]
            ) or _named_as_the_average(key, choice.header, earlier.header):
                # “youtube” (links to the channel) over “youtube_channel_id”: the links name
                # the handle people know; “Avg Likes” over a plain “Likes” before it, which
                # may count the page's likes. The earlier column is the one left out.
                result[used[key]] = _left_out(earlier, f"{label} comes from {choice.header}")
                used[key] = len(result)
                result.append(choice)
                continue
            result.append(_left_out(choice, f"{label} comes from {earlier.header}"))
            continue
        if key != IGNORE:
            used.setdefault(key, len(result))
        result.append(choice)
    return result


def _network_before(result: list[ColumnChoice], used: dict[str, int]) -> str | None:
    """The network whose handle column comes just before, when its followers are not mapped."""
    if not result:
        return None
    spec = FIELDS_BY_KEY.get(result[-1].field)
    if spec is None or spec.account_field != "handle" or not spec.platform:
        return None
    if f"{spec.platform}_followers" in used:
        return None
    return spec.platform


def _named_as_the_average(key: str, later: str, earlier: str) -> bool:
    """Whether of two columns of an average figure only the later one is named as an average."""
    if key not in ("avg_likes", "avg_comments", "avg_views"):
        return False
    return says_average(simplify_header(later)) and not says_average(simplify_header(earlier))


def _more_profile_links(key: str, later: ColumnProfile, earlier: ColumnProfile) -> bool:
    """Whether a later column holds more profile links of `key`'s platform than the earlier."""
    spec = FIELDS_BY_KEY.get(key)
    if spec is None or spec.account_field != "handle" or not spec.platform:
        return False
    platform = spec.platform
    return later.platform_links.get(platform, 0) > earlier.platform_links.get(platform, 0)


def _left_out(choice: ColumnChoice, reason: str) -> ColumnChoice:
    return replace(choice, field=IGNORE, by_content=False, reason=reason)


__all__ = ["one_column_per_field"]
