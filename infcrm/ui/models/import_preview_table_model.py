"""The import wizard's preview: the first rows of a file as they will be saved, problems in red."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from infcrm.domain.accounts import shown_account
from infcrm.domain.enums import Platform
from infcrm.domain.numbers import format_count
from infcrm.files.import_plan import PlannedRow
from infcrm.ui import theme

_Index = QModelIndex | QPersistentModelIndex
ACTION_TEXT = {"create": "New", "update": "Update", "skip": "Skip", "reject": "Not imported"}
# (key, header) of the preview's columns.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("row", "Row"),
    ("action", "Will be"),
    # Right after the action, so a problem is seen without scrolling sideways.
    ("note", "Problem or note"),
    ("display_name", "Name"),
    ("email", "Email"),
    ("platform", "Platform"),
    ("handle", "Handle"),
    ("followers", "Followers"),
    ("accounts", "Accounts"),
    ("country", "Country"),
    ("tags", "Tags"),
)

NOTE_COLUMN = [key for key, _header in COLUMNS].index("note")


def _brush(token: str) -> QBrush:
    """A theme colour: the soft backgrounds carry their text colour at AA in light and dark."""
    return QBrush(theme.qcolor(token))


def written_accounts(row: PlannedRow) -> Sequence[dict[str, object]]:
    """The accounts a person's (first) row writes: with “skip”, for someone already in
    infcrm, only those on a network they have none on."""
    if row.adds_accounts:
        return row.accounts_added
    return () if kept(row) else row.accounts


def kept(row: PlannedRow) -> bool:
    """Whether a person's (first) row is someone already in infcrm, kept as they are."""
    return (row.action == "skip" and not row.repeat_of) or row.adds_accounts


def more_rows(row: PlannedRow, later: list[int]) -> str:
    """What the later rows of a person add to their first row: “+ 2 more rows of this person
    (rows 4, 5): TikTok @ana.tok, YouTube @anaruiztv” ("" when there are none)."""
    if not later:
        return ""
    rows = f"row {later[0]}" if len(later) == 1 else "rows " + ", ".join(map(str, later))
    said = f"+ {len(later)} more row{'s' if len(later) > 1 else ''} of this person ({rows})"
    others = [
        f"{Platform(str(a['platform'])).label} "
        + shown_account(str(a["platform"]), a["handle"], a.get("label"))  # type: ignore[arg-type]
        for a in written_accounts(row)[1:]
    ]
    return f"{said}: {', '.join(others)}" if others else said


class ImportPreviewTableModel(QAbstractTableModel):
    """A fixed, small list of planned rows (the wizard shows the first ~50)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._rows: list[PlannedRow] = []
        self._more: dict[int, str] = {}  # a person's first row → what their later rows add
        # a row of someone already in infcrm, kept as they are → that person's first row
        self._kept: dict[int, PlannedRow] = {}

    def set_rows(self, rows: list[PlannedRow]) -> None:
        """Show these planned rows."""
        self.beginResetModel()
        self._rows = list(rows)
        later: dict[int, list[int]] = {}
        self._kept = {row.number: row for row in self._rows if kept(row)}
        for row in self._rows:
            if row.repeat_of:
                later.setdefault(row.repeat_of, []).append(row.number)
                if row.repeat_of in self._kept:
                    self._kept[row.number] = self._kept[row.repeat_of]
        self._more = {
            row.number: more_rows(row, later[row.number])
            for row in self._rows
            if row.number in later
        }
        self.endResetModel()

    def row_at(self, row: int) -> PlannedRow:
        """The planned row on line `row`."""
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """One line per planned row."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """The preview's fixed columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles across the top."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return COLUMNS[section][1] if 0 <= section < len(COLUMNS) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text, tooltip and colours of one cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, COLUMNS[index.column()][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            said = [str(p) for p in row.problems] or [row.reason]
            return "\n".join(filter(None, [*said, self._more.get(row.number)])) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.action == "reject":
                return _brush("danger_soft")
            return _brush("warning_soft") if row.problems else None  # a cell left empty
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.action == "reject":
                return _brush("danger")
            return _brush("text_secondary") if row.action == "skip" else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if COLUMNS[index.column()][0] in ("row", "followers", "accounts"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return None

    def _written(self, row: PlannedRow) -> Sequence[dict[str, object]]:
        """The row's accounts that the import writes (or, of a later row of a person, adds
        to their first row)."""
        first = self._kept.get(row.number)
        if first is None:
            return row.accounts
        added = written_accounts(first)
        if first is row:
            return added
        keys = {(a["platform"], a["handle"]) for a in added}
        return [a for a in row.accounts if (a["platform"], a["handle"]) in keys]

    def _text(self, row: PlannedRow, key: str) -> str:
        accounts = self._written(row)
        main = accounts[0] if accounts else {}
        if key == "row":
            return str(row.number)
        if key == "action":
            if row.adds_accounts:
                many = len(accounts) > 1
                return f"Skip + {len(accounts)} new accounts" if many else "Skip + new account"
            if row.repeat_of:
                return f"Added to row {row.repeat_of}"
            return "Up to date" if row.action == "update" and row.up_to_date else (
                ACTION_TEXT[row.action]
            )  # fmt: skip
        if key == "platform":
            return Platform(str(main["platform"])).label if main else ""
        if key == "handle":
            if not main:
                return ""
            return shown_account(str(main["platform"]), main["handle"], main.get("label"))
        if key == "followers":
            followers = main.get("followers") if main else None
            return format_count(followers) if isinstance(followers, int) else ""
        if key == "accounts":
            return str(len(accounts)) if accounts else ""
        first = self._kept.get(row.number)
        if first is not None and key != "note":  # none of the file's values for them is written
            if key != "display_name":
                return ""
            return first.kept_as or str(row.person.get(key) or "")
        if key == "tags":
            return ", ".join(row.tags)
        if key == "note":
            said = row.reason
            if row.problems:
                first = row.problems[0]
                more = f" (+{len(row.problems) - 1} more)" if len(row.problems) > 1 else ""
                where = f"{first.column}: " if first.column else ""
                said = f"{where}{first.message}{more}"
            return " · ".join(filter(None, [said, self._more.get(row.number, "")]))
        value = row.person.get(key)
        return "" if value is None else str(value)
