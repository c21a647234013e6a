"""Start-up probe for the benchmark: prints the seconds from interpreter start to first paint,
the CPU seconds the process used until then, and the CPU seconds infcrm's own work took.

Run as a fresh process: `python startup_probe.py --db FILE` for infcrm's main window, or
`python startup_probe.py --bare` for a bare PySide6 window (the baseline). `--plain` opens the
same main window without the look: no stylesheet, no palette, no Fusion, no icons.

The third figure is the CPU time of this thread from just before infcrm's modules are
imported to the painted window, less the time spent opening the database file: infcrm's
imports, the application, the window and its first paint. In both runs the theme and icon
modules are imported inside that clock (the plain run only replaces what they do once they
are loaded), so `ours - plain` is what the look costs, imports included.
"""

from __future__ import annotations

import os
import sys
import time

START = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _without_the_look() -> None:
    """Load the theme and icon modules (inside the clock, as the app does) and make them
    do nothing: the window keeps Qt's default style and palette and shows no icons."""
    from PySide6.QtGui import QIcon

    from infcrm.ui import icons, theme

    theme.install = lambda *_args, **_kwargs: None
    icons.icon = lambda *_args, **_kwargs: QIcon()
    icons.network_icon = lambda *_args, **_kwargs: QIcon()


def main() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    clock = time.thread_time()
    opening = 0.0
    if "--bare" in sys.argv:
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 800)
    else:
        from pathlib import Path

        from infcrm.app import make_application, new_window, open_storage

        if "--plain" in sys.argv:
            _without_the_look()
        opened = time.thread_time()
        db = open_storage(Path(sys.argv[sys.argv.index("--db") + 1]))
        opening = time.thread_time() - opened  # the same in both runs: left out as noise
        app = make_application()
        window = new_window(db)  # as the app builds it
        window.resize(1280, 800)

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                # Wall time, this process's CPU time (steadier on a busy machine), and the CPU
                # time of infcrm's own work up to the painted window (see the docstring).
                cpu = time.process_time()
                wall = time.perf_counter() - START
                own = time.thread_time() - clock - opening
                print(f"{wall:.4f} {cpu:.4f} {own:.4f}", flush=True)
                QTimer.singleShot(0, app.quit)
                self.deleteLater()
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(10_000, app.quit)
    app.exec()


if __name__ == "__main__":
    main()
