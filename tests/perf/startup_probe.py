"""Start-up probe for the benchmark: prints the seconds from interpreter start to first paint.

Run as a fresh process: `python startup_probe.py --db FILE` for infcrm's main window, or
`python startup_probe.py --bare` for a bare PySide6 window (the baseline). `--plain` opens the
main window without the theme (stylesheet, palette) so the difference is what the look costs.
"""

from __future__ import annotations

import os
import sys
import time

START = time.perf_counter()
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

        from infcrm.app import make_application, open_storage

        if "--plain" in sys.argv:
            from infcrm.ui import theme

            theme.install = lambda *_args, **_kwargs: None
        app = make_application()
        db = open_storage(Path(sys.argv[sys.argv.index("--db") + 1]))
        from infcrm.ui.main_window import MainWindow

        window = MainWindow(db)
        window.resize(1280, 800)

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                print(f"{time.perf_counter() - START:.4f}", flush=True)
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
