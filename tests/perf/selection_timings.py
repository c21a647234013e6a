"""A new sort with someone selected far down the list: how long until the list is repainted
with them still selected, and how much of it the window's own thread spends (while it works,
the window answers nothing).

    python tests/perf/selection_timings.py --db FILE [--rounds 7]

FILE is a database `tests/perf/bench.py --db FILE` built (100,000 people). The person at the
middle of the list by name is selected, then the list is sorted by followers and back by
name, each time waiting for the answer and repainting, as a user sees it. Printed: medians of
the wall time, of the window thread's CPU time and of every thread's CPU time, and, for
comparison, the same sorts with no one selected.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QTableView

from infcrm.app import make_application
from infcrm.db.engine import open_database
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.main_window import MainWindow

BY_NAME = ListQuery()
BY_FOLLOWERS = ListQuery(sort="followers", descending=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    app = make_application()
    window = MainWindow(open_database(args.db))
    window.resize(1280, 800)
    window.show_view("influencers")
    window.show()
    app.processEvents()
    view: QTableView = window.views["influencers"].findChild(QTableView)
    model = view.model()

    def settle(query: ListQuery) -> None:
        model.set_query(query)
        while model.loading:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        view.viewport().repaint()

    def timed(query: ListQuery) -> tuple[float, float, float]:
        wall, gui, cpu = time.perf_counter(), time.thread_time(), time.process_time()
        settle(query)
        return (
            time.perf_counter() - wall,
            time.thread_time() - gui,
            time.process_time() - cpu,
        )

    def finish() -> None:
        # Every id of the answer on show, so each round starts from the same state.
        while not model.complete:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        app.processEvents()

    settle(BY_NAME)
    finish()
    chosen = model.id_at(model.rowCount() // 2)
    for selected in (True, False):
        times: list[tuple[float, float, float]] = []
        for _ in range(args.rounds):
            for query in (BY_FOLLOWERS, BY_NAME):
                if selected:
                    view.select_ids([chosen], chosen)
                else:
                    view.clearSelection()
                finish()
                times.append(timed(query))
                if selected and view.selected_ids() != [chosen]:
                    raise SystemExit("the selection was lost")
        wall, gui, cpu = (statistics.median(t[i] for t in times) * 1000 for i in range(3))
        label = "someone far down selected" if selected else "no one selected"
        print(
            f"sort → repainted, {label:<26} wall {wall:6.1f} ms | "
            f"window thread CPU {gui:6.1f} ms | all threads CPU {cpu:6.1f} ms",
            flush=True,
        )
    window.close()


if __name__ == "__main__":
    main()
