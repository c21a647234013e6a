"""The Pipeline screen: a board with one column per stage, filters, and the way to the stages."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QEventLoop, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform
from infcrm.services.outreach import pipeline
from infcrm.services.outreach.outreach_types import BoardColumn, BoardQuery
from infcrm.services.people import influencer_list, photos
from infcrm.ui.events import events
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.views.empty_state import empty_page
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.views.pipeline_column import PipelineColumn
from infcrm.ui.views.screen import Command, Screen
from infcrm.ui.widgets.board_card_delegate import card_height
from infcrm.ui.widgets.field_error import error_colour

# The most cards a column reads at first; a column reads those that fit its height, a few
# more for the first scroll, and the next ones in the background as the user scrolls on.
PER_COLUMN = 50
SPARE_CARDS = 3
EMPTY_SENTENCE = (
    "The pipeline shows every relationship as a card you drag from stage to stage, from "
    "first contact to a finished collaboration."
)
# Long enough to skip the loads for letters typed in a burst, short enough to feel instant.
SEARCH_DEBOUNCE_MS = 150


def _faces(db: Database, columns: list[BoardColumn]) -> dict[int, bytes]:
    """The photos of the people on the cards read (one query by primary key)."""
    return photos.photos(db, [card.id for column in columns for card in column.cards])


class _ChoiceCombo(QComboBox):
    """A filter combo whose choices are read from the data just before its list opens."""

    def __init__(self, name: str, any_text: str, tip: str, refill=None) -> None:
        super().__init__()
        self._refill = refill
        self.setObjectName(name)
        self.setToolTip(tip)
        self.setAccessibleName(tip)
        self.addItem(any_text, None)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMaximumWidth(190)

    def showPopup(self) -> None:
        """Bring the choices up to date, then open the list."""
        if self._refill is not None:
            self._refill()
        super().showPopup()

    def set_choices(self, items: Sequence[tuple[str, object]]) -> None:
        """Replace the choices after “Any …”, keeping the current one if it still exists."""
        current = self.currentData()
        with QSignalBlocker(self):
            while self.count() > 1:
                self.removeItem(1)
            for text, value in items:
                self.addItem(text, value)
            self.setCurrentIndex(max(self.findData(current), 0) if current is not None else 0)


class PipelineView(Screen):
    """Every relationship as a card, one column per stage; drag a card to move it along."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, per_column: int | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        # None: as many as fit the board's height (see first_page).
        self.per_column = per_column
        # A fixed moment for tests and screenshots; None means the clock's.
        self.now: datetime | None = None
        self.columns: dict[int, PipelineColumn] = {}
        self.stages_dialog: QWidget | None = None
        self._shown_query = BoardQuery()

        self.search = QLineEdit()
        self.search.setObjectName("board_search")
        self.search.setPlaceholderText("Search names, handles, tags, notes…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Show only the cards that match (Ctrl+F)")
        self.search.setAccessibleName("Search the board")
        self.tag = _ChoiceCombo(
            "board_tag", "Any tag", "Only people with this tag", self.reload_choices
        )
        self.owner = _ChoiceCombo(
            "board_owner", "Any owner", "Only people this teammate looks after", self.reload_choices
        )
        self.platform = _ChoiceCombo("board_platform", "Any platform", "Has an account here")
        for choice in Platform:
            self.platform.addItem(choice.label, choice.value)
        self.count_label = QLabel()
        self.count_label.setObjectName("board_count")
        self.stages_button = QPushButton("Stages…")
        self.stages_button.setToolTip("Rename, reorder, add or archive the pipeline's stages")
        self.stages_button.clicked.connect(self.open_stages_dialog)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for combo in (self.tag, self.owner, self.platform):
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(self._on_filters_changed)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        # Right-aligned at its own width, also when the filters beside it are hidden.
        bar.addWidget(self.stages_button, 0, Qt.AlignmentFlag.AlignRight)

        self.message = QLabel()
        self.message.setObjectName("board_message")
        self.message.setWordWrap(True)
        self.message.hide()

        self._row_widget = QWidget()
        self._row = QHBoxLayout(self._row_widget)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(10)
        # The row is as wide as its columns need: the scroll area scrolls instead of squeezing.
        self._row.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._row.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("board_scroll")
        self.scroll.setWidget(self._row_widget)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        # Nobody yet: the board says what it is for and starts it, instead of empty columns.
        self.start_button = QPushButton("Add your first influencer…")
        self.start_button.setToolTip("Add someone by hand (Ctrl+N); they start in the first stage")
        self.start_button.clicked.connect(lambda _checked=False: self.add_influencer())
        self.empty = empty_page("Your pipeline is empty", EMPTY_SENTENCE, self.start_button)
        self.board_pages = QStackedWidget()
        self.board_pages.addWidget(self.scroll)
        self.board_pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.board_pages, 1)

        self.loader = LatestLoader("pipeline-board", self)
        self.loader.loaded.connect(self._on_loaded)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._on_filters_changed)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.freshness = KeepFresh(self, self._request_load)
        for signal in (
            events.pipeline_changed,
            events.influencers_changed,
            events.stages_changed,
            events.settings_changed,
            events.interactions_changed,  # waiting markers, automatic moves, activity
            events.follow_ups_changed,
        ):
            signal.connect(self.freshness.data_changed)

    # Query --------------------------------------------------------------------------------

    def current_query(self) -> BoardQuery:
        """The search and filters on show."""
        return BoardQuery(
            search=self.search.text().strip(),
            tag=self.tag.currentData(),
            owner=self.owner.currentData(),
            platform=self.platform.currentData(),
        )

    def today(self) -> date:
        """The user's date, which decides what is overdue."""
        return self.now.astimezone().date() if self.now is not None else date.today()

    def reload_choices(self) -> None:
        """Read the tags and owners in use for the filter combos."""
        choices = influencer_list.filter_choices(self.db)
        self.tag.set_choices([(t, t) for t in choices.tags])
        self.owner.set_choices([(o, o) for o in choices.owners])

    def first_page(self) -> int:
        """How many cards each column reads at first: those that fit, and a few to scroll to.

        Cards beyond the screen cost a read and a model row each for nothing (the board opened
        in half a second reading 50 a column at 100,000 people).
        """
        if self.per_column is not None:
            return self.per_column
        room = max(self.height(), self.scroll.height())
        return min(room // card_height(self.font()) + SPARE_CARDS, PER_COLUMN)

    def selected_influencer_ids(self) -> list[int]:
        """The selected cards of every column (for Add to campaign)."""
        return [i for column in self.columns.values() for i in column.selected_ids()]

    def commands(self) -> dict[Command, Callable[[], object]]:
        """Find searches the board."""
        return {Command.FIND: self.focus_search}

    def show_screen(self) -> None:
        """Chosen from the sidebar: read the board in the background, never on this thread."""
        self.freshness.stale = False
        self._request_load()

    def focus_search(self) -> None:
        """Put the cursor in the search box (Edit › Find)."""
        self.search.setFocus()
        self.search.selectAll()

    # Loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the board now (bounded: a count per stage and the first cards of each)."""
        query = self.current_query()
        self.loader.skip_pending()  # an answer still on its way is older than this one
        columns = pipeline.board(self.db, query, self.first_page(), now=self.now)
        self._show(columns, query, _faces(self.db, columns))

    def _request_load(self) -> None:
        query, now, per_column = self.current_query(), self.now, self.first_page()
        db = self.db

        def job() -> tuple:
            columns = pipeline.board(db, query, per_column, now=now)
            return query, columns, _faces(db, columns)

        self.loader.request(job)

    def is_loading(self) -> bool:
        """True while typing is being waited out or a background load has not answered yet."""
        return self._search_timer.isActive() or self.loader.waiting

    def _on_filters_changed(self) -> None:
        self._search_timer.stop()
        self._request_load()

    def _on_loaded(self, serial: int, result: object, error: str) -> None:
        if serial != self.loader.latest:
            return  # a newer request is on its way
        if not isinstance(result, tuple):
            self._show_message(f"The board could not be loaded: {error}", error=True)
            return
        query, columns, faces = result
        self._show(columns, query, faces)

    # Showing ------------------------------------------------------------------------------

    def _show(self, columns: list[BoardColumn], query: BoardQuery, faces: dict[int, bytes]) -> None:
        self.freshness.stale = False
        # Closed stages (Declined, Not a fit) always sit at the end, whatever their position.
        ordered = sorted(columns, key=lambda c: c.stage.is_closed)
        stages = [c.stage for c in ordered]
        today = self.today()
        kept: dict[int, PipelineColumn] = {}
        for column in ordered:
            widget = self.columns.pop(column.stage.id, None)
            loaded, scrolled = 0, 0
            if widget is None:
                widget = PipelineColumn(self.db, column.stage, self.first_page(), self._row_widget)
                widget.move_failed.connect(lambda text: self._show_message(text, error=True))
            else:
                loaded = widget.model.rowCount()
                scrolled = widget.cards.verticalScrollBar().value()
            widget.set_column(column, query, stages, today, self.now, faces)
            if query == self._shown_query:
                # Keep the cards the user had scrolled to, read again in the background.
                widget.keep_cards(loaded, scrolled)
            kept[column.stage.id] = widget
        for gone in self.columns.values():  # archived stages
            self._row.removeWidget(gone)
            gone.deleteLater()
        for widget in kept.values():
            self._row.removeWidget(widget)
        for place, widget in enumerate(kept.values()):
            self._row.insertWidget(place, widget)
        self.columns = kept
        self._shown_query = query
        self._show_counts(columns, query)

    def _show_counts(self, columns: list[BoardColumn], query: BoardQuery) -> None:
        total = sum(c.total for c in columns)
        self.count_label.setText(f"{total:,} {'person' if total == 1 else 'people'}")
        nobody = not total and query == BoardQuery()
        self.board_pages.setCurrentWidget(self.empty if nobody else self.scroll)
        # Nobody to search or filter yet: the welcome stands alone (Stages… stays, to set
        # the stages up before the first person), as on the Influencers list.
        for widget in (self.search, self.tag, self.owner, self.platform, self.count_label):
            widget.setVisible(not nobody)
        if total or nobody:
            self._show_message("")
        else:
            self._show_message("No one matches this search and these filters.")

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {error_colour(self)};" if error else "")
        self.message.setVisible(bool(text))

    def add_influencer(self) -> None:
        """Open the form for a new influencer; the board shows them when saved."""
        from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog  # loaded when used

        InfluencerDialog(self.db, None, self.window()).exec()

    # Stages -------------------------------------------------------------------------------

    def open_stages_dialog(self) -> None:
        """Open the stage management dialog (rename, reorder, add, archive, restore)."""
        from infcrm.ui.dialogs.stages_dialog import StagesDialog  # loaded when first used

        dialog = StagesDialog(self.db, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.stages_dialog = dialog
        dialog.open()


def measure_board_open(
    db: Database, size: tuple[int, int] = (1280, 800)
) -> tuple[float, float, float]:
    """Opening the Pipeline screen as the sidebar does (build, read in the background, paint
    the cards), for benchmarks: the seconds until the cards are painted, the seconds the
    window's thread was busy (its CPU time) and the CPU time of every thread (what the wall
    time is on an idle machine)."""
    started, busy, cpu = time.perf_counter(), time.thread_time(), time.process_time()
    view = PipelineView(db)
    view.resize(*size)
    view.show()
    view.show_screen()
    while view.is_loading():  # sleep until the answer arrives, as the app's event loop does
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    QApplication.processEvents()  # shows the new columns and paints them, as the app would
    elapsed, busy = time.perf_counter() - started, time.thread_time() - busy
    cpu = time.process_time() - cpu
    view.close()
    view.deleteLater()
    QApplication.processEvents()
    return elapsed, busy, cpu


__all__ = ["PER_COLUMN", "PipelineView", "measure_board_open"]
