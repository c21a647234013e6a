"""The influencer table widget: fixed row heights, remembered columns, selection kept by id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QHideEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.models.influencer_columns import columns_for, widest_text
from infcrm.ui.models.influencer_table_model import InfluencerTableModel
from infcrm.ui.widgets.deal_table_layout import CELL_PADDING
from infcrm.ui.widgets.keyboard import tab_leaves
from infcrm.ui.widgets.name_delegate import NameDelegate

# Restoring a selection of more rows than this would cost more than it helps after a change.
_MAX_KEPT_SELECTION = 5_000
# The narrowest the Name column is made to fit the view: room for the avatar and a usual name.
READABLE_NAME = 150
# A drag of a column's edge resizes it on every mouse move: its settings are written once,
# this long after the last move.
SAVE_DELAY_MS = 300


class InfluencerTableView(QTableView):
    """A QTableView for InfluencerTableModel that remembers its columns under `settings_key`."""

    def __init__(self, settings_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings_key = settings_key
        self._restoring = False
        # False until the user drags a column's edge: the first widths then follow the view's
        # width, so the columns on show fit without scrolling sideways.
        self._own_widths = False
        self._place: dict = {}
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_columns)
        self.setAlternatingRowColors(True)
        tab_leaves(self)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        # Fixed heights: the view never measures 100,000 rows to lay them out.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        # The name column (always the first) carries each person's avatar.
        self.name_delegate = NameDelegate(self, self._photo_of)
        self.setItemDelegateForColumn(0, self.name_delegate)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        # The last column takes what is left, so the list fills a wide window with no gap.
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        header.sectionMoved.connect(self._on_header_changed)
        header.sectionResized.connect(self._on_section_resized)
        header.sortIndicatorChanged.connect(self._on_sort_indicator_changed)

    def _photo_of(self, index: QModelIndex | QPersistentModelIndex) -> bytes | None:
        model = self.model()
        return model.photo_at(index.row()) if isinstance(model, InfluencerTableModel) else None

    def influencer_model(self) -> InfluencerTableModel:
        """The model, typed."""
        model = self.model()
        assert isinstance(model, InfluencerTableModel)
        return model

    def set_influencer_model(self, model: InfluencerTableModel) -> None:
        """Show `model`, with the columns as the user left them (or sensible widths)."""
        self.setModel(model)
        # Rows come back by id, not position, after every reset (search, sort or a change).
        model.modelAboutToBeReset.connect(self._remember_place)
        model.modelReset.connect(self._restore_place)
        # A new sort or filter finds the selection's rows itself, wherever they land.
        model.place_on_each_query(self._selection_to_place)
        header = self.horizontalHeader()
        self._restoring = True
        try:
            self._apply_defaults()
            settings = QSettings()
            state = settings.value(f"{self._settings_key}/header")
            keys = settings.value(f"{self._settings_key}/columns")
            # A state saved for other columns (an older version) would scramble them.
            if isinstance(state, QByteArray) and keys == self._column_keys():
                header.restoreState(state)
                self._own_widths = settings.value(f"{self._settings_key}/own_widths") == "1"
            if header.isSectionHidden(0):
                header.showSection(0)  # the name always shows
            if not model.columns[header.sortIndicatorSection()].sort_key:
                header.setSortIndicator(model.sort_column(), header.sortIndicatorOrder())
        finally:
            self._restoring = False
        # Sorts the model by the remembered column (a no-op when that is the model's order).
        self.setSortingEnabled(True)

    def _column_keys(self) -> str:
        return ",".join(c.key for c in self.influencer_model().columns)

    def _apply_defaults(self) -> None:
        model = self.influencer_model()
        header = self.horizontalHeader()
        for logical, column in enumerate(model.columns):
            header.setSectionHidden(logical, not column.shown)
            header.moveSection(header.visualIndex(logical), logical)
            header.resizeSection(logical, column.width)
        order = (
            Qt.SortOrder.DescendingOrder if model.query.descending else Qt.SortOrder.AscendingOrder
        )
        header.setSortIndicator(model.sort_column(), order)

    def reset_columns(self) -> None:
        """The first columns back, in the original order and widths."""
        self._restoring = True
        try:
            self._apply_defaults()
        finally:
            self._restoring = False
        self._own_widths = False
        self._fit_widths()
        self.save_columns()

    def show_columns(self, keys: Iterable[str], sort_key: str, descending: bool) -> None:
        """Show exactly the columns `keys` in that order (the name first, always) with the
        sort arrow on `sort_key` — a saved view's columns. Unknown keys are skipped."""
        header = self.horizontalHeader()
        columns = self.influencer_model().columns
        logical_of = {c.key: i for i, c in enumerate(columns)}
        wanted = [0, *(logical_of[k] for k in keys if k in logical_of and logical_of[k] != 0)]
        self._restoring = True
        try:
            for visual, logical in enumerate(dict.fromkeys(wanted)):
                header.moveSection(header.visualIndex(logical), visual)
            for logical in range(len(columns)):
                header.setSectionHidden(logical, logical not in wanted)
            section = next(
                (i for i, c in enumerate(columns) if c.sort_key == sort_key),
                header.sortIndicatorSection(),
            )
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(section, order)
        finally:
            self._restoring = False
        self._own_widths = False
        self._fit_widths()
        self.save_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        """Keep the first widths fitting the view until the user sizes columns themselves."""
        super().resizeEvent(event)
        if not self._own_widths:
            self._fit_widths()

    def _fit_widths(self) -> None:
        """Shrink the default widths of the columns on show in proportion, if they overflow."""
        if self.model() is None:
            return
        header = self.horizontalHeader()
        columns = self.influencer_model().columns
        shown = [
            header.logicalIndex(v)
            for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))
        ]
        room = self.viewport().width()
        if not shown or room <= 0:
            return
        widths = [columns[i].width for i in shown]
        # Never narrower than a column's title (“Followers” was cut to “ollower”), the last
        # one included; what must go comes out of the room above the titles (names, handles).
        least = [min(w, header.sectionSizeHint(i)) for w, i in zip(widths, shown, strict=True)]
        least[-1] = header.sectionSizeHint(shown[-1])
        # Dates read whole, as the computer writes them (“02/12/2026 11…” hid the time).
        metrics = self.fontMetrics()
        for position, logical in enumerate(shown):
            sample = widest_text(columns[logical].key)
            if sample is not None:
                need = metrics.horizontalAdvance(sample) + CELL_PADDING
                least[position] = max(least[position], need)
                widths[position] = max(widths[position], need)
        if sum(least) > room:
            # The columns cannot all fit (beside the details panel at 1024 pixels): the list
            # scrolls sideways anyway, so the names are not shrunk to “Aino …” for nothing.
            least = [
                min(w, max(m, READABLE_NAME)) if columns[i].key == "name" else m
                for w, m, i in zip(widths, least, shown, strict=True)
            ]
        slack = sum(w - m for w, m in zip(widths, least, strict=True))
        over = sum(widths[:-1]) + least[-1] - room
        keep = 1.0 if over <= 0 or slack <= 0 else max(0.0, 1 - over / slack)
        # Room to spare: every column grows alike, rather than the last (Country) taking it all.
        grow = room / sum(widths) if over < 0 else 1.0
        widths = [int(width * grow) for width in widths]
        self._restoring = True
        try:
            for logical, width, minimum in zip(shown[:-1], widths, least, strict=False):
                header.resizeSection(logical, max(40, minimum + int((width - minimum) * keep)))
        finally:
            self._restoring = False

    def _on_section_resized(self, logical: int, _old: int, _new: int) -> None:
        if self._restoring or self.model() is None:
            return
        header = self.horizontalHeader()
        last = max(
            (
                v
                for v in range(header.count())
                if not header.isSectionHidden(header.logicalIndex(v))
            ),
            default=-1,
        )
        if header.visualIndex(logical) == last:
            # The last column takes what is left: Qt widens or narrows it when the scroll bar
            # comes or goes, or the window is resized — never worth writing down.
            return
        self._own_widths = True  # the user dragged a column's edge
        self._on_header_changed()

    def save_columns(self) -> None:
        """Remember order, widths, hidden columns and sort for the next start."""
        self._save_timer.stop()
        settings = QSettings()
        header = self.horizontalHeader()
        settings.setValue(f"{self._settings_key}/header", header.saveState())
        settings.setValue(f"{self._settings_key}/columns", self._column_keys())
        settings.setValue(f"{self._settings_key}/own_widths", "1" if self._own_widths else "0")
        columns = self.influencer_model().columns
        section = header.sortIndicatorSection()
        if 0 <= section < len(columns) and columns[section].sort_key:
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            settings.setValue(f"{self._settings_key}/sort", columns[section].sort_key)
            settings.setValue(f"{self._settings_key}/descending", "1" if descending else "0")

    @staticmethod
    def saved_sort(settings_key: str, query: ListQuery) -> ListQuery:
        """`query` in the order the user last chose, so the first query is already right."""
        settings = QSettings()
        key = settings.value(f"{settings_key}/sort")
        if key not in {c.sort_key for c in columns_for(query) if c.sort_key}:
            return query
        descending = settings.value(f"{settings_key}/descending") == "1"
        return replace(query, sort=str(key), descending=descending)

    def _on_header_changed(self, *_args: object) -> None:
        """The user moved or sized a column: write it down once the change settles."""
        if not self._restoring and self.model() is not None:
            self._save_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # Qt's name
        """A change still settling is written before the list goes (the window closing)."""
        if self._save_timer.isActive():
            self.save_columns()
        super().hideEvent(event)

    def _on_sort_indicator_changed(self, section: int, _order: Qt.SortOrder) -> None:
        model = self.model()
        if not isinstance(model, InfluencerTableModel) or self._restoring:
            return
        if not model.columns[section].sort_key:
            # Tags and account counts have no order; keep the arrow where the list is sorted.
            order = (
                Qt.SortOrder.DescendingOrder
                if model.query.descending
                else Qt.SortOrder.AscendingOrder
            )
            self._restoring = True
            try:
                self.horizontalHeader().setSortIndicator(model.sort_column(), order)
            finally:
                self._restoring = False
        self.save_columns()

    def _on_header_menu(self, pos: QPoint) -> None:
        menu = self.header_menu()
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def header_menu(self) -> QMenu:
        """The header's context menu: a tick per column, and a reset."""
        menu = QMenu(self)
        header = self.horizontalHeader()
        for logical, column in enumerate(self.influencer_model().columns):
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(logical))
            action.setEnabled(logical != 0)  # the name column always shows
            action.setToolTip(column.tooltip)
            action.toggled.connect(lambda on, c=logical: self.set_column_shown(c, on))
        menu.addSeparator()
        menu.addAction("Reset columns", self.reset_columns)
        return menu

    def set_column_shown(self, logical: int, shown: bool) -> None:
        """Show or hide one column and remember it."""
        if logical == 0 and not shown:
            return
        self.horizontalHeader().setSectionHidden(logical, not shown)
        self.save_columns()

    # Selection ----------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The ids of the selected rows, top to bottom."""
        model = self.influencer_model()
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [model.id_at(r) for r in rows]

    def selection_with_name(self) -> tuple[list[int], str | None]:
        """The selected ids, and the person's name when exactly one is selected (for messages)."""
        ids = self.selected_ids()
        name = None
        if len(ids) == 1:
            model = self.influencer_model()
            row = model.row_data(model.row_of(ids[0]) or 0)
            name = row.display_name if row else None
        return ids, name

    def current_id(self) -> int | None:
        """The id of the row with the keyboard focus, if any."""
        index = self.currentIndex()
        return self.influencer_model().id_at(index.row()) if index.isValid() else None

    def select_ids(self, ids: Iterable[int], current: int | None = None) -> None:
        """Select the rows showing `ids` (those still listed) and make `current` current."""
        model = self.influencer_model()
        rows = sorted(r for r in (model.row_of(i) for i in ids) if r is not None)
        selection = QItemSelection()
        last = model.columnCount() - 1
        start = previous = None
        for row in [*rows, None]:  # contiguous runs become one range each
            if row is not None and previous is not None and row == previous + 1:
                previous = row
                continue
            if start is not None and previous is not None:
                selection.select(model.index(start, 0), model.index(previous, last))
            start = previous = row
        flags = QItemSelectionModel.SelectionFlag
        current_row = model.row_of(current) if current is not None else None
        if current_row is None and rows:
            current_row = rows[0]
        if current_row is not None:
            self.selectionModel().setCurrentIndex(model.index(current_row, 0), flags.NoUpdate)
        self.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)

    def _selection_to_place(self) -> list[int]:
        """The current and selected people known without reading more ids (up to the most a
        selection keeps)."""
        model = self.influencer_model()
        selection = self.selectionModel()
        rows = [self.currentIndex().row()]
        for part in selection.selection() if selection else ():
            rows.extend(range(part.top(), min(part.bottom() + 1, part.top() + _MAX_KEPT_SELECTION)))
            if len(rows) > _MAX_KEPT_SELECTION:
                break
        ids = (model.known_id_at(row) for row in rows)
        return list(dict.fromkeys(i for i in ids if i is not None))[:_MAX_KEPT_SELECTION]

    def _remember_place(self) -> None:
        """Before the rows change: note the selection (and top row) by id."""
        model = self.influencer_model()
        selection = self.selectionModel()
        rows = [i.row() for i in selection.selectedRows()] if selection else []
        top_row = self.rowAt(0)
        self._place = {
            "selected": [model.id_at(r) for r in sorted(rows)][:_MAX_KEPT_SELECTION],
            "current": self.current_id(),
            "first_row": min(rows, default=-1),
            "top": model.id_at(top_row) if top_row >= 0 and model.keeps_place else None,
        }

    def _restore_place(self) -> None:
        """After the rows changed: select the same people and keep them in sight."""
        place, self._place = self._place, {}
        model = self.influencer_model()
        if not place or not model.rowCount():
            return
        kept = [i for i in place["selected"] if model.row_of(i) is not None]
        if kept:
            self.select_ids(kept, place["current"])
        elif place["first_row"] >= 0 and model.keeps_place:
            # The selected people left the list (trashed): select the row that took their place.
            self.selectRow(min(place["first_row"], model.rowCount() - 1))
        top = model.row_of(place["top"]) if place["top"] is not None else None
        if top is not None:
            self.scrollTo(model.index(top, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        elif self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())


__all__ = ["InfluencerTableView"]
