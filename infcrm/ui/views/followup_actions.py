"""What can be done on the Follow-ups screen: the selected follow-ups marked done, reopened or
snoozed (one undo step each time), their influencer opened, an interaction logged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QModelIndex, Qt

from infcrm.services.changes import Changes
from infcrm.services.outreach import followups
from infcrm.services.restore_points import RestorePoint
from infcrm.ui import operations, undo_commands
from infcrm.ui.dialogs.day_picker import pick_day
from infcrm.ui.events import events

# What a follow-up change tells the other screens (the undo stack replays it too).
_follow_ups_changed = partial(operations.announce, Changes(follow_ups=True))


class FollowUpActions:
    """The Follow-ups screen's actions (a FollowUpsView part: it holds _db, _clock, table,
    model, message, done_button, snooze_button, open_button, current_section, today and
    reload)."""

    def selected_ids(self) -> list[int]:
        """The follow-ups selected, top to bottom."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r.id for r in (self.model.row_data(row) for row in rows) if r is not None]

    def select_follow_up(self, follow_up_id: int) -> bool:
        """Select one follow-up in the section on show; False if it is not listed there."""
        row = self.model.row_of(follow_up_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def selected_influencer_id(self) -> int | None:
        """The influencer of the current row (for Log interaction…)."""
        index = self.table.currentIndex()
        row = self.model.row_data(index.row()) if index.isValid() else None
        return row.influencer_id if row else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        done_section = self.current_section() == "done_recent"
        self.done_button.setText("Reopen" if done_section else "Mark done")
        self.done_button.setToolTip(
            "Put the selected follow-ups back on the list (Space)"
            if done_section
            else "Tick off the selected follow-ups (Space)"
        )
        self.done_button.setEnabled(chosen)
        self.snooze_button.setEnabled(chosen and not done_section)
        self.open_button.setEnabled(chosen)

    def _on_space(self) -> None:
        if self.current_section() == "done_recent":
            self.reopen_selected()
        else:
            self.mark_done_selected()

    def _first_selected_row(self) -> int:
        rows = [i.row() for i in self.table.selectionModel().selectedRows()]
        return min(rows) if rows else 0

    def _apply(self, action: Callable[[int], RestorePoint], said: str) -> None:
        """Run `action` on each selected follow-up as one undo step, then refresh every screen
        that shows them."""
        ids = self.selected_ids()
        if not ids:
            self.message.setText("Select a follow-up first.")
            return
        keep = self._first_selected_row()
        points: list[RestorePoint] = []
        count = f"{len(ids)} follow-ups" if len(ids) > 1 else "Follow-up"

        def each() -> None:
            for follow_up_id in ids:
                points.append(action(follow_up_id))

        # A refusal, a follow-up gone meanwhile or a full disk is said in one place.
        if operations.run(self, "Follow-ups", each, general=self.message.setText).ok:
            self.message.setText(f"{count} {said}. Undo: Ctrl+Z.")
        if points:
            # Those done before a refusal stay done, and Undo takes them back.
            undo_commands.push(
                undo_commands.ChangeCommand(
                    self._db, f"{count.lower()} {said}", points, _follow_ups_changed
                )
            )
        else:
            _follow_ups_changed()
        # Read again now (making the background read the signal asked for moot), so the next
        # Space finds the rows that took their place.
        self.reload()
        if self.model.rowCount():
            # The row that took their place is selected, ready for the next Space.
            self.table.selectRow(min(keep, self.model.rowCount() - 1))

    def mark_done_selected(self) -> None:
        """Tick off the selected follow-ups (Space)."""
        now = self._clock()
        self._apply(lambda i: followups.mark_done(self._db, i, now=now), "marked done")

    def reopen_selected(self) -> None:
        """Put the selected done follow-ups back on the list."""
        self._apply(lambda i: followups.reopen(self._db, i), "reopened")

    def snooze_selected(self, days: int) -> None:
        """Move the selected follow-ups `days` after today (or after their due date if later)."""
        today = self.today()

        def move(follow_up_id: int) -> RestorePoint:
            # From the due date as saved now: a teammate may have moved it since.
            return followups.snooze_for(self._db, follow_up_id, days, today=today)

        self._apply(move, f"snoozed {'a day' if days == 1 else f'{days} days'}")

    def snooze_to(self, day: date) -> None:
        """Move the selected follow-ups to `day`."""
        self._apply(
            lambda i: followups.snooze(self._db, i, day),
            f"snoozed to {day:%a} {day.day} {day:%b}",
        )

    def _on_snooze_to_date(self) -> None:
        day = self.ask_date()
        if day is not None:
            self.snooze_to(day)

    def ask_date(self) -> date | None:
        """Let the user pick the day to snooze to (None: cancelled)."""
        return pick_day(self, "Snooze until", self.today(), self.today() + timedelta(days=1))

    def open_selected(self) -> None:
        """Show the current row's influencer on the Influencers screen (Enter)."""
        influencer_id = self.selected_influencer_id()
        if influencer_id is not None:
            events.open_influencer.emit(influencer_id)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_data(index.row()) if index.isValid() else None
        if row is not None:
            events.open_influencer.emit(row.influencer_id)

    def log_interaction(self) -> None:
        """Open the log dialog for the current row's influencer, or with a person picker."""
        from infcrm.ui.dialogs.log_interaction_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(self._db, self.selected_influencer_id(), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "log_dialog", None))
        self.log_dialog = dialog
        dialog.open()


__all__ = ["FollowUpActions"]
