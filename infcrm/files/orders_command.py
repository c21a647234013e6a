"""`infcrm orders FILE`: import a shop's order export from the command line (never imports Qt).

The file is read and checked whole before the database is opened, so a file infcrm cannot use
changes nothing. A dry run opens the database read-only and says what the import would do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from infcrm.db.engine import Database, StorageError
from infcrm.files.orders.order_reader import read_orders
from infcrm.files.orders.shop_formats import OrderFileError
from infcrm.services.exchange.orders_import import import_orders

EXIT_OK, EXIT_REJECTED = 0, 1


def run(
    args: argparse.Namespace,
    open_db: Callable[[argparse.Namespace], Database],
    open_reader: Callable[[argparse.Namespace], Database],
) -> int:
    """Read FILE, match its orders to deals, print what was done; 1 when the file is refused."""
    path = Path(args.file)
    if not path.is_file():
        raise StorageError(f"There is no file “{path}”. Check the name and the folder.")
    try:
        read = read_orders(path)
    except OrderFileError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    db = open_reader(args) if args.dry_run else open_db(args)
    try:
        result = import_orders(
            db, path.name, (read.shop.key, read.shop.label), read.orders, read.lines,
            dry_run=args.dry_run,
        )  # fmt: skip
    finally:
        db.close()
    print(result.summary())
    if args.dry_run:
        print("Dry run: nothing was written.")
    elif result.added:
        print("To take these orders back out: Edit › Undo last import in the app.")
    return EXIT_OK
