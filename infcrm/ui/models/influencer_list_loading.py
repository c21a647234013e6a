"""Reading the ids of the influencer list's query: all at once, or (in the background) the
first screenfuls with the count, the rest a moment later unless the query changes first."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from infcrm.services.maintenance import settings
from infcrm.services.people import influencer_list, list_places
from infcrm.services.people.influencer_types import ListQuery, ListStart

# A screenful is about 25 rows: a block of 50 is read in a few ms at 100k (the first paint
# after every new query and a scrollbar jump wait for one or two of them).
BLOCK_SIZE = 50
# A new search, filter or sort first reads this many ids (a few screenfuls, whole blocks) and
# the count; every other id follows a moment later, unless the query changes again first.
FIRST_ROWS = 6 * BLOCK_SIZE
REST_DELAY_MS = 150  # typing pauses this long before the rest of the ids is read


class InfluencerListLoading:
    """The ids on show and how they arrive (an InfluencerTableModel part: it holds the
    query, the ids, the rows placed around the selection, the loaders and the signals)."""

    def _load(self, *, keep_place: bool) -> None:
        query = self._query
        if self._loader is None:
            self._apply(query, influencer_list.list_ids(self._db, query), keep_place)
            return
        self._keep_place_pending = keep_place
        self._stop_rest()
        db = self._db
        if keep_place:
            # The same query after a change: every id at once, so the rows on show (found
            # by id) keep their place wherever they are in the list.
            self._loader.request(lambda: (query, influencer_list.list_ids(db, query)))
        else:
            keep = list(self._to_place()) if self._to_place is not None else []
            near = 2 * BLOCK_SIZE  # their block and one either side: the screen around them
            self._loader.request(
                lambda: (query, list_places.list_start(db, query, FIRST_ROWS, keep, near))
            )
        self.loading_changed.emit(True)

    def _stop_rest(self) -> None:
        """Forget a pending read of the rest of the ids: the query it answers is gone."""
        if self._rest_loader is not None and self._rest_timer is not None:
            self._rest_timer.stop()
            self._rest_loader.skip_pending()

    def _load_rest(self) -> None:
        if self._rest_loader is None or self.complete or self.loading:
            return
        query, db, total = self._shown, self._db, self._total
        self._rest_loader.request(
            lambda: (query, influencer_list.list_ids(db, query, expected=total))
        )

    def _on_rest_loaded(
        self, serial: int, answer: tuple[ListQuery, list[int]] | None, error: str
    ) -> None:
        if self._rest_loader is None or serial != self._rest_loader.latest:
            return  # the query changed meanwhile
        if answer is None or answer[0] != self._shown or self.loading or self.complete:
            return  # a failure leaves the first rows on show; the next use reads them again
        self._take_all(answer[1], now=False)

    def _take_all(self, ids: list[int], *, now: bool) -> None:
        """Every id of the query on show, read after its first ones (`now`: on the spot,
        maybe while the view is busy with the rows, so no reset may happen here)."""
        if (
            len(ids) != self._total
            or ids[: len(self._ids)] != self._ids
            or any(ids[row] != i for row, i in self._placed.items() if row < len(ids))
        ):
            # Someone changed the people between the two reads: show the newer answer.
            if not now:
                self._apply(self._shown, ids, keep_place=True)
                return
            QTimer.singleShot(0, self.reload)  # as soon as the view is done with the rows
            ids = ids[: self._total]
        known = len(self._ids)
        self._ids = ids
        self._row_of = None
        if self._placed:
            self._blocks.clear()  # blocks read with only the ids around the selection
        self._places, self._placed = {}, {}
        self._blocks.pop(known // BLOCK_SIZE, None)  # a block read with only its first ids
        if known < len(ids) and self._columns:
            # Rows painted blank while their ids were on their way.
            last = self.index(len(ids) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(known, 0), last)

    def _all_ids(self) -> list[int]:
        """Every id on show, read now if they have not arrived yet."""
        if not self.complete:
            self._stop_rest()
            everyone = influencer_list.list_ids(self._db, self._shown, expected=self._total)
            self._take_all(everyone, now=True)
        return self._ids

    def _on_loaded(
        self, serial: int, answer: tuple[ListQuery, list[int] | ListStart] | None, error: str
    ) -> None:
        if self._loader is None or serial != self._loader.latest:
            return  # a newer request is on its way; this answer is stale
        if answer is None:
            self._query = self._shown
            self.loading_changed.emit(False)
            detail = (error.splitlines() or [""])[0][:200]
            self.load_failed.emit(f"The list could not be updated ({detail}).")
            return
        query, ids = answer
        if isinstance(ids, ListStart):
            self._apply(query, ids.ids, self._keep_place_pending, ids.total, ids)
        else:
            self._apply(query, ids, self._keep_place_pending)
        self.loading_changed.emit(False)
        if not self.complete and self._rest_timer is not None:
            self._rest_timer.start()

    def _apply(
        self,
        query: ListQuery,
        ids: list[int],
        keep_place: bool,
        total: int | None = None,
        start: ListStart | None = None,
    ) -> None:
        self._keep_place = keep_place
        self.beginResetModel()
        self._bands = settings.engagement_bands(self._db)
        self._shown = query
        self._ids = ids
        self._total = len(ids) if total is None else max(total, len(ids))
        self._row_of = None
        self._places = dict(start.places) if start is not None else {}
        self._placed = dict(start.near) if start is not None else {}
        self._placed.update((row, i) for i, row in self._places.items() if row is not None)
        self._blocks.clear()
        self._last_block = -1
        self.endResetModel()
        self._keep_place = False


__all__ = ["BLOCK_SIZE", "FIRST_ROWS", "REST_DELAY_MS", "InfluencerListLoading"]
