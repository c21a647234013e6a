"""The Influencers screen: search, filters, the list itself, and its empty states."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.events import events
from infcrm.ui.models.influencer_table_model import InfluencerTableModel
from infcrm.ui.undo_commands import people
from infcrm.ui.views.empty_state import centred, empty_page, fit, message
from infcrm.ui.views.influencer_actions import InfluencerActions
from infcrm.ui.views.influencer_detail_panel import InfluencerDetailPanel
from infcrm.ui.views.influencer_filters import InfluencerFilterBar
from infcrm.ui.views.influencer_table_view import InfluencerTableView
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.views.saved_view_bar import SavedViewBar
from infcrm.ui.views.screen import Command, Screen
from infcrm.ui.views.side_panel import SidePanelSplitter
from infcrm.ui.views.trash_view import show_status
from infcrm.ui.widgets.keyboard import down_enters_results

# Long enough to skip the queries for letters typed in a burst, short enough to feel instant.
SEARCH_DEBOUNCE_MS = 120
SEARCH_PLACEHOLDER = "Search names, handles, emails, tags, notes, places…"

TABLE_PAGE, EMPTY_PAGE, NO_MATCH_PAGE = range(3)
SETTINGS_KEY = "influencers_list"
BUSY_AFTER_MS = 150


class InfluencersView(InfluencerActions, Screen):
    """Everyone you work with: searchable, filterable, sortable, at any size."""

    # The empty list's first steps, carried out by the window.
    import_requested = Signal()
    sample_requested = Signal()

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._undo_stack = undo_stack
        self._total = 0
        query = InfluencerTableView.saved_sort(SETTINGS_KEY, ListQuery())
        self.model = InfluencerTableModel(db, query, background=True)
        self.table = InfluencerTableView(SETTINGS_KEY)
        self.table.set_influencer_model(self.model)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_menu)
        self.table.doubleClicked.connect(self._on_double_clicked)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            edit = QAction("Edit", self.table)
            edit.setShortcut(QKeySequence(key))
            edit.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            edit.triggered.connect(self.edit_current)
            self.table.addAction(edit)

        self.search = QLineEdit()
        self.search.setObjectName("influencer_search")
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Words match the start of a word; paste a profile link or @handle, or type any "
            "part of a handle or email (Ctrl+F)"
        )
        self.search.setAccessibleName("Search influencers")
        down_enters_results(self.search, self.table)
        self.count_label = QLabel()
        self.count_label.setObjectName("influencer_count")
        self.add_button = QPushButton("New influencer…")
        self.add_button.setToolTip("Add someone by hand (Ctrl+N)")
        self.add_button.clicked.connect(self.add_influencer)
        self.filters = InfluencerFilterBar()
        self.filters.set_source(db)
        self.filters.changed.connect(self._apply_query)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self._empty_page())
        self.pages.addWidget(self._no_match_page())

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.add_button)
        self.controls = QWidget()
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addLayout(top)
        controls.addWidget(self.filters)
        # While a saved view is open: its name, what it had to drop, Update and Close.
        self.saved_bar = SavedViewBar()
        controls.addWidget(self.saved_bar)
        # The list has the whole width; the chosen person's details and history open beside
        # it, in a panel the user sizes by dragging the divider or closes.
        self.detail = InfluencerDetailPanel(db)
        self.detail.setMinimumWidth(260)
        self.detail.close_requested.connect(self.close_details)
        self.splitter = SidePanelSplitter(self.pages, self.detail, SETTINGS_KEY)
        self.table.clicked.connect(lambda _index: self._open_details())
        layout = QVBoxLayout(self)
        layout.addWidget(self.controls)
        layout.addWidget(self.splitter, 1)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_query)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.model.modelReset.connect(self._on_model_reset)
        self._pending_select: int | None = None  # asked for while the list was loading
        self.model.modelReset.connect(self._select_pending)
        self.model.load_failed.connect(self._on_load_failed)
        # Only a slow answer (a huge list) says it is searching; quick ones would flicker.
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._on_still_loading)
        self.model.loading_changed.connect(self._on_loading_changed)
        # A hidden list catches up when it is shown again.
        self.freshness = KeepFresh(self, self._reload, stale=False)
        events.influencers_changed.connect(self.freshness.data_changed)
        events.settings_changed.connect(self.freshness.data_changed)
        events.stages_changed.connect(self.filters.reload_stages)
        events.stages_changed.connect(self.freshness.data_changed)
        self._count_total()
        self._on_model_reset()

    def _empty_page(self) -> QWidget:
        self.first_button = QPushButton("Add your first influencer…")
        self.first_button.setToolTip("Add someone by hand (Ctrl+N)")
        self.first_button.clicked.connect(self.add_influencer)
        self.import_button = QPushButton("Import a spreadsheet…")
        self.import_button.setToolTip("Bring influencers in from an Excel or CSV file (Ctrl+I)")
        self.import_button.clicked.connect(lambda _checked=False: self.import_requested.emit())
        self.sample_button = QPushButton("Try with sample data")
        self.sample_button.setToolTip(
            "Open a separate file of made-up people to look around; yours never mix with them"
        )
        self.sample_button.clicked.connect(lambda _checked=False: self.sample_requested.emit())
        page = empty_page(
            "No influencers yet",
            "This list keeps everyone you work with — their accounts, figures and where each "
            "relationship stands — searchable in an instant.",
            self.first_button,
            self.import_button,
            self.sample_button,
        )
        self.empty_message = page.findChild(QLabel, "empty_text")
        return page

    def _no_match_page(self) -> QWidget:
        self.no_match_message = message("<h3>No one matches</h3>")
        self.clear_all_button = QPushButton("Clear search and filters")
        self.clear_all_button.clicked.connect(self.clear_search_and_filters)
        return centred(self.no_match_message, self.clear_all_button)

    # Query and refresh --------------------------------------------------------------------

    def current_query(self) -> ListQuery:
        """The search box and filter bar as a query, in the list's current order."""
        sort = self.model.query
        return ListQuery(
            search=self.search.text().strip(),
            sort=sort.sort,
            descending=sort.descending,
            **self.filters.query_fields(),
        )

    def visible_columns(self) -> list[str]:
        """The keys of the columns on show, in the order the user arranged them."""
        header = self.table.horizontalHeader()
        columns = self.model.columns
        logical = [header.logicalIndex(v) for v in range(header.count())]
        return [columns[i].key for i in logical if not header.isSectionHidden(i)]

    def _apply_query(self) -> None:
        self._search_timer.stop()
        query = self.current_query()
        if query != self.model.query:
            self.model.set_query(query)

    def apply_saved_view(self, query: ListQuery, columns: Sequence[str]) -> None:
        """Show what a saved view keeps: search, filters, sort and (when it has them) columns."""
        self.search.setText(query.search)  # its signal also shows the box's clear button
        self._search_timer.stop()  # the query below is the whole answer
        self.filters.show_query(query)
        if query != self.model.query:
            self.model.set_query(query)
        if columns:
            self.table.show_columns(columns, query.sort, query.descending)

    def clear_search_and_filters(self) -> None:
        """Show everyone again."""
        self.search.clear()  # its signal also hides the box's clear button
        self.filters.clear()
        self._apply_query()  # one query for both, not one each

    def show_screen(self) -> None:
        """Chosen from the sidebar: catch up in the background (the model reads off-thread)."""
        self.refresh()

    def commands(self) -> dict[Command, Callable[[], object]]:
        """Find, New influencer, Move to trash and Forget work on this list."""
        return {
            Command.FIND: self.focus_search,
            Command.NEW_INFLUENCER: self.add_influencer,
            Command.TRASH: self.trash_selected,
            Command.FORGET: self.forget_selected,
        }

    def is_loading(self) -> bool:
        """True while typing is being waited out or the list's answer is on its way (also
        from the moment the screen is built until its first rows arrive)."""
        return self._search_timer.isActive() or self.model.loading

    def refresh(self) -> None:
        """Bring the list up to date if something changed while another screen showed."""
        self.freshness.catch_up()

    def _reload(self) -> None:
        self.filters.mark_stale()
        self._count_total()
        self.model.reload()

    def _count_total(self) -> None:
        self._total = influencer_list.count(self._db)

    def _on_model_reset(self) -> None:
        shown = self.model.rowCount()
        query = self.model.shown_query
        filtering = replace(query, sort="name", descending=False) != ListQuery()
        if not filtering or shown == self._total:
            self.count_label.setText(people(self._total))
        else:
            self.count_label.setText(f"{shown:,} of {people(self._total)}")
        if self._total == 0:
            self.pages.setCurrentIndex(EMPTY_PAGE)
        elif shown == 0 and self.model.loading:
            self.pages.setCurrentIndex(TABLE_PAGE)  # the first answer is still on its way
        elif shown == 0:
            said = query.search
            detail = f"“{said}”" if said else "these filters"
            if said and replace(query, search="", sort="name", descending=False) != ListQuery():
                detail += " with these filters"
            self.no_match_message.setText(
                f"<h3>No one matches {detail}</h3><p>Check the spelling, or widen the search.</p>"
            )
            fit(self.no_match_message)
            self.pages.setCurrentIndex(NO_MATCH_PAGE)
        else:
            self.pages.setCurrentIndex(TABLE_PAGE)
        self.controls.setVisible(self._total > 0)
        if self.pages.currentIndex() != TABLE_PAGE:
            self.close_details()  # no one to show: the welcome or no-match message has it all

    def _on_loading_changed(self, loading: bool) -> None:
        if loading:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self._on_model_reset()  # the count again, also when the answer failed

    def _on_still_loading(self) -> None:
        if self.model.loading:
            self.count_label.setText("Searching…")

    def _on_load_failed(self, error: str) -> None:
        show_status(self, error)

    # Actions ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_influencer(self, influencer_id: int) -> None:
        """Select one influencer in the list, clearing search and filters if they hide them."""
        self.freshness.catch_up()
        self._pending_select = influencer_id
        if self.model.row_of(influencer_id) is None and not self.model.loading:
            self.clear_search_and_filters()
        self._select_pending()

    def _select_pending(self) -> None:
        wanted = self._pending_select
        if wanted is None or self.model.loading:
            return
        self._pending_select = None
        row = self.model.row_of(wanted)
        if row is None:
            show_status(self, "That influencer is not in the list; they may be in the trash.")
            return
        self.table.select_ids([wanted], wanted)
        self.table.scrollTo(self.model.index(row, 0))
        self.table.setFocus()

    def _on_selection_changed(self, *_args: object) -> None:
        self._open_details()

    def _open_details(self) -> None:
        """Show the one chosen person beside the list; no one (or several): the list only."""
        chosen = self.selected_influencer_id()
        if chosen is None or self.pages.currentIndex() != TABLE_PAGE:
            self.close_details()
            return
        if chosen != self.detail.influencer_id:
            self.detail.show_influencer(chosen)
        self.splitter.open_panel()

    def close_details(self) -> None:
        """Close the details panel; choosing someone opens it again."""
        self.splitter.close_panel()

    def selected_influencer_id(self) -> int | None:
        """The one selected influencer (None when none or several are selected)."""
        ids = self.table.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def selected_influencer_ids(self) -> list[int]:
        """Every selected influencer (for Add to campaign)."""
        return self.table.selected_ids()

    def listed_influencer_ids(self) -> Sequence[int]:
        """Everyone the list shows after search and filters, in its order."""
        return self.model.ids


__all__ = ["SEARCH_PLACEHOLDER", "InfluencersView"]
