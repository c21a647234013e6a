"""`infcrm import FILE`: import a spreadsheet from the command line (never imports Qt)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.files.import_apply import ImportSummary, import_file
from infcrm.files.spreadsheet_reader import SpreadsheetError

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
_LISTED = 50  # problems printed before “and N more”


def parse_map(pairs: list[str] | None) -> dict[str, str]:
    """--map COLUMN=FIELD options as a dict; raises InvalidInput for a malformed one."""
    mapping: dict[str, str] = {}
    for pair in pairs or []:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip():
            raise InvalidInput(
                {"map": f'“{pair}” is not COLUMN=FIELD, e.g. --map "IG followers=followers".'}
            )
        mapping[column.strip()] = field.strip()
    return mapping


def _print_summary(summary: ImportSummary, dry_run: bool) -> None:
    print(f"{summary.file_name}: {summary.headline()}")
    for note in summary.notes:
        print(f"  {note}")
    for line in summary.problems[:_LISTED]:
        print(f"  {line}", file=sys.stderr)
    if len(summary.problems) > _LISTED:
        print(f"  … and {len(summary.problems) - _LISTED:,} more problems.", file=sys.stderr)
    if dry_run and summary.skipped_reasons:
        for line in summary.skipped_reasons[:_LISTED]:
            print(f"  skip {line}")


def run(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Database]) -> int:
    """Run the import command; 0 when imported (or a clean dry run), 1 when refused."""
    try:
        mapping = parse_map(getattr(args, "map", None))
    except InvalidInput as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    db = open_db(args)
    try:
        summary = import_file(
            db,
            args.file,
            platform=args.platform,
            sheet=args.sheet,
            mapping=mapping or None,
            on_duplicate=args.on_duplicate,
            dry_run=args.dry_run,
        )
    except (SpreadsheetError, InvalidInput) as exc:
        print(f"Nothing was imported. {exc}", file=sys.stderr)
        return EXIT_REJECTED
    finally:
        db.close()
    _print_summary(summary, args.dry_run)
    if args.dry_run:
        print("Dry run: nothing was written.")
        return EXIT_REJECTED if summary.rejected else EXIT_OK
    if summary.refused:
        print(summary.refused, file=sys.stderr)
        # Only skipped duplicates is not a rejected input: the database is already up to date.
        return EXIT_REJECTED if summary.rejected else EXIT_OK
    print("Undo it in the app with Edit > Undo last import.")
    return EXIT_OK


__all__ = ["parse_map", "run"]
