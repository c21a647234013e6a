"""What the Dashboard reads (bounded queries, run in the background) and its lines in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from infcrm.db.engine import Database
from infcrm.domain.authorship import by_line
from infcrm.services.outreach.outreach_types import (
    ENTRY_STAGE_CHANGE,
    ActivityEntry,
    DashboardSummary,
    FollowUpRow,
)
from infcrm.ui.models.board_column_model import platform_label, shown_handle
from infcrm.ui.models.dashboard_list_model import DashboardItem

if TYPE_CHECKING:
    from infcrm.services.campaigns.campaign_progress import CampaignProgress

LIST_ROWS = 8  # follow-ups shown per list; the Follow-ups screen has them all
RECENT_ROWS = 10
CAMPAIGNS_SHOWN = 5


@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard shows, read in one go (bounded queries only)."""

    summary: DashboardSummary
    due_today: tuple[FollowUpRow, ...]
    overdue: tuple[FollowUpRow, ...]
    people: int
    campaigns: tuple[CampaignProgress, ...] = ()


def load_dashboard(db: Database, today: date, now: datetime | None = None) -> DashboardData:
    """Read the dashboard: counts, the first follow-ups due and overdue, recent activity, the
    weeks' outreach and the active campaigns."""
    # Imported here, in the background read: the Dashboard paints before the database layer
    # is loaded (ui/paint_gate.py).
    from infcrm.services.campaigns.campaign_progress import active_campaigns
    from infcrm.services.outreach import dashboard, follow_up_lists
    from infcrm.services.people import influencer_list

    return DashboardData(
        summary=dashboard.summary(db, today, now=now, recent_limit=RECENT_ROWS),
        due_today=follow_up_lists.bucket_rows(db, "today", today, 0, LIST_ROWS, now=now),
        overdue=follow_up_lists.bucket_rows(db, "overdue", today, 0, LIST_ROWS, now=now),
        people=influencer_list.count(db),
        campaigns=tuple(active_campaigns(db, today, CAMPAIGNS_SHOWN)),
    )


def short_date(day: date, today: date) -> str:
    """“today”, “yesterday”, “3 Nov”, “5 Jan 2027”."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"


def follow_up_item(row: FollowUpRow, today: date) -> DashboardItem:
    """A follow-up as a dashboard line: who, the note, and when it was due."""
    text = row.influencer_name + (f" — {row.note}" if row.note else "")
    if row.due_date < today:
        text += f" (due {short_date(row.due_date, today)})"
    elif row.due_time is not None:
        text += f" at {row.due_time:%H:%M}"
    parts = [f"Due {short_date(row.due_date, today)}"]
    if row.handle:
        parts.append(f"{shown_handle(row.handle, row.platform)} on {platform_label(row.platform)}")
    if row.waiting:
        parts.append("waiting for a reply")
    detail = " · ".join(parts) + ". Click to open; ✓ marks it done, the clock snoozes it."
    return DashboardItem(text, detail, row.influencer_id, follow_up_id=row.id)


def activity_item(entry: ActivityEntry, today: date) -> DashboardItem:
    """Something that happened, with when (in local time)."""
    local = entry.when.astimezone()
    day = short_date(local.date(), today)
    when = f"{day[:1].upper()}{day[1:]} {local:%H:%M}"
    # A move's title already names who made it ("Ana moved Lena to Agreed").
    by = by_line(entry.author) if entry.kind != ENTRY_STAGE_CHANGE else ""
    return DashboardItem(
        f"{when} · {entry.title}" + (f" · {by}" if by else ""),
        f"{local:%A %d %B %Y, %H:%M}. Click to open {entry.influencer_name}.",
        entry.influencer_id,
    )


def more_text(total: int, shown: int) -> str:
    """“+14 more” under a list that shows only the first lines; "" when it shows them all."""
    return f"+{total - shown:,} more" if total > shown else ""


__all__ = [
    "LIST_ROWS",
    "RECENT_ROWS",
    "DashboardData",
    "activity_item",
    "follow_up_item",
    "load_dashboard",
    "more_text",
    "short_date",
]
