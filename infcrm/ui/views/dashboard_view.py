"""The Dashboard: who to follow up with today, where the pipeline stands, what happened lately."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.outreach import dashboard, followups
from infcrm.services.outreach.outreach_types import ActivityEntry, DashboardSummary, FollowUpRow
from infcrm.services.people import influencer_list
from infcrm.ui.events import events
from infcrm.ui.models.board_column_model import platform_label, shown_handle
from infcrm.ui.models.dashboard_list_model import (
    INFLUENCER_ID_ROLE,
    DashboardItem,
    DashboardListModel,
)
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.views.screen import Screen
from infcrm.ui.widgets.count_tile import CountTile
from infcrm.ui.widgets.field_error import error_colour
from infcrm.ui.widgets.stage_bar_chart import StageBarChart

LIST_ROWS = 8  # follow-ups shown per list; the Follow-ups screen has them all
RECENT_ROWS = 10
CONTENT_PAGE, WELCOME_PAGE = range(2)


@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard shows, read in one go (bounded queries only)."""

    summary: DashboardSummary
    due_today: tuple[FollowUpRow, ...]
    overdue: tuple[FollowUpRow, ...]
    people: int


def load_dashboard(db: Database, today: date, now: datetime | None = None) -> DashboardData:
    """Read the dashboard: counts, the first follow-ups due and overdue, recent activity."""
    return DashboardData(
        summary=dashboard.summary(db, today, now=now, recent_limit=RECENT_ROWS),
        due_today=followups.bucket_rows(db, "today", today, 0, LIST_ROWS, now=now),
        overdue=followups.bucket_rows(db, "overdue", today, 0, LIST_ROWS, now=now),
        people=influencer_list.count(db),
    )


