"""Python's cycle collector paused while a big file is read, planned and written.

An import makes a few objects per cell and frees them by reference counting; the collector
would scan the whole growing heap again and again to find almost nothing: reading a
100,000-row .csv (`import_source.read_source`) took 0.52–0.53 s of CPU with it running,
0.28–0.30 s paused (four runs each). Pauses nest: only the outermost one switches the
collector back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused inside, as it was after.

    (The app switches automatic collection off anyway and collects on its GUI thread: there
    this changes nothing.)
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


__all__ = ["collector_paused"]
