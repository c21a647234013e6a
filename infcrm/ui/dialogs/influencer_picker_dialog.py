"""Choose several influencers by searching: for adding people to a campaign from its screen.

People chosen in one search stay chosen through the next, so a campaign's twenty people can be
picked one name at a time; the note under the list names those the current search hides."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.models.influencer_columns import DO_NOT_CONTACT_TIP, do_not_contact_icon
from infcrm.ui.widgets.keyboard import down_enters_results

SHOWN = 200  # enough to pick from; the search narrows a list of 100,000 down
DEBOUNCE_MS = 150


class InfluencerPickerDialog(QDialog):
    """A search box over the influencer list; select any number of the people it finds."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # Everyone chosen so far, in the order chosen, with the name shown for them.
        self._chosen: dict[int, str] = {}
        self._found = ""  # what the search found, the first line of the hint
        self.setWindowTitle("Add influencers")
        self.setMinimumSize(480, 480)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, handles, emails, niches, tags…")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName("Influencers found")
        layout.addWidget(self.list, 1)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("Add selected")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        # Enter takes the first person found when none is chosen; the default button adds.
        self.search.returnPressed.connect(self._on_enter)
        self.list.itemActivated.connect(lambda _item: self.accept())
        down_enters_results(self.search, self.list)
        self.list.itemSelectionChanged.connect(self._on_selection)
        self.run_search()
        self._on_selection()

    def run_search(self) -> None:
        """Show the first people matching the search."""
        ids = influencer_list.list_ids(self.db, ListQuery(search=self.search.text().strip()))
        shown = ids[:SHOWN]
        rows = influencer_list.rows(self.db, shown)
        # Rebuilding the list is not the user taking their picks back.
        self.list.blockSignals(True)
        self.list.clear()
        for influencer_id in shown:
            row = rows.get(influencer_id)
            if row is None:
                continue
            account = f"  ·  {row.handle} ({Platform(row.platform).label})" if row.handle else ""
            item = QListWidgetItem(f"{row.display_name}{account}")
            if row.do_not_contact:
                item.setText(f"{item.text()}  ·  Do not contact")
                item.setIcon(do_not_contact_icon())
                item.setToolTip(DO_NOT_CONTACT_TIP)
            item.setData(Qt.ItemDataRole.UserRole, influencer_id)
            self.list.addItem(item)
            item.setSelected(influencer_id in self._chosen)
        self.list.blockSignals(False)
        more = len(ids) - len(shown)
        self._found = (
            f"{len(ids):,} found; the first {SHOWN} are shown — type to narrow the list."
            if more > 0
            else "Select several with Ctrl or Shift; search again to add more."
            if ids
            else "Nobody matches that search."
        )
        self._on_selection()

    def _on_enter(self) -> None:
        if self._timer.isActive():  # typed faster than the search ran: search first
            self._timer.stop()
            self.run_search()
        if not self.list.selectedItems() and self.list.count():
            self.list.setCurrentRow(0)
            self.list.item(0).setSelected(True)

    def _on_selection(self) -> None:
        shown: set[int] = set()
        for row in range(self.list.count()):
            item = self.list.item(row)
            influencer_id = int(item.data(Qt.ItemDataRole.UserRole))
            shown.add(influencer_id)
            if item.isSelected():
                self._chosen.setdefault(influencer_id, item.text().split("  ·  ")[0])
            else:
                self._chosen.pop(influencer_id, None)
        count = len(self._chosen)
        self.add_button.setEnabled(count > 0)
        self.add_button.setText(f"Add {count:,} selected" if count else "Add selected")
        hidden = [name for i, name in self._chosen.items() if i not in shown]
        note = ""
        if hidden:
            names = ", ".join(hidden[:5]) + (
                f" and {len(hidden) - 5:,} more" if len(hidden) > 5 else ""
            )
            note = f"\nAlso chosen, from earlier searches: {names}."
        self.hint.setText(self._found + note)

    def chosen_ids(self) -> list[int]:
        """The chosen people, in the order they were chosen (across searches)."""
        return list(self._chosen)

    @classmethod
    def choose(cls, db: Database, parent: QWidget | None = None) -> list[int]:
        """Show the dialog; the chosen ids, or [] when cancelled."""
        dialog = cls(db, parent)
        return dialog.chosen_ids() if dialog.exec() else []
