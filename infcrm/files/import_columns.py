"""Reading the plain rows of a big import column by column instead of cell by cell.

Most rows of a big list hold nothing to explain: names that are printable text, handles and
addresses already in their stored form, counts that are whole numbers. For those, each column
is converted in one pass with one converter (not a dictionary of checks per cell), and the
row's values are put together from the converted columns. Any cell that is not plain marks its
row, and that row is read by `RowReader.read` as before, which explains every problem by row
and column. The result of a plain row is the same PlannedRow `RowReader.read` would make
(tests/unit/files/test_import_columns.py compares the two over the real files).

Only mappings without per-row routing take this way: one column per field (Niches may come
from one list column), no labelled values, no column per network, no platform, stage, tag,
date or flag column; everything else is read row by row.
"""

from __future__ import annotations

from collections.abc import Sequence

from infcrm.domain.enums import Platform
from infcrm.domain.handles import normalise_handle
from infcrm.domain.names import is_placeholder_email
from infcrm.domain.numbers import MAX_COUNT
from infcrm.domain.validation import FieldChecker
from infcrm.files.import_mapping import FIELDS_BY_KEY
from infcrm.files.import_rows import _AUDIENCE, PlannedRow, RowReader, _account
from infcrm.files.import_rows import _PERSON_TEXTS as PERSON_TEXT_SPECS
from infcrm.files.spreadsheet_reader import SheetRow

_SLOW = object()  # this cell needs the full reader
_METRICS = ("followers", "avg_likes", "avg_comments", "avg_views")
_TEXTS = {key: longest for key, _label, longest, _multiline in PERSON_TEXT_SPECS}
_FIELDS = frozenset(_TEXTS) | {"email", "handle", "niches", *_METRICS}


