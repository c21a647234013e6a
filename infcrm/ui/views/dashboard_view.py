"""The Dashboard: who to follow up with today, where the pipeline stands, what happened lately."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.changes import Changes
from infcrm.ui import operations, theme, undo_commands
from infcrm.ui.events import events
from infcrm.ui.models.dashboard_list_model import (
    INFLUENCER_ID_ROLE,
    DashboardItem,
    DashboardListModel,
)
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.views.dashboard_data import (
    LIST_ROWS,
    RECENT_ROWS,
    DashboardData,
    activity_item,
    follow_up_item,
    load_dashboard,
    more_text,
)
from infcrm.ui.views.empty_state import empty_page
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.views.screen import Screen
from infcrm.ui.widgets.campaign_progress_list import CampaignProgressList
from infcrm.ui.widgets.count_tile import CountTile
from infcrm.ui.widgets.dashboard_list import BUTTON, DashboardList
from infcrm.ui.widgets.field_error import error_colour
from infcrm.ui.widgets.flow_layout import FlowLayout
from infcrm.ui.widgets.headings import heading
from infcrm.ui.widgets.stage_bar_chart import StageBarChart
from infcrm.ui.widgets.week_chart import WeekChart

CONTENT_PAGE, WELCOME_PAGE = range(2)
TWO_COLUMNS_FROM = 760  # px: narrower, the sections stack in one column
SNOOZE_CHOICES = ((1, "Tomorrow"), (3, "In 3 days"), (7, "In a week"))


def _followups():
    from infcrm.services.outreach import followups  # the database layer loads after the paint

    return followups


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
        self.data: DashboardData | None = None
        self.freshness = KeepFresh(self, self.refresh_in_background)

        self.title = heading("Today")
        self.tile_today = CountTile(
            "Due today", "Follow-ups due today (opens the Follow-ups screen)"
        )
        self.tile_overdue = CountTile("Overdue", "Follow-ups past their date (opens Follow-ups)")
        self.tile_week = CountTile(
            "Interactions, last 7 days", "Messages logged in the last seven days"
        )
        self.tile_people = CountTile("Influencers", "Everyone you work with (opens the list)")
        self.tile_today.clicked.connect(lambda: self._open_view("followups"))
        self.tile_overdue.clicked.connect(lambda: self._open_view("followups"))
        self.tile_week.setFlat(True)
        self.tile_week.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tile_people.clicked.connect(lambda: self._open_view("influencers"))
        # The tiles flow: side by side on a wide window, on more rows on a narrow one.
        self.tiles = QWidget()
        tiles = FlowLayout(self.tiles)
        for tile in (self.tile_today, self.tile_overdue, self.tile_week, self.tile_people):
            tiles.addWidget(tile)

        self.today_list, self.today_empty, today_box = self._list_section(
            "Due today", "Nothing is due today.", "due_today_list"
        )
        self.overdue_list, self.overdue_empty, overdue_box = self._list_section(
            "Overdue", "Nothing is overdue. Well done!", "overdue_list"
        )
        for view in (self.today_list, self.overdue_list):
            assert isinstance(view, DashboardList)
            view.done_requested.connect(self.mark_done)
            view.snooze_requested.connect(self._on_snooze_clicked)
        self.chart = StageBarChart()
        self.chart.stage_clicked.connect(lambda _stage: self._open_view("pipeline"))
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(heading("Pipeline"))
        chart_layout.addWidget(self.chart)
        chart_layout.addStretch(1)
        self.recent_list, self.recent_empty, recent_box = self._list_section(
            "Recent activity", "Nothing logged yet.", "recent_list", rows=RECENT_ROWS
        )
        self.week_chart = WeekChart()
        week_box = self._box("Outreach and replies, week by week", self.week_chart)
        self.campaigns = CampaignProgressList()
        self.campaigns_empty = QLabel("No campaign is running.")
        theme.set_role(self.campaigns_empty, "secondary")  # quiet, yet readable (WCAG AA)
        campaigns_box = self._box("Active campaigns", self.campaigns, self.campaigns_empty)

        grid = self.grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(18)
        # In reading order: two side by side on a wide window, one under another on a narrow.
        # The follow-ups down the left, the two charts beside them, so both charts are in view
        # at 1280 × 800 without scrolling; the activity and campaigns below.
        self._sections = [today_box, chart_box, overdue_box, week_box, recent_box, campaigns_box]
        self._columns = 0
        self._arrange(2)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self.title)
        content_layout.addWidget(self.tiles)
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

    @staticmethod
    def _box(title: str, *widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title))
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        return box

    def _list_section(
        self, title: str, empty_text: str, name: str, rows: int = LIST_ROWS
    ) -> tuple[QListView, QLabel, QWidget]:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title))
        view = DashboardList()
        view.setObjectName(name)
        view.setAccessibleName(title)
        view.setModel(DashboardListModel(view))
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setUniformItemSizes(True)
        view.setCursor(Qt.CursorShape.PointingHandCursor)
        line = max(view.fontMetrics().height() + 8, BUTTON + 2)  # room for ✓ and snooze
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
        theme.set_role(empty, "secondary")  # quiet, yet readable (WCAG AA)
        more = QPushButton()
        more.setObjectName(f"{name}_more")
        more.setFlat(True)
        more.setToolTip("See them all on the Follow-ups screen")
        more.clicked.connect(lambda: self._open_view("followups"))
        more.hide()
        view.setProperty("more_button", more)
        layout.addWidget(view)
        layout.addWidget(empty)
        layout.addWidget(more, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)  # headings line up at the top of their grid row
        return view, empty, box

    def _welcome_page(
        self, add_influencer: Callable[[], object] | None, import_file: Callable[[], object] | None
    ) -> QWidget:
        self.add_button = QPushButton("Add your first influencer…")
        self.add_button.setToolTip("Add someone by hand (Ctrl+N)")
        self.import_button = QPushButton("Import a spreadsheet…")
        self.import_button.setToolTip("Bring influencers in from an Excel or CSV file (Ctrl+I)")
        self.sample_button = QPushButton("Try with sample data")
        self.sample_button.setToolTip(
            "Open a separate file of made-up people to look around; yours never mix with them"
        )
        self.sample_button.clicked.connect(lambda _checked=False: self.sample_requested.emit())
        for button, slot in ((self.add_button, add_influencer), (self.import_button, import_file)):
            button.setVisible(slot is not None)
            if slot is not None:
                button.clicked.connect(slot)
        return empty_page(
            "Welcome to infcrm",
            "Each morning this page shows who to follow up with, where every relationship "
            "stands and how your campaigns are going — start by adding the people you work with.",
            self.add_button,
            self.import_button,
            self.sample_button,
            name="welcome_text",
        )

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for box in self._sections:
            self.grid.removeWidget(box)
        for place, box in enumerate(self._sections):
            self.grid.addWidget(box, place // columns, place % columns)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        """Sections side by side when there is room, else one column."""
        super().resizeEvent(event)
        self._arrange(2 if event.size().width() >= TWO_COLUMNS_FROM else 1)

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
        return self.loader.waiting

    def _on_loaded(self, serial: int, result: object, error: str) -> None:
        if serial != self.loader.latest:
            return
        if not isinstance(result, DashboardData):
            self.error.setText(f"The dashboard could not be loaded: {error}")
            self.error.setStyleSheet(f"color: {error_colour(self)};")
            self.error.show()
            return
        self._show(result)

    # Showing ------------------------------------------------------------------------------

    def _show(self, data: DashboardData) -> None:
        self.freshness.stale = False
        self.data = data
        self.error.hide()
        today = self.today()
        self.pages.setCurrentIndex(CONTENT_PAGE if data.people else WELCOME_PAGE)
        self.title.setText(f"Today, {today:%A} {today.day} {today:%B}")
        summary = data.summary
        self.tile_today.set_value(summary.due_today)
        self.tile_overdue.set_value(summary.overdue, alarming=True)
        self.tile_week.set_value(summary.interactions_last_7_days)
        self.tile_people.set_value(data.people)
        self._fill(
            self.today_list,
            self.today_empty,
            [follow_up_item(r, today) for r in data.due_today],
            summary.due_today,
        )
        self._fill(
            self.overdue_list,
            self.overdue_empty,
            [follow_up_item(r, today) for r in data.overdue],
            summary.overdue,
        )
        self._fill(
            self.recent_list, self.recent_empty, [activity_item(e, today) for e in summary.recent]
        )
        self.chart.set_counts(summary.stage_counts)
        self.week_chart.set_weeks(summary.weeks)
        self.campaigns.set_entries(data.campaigns)
        self.campaigns.setVisible(bool(data.campaigns))
        self.campaigns_empty.setVisible(not data.campaigns)

    @staticmethod
    def _fill(
        view: QListView, empty: QLabel, items: list[DashboardItem], total: int | None = None
    ) -> None:
        model = view.model()
        assert isinstance(model, DashboardListModel)
        model.set_items(items)
        more = view.property("more_button")
        if isinstance(more, QPushButton):
            more.setText(more_text(total or 0, len(items)))
            more.setVisible(bool(more.text()))
        # As tall as its lines: a short list leaves no empty box behind.
        line = int(view.property("line_height"))
        view.setFixedHeight(max(len(items), 1) * line + 2 * view.frameWidth() + 4)
        view.setVisible(bool(items))
        empty.setVisible(not items)

    def _on_item_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            events.open_influencer.emit(int(index.data(INFLUENCER_ID_ROLE)))

    # Follow-ups ---------------------------------------------------------------------------

    def mark_done(self, follow_up_id: int) -> None:
        """Tick off one follow-up from its line (the lists then read again)."""
        done = operations.run(
            self, "Mark done", lambda: _followups().mark_done(self.db, follow_up_id, now=self.now)
        )
        self._undoable(done, "follow-up marked done")

    def snooze(self, follow_up_id: int, days: int) -> None:
        """Move one follow-up `days` after today."""
        until = self.today() + timedelta(days=days)
        done = operations.run(
            self, "Snooze", lambda: _followups().snooze(self.db, follow_up_id, until)
        )
        self._undoable(done, "follow-up snoozed")

    def _undoable(self, done: operations.Outcome, title: str) -> None:
        if not done.ok:  # gone meanwhile: the message said so; show the lists as they are now
            self.refresh_in_background()
            return
        undo_commands.push(
            undo_commands.ChangeCommand(
                self.db, title, done.value, partial(operations.announce, Changes(follow_ups=True))
            )
        )

    def snooze_menu(self, follow_up_id: int) -> QMenu:
        """Tomorrow, in 3 days, in a week."""
        menu = QMenu(self)
        for days, words in SNOOZE_CHOICES:
            menu.addAction(words, partial(self.snooze, follow_up_id, days))
        return menu

    def _on_snooze_clicked(self, follow_up_id: int, where: QPoint) -> None:
        self.snooze_menu(follow_up_id).popup(where)


__all__ = ["DashboardView"]
