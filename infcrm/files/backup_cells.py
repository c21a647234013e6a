"""Reading the cells of an all-sheets export back into stored values, one kind at a time.

Each reader takes a cell as python-calamine gives it (text, a number, a date or datetime, or
empty) and returns the value to store, or raises CellError saying why it cannot (the caller
adds the sheet, row and column).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from infcrm.domain.enums import LabelledEnum
from infcrm.domain.money import check_currency


class CellError(ValueError):
    """One cell cannot be read; the message says why (the caller adds where)."""


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def text(cell: object) -> str | None:
    """Text as written (a number typed over it is shown as Excel shows it)."""
    if _blank(cell):
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def whole(cell: object) -> int | None:
    """A whole number."""
    if _blank(cell):
        return None
    if isinstance(cell, bool):
        raise CellError(f"“{cell}” is not a whole number.")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    cleaned = str(cell).strip().replace(",", "")
    if cleaned.lstrip("-").isdigit():
        return int(cleaned)
    raise CellError(f"“{cell}” is not a whole number.")


def number(cell: object) -> float | None:
    """A number with decimals."""
    if _blank(cell):
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    try:
        return float(str(cell).replace(",", ""))
    except ValueError:
        raise CellError(f"“{cell}” is not a number.") from None


def amount(cell: object) -> object:
    """An amount, kept as read until its currency is known."""
    return None if _blank(cell) else cell


def yes_no(cell: object) -> bool:
    """Yes or No (an empty cell is No)."""
    if _blank(cell) or cell is False:
        return False
    if cell is True:
        return True
    word = str(cell).strip().casefold()
    if word in ("yes", "y", "true", "1"):
        return True
    if word in ("no", "n", "false", "0"):
        return False
    raise CellError(f"“{cell}” is neither Yes nor No.")


def day(cell: object) -> date | None:
    """A calendar date."""
    if _blank(cell):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    try:
        return date.fromisoformat(str(cell).strip()[:10])
    except ValueError:
        raise CellError(f"“{cell}” is not a date such as 2026-03-31.") from None


def instant(cell: object) -> datetime | None:
    """A local date and time, as stored: naive UTC."""
    if _blank(cell):
        return None
    if isinstance(cell, datetime):
        moment = cell
    elif isinstance(cell, date):
        moment = datetime(cell.year, cell.month, cell.day)
    else:
        try:
            moment = datetime.fromisoformat(str(cell).strip())
        except ValueError:
            raise CellError(f"“{cell}” is not a date and time such as 2026-03-31 14:05.") from None
    return moment.astimezone(UTC).replace(tzinfo=None)


def clock(cell: object) -> time | None:
    """A time of day such as 14:05."""
    if _blank(cell):
        return None
    if isinstance(cell, time):
        return cell
    if isinstance(cell, datetime):
        return cell.time()
    try:
        return time.fromisoformat(str(cell).strip())
    except ValueError:
        raise CellError(f"“{cell}” is not a time such as 14:05.") from None


def choice(enum: type[LabelledEnum]) -> Callable[[object], str | None]:
    """A reader of one of `enum`'s labels, giving its stored value."""

    def read(cell: object) -> str | None:
        return None if _blank(cell) else enum.from_text(str(cell)).value

    return read


def currency(cell: object) -> str | None:
    """A three-letter currency code."""
    return None if _blank(cell) else check_currency(cell)


def fraction_to_basis_points(cell: object) -> int | None:
    """A percentage (a fraction of one in the cell) as basis points: 10.5% → 1050."""
    value = number(cell)
    return None if value is None else round(value * 10_000)


def tag_list(cell: object) -> list[str]:
    """Tags as the export joins them: “vip, summer”."""
    return [t.strip() for t in (text(cell) or "").split(",") if t.strip()]


def setting_value(cell: object) -> str | None:
    """A setting's stored JSON, checked."""
    value = text(cell)
    if value is None:
        return None
    try:
        json.loads(value)
    except ValueError:
        raise CellError(f"“{value[:40]}” is not a value infcrm wrote for a setting.") from None
    return value


def label_of(labels: Mapping[str, str]) -> Callable[[object], str | None]:
    """A reader of one of `labels`' values (“Direct message”), giving its key (“dm”)."""
    by_label = {label.casefold(): key for key, label in labels.items()}

    def read(cell: object) -> str | None:
        value = text(cell)
        if value is None:
            return None
        key = by_label.get(value.strip().casefold())
        if key is None:
            raise CellError(f"“{value}” is not one of {', '.join(labels.values())}.")
        return key

    return read


def view_filters(cell: object) -> str | None:
    """A saved view's search, filters and sort as the export wrote them (JSON), checked."""
    value = text(cell)
    if value is None:
        return None
    try:
        data = json.loads(value)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise CellError(f"“{value[:40]}” is not a view's filters as infcrm wrote them.")
    return value


def colour(cell: object) -> str | None:
    """A tag's colour, “#rrggbb”."""
    value = text(cell)
    if value is None:
        return None
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
        raise CellError(f"“{value}” is not a colour such as #3a7bd5.")
    return value.strip().lower()


def follow_up_status(cell: object) -> str:
    """Open or Done."""
    word = (text(cell) or "Open").strip().casefold()
    if word not in ("open", "done"):
        raise CellError(f"“{cell}” is neither Open nor Done.")
    return word


@dataclass(frozen=True)
class MessageOrStageChange:
    """The Outreach sheet's “What”: a message, or “Moved to STAGE”."""

    moved_to: str
    message: str

    def __call__(self, cell: object) -> Mapping[str, object]:
        words = text(cell) or self.message
        if words.startswith(self.moved_to):
            return {"kind": "stage_change", "to_stage": words[len(self.moved_to) :] or None}
        if words != self.message:
            raise CellError(f"“{words}” is neither “{self.message}” nor “{self.moved_to}…”.")
        return {"kind": "message", "to_stage": None}


READERS: dict[str, Callable[[object], Any]] = {
    "text": text,
    "url": text,
    "email": text,
    "int": whole,
    "id": whole,
    "number": number,
    "percent": number,
    "percent2": number,
    "date": day,
    "datetime": instant,
    "bool": yes_no,
    "money": amount,
}
"""The reader of each kind of export column (files/export_columns.ColumnKind)."""

__all__ = [
    "READERS",
    "CellError",
    "MessageOrStageChange",
    "amount",
    "choice",
    "clock",
    "colour",
    "currency",
    "day",
    "follow_up_status",
    "fraction_to_basis_points",
    "instant",
    "number",
    "setting_value",
    "tag_list",
    "text",
    "whole",
    "yes_no",
]
