"""The engagement benchmarks as an editable table: one row per platform and tier."""

from __future__ import annotations

from contextlib import suppress
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from infcrm.domain.enums import Platform, Tier
from infcrm.domain.metrics import BandLimits, EngagementBands
from infcrm.ui import theme

PLATFORM, TIER, LOW_BELOW, HIGH_FROM, SUSPICIOUS_FROM = range(5)
HEADERS = ("Platform", "Tier", "Low below", "High from", "Suspicious from")
_LIMIT_NAMES = {LOW_BELOW: "low below", HIGH_FROM: "high from", SUSPICIOUS_FROM: "suspicious from"}
_VALUE_COLUMNS = (LOW_BELOW, HIGH_FROM, SUSPICIOUS_FROM)
_Index = QModelIndex | QPersistentModelIndex


def format_rate(fraction: float) -> str:
    """0.015 → “1.5%”, 0.0075 → “0.75%”: as many decimals as the value needs, at most two."""
    return f"{fraction * 100:.2f}".rstrip("0").rstrip(".") + "%"


def parse_rate(text: str) -> float:
    """A percentage typed in the table (“1.5”, “1,5 %”, “1.5%”) as a fraction."""
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{text.strip()}” is not a percentage. Write it like 1.5%.") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValueError(f"“{text.strip()}” must be between 0% and 100%.")
    # Decimal keeps “0.7%” exactly 0.007; a float division would store 0.006999….
    return float(number / 100)


class EngagementBandsTableModel(QAbstractTableModel):
    """Platform × tier rows of (low below, high from, suspicious from); checks each row as typed."""

    def __init__(self, bands: EngagementBands, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Platform, Tier]] = [(p, t) for p in Platform for t in Tier]
        self._text: list[list[str]] = []
        self._errors: dict[int, str] = {}
        self.load(bands)

    # Contents -----------------------------------------------------------------------------

    def load(self, bands: EngagementBands) -> None:
        """Show these bands (discarding anything typed)."""
        self.beginResetModel()
        self._text = []
        for platform, tier in self.rows:
            limits = bands.limits(platform, tier)
            self._text.append(
                [
                    format_rate(limits.low_below),
                    format_rate(limits.high_from),
                    format_rate(limits.suspicious_from),
                ]
            )
        self._errors = {}
        self.endResetModel()

    def errors(self) -> dict[int, str]:
        """Row → what is wrong with it, for every row that cannot be saved."""
        return dict(self._errors)

    def bands(self) -> EngagementBands:
        """The bands as typed; raises ValueError when a row is not valid."""
        if self._errors:
            raise ValueError(next(iter(self._errors.values())))
        return EngagementBands({key: self._limits(row) for row, key in enumerate(self.rows)})

    def _limits(self, row: int) -> BandLimits:
        values = [parse_rate(text) for text in self._text[row]]
        return BandLimits(*values)

    def _check(self, row: int) -> None:
        """Record why `row` cannot be saved, or forget an earlier complaint."""
        platform, tier = self.rows[row]
        where = f"{platform.label} {tier.label.lower()}"
        self._errors.pop(row, None)
        values: list[float] = []
        for column, text in zip(_VALUE_COLUMNS, self._text[row], strict=True):
            try:
                values.append(parse_rate(text))
            except ValueError as exc:
                self._errors[row] = f"{where}, {_LIMIT_NAMES[column]}: {exc}"
                return
        low, high, suspicious = values
        if not low < high:
            self._errors[row] = f"{where}: “high from” must be above “low below”."
        elif not high < suspicious:
            self._errors[row] = f"{where}: “suspicious from” must be above “high from”."

    # Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """One row per platform and tier (none below the top level)."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Platform, tier and the three limits."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return HEADERS[section] if 0 <= section < len(HEADERS) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Labels, the typed limits, and red text plus a tooltip on rows that are wrong."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == PLATFORM:
                return self.rows[row][0].label
            if column == TIER:
                return self.rows[row][1].label
            return self._text[row][column - LOW_BELOW]
        if role == Qt.ItemDataRole.ForegroundRole:
            return (
                QBrush(theme.qcolor("danger")) if row in self._errors and column >= TIER else None
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._errors.get(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _VALUE_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == PLATFORM:  # the name heads its group of four tiers
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """The three limits are editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _VALUE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Keep what was typed and check its row at once."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if index.column() not in _VALUE_COLUMNS:
            return False
        row = index.row()
        text = str(value).strip()
        # Tidy “1,5” into “1.5%”; text that is no number is kept as typed, to be fixed.
        with suppress(ValueError):
            text = format_rate(parse_rate(text))
        self._text[row][index.column() - LOW_BELOW] = text
        self._check(row)
        self.dataChanged.emit(self.index(row, TIER), self.index(row, SUSPICIOUS_FROM))
        return True
