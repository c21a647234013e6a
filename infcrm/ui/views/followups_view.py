"""The Follow-ups screen: who to chase — overdue, today, this week, later — and what was done."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.outreach import follow_up_lists
from infcrm.services.outreach.outreach_types import FollowUpBucket, FollowUpRow
from infcrm.ui import theme
from infcrm.ui.events import events
from infcrm.ui.models.follow_up_table_model import COLUMN_KEYS, PAGE, FollowUpTableModel
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.views.empty_state import empty_page
from infcrm.ui.views.followup_actions import FollowUpActions
from infcrm.ui.views.followups_sections import (
    SECTION_KEYS,
    SECTIONS,
    SNOOZES,
    FollowUpTable,
    SectionRead,
    TopRow,
    empty_text,
    mine_only_box,
    read_sections,
    section_to_open,
    tab_label,
    tab_tip,
)
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.views.screen import Screen
from infcrm.ui.widgets.follow_up_badge import Clock, MidnightTimer, local_now
from infcrm.ui.widgets.keyboard import tab_leaves
from infcrm.ui.widgets.name_delegate import NameDelegate

TABLE_PAGE, EMPTY_SECTION_PAGE, NO_FOLLOW_UPS_PAGE = range(3)

_NO_FOLLOW_UPS = (
    "A follow-up reminds you to get back to someone on the day you choose; set one when you "
    "log an interaction (Ctrl+L), and everything due shows here, overdue first."
)


class FollowUpsView(FollowUpActions, Screen):
    """Every follow-up by section, with mark done, snooze and open the influencer."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, clock: Clock = local_now
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._clock = clock
        self._totals: dict[str, int] = dict.fromkeys(SECTION_KEYS, 0)
        self._shown_day: date | None = None
        self._anything = False  # any follow-up at all, whoever's
        self.log_dialog: QDialog | None = None

        self.tabs = QTabBar()
        self.tabs.setObjectName("followUpSections")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for _key, title, _empty in SECTIONS:
            self.tabs.addTab(title)
        self.tabs.currentChanged.connect(self._on_section_chosen)

        self.done_button = QPushButton("Mark done")
        self.done_button.setToolTip("Tick off the selected follow-ups (Space)")
        self.done_button.clicked.connect(self.mark_done_selected)
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze")
        self.snooze_button.setToolTip("Move the selected follow-ups to a later day")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_menu = QMenu(self.snooze_button)
        for text, days in SNOOZES:
            self.snooze_menu.addAction(text, partial(self.snooze_selected, days))
        self.snooze_menu.addAction("A date…", self._on_snooze_to_date)
        self.snooze_button.setMenu(self.snooze_menu)
        self.open_button = QPushButton("Open influencer")
        self.open_button.setToolTip("Show this person in the Influencers list (Enter)")
        self.open_button.clicked.connect(self.open_selected)
        self.message = QLabel()
        self.message.setObjectName("followUpsMessage")
        self.mine_only = mine_only_box()
        self.mine_only.toggled.connect(lambda _on: self.reload_in_background())
        actions = QWidget()
        row = QHBoxLayout(actions)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.message)
        row.addWidget(self.mine_only)
        row.addWidget(self.done_button)
        row.addWidget(self.snooze_button)
        row.addWidget(self.open_button)
        self.top_row = top = TopRow(self.tabs, actions)

        self.model = FollowUpTableModel(db, self)
        self.table = FollowUpTable()
        tab_leaves(self.table)
        self.table.setObjectName("followUps")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Each row shows the person's face before their name, as the influencer list does.
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("name"), NameDelegate(self.table))
        header = self.table.horizontalHeader()
        # The note takes what is left; the others are measured once per page of rows read,
        # not at every repaint as Qt's ResizeToContents would (FollowUpTable.refit).
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.space_pressed.connect(self._on_space)
        self.table.enter_pressed.connect(self.open_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty_section = QLabel()
        self.empty_section.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.set_role(self.empty_section, "secondary")  # quiet, yet readable (WCAG AA)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty_section)
        self.pages.addWidget(self._no_follow_ups_page())

        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.pages, 1)

        # Counting every section grows with the data: it is read in the background.
        self.loader = LatestLoader("follow-ups", self)
        self.loader.loaded.connect(self._on_loaded)
        # Stale from the start: read when first shown, so the window opens without waiting.
        self.freshness = KeepFresh(self, self.reload_in_background)
        self._midnight = MidnightTimer(clock, self)
        for signal in (
            self._midnight.midnight,
            events.follow_ups_changed,
            events.influencers_changed,
            events.interactions_changed,  # "waiting" markers
            events.pipeline_changed,
        ):
            signal.connect(self.freshness.data_changed)

    def _no_follow_ups_page(self) -> QWidget:
        self.log_button = QPushButton("Log an interaction…")
        self.log_button.setToolTip("Log what happened with someone and set a follow-up (Ctrl+L)")
        self.log_button.clicked.connect(self.log_interaction)
        page = empty_page("No follow-ups yet", _NO_FOLLOW_UPS, self.log_button)
        self.no_follow_ups = page.findChild(QLabel, "empty_text")
        return page

    # Loading -------------------------------------------------------------------------------

    def today(self) -> date:
        """The local date the sections are worked out for."""
        return self._clock().date()

    def current_section(self) -> str:
        """The key of the section on show."""
        return SECTION_KEYS[max(0, self.tabs.currentIndex())]

    def show_section(self, key: str) -> None:
        """Bring one section to the front."""
        self.tabs.setCurrentIndex(SECTION_KEYS.index(key))

    def section_total(self, key: str) -> int:
        """How many follow-ups a section holds."""
        return self._totals[key]

    def reload(self) -> None:
        """Count every section again and show the current one from the top, now."""
        self.loader.skip_pending()
        mine = self.mine_only.isChecked()
        self._present(read_sections(self._db, self.current_section(), self._clock(), mine))

    def reload_in_background(self) -> None:
        """Count every section and read the current one off the window's thread."""
        self.freshness.stale = False
        db, key, now = self._db, self.current_section(), self._clock()
        mine = self.mine_only.isChecked()
        self.loader.request(lambda: read_sections(db, key, now, mine))

    def refresh(self) -> None:
        """Read and show the follow-ups now."""
        self.reload()

    def show_screen(self) -> None:
        """Chosen from the sidebar: catch up in the background when the day has changed."""
        if self._shown_day != self.today() and not self.freshness.stale:
            self.reload_in_background()

    def is_loading(self) -> bool:
        """True while a background read has not answered yet."""
        return self.loader.waiting

    def _on_loaded(self, serial: int, result: object, error: str) -> None:
        if serial != self.loader.latest:
            return  # a newer read is on its way
        if not isinstance(result, SectionRead):
            self.message.setText(f"The follow-ups could not be loaded: {error}")
            return
        self._present(result)

    def _present(self, read: SectionRead) -> None:
        self.freshness.stale = False
        self._shown_day = read.now.date()
        first = read.anything and not self._anything  # the tabs are about to appear
        self._anything = read.anything
        for index, (key, title, _empty) in enumerate(SECTIONS):
            total = read.totals[key]
            self._totals[key] = total
            self.tabs.setTabText(index, tab_label(title, total))
            self.tabs.setTabToolTip(index, tab_tip(title, total))
        self.top_row.refit()
        if first:  # an empty Overdue tab hid the first follow-up, due today
            with QSignalBlocker(self.tabs):  # its page is read just below
                opened = section_to_open(self._totals, self.current_section())
                self.tabs.setCurrentIndex(SECTION_KEYS.index(opened))
        if read.section == self.current_section():
            self._show_section(read.rows, read.now)
        else:  # the user moved to another tab while reading
            self._show_current()

    def _on_section_chosen(self, _index: int) -> None:
        if self._shown_day is not None:
            self._show_current()

    def _show_current(self) -> None:
        """Read the first page of the section on show (one bounded page)."""
        key = self.current_section()
        now = self._clock()
        total = self._totals[key]
        mine = self.mine_only.isChecked()
        rows = (
            follow_up_lists.bucket_rows(self._db, key, now.date(), 0, PAGE, now=now, only_mine=mine)
            if total
            else ()
        )
        self._show_section(rows, now)

    def _show_section(self, rows: tuple[FollowUpRow, ...], now: datetime) -> None:
        key = self.current_section()
        total = self._totals[key]
        mine = self.model.only_mine = self.mine_only.isChecked()
        self.model.set_section(key, FollowUpBucket(rows=rows, total=total), now.date(), now)
        # With “Mine only”, an empty screen may mean none are the user's, not none at all.
        nothing_at_all = not self._anything
        # Sections and buttons mean nothing before the first follow-up; the page explains.
        for control in (
            self.tabs, self.done_button, self.snooze_button, self.open_button, self.mine_only
        ):  # fmt: skip
            control.setVisible(not nothing_at_all)
        if nothing_at_all:
            self.pages.setCurrentIndex(NO_FOLLOW_UPS_PAGE)
        elif self.model.total == 0:
            self.empty_section.setText(empty_text(key, mine))
            self.pages.setCurrentIndex(EMPTY_SECTION_PAGE)
        else:
            self.pages.setCurrentIndex(TABLE_PAGE)
        self._update_buttons()


__all__ = ["SECTIONS", "FollowUpsView"]
