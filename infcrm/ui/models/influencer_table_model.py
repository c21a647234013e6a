"""The influencer list as a table model: ordered ids from SQL, rows fetched a block at a time."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform
from infcrm.domain.metrics import EngagementBands
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
from infcrm.ui.models.influencer_list_loading import (
    BLOCK_SIZE,
    FIRST_ROWS,
    REST_DELAY_MS,
    InfluencerListLoading,
)
from infcrm.ui.models.latest_loader import LatestLoader
from infcrm.ui.widgets.platform_logo import platform_icon

# The id of the row's influencer, whatever the column.
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
# Qt.UserRole gives the raw value behind the text (followers as an int, the rate as a float…).
RAW_ROLE = int(Qt.ItemDataRole.UserRole)

MAX_BLOCKS = 100  # ~5,000 rows kept: many screens either side of the one on show


class _Line:
    """A cached list row, its photo if any, and, once painted, the texts of its cells."""

    __slots__ = ("photo", "row", "texts")

    def __init__(self, row: InfluencerRow, photo: bytes | None = None) -> None:
        self.row = row
        self.photo = photo
        self.texts: list[str] | None = None


class InfluencerTableModel(InfluencerListLoading, QAbstractTableModel):
    """Influencers in SQL order; holds only their ids and a bounded cache of rows.

    With `background=True` every query after the first runs in a worker thread and the rows
    on show stay until the answer arrives, so typing and sorting never block on SQL. A new
    search, filter or sort then shows its first rows and its count as soon as those are read
    (`FIRST_ROWS`); the other ids follow from a second worker, and anything that needs them
    sooner (the row of a person further down, every id shown) reads them on the spot.
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
        self._ids: list[int] = []  # every id in order, or only the first ones (see _total)
        self._total = 0  # the rows the query shows, known before all their ids are
        self._row_of: dict[int, int] | None = None  # built on first need only
        # Rows found for people further down than the ids known (the selection after a new
        # sort or filter), by id (None: not listed) and by row, until every id is known.
        self._places: dict[int, int | None] = {}
        self._placed: dict[int, int] = {}
        self._to_place: Callable[[], Sequence[int]] | None = None
        self._blocks: OrderedDict[int, dict[int, _Line]] = OrderedDict()
        self._last_block = -1
        self._alignments = [int(c.alignment.value) for c in self._columns]
        self._bands: EngagementBands = EngagementBands()
        self._keep_place = False
        self._keep_place_pending = False
        self._loader: LatestLoader | None = None
        self._rest_loader: LatestLoader | None = None
        self._rest_timer: QTimer | None = None
        if background:
            # Even the first answer comes from the worker: the window paints at once and
            # the list fills in a moment later (its view says "Loading…" meanwhile).
            self._loader = LatestLoader("influencer-list", self)
            self._loader.loaded.connect(self._on_loaded)
            self._rest_loader = LatestLoader("influencer-list-rest", self)
            self._rest_loader.loaded.connect(self._on_rest_loaded)
            self._rest_timer = QTimer(self, singleShot=True, interval=REST_DELAY_MS)
            self._rest_timer.timeout.connect(self._load_rest)
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
    def complete(self) -> bool:
        """True when every id on show is known (not only the first screenfuls)."""
        return len(self._ids) == self._total

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

    def place_on_each_query(self, source: Callable[[], Sequence[int]]) -> None:
        """Have every new query find at once the rows of the people `source` gives (the
        view's selection), wherever they land, so keeping them selected reads no more ids."""
        self._to_place = source

    def set_query(self, query: ListQuery) -> None:
        """Show what `query` asks for (one SQL query for the ids; rows come as they show)."""
        if query.trash != self._query.trash:
            raise ValueError("A list model shows either the trash or the list, not both.")
        self._query = query
        self._load(keep_place=False)

    def reload(self) -> None:
        """Query the ids again (after a change) and forget every cached row."""
        self._load(keep_place=True)

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
        return self._all_ids()

    def id_at(self, row: int) -> int:
        """The influencer id on `row`."""
        if row >= len(self._ids):
            placed = self._placed.get(row)
            if placed is not None:
                return placed
            self._all_ids()
        return self._ids[row]

    def known_id_at(self, row: int) -> int | None:
        """The id on `row` if known without reading more ids (None: not yet)."""
        return self._ids[row] if 0 <= row < len(self._ids) else self._placed.get(row)

    def row_of(self, influencer_id: int) -> int | None:
        """The row showing `influencer_id`, or None if the list does not show them."""
        if self._row_of is None:
            self._row_of = {i: r for r, i in enumerate(self._ids)}
        row = self._row_of.get(influencer_id)
        if row is None and influencer_id in self._places:
            return self._places[influencer_id]  # found by the query itself
        if row is None and not self.complete:
            self._all_ids()  # further down, or not listed: only every id can tell
            self._row_of = {i: r for r, i in enumerate(self._ids)}
            row = self._row_of.get(influencer_id)
        return row

    def row_data(self, row: int) -> InfluencerRow | None:
        """The list row on `row` (fetching its block if needed); None if they vanished."""
        if self.known_id_at(row) is None:
            self._all_ids()
        line = self._line(row)
        return line.row if line is not None else None

    def _line(self, row: int) -> _Line | None:
        block = row // BLOCK_SIZE
        cached = self._blocks.get(block)
        if cached is None:
            start = block * BLOCK_SIZE
            end = min(start + BLOCK_SIZE, self._total)
            if end <= len(self._ids):
                block_ids = self._ids[start:end]
            else:  # the first ids' last block, or a block around the selection further down
                known = (self.known_id_at(r) for r in range(start, end))
                block_ids = [i for i in known if i is not None]
            try:
                fetched = influencer_list.rows(self._db, block_ids)
                # The few people with a photo, by primary key: one small query per block.
                faces = photos.photos(self._db, block_ids)
            except Exception as exc:  # painting must go on: blank rows, said once per block
                fetched, faces = {}, {}
                self.load_failed.emit(_unread(exc))
            cached = {i: _Line(r, faces.get(i)) for i, r in fetched.items()}
            self._blocks[block] = cached
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)  # the block seen longest ago
        elif block != self._last_block:
            self._blocks.move_to_end(block)
        self._last_block = block
        return cached.get(self.known_id_at(row))

    def photo_at(self, row: int) -> bytes | None:
        """The photo of the person on `row`, if they have one (for their avatar)."""
        line = self._line(row) if self.known_id_at(row) is not None else None
        return line.photo if line is not None else None  # blank until its id arrives

    def cached_rows(self) -> int:
        """How many rows the cache holds now (it stays bounded however long the list)."""
        return sum(len(b) for b in self._blocks.values())

    # Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Every influencer the query matches (a table has no children)."""
        return 0 if parent.isValid() else self._total

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
        if not (0 <= row_number < self._total and 0 <= column < len(self._columns)):
            return None
        if role == _ALIGNMENT:
            return self._alignments[column]
        if role == ID_ROLE:
            return self.id_at(row_number)
        if row_number >= len(self._ids) and row_number not in self._placed:
            return None  # painted blank for the moment its id takes to arrive
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


def _unread(error: Exception) -> str:
    """What the list says when a block of rows could not be read: a server that does not
    answer in its sentence for a read (nobody was editing), anything else as it says it."""
    from infcrm.services.errors import ServerUnreachable

    if isinstance(error, ServerUnreachable):
        return error.for_a_read("some rows of the list")
    detail = (str(error).splitlines() or [""])[0][:200]
    return f"Some rows could not be read ({detail})."


__all__ = [
    "BLOCK_SIZE",
    "COLUMNS",
    "DELETED_COLUMN",
    "FIRST_ROWS",
    "ID_ROLE",
    "RAW_ROLE",
    "Column",
    "InfluencerTableModel",
    "columns_for",
]
