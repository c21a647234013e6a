"""The one progress and cancel protocol for long work in services/ and files/.

Long work takes a `Progress` and calls `progress.report(done, total, text)` now and then;
`report` raises `Cancelled` once the user asked to stop, and the work undoes what it had
started (a transaction rolls back, a half-written file is removed) before letting it through.
The window's progress dialog (`ui/workers.py`) implements it; the command line passes none.
"""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The user cancelled; the work stopped and left everything as it was."""


def stop_asked(progress: Progress | None) -> bool:
    """Whether the user asked `progress` to stop, without reporting anything: for work that
    cannot report while it waits (one long read). A progress that cannot say so, never."""
    return bool(getattr(progress, "cancelled", False))


class Progress(Protocol):
    """Anything with `report(done, total, text)` that raises `Cancelled` to stop the work."""

    def report(self, done: int, total: int, text: str = "") -> None:
        """Say how far the work is; raises Cancelled when the user asked to stop."""
