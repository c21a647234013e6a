"""Which backups to keep: the newest of each recent day and week, everything from the last day."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from infcrm.db.backup_files import named_backups

KEEP_DAILY = 7
KEEP_WEEKLY = 4
# Backups younger than this are never rotated away, so the copy made just before an import or a
# restore is still there when the user wants to undo it.
KEEP_EVERYTHING_YOUNGER_THAN = timedelta(hours=24)


def to_keep(
    made: Iterable[datetime], now: datetime, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY
) -> set[datetime]:
    """Which backup times survive rotation: the newest of each of the last `daily` days, then
    the newest of each of the `weekly` weeks before those, and everything from the last 24 h."""
    ordered = sorted(set(made), reverse=True)
    keep = {t for t in ordered if now - t < KEEP_EVERYTHING_YOUNGER_THAN}
    days: set[object] = set()
    for t in ordered:
        if len(days) == daily:
            break
        if t.date() not in days:
            days.add(t.date())
            keep.add(t)
    oldest_day = min(days) if days else None
    weeks: set[tuple[int, int]] = set()
    for t in ordered:
        if oldest_day is not None and t.date() >= oldest_day:
            continue
        if len(weeks) == weekly:
            break
        week = tuple(t.isocalendar())[:2]
        if week not in weeks:
            weeks.add(week)  # type: ignore[arg-type]
            keep.add(t)
    return keep


def rotate(folder: Path, stem: str, now: datetime | None = None) -> list[Path]:
    """Delete the backups of `stem` that rotation does not keep; returns what was deleted."""
    backups = named_backups(folder, stem)
    now = now or datetime.now().astimezone()
    keep = to_keep((b.made_at for b in backups), now)
    removed = []
    for backup in backups:
        if backup.made_at not in keep:
            with contextlib.suppress(OSError):  # a file we cannot delete just stays
                backup.path.unlink()
                removed.append(backup.path)
    return removed
