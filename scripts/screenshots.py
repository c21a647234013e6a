"""Render every screen and the main dialogs, light and dark, at the sizes people use.

    .venv/bin/python scripts/screenshots.py                   # everything, into docs/screenshots/
    .venv/bin/python scripts/screenshots.py --set readme      # the set kept in the repository
    .venv/bin/python scripts/screenshots.py --out /tmp/shots --db demo.sqlite

Screens are shown at 1024×640, 1280×800 and 1920×1080 and dialogs at their own size, each in
both themes; a second pass at 200 % (QT_SCALE_FACTOR=2) shows them on a high-density screen.
Without --db a demo database is made in a temporary folder. A last pass shows the screens'
empty states and the dialogs as a new user meets them, on an empty database. Files are named
[empty-]VIEW-THEME-WxH[@2x].png.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREENS = ("dashboard", "influencers", "pipeline", "followups", "campaigns")
SIZES = ((1024, 640), (1280, 800), (1920, 1080))
THEMES = ("light", "dark")
DIALOGS = ("influencer", "log-interaction", "campaign", "deal", "settings", "export", "import")

# What the repository keeps (the README shows some): every screen and dialog at 1280×800 in
# both themes, every screen at 1024×640 dark and at 200 %, the two busiest screens at every
# size, and the empty database's screens and dialogs in dark.
BUSIEST = ("dashboard", "influencers")
README_SET = (
    {(s, t, (1280, 800), 1) for s in (*SCREENS, *DIALOGS) for t in THEMES}
    | {(s, t, size, 1) for s in BUSIEST for t in THEMES for size in SIZES}
    | {(s, "dark", (1024, 640), 1) for s in SCREENS}
    | {(s, "light", (1280, 800), 2) for s in SCREENS}
    | {("influencers", "dark", (1280, 800), 2)}
    | {(f"empty-{s}", "dark", (1280, 800), 1) for s in (*SCREENS, *DIALOGS)}
)


def wanted(which: str, name: str, theme: str, size: tuple[int, int], scale: int) -> bool:
    return which == "all" or (name, theme, size, scale) in README_SET


def file_name(name: str, theme: str, size: tuple[int, int], scale: int) -> str:
    return f"{name}-{theme}-{size[0]}x{size[1]}{'@2x' if scale == 2 else ''}.png"


def settle(app) -> None:
    """Let layouts pass size changes up to their parents before the grab."""
    for _ in range(8):
        app.sendPostedEvents()
        app.processEvents()


def save(widget, target: Path) -> None:
    """Grab `widget` into a compact PNG (zlib's strongest level)."""
    image = widget.grab().toImage()
    if not image.save(str(target), "PNG", 0):
        raise OSError(f"Could not write {target}")
    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target, flush=True)


def dialog_builders(db, window) -> dict[str, Callable[[], object]]:
    """Each main dialog filled as a user would find it (on an empty database: new ones)."""
    from sqlalchemy import text

    def first(sql: str) -> int | None:
        with db.engine.connect() as connection:
            return connection.execute(text(sql)).scalar()

    person = first(
        "SELECT influencer_id FROM social_account GROUP BY influencer_id "
        "HAVING count(*) > 1 ORDER BY influencer_id LIMIT 1"
    )
    deal = first("SELECT id FROM deal ORDER BY id LIMIT 1")
    campaign = first("SELECT campaign_id FROM deal ORDER BY id LIMIT 1")

    def influencer():
        from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog

        return InfluencerDialog(db, person, window)

    def log_interaction():
        from infcrm.ui.dialogs.log_interaction_dialog import LogInteractionDialog

        return LogInteractionDialog(db, person, window)

    def campaign_dialog():
        from infcrm.ui.dialogs.campaign_dialog import CampaignDialog

        return CampaignDialog(db, campaign, window)

    def deal_dialog():
        from infcrm.ui.dialogs.deal_dialog import DealDialog

        return DealDialog(db, deal, window)

    def settings():
        from infcrm.ui.dialogs.settings_dialog import SettingsDialog

        return SettingsDialog(db, window)

    def export():
        from infcrm.ui.dialogs.export_dialog import ExportDialog

        return ExportDialog(db, parent=window)

    def import_wizard():
        from infcrm.ui.dialogs.import_wizard import ImportWizard

        return ImportWizard(db, window)

    builders = {
        "influencer": influencer,
        "log-interaction": log_interaction,
        "campaign": campaign_dialog,
        "deal": deal_dialog,
        "settings": settings,
        "export": export,
        "import": import_wizard,
    }
    if deal is None:  # a deal belongs to a campaign and a person: none on an empty database
        del builders["deal"]
    return builders


def render(db_path: Path, out: Path, which: str, scale: int, prefix: str = "") -> None:
    """Render this process's share (one scale factor) of the pictures; `prefix` names them."""
    from infcrm.app import AppSession, _wait_for_screen, make_application
    from infcrm.ui import theme

    app = make_application(theme="light")
    session = AppSession(interactive=False)
    if not session.open(db_path):
        raise SystemExit(f"Cannot open {db_path}")
    window = session.window
    dialogs = dialog_builders(window.db, window)
    try:
        for look in THEMES:
            theme.install(app, forced=look)
            for size in SIZES:
                names = [s for s in SCREENS if wanted(which, prefix + s, look, size, scale)]
                if not names:
                    continue
                window.resize(*size)
                window.show()
                for name in names:
                    window.show_view(name)
                    _wait_for_screen(window)
                    save(window, out / file_name(prefix + name, look, size, scale))
            for name, build in dialogs.items():
                if not wanted(which, prefix + name, look, (1280, 800), scale):
                    continue
                dialog = build()
                dialog.show()
                settle(app)
                save(dialog, out / file_name(prefix + name, look, (1280, 800), scale))
                if hasattr(dialog, "mark_clean"):
                    dialog.mark_clean()  # nothing was edited: close without asking
                dialog.close()
                dialog.deleteLater()
                settle(app)
    finally:
        session.close()


# Who the demo's changes are signed by ("· by Ana Souza" in the Dashboard's recent activity):
# a teammate's name, not the login name of the computer that draws the pictures.
DEMO_AUTHOR = "Ana Souza"


def make_demo(folder: Path) -> Path:
    target = folder / "demo.sqlite"
    subprocess.run(
        [sys.executable, "-m", "infcrm", "demo", "--db", str(target)],
        check=True,
        cwd=ROOT,
        env={**os.environ, "INFCRM_USER": DEMO_AUTHOR},
    )
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to show (default: a fresh demo)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--set", choices=("all", "readme"), default="all", dest="which")
    parser.add_argument("--scale", type=int, choices=(1, 2), help=argparse.SUPPRESS)
    parser.add_argument("--prefix", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.scale is not None:  # one pass, in a process of its own scale factor
        render(args.db, args.out, args.which, args.scale, args.prefix)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or make_demo(Path(scratch))
        empty = Path(scratch) / "empty.sqlite"  # made by opening it, as a new user's file is
        for scale, shown, prefix in ((1, db, ""), (2, db, ""), (1, empty, "empty-")):
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": str(scale)}
            # Fresh window settings: columns and panel widths saved on this computer would
            # otherwise show in the pictures.
            env["XDG_CONFIG_HOME"] = str(Path(scratch) / f"config-{prefix}{scale}")
            command = [sys.executable, __file__, "--db", str(shown), "--out", str(args.out)]
            command += ["--set", args.which, "--scale", str(scale), "--prefix", prefix]
            subprocess.run(command, check=True, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
