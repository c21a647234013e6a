"""`infcrm export FILE.xlsx|FILE.csv [--search] [--stage] [--tier] [--view NAME] [--all-sheets]`,
without Qt."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from infcrm import paths
from infcrm.db.engine import Database
from infcrm.domain.enums import Tier
from infcrm.files.export_target import ExportError, destination_problem
from infcrm.services.people import influencers, saved_views
from infcrm.services.people.influencer_types import ListQuery

EXIT_OK, EXIT_REJECTED = 0, 1
FORMATS = (".xlsx", ".csv")


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_REJECTED


def _stage_id(db: Database, name: str) -> int | None:
    """The id of the stage called `name` (any case), or None if there is none."""
    wanted = name.strip().casefold()
    for stage in influencers.stages(db, include_archived=True):
        if stage.name.casefold() == wanted:
            return stage.id
    return None


def _view(db: Database, name: str) -> tuple[ListQuery, list[str] | None] | str:
    """The query and columns of the saved view `name`, or why there is none."""
    view = saved_views.find(db, name)
    if view is None:
        names = [f"“{v.name}”" for v in saved_views.views(db)]
        known = f"Saved views: {', '.join(names)}." if names else "There are no saved views yet."
        return f"There is no saved view called “{name}”. {known}"
    checked = saved_views.check(db, view)
    if not checked.complete:
        print(f"Note: {checked.sentence()}", file=sys.stderr)
    return checked.query, list(view.columns) or None


def run(args: argparse.Namespace, open_db: Callable[[argparse.Namespace], Database]) -> int:
    """Export the influencers the filters select; 0 when written, 1 with a reason otherwise."""
    destination = Path(args.file).expanduser().resolve()
    suffix = destination.suffix.lower()
    if suffix not in FORMATS:
        return _fail(
            f"infcrm exports to .xlsx (Excel) or .csv files; “{destination.name}” is neither. "
            "End the name with .xlsx or .csv."
        )
    if args.all_sheets and suffix == ".csv":
        return _fail(
            "A .csv file holds a single table, so --all-sheets needs an .xlsx file. "
            "End the name with .xlsx."
        )
    problem = destination_problem(destination, paths.database_path(getattr(args, "db", None)))
    if problem:
        return _fail(problem)
    view_name = getattr(args, "saved_view", None)
    if view_name and (args.search or args.stage or args.tier):
        return _fail(
            f"The view “{view_name}” keeps its own search and filters; leave out --search, "
            "--stage and --tier (or save another view in the app)."
        )
    tier: str | None = None
    if args.tier:
        try:
            tier = Tier.from_text(args.tier).value
        except ValueError as exc:
            return _fail(str(exc))

    db = open_db(args)
    try:
        columns: list[str] | None = None
        if view_name:
            chosen = _view(db, view_name)
            if isinstance(chosen, str):
                return _fail(chosen)
            query, columns = chosen
        else:
            stage_id = None
            if args.stage:
                stage_id = _stage_id(db, args.stage)
                if stage_id is None:
                    names = ", ".join(s.name for s in influencers.stages(db, include_archived=True))
                    return _fail(f"There is no stage called “{args.stage}”. Stages: {names}.")
            query = ListQuery(search=args.search or "", tier=tier, stage_id=stage_id)
        try:
            if suffix == ".xlsx":
                from infcrm.files.xlsx_export import export_xlsx

                result = export_xlsx(db, destination, query, columns, all_sheets=args.all_sheets)
            else:
                from infcrm.files.csv_export import export_csv

                result = export_csv(db, destination, query, columns)
        except ExportError as exc:
            return _fail(str(exc))
    finally:
        db.close()
    people = f"{result.influencers:,} influencer{'s' if result.influencers != 1 else ''}"
    sheets = f" ({', '.join(result.sheets)})" if len(result.sheets) > 1 else ""
    print(f"Exported {people} to {result.path}{sheets}")
    return EXIT_OK


__all__ = ["run"]
