"""The influencer list's columns: what each shows, how it sorts, and how cells read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from infcrm.domain.enums import EngagementBand, FoundVia, Platform, Tier
from infcrm.domain.metrics import EngagementBands
from infcrm.domain.numbers import format_count, format_percent
from infcrm.services.people.influencer_types import InfluencerRow, ListQuery
from infcrm.ui import theme

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


DO_NOT_CONTACT_TIP = "Do not contact: this person asked not to be contacted."

# Bands worth a look stand out; typical rates keep the normal text colour. The theme's tokens
# read at AA contrast on light and dark backgrounds alike.
_BAND_TOKENS: dict[str, str] = {
    EngagementBand.LOW: "warning",
    EngagementBand.HIGH: "info",
    EngagementBand.SUSPICIOUS: "danger",
}


def band_colour(band: str | None) -> QColor | None:
    """The text colour of an engagement band that deserves a look; None for typical."""
    token = _BAND_TOKENS.get(band) if band else None
    return theme.qcolor(token) if token else None


_icons: dict[str, QIcon] = {}


def do_not_contact_icon() -> QIcon:
    """A red “no entry” sign, drawn here so it shows on systems without an emoji font."""
    icon = _icons.get("do_not_contact")
    if icon is None:
        icon = QIcon()
        for size in (16, 32):
            pixmap = QPixmap(size, size)
            pixmap.fill(QColor(0, 0, 0, 0))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#d03c3c"))
            painter.drawEllipse(1, 1, size - 2, size - 2)
            painter.setBrush(QColor("white"))
            bar = max(2, size // 6)
            painter.drawRect(size // 4, (size - bar) // 2, size - size // 2, bar)
            painter.end()
            icon.addPixmap(pixmap)
        _icons["do_not_contact"] = icon
    return icon


@dataclass(frozen=True)
class Column:
    """One column of the list: what it shows, how it sorts, how wide it starts."""

    key: str
    header: str
    sort_key: str | None  # a key of influencer_list.SORT_KEYS; None: cannot sort
    alignment: Qt.AlignmentFlag
    tooltip: str
    width: int
    shown: bool = True  # on show until the user changes the columns (and after a reset)


# The columns on show at first fit beside the sidebar at 1024 px without scrolling sideways;
# the others are a tick away in the header's menu.
COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", "name", _LEFT, "Display name; a red sign: do not contact", 190),
    Column("handle", "Account", "handle", _LEFT, "The main account and its network", 160),
    Column("followers", "Followers", "followers", _RIGHT, "Followers of the main account", 80),
    Column("tier", "Tier", "tier", _LEFT, "Size class from the followers (see Settings)", 60),
    Column(
        "engagement",
        "Engagement",
        "engagement",
        _LEFT,
        "(Average likes + comments) ÷ followers, compared with the usual range",
        125,
    ),
    Column("stage", "Stage", "stage", _LEFT, "Where the relationship stands", 95),
    Column("country", "Country", "country", _LEFT, "Country", 80),
    Column("platform", "Platform", "platform", _LEFT, "Network of the main account", 90, False),
    Column("email", "Email", "email", _LEFT, "Main email address", 190, False),
    Column("city", "City", "city", _LEFT, "City", 100, False),
    Column("tags", "Tags", None, _LEFT, "Your tags", 140, False),
    Column("owner", "Owner", "owner", _LEFT, "Who on the team looks after them", 90, False),
    Column("rating", "Rating", "rating", _LEFT, "Your rating, out of five stars", 80, False),
    Column("accounts", "Accounts", None, _RIGHT, "Number of social accounts", 70, False),
    Column("found_via", "Found via", "found_via", _LEFT, "How you came across them", 120, False),
    Column("language", "Language", "language", _LEFT, "Language they post in", 90, False),
    Column("niches", "Niches", "niches", _LEFT, "What they post about", 150, False),
    Column("updated", "Updated", "updated", _LEFT, "Last change", 95, False),
    Column("created", "Added", "created", _LEFT, "When they were added", 95, False),
)
DELETED_COLUMN = Column("deleted", "Deleted", "deleted", _LEFT, "When moved to the trash", 140)


def columns_for(query: ListQuery) -> tuple[Column, ...]:
    """The columns the list shows: the trash adds when each person was deleted."""
    return (*COLUMNS[:1], DELETED_COLUMN, *COLUMNS[1:]) if query.trash else COLUMNS


def _local(moment: datetime | None, with_time: bool = False) -> str:
    """A stored UTC instant as local date (and time) text in the user's locale."""
    if moment is None:
        return ""
    local = moment.replace(tzinfo=UTC).astimezone()
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        # No language set up (a bare system): ISO dates read clearly everywhere.
        return local.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
    fmt = QLocale.FormatType.ShortFormat
    date_text = locale.toString(local.date(), fmt)
    return f"{date_text} {locale.toString(local.time(), fmt)}" if with_time else date_text


