"""Reading the plain rows of a big import column by column instead of cell by cell.

Most rows of a big list hold nothing to explain: names that are printable text, handles and
addresses already in their stored form, counts that are whole numbers. Each column is first
checked whole, in a few passes the interpreter runs without a Python call per cell (one regex
over the handles, one over the addresses, one length and one printable check over a name
column); a column that passes is taken as it is. A column that does not is converted cell by
cell, and a cell that is not plain marks its row, which `RowReader.read` then reads as before,
explaining every problem by row and column. The result of a plain row is the same PlannedRow
`RowReader.read` would make (tests/unit/files/test_import_columns.py compares the two over
the real files).

The cells come from `read_table`, tidied: text stripped, never empty (blank is None).

Only mappings without per-row routing take this way: one column per field (Niches may come
from one list column), no labelled values, no column per network, no platform, stage, tag,
date or flag column; everything else is read row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import repeat

from infcrm.domain.countries import country_name
from infcrm.domain.enums import Platform
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.handles import link_for, normalise_handle, plain_handles, profile_format
from infcrm.domain.names import is_placeholder_email, may_hold_placeholder
from infcrm.domain.numbers import MAX_COUNT
from infcrm.domain.validation import FieldChecker, plain_addresses
from infcrm.files.import_mapping import FIELDS_BY_KEY
from infcrm.files.import_rows import PlannedRow, RowReader
from infcrm.files.import_shapes import METRICS, PERSON_TEXTS, account
from infcrm.files.spreadsheet_reader import SheetRow

_SLOW = object()  # this cell needs the full reader
_TEXTS = {key: longest for key, _label, longest, _multiline in PERSON_TEXTS}
_FIELDS = frozenset(_TEXTS) | {"email", "handle", "niches", *METRICS}
# An account's keys in the order `import_shapes.account` makes them (no audience, no label).
_ACCOUNT_KEYS = (*METRICS, "platform", "handle", "url", "is_primary", "posts_per_week",
                 "authenticity")  # fmt: skip
_NONE = type(None)
_NICHES_MAX = max_length("niches")


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
        self.texts = [key for key, *_ in PERSON_TEXTS if key in self.columns]
        self.metrics = [key for key in METRICS if key in self.columns]
        self.niches = router.multi.get("niches", [None])[0]
        self._email = FieldChecker().email
        self.person_keys = [*self.texts, *(["email"] if "email" in self.columns else [])]
        if self.niches is not None:
            self.person_keys.append("niches")

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
        if not plain or reader.link_twins:  # a link beside its handle is compared per row
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
        elif any(m in single for m in METRICS):
            return None  # figures kept under the person's name: read row by row
        return cls(reader, handle)

    def read(self, block: Sequence[SheetRow]) -> list[PlannedRow | None]:
        """Each row of `block` read, or None where the full reader must read it."""
        by_column = list(zip(*(row.cells for row in block), strict=True))
        columns = self.columns
        errors = self.reader.error_cells  # a cell that held “#DIV/0!” is said row by row
        slow: set[int] = {
            i for i, row in enumerate(block) if row.problem is not None or row.number in errors
        }
        person_columns: list[Sequence[object]] = []
        for key in self.texts:
            longest = _TEXTS[key]
            column = _column(by_column[columns[key]], slow, _plain_text(longest), _text(longest))
            if key == "country":  # one spelling per country, as the full reader stores it
                column = [country_name(v) if v.__class__ is str else v for v in column]
            person_columns.append(column)
        if "email" in columns:
            person_columns.append(
                _column(by_column[columns["email"]], slow, _plain_email, self._address)
            )
        if self.niches is not None:
            person_columns.append(self._lists(by_column[self.niches], slow))
        figures: list[Iterable[object]] = [
            _column(by_column[columns[k]], slow, _plain_count, _count)
            if k in columns
            else repeat(None)
            for k in METRICS
        ]
        size = len(block)
        handles: Sequence[object] = (None,) * size
        links: Sequence[object] = handles
        platform = None
        if self.handle is not None:
            key, platform = self.handle
            handles, links = _handles(by_column[columns[key]], platform, slow)
        people = map(dict, map(zip, repeat(self.person_keys), zip(*person_columns, strict=True)))
        if not person_columns:
            people = (dict() for _ in range(size))
        # Each row's main account values, in the order of an account's keys.
        account_values = zip(
            *figures,
            repeat(platform.value if platform else None),
            handles,
            links,
            repeat(True),
            repeat(None),
            repeat(None),
        )
        out: list[PlannedRow | None] = []
        append = out.append
        any_figures = bool(self.metrics)
        for index, sheet_row, person, values in zip(
            range(size), block, people, account_values, strict=False
        ):
            if index in slow:
                append(None)
                continue
            display = person.get("display_name")
            label = display or person.get("real_name")
            handle = values[5]
            if handle:
                accounts = [dict(zip(_ACCOUNT_KEYS, values, strict=True))]
            elif any_figures and values[:4] != (None, None, None, None):
                if not label or self.empty_platform is None:
                    append(None)  # figures without handle or name: explained by the full reader
                    continue
                figures_given = dict(zip(METRICS, values, strict=False))
                accounts = [
                    account(
                        self.empty_platform, None, is_primary=True, label=label, **figures_given
                    )
                ]
            else:
                accounts = []
            name = label
            if not name and handle:
                name = handle  # as the full reader names them: the handle, without the @
            if not name and person.get("email"):
                name = str(person["email"]).split("@")[0]
            if not name:
                append(None)  # nobody to identify: explained by the full reader
                continue
            person["display_name"] = name
            row = PlannedRow(sheet_row.number, person=person, accounts=accounts)
            row.name_given = bool(display)
            append(row)
        return out

    def _address(self, value: object) -> object:
        if value is None:
            return None
        if value.__class__ is not str or value[:1] == "'":
            return _SLOW
        address = self._email("email", value)
        if address is None or is_placeholder_email(address):
            return _SLOW
        return address

    def _lists(self, column: Sequence[object], slow: set[int]) -> list[object]:
        """A list column (“food, travel”): a big list repeats a few values, each read once."""
        read = {value: self._list(value) for value in set(column)}
        if _SLOW in read.values():
            slow.update(i for i, value in enumerate(column) if read[value] is _SLOW)
        return list(map(read.__getitem__, column))

    def _list(self, value: object) -> object:
        if value is None:
            return None
        joined = self.reader.router._joined(value)
        if joined is not None and joined[:1] == "'":
            return _SLOW
        niches = self.reader._niches(joined)
        if niches is not None and len(niches) > _NICHES_MAX:
            return _SLOW  # too long for the form: the full reader says so
        return niches


def _column(
    cells: Sequence[object],
    slow: set[int],
    plain: Callable[[Sequence[object]], Sequence[object] | None],
    one: Callable[[object], object],
) -> Sequence[object]:
    """A column converted: whole when `plain` takes it, else cell by cell with `one`.

    The rows of cells `one` cannot read plainly are added to `slow`.
    """
    whole = plain(cells)
    if whole is not None:
        return whole
    converted = list(map(one, cells))
    slow.update(i for i, value in enumerate(converted) if value is _SLOW)
    return converted


def _texts_of(cells: Sequence[object]) -> list[str] | None:
    """The column's filled cells when every one is text (blank cells are None), else None."""
    if not set(map(type, cells)) <= {str, _NONE}:
        return None
    texts = list(filter(None, cells))
    if len(texts) + cells.count(None) != len(cells):  # type: ignore[attr-defined]
        return None  # an empty text: not tidied, read cell by cell
    return texts  # type: ignore[return-value]


