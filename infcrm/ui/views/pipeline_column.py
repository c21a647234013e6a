"""One column of the pipeline board: the stage's name and count, its cards, and “Show more”."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.outreach import pipeline
from infcrm.services.outreach.outreach_types import BoardColumn, BoardQuery
from infcrm.services.people.influencer_types import StageInfo
from infcrm.ui.events import events
from infcrm.ui.models.board_column_model import ID_ROLE, BoardColumnModel, move_cards
from infcrm.ui.widgets.board_card_delegate import BoardCardDelegate

COLUMN_WIDTH = 270


class CardList(QListView):
    """A column's list of cards that says so when the stage is empty (it still takes drops)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = "No one in this stage.\nDrag a card here."

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the cards, or a hint when there are none."""
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(8, 24, -8, -8),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self.empty_text,
            )


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

        self.more_button = QPushButton()
        self.more_button.setObjectName("show_more")
        self.more_button.setToolTip("Load the next cards of this stage")
        self.more_button.setFlat(True)
        self.more_button.clicked.connect(self.show_more)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.cards, 1)
        layout.addWidget(self.more_button)
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
    ) -> None:
        """Show this column's first cards, as loaded by the board under `query`."""
        self._query = query
        self.now = now
        self._stages = list(stages)
        self.delegate.today = today
        self._show_stage(column.stage)
        self.model.set_cards(column.stage, column.cards, column.total)
        self.update_counts()

    def update_counts(self) -> None:
        total = self.model.total
        self.count_label.setText(f"{total:,}")
        self.count_label.setToolTip(f"{total:,} {'person' if total == 1 else 'people'} here")
        remaining = self.model.remaining()
        self.more_button.setText(f"Show more ({remaining:,} more)")
        self.more_button.setVisible(remaining > 0)

    def show_more(self) -> None:
        """Load the next cards of this stage below the ones on show."""
        self.load_more(self._per_column)

    def load_more(self, count: int) -> None:
        """Load up to `count` more cards of this stage (a bounded query)."""
        if self.model.remaining() <= 0:
            return
        shown = self.model.rowCount()
        cards = pipeline.column_cards(
            self._db, self.stage.id, self._query, shown, count, now=self.now
        )
        self.model.append_cards(cards)
        if not cards:  # people left the stage meanwhile: believe what is there
            self.model.total = shown
        self.update_counts()

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
        problem = move_cards(self._db, ids, stage_id)
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
        campaign = menu.addAction("Add to campaign…")
        campaign.setEnabled(bool(ids))
        campaign.triggered.connect(self._on_add_to_campaign)
        return menu

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
