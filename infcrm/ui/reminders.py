"""Reminders while infcrm runs: a desktop notification when a follow-up falls due, with Open and
Snooze 1 day, and a tray menu of today's follow-ups.

Where the desktop has no system tray (or offscreen), a banner in the window says the same, with
the same buttons, and never blocks the work. A timer looks every half minute; the clock is a
parameter so tests move time by hand. Each follow-up reminds once (domain/reminders.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QToolBar,
    QWidget,
)

from infcrm.domain.reminders import ReminderLog
from infcrm.services.changes import Changes
from infcrm.services.errors import ServerUnreachable
from infcrm.services.outreach.outreach_types import FollowUpRow
from infcrm.ui import icons, operations, paint_gate, undo_commands
from infcrm.ui.events import events

if TYPE_CHECKING:
    from infcrm.ui.main_window import MainWindow

ENABLED_KEY = "reminders/enabled"
CHECK_EVERY_MS = 30_000
MENU_MOST = 15


def reminders_enabled() -> bool:
    """Whether infcrm reminds of follow-ups on this computer (Settings; on by default)."""
    return QSettings().value(ENABLED_KEY, True, bool)


def set_reminders_enabled(on: bool) -> None:
    """Turn reminders on or off on this computer."""
    QSettings().setValue(ENABLED_KEY, bool(on))


def _due_by(db, *args, **kwargs) -> list[FollowUpRow]:
    # Imported on first use: the window is built, and painted, before the database layer loads.
    from infcrm.services.outreach import reminders

    return reminders.due_by(db, *args, **kwargs)


def _who(rows: Sequence[FollowUpRow]) -> str:
    names = ", ".join(r.influencer_name for r in rows[:3])
    more = len(rows) - 3
    return names + (f" and {more:,} more" if more > 0 else "")


def _title(rows: Sequence[FollowUpRow]) -> str:
    return "Follow-up due" if len(rows) == 1 else f"{len(rows):,} follow-ups due"


def _text(rows: Sequence[FollowUpRow]) -> str:
    if len(rows) == 1 and rows[0].note:
        return f"{rows[0].influencer_name}: {rows[0].note}"
    return _who(rows)


class Reminders(QObject):
    """Watches the clock for follow-ups falling due and tells the user, tray or banner."""

    def __init__(
        self,
        window: MainWindow,
        *,
        clock: Callable[[], datetime] = datetime.now,
        tray: bool | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.log = ReminderLog()
        self.shown: list[FollowUpRow] = []  # what the last reminder was about
        self.banner: QToolBar | None = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray:
            self.tray = QSystemTrayIcon(window.windowIcon(), self)
            self.tray.setToolTip("infcrm: follow-ups")
            self.tray_menu = QMenu()
            self.tray_menu.aboutToShow.connect(self.fill_tray_menu)
            self.tray.setContextMenu(self.tray_menu)
            self.tray.messageClicked.connect(self.open_shown)
            self.fill_tray_menu()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Begin watching. Only the running app calls this, once its window is shown: a window
        made for a screenshot or a test keeps quiet, whatever the real clock says."""
        self.timer.start()
        # What fell due while infcrm was closed, once the window is on screen.
        paint_gate.after_first_paint(self, lambda: QTimer.singleShot(0, self, self.check))

    # Watching -------------------------------------------------------------------------------

    def check(self) -> list[int]:
        """Remind of every follow-up whose moment has come since the last look; their ids."""
        enabled = reminders_enabled()
        if self.tray is not None:
            self.tray.setVisible(enabled)
        if not enabled:
            return []
        now = self.clock()
        # What fell due on earlier days is on the Dashboard and the Follow-ups screen (and in
        # the tray menu): a reminder is for what falls due today.
        try:
            due = _due_by(self.window.db, now.date(), since=now.date())
        except ServerUnreachable:
            return []  # the window shows it is offline; the next look after it is back reminds
        fired = set(self.log.due(((r.id, r.due_date, r.due_time) for r in due), now))
        if fired:
            self.remind([r for r in due if r.id in fired])
        return sorted(fired)

    def remind(self, rows: list[FollowUpRow]) -> None:
        """Tell the user about `rows`: a tray message, else the window's banner."""
        self.shown = rows
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(_title(rows), _text(rows), self.window.windowIcon(), 15_000)
        else:
            self.show_banner(rows)

    # The banner -----------------------------------------------------------------------------

    def show_banner(self, rows: list[FollowUpRow]) -> None:
        """Show (or renew) the banner above the screen: who is due, Open, Snooze 1 day, ✕."""
        if self.banner is None:
            self.banner = QToolBar("Reminders", self.window)
            self.banner.setObjectName("reminder_banner")
            self.banner.setMovable(False)
            self.banner.setFloatable(False)
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(8, 4, 8, 4)
            bell = QLabel()
            bell.setPixmap(icons.icon("followups").pixmap(18, 18))
            row.addWidget(bell)
            self.banner_text = QLabel()
            self.banner_text.setObjectName("reminder_text")
            self.banner_text.setWordWrap(True)
            row.addWidget(self.banner_text, 1)
            self.open_button = QPushButton("Open")
            self.open_button.setToolTip("Show who this is about")
            self.open_button.clicked.connect(self.open_shown)
            self.snooze_button = QPushButton("Snooze 1 day")
            self.snooze_button.setToolTip("Move these follow-ups to tomorrow (Undo: Ctrl+Z)")
            self.snooze_button.clicked.connect(self.snooze_shown)
            close = QPushButton(icons.icon("close"), "")
            close.setToolTip("Hide this reminder")
            close.setFlat(True)
            close.clicked.connect(self.hide_banner)
            for button in (self.open_button, self.snooze_button, close):
                row.addWidget(button)
            holder.setStyleSheet("background: #fff4ce; color: #3d2e00;")
            self.banner.addWidget(holder)
            self.window.addToolBar(self.banner)
        self.banner_text.setText(f"{_title(rows)}: {_text(rows)}")
        self.banner.show()

    def hide_banner(self) -> None:
        """Put the banner away (the follow-ups stay on the Follow-ups screen)."""
        if self.banner is not None:
            self.banner.hide()

    # Open and Snooze ------------------------------------------------------------------------

    def open_shown(self) -> None:
        """Show the person of the reminder, or the Follow-ups screen for several."""
        self.hide_banner()
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        if len(self.shown) == 1:
            events.open_influencer.emit(self.shown[0].influencer_id)
        elif self.shown:
            self.window.show_view("followups")

    def snooze_shown(self) -> None:
        """Move the reminded follow-ups to tomorrow: one undo step."""
        self.hide_banner()
        self.snooze(self.shown)

    def snooze(self, rows: Sequence[FollowUpRow]) -> None:
        """Move `rows` to the day after today (one undo step); they remind again then."""
        tomorrow = self.clock().date() + timedelta(days=1)
        points = []

        from infcrm.services.outreach import followups

        def each() -> None:
            for row in rows:
                points.append(followups.snooze(self.window.db, row.id, tomorrow))

        operations.run(self.window, "Snooze", each)
        if points:
            count = "follow-up" if len(points) == 1 else f"{len(points)} follow-ups"
            undo_commands.push(
                undo_commands.ChangeCommand(
                    self.window.db,
                    f"{count} snoozed a day",
                    points,
                    lambda: operations.announce(Changes(follow_ups=True)),
                )
            )

    # The tray menu --------------------------------------------------------------------------

    def fill_tray_menu(self) -> None:
        """Today's follow-ups (and overdue ones), each with Open and Snooze 1 day."""
        menu = self.tray_menu
        menu.clear()
        due = _due_by(self.window.db, self.clock().date(), MENU_MOST + 1)
        heading = menu.addAction("Nothing due" if not due else "Due today and overdue")
        heading.setEnabled(False)
        for row in due[:MENU_MOST]:
            person = menu.addMenu(row.influencer_name + (f" — {row.note}" if row.note else ""))
            # `triggered` passes `checked`: the slots take it and let it go.
            person.addAction("Open", lambda _=False, i=row.influencer_id: self.open_person(i))
            person.addAction("Snooze 1 day", lambda _=False, r=row: self.snooze([r]))
        menu.addSeparator()
        menu.addAction("All follow-ups…", lambda _=False: self.window.show_view("followups"))
        menu.addAction("Show infcrm", lambda _=False: self.window.showNormal())

    def open_person(self, influencer_id: int) -> None:
        """Bring the window forward with this person on show."""
        self.window.showNormal()
        self.window.raise_()
        events.open_influencer.emit(influencer_id)


__all__ = ["Reminders", "reminders_enabled", "set_reminders_enabled"]
