"""The columns an export can hold: key, header, cell kind and width — plain data.

The same definitions let the importer recognise the headers of infcrm's own exports, so an
export read back maps every column without asking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform
from infcrm.domain.field_catalogue import FIELDS_BY_KEY
from infcrm.services.exchange import export_rows

# "number" is a decimal such as posts per week; "percent" a fraction shown with one decimal
# (4.5%), "percent2" with two (a commission's 12.25%); "money" a domain Money, written in its
# currency's format; "money_sums" amounts given per currency ({code: Money}), written one
# numeric column per currency (files/currency_columns.py); "id" a record's number, which
# other sheets of an all-sheets export refer to (shown without a thousands separator).
ColumnKind = Literal[
    "text",
    "int",
    "number",
    "percent",
    "percent2",
    "date",
    "datetime",
    "url",
    "email",
    "bool",
    "money",
    "money_sums",
    "id",
]


@dataclass(frozen=True)
class ExportColumn:
    """One column of an exported sheet."""

    key: str
    header: str
    kind: ColumnKind
    width: float


def _field(key: str, field_key: str, width: float) -> ExportColumn:
    """A column whose header and cell kind come from the field catalogue, so a field is
    described once: renaming it there renames the export's column (and what the importer
    recognises when the file comes back)."""
    spec = FIELDS_BY_KEY[field_key]
    return ExportColumn(
        key, spec.column_header, cast(ColumnKind, spec.export_format or "text"), width
    )


# The influencer sheet: one row per person, the main account's figures beside the person.
# Keys match the Influencers screen's column keys, so "what you see" maps one to one. Columns
# of no catalogue field are worked out (tier, engagement…) or kept by infcrm itself.
EXPORT_COLUMNS: tuple[ExportColumn, ...] = (
    _field("name", "display_name", 26),
    _field("real_name", "real_name", 22),
    _field("email", "email", 30),
    _field("other_emails", "other_emails", 30),
    _field("phone", "phone", 16),
    _field("country", "country", 14),
    _field("city", "city", 14),
    _field("language", "language", 12),
    _field("niches", "niches", 24),
    _field("tags", "tags", 24),
    _field("stage", "stage", 14),
    _field("owner", "owner", 14),
    _field("rating", "rating", 8),
    _field("do_not_contact", "do_not_contact", 10),
    ExportColumn("found_via", "Found via", "text", 16),
    ExportColumn("found_detail", "Found how", "text", 22),
    _field("platform", "platform", 12),
    _field("handle", "handle", 20),
    _field("url", "url", 36),
    _field("followers", "followers", 12),
    ExportColumn("tier", "Tier", "text", 8),
    _field("avg_likes", "avg_likes", 11),
    _field("avg_comments", "avg_comments", 11),
    _field("avg_views", "avg_views", 11),
    ExportColumn("engagement", "Engagement", "percent", 11),
    ExportColumn("band", "Engagement band", "text", 16),
    ExportColumn("accounts", "Accounts", "int", 9),
    _field("brand_fit", "brand_fit", 30),
    _field("notes", "notes", 40),
    _field("other_names", "other_names", 22),
    _field("created", "created_at", 17),
    ExportColumn("updated", "Updated", "datetime", 17),
)

# The person's number, first on the Influencers sheet of an all-sheets export: the other
# sheets name the person by it ("Influencer ID"), since two people may share a name.
ID_COLUMN = ExportColumn("id", "ID", "id", 8)

# Per-platform columns added after the chosen ones, one group for each platform present in
# the export: (field, header suffix, kind, width). Every account is listed, the main one too,
# so "Instagram followers" can be sorted and filtered for everyone on Instagram.
PLATFORM_FIELDS: tuple[tuple[str, str, ColumnKind, float], ...] = (
    ("handle", "handle", "text", 18),
    ("followers", "followers", "int", 12),
    ("url", "profile", "url", 32),
)

# The "Social accounts" sheet: every account of every exported influencer.
ACCOUNT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("name", "Influencer", "text", 26),
    ExportColumn("influencer_id", "Influencer ID", "id", 9),
    _field("platform", "platform", 12),
    _field("handle", "handle", 20),
    # An account known only by its name (no handle) has it here.
    ExportColumn("label", "Account name", "text", 22),
    _field("url", "url", 36),
    ExportColumn("is_primary", "Main account", "bool", 9),
    _field("followers", "followers", 12),
    _field("avg_likes", "avg_likes", 11),
    _field("avg_comments", "avg_comments", 11),
    _field("avg_views", "avg_views", 11),
    _field("posts_per_week", "posts_per_week", 10),
    ExportColumn("engagement", "Engagement", "percent", 11),
    ExportColumn("tier", "Tier", "text", 8),
    ExportColumn("band", "Engagement band", "text", 16),
    _field("authenticity", "authenticity", 11),
    _field("audience_countries", "audience_countries", 20),
    _field("audience_gender", "audience_gender", 16),
    _field("audience_age", "audience_age", 14),
    _field("audience_notes", "audience_notes", 30),
)

_BY_KEY = {c.key: c for c in EXPORT_COLUMNS}

# Names the list screen or the row dataclass may use for the same columns.
_ALIASES = {
    "display_name": "name",
    "engagement_rate": "engagement",
    "account_count": "accounts",
    "created_at": "created",
    "updated_at": "updated",
}


def platform_key(platform: str, field: str) -> str:
    """The key of a per-platform column, e.g. ``instagram_followers``."""
    return f"{platform}_{field}"


def platform_columns(platform: str) -> tuple[ExportColumn, ...]:
    """The columns for one platform's account: “Instagram handle”, “Instagram followers”…"""
    label = Platform(platform).label
    return tuple(
        ExportColumn(platform_key(platform, field), f"{label} {suffix}", kind, width)
        for field, suffix, kind, width in PLATFORM_FIELDS
    )


