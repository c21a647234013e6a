"""Command line: parse the arguments, then run a headless command or start the app.

Headless commands never import Qt, so they run on servers and in scripts. Exit codes:
0 done, 1 the input was rejected (the message says why), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from infcrm import __version__

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
AS_HELP = "the name your changes are signed with (default: INFCRM_USER, else your own)"
SUPPRESS = argparse.SUPPRESS
VIEWS = ("dashboard", "influencers", "pipeline", "followups", "campaigns", "trash")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a size; write it like 1280x800"
        ) from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    """The whole command-line contract (DESIGN.md §5)."""
    db_help = (
        "the database file, or a team's server: postgresql://USER@SERVER/DATABASE "
        "(default: INFCRM_DB, else infcrm.sqlite in your data folder)"
    )
    parser = argparse.ArgumentParser(
        prog="infcrm", description="infcrm — a desktop CRM for influencer relationships."
    )
    parser.add_argument("--version", action="version", version=f"infcrm {__version__}")
    parser.add_argument("--db", metavar="PATH", help=db_help)
    parser.add_argument("--as", dest="as_name", metavar="NAME", help=AS_HELP)
    parser.add_argument("--screenshot", metavar="FILE.png", help="render a view to a PNG and exit")
    parser.add_argument(
        "--view", choices=VIEWS, help="view to show (default: the Dashboard once there are people)"
    )
    parser.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH")
    parser.add_argument(
        "--theme",
        choices=("light", "dark"),
        help="show infcrm light or dark (default: as chosen in Settings, else the system's)",
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add infcrm to your applications menu, with its icon (Linux), and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        # SUPPRESS keeps a --db given before the command from being overwritten by None.
        p.add_argument("--db", metavar="PATH", help=db_help, default=argparse.SUPPRESS)
        p.add_argument("--as", dest="as_name", metavar="NAME", help=AS_HELP, default=SUPPRESS)
        return p

    demo = command("demo", "create a demo database that shows every feature")
    demo.add_argument("--influencers", type=int, default=300, help="how many (default 300)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")

    imp = command(
        "import",
        "import influencers from a spreadsheet (.xlsx, .xlsm, .xls, .ods, .csv, .tsv, .txt); "
        "infcrm's full export restores everything it holds into an empty database, and a "
        "team's server backup (.dump, from infcrm backup) restores that server",
    )
    imp.add_argument("file", nargs="?", help="the file to import")
    imp.add_argument("--fields", action="store_true", help="list the fields --map accepts")
    imp.add_argument("--platform", help="platform of every row when the file has no column")
    imp.add_argument("--sheet", help="the sheet to read (default: the first)")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="import a column as a field, by the field's label or key (see --fields)",
    )
    imp.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "create"),
        default="skip",
        help="a row naming someone already in infcrm: skip: keep what infcrm has (default); "
        "update: update them with the file's values; create: add them as new people anyway "
        "(only when the email matches)",
    )
    imp.add_argument("--dry-run", action="store_true", help="say what would happen, write nothing")
    imp.add_argument(
        "--strict", action="store_true", help="import nothing if any row or cell has a problem"
    )

    orders = command("orders", "import a shop's order export (Shopify, WooCommerce, Etsy)")
    orders.add_argument("file")
    orders.add_argument(
        "--dry-run", action="store_true", help="say what would happen, write nothing"
    )
    for writer in (imp, orders):
        writer.add_argument(
            "--old-copy",
            action="store_true",
            help="write to this file although it was moved to the team's server",
        )

    exp = command("export", "export influencers to an .xlsx or .csv file")
    exp.add_argument("file")
    exp.add_argument("--search", default="", metavar="TEXT")
    exp.add_argument("--stage", metavar="S")
    exp.add_argument("--tier", metavar="T")
    exp.add_argument(
        "--view",
        dest="saved_view",
        metavar="NAME",
        help="export the people a saved view shows, with its columns",
    )
    exp.add_argument("--all-sheets", action="store_true")

    rep = command("report", "write a campaign's report to an .xlsx or .pdf file")
    rep.add_argument("campaign", help="the campaign's name, in quotes when it has spaces")
    rep.add_argument("file", help="FILE.xlsx or FILE.pdf")

    backup = command("backup", "copy the database to a safe place")
    backup.add_argument("dest", nargs="?", help="file or folder (default: the backups folder)")

    check = command("check", "check the database's health and print what it holds")
    check.add_argument(
        "--repair",
        action="store_true",
        help="on a server's database: put right what the check finds there (the search "
        "index, triggers, ids behind their rows, unusable indexes), then check again",
    )
    command("duplicates", "list people who look like one person, in groups, with the reason")
    from infcrm.cli_team import add_commands as add_team_commands

    add_team_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run infcrm with `argv` (default: sys.argv) and return the exit code."""
    args = build_parser().parse_args(argv)
    if args.install_desktop_entry:
        from infcrm.ui.desktop_entry import install_for_user  # draws the icon with Qt

        code, message = install_for_user()
        print(message, file=sys.stdout if code == EXIT_OK else sys.stderr)
        return code
    from infcrm.db.authors import signing_as

    with signing_as(args.as_name):  # --as NAME: who the changes are signed by
        if args.command is None:
            from infcrm.app import run_app  # Qt is imported only here

            return run_app(args)
        from infcrm import cli

        return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
