"""Python's cycle collector runs only on the GUI thread, so Qt objects die on their own thread.

Left alone, the collector runs in whichever thread happens to allocate when a threshold is
reached — often a background read. If the garbage it finds holds a Qt object (a closed
dialog, a menu, a lambda connected to a widget), that object's C++ destructor then runs on the
background thread and the process dies with a segmentation fault in Qt. So automatic
collection is switched off and this timer collects on the GUI thread instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class GuiGarbageCollector(QObject):
    """Collects cyclic garbage on the GUI thread when the usual thresholds are passed."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int:
        """Collect the generations whose thresholds are passed, as Python itself would."""
        counts = gc.get_count()
        if counts[0] <= self.thresholds[0]:
            return 0
        generation = 0
        if counts[1] > self.thresholds[1]:
            generation = 1
        if counts[2] > self.thresholds[2]:
            generation = 2
        return gc.collect(generation)


def install(app: QCoreApplication) -> GuiGarbageCollector:
    """Switch automatic collection off and collect on `app`'s thread (once per app)."""
    found = app.findChild(GuiGarbageCollector)
    if isinstance(found, GuiGarbageCollector):
        return found
    return GuiGarbageCollector(app)


__all__ = ["GuiGarbageCollector", "install"]
