"""Writing open follow-ups to an .ics file that calendar apps import.

Each open follow-up becomes an all-day event on its due date (or a 30-minute event at its due
time), or a to-do if asked, with an alarm at the moment infcrm reminds (09:00 on a day
without a time). UIDs are stable, so importing a newer export updates the same
entries instead of adding copies. The file is streamed, so memory stays flat at any size, and
replaced in one step, so a failed export never leaves half a calendar behind.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event, Todo

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform
from infcrm.domain.reminders import all_day_offset
from infcrm.services.outreach import follow_up_lists
from infcrm.services.outreach.outreach_types import FollowUpRow
from infcrm.services.progress import Progress

PRODUCT_ID = "-//infcrm//Follow-ups//EN"
TIMED_LENGTH = timedelta(minutes=30)


def follow_up_uid(row: FollowUpRow) -> str:
    """The calendar UID of a follow-up: the same in every export of the same database."""
    return f"infcrm-follow-up-{row.id}@infcrm"


def _description(row: FollowUpRow) -> str:
    lines = [row.note] if row.note else []
    if row.handle:
        try:
            platform = Platform(row.platform).label if row.platform else ""
        except ValueError:
            platform = row.platform or ""
        lines.append(f"{row.handle} on {platform}" if platform else row.handle)
    return "\n".join(lines)


def _component(row: FollowUpRow, stamp: datetime, as_todo: bool) -> Event | Todo:
    item = Todo() if as_todo else Event()
    item.add("uid", follow_up_uid(row))
    item.add("dtstamp", stamp)
    item.add("summary", f"Follow up: {row.influencer_name}")
    description = _description(row)
    if description:
        item.add("description", description)
    # A due time is the user's wall-clock time wherever they are: a floating local time.
    start = datetime.combine(row.due_date, row.due_time) if row.due_time else row.due_date
    if as_todo:
        item.add("due", start)
        item.add("status", "NEEDS-ACTION")
    elif row.due_time is not None:
        item.add("dtstart", start)
        item.add("dtend", start + TIMED_LENGTH)
    else:
        item.add("dtstart", row.due_date)
        item.add("dtend", row.due_date + timedelta(days=1))  # DTEND of all-day is exclusive
        item.add("transp", "TRANSPARENT")
    item.add_component(_alarm(row, as_todo))
    return item


def _alarm(row: FollowUpRow, as_todo: bool) -> Alarm:
    """A display alarm at the moment infcrm itself would remind (domain/reminders.py): the
    due time, or 09:00 on a day without one — so calendar apps remind too."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Follow up: {row.influencer_name}")
    offset = timedelta(0) if row.due_time is not None else all_day_offset()
    # A to-do has no start, only its due moment: the trigger is relative to that end.
    parameters = {"RELATED": "END"} if as_todo else {}
    alarm.add("trigger", offset, parameters=parameters)
    return alarm


def export_follow_ups(
    db: Database,
    path: Path,
    *,
    as_todos: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> int:
    """Write every open follow-up to the .ics file `path`; returns how many were written.

    `progress.report(done, total, text)` is called as rows are written; when it raises
    (`Cancelled`), the file is left untouched.
    """
    path = Path(path)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    total = follow_up_lists.count_open(db)
    header = Calendar()
    header.add("prodid", PRODUCT_ID)
    header.add("version", "2.0")
    header.add("x-wr-calname", "infcrm follow-ups")
    opening, _, closing = header.to_ical().rpartition(b"END:VCALENDAR")
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    written = 0
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(opening)
            for row in follow_up_lists.iter_open(db):
                out.write(_component(row, stamp, as_todos).to_ical())
                written += 1
                if progress is not None and written % 500 == 0:
                    progress.report(written, total, _written(written, total))
            out.write(b"END:VCALENDAR" + closing)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    if progress is not None:
        progress.report(written, total, _written(written, total))
    return written


def _written(done: int, total: int) -> str:
    return f"{done:,} of {total:,} follow-ups written…"


__all__ = ["export_follow_ups", "follow_up_uid"]
