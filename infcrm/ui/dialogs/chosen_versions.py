"""The chosen people's versions, read in the background while the bulk edit dialog is open.

A bulk edit names the people changed elsewhere between choosing them and applying the change
(bulk.versions_of, docs/ARCHITECTURE.md). At 100,000 people that read takes tens of ms and
grows with the selection, so it runs on a loader's thread as the dialog opens, never on the
window's; Apply waits for it only in the rare case it has not answered yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from PySide6.QtCore import QEventLoop, QObject

from infcrm.db.engine import Database
from infcrm.services.people import bulk
from infcrm.ui.models.latest_loader import LatestLoader


class ChosenVersions(QObject):
    """Starts reading each chosen person's version at once; `seen()` answers them."""

    def __init__(self, db: Database, ids: Sequence[int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seen: Mapping[int, int] | None = None
        self.loader = LatestLoader("bulk edit versions", self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.request(partial(bulk.versions_of, db, list(ids)))

    def _on_loaded(self, _serial: int, result: object, _error: str) -> None:
        # A failed read leaves None: the edit is made, only without naming anyone.
        self._seen = result  # type: ignore[assignment]

    def seen(self) -> Mapping[int, int] | None:
        """The versions as read when the people were chosen (waits, events running, if the
        read has not answered yet)."""
        if self.loader.waiting:
            loop = QEventLoop()
            self.loader.loaded.connect(loop.quit)
            loop.exec()
        return self._seen


__all__ = ["ChosenVersions"]
