"""The follow-ups a reminder may be about: open ones due today or earlier, people in the trash
left out. When exactly each reminds is the domain's rule (domain/reminders.py)."""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.db.outreach_models import STATUS_OPEN, FollowUp
from infcrm.services.outreach import follow_up_lists
from infcrm.services.outreach.outreach_types import FollowUpRow

# A tray menu or a banner lists a screenful; the Follow-ups screen has the rest.
MOST = 200


def due_by(
    db: Database, today: date, most: int = MOST, since: date | None = None
) -> list[FollowUpRow]:
    """Open follow-ups due on or before `today` (and not before `since`), earliest first."""
    stmt = (
        follow_up_lists._base()
        .where(FollowUp.status == STATUS_OPEN, FollowUp.due_date <= today)
        .order_by(FollowUp.due_date, FollowUp.due_time, FollowUp.id)
        .limit(most)
    )
    if since is not None:
        stmt = stmt.where(FollowUp.due_date >= since)
    with db.reader() as session:
        return list(follow_up_lists._rows(session, stmt, None, db.names_tell))


__all__ = ["due_by"]
