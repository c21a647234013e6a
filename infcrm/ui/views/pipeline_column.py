"""One column of the pipeline board: the stage's name and count, and its cards.

A column shows its first cards at once; scrolling towards the end reads the next ones in the
background, so there is no “Show more” button and no read on the window's thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.outreach import pipeline
from infcrm.services.outreach.outreach_types import BoardColumn, BoardQuery
from infcrm.services.people import photos
from infcrm.services.people.influencer_types import StageInfo
from infcrm.ui.events import events
from infcrm.ui.models.board_column_model import ID_ROLE, BoardColumnModel, move_cards
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.widgets.board_card_delegate import BoardCardDelegate

# Narrow enough that five stages fit beside the sidebar at 1280 px.
COLUMN_WIDTH = 205
# Read the next cards when the user scrolls within this many cards of the end (a read
# takes milliseconds, so the last card is soon enough).
PREFETCH_CARDS = 1


class CardList(QListView):
    """A column's list of cards that says so when the stage is empty (it still takes drops),
    and lights up while a card is dragged over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = "No one in this stage.\nDrag a card here."
        self.drop_highlight = False

    def _set_drop_highlight(self, on: bool) -> None:
        if on != self.drop_highlight:
            self.drop_highlight = on
            self.viewport().update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # Qt's name
        """A card dragged in from another stage lights the column up."""
        super().dragEnterEvent(event)
        self._set_drop_highlight(event.isAccepted() and event.source() is not self)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # Qt's name
        """The card left: back to normal."""
        super().dragLeaveEvent(event)
        self._set_drop_highlight(False)

    def dropEvent(self, event: QDropEvent) -> None:  # Qt's name
        """Dropped: back to normal, then move the card."""
        self._set_drop_highlight(False)
        super().dropEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the cards, or a hint when there are none; the highlight while dragging."""
        super().paintEvent(event)
        model = self.model()
        painter = QPainter(self.viewport())
        if model is not None and model.rowCount() == 0:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(8, 24, -8, -8),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self.empty_text,
            )
        if self.drop_highlight:
            accent = self.palette().color(QPalette.ColorRole.Highlight)
            fill = QColor(accent)
            fill.setAlpha(40)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(accent, 2))
            painter.setBrush(fill)
            painter.drawRoundedRect(self.viewport().rect().adjusted(1, 1, -2, -2), 6, 6)
        painter.end()


class PipelineColumn(QFrame):
    """A stage on the board; `move_failed` carries the sentence when a move was refused."""

    move_failed = Signal(str)

    def __init__(
        self,
        db: Database,
        stage: StageInfo,
        per_column: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._per_column = per_column
        self._query = BoardQuery()
        self._stages: list[StageInfo] = []
        self.now: datetime | None = None  # the board's fixed moment, if any
        self.stage = stage
        self.setObjectName(f"stage_column_{stage.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(COLUMN_WIDTH)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.count_label = QLabel()
        self.count_label.setObjectName("stage_count")
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.count_label)

        self.model = BoardColumnModel(db, stage, self)
        self.model.move_failed.connect(self.move_failed)
        self.delegate = BoardCardDelegate(self, quiet=stage.is_closed)
        self.cards = CardList()
        self.cards.setModel(self.model)
        self.cards.setItemDelegate(self.delegate)
        self.cards.setUniformItemSizes(True)  # every card is as tall: no measuring of each one
        self.cards.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.cards.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.cards.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.cards.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.cards.setDragEnabled(True)
        self.cards.setAcceptDrops(True)
        self.cards.setDropIndicatorShown(False)  # the order inside a column is not the user's
        self.cards.setFrameShape(QFrame.Shape.NoFrame)
        self.cards.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.cards.customContextMenuRequested.connect(self._on_menu)
        self.cards.doubleClicked.connect(self._on_double_clicked)
        self.cards.setToolTip("Double-click a card to open it; drag it to another stage")
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            action = QAction("Open", self.cards)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(self._on_open_current)
            self.cards.addAction(action)

        # The next cards are read in the background as the user scrolls towards the end.
        self.more_loader = LatestLoader(f"pipeline-stage-{stage.id}", self)
        self.more_loader.loaded.connect(self._on_more_loaded)
        self._more_wanted = 0  # cards asked for beyond those on show (a reload restores them)
        self._reading = False  # a read of the next cards has not answered yet
        self._scroll_after: int | None = None
        scroll_bar = self.cards.verticalScrollBar()
        scroll_bar.valueChanged.connect(lambda _value: self._maybe_read_more())
        scroll_bar.rangeChanged.connect(lambda _low, _high: self._maybe_read_more())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.cards, 1)
        self._show_stage(stage)

    # Contents -----------------------------------------------------------------------------

    def _show_stage(self, stage: StageInfo) -> None:
        self.stage = stage
        self.title.setText(stage.name)
        self.delegate.quiet = stage.is_closed
        role = QPalette.ColorRole.PlaceholderText if stage.is_closed else QPalette.ColorRole.Text
        colour = self.palette().color(role).name()
        self.title.setStyleSheet(f"color: {colour};")
        self.cards.setAccessibleName(f"Cards in {stage.name}")
        if stage.is_closed:
            self.title.setToolTip("A closed stage: these relationships ended")
            # Closed stages sit on the window's own colour: quieter than the open ones.
            self.cards.setBackgroundRole(QPalette.ColorRole.Window)
        else:
            self.title.setToolTip("")
            self.cards.setBackgroundRole(QPalette.ColorRole.Base)

    def set_column(
        self,
        column: BoardColumn,
        query: BoardQuery,
        stages: Sequence[StageInfo],
        today: date,
        now: datetime | None = None,
        faces: dict[int, bytes] | None = None,
    ) -> None:
        """Show this column's first cards, as loaded by the board under `query`."""
        self._query = query
        self.now = now
        self._stages = list(stages)
        self.delegate.today = today
        self._show_stage(column.stage)
        self.model.set_cards(column.stage, column.cards, column.total, faces)
        self._reading = False  # an answer for the cards replaced here is dropped on arrival
        self.update_counts()
        self._maybe_read_more()  # a tall column with room to spare fills up

    def update_counts(self) -> None:
        total = self.model.total
        self.count_label.setText(f"{total:,}")
        self.count_label.setToolTip(f"{total:,} {'person' if total == 1 else 'people'} here")

    def is_reading(self) -> bool:
        """True while the next cards are being read."""
        return self._reading or self._more_wanted > 0

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """On show the column knows its height: fill it if the first cards leave room."""
        super().showEvent(event)
        self._maybe_read_more()

    def keep_cards(self, count: int, scroll_to: int) -> None:
        """After a reload, read back the `count` cards the user had scrolled to, then scroll
        where they were."""
        self._more_wanted = max(count - self.model.rowCount(), 0)
        self._scroll_after = scroll_to
        if self._more_wanted:
            self._read_more(self._more_wanted)
        else:
            self.cards.verticalScrollBar().setValue(scroll_to)

    def _maybe_read_more(self) -> None:
        """Near the end of the cards (or with room to spare): read the next ones."""
        if self.model.remaining() <= 0 or self._reading or not self.isVisible():
            return  # a column not on show yet has no size to fill
        bar = self.cards.verticalScrollBar()
        card_height = max(self.cards.sizeHintForRow(0), 1) if self.model.rowCount() else 1
        if bar.maximum() - bar.value() <= PREFETCH_CARDS * card_height:
            self._read_more(self._per_column)

    def _read_more(self, count: int) -> None:
        db, stage_id, query, now = self._db, self.stage.id, self._query, self.now
        offset = self.model.rowCount()
        self._reading = True

        def job() -> tuple:
            cards = pipeline.column_cards(db, stage_id, query, offset, count, now=now)
            return query, offset, cards, photos.photos(db, [card.id for card in cards])

        self.more_loader.request(job)

    def _on_more_loaded(self, serial: int, result: object, error: str) -> None:
        if serial != self.more_loader.latest:
            return
        self._reading = False
        if not isinstance(result, tuple):
            self.move_failed.emit(f"The next cards could not be read: {error}")
            self._more_wanted = 0
            return
        query, offset, cards, faces = result
        if query != self._query or offset != self.model.rowCount():
            return  # the column was reloaded meanwhile; the next scroll asks again
        self.model.append_cards(cards, faces)
        if not cards:  # people left the stage meanwhile: believe what is there
            self.model.total = offset
        self._more_wanted = max(self._more_wanted - len(cards), 0) if cards else 0
        self.update_counts()
        if self._more_wanted:
            self._read_more(self._more_wanted)
            return
        if self._scroll_after is not None:
            self.cards.verticalScrollBar().setValue(self._scroll_after)
            self._scroll_after = None
        self._maybe_read_more()

    # Cards --------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The ids of the selected cards, top to bottom."""
        rows = sorted(i.row() for i in self.cards.selectionModel().selectedRows())
        return [self.model.card(r).id for r in rows]

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            events.open_influencer.emit(int(index.data(ID_ROLE)))

    def _on_open_current(self) -> None:
        self._on_double_clicked(self.cards.currentIndex())

    def move_selected(self, stage_id: int) -> None:
        """Move the selected cards to another stage (the keyboard's way to drag)."""
        ids = self.selected_ids()
        if not ids:
            return
        problem = move_cards(self._db, ids, stage_id, self)
        if problem:
            self.move_failed.emit(problem)

    def card_menu(self) -> QMenu:
        """Open, and “Move to ▸” every other stage, for the selected cards."""
        menu = QMenu(self)
        ids = self.selected_ids()
        open_action = menu.addAction("Open")
        open_action.setEnabled(len(ids) == 1)
        open_action.triggered.connect(self._on_open_current)
        move = menu.addMenu("Move to")
        move.setEnabled(bool(ids))
        for stage in self._stages:
            if stage.id == self.stage.id:
                continue
            action = move.addAction(stage.name)
            action.triggered.connect(self._mover(stage.id))
        edit = menu.addAction(f"Edit {len(ids):,} people…" if len(ids) > 1 else "Edit people…")
        edit.setEnabled(bool(ids))
        edit.triggered.connect(self._on_edit_people)
        campaign = menu.addAction("Add to campaign…")
        campaign.setEnabled(bool(ids))
        campaign.triggered.connect(self._on_add_to_campaign)
        compose = menu.addAction("Compose…")
        compose.setEnabled(bool(ids))
        compose.triggered.connect(self._on_compose)
        return menu

    def _on_compose(self) -> None:
        from infcrm.ui.compose_sending import open_compose  # loaded when first used

        self.compose_dialog = open_compose(self.window(), self._db, self.selected_ids())

    def _on_edit_people(self) -> None:
        from infcrm.ui.bulk_edit import edit_people

        edit_people(self, self._db, self.selected_ids())

    def _on_add_to_campaign(self) -> None:
        from infcrm.ui.dialogs.campaign_picker_dialog import add_to_campaign

        add_to_campaign(self, self._db, self.selected_ids())

    def _mover(self, stage_id: int) -> Callable[[], None]:
        return lambda: self.move_selected(stage_id)

    def _on_menu(self, pos: QPoint) -> None:
        index = self.cards.indexAt(pos)
        if not index.isValid():
            return
        if not self.cards.selectionModel().isSelected(index):
            self.cards.setCurrentIndex(index)
        self.card_menu().popup(self.cards.viewport().mapToGlobal(pos))


__all__ = ["COLUMN_WIDTH", "CardList", "PipelineColumn"]
