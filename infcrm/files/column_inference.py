"""Deciding what each column holds from its name and, where the name cannot tell, its values.

A column of values like “@ada.bakes” or “khaby.lame” is a handle whatever it is called, one
of “Khaby Lame” is a name; a “platform” column is one only if its values are platforms; a
“comments” column of numbers is a count, not notes. Each decision says whether the values
decided it (“by content”), and every column left out is named, so the command line and the
wizard can show the user what was understood.
"""

from __future__ import annotations

from collections.abc import Sequence

from infcrm.files.advert_column import adverts_are_not_names
from infcrm.files.column_choices import ColumnChoice, ColumnMapping
from infcrm.files.column_profile import SAMPLE, ColumnProfile, profile_column
from infcrm.files.field_owners import one_column_per_field
from infcrm.files.file_platform import file_platform
from infcrm.files.handle_columns import (
    HANDLES_REASON,
    NO_ACCOUNT_REASON,
    POST_LINKS_REASON,
    mostly_handles,
    named_handles_first,
)
from infcrm.files.header_platforms import platform_in_header
from infcrm.files.import_mapping import (
    FIELDS_BY_KEY,
    IGNORE,
    LABELLED,
    ignored_reason,
    suggest_field,
)


def infer_mapping(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, sample: int = SAMPLE
) -> ColumnMapping:
    """Each column's field from its name, corrected by its values where the name cannot tell."""
    head = [tuple(r) for r in rows[: sample * 3]]
    profiles = [profile_column([r[i] for r in head if i < len(r)]) for i in range(len(headers))]
    choices: list[ColumnChoice] = []
    for index, header in enumerate(headers):
        key, by_content, reason = _decide(header, profiles[index])
        choices.append(ColumnChoice(index, header, key, by_content, reason))
    choices = adverts_are_not_names(choices, headers, head)
    choices = _handles_among_names(choices, profiles)
    choices = _names_stay_beside_handles(choices)
    choices = named_handles_first(choices)
    choices = one_column_per_field(choices, profiles)
    mapping = ColumnMapping(choices)
    file_platform(mapping, profiles)
    return mapping


def _decide(header: str, profile: ColumnProfile) -> tuple[str, bool, str]:
    """(field, decided by content, reason) for one column."""
    key = suggest_field(header)
    if profile.filled == 0:
        if key in FIELDS_BY_KEY:
            return key, False, ""
        return IGNORE, False, ignored_reason(header) or "empty"
    if profile.labelled >= 0.5:
        return LABELLED, True, "values like “Email: …”"
    if profile.post_links >= 0.6 and key in (IGNORE, "url", "handle"):
        # Links to posts are no profiles: their account is the handle when they name one.
        if profile.post_accounts >= 0.6:
            return ("url" if key == IGNORE else key), True, POST_LINKS_REASON
        return IGNORE, True, NO_ACCOUNT_REASON
    if key == LABELLED and profile.emails == 1:
        # A “Contact” column of nothing but addresses is the email column.
        return "email", True, "its values are email addresses"
    spec = FIELDS_BY_KEY.get(key)
    kind = spec.kind if spec else None
    if key == "platform" and profile.platforms < 0.6:
        if "type" in header.casefold() or "category" in header.casefold():
            return "niches", True, "its values are categories, not platforms"
        return IGNORE, True, "its values are not platforms"
    if key == "niches" and profile.tiers >= 0.6:
        return IGNORE, True, "its values are tiers, which infcrm works out from followers"
    if key == "notes" and profile.numeric >= 0.8:
        return "avg_comments", True, "its values are numbers"
    if kind == "handle" or key == "display_name":
        return _handle_or_name(header, key, profile)
    if kind == "count" and profile.numeric < 0.5 and profile.handles + profile.names >= 0.5:
        return IGNORE, True, "its values are not numbers"
    if kind == "email" and profile.emails < 0.3 and profile.filled >= 3:
        return IGNORE, True, "its values are not email addresses"
    if key in FIELDS_BY_KEY:
        return key, False, ""
    if key == IGNORE or key not in FIELDS_BY_KEY:
        derived = ignored_reason(header)
        if derived:
            return IGNORE, False, derived
        if profile.emails >= 0.6:
            return "email", True, "its values are email addresses"
        if profile.platform_links and profile.links >= 0.6:
            return "url", True, "its values are profile links"
        if mostly_handles(profile):
            return "handle", True, HANDLES_REASON
    return IGNORE, False, ""


def _handle_or_name(header: str, key: str, profile: ColumnProfile) -> tuple[str, bool, str]:
    """A handle column of names is the name, and a name column of handles is the handle."""
    found = platform_in_header(header)
    if profile.emails >= 0.6:
        return "email", True, "its values are email addresses"
    if profile.numeric >= 0.8:
        return IGNORE, True, "its values are numbers"
    names, handles = profile.names, profile.handles
    if key == "display_name" and handles >= 0.7 and handles > names * 2:
        platform = found[0] if found else None
        return (f"{platform}_handle" if platform else "handle"), True, "its values are handles"
    if key != "display_name" and names >= 0.5 and names > handles:
        return "display_name", True, "its values are names, not handles"
    return key, False, ""


def _handles_among_names(
    choices: list[ColumnChoice], profiles: list[ColumnProfile]
) -> list[ColumnChoice]:
    """Of two name columns, one of handles beside one of names is the handle.

    “youtuber name” (tseries, MrBeast6000, Like Nastya) beside “channel name” (T-Series,
    MrBeast): too few handles for the first to be one by itself, but next to a column of
    display names it is the one that holds the channels' handles.
    """
    names = [c for c in choices if c.field == "display_name"]
    if len(names) < 2 or any(
        c.field in ("handle", "url")
        or (c.field in FIELDS_BY_KEY and FIELDS_BY_KEY[c.field].account_field == "handle")
        for c in choices
    ):
        return choices
    plainest = min(names, key=lambda c: profiles[c.index].handles)
    floor = profiles[plainest.index].handles
    result = list(choices)
    for choice in names:
        handles = profiles[choice.index].handles
        if choice is plainest or handles < 0.3 or handles < floor * 2 + 0.2:
            continue
        found = platform_in_header(choice.header) or platform_in_header(plainest.header)
        key = f"{found[0]}_handle" if found else "handle"
        reason = f"its values are handles; the names are in {plainest.header}"
        result[choice.index] = ColumnChoice(choice.index, choice.header, key, True, reason)
        break
    return result


def _names_stay_beside_handles(choices: list[ColumnChoice]) -> list[ColumnChoice]:
    """A name column of handles stays the name when another column is the handle by its name.

    “Name” holding “@anna.bakes” beside a “Handle” column (infcrm's own export, where someone
    known only by a handle is named after it) is the person's name; taking it for the handle
    would leave the real handle column out.
    """
    named_handle = any(
        not c.by_content and c.field in FIELDS_BY_KEY and FIELDS_BY_KEY[c.field].kind == "handle"
        for c in choices
    )
    if not named_handle:
        return choices
    return [
        ColumnChoice(c.index, c.header, "display_name")
        if c.by_content
        and suggest_field(c.header) == "display_name"
        and c.field in FIELDS_BY_KEY
        and FIELDS_BY_KEY[c.field].kind == "handle"
        else c
        for c in choices
    ]


__all__ = ["infer_mapping"]
