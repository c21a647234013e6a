"""`infcrm import FILE`: import a spreadsheet from the command line (never imports Qt).

It says what it did: the column → field mapping used, the columns ignored, the stage values it
understood, the counts, every problem by row and column, where the rows not imported went and
how to undo. A dry run writes nothing at all, not even a new database file or backups folder.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from infcrm import paths
from infcrm.db.engine import (
    Database,
    StorageError,
    open_database,
    open_server_as_it_is,
    refuse_read_only,
)
from infcrm.domain.validation import InvalidInput
from infcrm.files.backup_signature import is_infcrm_export
from infcrm.files.import_apply import (
    ImportSummary,
    field_key,
    import_file,
    plan_file,
    refusal_message,
    summarise,
)
from infcrm.files.import_mapping import FIELDS, IGNORE
from infcrm.files.import_source import ImportSource, read_source, start_source
from infcrm.files.spreadsheet_reader import SpreadsheetError
from infcrm.services.errors import ServerUnreachable
from infcrm.services.exchange.import_duplicates import import_note
from infcrm.services.exchange.people_import import LOCK_WAIT_SECONDS
from infcrm.services.maintenance import maintenance

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
_LISTED = 50  # problems printed before “and N more”
_PLATFORM_OPTION = "--platform instagram (or tiktok, youtube…)"
_PARTLY = f"Rows with no platform: fill it in, or import them again with {_PLATFORM_OPTION}."


def parse_map(pairs: list[str] | None) -> dict[str, str]:
    """--map COLUMN=FIELD options as a dict (FIELD by label or key); InvalidInput if malformed."""
    mapping: dict[str, str] = {}
    for pair in pairs or []:
        column, sep, field = pair.rpartition("=")
        if not sep or not column.strip():
            raise InvalidInput(
                {"map": f'“{pair}” is not COLUMN=FIELD, e.g. --map "Youtuber=Name".'}
            )
        key = field_key(field)
        if key != IGNORE and key not in {f.key for f in FIELDS}:
            raise InvalidInput(
                {"map": f"“{field.strip()}” is not a field; `infcrm import --fields` lists them."}
            )
        mapping[column.strip()] = key
    return mapping


def print_fields() -> None:
    """The fields a column can be imported as: label, then the key --map also accepts."""
    print("Fields a column can fill (use the label or the key with --map COLUMN=FIELD):")
    for field in FIELDS:
        print(f"  {field.label:<32} {field.key}")
    print(f"  {'Ignore':<32} {IGNORE}")


def _print_summary(summary: ImportSummary) -> None:
    print(f"{summary.file_name}: {summary.headline()}")
    if summary.columns:
        print("Columns:")
        for column, label in summary.columns:
            print(f"  {column} → {label}")
    if summary.ignored:
        print(f"Ignored: {', '.join(summary.ignored)}")
    for note in summary.notes:
        print(f"  {note}")
    understood = [(value, stage) for value, stage in summary.stages if stage and value != stage]
    if understood:
        print("Stages: " + ", ".join(f"“{v}” → {s}" for v, s in understood))
    duplicates = import_note(summary.possible_duplicates)
    if duplicates:
        print(duplicates)
    for line in summary.problems[:_LISTED]:
        print(f"  {line}", file=sys.stderr)
    if len(summary.problems) > _LISTED:
        print(f"  … and {len(summary.problems) - _LISTED:,} more problems.", file=sys.stderr)
    # Skipped rows are named in a real import too: “skipped 5” alone leaves the user to guess
    # which rows of the file are not in infcrm, and why.
    for line in summary.skipped_reasons[:_LISTED]:
        print(f"  skip {line}")
    if len(summary.skipped_reasons) > _LISTED:
        print(f"  … and {len(summary.skipped_reasons) - _LISTED:,} more rows skipped.")
    for line in summary.added_reasons[:_LISTED]:
        print(f"  {line}")
    if len(summary.added_reasons) > _LISTED:
        print(f"  … and {len(summary.added_reasons) - _LISTED:,} more rows added to earlier ones.")


@contextmanager
def _database_as_it_is(args: argparse.Namespace) -> Iterator[Database]:
    """The database as it is, or a private copy when reading it would change the file
    (for a dry run, and for the check before an import opens it for writing).

    A missing file is not created and an older file is not upgraded: the plan is made against
    an empty (or upgraded) copy in a temporary folder that is removed afterwards. A server's
    database is planned against as it is (planning writes nothing); one that infcrm has not
    set up yet is as empty as a new file, so the plan is made against one.
    """
    where = paths.database_path(getattr(args, "db", None))
    if not isinstance(where, Path):
        db = open_server_as_it_is(where)
        if db is not None:
            try:
                yield db
            finally:
                db.close()
            return
    with tempfile.TemporaryDirectory(prefix="infcrm-dry-run-") as folder:
        copy = Path(folder) / "copy.sqlite"
        path = where if isinstance(where, Path) else copy
        if path.exists() and path.stat().st_size:
            if maintenance.is_current(path):
                copy = path
            else:
                source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                target = sqlite3.connect(copy)
                try:
                    source.backup(target)
                finally:
                    source.close()
                    target.close()
        db = open_database(copy)
        try:
            yield db
        finally:
            db.close()


def _import(
    args: argparse.Namespace,
    open_db: Callable[[argparse.Namespace], Database],
    source: ImportSource,
    options: dict,
) -> ImportSummary:
    """Import for real, once a look at the database as it is shows the file can be imported:
    a file none of whose rows can be, or (with --strict) one that strict checking refuses, is
    refused before the database is opened for writing, so it is not created, upgraded or
    backed up, and no import is recorded."""
    where = paths.database_path(getattr(args, "db", None))
    if isinstance(where, Path):
        refuse_read_only(where)  # said first, as opening it for writing would say it
    try:
        with _database_as_it_is(args) as db:
            if options["strict"]:
                # All or nothing: every row is read to know (the import reads them again).
                plan = plan_file(db, source, on_duplicate=args.on_duplicate, strict=True)
                if refusal_message(plan):
                    return summarise(plan)
            else:
                run = start_source(
                    db, source, on_duplicate=args.on_duplicate, strict=False, people=False
                )
                if not run.any_importable():
                    return summarise(run.finish())
    except StorageError:
        pass  # unreadable as it is (read-only folder, damaged…): opening it says why, in words
    db = open_db(args)
    try:
        return import_file(db, source, **options)
    finally:
        db.close()


def run(
    args: argparse.Namespace,
    open_db: Callable[[argparse.Namespace], Database],
    *,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> int:
    """Run the import command; 0 when imported (or a clean dry run), 1 when refused.

    `lock_wait`: how long to wait for another writer (the command line's one knob).
    """
    if getattr(args, "fields", False):
        print_fields()
        return EXIT_OK
    if not getattr(args, "file", None):
        print("Name the file to import, e.g.: infcrm import people.xlsx", file=sys.stderr)
        return EXIT_USAGE
    try:
        mapping = parse_map(getattr(args, "map", None))
    except InvalidInput as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    if not args.sheet and is_infcrm_export(args.file):  # read from its small parts only
        return _restore(args, open_db, lock_wait)
    options = {
        "platform": args.platform,
        "sheet": args.sheet,
        "mapping": mapping or None,
        "on_duplicate": args.on_duplicate,
        "dry_run": args.dry_run,
        "strict": getattr(args, "strict", False),
        "lock_wait": lock_wait,
    }
    try:
        # Read once: the check against the database as it is and the import share the rows.
        source = read_source(
            args.file, platform=args.platform, sheet=args.sheet, mapping=mapping or None
        )
        if args.dry_run:
            with _database_as_it_is(args) as db:
                summary = import_file(db, source, **options)
        else:
            summary = _import(args, open_db, source, options)
    except (SpreadsheetError, InvalidInput, StorageError) as exc:
        said = exc.for_a_command if isinstance(exc, ServerUnreachable) else str(exc)
        print(f"Nothing was imported. {said}", file=sys.stderr)
        others = exc.other_sheets() if isinstance(exc, SpreadsheetError) else []
        if others:
            print(f'Read it with --sheet "{others[0]}".', file=sys.stderr)
        return EXIT_REJECTED
    _print_summary(summary)
    # The rows' problems say what is missing; how to choose a platform here is this command's.
    hint = f" Run again with {_PLATFORM_OPTION}." if summary.lacks_platform else ""
    if args.dry_run:
        if hint:
            print(_PARTLY, file=sys.stderr)
        print("Dry run: nothing was written.")
        return EXIT_REJECTED if summary.refused and (summary.rejected or summary.problems) else 0
    if summary.refused:
        print(summary.refused + hint, file=sys.stderr)
        # Only skipped duplicates is not a rejected input: the database is already up to date.
        return EXIT_REJECTED if summary.rejected or summary.problems else EXIT_OK
    if hint:
        print(_PARTLY, file=sys.stderr)
    if summary.not_imported_path is not None:
        print(
            f"Rows not imported: {summary.not_imported_path} (the original columns and why). "
            "Fix them there and import that file again."
        )
    print(f"Undo: in the app, Edit › Undo last import ({undo_words(summary)}).")
    return EXIT_OK


def undo_words(summary: ImportSummary) -> str:
    """What undoing the import takes back: “it removes the people it added”, the accounts it
    added to people already there (“skip” adds those, counted as updated), and puts back
    the people it updated otherwise."""
    removed = ["the people it added"] if summary.created else []
    if summary.accounts_added:
        removed.append("the accounts it added to people already in infcrm")
    said = f"it removes {' and '.join(removed)}" if removed else ""
    if summary.updated > summary.accounts_added:
        back = "puts back the people it updated as they were"
        said = f"{said} and {back}" if said else f"it {back}"
    return said or "it removes what it added"


def _restore(
    args: argparse.Namespace,
    open_db: Callable[[argparse.Namespace], Database],
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> int:
    """An all-sheets export: restore everything it holds (into an empty database only)."""
    # Restoring needs every part's reader; a people list's import does not load them.
    from infcrm.files.backup_import import UNDO_HINT, apply_restore, plan_restore

    name = Path(args.file).name
    try:
        if args.dry_run:
            with _database_as_it_is(args) as db:
                plan = plan_restore(db, args.file)
        else:
            db = open_db(args)
            try:
                plan = plan_restore(db, args.file)
                result = None if plan.refused else apply_restore(db, plan, lock_wait=lock_wait)
            finally:
                db.close()
    except (SpreadsheetError, InvalidInput, StorageError) as exc:
        said = exc.for_a_command if isinstance(exc, ServerUnreachable) else str(exc)
        print(f"Nothing was imported. {said}", file=sys.stderr)
        return EXIT_REJECTED
    if plan.refused:
        print(f"{name}: {plan.headline()}.")
        print(f"Nothing was imported. {plan.refused}", file=sys.stderr)
        if plan.database_not_empty:
            print(
                "Restore it into a new file (--db new.sqlite), or import only its people here "
                "(--sheet Influencers).",
                file=sys.stderr,
            )
        return EXIT_REJECTED
    if args.dry_run:
        print(f"{name}: would {plan.headline()[0].lower()}{plan.headline()[1:]}.")
        print("Dry run: nothing was written.")
        return EXIT_OK
    assert result is not None
    print(f"{name}: restored {result.describe()} from an infcrm export.")
    print(UNDO_HINT)
    return EXIT_OK


__all__ = ["parse_map", "print_fields", "run", "undo_words"]
