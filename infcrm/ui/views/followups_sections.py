"""The Follow-ups screen's sections, what one read of them finds, and its keyboard table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHeaderView, QTableView, QWidget

from infcrm.db.engine import Database
from infcrm.domain.numbers import format_count
from infcrm.services.outreach import follow_up_lists
from infcrm.services.outreach.outreach_types import FollowUpRow
from infcrm.ui.events import events
from infcrm.ui.models.follow_up_table_model import PAGE

# (bucket, tab title, what an empty section says) in tab order.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("overdue", "Overdue", "Nothing overdue. Well done!"),
    ("today", "Today", "Nothing due today."),
    ("this_week", "This week", "Nothing else due this week."),
    ("later", "Later", "Nothing planned after this week."),
    ("done_recent", "Done", "Nothing ticked off in the last 14 days."),
)
SECTION_KEYS = tuple(key for key, _title, _empty in SECTIONS)


def section_to_open(totals: dict[str, int], current: str) -> str:
    """The section on show unless it is empty, else the first that holds follow-ups."""
    if totals[current]:
        return current
    return next((key for key in SECTION_KEYS if totals[key]), current)


SNOOZES: tuple[tuple[str, int], ...] = (("+1 day", 1), ("+3 days", 3), ("+1 week", 7))
MINE_SETTING = "followups/mine_only"


def empty_text(key: str, only_mine: bool) -> str:
    """What an empty section says; with “Mine only”, that others' may be hidden."""
    said = dict((k, e) for k, _t, e in SECTIONS)[key]
    if only_mine:
        said += " (Only yours are shown: untick “Mine only” to see everyone's.)"
    return said


def mine_only_box() -> QCheckBox:
    """“Mine only”: the follow-ups the user set and those on the people they own (see
    follow_up_lists.mine); the choice is kept for the next run."""
    box = QCheckBox("Mine only")
    box.setObjectName("mineOnly")
    box.setToolTip(
        "Only the follow-ups you set and those on the people you own "
        "(their Owner is your name: File › Your name…)"
    )
    box.setChecked(mine_only_on())
    box.toggled.connect(lambda on: QSettings().setValue(MINE_SETTING, on))
    box.toggled.connect(events.mine_only_changed.emit)  # the sidebar's count follows
    return box


def mine_only_on() -> bool:
    """Whether “Mine only” is ticked (kept for the next run)."""
    return QSettings().value(MINE_SETTING, False, type=bool)


NOTE = 3  # the note stretches: it takes what the other columns leave
# What the note keeps of a narrow table: it gives way first (its tooltip says it whole), as
# the person and the status are what a user scans the list for.
NOTE_SHARE = 0.25
ACCOUNT, ACCOUNT_LEAST = 2, 100  # then the handle (whole in its tooltip), down to this
SHRINKABLE = (1, 2, 4)  # last, name, account and status share; the due day stays whole
# Above these, a column's unusually long text ends in “…” (its tooltip or the row says it
# whole) rather than take the note's room on a wide screen.
MOST = (260, 240, 240, 0, 280)


def tab_label(title: str, total: int) -> str:
    """A short tab title: "Later 19.5k" keeps five tabs within a 1024-pixel window."""
    return f"{title} {format_count(total)}" if total else title


def tab_tip(title: str, total: int) -> str:
    """The exact count, one hover away from the short title."""
    return f"{title}: {total:,} follow-up{'s' if total != 1 else ''}"


class FollowUpTable(QTableView):
    """The table, with Space to tick off and Enter to open (before the view's own handling)."""

    space_pressed = Signal()
    enter_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wanted: list[int] | None = None  # measured widths, until the rows change

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space marks done, Enter opens the influencer; other keys move as usual."""
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.space_pressed.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
        else:
            super().keyPressEvent(event)

    def setModel(self, model) -> None:  # Qt's name
        """Measure the columns again whenever the rows change (a section is a page or two)."""
        super().setModel(model)
        self._wanted = None
        for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
            signal.connect(self._on_rows_changed)

    def _on_rows_changed(self, *_args: object) -> None:
        self._wanted = None
        self.refit()

    def wanted_widths(self) -> list[int]:
        """Each column as wide as its title and the text and icons of the rows read so far
        (as their delegates measure them), up to its MOST."""
        if self._wanted is None:
            header = self.horizontalHeader()
            self._wanted = [
                max(header.sectionSizeHint(c), min(most, self.sizeHintForColumn(c)))
                for c, most in enumerate(MOST)
            ]
        return self._wanted

    def refit(self) -> None:
        """Share the width: see `fit_columns`."""
        fit_columns(self.horizontalHeader(), self.viewport().width(), self.wanted_widths())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Give way on name, account and status so the note keeps a readable share."""
        super().resizeEvent(event)
        self.refit()


