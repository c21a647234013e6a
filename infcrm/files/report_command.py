"""`infcrm report "CAMPAIGN" FILE.xlsx|FILE.pdf [--db PATH]`: a campaign's report to a file.

Reads only. The .xlsx is written here, without Qt; a PDF is drawn by the function the caller
passes in (the command line loads Qt's offscreen renderer for it, and only for it).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from infcrm import paths
from infcrm.db.engine import Database
from infcrm.files.export_target import ExportError, atomic_file, destination_problem
from infcrm.services.campaigns import campaigns
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.report_types import CampaignReport

EXIT_OK, EXIT_REJECTED = 0, 1
FORMATS = (".xlsx", ".pdf")
# Draws `report` as a PDF at the path given (a temporary file beside the destination).
PdfWriter = Callable[[str | os.PathLike[str], CampaignReport], None]


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_REJECTED


def _find_campaign(db: Database, name: str) -> int | str:
    """The id of the campaign called `name` (any case, spaces trimmed), else the sentence
    that names every campaign there is."""
    wanted = name.strip().casefold()
    found = campaigns.list_campaigns(db)
    for campaign in found:
        if campaign.name.strip().casefold() == wanted:
            return campaign.id
    if not found:
        return f"There is no campaign called “{name}”: this database has no campaigns yet."
    names = ", ".join(f"“{c.name}”" for c in sorted(found, key=lambda c: c.name.casefold()))
    return f"There is no campaign called “{name}”. Campaigns: {names}."


def write_report(
    report: CampaignReport, destination: Path, db_path: Path | None, pdf: PdfWriter | None
) -> None:
    """Write `report` as .xlsx or .pdf (by the destination's ending), replacing it whole."""
    if destination.suffix.lower() == ".pdf":
        if pdf is None:
            raise ValueError("a PDF needs a function that draws it")
        with atomic_file(destination, db_path) as temp:
            pdf(temp, report)
    else:
        from infcrm.files.report_xlsx import write_report_xlsx

        write_report_xlsx(report, destination, db_path)


def run(
    args: argparse.Namespace,
    open_db: Callable[[argparse.Namespace], Database],
    pdf: Callable[[], PdfWriter],
) -> int:
    """Write the report of the campaign named in `args`; 0 when written, 1 with a reason."""
    destination = Path(args.file).expanduser().resolve()
    suffix = destination.suffix.lower()
    if suffix not in FORMATS:
        return _fail(
            f"infcrm writes a campaign report to .xlsx (Excel) or .pdf files; "
            f"“{destination.name}” is neither. End the name with .xlsx or .pdf."
        )
    problem = destination_problem(
        destination, paths.database_path(getattr(args, "db", None)), "report from"
    )
    if problem:
        return _fail(problem)
    db = open_db(args)
    try:
        found = _find_campaign(db, args.campaign)
        if isinstance(found, str):
            return _fail(found)
        report = campaign_report(db, found, date.today())
        try:
            write_report(report, destination, db.path, pdf() if suffix == ".pdf" else None)
        except ExportError as exc:
            return _fail(str(exc))
    finally:
        db.close()
    people = len(report.rows)
    print(
        f"Wrote the report of “{report.name}” ({people} influencer{'s' if people != 1 else ''}) "
        f"to {destination}"
    )
    return EXIT_OK


__all__ = ["FORMATS", "PdfWriter", "run", "write_report"]