def influencer_column(key: str) -> ExportColumn | None:
    """The influencer-sheet column with this key (or a known alias), else None."""
    return _BY_KEY.get(_ALIASES.get(key, key))


def resolve_columns(keys: list[str] | tuple[str, ...] | None) -> tuple[ExportColumn, ...]:
    """The columns for `keys` in their order, unknown keys skipped; all columns if none remain.

    "Do not contact" always comes along: a list handed on without it could get someone
    written to who asked not to be.
    """
    chosen: list[ExportColumn] = []
    for key in keys or ():
        column = influencer_column(key)
        if column is not None and column not in chosen:
            chosen.append(column)
    if not chosen:
        return EXPORT_COLUMNS
    do_not_contact = influencer_column("do_not_contact")
    if do_not_contact is not None and do_not_contact not in chosen:
        chosen.append(do_not_contact)
    return tuple(chosen)


def influencer_columns(
    db: Database, ids: Sequence[int], keys: list[str] | tuple[str, ...] | None
) -> tuple[ExportColumn, ...]:
    """The influencer sheet's columns: the chosen ones, then each present platform's group."""
    extra = tuple(
        column
        for platform in export_rows.platforms_present(db, ids)
        for column in platform_columns(platform)
    )
    return resolve_columns(keys) + extra


@dataclass(frozen=True)
class ExtraSheet:
    """A further sheet of an .xlsx export: its title, columns and where its rows come from."""

    title: str
    columns: tuple[ExportColumn, ...]
    # (db, influencer ids in export order) -> one list of values per row, in column order.
    rows: Callable[[Database, Sequence[int]], Iterator[list[object]]]
    # (db, influencer ids) -> how many rows `rows` will give, for the progress bar.
    count: Callable[[Database, Sequence[int]], int]
    # (db, influencer ids) -> the currencies its "money_sums" columns are spread over.
    currencies: Callable[[Database, Sequence[int]], Sequence[str]] | None = None


ACCOUNT_SHEET = ExtraSheet(
    "Social accounts", ACCOUNT_COLUMNS, export_rows.account_values, export_rows.account_count
)


def known_headers() -> dict[str, str]:
    """Every header an infcrm export can carry (case-folded) mapped to its column key."""
    headers = {c.header.casefold(): c.key for c in EXPORT_COLUMNS}
    for platform in Platform:
        headers.update({c.header.casefold(): c.key for c in platform_columns(platform.value)})
    return headers


__all__ = [
    "ACCOUNT_COLUMNS",
    "ACCOUNT_SHEET",
    "EXPORT_COLUMNS",
    "ID_COLUMN",
    "PLATFORM_FIELDS",
    "ColumnKind",
    "ExportColumn",
    "ExtraSheet",
    "influencer_column",
    "influencer_columns",
    "known_headers",
    "platform_columns",
    "platform_key",
    "resolve_columns",
]
