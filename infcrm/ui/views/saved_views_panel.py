"""The sidebar's saved views, under the screens: each view's name and how many people it
shows, counted in the background and counted again whenever the data changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QDropEvent, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.ui import icons, paint_gate, theme
from infcrm.ui.events import events
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.views.keep_fresh import KeepFresh

if TYPE_CHECKING:
    from types import ModuleType

    from infcrm.services.people.saved_views import SavedView


def saved_views_service() -> ModuleType:
    """The saved-views service, loaded on first use: the sidebar is painted before the
    database layer is loaded (ui/paint_gate.py)."""
    from infcrm.services.people import saved_views

    return saved_views


ID_ROLE = Qt.ItemDataRole.UserRole
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1  # the number of people, None while counting


def count_views(db: Database, views: Sequence[SavedView]) -> dict[int, tuple[int, str]]:
    """How many people each view shows, and what it had to drop (runs in the background)."""
    counted = {}
    for view in views:
        number, checked = saved_views_service().count_and_check(db, view)
        counted[view.id] = (number, checked.sentence())
    return counted


def fit_to_rows(screens: QListWidget) -> None:
    """Make the screens' list as tall as its rows (the saved views take the rest), also when
    a row grows (the follow-up count's second line)."""

    def fit() -> None:
        rows = sum(screens.sizeHintForRow(r) + 2 for r in range(screens.count()))
        margins = screens.contentsMargins()
        screens.setFixedHeight(rows + margins.top() + margins.bottom() + 2 * screens.spacing() + 8)

    screens.model().dataChanged.connect(lambda *_args: fit())
    fit()


MAX_LINES = 3  # a longer name ends in “…”; its tooltip says it whole
ROW_HEIGHT = 30  # a one-line view, as tall as a screen's row above it
COUNT_GAP = 8  # between a name and its count (besides the style's text margin)
LINE_BREAK = "\u2028"  # what Qt's item views draw as a new line (a "\\n" is dropped)


def wrapped(text: str, metrics: QFontMetrics, width: int, most: int = MAX_LINES) -> list[str]:
    """`text` in lines of at most `width` pixels, broken between words; the last of `most`
    lines (or a word wider than the line) ends in “…”."""
    words, lines, current = text.split(), [], ""
    for at, word in enumerate(words):
        longer = f"{current} {word}" if current else word
        if not current or metrics.horizontalAdvance(longer) <= width:
            current = longer
            continue
        lines.append(current)
        if len(lines) == most - 1:  # the last line holds what is left
            current = " ".join(words[at:])
            break
        current = word
    lines.append(current)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


class _CountDelegate(QStyledItemDelegate):
    """The name on the left, on up to three lines, the count on the right."""

    def _count_text(self, index: QModelIndex | QPersistentModelIndex) -> str:
        count = index.data(COUNT_ROLE)
        return "…" if count is None else f"{count:,}"

    def lines(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> list[str]:
        """The name as shown: wrapped to the room left of the count in a row of the list."""
        full = QStyleOptionViewItem(option)
        super().initStyleOption(full, index)
        name = full.text
        list_view = self.parent()
        full.rect = QRect(0, 0, list_view.viewport().width(), ROW_HEIGHT)
        style = list_view.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, full, list_view)
        metrics = full.fontMetrics
        # The style keeps a margin inside the text's rectangle on each side (Qt's textMargin).
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, list_view) + 1
        count = metrics.horizontalAdvance(self._count_text(index)) + COUNT_GAP
        room = text.width() - 2 * margin - count
        return wrapped(name, metrics, max(room, 20))

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """The name's lines, already wrapped, in place of the name."""
        super().initStyleOption(option, index)
        option.text = LINE_BREAK.join(self.lines(option, index))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """One row's height a line, with a screen row's air around them."""
        lines = len(self.lines(option, index))
        spacing = option.fontMetrics.lineSpacing()
        # As wide as the list, never wider: the lines are made to fit it.
        width = self.parent().viewport().width()
        return QSize(width, max(ROW_HEIGHT, ROW_HEIGHT + (lines - 1) * spacing))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the item as usual without its count, then the count in a quieter colour."""
        number = self._count_text(index)
        width = option.fontMetrics.horizontalAdvance(number) + COUNT_GAP
        shortened = QStyleOptionViewItem(option)
        self.initStyleOption(shortened, index)
        shortened.rect = QRect(option.rect)
        shortened.rect.setRight(option.rect.right() - width)
        style = option.widget.style() if option.widget else None
        # The selection band spans the whole row, then the text goes on top of it.
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        shortened.state &= ~QStyle.StateFlag.State_HasFocus
        shortened.backgroundBrush = Qt.BrushStyle.NoBrush
        super().paint(painter, shortened, index)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            option.palette.highlightedText().color() if selected else theme.qcolor("text_secondary")
        )
        painter.drawText(
            option.rect.adjusted(0, 0, -8, 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            number,
        )
        painter.restore()


class SavedViewList(QListWidget):
    """The list itself; a view dragged to another place says where it was dropped."""

    moved = Signal(int, int)  # view id, its new place

    def dropEvent(self, event: QDropEvent) -> None:  # Qt's name
        """Let the list move the item, then ask for the same order to be kept."""
        dragged = self.currentItem()
        view_id = dragged.data(ID_ROLE) if dragged is not None else None
        super().dropEvent(event)
        if view_id is None:
            return
        for row in range(self.count()):
            if self.item(row).data(ID_ROLE) == view_id:
                self.moved.emit(view_id, row)
                return


class SavedViewsPanel(QWidget):
    """“Saved views” and the list of them; `chosen` fires with a view's id."""

    chosen = Signal(int)
    menu_requested = Signal(int, QPoint)  # a view's context menu, at a global position

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._views: list[SavedView] = []
        self._counts: dict[int, int] = {}
        self._counting = 0
        heading = QLabel("Saved views")
        heading.setObjectName("saved_views_heading")
        theme.set_role(heading, "caption")
        heading.setContentsMargins(12, 10, 0, 2)
        self.hint = QLabel(
            "Keep a search and its filters here: View › Save view… (Ctrl+Shift+S) on the "
            "Influencers list."
        )
        self.hint.setObjectName("saved_views_hint")
        self.hint.setWordWrap(True)
        self.hint.setContentsMargins(12, 0, 8, 0)
        theme.set_role(self.hint, "secondary")
        self.list = SavedViewList()
        self.list.setObjectName("saved_views")
        self.list.setAccessibleName("Saved views")
        self.list.setItemDelegate(_CountDelegate(self.list))
        self.list.setIconSize(QSize(20, 20))  # as the screens' icons above
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_menu)
        self.list.itemClicked.connect(self._on_item_clicked)
        self.list.itemActivated.connect(self._on_item_clicked)
        self.setObjectName("saved_views_panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the sidebar's colour
        self.setFixedWidth(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)  # takes the room while there is no view (see reload)
        self._layout = layout
        self._loader = LatestLoader("saved-view-counts", self)
        self._loader.loaded.connect(self._on_counted)
        self.counts_fresh = KeepFresh(self, self.recount, stale=False)
        events.saved_views_changed.connect(self.reload)
        for signal in (
            events.influencers_changed,
            events.pipeline_changed,
            events.settings_changed,
            events.stages_changed,
        ):
            signal.connect(self.counts_fresh.data_changed)
        # Empty until the window has painted: reading the views loads the database layer.
        self.hint.hide()
        self.list.hide()
        paint_gate.after_first_paint(self, self.reload)

    # Reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the views again (they are few) and count them in the background."""
        self._views = saved_views_service().views(self._db)
        chosen = self.current_view_id()
        self.list.clear()
        for view in self._views:
            item = QListWidgetItem(icons.icon("filter"), view.name)
            item.setData(ID_ROLE, view.id)
            item.setData(COUNT_ROLE, self._counts.get(view.id))
            item.setToolTip(f"Open “{view.name}” on the Influencers list")
            self.list.addItem(item)
            if view.id == chosen:
                self.list.setCurrentItem(item)
        self.hint.setVisible(not self._views)
        self.list.setVisible(bool(self._views))
        # Without views the empty room goes below the hint, not between heading and hint.
        self._layout.setStretch(self._layout.count() - 1, 0 if self._views else 1)
        self.recount()

    def recount(self) -> None:
        """Count each view's people again, off the window's thread."""
        views, db = list(self._views), self._db
        self._counting = self._loader.request(lambda: count_views(db, views))

    def is_counting(self) -> bool:
        """Whether a count is on its way (tests wait for it)."""
        return self._loader.busy

    def _on_counted(self, serial: int, counts: object, _error: str) -> None:
        if serial != self._loader.latest or not isinstance(counts, dict):
            return
        self._counts = {view_id: number for view_id, (number, _dropped) in counts.items()}
        for row in range(self.list.count()):
            item = self.list.item(row)
            count, dropped = counts.get(item.data(ID_ROLE), (None, ""))
            item.setData(COUNT_ROLE, count)
            # A view that lost a filter (a stage archived, a tag gone) says so before it opens.
            item.setIcon(icons.icon("warning" if dropped else "filter"))
            item.setToolTip(dropped or f"Open “{item.text()}” on the Influencers list")
            if count is not None:
                spoken = f"{item.text()}, {count:,} {'person' if count == 1 else 'people'}"
                item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        self.list.doItemsLayout()  # a count's width moves where a name wraps

    def shown_lines(self, row: int) -> list[str]:
        """The lines the sidebar shows of view `row`'s name."""
        option = QStyleOptionViewItem()
        option.initFrom(self.list)
        option.widget = self.list
        option.decorationSize = self.list.iconSize()
        return self.list.itemDelegate().lines(option, self.list.model().index(row, 0))

    def views(self) -> list[SavedView]:
        """The views listed, in order."""
        return list(self._views)

    def count_of(self, view_id: int) -> int | None:
        """The number shown beside a view (None while counting)."""
        return self._counts.get(view_id)

    # Choosing -----------------------------------------------------------------------------

    def current_view_id(self) -> int | None:
        """The view chosen in the list, if any."""
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None and item.isSelected() else None

    def select(self, view_id: int | None) -> None:
        """Highlight one view (None: none, when another screen is chosen)."""
        self.list.clearSelection()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == view_id:
                self.list.setCurrentItem(item)
                return

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(ID_ROLE))

    def _on_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None:
            self.list.setCurrentItem(item)
            self.menu_requested.emit(item.data(ID_ROLE), self.list.viewport().mapToGlobal(pos))


__all__ = ["SavedViewList", "SavedViewsPanel", "count_views", "fit_to_rows"]