def _short_date(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"


def follow_up_item(row: FollowUpRow, today: date) -> DashboardItem:
    """A follow-up as a dashboard line: who, the note, and when it was due."""
    text = row.influencer_name + (f" — {row.note}" if row.note else "")
    if row.due_date < today:
        text += f" (due {_short_date(row.due_date, today)})"
    elif row.due_time is not None:
        text += f" at {row.due_time:%H:%M}"
    parts = [f"Due {_short_date(row.due_date, today)}"]
    if row.handle:
        parts.append(f"{shown_handle(row.handle, row.platform)} on {platform_label(row.platform)}")
    if row.waiting:
        parts.append("waiting for a reply")
    return DashboardItem(text, " · ".join(parts) + ". Click to open.", row.influencer_id)


def activity_item(entry: ActivityEntry, today: date) -> DashboardItem:
    """Something that happened, with when (in local time)."""
    local = entry.when.astimezone()
    day = _short_date(local.date(), today)
    when = f"{day[:1].upper()}{day[1:]} {local:%H:%M}"
    return DashboardItem(
        f"{when} · {entry.title}",
        f"{local:%A %d %B %Y, %H:%M}. Click to open {entry.influencer_name}.",
        entry.influencer_id,
    )


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


class DashboardView(Screen):
    """The first screen of the day; every line and number opens what it shows."""

    sample_requested = Signal()  # “Try with sample data” on the welcome page

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        open_view: Callable[[str], object] | None = None,
        add_influencer: Callable[[], object] | None = None,
        import_file: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.now: datetime | None = None  # a fixed moment for tests and screenshots
        self._open_view = open_view or (lambda _key: None)
        self._answered = 0
        self.data: DashboardData | None = None
        self.freshness = KeepFresh(self, self.refresh_in_background)

        self.title = _heading("Today")
        self.tile_today = CountTile(
            "Due today", "Follow-ups due today (opens the Follow-ups screen)"
        )
        self.tile_overdue = CountTile("Overdue", "Follow-ups past their date (opens Follow-ups)")
        self.tile_week = CountTile("Interactions this week", "Messages logged since Monday")
        self.tile_people = CountTile("Influencers", "Everyone you work with (opens the list)")
        self.tile_today.clicked.connect(lambda: self._open_view("followups"))
        self.tile_overdue.clicked.connect(lambda: self._open_view("followups"))
        self.tile_week.setFlat(True)
        self.tile_week.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tile_people.clicked.connect(lambda: self._open_view("influencers"))
        tiles = QHBoxLayout()
        for tile in (self.tile_today, self.tile_overdue, self.tile_week, self.tile_people):
            tiles.addWidget(tile)
        tiles.addStretch(1)

        self.today_list, self.today_empty, today_box = self._list_section(
            "Due today", "Nothing is due today.", "due_today_list"
        )
        self.overdue_list, self.overdue_empty, overdue_box = self._list_section(
            "Overdue", "Nothing is overdue. Well done!", "overdue_list"
        )
        self.all_follow_ups = QPushButton()
        self.all_follow_ups.setObjectName("all_follow_ups")
        self.all_follow_ups.setFlat(True)
        self.all_follow_ups.setToolTip("Open the Follow-ups screen")
        self.all_follow_ups.clicked.connect(lambda: self._open_view("followups"))
        self.chart = StageBarChart()
        self.chart.stage_clicked.connect(lambda _stage: self._open_view("pipeline"))
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(_heading("Pipeline"))
        chart_layout.addWidget(self.chart)
        chart_layout.addStretch(1)
        self.recent_list, self.recent_empty, recent_box = self._list_section(
            "Recent activity", "Nothing logged yet.", "recent_list", rows=RECENT_ROWS
        )

        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(18)
        grid.addWidget(today_box, 0, 0)
        grid.addWidget(overdue_box, 1, 0)
        grid.addWidget(self.all_follow_ups, 2, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(chart_box, 0, 1)
        grid.addWidget(recent_box, 1, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self.title)
        content_layout.addLayout(tiles)
        content_layout.addSpacing(8)
        content_layout.addLayout(grid)
        content_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.pages = QStackedWidget()
        self.pages.addWidget(scroll)
        self.pages.addWidget(self._welcome_page(add_influencer, import_file))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(self.pages, 1)

        self.loader = LatestLoader("dashboard", self)
        self.loader.loaded.connect(self._on_loaded)
        for signal in (
            events.influencers_changed,
            events.pipeline_changed,
            events.stages_changed,
            events.settings_changed,
            events.interactions_changed,  # waiting markers, automatic moves, activity
            events.follow_ups_changed,
        ):
            signal.connect(self.freshness.data_changed)

    # Building -----------------------------------------------------------------------------

    def _list_section(
        self, title: str, empty_text: str, name: str, rows: int = LIST_ROWS
    ) -> tuple[QListView, QLabel, QWidget]:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_heading(title))
        view = QListView()
        view.setObjectName(name)
        view.setAccessibleName(title)
        view.setModel(DashboardListModel(view))
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setUniformItemSizes(True)
        view.setCursor(Qt.CursorShape.PointingHandCursor)
        line = view.fontMetrics().height() + 8
        view.setStyleSheet(f"QListView::item {{ min-height: {line}px; }}")
        view.setProperty("line_height", line)
        view.setFixedHeight(rows * line + 2 * view.frameWidth() + 4)
        view.clicked.connect(self._on_item_clicked)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            action = QAction("Open", view)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(
                lambda _=False, v=view: self._on_item_clicked(v.currentIndex())
            )
            view.addAction(action)
        empty = QLabel(empty_text)
        empty.setEnabled(False)  # the quiet colour of a hint
        layout.addWidget(view)
        layout.addWidget(empty)
        layout.addStretch(1)  # headings line up at the top of their grid row
        return view, empty, box

    def _welcome_page(
        self, add_influencer: Callable[[], object] | None, import_file: Callable[[], object] | None
    ) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = QLabel(
            "<h1>Welcome to infcrm</h1>"
            "<p>Keep everyone you work with on social media in one place: how you found them, "
            "every message, what you agreed and what it brought.</p>"
            "<p>Start by adding the influencers you already know, or bring in the spreadsheet "
            "you keep them in today. This page then shows who to follow up with each "
            "morning.</p>"
            "<p>Just looking around? Try it with made-up sample people, kept in a separate "
            "file so they never mix with yours.</p>"
        )
        text.setObjectName("welcome_text")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(520)
        text.setMinimumHeight(text.heightForWidth(520))
        self.add_button = QPushButton("Add an influencer…")
        self.add_button.setToolTip("Add someone by hand (Ctrl+N)")
        self.import_button = QPushButton("Import a spreadsheet…")
        self.import_button.setToolTip("Bring influencers in from an Excel or CSV file (Ctrl+I)")
        self.sample_button = QPushButton("Try with sample data")
        self.sample_button.setToolTip("Open a separate file of made-up people to look around")
        self.sample_button.clicked.connect(lambda _checked=False: self.sample_requested.emit())
        for button, slot in ((self.add_button, add_influencer), (self.import_button, import_file)):
            button.setVisible(slot is not None)
            if slot is not None:
                button.clicked.connect(slot)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    # Loading ------------------------------------------------------------------------------

    def today(self) -> date:
        """The user's date."""
        return self.now.astimezone().date() if self.now is not None else date.today()

    def refresh(self) -> None:
        """Read and show the dashboard now (a few bounded queries)."""
        self.loader.skip_pending()
        self._show(load_dashboard(self.db, self.today(), self.now))

    def show_screen(self) -> None:
        """Chosen from the sidebar: read in the background."""
        self.refresh_in_background()

    def refresh_in_background(self) -> None:
        """Read the dashboard off the GUI thread and show it when it arrives.

        Its counts read every follow-up and this week's interactions: about a second with
        100,000 people, which must never freeze the window.
        """
        self.freshness.stale = False
        today, now = self.today(), self.now
        self.loader.request(lambda: load_dashboard(self.db, today, now))

    def is_loading(self) -> bool:
        """True while a background load has not answered yet."""
        return self._answered != self.loader.latest

    def _on_loaded(self, serial: int, result: object, error: str) -> None:
        if serial != self.loader.latest:
            return
        self._answered = serial
        if not isinstance(result, DashboardData):
            self.error.setText(f"The dashboard could not be loaded: {error}")
            self.error.setStyleSheet(f"color: {error_colour(self)};")
            self.error.show()
            return
        self._show(result)

    # Showing ------------------------------------------------------------------------------

    def _show(self, data: DashboardData) -> None:
        self.freshness.stale = False
        self._answered = self.loader.latest
        self.data = data
        self.error.hide()
        today = self.today()
        self.pages.setCurrentIndex(CONTENT_PAGE if data.people else WELCOME_PAGE)
        self.title.setText(f"Today, {today:%A} {today.day} {today:%B}")
        summary = data.summary
        self.tile_today.set_value(summary.due_today)
        self.tile_overdue.set_value(summary.overdue, alarming=True)
        self.tile_week.set_value(summary.interactions_this_week)
        self.tile_people.set_value(data.people)
        self._fill(
            self.today_list, self.today_empty, [follow_up_item(r, today) for r in data.due_today]
        )
        self._fill(
            self.overdue_list, self.overdue_empty, [follow_up_item(r, today) for r in data.overdue]
        )
        self._fill(
            self.recent_list, self.recent_empty, [activity_item(e, today) for e in summary.recent]
        )
        open_total = summary.due_today + summary.overdue
        self.all_follow_ups.setText(
            f"See all {open_total:,} due and overdue on the Follow-ups screen"
        )
        self.all_follow_ups.setVisible(open_total > len(data.due_today) + len(data.overdue))
        self.chart.set_counts(summary.stage_counts)

    @staticmethod
    def _fill(view: QListView, empty: QLabel, items: list[DashboardItem]) -> None:
        model = view.model()
        assert isinstance(model, DashboardListModel)
        model.set_items(items)
        # As tall as its lines: a short list leaves no empty box behind.
        line = int(view.property("line_height"))
        view.setFixedHeight(max(len(items), 1) * line + 2 * view.frameWidth() + 4)
        view.setVisible(bool(items))
        empty.setVisible(not items)

    def _on_item_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            events.open_influencer.emit(int(index.data(INFLUENCER_ID_ROLE)))


__all__ = ["DashboardData", "DashboardView", "activity_item", "follow_up_item", "load_dashboard"]