class ColumnReader:
    """Reads the plain rows of a block at once; `None` where a row needs `RowReader.read`."""

    def __init__(self, reader: RowReader, handle: tuple[str, Platform] | None) -> None:
        self.reader = reader
        router = reader.router
        self.columns = dict(router.single)
        # The handle's column and platform, and the platform of figures without a handle.
        self.handle = handle
        whole_file = reader.whole_file_platform
        self.empty_platform = Platform(whole_file) if whole_file else None
        # The person's texts in the order the full reader sets them.
        self.texts = [key for key, *_ in PERSON_TEXT_SPECS if key in self.columns]
        self.metrics = [key for key in _METRICS if key in self.columns]
        self.niches = router.multi.get("niches", [None])[0]
        self._email = FieldChecker().email

    @classmethod
    def for_reader(cls, reader: RowReader) -> ColumnReader | None:
        """A column reader when the mapping needs no per-row routing, else None."""
        router = reader.router
        single = router.single.keys()
        handles = [key for key in single if key.endswith("_handle")]
        plain = (
            not router.labelled
            and not router.name_from_handle
            and single - set(handles) <= _FIELDS
            and set(router.multi) <= {"niches"}
            and all(len(indexes) == 1 for indexes in router.multi.values())
        )
        if not plain:
            return None
        handle = None
        if router.handle_per_row:
            # One “Instagram handle” column: the row's account is on that network.
            platform = FIELDS_BY_KEY[handles[0]].platform if len(handles) == 1 else None
            if platform is None or platform == Platform.OTHER.value or "handle" in single:
                return None
            if [p.value for p in reader.platform_columns] != [platform]:
                return None
            handle = (handles[0], Platform(platform))
        elif handles or reader.platform_columns:
            return None
        elif "handle" in single:
            if not reader.whole_file_platform:
                return None
            handle = ("handle", Platform(reader.whole_file_platform))
        elif any(m in single for m in _METRICS):
            return None  # figures kept under the person's name: read row by row
        return cls(reader, handle)

    def read(self, block: Sequence[SheetRow]) -> list[PlannedRow | None]:
        """Each row of `block` read, or None where the full reader must read it."""
        by_column = list(zip(*(row.cells for row in block), strict=True))
        converted: list[list] = []
        for key in self.texts:
            longest = _TEXTS[key]
            converted.append([_text(v, longest) for v in by_column[self.columns[key]]])
        has_email = "email" in self.columns
        if has_email:
            converted.append(list(map(self._address, by_column[self.columns["email"]])))
        if self.niches is not None:
            converted.append(list(map(self._list, by_column[self.niches])))
        for key in self.metrics:
            converted.append([_count(v) for v in by_column[self.columns[key]]])
        if self.handle is not None:
            key, platform = self.handle
            converted.append([_handle(platform, v) for v in by_column[self.columns[key]]])
        person_keys = [*self.texts, *(["email"] if has_email else [])]
        if self.niches is not None:
            person_keys.append("niches")
        people = len(person_keys)
        metrics = self.metrics
        out: list[PlannedRow | None] = []
        for sheet_row, values in zip(block, zip(*converted, strict=True), strict=True):
            if sheet_row.problem is not None or _SLOW in values:
                out.append(None)
                continue
            person = dict(zip(person_keys, values[:people], strict=True))
            figures = dict.fromkeys(_METRICS)
            figures.update(zip(metrics, values[people : people + len(metrics)], strict=True))
            handle = values[-1] if self.handle is not None else None
            row = self._row(sheet_row.number, person, figures, handle)
            out.append(row)
        return out

    def _row(
        self, number: int, person: dict, figures: dict, handle: str | None
    ) -> PlannedRow | None:
        """The row as `RowReader.read` makes it, or None when it has something to explain."""
        display = person.get("display_name")
        label = display or person.get("real_name")
        accounts = []
        if handle:
            accounts.append(_main(self.handle[1], handle, figures))  # type: ignore[index]
        elif any(v is not None for v in figures.values()):
            if not label or self.empty_platform is None:
                return None  # figures without handle or name: explained by the full reader
            accounts.append(_main(self.empty_platform, None, figures, label=label))
        name = label
        if not name and handle:
            name = "@" + handle
        if not name and person.get("email"):
            name = str(person["email"]).split("@")[0]
        if not name:
            return None  # nobody to identify: explained by the full reader
        person["display_name"] = name
        row = PlannedRow(number, person=person, accounts=accounts)
        row.name_given = bool(display)
        return row

    def _address(self, value: object) -> object:
        if value is None:
            return None
        if value.__class__ is not str or value[:1] == "'":
            return _SLOW
        address = self._email("email", value)
        if address is None or is_placeholder_email(address):
            return _SLOW
        return address

    def _list(self, value: object) -> object:
        if value is None:
            return None
        joined = self.reader.router._joined(value)
        if joined is not None and joined[:1] == "'":
            return _SLOW
        return self.reader._niches(joined)


def _main(platform: Platform | None, handle: str | None, figures: dict, **label: object) -> dict:
    values: dict[str, object] = dict(figures)
    values["authenticity"] = None
    for key in _AUDIENCE:
        values[key] = None
    return _account(platform, handle, is_primary=True, **label, **values)  # type: ignore[arg-type]


def _text(value: object, longest: int) -> object:
    """Plain one-line printable text within its limit as it is; anything else needs checks."""
    if value is None:
        return None
    if value.__class__ is not str:
        return _SLOW
    text = value.strip()  # type: ignore[attr-defined]
    if text and len(text) <= longest and text.isprintable() and text[0] != "'":
        return text
    return _SLOW


def _count(value: object) -> object:
    if value is None:
        return None
    if value.__class__ is int and 0 <= value <= MAX_COUNT:  # type: ignore[operator]
        return value
    if value.__class__ is str and value.isascii() and value.isdigit() and len(value) < 13:  # type: ignore[attr-defined]
        return int(value)  # type: ignore[call-overload]
    return _SLOW


def _handle(platform: Platform, value: object) -> object:
    """A handle in its stored form (no link, no dot to look into); anything else: checks."""
    if value is None:
        return None
    if value.__class__ is not str or "." in value or value[:1] == "'":  # type: ignore[index,operator]
        return _SLOW
    text = value.strip()  # type: ignore[attr-defined]
    if not text:
        return None
    try:
        return normalise_handle(platform, text)
    except ValueError:
        return _SLOW


__all__ = ["ColumnReader"]
