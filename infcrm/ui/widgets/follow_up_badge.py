"""The sidebar's follow-up count ("Follow-ups (3 due · 5 overdue)") and a midnight tick.

The count is kept fresh when follow-ups change and just after midnight, when today's
follow-ups become overdue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidgetItem

from infcrm.db.engine import Database
from infcrm.services.errors import ServerUnreachable
from infcrm.ui import paint_gate
from infcrm.ui.events import events

Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The computer's own time, time-zone aware."""
    return datetime.now().astimezone()


def ms_to_midnight(now: datetime) -> int:
    """Milliseconds until just after the next local midnight."""
    tomorrow = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), now.tzinfo)
    return max(1_000, int((tomorrow - now).total_seconds() * 1000) + 1_000)


def sidebar_label(
    due_today: int, overdue: int, fits: Callable[[str], bool] = lambda _line: True
) -> str:
    """The sidebar's text for the screen: "Follow-ups", then e.g. "3 due · 5 overdue" below.

    On a second line, so the sidebar stays narrow whatever the counts; when that line does
    not `fit` the sidebar's width (thousands of each), each count takes a line of its own
    rather than being cut short.
    """
    parts = []
    if due_today:
        parts.append(f"{due_today:,} due")
    if overdue:
        parts.append(f"{overdue:,} overdue")
    if not parts:
        return "Follow-ups"
    line = " · ".join(parts)
    return "Follow-ups\n" + (line if fits(line) else "\n".join(parts))


class MidnightTimer(QObject):
    """Fires `midnight` just after each local midnight (the day's follow-ups move sections)."""

    midnight = Signal()

    def __init__(self, clock: Clock = local_now, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.start(ms_to_midnight(clock()))

    def _on_timeout(self) -> None:
        self._timer.start(ms_to_midnight(self._clock()))
        self.midnight.emit()


LINE_HEIGHT = 16  # each further line of the sidebar item, in pixels


class FollowUpBadge(QObject):
    """Keeps the sidebar item's text showing how many follow-ups are due today and overdue."""

    def __init__(
        self, db: Database, item: QListWidgetItem, parent: QObject, clock: Clock = local_now
    ) -> None:
        super().__init__(parent)
        self._db, self._item, self._clock = db, item, clock
        self._midnight = MidnightTimer(clock, self)
        self._midnight.midnight.connect(self.refresh)
        events.follow_ups_changed.connect(self.refresh)
        events.influencers_changed.connect(self.refresh)  # trashed people's follow-ups vanish
        events.mine_only_changed.connect(self.refresh)  # the count is of what the screen lists
        paint_gate.after_first_paint(self, self.refresh)

    def refresh(self) -> None:
        """Count again."""
        from infcrm.services.outreach import follow_up_lists  # loaded after the first paint
        from infcrm.ui.views.followups_sections import mine_only_on

        mine = mine_only_on()
        try:
            due_today, overdue = follow_up_lists.due_counts(
                self._db, self._clock().date(), only_mine=mine
            )
        except ServerUnreachable:
            return  # the last counts stay; the window shows it is offline until it is back
        except Exception:  # a passive count never stops the window
            # Read while a restore swaps a server's tables, the count can be chosen as a
            # deadlock's victim: the last counts stay, and the restore's notice counts again.
            return
        text = sidebar_label(due_today, overdue, self._fits)
        self._item.setText(text)
        self._item.setSizeHint(QSize(160, 34 + LINE_HEIGHT * text.count("\n")))
        # Read out as one phrase: "Follow-ups (3 due · 5 overdue)".
        counts = text.partition("\n")[2].replace("\n", " · ")
        spoken = f"Follow-ups ({counts})" if counts else text
        self._item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        if mine:
            tip = (
                f"{due_today:,} of your follow-ups due today and {overdue:,} overdue (“Mine "
                "only” is ticked on the Follow-ups screen)"
            )
        elif due_today or overdue:
            tip = f"{due_today:,} follow-ups due today and {overdue:,} overdue"
        else:
            tip = "Who to chase: overdue, today, this week and later."
        self._item.setToolTip(tip)

    def _fits(self, line: str) -> bool:
        """Whether `line` shows whole beside the item's icon in the sidebar."""
        sidebar = self._item.listWidget()
        if sidebar is None:
            return True
        # The item's padding and the gap after the icon (style.qss), with a little to spare.
        room = sidebar.viewport().width() - sidebar.iconSize().width() - 36
        return sidebar.fontMetrics().horizontalAdvance(line) <= room


__all__ = [
    "Clock",
    "FollowUpBadge",
    "MidnightTimer",
    "local_now",
    "ms_to_midnight",
    "sidebar_label",
]
