"""Columns taken for handles by their values, whatever they are called, and saying so.

Lists exported by tools or pasted together often head the handle column with nothing useful
(“Unnamed: 2”, an empty cell, “Creator”); its values (“@ana.bakes”, instagram.com links) tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from infcrm.domain.enums import Platform
from infcrm.domain.handles import normalise_handle
from infcrm.domain.platform_links import detect_platform, named_channel
from infcrm.files.import_mapping import FIELDS_BY_KEY, IGNORE, suggest_field
from infcrm.files.spreadsheet_reader import column_letter

if TYPE_CHECKING:
    from infcrm.files.column_choices import ColumnChoice, ColumnMapping
    from infcrm.files.column_profile import ColumnProfile

HANDLES_REASON = "its values look like handles (@…)"
# Links to posts or videos (tiktok.com/@name/video/…): the handle is the account each names.
POST_LINKS_REASON = "its values are links to posts or videos that name their account"

# Links to posts that name no account (instagram.com/p/…, youtube.com/watch?v=…).
NO_ACCOUNT_REASON = "its values are links to posts or videos, which name no account"


def post_links_label(fields: Sequence[str], index: int) -> str:
    """How column `index`, of links to posts, is shown (in the summary, the command line and
    the wizard's box): “Links to posts” beside another column of handles, which names the
    account first, and “Handle, from links to posts” when the account comes from them."""
    return "Links to posts" if _beside_handles(fields, index) else "Handle, from links to posts"


def _beside_handles(fields: Sequence[str], index: int) -> bool:
    """Whether a column other than `index` holds handles: a Handle or Profile link column,
    or one network's (“TikTok”)."""
    return any(
        i != index and key in FIELDS_BY_KEY and FIELDS_BY_KEY[key].kind == "handle"
        for i, key in enumerate(fields)
    )


def mostly_handles(profile: ColumnProfile) -> bool:
    """Whether most values are “@name” or profile links of one network, and little else is.

    A column of emails, numbers or names with spaces is not taken, nor one with a few handles
    among other words.
    """
    if len(profile.platform_links) > 1 or profile.emails + profile.numeric + profile.names > 0.3:
        return False
    links = sum(profile.platform_links.values()) / profile.filled
    return profile.at_handles + links >= 0.6


def named_handles_first(choices: list[ColumnChoice]) -> list[ColumnChoice]:
    """Handles under no useful name are left out beside a column named as handles.

    Which network they are on cannot be told, and the named column already says who each row
    is: taking them would make them the row's main account. The user can still map them.
    """
    named = next(
        (
            c
            for c in choices
            if not c.by_content
            and c.field in FIELDS_BY_KEY
            and FIELDS_BY_KEY[c.field].kind == "handle"
        ),
        None,
    )
    if named is None:
        return choices
    reason = f"its values look like handles, but the handles come from {named.header}"
    return [
        replace(c, field=IGNORE, reason=reason) if c.reason == HANDLES_REASON else c
        for c in choices
    ]


def handle_column_notes(mapping: ColumnMapping, platform: str | None) -> list[str]:
    """“Column C looks like Instagram handles (@…); imported as handles.” per such column.

    Only for columns whose name did not say they hold handles: the values decided, so the user
    is told, and can map the column otherwise if that is wrong. `platform`: the file's
    (as chosen, else as guessed).
    """
    notes = []
    for choice in mapping.choices:
        if choice.field == IGNORE and choice.by_content and choice.reason:
            # Named as a field but left out for its values: said, or a “Followers” column of
            # names would vanish without a word.
            if suggest_field(choice.header) in FIELDS_BY_KEY:
                notes.append(f"{_column(choice)} is left out: {choice.reason}.")
            continue
        spec = FIELDS_BY_KEY.get(choice.field)
        if not choice.by_content or spec is None or spec.kind != "handle":
            continue
        # Said even under a name such as “Link”, unless a Handle column gives the handle.
        posts = choice.reason == POST_LINKS_REASON
        if posts and _beside_handles(mapping.fields, choice.index):
            continue  # “Links to posts”: another column names the account
        named = FIELDS_BY_KEY.get(suggest_field(choice.header))
        if named is not None and named.kind == "handle" and not posts:
            continue
        column = _column(choice)
        network = spec.platform or platform
        if choice.field in ("url", "handle") and (posts or choice.field == "url"):
            network = mapping.platform or network  # the links' own network, whatever the file's
        label = f"{Platform(network).label} " if network and network != "other" else ""
        if posts:
            notes.append(
                f"{column} holds links to {label}posts or videos, not profiles: the account "
                "each link names is imported as the handle."
            )
            continue
        what = "profile links" if choice.field == "url" else "handles"
        if "@" in choice.reason:  # decided by the “@” before them: say so
            what += " (@…)"
        notes.append(f"{column} looks like {label}{what}; imported as handles.")
    return notes


def _column(choice: ColumnChoice) -> str:
    """“Column C (Followers)”, or “Column C” for a column without a name."""
    column = f"Column {column_letter(choice.index)}"
    return column if choice.header == column else f"{column} ({choice.header})"


def profile_network(text: str) -> Platform | None:
    """The network whose profile `text` links to, when it is a readable profile link.

    A website column holding such a link (a scraper's “externalUrl” that is the person's own
    Instagram) names that network's account, not a website.
    """
    found = detect_platform(text)
    if found is None or found is Platform.OTHER:
        return None
    if found is Platform.YOUTUBE and named_channel(text):
        return found  # a channel's old link by its name
    try:
        normalise_handle(found, text)
    except ValueError:
        return None  # a post, a shop or another page of the network: kept as a website
    return found


__all__ = [
    "HANDLES_REASON",
    "NO_ACCOUNT_REASON",
    "POST_LINKS_REASON",
    "handle_column_notes",
    "mostly_handles",
    "named_handles_first",
    "post_links_label",
    "profile_network",
]
