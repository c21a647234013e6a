"""Start-up probe for the benchmark: prints the seconds from interpreter start to first paint,
and the CPU seconds the process used until then.

Run as a fresh process: `python startup_probe.py --db FILE` for infcrm's main window, or
`python startup_probe.py --bare` for a bare PySide6 window (the baseline). `--plain` opens the
main window without the look (stylesheet, palette, icons) so the difference is what it costs.
"""

from __future__ import annotations

import os
import sys
import time

START = time.perf_counter()
WINDOW = [0.0]  # CPU time when the application is made
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    bare = "--bare" in sys.argv
    if bare:
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 800)
    else:
        from pathlib import Path

        from infcrm.app import make_application, new_window, open_storage

        if "--plain" in sys.argv:
            from PySide6.QtGui import QIcon

            from infcrm.ui import icons, theme

            theme.install = lambda *_args, **_kwargs: None
            icons.icon = lambda *_args, **_kwargs: QIcon()
            icons.network_icon = lambda *_args, **_kwargs: QIcon()
        db = open_storage(Path(sys.argv[sys.argv.index("--db") + 1]))
        WINDOW[0] = time.thread_time()
        app = make_application()
        window = new_window(db)  # as the app builds it
        window.resize(1280, 800)

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                # Wall time, this process's CPU time (steadier on a busy machine), and the CPU
                # time from the application's making to the painted window (imports and
                # opening the file left out: where the look's cost shows, with less noise).
                cpu = time.process_time()
                wall = time.perf_counter() - START
                print(f"{wall:.4f} {cpu:.4f} {time.thread_time() - WINDOW[0]:.4f}", flush=True)
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
