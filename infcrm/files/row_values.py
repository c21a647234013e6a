"""Reading one import cell as text, a count, yes/no, an authenticity score or posts a week."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from infcrm.domain.numbers import MAX_COUNT, parse_percent
from infcrm.domain.validation import FieldChecker
from infcrm.files import import_values
from infcrm.files.import_mapping import FIELDS_BY_KEY


def cell_text(value: object) -> str:
    """A cell as text: empty for None, “12” for a spreadsheet's 12.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def count(check: FieldChecker, key: str, value: object, label: str) -> int | None:
    """A count; plain whole numbers (most cells of a big list) skip the full parser."""
    if type(value) is int and 0 <= value <= MAX_COUNT:
        return value
    if type(value) is str and value.isascii() and value.isdigit() and len(value) < 13:
        return int(value)
    if isinstance(value, date | time):  # a spreadsheet showing a figure's cell as a date
        check.add(
            key,
            f"“{value}” is a date, not a number of {label.casefold()}: the cell is formatted as "
            "a date in the spreadsheet. Format it as a number.",
        )
        return None
    return check.count(key, value, label=label, average=key.startswith("avg_"))


def convert(check: FieldChecker, cells: dict, target: dict, key: str, parse: Callable) -> None:
    """Put the cell of `key` into `target` as `parse` reads it; what it cannot read is reported."""
    if key not in cells:
        return
    try:
        value = parse(cells[key], FIELDS_BY_KEY[key].label)
    except ValueError as exc:
        check.add(key, str(exc))
        return
    if value is not None:
        target[key] = value


def yes_no(value: object, label: str) -> bool | None:
    return import_values.parse_bool(value, label=label)


def authenticity(value: object, label: str) -> int | None:
    """A 0–100 score written as 85, “85%” or 0.85 (a spreadsheet percentage cell)."""
    try:
        fraction = parse_percent(value)
    except ValueError:
        raise ValueError(
            f"“{cell_text(value)[:40]}” is not an authenticity score. Write it like 85 or 85%."
        ) from None
    return None if fraction is None else round(fraction * 100)


def posts_per_week(value: object, label: str) -> float | None:
    return import_values.parse_number(value, label=label, maximum=500)


__all__ = ["authenticity", "cell_text", "convert", "count", "posts_per_week", "yes_no"]