def _plain_text(longest: int) -> Callable[[Sequence[object]], Sequence[object] | None]:
    def plain(cells: Sequence[object]) -> Sequence[object] | None:
        texts = _texts_of(cells)
        if texts is None:
            return None
        joined = " ".join(texts)  # printable only if every text is, the space being so
        quoted = joined.startswith("'") or " '" in joined  # our CSV export's quote, maybe
        if joined.isprintable() and not quoted and max(map(len, texts), default=0) <= longest:
            return cells
        return None

    return plain


def _text(longest: int) -> Callable[[object], object]:
    def one(value: object) -> object:
        """Plain one-line printable text within its limit as it is; anything else: checks."""
        if value is None:
            return None
        if value.__class__ is not str:
            return _SLOW
        text = value.strip()  # type: ignore[attr-defined]
        if text and len(text) <= longest and text.isprintable() and text[0] != "'":
            return text
        return _SLOW

    return one


def _plain_email(cells: Sequence[object]) -> Sequence[object] | None:
    texts = _texts_of(cells)
    if texts is None or not plain_addresses(texts) or may_hold_placeholder(texts):
        return None
    return cells


def _plain_count(cells: Sequence[object]) -> Sequence[object] | None:
    kinds = set(map(type, cells))
    if kinds <= {int, _NONE}:
        numbers = list(filter(None, cells))  # zeros left out: they are within range anyway
        if not numbers or (min(numbers) >= 0 and max(numbers) <= MAX_COUNT):  # type: ignore[type-var]
            return cells
        return None
    texts = _texts_of(cells)
    if texts is None:
        return None
    if not texts:
        return cells  # nothing filled in
    joined = "".join(texts)
    if joined.isascii() and joined.isdigit() and max(map(len, texts), default=0) < 13:
        if _NONE in kinds:
            return [None if value is None else int(value) for value in cells]  # type: ignore[call-overload]
        return list(map(int, cells))  # type: ignore[arg-type]
    return None


def _count(value: object) -> object:
    if value is None:
        return None
    if value.__class__ is int and 0 <= value <= MAX_COUNT:  # type: ignore[operator]
        return value
    if value.__class__ is str and value.isascii() and value.isdigit() and len(value) < 13:  # type: ignore[attr-defined]
        return int(value)  # type: ignore[call-overload]
    return _SLOW


def _handles(
    cells: Sequence[object], platform: Platform, slow: set[int]
) -> tuple[Sequence[object], Sequence[object]]:
    """The handles in their stored form, and their profile links."""
    texts = _texts_of(cells)
    if texts is not None and plain_handles(platform, texts):
        link = profile_format(platform).format
        if len(texts) == len(cells):
            return cells, list(map(link, texts))
        return cells, [None if handle is None else link(handle) for handle in cells]
    handles = [_handle(platform, value) for value in cells]
    slow.update(i for i, value in enumerate(handles) if value is _SLOW)
    links = [link_for(platform, value) if value.__class__ is str else None for value in handles]
    return handles, links


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
