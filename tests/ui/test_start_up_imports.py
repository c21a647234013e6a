"""The window paints before the heavy parts load, then fills in (start-up ≤ 1 s at 100,000).

Measured by `tests/perf/bench.py --only startup`; these tests keep the laziness it relies on
from silently coming back: an import added at the top of a window module would put half a
second of SQLAlchemy, or the spreadsheet writers, back in front of the first paint.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from infcrm.db.engine import Database

# Never needed to paint the first screen: the database layer (the screen's data is read once
# the window shows), the spreadsheet and report writers, and the screens not on show.
HEAVY = (
    "sqlalchemy",
    "alembic",
    "infcrm.db.models",
    "openpyxl",
    "xlsxwriter",
    "python_calamine",
    "infcrm.files.report_xlsx",
    "infcrm.files.xlsx_book",
    "infcrm.ui.campaign_report_pdf",
    "infcrm.ui.views.campaign_report_view",
    "infcrm.ui.views.influencers_view",
    "infcrm.ui.views.pipeline_view",
    "infcrm.ui.views.campaigns_view",
    "infcrm.ui.views.followups_view",
    "infcrm.ui.views.trash_view",
    "infcrm.ui.dialogs.export_dialog",
    "infcrm.ui.dialogs.import_wizard",
)

PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from infcrm.app import make_application, new_window, open_storage

HEAVY = tuple(json.loads(sys.argv[2]))
db = open_storage(Path(sys.argv[1]))
app = make_application()
window = new_window(db)
seen = {}

class FirstPaint(QObject):
    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint and "loaded" not in seen:
            seen["loaded"] = sorted(
                m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in HEAVY)
            )
            seen["screen"] = window.current_view_key()
        return False

def done():
    view = window.current_view()
    if view.is_loading() or not seen:
        return QTimer.singleShot(20, done)
    seen["badge"] = window._sidebar_items["followups"].text()
    panel = window.saved_views.panel
    seen["saved_views"] = panel.list.count() if panel.list.isVisible() else panel.hint.isVisible()
    print(json.dumps(seen))
    app.quit()

watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
QTimer.singleShot(0, done)
QTimer.singleShot(60_000, app.quit)
app.exec()
"""


def _start(db_path: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(db_path), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_first_paint_needs_no_database_layer_no_spreadsheets_and_no_other_screen(
    demo_db: Database,
) -> None:
    started = _start(demo_db.path)
    assert started["screen"] == "dashboard"  # a file with people opens on the Dashboard
    assert started["loaded"] == []


def test_after_the_first_paint_the_screen_and_the_sidebar_fill_in(demo_db: Database) -> None:
    # The demo has follow-ups due and saved views: the badge counts them and the sidebar lists
    # the views once the window is on screen.
    started = _start(demo_db.path)
    assert started["badge"].startswith("Follow-ups\n")
    assert "due" in started["badge"] or "overdue" in started["badge"]
    assert started["saved_views"] not in (0, False)


def test_the_window_modules_import_no_spreadsheet_writer_or_database_layer() -> None:
    code = (
        "import json, sys; import infcrm.app, infcrm.ui.main_window; "
        "print(json.dumps(sorted(m for m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout)
    heavy = [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert heavy == []
