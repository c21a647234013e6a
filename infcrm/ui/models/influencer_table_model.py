"""The influencer list as a table model: ordered ids from SQL, rows fetched a block at a time."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform
from infcrm.domain.metrics import EngagementBands
from infcrm.services.maintenance import settings
from infcrm.services.people import influencer_list, photos
from infcrm.services.people.influencer_types import InfluencerRow, ListQuery
from infcrm.ui.models.influencer_columns import (
    COLUMNS,
    DELETED_COLUMN,
    DO_NOT_CONTACT_TIP,
    Column,
    band_colour,
    band_explanation,
    cell_text,
    cell_value,
    columns_for,
    do_not_contact_icon,
    label_of,
)
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.widgets.platform_logo import platform_icon

# The id of the row's influencer, whatever the column.
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
# Qt.UserRole gives the raw value behind the text (followers as an int, the rate as a float…).
RAW_ROLE = int(Qt.ItemDataRole.UserRole)

BLOCK_SIZE = 100  # one fetch ≈ 10 ms at 100k: a scrollbar jump stays near one frame
MAX_BLOCKS = 50  # ~5,000 rows kept: many screens either side of the one on show


class _Line:
    """A cached list row, its photo if any, and, once painted, the texts of its cells."""

    __slots__ = ("photo", "row", "texts")

    def __init__(self, row: InfluencerRow, photo: bytes | None = None) -> None:
        self.row = row
        self.photo = photo
        self.texts: list[str] | None = None


class InfluencerTableModel(QAbstractTableModel):
    """Influencers in SQL order; holds only their ids and a bounded cache of rows.

    With `background=True` every query after the first runs in a worker thread and the rows
    on show stay until the answer arrives, so typing and sorting never block on SQL.
    """

    # The list is waiting for (True) or has received (False) a query's answer.
    loading_changed = Signal(bool)
    # A query failed; the message says why (the previous rows stay).
    load_failed = Signal(str)

    def __init__(
        self,
        db: Database,
        query: ListQuery | None = None,
        parent: QObject | None = None,
        *,
        background: bool = False,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._query = query or ListQuery()  # the newest query asked for
        self._shown = self._query  # the query the rows on show answer
        self._columns = columns_for(self._query)
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None  # built on first need only
        self._blocks: OrderedDict[int, dict[int, _Line]] = OrderedDict()
        self._last_block = -1
        self._alignments = [int(c.alignment.value) for c in self._columns]
        self._bands: EngagementBands = EngagementBands()
        self._keep_place = False
        self._keep_place_pending = False
        self._loader: LatestLoader | None = None
        if background:
            # Even the first answer comes from the worker: the window paints at once and
            # the list fills in a moment later (its view says "Loading…" meanwhile).
            self._loader = LatestLoader("influencer-list", self)
            self._loader.loaded.connect(self._on_loaded)
            self._load(keep_place=False)
        else:
            self._apply(self._query, influencer_list.list_ids(db, self._query), keep_place=False)

    # Queries ------------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        """The search, filters and sort asked for (the rows may still be on their way)."""
        return self._query

    @property
    def shown_query(self) -> ListQuery:
        """The query whose answer the rows show."""
        return self._shown

    @property
    def loading(self) -> bool:
        """True while a newer answer is on its way."""
        return self._loader is not None and self._loader.waiting

    @property
    def keeps_place(self) -> bool:
        """True while resetting for the same query (data changed): keep the scroll position."""
        return self._keep_place

    @property
    def columns(self) -> tuple[Column, ...]:
        """The column specs, in model order."""
        return self._columns

    def column_of(self, key: str) -> int:
        """The model column of `key` (ValueError if the list has no such column)."""
        for i, column in enumerate(self._columns):
            if column.key == key:
                return i
        raise ValueError(f"The list has no column {key!r}.")

    def set_query(self, query: ListQuery) -> None:
        """Show what `query` asks for (one SQL query for the ids; rows come as they show)."""
        if query.trash != self._query.trash:
            raise ValueError("A list model shows either the trash or the list, not both.")
        self._query = query
        self._load(keep_place=False)

    def reload(self) -> None:
        """Query the ids again (after a change) and forget every cached row."""
        self._load(keep_place=True)

    def _load(self, *, keep_place: bool) -> None:
        query = self._query
        if self._loader is None:
            self._apply(query, influencer_list.list_ids(self._db, query), keep_place)
            return
        self._keep_place_pending = keep_place
        db = self._db
        self._loader.request(lambda: (query, influencer_list.list_ids(db, query)))
        self.loading_changed.emit(True)

    def _on_loaded(
        self, serial: int, answer: tuple[ListQuery, list[int]] | None, error: str
    ) -> None:
        if self._loader is None or serial != self._loader.latest:
            return  # a newer request is on its way; this answer is stale
        if answer is None:
            self._query = self._shown
            self.loading_changed.emit(False)
            detail = (error.splitlines() or [""])[0][:200]
            self.load_failed.emit(f"The list could not be updated ({detail}).")
            return
        query, ids = answer
        self._apply(query, ids, self._keep_place_pending)
        self.loading_changed.emit(False)

    def _apply(self, query: ListQuery, ids: list[int], keep_place: bool) -> None:
        self._keep_place = keep_place
        self.beginResetModel()
        self._bands = settings.engagement_bands(self._db)
        self._shown = query
        self._ids = ids
        self._row_of = None
        self._blocks.clear()
        self._last_block = -1
        self.endResetModel()
        self._keep_place = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by the column's key; columns without one keep the current order."""
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending:
            return  # the header repeats the sort it was restored with: no second query
        self.set_query(replace(self._query, sort=key, descending=descending))

    def sort_column(self) -> int:
        """The column the list is sorted by (Name when the key has no column)."""
        for i, column in enumerate(self._columns):
            if column.sort_key == self._query.sort:
                return i
        return 0

    # Ids and rows -------------------------------------------------------------------------

    @property
    def ids(self) -> Sequence[int]:
        """Every id on show, in order."""
        return self._ids

    def id_at(self, row: int) -> int:
        """The influencer id on `row`."""
        return self._ids[row]

    def row_of(self, influencer_id: int) -> int | None:
        """The row showing `influencer_id`, or None if the list does not show them."""
        if self._row_of is None:
            self._row_of = {i: r for r, i in enumerate(self._ids)}
        return self._row_of.get(influencer_id)

    def row_data(self, row: int) -> InfluencerRow | None:
        """The list row on `row` (fetching its block if needed); None if they vanished."""
        line = self._line(row)
        return line.row if line is not None else None

    def _line(self, row: int) -> _Line | None:
        block = row // BLOCK_SIZE
        cached = self._blocks.get(block)
        if cached is None:
            start = block * BLOCK_SIZE
            block_ids = self._ids[start : start + BLOCK_SIZE]
            try:
                fetched = influencer_list.rows(self._db, block_ids)
                # The few people with a photo, by primary key: one small query per block.
                faces = photos.photos(self._db, block_ids)
            except Exception as exc:  # painting must go on: blank rows, said once per block
                fetched, faces = {}, {}
                detail = (str(exc).splitlines() or [""])[0][:200]
                self.load_failed.emit(f"Some rows could not be read ({detail}).")
            cached = {i: _Line(r, faces.get(i)) for i, r in fetched.items()}
            self._blocks[block] = cached
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)  # the block seen longest ago
        elif block != self._last_block:
            self._blocks.move_to_end(block)
        self._last_block = block
        return cached.get(self._ids[row])

    def photo_at(self, row: int) -> bytes | None:
        """The photo of the person on `row`, if they have one (for their avatar)."""
        line = self._line(row) if 0 <= row < len(self._ids) else None
        return line.photo if line is not None else None

    def cached_rows(self) -> int:
        """How many rows the cache holds now (it stays bounded however long the list)."""
        return sum(len(b) for b in self._blocks.values())

    # Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Every influencer the query matches (a table has no children)."""
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """The list's columns."""
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles and their tooltips."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == _DISPLAY:
            return self._columns[section].header
        if role == _TOOLTIP:
            return self._columns[section].tooltip
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """Text, raw values, alignment, tooltips and band markers of one cell."""
        # Painting asks for ~7 roles of every visible cell: the common answers come first,
        # with plain-int role constants (an enum lookup per call shows in scroll times).
        if role not in _USED_ROLES:
            return None
        row_number, column = index.row(), index.column()  # -1 for an invalid index
        if not (0 <= row_number < len(self._ids) and 0 <= column < len(self._columns)):
            return None
        if role == _ALIGNMENT:
            return self._alignments[column]
        if role == ID_ROLE:
            return self._ids[row_number]
        line = self._line(row_number)
        if line is None:
            return None
        if role == _DISPLAY:
            texts = line.texts
            if texts is None:
                texts = line.texts = [cell_text(c.key, line.row) for c in self._columns]
            return texts[column]
        key = self._columns[column].key
        if role == _FOREGROUND:
            band = line.row.band
            return band_colour(band) if key == "engagement" else None
        if role == _DECORATION:
            if key == "handle":
                return platform_icon(line.row.platform)
            return do_not_contact_icon() if key == "name" and line.row.do_not_contact else None
        if role == RAW_ROLE:
            return cell_value(key, line.row)
        if role == _TOOLTIP:
            return self._tooltip(key, line.row)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Rows can be selected, not edited in place (the dialog edits)."""
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def _tooltip(self, key: str, row: InfluencerRow) -> str | None:
        if key == "name" and row.do_not_contact:
            return DO_NOT_CONTACT_TIP
        if key == "engagement":
            return band_explanation(row, self._bands)
        if key == "followers" and row.followers is not None:
            return f"{row.followers:,} followers"
        if key == "handle" and row.platform:
            network = label_of(Platform, row.platform)
            return f"{network}: {row.url}" if row.url else network
        if key in ("tags", "niches", "email"):
            return cell_text(key, row) or None
        return None


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_USED_ROLES = frozenset(
    {_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _DECORATION, RAW_ROLE, ID_ROLE}
)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


__all__ = [
    "BLOCK_SIZE",
    "COLUMNS",
    "DELETED_COLUMN",
    "ID_ROLE",
    "RAW_ROLE",
    "Column",
    "InfluencerTableModel",
    "columns_for",
]