# A date that is as wide as dates get (two-digit day and month, late in the day).
_WIDE_MOMENT = datetime(2026, 12, 28, 22, 58)


def widest_text(key: str) -> str | None:
    """The widest text a date column shows, as this computer writes dates; None for other
    columns. The list never makes a date column narrower than this (the time was cut off)."""
    if key == "deleted":
        return _local(_WIDE_MOMENT, with_time=True)
    if key in ("updated", "created"):
        return _local(_WIDE_MOMENT)
    return None


def label_of(enum: type, value: str | None) -> str:
    if not value:
        return ""
    try:
        return enum(value).label
    except ValueError:
        return value


def _pct(fraction: float) -> str:
    """1.5% rather than 1.50%, 4% rather than 4.0%."""
    text = f"{fraction * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _stars(rating: int | None) -> str:
    return "" if rating is None else "★" * rating + "☆" * (5 - rating)


def _engagement(row: InfluencerRow) -> str:
    if row.engagement_rate is None:
        return ""
    rate = format_percent(row.engagement_rate)
    return f"{rate} · {label_of(EngagementBand, row.band)}" if row.band else rate


_TEXT: dict[str, Callable[[InfluencerRow], str]] = {
    "name": lambda r: r.display_name,
    "platform": lambda r: label_of(Platform, r.platform),
    "handle": lambda r: r.handle or r.label or "",  # an account known only by its name
    "followers": lambda r: format_count(r.followers),
    "tier": lambda r: label_of(Tier, r.tier),
    "engagement": _engagement,
    "stage": lambda r: r.stage or "",
    "email": lambda r: r.email or "",
    "country": lambda r: r.country or "",
    "city": lambda r: r.city or "",
    "tags": lambda r: r.tags or "",
    "owner": lambda r: r.owner or "",
    "rating": lambda r: _stars(r.rating),
    "accounts": lambda r: str(r.account_count),
    "found_via": lambda r: label_of(FoundVia, r.found_via),
    "language": lambda r: r.language or "",
    "niches": lambda r: r.niches or "",
    "updated": lambda r: _local(r.updated_at),
    "created": lambda r: _local(r.created_at),
    "deleted": lambda r: _local(r.deleted_at, with_time=True),
}

_RAW: dict[str, Callable[[InfluencerRow], object]] = {
    "name": lambda r: r.display_name,
    "followers": lambda r: r.followers,
    "engagement": lambda r: r.engagement_rate,
    "rating": lambda r: r.rating,
    "accounts": lambda r: r.account_count,
    "updated": lambda r: r.updated_at,
    "created": lambda r: r.created_at,
    "deleted": lambda r: r.deleted_at,
}


def band_explanation(row: InfluencerRow, bands: EngagementBands) -> str | None:
    """“High for a micro Instagram account (typical 1.5–4%)”, or None without a band."""
    if row.engagement_rate is None or not row.band or not row.tier or not row.platform:
        return None
    try:
        platform, tier = Platform(row.platform), Tier(row.tier)
    except ValueError:
        return None
    limits = bands.limits(platform, tier)
    band = label_of(EngagementBand, row.band)
    return (
        f"{band} for a {tier.label.lower()} {platform.label} account "
        f"(typical {_pct(limits.low_below).rstrip('%')}–{_pct(limits.high_from)})"
    )


def cell_text(key: str, row: InfluencerRow) -> str:
    """What the cell of column `key` shows for `row`."""
    return _TEXT[key](row)


def cell_value(key: str, row: InfluencerRow) -> object:
    """The raw value behind the cell (a count, a rate, a date), or its text."""
    raw = _RAW.get(key)
    return raw(row) if raw is not None else _TEXT[key](row)


__all__ = [
    "COLUMNS",
    "DELETED_COLUMN",
    "DO_NOT_CONTACT_TIP",
    "Column",
    "band_colour",
    "band_explanation",
    "cell_text",
    "cell_value",
    "columns_for",
    "do_not_contact_icon",
    "label_of",
]