def fit_columns(header: QHeaderView, width: int, wanted: list[int]) -> None:
    """The wanted widths where they fit beside the note's share; otherwise the account gives
    way, then the shrinkable columns share what the due day and the note's share leave (the
    note is in Stretch mode and takes the rest)."""
    widths = list(wanted)
    spare = width - int(width * NOTE_SHARE) - widths[0]
    short = sum(widths[i] for i in SHRINKABLE) - spare
    if short > 0:
        widths[ACCOUNT] -= max(0, min(short, widths[ACCOUNT] - ACCOUNT_LEAST))
    asked = sum(widths[i] for i in SHRINKABLE)
    if spare < asked:
        for i in SHRINKABLE:
            widths[i] = max(60, widths[i] * spare // asked)
    for column, size in enumerate(widths):
        if column != NOTE and header.sectionSize(column) != size:
            header.resizeSection(column, size)


class TopRow(QWidget):
    """The section tabs and the actions on one row, or on two when the window is narrow, so
    no tab hides behind scroll arrows."""

    def __init__(self, tabs: QWidget, actions: QWidget) -> None:
        super().__init__()
        self._tabs, self._actions = tabs, actions
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.addWidget(tabs, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self._wide: bool | None = None
        self._place(True)

    def _place(self, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        self._grid.removeWidget(self._actions)
        if wide:
            self._grid.addWidget(self._actions, 0, 1)
        else:
            self._grid.addWidget(self._actions, 1, 0, 1, 2)

    def refit(self, width: int | None = None) -> None:
        """Wrap the actions under the tabs when both do not fit side by side."""
        need = self._tabs.sizeHint().width() + self._actions.sizeHint().width()
        self._place(need + self._grid.spacing() <= (self.width() if width is None else width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The tab titles or the window changed size: one row or two."""
        self.refit(event.size().width())
        super().resizeEvent(event)


@dataclass(frozen=True)
class SectionRead:
    """What one read of the screen found: every section's count and the first page of one."""

    now: datetime
    totals: dict[str, int]
    section: str
    rows: tuple[FollowUpRow, ...]
    anything: bool = True  # any follow-up at all, the user's or not (the first-run page)


def read_sections(
    db: Database, section: str, now: datetime, only_mine: bool = False
) -> SectionRead:
    """Count every section and read the first page of `section` (runs in the background);
    `only_mine`: the user's own follow-ups only."""
    counts = follow_up_lists.buckets(db, now.date(), now=now, per_bucket=0, only_mine=only_mine)
    totals = {key: getattr(counts, key).total for key in SECTION_KEYS}
    anything = any(totals.values())
    if only_mine and not anything:  # none of the user's: are there any at all?
        everyone = follow_up_lists.buckets(db, now.date(), now=now, per_bucket=0)
        anything = any(getattr(everyone, key).total for key in SECTION_KEYS)
    rows = (
        follow_up_lists.bucket_rows(db, section, now.date(), 0, PAGE, now=now, only_mine=only_mine)
        if totals[section]
        else ()
    )
    return SectionRead(now, totals, section, tuple(rows), anything)


__all__ = [
    "SECTIONS",
    "SECTION_KEYS",
    "SNOOZES",
    "FollowUpTable",
    "SectionRead",
    "TopRow",
    "empty_text",
    "mine_only_box",
    "mine_only_on",
    "read_sections",
    "section_to_open",
    "tab_label",
    "tab_tip",
]
