"""Reading a shop's order export whole: the file checked, its shop recognised, its orders read.

Everything is read and checked before anything is written, so a file with a bad cell or cut
in the middle of an order imports nothing and the message names the row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from infcrm.files.csv_reader import CsvError, csv_rows, decode_text
from infcrm.files.orders.shop_formats import OrderFileError, ShopFormat, recognise
from infcrm.files.other_programs import lock_file_refusal, unreadable
from infcrm.services.exchange.order_types import ShopOrderInput
from infcrm.services.progress import Progress

MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class OrderFile:
    """A shop's export as read: which shop, its orders, and how many lines it had."""

    name: str
    shop: ShopFormat
    orders: list[ShopOrderInput]
    lines: int


def _rows(rows: Iterator[tuple], width: int, name: str, progress: Progress | None) -> Iterator:
    """(row number, cells) of the data rows; a short row means the file was cut."""
    number = 1
    for cells in rows:
        number += 1
        if len(cells) < width:
            if not any(cells):
                continue  # a blank line between orders or at the end
            raise OrderFileError(
                f"Row {number} has {len(cells)} of the file's {width} columns: “{name}” looks "
                "cut off in the middle of an order. Export the orders from your shop again; "
                "nothing was imported."
            )
        if progress is not None and number % 20_000 == 0:
            progress.report(number, 0, f"Reading row {number:,}…")
        yield number, cells


def read_orders(path: Path, progress: Progress | None = None) -> OrderFile:
    """The orders of the export at `path`; OrderFileError says why a file cannot be used."""
    if (refusal := lock_file_refusal(path)) is not None:
        raise OrderFileError(refusal)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OrderFileError(unreadable(path.name, exc)) from exc
    if len(data) > MAX_BYTES:
        raise OrderFileError(f"“{path.name}” is larger than 512 MB; export a shorter period.")
    try:
        decoded = decode_text(data, path.name)
        rows = csv_rows(decoded, path.name, delimiter=",")
        header = next(rows, None)
        if not header:
            raise OrderFileError(f"“{path.name}” is empty: it has no header row.")
        shop, columns = recognise(header, path.name)
        counter = _rows(rows, len(header), path.name, progress)
        lines = 0

        def counted() -> Iterator:
            nonlocal lines
            for item in counter:
                lines += 1
                yield item

        orders = list(shop.read(columns, counted()))
    except CsvError as exc:
        raise OrderFileError(str(exc)) from exc
    return OrderFile(path.name, shop, orders, lines)
