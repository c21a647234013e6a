"""What every order export's reader shares: the recognised header, a row's cells read by column
name (a wrong cell named by row and column), and how a shop's export is described."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from infcrm.domain.money import check_currency
from infcrm.files.orders.order_values import (
    CellError,
    NumberStyle,
    instant,
    money_minor,
    store_amount,
)
from infcrm.services.exchange.order_types import ShopOrderInput

Rows = Iterable[tuple[int, tuple]]  # (row number in the file, cells)


class OrderFileError(ValueError):
    """The file cannot be imported as it is; the message names the row and column at fault."""


@dataclass(frozen=True)
class ShopFormat:
    key: str  # stored with each order: an order number is unique within one shop
    label: str
    required: tuple[str, ...]  # every column this reader uses
    marks: tuple[str, ...]  # the columns that tell this export from the others
    read: Callable[[Header, Rows], Iterator[ShopOrderInput]]
    # other spellings of a column, by the name `required` gives: {"date": ("order_date",)}
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Header:
    """The file's column names as written, and each one's index by its lower-case name."""

    names: tuple[str, ...]
    index: dict[str, int]

    def name(self, key: str) -> str:
        """The column as the file spells it ("Subtotal" for "subtotal")."""
        return self.names[self.index[key]] if key in self.index else key


class Cells:
    """Reads one row's cells by column name, naming row and column when a cell is wrong."""

    __slots__ = ("cells", "columns", "header", "row")

    def __init__(self, header: Header) -> None:
        self.header = header
        self.columns = header.index
        self.cells: tuple = ()
        self.row = 0

    def where(self, name: str) -> str:
        return f"Row {self.row}, column “{self.header.name(name)}”"

    def text(self, name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(self.cells):
            return ""
        return (self.cells[index] or "").strip()

    def money(self, name: str, currency: str) -> int:
        try:
            return money_minor(self.text(name), currency)
        except CellError as exc:
            raise OrderFileError(f"{self.where(name)}: {exc}") from None

    def instant(self, name: str):
        try:
            return instant(self.text(name))
        except CellError as exc:
            raise OrderFileError(f"{self.where(name)}: {exc}") from None

    def currency(self, name: str) -> str:
        try:
            return check_currency(self.text(name))
        except ValueError:
            raise OrderFileError(
                f"{self.where(name)}: “{self.text(name)}” is not a currency code such as EUR "
                "or USD."
            ) from None

    def stored(self, name: str, style: NumberStyle) -> int:
        """An amount of an export without a currency column, as the store wrote it."""
        try:
            return store_amount(self.text(name), style)
        except CellError as exc:
            raise OrderFileError(f"{self.where(name)}: {exc}") from None


__all__ = ["Cells", "Header", "OrderFileError", "Rows", "ShopFormat"]
