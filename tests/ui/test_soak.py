"""A long session of random user actions with faulthandler on: the window must survive it.

Run with `./test.sh -m slow tests/ui/test_soak.py`; SOAK_SECONDS sets how long (default 180).
"""

from __future__ import annotations

import faulthandler
import os
import random
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from infcrm.db.engine import Database
from infcrm.demo import generate as demo
from infcrm.ui.main_window import SCREENS, MainWindow

SCREEN_KEYS = [key for key, _label, _purpose in SCREENS]
WORDS = ["lena", "@lena.bakes", "akes", "yoga", "berlin", "", "zzzz", "food", "a"]


def _export(window: MainWindow, tmp: Path, step: int) -> None:
    """File › Export's job, as the dialog runs it: the current list, in the background."""
    from infcrm.files.xlsx_export import export_xlsx
    from infcrm.ui.workers import Cancelled, run_with_progress

    query = window.influencers_view().current_query()
    target = tmp / f"soak-{step}.xlsx"
    try:
        run_with_progress(
            window, "Exporting", lambda p: export_xlsx(window.db, target, query, None, p)
        )
    except Cancelled:  # Esc on the progress dialog: nothing may be left behind
        assert not target.exists()
    else:
        assert target.exists()


def _import_then_undo(window: MainWindow, tmp: Path, step: int, undo: bool) -> None:
    """File › Import's job in the background, then (sometimes) Edit › Undo last import."""
    from infcrm.files.import_apply import import_file
    from infcrm.services.exchange import import_history
    from infcrm.ui.events import events
    from infcrm.ui.workers import Cancelled, run_with_progress

    source = tmp / f"people-{step}.csv"
    source.write_text(
        "Name,Instagram,Followers\n"
        + "".join(f"Soak {step}-{n},soak_{step}_{n},{1000 + n}\n" for n in range(20)),
        encoding="utf-8",
    )
    try:
        run_with_progress(window, "Importing", lambda p: import_file(window.db, source, progress=p))
    except Cancelled:
        return
    events.influencers_changed.emit([])
    if undo:

        def undo_job(_progress: object) -> object:
            try:
                return import_history.undo_last_import(window.db)
            except import_history.EditedSinceImport:  # the soak trashed one of them since
                return import_history.undo_last_import(window.db, keep_edited=True)

        run_with_progress(window, "Undoing", undo_job)
        events.influencers_changed.emit([])


def _actions(window: MainWindow, tmp: Path, rng: random.Random):
    influencers = window.influencers_view()

    def search() -> None:
        window.show_view("influencers")
        influencers.search.setText(rng.choice(WORDS))

    def clear_then_dashboard() -> None:  # the crash the user saw
        window.show_view("influencers")
        influencers.search.clear()
        window.show_view("dashboard")

    def switch() -> None:
        window.show_view(rng.choice(SCREEN_KEYS))

    def trash_and_undo() -> None:
        window.show_view("influencers")
        if influencers.model.rowCount():
            influencers.table.selectRow(rng.randrange(influencers.model.rowCount()))
            influencers.trash_selected()
            if rng.random() < 0.7:
                window.undo_stack.undo()

    def log_and_escape() -> None:  # a dialog opened and dismissed with Esc by the presser
        window.show_view(rng.choice(["influencers", "pipeline", "followups"]))
        window._on_log_interaction()

    def export() -> None:
        _export(window, tmp, rng.randrange(10_000))

    def import_and_undo() -> None:
        _import_then_undo(window, tmp, rng.randrange(10_000), rng.random() < 0.6)

    return [
        search,
        search,
        clear_then_dashboard,
        switch,
        switch,
        trash_and_undo,
        log_and_escape,
        export,
    ]


@pytest.mark.slow
def test_a_long_session_of_random_actions_does_not_crash(
    qtbot, open_window, db: Database, tmp_path: Path, esc_user
) -> None:
    faulthandler.enable(file=sys.stderr, all_threads=True)
    demo.populate(db, influencers=300, seed=11)
    window = open_window(db, view=None)
    rng = random.Random(int(os.environ.get("SOAK_SEED", "1")))
    actions = _actions(window, tmp_path, rng)
    deadline = time.monotonic() + float(os.environ.get("SOAK_SECONDS", "180"))
    steps = 0
    while time.monotonic() < deadline:
        rng.choice(actions)()
        for _ in range(rng.randrange(1, 4)):
            QApplication.processEvents()
        if rng.random() < 0.2:
            qtbot.wait(rng.randrange(5, 60))
        steps += 1
        assert esc_user.errors.seen == [], f"after {steps} steps"
    qtbot.waitUntil(lambda: not window.current_view().is_loading(), timeout=10_000)
    assert steps > 100
    assert esc_user.errors.seen == []
